"""Status icons whose shape carries the meaning, so they read in black and white.

Urgent: a filled octagon with "!" (a stop sign). Overdue: a filled triangle with "!".
Due soon: a ring with a clock hand. Colour only adds to the shape and the word.
"""

from __future__ import annotations

import math
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from cpdesk.ui.style import SEVERITY_COLOURS


def _paint(severity: str, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(SEVERITY_COLOURS[severity])
    m = size * 0.08
    r = QRectF(m, m, size - 2 * m, size - 2 * m)
    if severity == "due_soon":
        p.setPen(QPen(colour, size * 0.12))
        p.setBrush(Qt.BrushStyle.NoBrush)
        inner = r.adjusted(size * 0.06, size * 0.06, -size * 0.06, -size * 0.06)
        p.drawEllipse(inner)
        c = inner.center()
        p.drawLine(c, QPointF(c.x(), inner.top() + size * 0.2))
        p.drawLine(c, QPointF(c.x() + size * 0.18, c.y()))
    else:
        if severity == "urgent":
            cx, cy, radius = r.center().x(), r.center().y(), r.width() / 2
            points = [QPointF(cx + radius * math.cos(math.radians(22.5 + 45 * i)),
                              cy + radius * math.sin(math.radians(22.5 + 45 * i)))
                      for i in range(8)]
        else:
            points = [QPointF(r.center().x(), r.top()), QPointF(r.right(), r.bottom()),
                      QPointF(r.left(), r.bottom())]
        path = QPainterPath()
        path.addPolygon(QPolygonF(points))
        path.closeSubpath()
        p.fillPath(path, colour)
        # the exclamation mark, in white
        p.setPen(QPen(QColor("white"), size * 0.13, Qt.PenStyle.SolidLine,
                      Qt.PenCapStyle.RoundCap))
        top = r.top() + r.height() * (0.25 if severity == "urgent" else 0.38)
        x = r.center().x()
        p.drawLine(QPointF(x, top), QPointF(x, r.bottom() - r.height() * 0.35))
        p.drawPoint(QPointF(x, r.bottom() - r.height() * 0.16))
    p.end()
    return pixmap


@cache
def status_icon(severity: str) -> QIcon:
    """The icon for 'urgent', 'overdue' or 'due_soon' (crisp at 100% and 200% scaling)."""
    icon = QIcon()
    for size in (16, 20, 32, 40, 64):
        icon.addPixmap(_paint(severity, size))
    return icon
