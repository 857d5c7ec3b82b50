"""Underlines the profile's vague labels ('fine', 'disturbed') in a text box as the worker types.

Which words are vague is the domain's rule (`vague_words`, 002 s4); this only finds where they
are in each line and marks them (wavy underline and a pale yellow background, so the mark does
not rely on colour alone).
"""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from cpdesk.domain.visit_validation import vague_words


def _pattern(label: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(w) for w in label.split())
    return re.compile(rf"(?<![\w'-]){words}(?![\w'-])", re.IGNORECASE)


class VagueWordHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, labels: tuple[str, ...]) -> None:
        super().__init__(document)
        self.labels = labels
        self.mark = QTextCharFormat()
        self.mark.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.mark.setUnderlineColor(QColor("#b10e1e"))
        self.mark.setBackground(QColor("#fff7bf"))

    def highlightBlock(self, text: str) -> None:  # Qt's name
        for label in vague_words(text, self.labels):
            for m in _pattern(label).finditer(text):
                self.setFormat(m.start(), m.end() - m.start(), self.mark)
