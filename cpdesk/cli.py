"""The command line: every cpdesk command, proving the core runs without Qt.

Each command is a small function over the services. Errors print one readable line to stderr
and exit non-zero, never a traceback. `cpdesk` with no command starts the desktop app.
"""

from __future__ import annotations

import argparse
import gc
import getpass
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cpdesk import __version__
from cpdesk.domain.actor import SYSTEM
from cpdesk.domain.enums import Role
from cpdesk.domain.errors import CpdeskError
from cpdesk.domain.profile_summary import profile_lines
from cpdesk.domain.profiles import available_profiles, load_profile
from cpdesk.lazy import LazyChoices, lazy_module

if TYPE_CHECKING:
    from cpdesk.models.db import Store

# The services the commands call, loaded when a command first uses one, never at start-up:
# `cpdesk` with no command starts the desktop app, which must not wait for the CLI-only ones
# (issue 10). A command writes `interchange.import_cases(...)`; a new one adds its module here.
alerts = lazy_module("cpdesk.services.alerts")
consistency = lazy_module("cpdesk.services.consistency")
core_group = lazy_module("cpdesk.services.core_group")
demo = lazy_module("cpdesk.services.demo")
documents = lazy_module("cpdesk.services.documents")
interchange = lazy_module("cpdesk.services.interchange")
profile_service = lazy_module("cpdesk.services.profile")
signin = lazy_module("cpdesk.services.signin")
staff_service = lazy_module("cpdesk.services.staff")
team_service = lazy_module("cpdesk.services.team")
verification = lazy_module("cpdesk.services.verify")

Command = Callable[[argparse.Namespace], int]


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date in the form YYYY-MM-DD") from None


def open_db(args: argparse.Namespace) -> Store:
    # The store (SQLAlchemy and the models) is loaded by the first command that opens one,
    # not when this module is imported: `cpdesk` with no command loads it in cmd_gui.
    from cpdesk.models.db import open_store

    return open_store(args.db)


