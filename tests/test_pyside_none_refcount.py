"""Guard against PySide6 6.12.0 on CPython 3.11, which drops a reference to None on every
void-returning Qt call and aborts the process after a few thousand calls (none_dealloc)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel


def test_void_qt_calls_do_not_leak_references_to_none(qapp: QApplication) -> None:
    label = QLabel()
    for _ in range(100):  # warm up caches that legitimately hold None
        label.setText("x")
    before = sys.getrefcount(None)
    for i in range(20_000):
        label.setText("visit" if i % 2 else "core group")
    after = sys.getrefcount(None)
    # Immortal None (3.12+) reports a huge constant; on 3.11 a leak shows as a steady fall.
    assert after >= before - 100, f"None lost {before - after} references over 20,000 calls"


def test_dependency_declaration_keeps_the_broken_pair_out() -> None:
    import tomllib
    from pathlib import Path

    from packaging.requirements import Requirement

    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    qt = [Requirement(d) for d in pyproject["project"]["dependencies"] if d.startswith("PySide6")]
    on_311 = [r for r in qt if r.marker is None or r.marker.evaluate({"python_version": "3.11"})]
    assert on_311, "no PySide6 requirement applies on Python 3.11"
    for req in on_311:
        assert not req.specifier.contains("6.12.0"), f"{req} admits 6.12.0 on Python 3.11"
    from PySide6 import __version__ as installed

    if sys.version_info < (3, 12):
        assert not installed.startswith("6.12."), f"PySide6 {installed} is installed on 3.11"
