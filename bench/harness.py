"""The benchmark harness: timing, results with their floors and targets, the table and JSON.

Every figure is the median of several timed runs (after one warm-up) of cpdesk's own code,
next to the median of a floor measured in the same run: the least any program could do for the
same result (a bare Qt window, a raw SQL query, a bare ReportLab document, a bare insert).
Targets come from issue 10; a result passes when it meets every target it has (a ratio to its
floor, an absolute time, or both). Nothing here imports Qt.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True)
class Result:
    name: str
    median_s: float
    floor_median_s: float
    runs: int
    target_ratio: float | None = None  # at most this many times the floor
    target_s: float | None = None  # and/or at most this many seconds
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.median_s / self.floor_median_s if self.floor_median_s > 0 else float("inf")

    @property
    def passed(self) -> bool:
        ok = True
        if self.target_ratio is not None:
            ok = ok and self.ratio <= self.target_ratio
        if self.target_s is not None:
            ok = ok and self.median_s <= self.target_s
        return ok

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name, "median_s": round(self.median_s, 6),
            "floor_median_s": round(self.floor_median_s, 6), "ratio": round(self.ratio, 3),
            "target_ratio": self.target_ratio, "target_s": self.target_s, "runs": self.runs,
            "passed": self.passed, "note": self.note,
        }


def median_of(times: Iterable[float]) -> float:
    return statistics.median(list(times))


def timed(fn: Callable[[], object], runs: int, *, warm_up: bool = True) -> list[float]:
    """Seconds for each of `runs` calls of `fn` (after one untimed warm-up call)."""
    if warm_up:
        fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times


def interleaved(
    fn: Callable[[], object], floor: Callable[[], object], runs: int
) -> tuple[list[float], list[float]]:
    """Time `fn` and its floor alternately, so a busy moment on a shared machine hits both."""
    fn()
    floor()
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        mine.append(time.perf_counter() - started)
        started = time.perf_counter()
        floor()
        theirs.append(time.perf_counter() - started)
    return mine, theirs


def _target_words(r: Result) -> str:
    parts = []
    if r.target_ratio is not None:
        parts.append(f"<={r.target_ratio:g}x")
    if r.target_s is not None:
        parts.append(f"<={r.target_s * 1000:g} ms")
    return ", ".join(parts) or "-"


def table(results: list[Result]) -> str:
    lines = [(f"{'benchmark':20} {'cpdesk ms':>10} {'floor ms':>9} {'ratio':>7} "
             f"{'target':>18} {'runs':>4}  result")]
    for r in results:
        lines.append(
            f"{r.name:20} {r.median_s * 1000:10.1f} {r.floor_median_s * 1000:9.2f} "
            f"{r.ratio:7.2f} {_target_words(r):>18} {r.runs:4d}  "
            f"{'pass' if r.passed else 'MISS'}{'  ' + r.note if r.note else ''}"
        )
    return "\n".join(lines)


def write_json(results: list[Result], path: Path, *, merge: bool = False) -> None:
    """Write the results; `merge` keeps the file's other figures (a run of only some)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    entries = [r.as_json() for r in results]
    if merge and path.exists():
        ours = {e["name"] for e in entries}
        kept = [e for e in json.loads(path.read_text()) if e.get("name") not in ours]
        entries = kept + entries
    path.write_text(json.dumps(entries, indent=2) + "\n")
