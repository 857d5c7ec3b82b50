"""Windows that grow to fit wrapped text that appears after they are shown (an error summary,
a longer list), so nothing is squeezed or cut off at 1366x768 or at 200% scaling."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def grow_to_fit(window: QWidget) -> None:
    """Make a window tall enough for wrapped text that just appeared (errors, hints), so
    nothing is squeezed or cut off; never taller than the screen."""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    width = window.width()
    wanted = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
              else layout.totalSizeHint().height())
    screen = window.screen().availableGeometry().height() if window.screen() else wanted
    if wanted > window.height():
        window.resize(width, min(wanted, screen))
