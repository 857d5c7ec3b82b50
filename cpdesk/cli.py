"""The command line: every cpdesk command, proving the core runs without Qt.

Each command is a small function over the services. Errors print one readable line to stderr
and exit non-zero, never a traceback. `cpdesk` with no command starts the desktop app.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date

from cpdesk import __version__
from cpdesk.domain.errors import CpdeskError
from cpdesk.models.db import Store, open_store
from cpdesk.services.alerts import alerts_as_of
from cpdesk.services.consistency import consistency_breaches

Command = Callable[[argparse.Namespace], int]


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date in the form YYYY-MM-DD") from None


def open_db(args: argparse.Namespace) -> Store:
    return open_store(args.db)


def cmd_gui(args: argparse.Namespace) -> int:
    # The desktop app is imported only when asked for, so the CLI starts without Qt.
    from cpdesk.app import run_app

    return run_app(db=args.db, demo=args.demo)


def add_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    purpose: str,
    func: Command,
) -> argparse.ArgumentParser:
    """One sub-command; its one-line purpose is what `cpdesk --help` lists."""
    sub = commands.add_parser(name, help=purpose, description=purpose)
    sub.add_argument(
        "--db",
        metavar="URL_OR_PATH",
        default=argparse.SUPPRESS,
        help="SQLite file or postgresql:// URL",
    )
    sub.set_defaults(func=func)
    return sub


# --- commands (each a thin function over the services) ---


def cmd_alerts(args: argparse.Namespace) -> int:
    store = open_db(args)
    try:
        alerts = alerts_as_of(store, args.as_of or date.today())
    finally:
        store.close()
    if args.json:
        print(json.dumps([a.to_json() for a in alerts], indent=2))
    elif not alerts:
        print("No alerts.")
    else:
        for a in alerts:
            print(f"{a.severity.value:8}  {a.child:10}  {a.child_name:24}  {a.message}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    store = open_db(args)
    try:
        breaches = consistency_breaches(store)
    finally:
        store.close()
    for b in breaches:
        print(f"{b.case_number:10}  {b.rule:32}  {b.message}")
    print(f"{len(breaches)} breach{'es' if len(breaches) != 1 else ''} of record consistency.")
    return 1 if breaches else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cpdesk",
        description="Case recording for children on a child protection plan. "
        "With no command, starts the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"cpdesk {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL_OR_PATH",
        help="SQLite file or postgresql:// URL (default: CPDESK_DATABASE_URL, "
        "else the last database used, else your own local file)",
    )
    parser.add_argument(
        "--demo", action="store_true", help="start the desktop app on a fresh demo caseload"
    )
    parser.set_defaults(func=cmd_gui)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    # One line per command (keep them in the order a user meets them).
    sub = add_command(commands, "alerts", "list every alert, most serious first", cmd_alerts)
    sub.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD", help="default: today")
    sub.add_argument("--json", action="store_true", help="a JSON list instead of a table")
    add_command(commands, "check", "list every breach of record consistency (the national "
                "returns' checks)", cmd_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CpdeskError as exc:
        print(f"cpdesk: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"cpdesk: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
