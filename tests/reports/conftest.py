"""A demo caseload written once per module into a SQLite file, and PDF reading helpers.

The demo data is written as of TODAY; tests read the expected values from the store with the
ORM (not from the document records), so a PDF is checked against what is really recorded.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from cpdesk.domain.dates import format_date
from cpdesk.models.db import Store, open_store
from cpdesk.services.demo import write_demo_data

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.fixture(scope="module")
def demo_file(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    shutil.copyfile(sqlite_template, path)
    store = open_store(path)
    write_demo_data(store, TODAY)
    store.close()
    return path


@pytest.fixture
def demo_store(demo_file: Path) -> Iterator[Store]:
    store = open_store(demo_file)
    yield store
    store.close()


def pdf_text(path: Path) -> tuple[str, int]:
    """All the text of a PDF (pages joined, every run of white space one space: headings and
    cells wrap) and its page count."""
    reader = PdfReader(str(path))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(text.split()), len(reader.pages)


def compact(text: str) -> str:
    return "".join(text.split())


def has(text: str, value: str, n: int = 22) -> bool:
    """True when the PDF text holds the start of `value` (its first `n` characters, spaces
    ignored: table cells wrap, and extraction reads wrapped cells line by line)."""
    return compact(value)[:n] in compact(text)


def assert_page_furniture(text: str, pages: int, *, name: str | None, case_number: str | None,
                          printed_by: str) -> None:
    """Every page: marking, child and case number, 'Page X of Y', date printed and by whom."""
    assert text.count("OFFICIAL-SENSITIVE") >= 2 * pages  # header and footer of every page
    for page in range(1, pages + 1):
        assert f"Page {page} of {pages}" in text
    assert text.count(f"Printed {format_date(TODAY)} by {printed_by}") == pages
    if case_number is not None:
        assert text.count(f"case number {case_number}") >= pages
        assert name is not None and name in text
