"""The calm look: system font, one accent colour, generous spacing, status colours that pass
WCAG 2.2 AA on white and always come with a word and an icon shape (widgets/status_icon.py).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#1d70b8"  # GOV.UK blue: links, selection, focus
TEXT = "#0b0c0c"
SECONDARY_TEXT = "#505a5f"
BORDER = "#b1b4b6"
PANEL = "#f3f2f1"
ERROR_RED = "#b10e1e"  # error messages and their bars (GOV.UK error colour)

# Severity colours (text contrast on white: 7.6, 5.9 and 9.2 to 1).
SEVERITY_COLOURS = {"urgent": "#b10e1e", "overdue": "#a14700", "due_soon": "#4c2c92"}
SEVERITY_WORDS = {"urgent": "Urgent", "overdue": "Overdue", "due_soon": "Due soon"}


def severity_colour(severity: str | None) -> QColor:
    return QColor(SEVERITY_COLOURS.get(severity or "", TEXT))


STYLE_SHEET = f"""
QWidget {{ color: {TEXT}; }}
QMainWindow, QDialog {{ background: white; }}
QTableView {{
    gridline-color: #e5e6e7; selection-background-color: {ACCENT};
    selection-color: white; alternate-background-color: #f8f8f8;
}}
QHeaderView::section {{
    background: {PANEL}; border: none; border-bottom: 2px solid {BORDER};
    border-right: 1px solid #e5e6e7; padding: 6px 8px; font-weight: 600;
}}
QLineEdit, QComboBox {{ padding: 4px 6px; border: 2px solid {SECONDARY_TEXT}; border-radius: 0; }}
QLineEdit:focus, QComboBox:focus {{ border: 2px solid {TEXT}; outline: 3px solid #ffdd00; }}
QTabBar::tab {{
    padding: 8px 16px; border: 1px solid {BORDER}; border-bottom: none; background: {PANEL};
    margin-right: 2px;
}}
QTabBar::tab:selected {{ background: white; font-weight: 600; border-top: 3px solid {ACCENT}; }}
QTabWidget::pane {{ border: 1px solid {BORDER}; top: -1px; }}
QLabel[role="heading"] {{ font-size: 15pt; font-weight: 700; }}
QLabel[role="subheading"] {{ font-weight: 700; font-size: 11pt; padding-top: 6px; }}
QLabel[role="secondary"] {{ color: {SECONDARY_TEXT}; }}
QFrame[role="banner-error"] {{ background: #fbeaea; border-left: 6px solid #b10e1e; }}
QFrame[role="banner-info"] {{ background: #e8f1f8; border-left: 6px solid {ACCENT}; }}
QFrame[role="record-header"] {{ background: {PANEL}; border-bottom: 1px solid {BORDER}; }}
QStatusBar QLabel {{ padding: 0 8px; }}
QListWidget::item {{ padding: 6px 4px; }}
"""


# The Fusion style (looks the same on every platform), named on Qt's command line when the app
# is made (app.make_application): set afterwards, QApplication.setStyle hands the new style back
# as a Python object, and making the first one builds every QStyle enum (~5 ms of start-up).
STYLE_ARGUMENTS = ("-style", "fusion")


def apply(app: QApplication) -> None:
    """Our colours on the system font (the Fusion style comes with STYLE_ARGUMENTS)."""
    palette = QPalette(app.palette())
    palette.setColor(QPalette.ColorRole.Window, QColor("white"))
    palette.setColor(QPalette.ColorRole.Base, QColor("white"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f8f8f8"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Text, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Button, QColor(PANEL))
    app.setPalette(palette)
    app.setStyleSheet(STYLE_SHEET)