def cmd_gui(args: argparse.Namespace) -> int:
    # The desktop app is imported only when asked for, so the CLI starts without Qt. The cyclic
    # garbage collector waits while it loads, the store included (run_app turns it on again).
    # The store, and the first screen's reads with the tables they read, load before Qt: once
    # PySide6 is imported, its import hook reads the source of every module imported after it.
    # Issue 10, start-up.
    gc.disable()
    try:
        import cpdesk.models.db  # before Qt (above)
        import cpdesk.services.caseload  # noqa: F401 - before Qt (above)
        from cpdesk.app import run_app
    except BaseException:
        gc.enable()
        raise
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
        found = alerts.alerts_as_of(store, args.as_of or date.today())
    finally:
        store.close()
    if args.json:
        print(json.dumps([a.to_json() for a in found], indent=2))
    elif not found:
        print("No alerts.")
    else:
        for a in found:
            print(f"{a.severity.value:8}  {a.child:10}  {a.child_name:24}  {a.message}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    store = open_db(args)
    try:
        breaches = consistency.consistency_breaches(store)
    finally:
        store.close()
    for b in breaches:
        print(f"{b.case_number:10}  {b.rule:32}  {b.message}")
    print(f"{len(breaches)} breach{'es' if len(breaches) != 1 else ''} of record consistency.")
    return 1 if breaches else 0


def cmd_import(args: argparse.Namespace) -> int:
    store = open_db(args)
    try:
        summary = interchange.import_cases(store, args.file)
    except interchange.InterchangeRejected as exc:
        count = len(exc.problems) + exc.more
        print(
            f"cpdesk: {args.file} was not imported and nothing was saved "
            f"({count} problem{'s' if count != 1 else ''}):",
            file=sys.stderr,
        )
        for line in str(exc).splitlines():
            print(f"  {line}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print(summary.line)
    return 0


def cmd_export_json(args: argparse.Namespace) -> int:
    store = open_db(args)
    try:
        if args.out == "-":
            sys.stdout.write(interchange.dumps(interchange.export_cases(store, args.child)))
            return 0
        doc = interchange.write_export(store, args.out, args.child)
    finally:
        store.close()
    plans = sum(len(c["plans"]) for c in doc["children"])
    print(f"Exported {len(doc['children'])} children and {plans} plans to {args.out}.")
    return 0


def read_passwords(args: argparse.Namespace, prompts: list[str]) -> list[str]:
    """Passwords from standard input (one a line, for scripts) or asked without echo."""
    if getattr(args, "passwords_stdin", False):
        lines = [sys.stdin.readline().rstrip("\n") for _ in prompts]
        if any(not line for line in lines):
            raise CpdeskError(f"expected {len(prompts)} password line(s) on standard input")
        return lines
    return [getpass.getpass(prompt) for prompt in prompts]


def _counted(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def cmd_verify(args: argparse.Namespace) -> int:
    store = open_db(args)
    try:
        report = verification.verify(store)
    finally:
        store.close()
    for problem in report.problems:
        print(problem)
    found = ("no problems found" if report.ok
             else _counted(len(report.problems), "problem", "problems"))
    print(f"Checked {_counted(report.events_checked, 'audit event', 'audit events')} and "
          f"{_counted(report.signatures_checked, 'countersignature', 'countersignatures')}: "
          f"{found}.")
    return 0 if report.ok else 1


def cmd_team_init(args: argparse.Namespace) -> int:
    [password] = read_passwords(args, [f"Password for {args.admin_username}: "])
    team_service.init_team_database(
        args.url,
        team_service.NewStaff(args.admin_name, args.admin_username, Role.ADMINISTRATOR,
                              args.team),
        password,
        args.profile,
    )
    print(f"Team database ready at {args.url}; administrator {args.admin_username} can sign in.")
    return 0


def cmd_staff_add(args: argparse.Namespace) -> int:
    admin_password, password = read_passwords(
        args,
        [f"Password for {args.as_user} (administrator): ", f"First password for {args.username}: "],
    )
    store = open_db(args)
    try:
        admin = signin.sign_in(store, args.as_user, admin_password)
        changes = team_service.add_staff(
            store,
            admin,
            team_service.NewStaff(args.name, args.username, Role(args.role), args.team,
                                  args.email),
            password,
        )
    finally:
        store.close()
    print(changes.message)
    return 0


def cmd_demo_data(args: argparse.Namespace) -> int:
    if not getattr(args, "db", None):
        raise demo.DemoDataRefused("demo-data: give the new database to write with --db PATH")
    store = open_db(args)
    try:
        summary = demo.write_demo_data(store, args.as_of or date.today(), scale=args.scale,
                                       seed=args.seed)
        where = store.display_name
    finally:
        store.close()
    print(summary.sentence(where))
    if args.scale != "demo":
        print(f"{summary.plans:,} plans ({summary.open_plans:,} open), {summary.visits:,} "
              f"visits, {summary.core_group_meetings:,} core group meetings "
              f"in {summary.seconds:.1f} s.")
    return 0


def cmd_calendar(args: argparse.Namespace) -> int:
    store = open_db(args)
    try:
        actor = SYSTEM  # everyone's children, unless --as names a person
        if args.as_user:
            found = [m for m in staff_service.list_staff(store, include_inactive=True)
                     if m.username == args.as_user]
            if not found:
                raise CpdeskError(f"--as: no member of staff has the username '{args.as_user}'")
            actor = found[0].actor
        initials = args.initials or core_group.calendar_includes_initials(store)
        changes = core_group.write_calendar_ics(store, actor, args.out, date.today(),
                                     include_initials=initials, date_from=args.date_from,
                                     date_to=args.date_to)
    finally:
        store.close()
    print(changes.message)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """`cpdesk export KIND ...`: one document as a PDF, or a day's pro formas into a folder."""
    kind = args.kind
    if kind == "compliance" and args.child:
        raise documents.DocumentError("compliance covers a caseload: give --team NAME or nothing, "
                            "not --child")
    if kind != "compliance" and args.team:
        raise documents.DocumentError(f"--team is only for compliance, not {kind}")
    if args.meeting and kind not in ("pro-forma", "minutes"):
        raise documents.DocumentError(f"--meeting is only for pro-forma and minutes, not {kind}")
    if (args.date_from or args.date_to) and kind not in ("visits", "review-report"):
        raise documents.DocumentError(f"--from and --to are only for visits and review-report, not {kind}")
    if args.date is not None and kind != "pro-forma":
        raise documents.DocumentError(f"--date is only for pro-forma, not {kind}")
    if args.date is None and kind != "compliance" and not args.child and not args.meeting:
        raise documents.DocumentError(f"Enter the child's case number: cpdesk export {kind} --child "
                            "CASE_NO")
    today = args.as_of or date.today()
    store = open_db(args)
    try:
        actor = documents.actor_for_username(store, args.as_user or getpass.getuser(),
                                   getpass.getuser())
        if args.date is not None:
            paths = documents.export_pro_formas_for_date(store, actor, args.date, Path(args.out), today)
            for path in paths:
                print(path)
            print(f"Wrote {len(paths)} pro forma{'s' if len(paths) != 1 else ''} for "
                  f"{args.date.isoformat()} to {args.out}.")
            return 0
        path = documents.export_document(
            store, actor, kind, child_case_number=args.child, meeting_id=args.meeting,
            date_from=args.date_from, date_to=args.date_to, team=args.team,
            out=Path(args.out), today=today,
        )
    finally:
        store.close()
    about = f" for {args.child}" if args.child else ""
    print(f"Wrote {kind}{about} to {path}, printed by {actor.name}.")
    return 0


def cmd_profile(args: argparse.Namespace) -> int:
    store = open_db(args)
    try:
        profile = profile_service.current_profile(store)
    finally:
        store.close()
    print(f"This database follows: {profile.display_name} ({profile.name})")
    for what, words in profile_lines(profile):
        print(f"  {what}: {words}")
    print("Available profiles (change with 'cpdesk profile set NAME --as ADMIN_USERNAME'):")
    for name in available_profiles():
        try:
            title = load_profile(name).display_name
        except CpdeskError as exc:
            title = f"cannot be used: {exc}"
        print(f"  {name:16}  {title}{'  (in use)' if name == profile.name else ''}")
    return 0


def cmd_profile_set(args: argparse.Namespace) -> int:
    [admin_password] = read_passwords(args, [f"Password for {args.as_user} (administrator): "])
    store = open_db(args)
    try:
        admin = signin.sign_in(store, args.as_user, admin_password)
        changes = profile_service.set_profile(store, admin, args.name)
    finally:
        store.close()
    print(changes.message)
    return 0


def app_parser() -> argparse.ArgumentParser:
    """The parser of `cpdesk` itself: the desktop app's options, without the commands."""
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
    return parser


def starts_the_app(argv: Sequence[str]) -> bool:
    """Whether `argv` is only the desktop app's own options, written out in full (`--db PATH`,
    `--db=PATH`, `--demo`): app_parser() then reads it exactly as build_parser() would."""
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--demo" or arg.startswith("--db="):
            continue
        if arg == "--db" and rest and not rest[0].startswith("-"):
            rest.pop(0)
            continue
        return False
    return True


def build_parser() -> argparse.ArgumentParser:
    parser = app_parser()
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    # One line per command (keep them in the order a user meets them).
    team = commands.add_parser(
        "team",
        help="set up the shared team database (PostgreSQL)",
        description="set up the shared team database (PostgreSQL)",
    )
    team_commands = team.add_subparsers(title="commands", metavar="COMMAND", required=True)
    sub = team_commands.add_parser(
        "init", help="create the schema, the database roles and the first administrator"
    )
    sub.add_argument("url", help="postgresql://user@host/database (or a SQLite file)")
    sub.add_argument("--admin-username", required=True)
    sub.add_argument("--admin-name", required=True)
    sub.add_argument("--team", help="the administrator's team")
    sub.add_argument(
        "--profile", default="england-default", help="procedure profile (default: england-default)"
    )
    sub.add_argument(
        "--passwords-stdin",
        action="store_true",
        help="read the password from standard input instead of asking",
    )
    sub.set_defaults(func=cmd_team_init)
    staff = commands.add_parser(
        "staff", help="manage staff accounts", description="manage staff accounts"
    )
    staff_commands = staff.add_subparsers(title="commands", metavar="COMMAND", required=True)
    sub = add_command(
        staff_commands, "add", "add a social worker, manager or administrator", cmd_staff_add
    )
    sub.add_argument(
        "--as",
        dest="as_user",
        required=True,
        metavar="ADMIN_USERNAME",
        help="the administrator doing this (asked for their password)",
    )
    sub.add_argument("--name", required=True)
    sub.add_argument("--username", required=True)
    sub.add_argument("--role", required=True, choices=[r.value for r in Role])
    sub.add_argument("--team")
    sub.add_argument("--email")
    sub.add_argument(
        "--passwords-stdin",
        action="store_true",
        help="read the administrator's password, then the new person's, "
        "one a line from standard input",
    )
    add_command(
        commands,
        "verify",
        "check the audit trail, countersignatures and the database file for tampering or damage",
        cmd_verify,
    )
    sub = add_command(commands, "alerts", "list every alert, most serious first", cmd_alerts)
    sub.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD", help="default: today")
    sub.add_argument("--json", action="store_true", help="a JSON list instead of a table")
    add_command(
        commands,
        "check",
        "list every breach of record consistency (the national returns' checks)",
        cmd_check,
    )
    sub = add_command(
        commands,
        "import",
        "import case records from an interchange JSON file (all or nothing)",
        cmd_import,
    )
    sub.add_argument("file", metavar="FILE", help="a cpdesk-interchange JSON file")
    sub = add_command(
        commands, "export-json", "export case records as an interchange JSON file", cmd_export_json
    )
    sub.add_argument(
        "--out", required=True, metavar="FILE", help="the file to write, or - for standard output"
    )
    sub.add_argument(
        "--child",
        action="append",
        metavar="CASE_NO",
        help="only this child (repeat for more); default: every child",
    )
    sub = add_command(
        commands, "demo-data", "write a fictional caseload into a new database", cmd_demo_data
    )
    sub.add_argument("--scale", choices=LazyChoices("cpdesk.services.demo", "SCALES"),
                     default="demo", metavar="SCALE",
                     help="demo: about 25 children (default); small and authority: benchmarks")
    sub.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD",
                     help="the date the caseload is written as of (default: today)")
    sub.add_argument("--seed", type=int, default=7, help=argparse.SUPPRESS)
    sub = add_command(commands, "calendar", "write core group meetings, conferences and visits "
                      "due as a calendar (.ics) file", cmd_calendar)
    sub.add_argument("--out", required=True, metavar="FILE.ics", help="the file to write")
    sub.add_argument("--as", dest="as_user", metavar="USERNAME",
                     help="that person's calendar (a manager: their team); default: everyone's")
    sub.add_argument("--initials", action="store_true",
                     help="put children's initials after the case number in event titles")
    sub.add_argument("--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD",
                     help="default: a month ago")
    sub.add_argument("--to", dest="date_to", type=iso_date, metavar="YYYY-MM-DD",
                     help="default: a year ahead")
    sub = add_command(commands, "export", "print a document as a PDF: plan, child-plan, visits, "
                      "pro-forma, minutes, agreement, review-report or compliance", cmd_export)
    sub.add_argument("kind", choices=LazyChoices("cpdesk.services.documents", "KINDS"),
                     metavar="KIND", help="%(choices)s")
    sub.add_argument("--child", metavar="CASE_NO", help="the child's case number")
    sub.add_argument("--meeting", metavar="ID", help="pro-forma and minutes: this core group "
                     "meeting (default: the next one due / the latest held)")
    sub.add_argument("--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD",
                     help="visits and review-report: from this date")
    sub.add_argument("--to", dest="date_to", type=iso_date, metavar="YYYY-MM-DD",
                     help="visits and review-report: up to this date")
    sub.add_argument("--team", metavar="NAME", help="compliance: only this team")
    sub.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="pro-forma: one pro "
                     "forma for every core group meeting on this date; --out is then a folder")
    sub.add_argument("--out", required=True, metavar="FILE.pdf", help="the file (or folder) "
                     "to write")
    sub.add_argument("--as", dest="as_user", metavar="USERNAME", help="who is printing, named "
                     "in every page's footer (default: your computer user name; a staff "
                     "account with that username prints their name)")
    sub.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    sub = add_command(commands, "profile", "show the procedure profile this database follows "
                      "and the others available", cmd_profile)
    profile_commands = sub.add_subparsers(title="commands", metavar="COMMAND")
    sub = add_command(profile_commands, "set", "follow another procedure profile "
                      "(administrators)", cmd_profile_set)
    sub.add_argument("name", metavar="NAME", help="a profile name, e.g. sefton")
    sub.add_argument("--as", dest="as_user", required=True, metavar="ADMIN_USERNAME",
                     help="the administrator doing this (asked for their password)")
    sub.add_argument("--passwords-stdin", action="store_true",
                     help="read the administrator's password from standard input")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # Starting the desktop app skips making every command's parser (~5 ms of each start:
    # issue 10); a command, --help or anything unusual gets the whole parser.
    parser = app_parser() if starts_the_app(argv) else build_parser()
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
