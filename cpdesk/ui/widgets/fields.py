"""Labelled inputs whose accessible name equals their visible label (tests find them by it)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


def labelled(label_text: str, widget: QWidget, parent: QWidget | None = None) -> QLabel:
    """A label bound to `widget` (Alt+letter moves focus there) naming it for screen readers."""
    label = QLabel(label_text, parent)
    label.setBuddy(widget)
    widget.setAccessibleName(label_text.replace("&", ""))
    return label


def heading(text: str, role: str = "heading") -> QLabel:
    label = QLabel(text)
    label.setProperty("role", role)
    label.setAccessibleName(text)
    return label


def secondary(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "secondary")
    label.setWordWrap(True)
    return label
