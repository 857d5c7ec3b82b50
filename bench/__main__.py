"""python -m bench [--quick] [--runs N] [--pg URL] [--only NAME ...]

The whole suite in one command: prints a table (each figure beside its floor, the ratio, the
issue's target, pass or MISS) and writes bench/results/latest.json (full run: the authority
database, made once into bench/data/) or bench/results/quick.json (--quick: the small scale, in
under a minute). PostgreSQL is measured when --pg URL or CPDESK_TEST_DATABASE_URL is given.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time

from bench.harness import RESULTS_DIR, Result, table, write_json

NAMES = ("cold_start", "alerts_authority", "caseload", "documents", "visit_finalise",
         "alerts_postgresql")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small scale, fewer runs")
    parser.add_argument("--runs", type=int, help="timed runs per figure (default 7, quick 3)")
    parser.add_argument("--pg", metavar="URL", help="also measure the alerts on PostgreSQL")
    parser.add_argument("--only", nargs="+", choices=NAMES, help="run only these")
    args = parser.parse_args(argv)
    scale = "small" if args.quick else "authority"
    runs = args.runs or (3 if args.quick else 7)
    pg = args.pg or os.environ.get("CPDESK_TEST_DATABASE_URL")
    wanted = set(args.only or NAMES)
    started = time.perf_counter()

    results: list[Result] = []
    if "cold_start" in wanted:
        from bench import bench_cold_start
        results.append(bench_cold_start.run(runs))
    if "alerts_authority" in wanted:
        from bench import bench_alerts
        results.append(bench_alerts.run_sqlite(scale, runs))
    if "caseload" in wanted:
        from bench import bench_caseload
        results.extend(bench_caseload.run(scale, runs))
    if "documents" in wanted:
        from bench import bench_documents
        results.extend(bench_documents.run(runs))
    if "visit_finalise" in wanted:
        from bench import bench_visits
        # each run is a few ms, so take enough for a steady median on a shared machine
        results.append(bench_visits.run(max(runs, 25)))
    if pg and "alerts_postgresql" in wanted:
        from bench import bench_alerts
        results.append(bench_alerts.run_postgresql(pg, scale, runs))

    print(table(results))
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; {scale} scale; {time.perf_counter() - started:.0f} s")
    out = RESULTS_DIR / ("quick.json" if args.quick else "latest.json")
    write_json(results, out, merge=bool(args.only))
    print(f"wrote {out}")
    return 0 if all(r.passed for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
