"""Writes a fictional caseload into an empty store, so every screen has something true to show.

Owns `write_demo_data` (the `cpdesk demo-data` command).
Imports domain, models and services.records (whose `subject_content` a countersignature
hashes); never Qt or ReportLab.

Design:
- Three scales. "demo" (about 25 children, 3 social workers and a manager in one team) is
  written through the ORM models, each household hand-described so the caseload covers what the
  procedures care about: brothers and sisters visited together, a baby seen awake, an unborn
  child, an ended plan, a child with a previous plan, a child unseen at the last visit, visits,
  core groups, minutes and actions overdue, a late draft, countersigned and pending records.
  "small" (about 2,000 children, 100,000 visits) and "authority" (about 20,000 children,
  1,000,000 visits, 200 staff in 20 teams) are for benchmarks (issue 10): written with
  SQLAlchemy Core bulk inserts in chunks, with shorter text.
- Everything is relative to `today`, so the demo always shows a mix of on-time and overdue
  work, and deterministic for a seed: one `random.Random(seed)` drives every choice and every
  id (UUIDs made from its bits), and every timestamp is derived from the record's own dates.
- All names, addresses and telephone numbers are invented: the town of Northbridge with "NB"
  postcodes (no such postcode area exists), Ofcom's drama numbers (01632 960xxx, 07700 900xxx)
  and `.example` e-mail addresses.
- One transaction: the whole caseload, one "demo_data" audit event and (when absent) the
  procedure profile setting are committed together, or nothing is written.
"""

from __future__ import annotations

import json
import random
import time as clock
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.orm import Session

from cpdesk.domain.actor import SYSTEM
from cpdesk.domain.countersign import content_hash
from cpdesk.domain.dates import is_under_one
from cpdesk.domain.enums import (
    ActionStatus,
    Category,
    ConferenceKind,
    CountersignDecision,
    CountersignSubject,
    EndReason,
    Gender,
    IntervalUnit,
    MemberKind,
    OutcomeOrigin,
    PlanStatus,
    RecordStatus,
    RiskTrend,
    Role,
    VisitType,
)
from cpdesk.domain.errors import CpdeskError
from cpdesk.domain.working_days import WorkingCalendar, calendar_for
from cpdesk.models import (
    Action,
    Child,
    Concern,
    Conference,
    CoreGroupMeeting,
    CoreGroupMember,
    Countersignature,
    Disagreement,
    FamilyMember,
    Household,
    MeetingAttendance,
    MeetingProgress,
    Observation,
    Outcome,
    Plan,
    PlanVersion,
    Setting,
    Staff,
    Team,
    Visit,
    VisitChild,
)
from cpdesk.models.core_group import MINUTES_COUNTERSIGNED
from cpdesk.models.db import Store
from cpdesk.models.tables import PROFILE_KEY
from cpdesk.models.visit import VISIT_COPIES, VISIT_COUNTERSIGNED
from cpdesk.services.audit import record_event
from cpdesk.services.records import BOOKKEEPING, NOT_SIGNED, load_subjects, subject_content

__all__ = [
    "DEFAULT_PROFILE",
    "SCALES",
    "BulkScale",
    "DemoDataRefused",
    "DemoSummary",
    "minutes_rows_content_hash",
    "visit_rows_content_hash",
    "write_bulk_data",
    "write_demo_data",
]

SCALES = ("demo", "small", "authority")
DEFAULT_PROFILE = "england-default"
AUTHORITY = "Northbridge"
LEAD_BODY = "Northbridge Children's Social Care"
CHUNK = 10_000


class DemoDataRefused(CpdeskError):
    """Demo data is written only into a database that holds no case records yet."""


@dataclass(frozen=True)
class DemoSummary:
    """What `write_demo_data` wrote."""

    scale: str
    seed: int
    as_of: date
    children: int
    social_workers: int
    managers: int
    administrators: int
    teams: int
    plans: int
    open_plans: int
    visits: int
    core_group_meetings: int
    seconds: float

    def sentence(self, where: str) -> str:
        """'Wrote a demo caseload of 25 children (3 social workers, 1 manager) to PATH.'"""
        what = "a demo caseload" if self.scale == "demo" else f"an {self.scale}-scale caseload"
        if self.scale == "small":
            what = "a small-scale caseload"
        return (
            f"Wrote {what} of {self.children:,} children "
            f"({_count(self.social_workers, 'social worker')}, {_count(self.managers, 'manager')})"
            f" to {where}."
        )


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


# --- what a countersignature signs --------------------------------------------------------


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _content_columns(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _iso(v) for k, v in row.items() if k not in BOOKKEEPING}


def visit_rows_content_hash(
    visit: Mapping[str, Any],
    children: Sequence[tuple[Mapping[str, Any], Sequence[Mapping[str, Any]]]],
) -> str:
    """The countersignature hash of a visit written as Core rows (every column given).

    Equal to `content_hash(subject_content(session, VISIT, id))` once the rows are stored, as
    `cpdesk verify` recomputes it, without reading a million visits back: the same columns (all
    but the bookkeeping), ISO dates, children in position order with their observations.
    """
    content = _content_columns(visit)
    content["children"] = [
        {**{k: v for k, v in _content_columns(child).items() if k not in VISIT_COPIES},
         "observations": [_content_columns(o) for o in observations]}
        for child, observations in sorted(children, key=lambda c: c[0]["position"])
    ]
    return content_hash(content)


def minutes_rows_content_hash(
    meeting: Mapping[str, Any], attendance: Sequence[Mapping[str, Any]],
    progress: Sequence[Mapping[str, Any]],
) -> str:
    """The countersignature hash of core group minutes written as Core rows, as
    `subject_content` reads them back: the meeting (less what is not signed), attendance by
    name then id, progress in position order."""
    content = {k: v for k, v in _content_columns(meeting).items()
               if k not in NOT_SIGNED[CountersignSubject.CORE_GROUP_MINUTES]}
    content["attendance"] = sorted((_content_columns(a) for a in attendance),
                                   key=lambda a: (a["name"], a["id"]))
    content["progress"] = [_content_columns(p)
                           for p in sorted(progress, key=lambda p: p["position"])]
    return content_hash(content)


# --- shared helpers ----------------------------------------------------------------------


class _Ids:
    """UUIDs from the seeded generator, so the same seed gives the same ids."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng

    def new(self) -> str:
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))


def _at(d: date, hour: int = 17, minute: int = 0) -> datetime:
    return datetime.combine(d, time(hour, minute), tzinfo=UTC)


def _weekday_on_or_before(d: date) -> date:
    """The last working day on or before `d` (conferences are not held on bank holidays)."""
    calendar = calendar_for("england")
    while not calendar.is_working_day(d):
        d -= timedelta(days=1)
    return d


def _snapshot(plan: Mapping[str, Any]) -> str:
    return json.dumps(plan, sort_keys=True, ensure_ascii=False, default=_iso)


def _refuse_if_not_empty(session: Session, store: Store, usernames: Iterable[str]) -> None:
    children = session.scalar(select(func.count()).select_from(Child)) or 0
    if children:
        raise DemoDataRefused(
            f"{store.display_name} already holds {children:,} "
            f"{'child' if children == 1 else 'children'}: demo data is "
            "written only into an empty database. Give a new file with --db."
        )
    names = list(usernames)
    taken: list[str] = []
    for start in range(0, len(names), 500):
        part = names[start:start + 500]
        taken += session.scalars(select(Staff.username).where(Staff.username.in_(part))).all()
    if taken:
        raise DemoDataRefused(
            f"{store.display_name} already has a staff account '{min(taken)}': demo data "
            "is written only into an empty database. Give a new file with --db."
        )


def _ensure_profile(session: Session, ids: _Ids, at: datetime) -> None:
    if session.scalar(select(Setting).where(Setting.key == PROFILE_KEY)) is None:
        session.add(Setting(id=ids.new(), key=PROFILE_KEY, value=DEFAULT_PROFILE,
                            created_at=at, updated_at=at))


def write_demo_data(
    store: Store, today: date, *, scale: str = "demo", seed: int = 7
) -> DemoSummary:
    """Write a fictional caseload as of `today` in one transaction, with a "demo_data" event.

    scale: "demo" (about 25 children), "small" (about 2,000) or "authority" (about 20,000).
    Raises DemoDataRefused if the database already holds children.
    """
    if scale == "demo":
        started = clock.perf_counter()
        writer = _DemoWriter(today, seed)
        with store.session() as session:
            _refuse_if_not_empty(session, store, writer.usernames())
            counts = writer.write(session)
            _ensure_profile(session, writer.ids, _at(today, 8))
            record_event(session, SYSTEM, "demo_data", "caseload", None,
                         after={"scale": scale, "seed": seed, "as_of": today.isoformat(),
                                **counts})
        return DemoSummary(
            scale=scale, seed=seed, as_of=today, children=counts["children"],
            social_workers=counts["social_workers"], managers=counts["managers"],
            administrators=counts["administrators"], teams=counts["teams"],
            plans=counts["plans"], open_plans=counts["open_plans"], visits=counts["visits"],
            core_group_meetings=counts["core_group_meetings"],
            seconds=clock.perf_counter() - started,
        )
    if scale in BULK_SCALES:
        return write_bulk_data(store, today, BULK_SCALES[scale], seed=seed)
    raise DemoDataRefused(f"scale: must be one of {', '.join(SCALES)}, not '{scale}'")


# --- the demo caseload: one team, hand-described households ------------------------------

TEAM_NAME = "Northbridge Child Protection Team"
MANAGER = ("Helen Ashworth", "helen.ashworth")
WORKERS = (("Asha Patel", "asha.patel"), ("Tom Brennan", "tom.brennan"),
           ("Grace Okafor", "grace.okafor"))
ADMINISTRATOR = ("Martin Lowe", "martin.lowe")
CHAIRS = ("Janet Rowe", "David Kerr")
EDT = "the emergency duty team on 01632 960 000"


@dataclass(frozen=True)
class _Kid:
    given: str
    family: str
    gender: Gender
    age_days: int | None  # None: unborn (the household's `due_in_days`)
    ethnicity: str
    disability: str | None = None
    known_as: str | None = None


@dataclass(frozen=True)
class _Adult:
    name: str
    relationship: str  # to the children, e.g. "Mother"
    pr: bool
    lives_with: bool
    excluded_reason: str | None = None  # a parent excluded from the core group

    @property
    def first(self) -> str:
        return self.name.split()[0]


@dataclass(frozen=True)
class _Home:
    key: str
    address: str
    kids: tuple[_Kid, ...]
    adults: tuple[_Adult, ...]
    worker: int
    category: Category
    plan_days: int  # days since the initial conference
    last_visit_ago: int | None  # days since the latest visit (None: plan ended)
    sleeping: str
    flags: frozenset[str] = frozenset()
    family_language: str | None = None
    ended_days_ago: int | None = None
    due_in_days: int | None = None
    visit_interval: int | None = None
    school: str | None = None
    relative: str = "Maureen Fairbrother (grandmother)"

    @property
    def family_name(self) -> str:
        return self.kids[0].family

    @property
    def carer(self) -> _Adult:
        return next(a for a in self.adults if a.lives_with)


def _y(years: int, days: int = 0) -> int:
    return years * 365 + days


F, M, U = Gender.FEMALE, Gender.MALE, Gender.UNKNOWN
WB = "White British"

HOMES: tuple[_Home, ...] = (
    _Home(
        "hughes", "27 Larkspur Road, Northbridge NB4 2QT",
        (_Kid("Kayden", "Hughes", M, _y(9, 40), WB), _Kid("Lily-Mae", "Hughes", F, _y(6, 200), WB),
         _Kid("Alfie", "Hughes", M, _y(3, 90), WB)),
        (_Adult("Stacey Hughes", "Mother", True, True),
         _Adult("Dean Hughes", "Father", True, False)),
        0, Category.NEGLECT, 214, 4,
        "Kayden and Alfie share the back bedroom in bunk beds (Kayden on top); Lily-Mae has the "
        "box room with a single bed. Stacey sleeps in the front bedroom.",
        frozenset({"minutes_pending", "disagreement", "household"}),
        school="Larkspur Primary School",
    ),
    _Home(
        "begum", "Flat 6, Canal View, Wharf Street, Northbridge NB1 7HD",
        (_Kid("Ayaan", "Begum", M, _y(11, 120), "Asian or Asian British: Bangladeshi"),
         _Kid("Safa", "Begum", F, _y(7, 300), "Asian or Asian British: Bangladeshi")),
        (_Adult("Rukhsana Begum", "Mother", True, True),
         _Adult("Imran Miah", "Father", True, False,
                "A non-molestation order protects Rukhsana Begum until next year. Imran Miah is "
                "told of the core group's discussions and outcomes in writing by the lead "
                "social worker.")),
        1, Category.EMOTIONAL, 425, 18,
        "Ayaan and Safa each have a single bed in the larger bedroom, with a curtain between "
        "them; Rukhsana sleeps in the second bedroom.",
        frozenset({"core_group_overdue", "household"}), family_language="Bengali",
        school="Wharf Street Primary School",
    ),
    _Home(
        "kowalski", "41 Foundry Terrace, Northbridge NB2 5LS",
        (_Kid("Zofia", "Kowalska", F, _y(4, 60), "White: Polish"),
         _Kid("Oliwer", "Kowalski", M, 152, "White: Polish")),
        (_Adult("Marta Kowalska", "Mother", True, True),
         _Adult("Piotr Kowalski", "Father", True, True)),
        2, Category.PHYSICAL, 15, 3,
        "Oliwer sleeps in a cot in his parents' room, on his back, with a fitted sheet and a "
        "baby sleeping bag and nothing else in the cot. Zofia has her own room with a toddler "
        "bed.",
        frozenset({"household", "weekly_visits"}), family_language="Polish", visit_interval=7,
        school="Foundry Lane Nursery",
    ),
    _Home(
        "whitfield", "Room 4, Holly House, 9 Chapel Street, Northbridge NB3 1RF",
        (_Kid("Unborn baby", "Whitfield", U, None, WB),),
        (_Adult("Jade Whitfield", "Mother", True, True),
         _Adult("Kyle Barker", "Father (unborn baby)", False, False)),
        0, Category.NEGLECT, 38, 10,
        "Jade has a single room with a double bed at Holly House (supported accommodation). "
        "A cot from the baby bank is flat-packed in the corner, with a new mattress still "
        "wrapped.",
        frozenset({"unborn"}), due_in_days=45,
    ),
    _Home(
        "clarke", "12 Beacon Close, Northbridge NB6 4AW",
        (_Kid("Ruby", "Clarke", F, _y(8, 150), WB),),
        (_Adult("Leanne Clarke", "Mother", True, True),
         _Adult("Gary Clarke", "Stepfather", False, True)),
        1, Category.EMOTIONAL, 490, None,
        "Ruby has her own bedroom at the front of the house with a single bed, a wardrobe and "
        "her desk.",
        frozenset({"ended"}), ended_days_ago=95, school="Beacon Primary School",
    ),
    _Home(
        "doyle", "88 Sandpiper Way, Northbridge NB5 8JN",
        (_Kid("Mason", "Doyle", M, _y(12, 250), WB),),
        (_Adult("Kerry Doyle", "Mother", True, True),
         _Adult("Shaun Doyle", "Father", True, False)),
        2, Category.PHYSICAL, 120, 12,
        "Mason has the back bedroom with a single bed, a games console and a wardrobe. Kerry "
        "sleeps in the front bedroom.",
        frozenset({"previous_plan"}), school="Sandpiper Academy",
    ),
    _Home(
        "marsh", "5 Orchard Gardens, Northbridge NB2 9TE",
        (_Kid("Chloe", "Marsh", F, _y(14, 100), WB),),
        (_Adult("Donna Marsh", "Mother", True, True),
         _Adult("Paul Marsh", "Father", True, False)),
        2, Category.SEXUAL, 150, 5,
        "Chloe has her own room at the top of the stairs, with a double bed; the window now has "
        "a restrictor fitted after she climbed out in the spring.",
        frozenset({"not_seen_alone"}), school="Orchard Park High School",
    ),
    _Home(
        "fairbrother", "19 Quarry Hill, Northbridge NB7 3PL",
        (_Kid("Harvey", "Fairbrother", M, _y(13, 20), WB),
         _Kid("Ellis", "Fairbrother", M, _y(10, 180), WB)),
        (_Adult("Kirsty Fairbrother", "Mother", True, True),
         _Adult("Maureen Fairbrother", "Maternal grandmother", False, False)),
        1, Category.MULTIPLE, 300, 8,
        "Harvey and Ellis share the larger bedroom with two single beds; Kirsty has the second "
        "bedroom.",
        frozenset({"actions_overdue", "household", "latest_category", "harvey_not_alone"}),
        school="Quarry Hill Academy",
    ),
    _Home(
        "oconnor", "2 Ferry Cottages, Riverside, Northbridge NB1 2XY",
        (_Kid("Niamh", "O'Connor", F, _y(5, 100), "White: Irish"),
         _Kid("Conor", "O'Connor", M, _y(2, 30), "White: Irish")),
        (_Adult("Siobhan O'Connor", "Mother", True, True),
         _Adult("Liam Walsh", "Father", True, True)),
        0, Category.NEGLECT, 60, 16,
        "Niamh and Conor share the small bedroom: Niamh in a single bed, Conor in a cot bed. "
        "Siobhan and Liam sleep in the front room on a sofa bed.",
        frozenset({"household"}), school="Riverside Infant School",
    ),
    _Home(
        "thompson", "63 Hawthorn Avenue, Northbridge NB4 6DG",
        (_Kid("Leo", "Thompson", M, _y(7, 210), "Mixed: White and Black Caribbean"),),
        (_Adult("Natalie Thompson", "Mother", True, True),
         _Adult("Ryan Cole", "Mother's partner", False, True)),
        1, Category.PHYSICAL, 90, 6,
        "Leo has the small bedroom with a cabin bed and a chest of drawers.",
        frozenset({"child_unseen", "police_protection"}), school="Hawthorn Primary School",
    ),
    _Home(
        "adeyemi", "30 Kingfisher Court, Northbridge NB3 8QA",
        (_Kid("Tobi", "Adeyemi", M, _y(15, 60), "Black or Black British: African"),),
        (_Adult("Funmilayo Adeyemi", "Mother", True, True),
         _Adult("Olu Adeyemi", "Father", True, True)),
        2, Category.EMOTIONAL, 250, 9,
        "Tobi has his own room with a single bed and a desk; his parents share the main "
        "bedroom.",
        frozenset(), school="Kingfisher High School",
    ),
    _Home(
        "mistry", "7 Weaver's Row, Northbridge NB5 2HB",
        (_Kid("Priya", "Mistry", F, _y(9, 300), "Asian or Asian British: Indian",
              disability="Type 1 diabetes"),),
        (_Adult("Anjali Mistry", "Mother", True, True),),
        0, Category.NEGLECT, 180, 7,
        "Priya shares the double bed in the one bedroom with her mother; Anjali said she is on "
        "the housing register for a two-bedroom flat.",
        frozenset({"late_draft", "delegated"}), school="Weaver's Row Primary School",
    ),
    _Home(
        "lewis", "14 Slate Street, Northbridge NB6 1MU",
        (_Kid("Carys", "Lewis", F, _y(3, 20), "White: Welsh"),),
        (_Adult("Bethan Lewis", "Mother", True, True),
         _Adult("Jordan Hale", "Father", True, False)),
        2, Category.PHYSICAL, 45, 2,
        "Carys has a toddler bed in her own room, with a stair gate across the doorway.",
        frozenset(), school="Slate Street Nursery",
    ),
    _Home(
        "shah", "52 Beech Grove, Northbridge NB2 4WW",
        (_Kid("Zara", "Shah", F, _y(12, 60), "Asian or Asian British: Pakistani"),),
        (_Adult("Nadia Shah", "Mother", True, True), _Adult("Tariq Shah", "Father", True, True)),
        1, Category.SEXUAL, 330, 11,
        "Zara has her own room with a lock on the inside of the door, fitted at her request.",
        frozenset(), family_language="Urdu", school="Beech Grove Academy",
    ),
    _Home(
        "evans", "Flat 11, Brook House, Northbridge NB1 5EE",
        (_Kid("Jayden", "Evans", M, 548, WB),),
        (_Adult("Courtney Evans", "Mother", True, True),
         _Adult("Reece Morgan", "Father", True, False)),
        0, Category.NEGLECT, 400, 23,
        "Jayden sleeps in a cot bed in his mother's bedroom.",
        frozenset({"core_group_overdue", "countersign_overdue"}), school="Brook House Nursery",
    ),
    _Home(
        "price", "3 Heron Walk, Northbridge NB7 6YT",
        (_Kid("Freya", "Price", F, 305, WB),),
        (_Adult("Amy Price", "Mother", True, True), _Adult("Callum Price", "Father", True, True)),
        2, Category.NEGLECT, 75, 6,
        "Freya sleeps in a cot in her own room next to her parents' room, on her back, in a "
        "sleeping bag.",
        frozenset(),
    ),
    _Home(
        "murphy", "21 Clover Street, Northbridge NB4 9NR",
        (_Kid("Cian", "Murphy", M, _y(6, 40), "White: Irish"),),
        (_Adult("Sinead Murphy", "Mother", True, True),
         _Adult("Darren Murphy", "Father", True, False)),
        0, Category.EMOTIONAL, 100, 13,
        "Cian has the small bedroom with a single bed and a night light.",
        frozenset({"actions_overdue"}), school="Clover Street Primary School",
    ),
    _Home(
        "wood", "9 Millstone Lane, Northbridge NB5 3CJ",
        (_Kid("Isla", "Wood", F, _y(13, 250), WB),),
        (_Adult("Gemma Wood", "Mother", True, True), _Adult("Stuart Wood", "Father", True, True)),
        1, Category.MULTIPLE, 200, 7,
        "Isla has her own room in the loft conversion, with a double bed.",
        frozenset({"late_conference"}), school="Millstone Academy",
        relative="Claire Wood (aunt)",
    ),
    _Home(
        "bailey", "47 Lime Tree Road, Northbridge NB3 4GH",
        (_Kid("Riley", "Bailey", M, _y(8, 5), WB),),
        (_Adult("Sam Bailey", "Father", True, True),
         _Adult("Kelly Roberts", "Mother", True, False)),
        2, Category.PHYSICAL, 30, 1,
        "Riley has the back bedroom with a single bed; Sam sleeps in the front bedroom.",
        frozenset(), school="Lime Tree Primary School",
    ),
)


@dataclass(frozen=True)
class _ConcernText:
    label: str  # the short name an observation is recorded against
    description: str
    seen: tuple[str, ...]  # what a visit might record about it


@dataclass(frozen=True)
class _OutcomeText:
    description: str
    measure: str
    origin: OutcomeOrigin
    actions: tuple[tuple[str, str, str], ...]  # (what, why, who: a member's job title)


@dataclass(frozen=True)
class _PlanText:
    concerns: tuple[_ConcernText, ...]
    outcomes: tuple[_OutcomeText, ...]
    contingency: str
    developmental_needs: str
    therapeutic_services: str
    childs_copy: str
    worries: str
    working_well: str
    needs_to_happen: str


AGREED, ADDED = OutcomeOrigin.AGREED_AT_CONFERENCE, OutcomeOrigin.ADDED_BY_CORE_GROUP

PLAN_TEXT: dict[Category, _PlanText] = {
    Category.NEGLECT: _PlanText(
        concerns=(
            _ConcernText(
                "Food in the home",
                "{child} has not had enough to eat at home: during the section 47 enquiry the "
                "fridge held only milk and the cupboards were empty on two visits, and "
                "{school_or_hv} reported {child} arriving hungry and asking staff for food.",
                (("Fridge held milk, cheese, yoghurts, eggs and a bag of carrots; cupboards had "
                 "cereal, pasta, tinned tomatoes and bread. {carer_first} showed me the food "
                 "bank voucher she used on Monday."),
                 ("Fridge held milk and a pack of ham only. {carer_first} said her money had not "
                 "come through and she was going to the food bank tomorrow; I gave her the "
                 "voucher and phoned ahead."),
                 ("{carer_first} was cooking pasta with mince and peas when I arrived; there was "
                 "fruit in a bowl on the side and a full bag of shopping on the floor."))),
            _ConcernText(
                "Home conditions",
                "The home was unsafe and dirty when seen on {s47}: dog faeces on the landing, "
                "no sheets on the children's beds, and an uncovered electric socket hanging "
                "from the wall in the bedroom.",
                (("Kitchen floor swept and surfaces wiped; bins emptied. The broken socket in the "
                 "bedroom has been replaced by the landlord."),
                 ("Pile of dirty laundry (about two loads) on the landing and dishes from the "
                 "day before in the sink; {carer_first} said the washing machine broke on "
                 "Friday and the landlord has been told."),
                 ("Living room and kitchen hoovered; the dog has been rehomed with "
                 "{carer_first}'s sister, so no mess on the floors."))),
        ),
        outcomes=(
            _OutcomeText(
                "{child} has three meals a day and there is food in the home at every visit.",
                "Food seen in the fridge and cupboards at every visit; {school_or_hv} reports "
                "{child} no longer arriving hungry.",
                AGREED,
                ((("Apply for the household support fund and make a weekly budget plan with "
                  "{carer_first}"), "Money for food runs out before the end of the fortnight",
                  "Family support worker"),
                 ("Offer {child} a breakfast club place", "{child} arrives hungry",
                  "Designated safeguarding lead"))),
            _OutcomeText(
                "{child}'s home is clean and safe, with a clean bed of their own.",
                "Kitchen, bathroom and bedrooms seen at every visit: bedding clean, no hazards "
                "on the floor, sockets covered.",
                AGREED,
                (("Ask the landlord in writing to repair the sockets and the bedroom window",
                  "Electrical hazard in the children's room", "Lead social worker"),)),
            _OutcomeText(
                "{child} goes to every health appointment, with immunisations up to date by the "
                "review conference.",
                "Health visitor and GP confirm attendance at each core group.",
                ADDED,
                ((("Book the missed immunisations and remind {carer_first} by text the day "
                  "before"), "Immunisations are overdue", "Health visitor"),)),
        ),
        contingency=(
            "If food is again absent from the home, or the home becomes unsafe, the lead social "
            "worker will discuss the case with the team manager the same day and consider a "
            "legal planning meeting and an early review conference. Out of hours, {edt}."),
        developmental_needs=(
            "{child} needs regular meals and a routine at bedtime. Speech and language: "
            "assessment requested to check whether words are delayed."),
        therapeutic_services="Family support worker weekly; parenting course (Solihull "
                             "approach) for {carer_first}.",
        childs_copy=(
            "Why do I have a plan? Grown-ups were worried that there was not always enough "
            "food at home and that your house was not safe to play in.\n"
            "What will happen? {worker} will come to see you every two weeks and talk with you "
            "on your own. Your mum will get help with shopping and cooking.\n"
            "Who can I talk to? {worker}, your teacher, or anyone on the core group."),
        worries="The children go without food and live in a home that is not safe.",
        working_well="{carer_first} lets the worker in and shows the kitchen without being "
                     "asked; the children go to school every day.",
        needs_to_happen="Food in the home every day and a safe, clean home for the next six "
                        "months.",
    ),
    Category.PHYSICAL: _PlanText(
        concerns=(
            _ConcernText(
                "Bruising and injuries",
                "{child} was found to have bruising to the left cheek and upper arm, which the "
                "child protection medical on {s47} found consistent with an adult's grip; the "
                "explanation given (a fall from the sofa) did not match the injuries.",
                ("No marks seen on {child}'s face, hands, arms or lower legs.",
                 ("Small round bruise (about 1 cm) on {child}'s right shin; {child} said \"I "
                 "banged it on the table\" and {carer_first} gave the same account without "
                 "being asked first."),
                 "No marks seen on face, neck, arms or legs while {child} was changing.")),
            _ConcernText(
                "Physical chastisement",
                "{carer_first} told police that {child} is smacked when {child} will not do as "
                "told, and neighbours reported hearing shouting and a child screaming late at "
                "night.",
                (("{carer_first} described using a reward chart and time out on the bottom stair "
                 "when {child} threw a toy; I saw the chart on the fridge with six stickers."),
                 ("{carer_first} raised her voice at {child} twice during the visit when {child} "
                 "climbed on the table, then lifted {child} down without force."),
                 ("{carer_first} said there had been no smacking since the parenting course "
                 "began; {child} said the same when I asked on our own."))),
        ),
        outcomes=(
            _OutcomeText(
                "{child} lives free from physical harm, with no unexplained marks or injuries.",
                "No unexplained injuries seen at visits, school or nursery; any mark explained "
                "the same way by {child} and the adults.",
                AGREED,
                (("Tell the lead social worker the same day of any mark seen on {child}",
                  "Earlier injuries were not reported", "Designated safeguarding lead"),)),
            _OutcomeText(
                "The adults caring for {child} manage behaviour without hitting.",
                "Parents complete the parenting programme; they describe and use the agreed "
                "routine; {child} says no one hits at home.",
                AGREED,
                (("Attend the 10-week Incredible Years parenting programme",
                  "To learn ways to manage behaviour without physical punishment", "Mother"),
                 ("Complete direct work with {child} on keeping safe",
                  "So {child} knows who to tell", "Lead social worker"))),
            _OutcomeText(
                "{child}'s injuries are seen by a doctor when they happen.",
                "Any injury is taken to the GP or the emergency department and the lead social "
                "worker is told.",
                ADDED,
                (("Register {child} with the GP practice near the new address",
                  "{child} is not registered locally", "Mother"),)),
        ),
        contingency=(
            "If {child} has an unexplained injury, a strategy discussion will be held the same "
            "day and a child protection medical arranged; the team manager will consider "
            "legal advice about protective action. Out of hours, {edt}."),
        developmental_needs="{child} needs help to name feelings and calm down; assessment by "
                            "the school's SENCo requested.",
        therapeutic_services="Parenting programme for the parents; play therapy for {child} "
                             "(referral made).",
        childs_copy=(
            "Why do I have a plan? You had bruises that a grown-up caused, and that is not OK.\n"
            "What will happen? {worker} will visit you every two weeks and talk with you on "
            "your own. Your family is learning new ways to help when things get hard.\n"
            "Who can I talk to? {worker}, your teacher, or your nan."),
        worries="{child} could be hurt again when the adults are angry.",
        working_well="{carer_first} goes to every parenting session and phones the worker "
                     "when things get hard.",
        needs_to_happen="No one hurts {child}; the adults use the routine every day.",
    ),
    Category.SEXUAL: _PlanText(
        concerns=(
            _ConcernText(
                "Contact with the alleged perpetrator",
                "{child} told a teacher that an adult man known to the family touched her "
                "sexually; the police investigation is open and he is on bail with a condition "
                "not to contact {child}.",
                (("{carer_first} said the man has not been to the house or the street; {child} "
                 "said the same when seen on her own."),
                 ("{carer_first} reported seeing the man's car parked on the next road on "
                 "Saturday and rang 999 as agreed; police attended."),
                 "No contact reported by {child}, the school or police.")),
            _ConcernText(
                "Going missing",
                "{child} went missing overnight three times before the conference and was seen "
                "getting into cars driven by older men (risk of child sexual exploitation).",
                (("No missing episodes since the last visit; {child} has been home by 21:00 "
                 "each night, said {carer_first}."),
                 ("{child} was reported missing on Friday night and returned at 02:10; the "
                 "return home interview is booked for Thursday."),
                 ("{child} showed me the location-sharing app she agreed to use; {carer_first} "
                 "could see her phone's location."))),
        ),
        outcomes=(
            _OutcomeText(
                "{child} has no contact with the alleged perpetrator.",
                "Police and parents confirm no contact; {child} says so when seen alone.",
                AGREED,
                ((("Tell police at once of any sighting of or approach by the alleged "
                  "perpetrator"), "Bail conditions protect {child}", "Mother"),)),
            _OutcomeText(
                "{child} is home by 21:00 every night and is not reported missing.",
                "Missing episodes recorded by police: none between reviews.",
                AGREED,
                (("Hold a return home interview within 72 hours of any missing episode",
                  "To learn where {child} went and with whom", "Police officer"),
                 ("Meet {child} weekly for direct work on healthy relationships",
                  "Risk of exploitation", "Specialist worker"))),
            _OutcomeText(
                "{child} has a trusted adult to talk to at school every day.",
                "{child} names the adult and uses the daily check-in.",
                ADDED,
                (("Set up a daily check-in with the pastoral lead",
                  "{child} said there is no one to talk to", "Designated safeguarding lead"),)),
        ),
        contingency=(
            "If {child} goes missing, the parents will report it to police at once; if there is "
            "contact with the alleged perpetrator, a strategy discussion will be held the same "
            "day. Out of hours, {edt}."),
        developmental_needs="{child} needs support with sleep and with understanding healthy "
                            "relationships.",
        therapeutic_services="Specialist sexual abuse therapy (referral to the independent "
                             "service, waiting list 8 weeks).",
        childs_copy=(
            "Why do I have a plan? You told your teacher that a grown-up touched you, and you "
            "were right to tell. The plan is about keeping you safe.\n"
            "What will happen? {worker} will see you every two weeks, on your own if you want. "
            "The police are dealing with the man.\n"
            "Who can I talk to? {worker}, your teacher or the ChildLine number 0800 1111."),
        worries="{child} could be harmed again by the man or by others when missing.",
        working_well="{child} told a teacher and still talks to her; {carer_first} has kept to "
                     "the safety plan.",
        needs_to_happen="{child} is home every night and has no contact with the man.",
    ),
    Category.EMOTIONAL: _PlanText(
        concerns=(
            _ConcernText(
                "Domestic abuse",
                "{child} has lived with domestic abuse between the adults: police were called "
                "four times in the last year, and on the last occasion {child} was found hiding "
                "in the bedroom wardrobe.",
                (("{carer_first} said there had been no incidents since the last visit; the "
                 "police domestic abuse notifications show none."),
                 ("{carer_first} said {other} shouted at her on Sunday evening in an argument "
                 "about money and she asked him to leave; police were not called. {child} was "
                 "in bed."),
                 "No police call-outs since the last visit (police notification checked).")),
            _ConcernText(
                "Being shouted at and blamed",
                "School reported that {child} says home is 'loud' and that {child} is told "
                "{child} is the reason the family has problems.",
                (("I heard no shouting during the visit; {carer_first} spoke to {child} "
                 "quietly and thanked {child} for tidying the shoes."),
                 ("{carer_first} called {child} 'a nightmare' in front of me when {child} "
                 "spilled a drink; we talked about this afterwards, away from {child}."),
                 ("{child} showed me a certificate from school and {carer_first} put it on the "
                 "fridge."))),
        ),
        outcomes=(
            _OutcomeText(
                "{child} lives in a home free from domestic abuse.",
                "No police call-outs; {carer_first} keeps to the safety plan; {child} says home "
                "is calm.",
                AGREED,
                (("Complete the Freedom Programme", "To understand and recognise abuse",
                  "Mother"),
                 ("Review the safety plan with {carer_first} at every visit",
                  "Keep {child} safe if an argument starts", "Lead social worker"))),
            _OutcomeText(
                "{child} can talk about feelings and gets support with them.",
                "Weekly sessions with the school's emotional literacy support assistant; the "
                "strengths and difficulties questionnaire repeated before the review.",
                AGREED,
                (("Start weekly ELSA sessions", "{child} keeps feelings in",
                  "Designated safeguarding lead"),)),
            _OutcomeText(
                "{child} knows what to do and whom to call if there is an argument at home.",
                "{child} can describe the safety plan when seen alone.",
                ADDED,
                (("Complete safety-planning direct work with {child}",
                  "{child} hid in a wardrobe during the last incident", "Lead social worker"),)),
        ),
        contingency=(
            "If there is a further incident of domestic abuse, the police will tell the lead "
            "social worker the next working day; the team manager will consider an early review "
            "conference and a referral to MARAC. Out of hours, {edt}."),
        developmental_needs="{child} needs help to manage worry and sleep, and a calm routine.",
        therapeutic_services="ELSA sessions at school; children's domestic abuse group (8 "
                             "weeks) at the family centre.",
        childs_copy=(
            "Why do I have a plan? There was a lot of shouting and fighting at home, and that "
            "is scary for children.\n"
            "What will happen? {worker} will see you every two weeks and ask how things are. "
            "Your mum is doing a course about keeping safe.\n"
            "Who can I talk to? {worker}, your teacher, or the ELSA at school."),
        worries="{child} could be hurt or frightened if the abuse starts again.",
        working_well="{carer_first} took out a non-molestation order and calls police when "
                     "needed.",
        needs_to_happen="A calm home with no abuse for the next six months.",
    ),
    Category.MULTIPLE: _PlanText(
        concerns=(
            _ConcernText(
                "Parental alcohol use",
                "{carer_first} has been found drunk while caring for {child} twice since the "
                "summer, once collapsed in the kitchen with the children present.",
                (("{carer_first} agreed to a breath test at the start of the visit: 0.00. Two "
                 "unopened cans of lager in the fridge, which she said were her brother's."),
                 ("{carer_first}'s speech was slurred and she smelt of alcohol at the start of "
                 "the visit; she said she had \"two glasses of wine at lunch\". {child} was at "
                 "home. {relative_first} came to stay overnight, as the safety plan says."),
                 ("{carer_first} said she has been to every session at the alcohol service; the "
                 "worker confirmed this by phone."))),
            _ConcernText(
                "Basic care and school attendance",
                "{child}'s school attendance was 78% last term and head lice went untreated for "
                "months; {child} was often late and without a coat.",
                ("School attendance this half term: 96%. No lice seen in {child}'s hair.",
                 ("{child} missed two days of school last week; {carer_first} said {child} had a "
                 "cold."),
                 "{child} had a clean uniform on and a packed lunch in the school bag.")),
            _ConcernText(
                "Young carer",
                "{child} is worried about {carer_first} and does caring tasks (cooking, putting "
                "younger siblings to bed) that stop {child} going out.",
                ("{child} said they had been to the young carers' group on Tuesday.",
                 "{child} made the tea for everyone on Monday, said {carer_first}.",
                 "{child} has been to football training twice this week.")),
        ),
        outcomes=(
            _OutcomeText(
                "{carer_first} is sober whenever she is caring for {child}.",
                "Breath tests at visits (agreed by {carer_first}); reports from the alcohol "
                "service at each core group.",
                AGREED,
                (("Attend the alcohol service every week", "To reduce drinking", "Mother"),
                 (("Agree a safety plan: {relative_first} cares for {child} if {carer_first} "
                  "has been drinking"), "{child} is not left with a drunk adult",
                  "Lead social worker"))),
            _OutcomeText(
                "{child} goes to school every day, on time.",
                "School attendance above 95% each month.",
                AGREED,
                (("Send weekly attendance to the lead social worker", "To track attendance",
                  "Designated safeguarding lead"),)),
            _OutcomeText(
                "{child} has time to be a child.",
                "{child} goes to the young carers' group and a club each week.",
                ADDED,
                (("Refer {child} to the young carers' service", "{child} has caring tasks",
                  "Lead social worker"),)),
        ),
        contingency=(
            "If {carer_first} is found drunk while caring for {child}, {relative} will be "
            "asked to care for {child} that night and the lead social worker will discuss "
            "with the team manager the next morning whether legal advice is needed. Out of "
            "hours, {edt}."),
        developmental_needs="{child} needs a routine, help with schoolwork missed, and time "
                            "with friends.",
        therapeutic_services="Alcohol service (weekly) for {carer_first}; young carers' group "
                             "for {child}.",
        childs_copy=(
            "Why do I have a plan? Your mum's drinking meant she sometimes couldn't look after "
            "you, and you missed a lot of school.\n"
            "What will happen? {worker} will see you every two weeks and talk with you on your "
            "own. Your mum is getting help with drinking, and {relative_first} will help out.\n"
            "Who can I talk to? {worker}, {relative_first}, or your teacher."),
        worries="The children are left with a drunk adult and miss school.",
        working_well="{relative_first} steps in when needed; {carer_first} goes to the "
                     "alcohol service.",
        needs_to_happen="{carer_first} is sober when caring and the children go to school.",
    ),
}

CLOTHES = {
    "baby": ("a white vest and a grey sleepsuit with stars", "a yellow sleepsuit",
             "a vest and a knitted cardigan", "a pink babygro and socks"),
    "toddler": ("blue joggers and a dinosaur T-shirt", "a pyjama top and a clean nappy",
                "leggings and a red jumper", "a Paw Patrol T-shirt and shorts"),
    "child": ("school uniform: grey trousers and a red sweatshirt",
              "pyjamas, as {he} had just had a bath", "jeans and a football shirt",
              "a school dress and cardigan with {his} name label on it",
              "tracksuit bottoms and a hoodie"),
    "teen": ("black joggers and a grey hoodie", "school uniform with the tie off",
             "jeans and a denim jacket", "leggings and an oversized T-shirt"),
}

TOYS = ("a wooden train set", "building bricks", "a toy kitchen", "a doll's pushchair")
TOPICS = ("a trip to the park on Saturday", "a spelling test", "a new friend called Amelia",
          "the class hamster", "swimming lessons", "a birthday party", "a football match",
          "a school trip to the museum")
TEEN_TOPICS = ("a part-time job at the chip shop", "GCSE options", "a TikTok dance",
               "a falling-out with a friend", "the college open day", "boxing training")

PRESENTATION = {
    "baby": (
        ("{name} was awake in a bouncer in the living room when I arrived, wearing {clothes}. "
        "{He} followed my face and a rattle with {his} eyes and babbled when {carer_first} "
        "spoke to {him}. During a nappy change I saw {his} face, arms, legs and tummy: no marks. "
        "{carer_first} said {he} weighed {weight} at clinic last week."),
        ("{carer_first} was feeding {name} a bottle on the sofa when I arrived; {he} drank about "
        "150 ml and was winded on her shoulder. {He} was wearing {clothes}. Afterwards {he} "
        "lay on the play mat, reached for a soft toy and rolled onto {his} side. No marks seen "
        "on {his} skin during the change."),
        ("{name} woke while I was there and cried until {carer_first} picked {him} up; {he} "
        "stopped within a minute and held her finger. {He} was wearing {clothes}. I saw {his} "
        "face, hands, arms and legs: no marks."),
    ),
    "toddler": (
        ("{name} was playing with {toy} on the living-room floor, wearing {clothes}. {He} "
        "brought me a book and pointed at the pictures, saying \"duck\" and \"bus\". When a door "
        "banged {he} ran to {carer_first}, who picked {him} up, and {he} went back to playing. "
        "I saw {his} face, arms and legs: no marks."),
        ("{name} was eating toast at the table, wearing {clothes}. {He} used a spoon by "
        "{himself} for a yoghurt and asked for \"more juice\". {He} showed me {toy} and laughed "
        "when the tower fell over. {His} nappy was dry; {carer_first} changed it during the "
        "visit and I saw no marks."),
        ("{name} hid behind {carer_first}'s legs when I came in, then after about five minutes "
        "came to show me {toy}. {He} was wearing {clothes}. {He} said \"mine\" and \"look\" and "
        "climbed onto the sofa next to me."),
    ),
    "child": (
        ("{name} was wearing {clothes}. {He} showed me {his} reading book and read two pages "
        "aloud, sounding out the longer words. {He} talked about {topic} and asked when I was "
        "coming back. {He} ate an apple while we talked. I saw {his} hands, arms and face: no "
        "marks."),
        ("{name} was watching cartoons when I arrived, wearing {clothes}. {He} turned the "
        "television off when asked and sat with me at the kitchen table to draw {his} house; "
        "{he} drew everyone who lives there and the dog. {He} talked about {topic}."),
        ("{name} was outside on {his} scooter when I arrived and came in when {carer_first} "
        "called. {He} was wearing {clothes}. {He} told me about {topic}, talking quickly and "
        "smiling, and stayed at the table with me for twenty minutes."),
        ("{name} answered the door with {carer_first}, wearing {clothes}. {He} was quiet at "
        "first and looked at the floor when I asked about school; when we played Uno {he} "
        "talked more and told me about {topic}."),
    ),
    "teen": (
        ("{name} was in {his} bedroom with headphones on and came down when {carer_first} "
        "called. {He} was wearing {clothes}. {He} made eye contact, answered questions in short "
        "sentences and looked at {his} phone for part of the visit. {He} said {he} had been at "
        "school every day this week."),
        ("{name} was at the kitchen table doing homework, wearing {clothes}. {He} talked for "
        "about twenty minutes about {topic} and laughed when telling me about {his} friends. "
        "{His} hair was washed and {he} had eaten, {he} said, a sandwich after school."),
        ("{name} came in from school during the visit, wearing {clothes}, and said hello to me "
        "by name. {He} made {himself} a drink, then sat with me and talked about {topic}. "
        "{He} yawned several times and said {he} had been up late gaming."),
    ),
}

WISHES = {
    "toddler": (
        ("{name} is {age} and has few words yet. Asked who lives at home, {he} pointed at "
        "{carer_first} and said \"Mummy\"; asked where {he} sleeps, {he} took my hand and led "
        "me to {his} bed."),
        ("{name} said \"play cars\" and \"my bed\" when I asked what {he} likes at home, and "
        "\"no\" when I asked if anything at home is scary."),
    ),
    "child": (
        ("{name} said: \"I like it when Mum walks me to school. I don't like it when there's "
        "shouting.\""),
        "{name} said: \"I want to stay living here. I'd like my dad to come to my football.\"",
        "{name} said: \"Sometimes my tummy hurts at school before lunch because I'm hungry.\"",
        "{name} said: \"It's calmer now. I can sleep in my own bed.\"",
        ("{name} drew three faces (happy, sad, worried) and put home on the happy face and "
        "Dad on the worried face. {He} said: \"I worry he'll come back shouting.\""),
    ),
    "teen": (
        ("{name} said: \"I just want everyone to stop asking me questions. School is OK, "
        "I've got my mates.\""),
        "{name} said: \"I want things to stay like they are now. Mum's trying.\"",
        ("{name} said: \"I don't want to come to the meetings, but tell them I want to do my "
        "GCSEs here and not move schools.\""),
        ("{name} said: \"I go to my nan's when it kicks off. I'd rather stay home if it's "
        "calm.\""),
    ),
}

NOT_SEEN_ALONE = (
    ("{name} would not leave {carer_first}'s side and cried when I suggested we look at {his} "
    "room together; I will see {him} at school on Thursday."),
    ("{carer_first} said {name} could not be seen alone because {he} was going straight out to "
    "a friend's; I explained this is part of the plan and will visit unannounced."),
    ("{name} said {he} did not want to talk on {his} own today, only with {carer_first} there; "
    "I respected this and will offer to meet at school."),
)

SEEN_ALONE_WHERE = ("in {his} bedroom", ("at the kitchen table while {carer_first} stayed in "
                    "the living room"), "on a walk to the shop")

MEALS = (
    ("{carer_first} said breakfast was cereal with milk and tea last night was chicken, chips "
    "and peas. I saw milk, cheese, yoghurts, bread and fruit in the kitchen."),
    ("{carer_first} was making spaghetti bolognese when I arrived; the children were to eat at "
    "17:30. Fridge held milk, eggs, ham and vegetables."),
    ("The children had toast before school and school dinners at lunch, said {carer_first}; "
    "there was a slow cooker of stew on the side."),
    ("{carer_first} said money is short until Friday; there was bread, cereal and two tins of "
    "soup. I gave a food bank voucher."),
    ("{carer_first} said tea was fish fingers, potatoes and beans; the plates were drying on the "
    "rack. Fruit bowl held bananas and apples."),
)
BABY_MEALS = (
    ("{carer_first} makes up feeds of first infant milk, 150 ml every 3 to 4 hours; I saw the "
    "tin, the sterilised bottles and the feeding chart."),
    ("{carer_first} said the baby has started baby rice and pureed carrot at lunchtime as well "
    "as bottles; she showed me the jars bought this week."),
)
UNBORN_MEALS = (
    ("Jade said she eats breakfast at Holly House and cooks pasta or noodles in the shared "
    "kitchen; she showed me the pregnancy vitamins the midwife gave her."),
    ("Jade said she skipped lunch yesterday as her money ran out; Holly House staff confirmed "
    "she had a meal in the evening. She has been given a Healthy Start card."),
)
SLEEP_NOTES = (
    "Bedding was clean and dry.", "I saw all the bedrooms; the beds were made.",
    ("Bedding in the children's room smelt of urine; {carer_first} said she would wash it "
    "today and showed me the spare set."),
    "Curtains were closed and there was a night light on the landing.",
)
VAGUE_PRESENTATION = (
    "{name} seemed fine and presented well.", "{name} was happy and settled. No concerns.",
    "{name} appeared well, nothing to report.",
)


def _band(dob: date | None, on: date) -> str:
    if dob is None or dob > on:
        return "unborn"
    if is_under_one(dob, on):
        return "baby"
    years = relativedelta(on, dob).years
    if years < 4:
        return "toddler"
    return "child" if years < 12 else "teen"


def _age_words(dob: date, on: date) -> str:
    age = relativedelta(on, dob)
    if age.years >= 1:
        return f"{age.years} year{'s' if age.years > 1 else ''} old"
    return f"{age.months} months old"


def _pronouns(gender: Gender) -> dict[str, str]:
    if gender is Gender.FEMALE:
        return {"he": "she", "him": "her", "his": "her", "himself": "herself"}
    if gender is Gender.MALE:
        return {"he": "he", "him": "him", "his": "his", "himself": "himself"}
    return {"he": "they", "him": "them", "his": "their", "himself": "themselves"}


def _fill(template: str, **values: str) -> str:
    """str.format with capitalised variants ({He}, {His}...) of any lower-case value."""
    extra = {k[0].upper() + k[1:]: v[0].upper() + v[1:] for k, v in values.items() if v}
    return template.format(**values, **extra)


PROFESSIONALS: dict[str, tuple[tuple[str, ...], str, str, str]] = {
    # job title: (names, agency, role in the plan, contact frequency)
    "Health visitor": (("Karen Holt", "Joanne Fisher", "Amira Saleh"),
                       "Northbridge Health Visiting Service",
                       "Weighs and checks the baby's development; reports missed appointments.",
                       "Every 2 weeks at home"),
    "GP": (("Dr Ian Fraser", "Dr Meera Joshi"), "Riverside Medical Practice",
           "Reports attendance, injuries seen and health concerns to the lead social worker.",
           "When seen at the surgery"),
    "Midwife": (("Sue Mallory",), "Northbridge General Hospital Maternity",
                "Antenatal care; shares the birth plan and any concern at appointments.",
                "Every 2 weeks, weekly from 36 weeks"),
    "Class teacher": (("Claire Booth", "Owen Rees", "Hannah Lacey", "Priti Desai"), "",
                      "Sees the child every school day; reports presentation and attendance.",
                      "Every school day"),
    "Designated safeguarding lead": (("Andrew Shaw", "Nicola Hart", "Femi Adebayo"), "",
                                     ("Monitors attendance and presentation; shares concerns "
                                     "the same day."), "Weekly check-in"),
    "School nurse": (("Rachel Dunn", "Gwen Pryce"), "Northbridge School Nursing Team",
                     "Health assessments and drop-in sessions at school.", "Monthly"),
    "Police officer": (("DC Mark Ellison", "DC Laura Quinn"),
                       "Northshire Police, Child Abuse Investigation Unit",
                       "Shares police information and call-outs; leads any investigation.",
                       "At each core group and when incidents occur"),
    "Family support worker": (("Paula Grant", "Deborah Nye"), ("Northbridge Family Support "
                              "Service"), ("Weekly practical help with routines, budgeting and "
                              "meals."), "Weekly at home"),
    "Alcohol worker": (("Daniel Reid",), "Northbridge Drug and Alcohol Service",
                       "Key work and breath testing; reports attendance.", "Weekly"),
    "Domestic abuse worker": (("Fiona Lister",), "Northbridge Women's Aid",
                              "Safety planning and the Freedom Programme.", "Weekly"),
    "Specialist worker": (("Kim Lawson",), "Northbridge Exploitation Team",
                          ("Direct work with the young person on exploitation and "
                          "relationships."), "Weekly"),
    "Nursery manager": (("Tracy Gill", "Mandy Oakes"), "",
                        "Reports attendance, presentation and any marks seen at nursery.",
                        "Each nursery session"),
    "Key worker": (("Lucy Harper",), "Holly House Supported Accommodation",
                   "Daily contact with Jade; supports budgeting and preparing for the baby.",
                   "Daily"),
}

APOLOGY_SUMMARY = {
    "GP": "Seen at the surgery once since the last meeting for a cough; no marks or injuries "
          "seen; next immunisations booked.",
    "Police officer": "No police call-outs to the address since the last meeting.",
    "Class teacher": "Attendance 97% since the last meeting; arrives on time with a packed "
                     "lunch; no marks seen.",
    "School nurse": "Health assessment completed; height and weight on the 50th centile.",
    "Health visitor": "Two home visits since the last meeting; weight gain on the centile line.",
}

VENUES = ("Northbridge Family Centre, Room 2", "the family home", "{school}",
          "Riverside Children's Centre")
WEIGHTS = ("6.8 kg", "7.1 kg", "7.4 kg", "8.2 kg", "8.9 kg")


class _DemoWriter:
    """Builds the demo caseload as ORM objects, one household at a time."""

    def __init__(self, today: date, seed: int) -> None:
        self.today = today
        self.seed = seed
        self.rng = random.Random(seed)
        self.ids = _Ids(random.Random(seed ^ 0x5EED))
        self.cal: WorkingCalendar = calendar_for("england")
        self.session: Session
        self.counts = {"children": 0, "plans": 0, "open_plans": 0, "visits": 0,
                       "core_group_meetings": 0}
        self.vague_left = 6
        self.to_sign: list[tuple[CountersignSubject, str, datetime, str | None]] = []
        self.case_number = 204_000 + self.rng.randint(0, 900)

    @staticmethod
    def usernames() -> list[str]:
        return [MANAGER[1], ADMINISTRATOR[1], *(w[1] for w in WORKERS)]

    def add(self, obj: Any, on: date | datetime | None = None) -> Any:
        obj.id = self.ids.new()
        when = on if isinstance(on, datetime) else _at(on or self.today - timedelta(days=700), 9)
        obj.created_at = obj.updated_at = when
        self.session.add(obj)
        return obj

    # --- staff --------------------------------------------------------------------------

    def write(self, session: Session) -> dict[str, int]:
        self.session = session
        team = self.add(Team(name=TEAM_NAME))
        self.team = team

        def person(name: str, username: str, role: Role) -> Staff:
            return self.add(Staff(name=name, username=username, role=role, team_id=team.id,
                                  email=f"{username}@northbridge.example", active=True,
                                  failed_sign_ins=0))

        self.manager = person(*MANAGER, Role.MANAGER)
        self.workers = [person(n, u, Role.SOCIAL_WORKER) for n, u in WORKERS]
        person(*ADMINISTRATOR, Role.ADMINISTRATOR)
        for home in HOMES:
            self.home(home)
        self.sign_all()
        return {**self.counts, "social_workers": len(WORKERS), "managers": 1,
                "administrators": 1, "teams": 1}

    # --- one household ------------------------------------------------------------------

    def home(self, home: _Home) -> None:
        rng, today = self.rng, self.today
        worker = self.workers[home.worker]
        start = _weekday_on_or_before(today - timedelta(days=home.plan_days))
        end = (_weekday_on_or_before(today - timedelta(days=home.ended_days_ago))
               if home.ended_days_ago is not None else None)
        late = "late_conference" in home.flags
        strategy = self.cal.add_working_days(start, -(22 if late else rng.randint(8, 14)))
        household = self.add(Household(name=f"{home.family_name} household",
                                       address=home.address), strategy)
        plan_of: dict[int, Plan] = {}
        members_of: dict[int, list[CoreGroupMember]] = {}
        concerns_of: dict[int, list[Concern]] = {}
        kids: list[Child] = []
        for i, kid in enumerate(home.kids):
            child = self.child(home, kid, household, strategy)
            kids.append(child)
            if "previous_plan" in home.flags:
                self.previous_plan(home, child, start)
            plan, members, concerns = self.plan(home, kid, child, worker, start, end, strategy)
            plan_of[i], members_of[i], concerns_of[i] = plan, members, concerns
        self.visits(home, kids, plan_of, concerns_of, worker, start, end)

    def child(self, home: _Home, kid: _Kid, household: Household, strategy: date) -> Child:
        self.case_number += self.rng.randint(3, 97)
        dob = self.today - timedelta(days=kid.age_days) if kid.age_days is not None else None
        edd = (self.today + timedelta(days=home.due_in_days or 60)) if dob is None else None
        police = "police_protection" in home.flags
        child = self.add(Child(
            case_number=f"NB-{self.case_number}", given_names=kid.given, family_name=kid.family,
            known_as=kid.known_as, date_of_birth=dob, expected_date_of_birth=edd,
            gender=kid.gender, ethnicity=kid.ethnicity, disability=kid.disability,
            preferred_language="English", address=home.address, team_id=self.team.id,
            household_id=household.id, emergency_protection_order=False,
            police_protection=police, police_protection_date=strategy if police else None,
        ), strategy)
        for position, adult in enumerate(home.adults):
            number = 900_000 + self.rng.randint(0, 999)
            self.add(FamilyMember(
                child_id=child.id, position=position, name=adult.name,
                relationship_to_child=adult.relationship, parental_responsibility=adult.pr,
                is_carer=adult.lives_with, lives_with_child=adult.lives_with,
                address=home.address if adult.lives_with else None,
                phone=f"07700 {number}"), strategy)
        self.counts["children"] += 1
        return child

    # --- the plan and everything hanging off it -----------------------------------------

    def words(self, home: _Home, kid: _Kid, worker: Staff, s47: date) -> dict[str, str]:
        others = [a for a in home.adults if a is not home.carer]
        young = kid.age_days is None or kid.age_days < 4 * 365
        return {
            "child": kid.given if kid.age_days is not None else "the baby",
            "carer": home.carer.name, "carer_first": home.carer.first,
            "other": others[0].first if others else "the father",
            "worker": worker.name.split()[0], "s47": s47.strftime("%-d %B %Y"),
            "school_or_hv": ("the health visitor" if young or not home.school
                             else home.school),
            "edt": EDT, "relative": home.relative,
            "relative_first": home.relative.split()[0],
        }

    def plan(
        self, home: _Home, kid: _Kid, child: Child, worker: Staff, start: date,
        end: date | None, strategy: date,
    ) -> tuple[Plan, list[CoreGroupMember], list[Concern]]:
        cal = self.cal
        s47 = cal.add_working_days(strategy, 1)
        words = self.words(home, kid, worker, s47)
        text = PLAN_TEXT[home.category]

        def fill(template: str) -> str:
            return _fill(template, **words)

        first_category = Category.NEGLECT if "latest_category" in home.flags else home.category
        chair = CHAIRS[home.worker % 2]
        first_review = start + relativedelta(months=3)
        dob = child.date_of_birth
        band = _band(dob, self.today)
        pr = _pronouns(kid.gender)
        if band == "unborn":
            seen = (f"{words['worker']} will see Jade at Holly House at least every 2 weeks, "
                    "alone and with the father when he visits, and will visit within a day of "
                    "the birth, then weekly for the first month.")
        else:
            what = "awake" if band == "baby" else f"alone (in {pr['his']} bedroom or at school)"
            every = "week" if home.visit_interval == 7 else "2 weeks"
            seen = (f"{words['worker']} will visit at least every {every}, announced and "
                    f"unannounced, and see {words['child']} {what} each time; "
                    f"{words['child']} will also be seen with {words['carer_first']}.")
        plan = self.add(Plan(
            child_id=child.id, strategy_discussion_date=strategy, section_47_date=s47,
            start_date=start,
            late_conference_reason=(
                "Initial conference delayed by a week: Gemma Wood was in hospital and asked to "
                "attend; agreed by the Safeguarding Unit." if "late_conference" in home.flags
                else None),
            category=first_category,
            latest_category=home.category if first_category is not home.category else None,
            lead_worker_id=worker.id, manager_id=self.manager.id, conference_chair=chair,
            lead_statutory_body=LEAD_BODY,
            status=PlanStatus.ENDED if end else PlanStatus.ACTIVE, end_date=end,
            end_reason=EndReason.NO_LONGER_AT_RISK if end else None,
            previous_plans=1 if "previous_plan" in home.flags else 0,
            visit_interval=home.visit_interval,
            visit_interval_unit=IntervalUnit.CALENDAR_DAYS if home.visit_interval else None,
            when_child_seen=seen,
            contingency_plan=fill(text.contingency),
            developmental_needs=fill(text.developmental_needs),
            therapeutic_services=fill(text.therapeutic_services),
            review_points=(
                f"Core group every 4 weeks; first review conference by "
                f"{first_review.strftime('%-d %B %Y')}. Progress is judged by the measures set "
                "against each outcome and by the reports members bring to each core group."),
            family_involvement=(
                f"{words['carer']} is a member of the core group and receives the minutes and "
                f"the plan" + (f" in {home.family_language}" if home.family_language else "")
                + "."),
            worries=fill(text.worries), working_well=fill(text.working_well),
            needs_to_happen=fill(text.needs_to_happen),
            childs_copy=fill(text.childs_copy) if band in ("child", "teen") else None,
            family_copy_language=home.family_language,
        ), strategy)
        self.counts["plans"] += 1
        self.counts["open_plans"] += end is None
        members = self.members(home, kid, plan, worker, start)
        concerns = [self.add(Concern(plan_id=plan.id, position=i, description=fill(c.description)),
                             start) for i, c in enumerate(text.concerns)]
        outcomes = self.outcomes(home, plan, text, members, fill, start, end)
        conferences = self.conferences(home, plan, chair, start, end, first_category)
        meetings = self.meetings(home, plan, members, outcomes, worker, start, end)
        self.versions(home, plan, concerns, outcomes, worker, start, conferences, meetings)
        if "disagreement" in home.flags or home.key == "adeyemi":
            self.disagreements(home, plan, start, meetings)
        return plan, members, concerns

    def members(
        self, home: _Home, kid: _Kid, plan: Plan, worker: Staff, start: date
    ) -> list[CoreGroupMember]:
        rng = self.rng
        band = _band(self.today - timedelta(days=kid.age_days) if kid.age_days is not None
                     else None, self.today)
        titles: list[str] = []
        if band == "unborn":
            titles += ["Midwife", "Key worker", "GP"]
        elif band in ("baby", "toddler"):
            titles += ["Health visitor", "GP"] + (["Nursery manager"] if home.school else [])
        else:
            titles += ["Class teacher" if band == "child" else "Designated safeguarding lead",
                       "School nurse", "GP"]
        titles += {
            Category.NEGLECT: ["Family support worker"],
            Category.PHYSICAL: ["Police officer"],
            Category.SEXUAL: ["Police officer", "Specialist worker"],
            Category.EMOTIONAL: ["Domestic abuse worker", "Police officer"],
            Category.MULTIPLE: ["Alcohol worker", "Designated safeguarding lead"],
        }[home.category]
        out: list[CoreGroupMember] = []

        def member(**values: Any) -> None:
            out.append(self.add(CoreGroupMember(plan_id=plan.id, position=len(out),
                                                joined_on=start, **values), start))

        member(name=worker.name, kind=MemberKind.PROFESSIONAL, agency=LEAD_BODY,
               job_title="Lead social worker",
               role_in_plan="Leads the core group, visits and co-ordinates the plan.",
               contact_frequency="Every 2 weeks at least", phone="01632 960 210",
               email=f"{worker.username}@northbridge.example")
        for adult in home.adults:
            member(name=adult.name, kind=MemberKind.FAMILY, job_title=adult.relationship,
                   role_in_plan=("Keeps to the plan and the agreed actions; tells the lead "
                                 "social worker of any change at home.") if adult.lives_with
                   else "Takes part in the plan as agreed at the conference.",
                   contact_frequency="At every visit" if adult.lives_with else "Monthly",
                   excluded=adult.excluded_reason is not None,
                   excluded_reason=adult.excluded_reason,
                   address=home.address if adult.lives_with else None)
        for title in dict.fromkeys(titles):
            names, agency, role, frequency = PROFESSIONALS[title]
            member(name=rng.choice(names), kind=MemberKind.PROFESSIONAL,
                   agency=agency or home.school, job_title=title, role_in_plan=role,
                   contact_frequency=frequency,
                   phone=f"01632 960 {rng.randint(100, 999)}")
        return out

    def outcomes(
        self, home: _Home, plan: Plan, text: _PlanText, members: list[CoreGroupMember],
        fill: Callable[[str], str], start: date, end: date | None,
    ) -> list[Outcome]:
        rng, today = self.rng, self.today
        by_title = {m.job_title: m for m in members if not m.excluded}
        out: list[Outcome] = []
        overdue_left = 2 if "actions_overdue" in home.flags else 0
        for i, spec in enumerate(text.outcomes):
            made = start if spec.origin is AGREED else self.cal.add_working_days(start, 8)
            if spec.origin is ADDED and made > today:
                continue  # the core group has not met yet
            outcome = self.add(Outcome(plan_id=plan.id, position=i,
                                       description=fill(spec.description),
                                       origin=spec.origin,
                                       progress_measure=fill(spec.measure)), made)
            out.append(outcome)
            for j, (what, why, who) in enumerate(spec.actions):
                member = by_title.get(who)
                by_when = made + timedelta(days=rng.randint(14, 100))
                if end is not None:
                    status = ActionStatus.DONE
                elif by_when < today:
                    if overdue_left:
                        overdue_left -= 1
                        status = ActionStatus.IN_PROGRESS
                    else:
                        status = rng.choices(
                            [ActionStatus.DONE, ActionStatus.IN_PROGRESS,
                             ActionStatus.NOT_STARTED], [0.94, 0.03, 0.03])[0]
                else:
                    status = rng.choice([ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS])
                self.add(Action(
                    outcome_id=outcome.id, position=j, what=fill(what), why=fill(why),
                    who=f"{member.name} ({who.lower()})" if member else who,
                    member_id=member.id if member else None, by_when=by_when, status=status,
                ), made)
        return out

    def conferences(
        self, home: _Home, plan: Plan, chair: str, start: date, end: date | None,
        first_category: Category,
    ) -> list[Conference]:
        out: list[Conference] = []
        held, kind, n = start, ConferenceKind.INITIAL, 0
        last = end or self.today
        while True:
            months = 3 if n == 0 else 6
            next_review = _weekday_on_or_before(held + relativedelta(months=months))
            ending = end is not None and next_review > end
            if kind is ConferenceKind.INITIAL:
                decisions = (f"Child protection plan under the category of "
                             f"{first_category.label.lower()}. Lead social worker named; core "
                             f"group: the members listed. First core group within 10 working "
                             f"days. First review conference on "
                             f"{next_review.strftime('%-d %B %Y')}.")
            else:
                decisions = ("The plan continues; the core group to keep meeting every 4 weeks. "
                             f"Next review on {next_review.strftime('%-d %B %Y')}.")
            out.append(self.add(Conference(
                plan_id=plan.id, kind=kind, held_on=held, chair=chair, decisions=decisions,
                category=home.category if n else first_category,
                next_review_date=next_review, safety_scale=min(10, 3 + n + self.rng.randint(0, 2)),
            ), held))
            if ending or next_review > last:
                break
            held, kind, n = next_review, ConferenceKind.REVIEW, n + 1
        if end is not None:
            out.append(self.add(Conference(
                plan_id=plan.id, kind=ConferenceKind.REVIEW, held_on=end, chair=chair,
                decisions=("The child protection plan ends: the child is no longer at risk of "
                           "significant harm. Support continues under a child in need plan."),
                category=home.category, next_review_date=None,
                safety_scale=8), end))
        return out

    def meetings(
        self, home: _Home, plan: Plan, members: list[CoreGroupMember], outcomes: list[Outcome],
        worker: Staff, start: date, end: date | None,
    ) -> list[CoreGroupMeeting]:
        rng, cal, today = self.rng, self.cal, self.today
        first = cal.add_working_days(start, rng.randint(6, 9))
        held_dates = [first]
        if end is None:
            last_ago = (38 if "core_group_overdue" in home.flags
                        else 19 if "minutes_pending" in home.flags else rng.randint(5, 22))
            later: list[date] = []
            h = _weekday_on_or_before(today - timedelta(days=last_ago))
            while h > first + timedelta(days=20):
                later.append(h)
                h = _weekday_on_or_before(h - timedelta(days=28 + rng.randint(-3, 1)))
            held_dates += sorted(later)
            held_dates = [d for d in held_dates if d < today]
            if "core_group_overdue" not in home.flags:
                # On time: the next meeting falls due after today.
                while held_dates[-1] + timedelta(days=28) < today + timedelta(days=2):
                    nxt = _weekday_on_or_before(held_dates[-1] + timedelta(days=28))
                    if nxt >= today:
                        break
                    held_dates.append(nxt)
        else:
            h = first
            while (h := _weekday_on_or_before(h + timedelta(days=28 + rng.randint(-3, 1)))) \
                    <= end:
                held_dates.append(h)
        out: list[CoreGroupMeeting] = []
        venues = [v.format(school=home.school or "the family home") for v in VENUES]
        for k, held in enumerate(held_dates):
            nxt = held_dates[k + 1] if k + 1 < len(held_dates) else held + timedelta(days=28)
            minutes = held + timedelta(days=rng.randint(3, 12))
            pending = minutes > today or (
                "minutes_pending" in home.flags and k == len(held_dates) - 1)
            meeting = self.add(CoreGroupMeeting(
                plan_id=plan.id, due_date=(cal.add_working_days(start, 10) if k == 0
                                           else held_dates[k - 1] + timedelta(days=28)),
                scheduled_for=_at(held, 10), held_on=held, chair=worker.name,
                venue=rng.choice(venues),
                decisions=("Detailed plan agreed: actions, who and by when, recorded on the "
                           "plan." if k == 0 else rng.choice((
                               "Progress reviewed against each outcome; actions updated.",
                               "Agreed to increase unannounced visits for the next month.",
                               "Agreed that the family support worker continues weekly.",
                               "Recommend to the review conference that the plan continues."))),
                changes_to_plan=(None if k else "Outcome added by the core group (see plan)."),
                next_meeting_date=nxt, author_id=worker.id,
                minutes_circulated_on=None if pending else minutes,
                status=RecordStatus.DRAFT if pending else RecordStatus.FINAL,
                finalised_at=None if pending else _at(minutes, 16), updated_by=worker.id,
            ), held)
            out.append(meeting)
            self.attendance(meeting, members, held)
            for p, outcome in enumerate(outcomes[:2]):
                self.add(MeetingProgress(
                    meeting_id=meeting.id, position=p, outcome_id=outcome.id,
                    progress=rng.choice((
                        ("Some progress: the measures were met at most visits since the last "
                        "meeting."), "No change since the last meeting; actions carried forward.",
                        "Measures met at every visit since the last meeting.",
                        "Set back by one incident (see the visit records); plan unchanged."))),
                    held)
            if not pending and held < today - timedelta(days=12):
                self.countersign(CountersignSubject.CORE_GROUP_MINUTES, meeting.id, minutes)
        if end is None:
            due = held_dates[-1] + timedelta(days=28)
            out.append(self.add(CoreGroupMeeting(
                plan_id=plan.id, due_date=due,
                scheduled_for=None if due < today else _at(_weekday_on_or_before(due), 10),
                venue=venues[0], author_id=worker.id, status=RecordStatus.DRAFT,
                updated_by=worker.id), held_dates[-1]))
        self.counts["core_group_meetings"] += len(out)
        return out

    def attendance(self, meeting: CoreGroupMeeting, members: list[CoreGroupMember],
                   held: date) -> None:
        for member in members:
            if member.excluded:
                continue
            apologies = (member.kind is MemberKind.PROFESSIONAL and member.position > 0
                         and self.rng.random() < 0.15)
            self.add(MeetingAttendance(
                meeting_id=meeting.id, member_id=member.id, name=member.name,
                attended=not apologies, apologies=apologies,
                summary_of_involvement=(
                    APOLOGY_SUMMARY.get(member.job_title or "",
                                        "Sent a written summary: in touch with the family "
                                        "weekly; nothing new to report since the last meeting.")
                    if apologies else None)), held)

    def versions(
        self, home: _Home, plan: Plan, concerns: list[Concern], outcomes: list[Outcome],
        worker: Staff, start: date, conferences: list[Conference],
        meetings: list[CoreGroupMeeting],
    ) -> None:
        moments: list[tuple[date, str, bool]] = [
            (start, "Outline plan agreed at the initial child protection conference", False)]
        if meetings and meetings[0].held_on:
            moments.append((meetings[0].held_on, "Detailed plan agreed at the first core group",
                            True))
        moments += [(c.held_on, "Plan updated after the review conference", True)
                    for c in conferences[1:]]
        for number, (made, reason, with_added) in enumerate(moments, start=1):
            content = {
                "category": plan.latest_category or plan.category,
                "concerns": [c.description for c in concerns],
                "outcomes": [{"description": o.description, "origin": o.origin,
                              "progress_measure": o.progress_measure}
                             for o in outcomes if with_added or o.origin is AGREED],
                "when_child_seen": plan.when_child_seen,
                "contingency_plan": plan.contingency_plan,
                "developmental_needs": plan.developmental_needs,
                "therapeutic_services": plan.therapeutic_services,
                "review_points": plan.review_points,
                "childs_copy": plan.childs_copy,
            }
            version = self.add(PlanVersion(
                plan_id=plan.id, number=number, made_on=made, made_by_id=worker.id,
                reason=reason, snapshot=_snapshot(content), status=RecordStatus.FINAL,
                finalised_at=_at(made, 16), updated_by=worker.id), made)
            if made < self.today - timedelta(days=7):
                self.countersign(CountersignSubject.PLAN_VERSION, version.id, made)

    def disagreements(self, home: _Home, plan: Plan, start: date,
                      meetings: list[CoreGroupMeeting]) -> None:
        if home.key == "hughes":
            self.add(Disagreement(
                plan_id=plan.id, recorded_on=start, who="Dean Hughes (father)",
                about="Disagrees with the category of neglect: says there was no food in the "
                      "house for one fortnight only, after his wages were stopped. The chair "
                      "recorded his view in the conference minutes."), start)
            held = [m for m in meetings if m.held_on]
            if len(held) > 2:
                m = held[2]
                self.add(Disagreement(
                    plan_id=plan.id, meeting_id=m.id, recorded_on=m.held_on,
                    who="Stacey Hughes (mother)",
                    about="Disagrees with unannounced visits before 09:00: says they make the "
                          "children late for school. Recorded in the minutes; visits before "
                          "09:00 to stay, as agreed by the conference."), m.held_on)
        else:
            self.add(Disagreement(
                plan_id=plan.id, recorded_on=start, who="Olu Adeyemi (father)",
                about="Disagrees that Tobi has been emotionally harmed: says the arguments were "
                      "between adults and Tobi was upstairs. Recorded at the conference."),
                start)

    def countersign(self, kind: CountersignSubject, subject_id: str, done: date) -> None:
        """Decide now; sign in `sign_all`, once the records are stored to be hashed."""
        signed = min(self.cal.add_working_days(done, self.rng.randint(1, 4)),
                     self.today - timedelta(days=1))
        comment = self.rng.choice((None, None, "Read.", "Read; agree with the analysis.",
                                   "Please book the joint visit with the health visitor."))
        self.to_sign.append((kind, subject_id, _at(signed, 11, self.rng.randint(0, 59)),
                             comment))

    def sign_all(self) -> None:
        """Countersign with the hash `cpdesk verify` recomputes: the stored content, read back."""
        session = self.session
        session.flush()
        session.expire_all()
        # Every signed record read back at once, so hashing below finds them loaded.
        loaded = load_subjects(session, [(kind, subject_id)
                                         for kind, subject_id, _, _ in self.to_sign])
        with session.no_autoflush:
            hashes = [content_hash(subject_content(session, kind, subject_id))
                      for kind, subject_id, _, _ in self.to_sign]
        del loaded  # held until every record was hashed
        for (kind, subject_id, signed_at, comment), signed in zip(
                self.to_sign, hashes, strict=True):
            self.add(Countersignature(
                subject_kind=kind, subject_id=subject_id, manager_id=self.manager.id,
                signed_at=signed_at, decision=CountersignDecision.COUNTERSIGNED,
                comment=comment, content_hash=signed, updated_by=self.manager.id), signed_at)

    def previous_plan(self, home: _Home, child: Child, current_start: date) -> None:
        start = _weekday_on_or_before(current_start - timedelta(days=3 * 365 + 40))
        end = _weekday_on_or_before(start + timedelta(days=330))
        worker = self.workers[(home.worker + 1) % len(self.workers)]
        plan = self.add(Plan(
            child_id=child.id, strategy_discussion_date=self.cal.add_working_days(start, -10),
            section_47_date=self.cal.add_working_days(start, -9), start_date=start,
            category=Category.NEGLECT, lead_worker_id=worker.id, manager_id=self.manager.id,
            conference_chair=CHAIRS[0], lead_statutory_body=LEAD_BODY,
            status=PlanStatus.ENDED, end_date=end, end_reason=EndReason.NO_LONGER_AT_RISK,
            previous_plans=0,
            contingency_plan="If Mason is left alone at home again, a strategy discussion.",
            when_child_seen="Every 2 weeks at home, alone in his bedroom."), start)
        self.add(Concern(plan_id=plan.id, position=0,
                         description="Mason (then 9) was left alone at home overnight twice."),
                 start)
        for held, kind in ((start, ConferenceKind.INITIAL), (end, ConferenceKind.REVIEW)):
            self.add(Conference(plan_id=plan.id, kind=kind, held_on=held, chair=CHAIRS[0],
                                category=Category.NEGLECT,
                                decisions="Plan made." if kind is ConferenceKind.INITIAL
                                else "The plan ends: no longer at risk of significant harm."),
                     held)
        self.counts["plans"] += 1

    # --- home visits ---------------------------------------------------------------------

    def visits(
        self, home: _Home, kids: list[Child], plan_of: dict[int, Plan],
        concerns_of: dict[int, list[Concern]], worker: Staff, start: date, end: date | None,
    ) -> None:
        rng, today = self.rng, self.today
        weekly = home.visit_interval == 7
        last = (_weekday_on_or_before(today - timedelta(days=home.last_visit_ago))
                if home.last_visit_ago is not None else end or today)
        dates: list[date] = []
        d = last
        while d > start:
            dates.append(d)
            d = _weekday_on_or_before(d - timedelta(days=rng.randint(5, 7) if weekly
                                                    else rng.randint(9, 13)))
        dates.reverse()
        delegated_at = len(dates) - 5 if "delegated" in home.flags else -1
        for n, visit_date in enumerate(dates):
            latest = n == len(dates) - 1
            draft = latest and ("late_draft" in home.flags or home.key == "bailey")
            self.visit(home, kids, plan_of, concerns_of, worker, visit_date, n, latest,
                       draft=draft, delegated=n == delegated_at)

    def visit(
        self, home: _Home, kids: list[Child], plan_of: dict[int, Plan],
        concerns_of: dict[int, list[Concern]], worker: Staff, visit_date: date, n: int,
        latest: bool, *, draft: bool, delegated: bool,
    ) -> None:
        rng, today = self.rng, self.today
        carer = home.carer
        unseen = latest and "child_unseen" in home.flags
        author = self.workers[(home.worker + 1) % len(self.workers)] if delegated else worker
        school_age = any(_band(k.date_of_birth, visit_date) in ("child", "teen") for k in kids)
        unannounced = rng.random() < 0.25
        hour = (rng.choice((8, 8, 16, 17)) if unannounced else
                rng.choice((15, 16, 16, 17)) if school_age else rng.choice((10, 11, 13, 14)))
        names = [k.given_names for k in kids if k.date_of_birth is not None]
        extras = [a for a in home.adults if a is not carer and a.excluded_reason is None
                  and rng.random() < 0.3]
        if unseen:
            present = "No one answered the door."
        else:
            people = [f"{carer.name} ({carer.relationship.lower()})", *names]
            people += [f"{a.name} ({a.relationship.lower()}, arrived during the visit)"
                       for a in extras]
            present = ", ".join(people[:-1]) + " and " + people[-1] if len(people) > 1 \
                else people[0]
            if delegated:
                present += f". Visit made by {author.name} while {worker.name} was on leave."
        words = {"carer_first": carer.first}
        band0 = _band(kids[0].date_of_birth, visit_date)
        meals_pool = (UNBORN_MEALS if band0 == "unborn" else
                      BABY_MEALS + MEALS if band0 == "baby" else MEALS)
        vague = (self.vague_left > 0 and n == 3 and not draft and not unseen
                 and band0 != "unborn")
        if vague:
            self.vague_left -= 1
        visit = Visit(
            visit_date=visit_date, start_time=time(hour, rng.choice((0, 10, 15, 30, 40, 45))),
            visit_type=VisitType.UNANNOUNCED if unannounced else VisitType.ANNOUNCED,
            household_id=kids[0].household_id, present=present,
            sleeping_arrangements=(
                "Not seen: no one answered the door." if unseen else
                f"{home.sleeping} {_fill(rng.choice(SLEEP_NOTES), **words)}"
                if band0 != "unborn" else home.sleeping),
            meals=("Not known: no one answered the door." if unseen
                   else _fill(rng.choice(meals_pool), **words)),
            delegated=delegated, delegated_to=author.name if delegated else None,
            delegation_agreed_by=self.manager.name if delegated else None,
            next_planned_visit=visit_date + timedelta(
                days=1 if unseen else rng.randint(5, 7) if home.visit_interval == 7
                else rng.randint(8, 13)),
            author_id=author.id, status=RecordStatus.DRAFT if draft else RecordStatus.FINAL,
            updated_by=author.id,
        )
        self.add(visit, _at(visit_date, min(hour + 2, 20)))
        for position, kid in enumerate(kids):
            visit.children.append(self.visit_child(
                home, kid, plan_of[position], concerns_of[position], visit_date, position,
                latest=latest, unseen=unseen, vague=vague and position == 0, n=n))
        self.counts["visits"] += 1
        if draft:
            return
        finalised = min(self.cal.add_working_days(visit_date, rng.choice((0, 0, 1))), today)
        visit.finalised_at = _at(finalised, 17, rng.randint(0, 59))
        age = (today - finalised).days
        hold_back = ("countersign_overdue" in home.flags and 8 <= age <= 30)
        if not hold_back and (age > 10 or (age > 3 and rng.random() < 0.5)):
            self.countersign(CountersignSubject.VISIT, visit.id, finalised)

    def visit_child(
        self, home: _Home, kid: Child, plan: Plan, concerns: list[Concern], on: date,
        position: int, *, latest: bool, unseen: bool, vague: bool, n: int,
    ) -> VisitChild:
        rng = self.rng
        spec = home.kids[position]
        band = _band(kid.date_of_birth, on)
        carer = home.carer
        pr = _pronouns(kid.gender)
        words = {"name": kid.given_names, "carer_first": carer.first, **pr}
        entry = VisitChild(child_id=kid.id, plan_id=plan.id, position=position,
                           new_incidents=False)
        entry.id = self.ids.new()
        entry.created_at = entry.updated_at = _at(on, 18)
        if band == "unborn":
            weeks = 40 - ((kid.expected_date_of_birth or on) - on).days // 7
            entry.child_seen = False
            entry.not_seen_reason = (
                f"Unborn baby, due {kid.expected_date_of_birth:%-d %B %Y}: Jade seen, "
                f"{weeks} weeks pregnant.")
            entry.presentation_and_behaviour = (
                f"Jade is {weeks} weeks pregnant. She said the baby moves most in the evenings "
                "and showed me the scan photo and her hospital notes: the midwife's last check "
                "was on track.")
        elif unseen:
            entry.child_seen = False
            entry.not_seen_reason = (
                "No answer at the door at 16:10 or at 16:40; the curtains were closed and "
                f"{carer.first}'s car was outside. I phoned {carer.first} twice with no reply "
                f"and left a card asking her to call. School said {kid.given_names} was absent "
                f"today ({carer.first} phoned in sick for him). Discussed with "
                f"{self.manager.name} at 17:15: unannounced visit tomorrow at 08:00 with the "
                "police if there is still no contact.")
            entry.new_incidents = False
            return entry
        else:
            entry.child_seen = True
            age = _age_words(kid.date_of_birth, on) if kid.date_of_birth else ""
            values = {**words, "age": age, "clothes": _fill(rng.choice(CLOTHES[band]), **pr),
                      "toy": rng.choice(TOYS), "weight": rng.choice(WEIGHTS),
                      "topic": rng.choice(TEEN_TOPICS if band == "teen" else TOPICS)}
            template = rng.choice(VAGUE_PRESENTATION) if vague else rng.choice(
                PRESENTATION[band])
            entry.presentation_and_behaviour = _fill(template, **values)
            if band == "baby":
                entry.seen_awake = rng.random() < 0.9
                entry.wishes_and_feelings = _fill(
                    "{name} is {age} and cannot say. {He} turned towards {carer_first}'s voice "
                    "and stopped crying when she held {him}.", **values)
            else:
                not_alone = (
                    (not latest and rng.random() < 0.08)
                    or ("not_seen_alone" in home.flags and latest)
                    or ("harvey_not_alone" in home.flags and position == 0 and latest))
                entry.seen_alone = not not_alone
                if not_alone:
                    entry.not_seen_alone_reason = _fill(rng.choice(NOT_SEEN_ALONE), **values)
                    entry.wishes_and_feelings = _fill(
                        "{name} did not want to talk about how things are at home with "
                        "{carer_first} in the room.", **values)
                else:
                    where = _fill(rng.choice(SEEN_ALONE_WHERE), **values)
                    said = _fill(rng.choice(WISHES[band]), **values)
                    entry.wishes_and_feelings = f"Seen alone {where}. {said}"
            entry.bedroom_seen = rng.random() < 0.75
            if rng.random() < 0.06:
                entry.new_incidents = True
                if home.category is Category.PHYSICAL:
                    entry.incident_details = _fill(
                        "A graze (about 2 cm) on {name}'s left knee. {name} said {he} fell off "
                        "{his} scooter on the path on Saturday; {carer_first} gave the same "
                        "account. Shared with the school.", **values)
                    entry.injury_location = "Left knee"
                else:
                    entry.incident_details = _fill(
                        "Police were called to the street on Saturday night about a fight "
                        "between neighbours; {carer_first} said {name} was asleep and did not "
                        "see it. Police log checked.", **values)
        plan_text = PLAN_TEXT[home.category]
        for j, concern in enumerate(concerns):
            pick = rng.choices((0, 1, 2), (0.5, 0.15, 0.35))[0]
            words_plan = self.words(home, spec, self.workers[home.worker], on)
            observation = _fill(plan_text.concerns[j].seen[pick], **words_plan)
            if vague and j == 0:
                observation = "No concerns."
            entry.observations.append(Observation(
                id=self.ids.new(), created_at=_at(on, 18), updated_at=_at(on, 18),
                position=j, concern_id=concern.id, concern=plan_text.concerns[j].label,
                observation=observation,
                risk_trend=(RiskTrend.SAME, RiskTrend.INCREASED, RiskTrend.REDUCED)[pick]))
        return entry



# --- benchmark scales: SQLAlchemy Core bulk inserts ----------------------------------------


@dataclass(frozen=True)
class BulkScale:
    """A benchmark-sized caseload (issue 10): roughly these many rows, plans over the years."""

    name: str
    children: int
    open_plans: int
    visits: int
    core_group_meetings: int
    teams: int
    staff_per_team: int = 10  # one manager, one administrator, the rest social workers


BULK_SCALES: dict[str, BulkScale] = {
    "small": BulkScale("small", children=2_000, open_plans=200, visits=100_000,
                       core_group_meetings=5_000, teams=2),
    "authority": BulkScale("authority", children=20_000, open_plans=2_000, visits=1_000_000,
                           core_group_meetings=50_000, teams=20),
}

FIRST_F = ("Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Freya", "Grace", "Ruby",
           "Sophie", "Evie", "Poppy", "Ella", "Aisha", "Zainab", "Maja", "Niamh", "Chloe", "Layla")
FIRST_M = ("Oliver", "George", "Noah", "Leo", "Arthur", "Harry", "Oscar", "Jack", "Charlie",
           "Alfie", "Mohammed", "Theo", "Finley", "Riley", "Kai", "Jacob", "Ethan", "Mason",
           "Tyler", "Callum")
SURNAMES = ("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
            "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
            "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan", "Hussain", "Ali", "Begum",
            "Nowak", "Murphy", "Kelly", "Hughes", "Edwards", "Price", "Harris", "Lewis", "Young",
            "Turner", "Parker", "Cooper", "Ward", "Morris", "Bennett", "Okafor", "Mensah")
STREETS = ("Larkspur Road", "Quarry Hill", "Foundry Terrace", "Beacon Close", "Canal View",
           "Hawthorn Avenue", "Weaver's Row", "Slate Street", "Beech Grove", "Heron Walk",
           "Clover Street", "Millstone Lane", "Lime Tree Road", "Kingfisher Court",
           "Orchard Gardens", "Sandpiper Way", "Chapel Street", "Brook Lane")
BULK_PRESENT = ("Mother and {names}", "Mother, father and {names}", "Grandmother and {names}",
                "Father and {names}")
BULK_SLEEP = ("Own bed; bedding clean and dry.", "Shares a room with a sibling; beds made.",
              "Cot in the parents' room; sleeping bag; nothing else in the cot.")
BULK_MEALS = ("Tea: pasta bake. Milk, bread and fruit in the kitchen.",
              "Breakfast club at school; tea was fish fingers and beans.",
              "Cupboards nearly empty; food bank voucher given.")
BULK_PRESENTATION = ("Wearing school uniform; talked about a spelling test; no marks seen.",
                     "In pyjamas after a bath; showed me a drawing; no marks seen.",
                     "Playing with bricks on the floor; said \"look\" and laughed.",
                     "Quiet at first, then talked about football for ten minutes.")
BULK_WISHES = ("Said: \"I like my new bike.\"", "Said: \"I want Mum to stop shouting.\"",
               "Said: \"I want to stay here.\"", "Did not want to talk about home today.")
BULK_OBSERVATIONS = ("Food seen in the fridge and cupboards.", "No marks seen on arms or face.",
                     "No police call-outs since the last visit.",
                     "Home swept; bins emptied.", "Mother smelt of alcohol at the start.")
BULK_CONCERNS = {
    Category.NEGLECT: "Not enough food at home; home unsafe and dirty.",
    Category.PHYSICAL: "Unexplained bruising; physical chastisement.",
    Category.SEXUAL: "Disclosure of sexual abuse by an adult known to the family.",
    Category.EMOTIONAL: "Living with domestic abuse between the adults.",
    Category.MULTIPLE: "Parental alcohol use; poor school attendance.",
}
CATEGORY_WEIGHTS = ((Category.NEGLECT, 0.48), (Category.EMOTIONAL, 0.36),
                    (Category.PHYSICAL, 0.08), (Category.SEXUAL, 0.04),
                    (Category.MULTIPLE, 0.04))

# Parents before children, so a flush in this order never breaks a foreign key.
BULK_ORDER: tuple[type[Any], ...] = (
    Team, Staff, Household, Child, FamilyMember, Plan, Concern, Outcome, CoreGroupMember,
    Action, Conference, CoreGroupMeeting, MeetingAttendance, PlanVersion, Visit, VisitChild,
    Observation, Countersignature,
)


@dataclass
class _Family:
    size: int
    team_id: str
    worker_id: str
    manager_id: str
    manager_name: str
    worker_name: str
    start: date
    end: date | None
    category: Category
    household_id: str = ""
    child_ids: list[str] = field(default_factory=list)
    plan_ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    dobs: list[date] = field(default_factory=list)


class _BulkWriter:
    """Streams rows per table into chunked Core inserts, parents always flushed first."""

    def __init__(self, session: Session, today: date, scale: BulkScale, seed: int) -> None:
        self.session = session
        self.today = today
        self.scale = scale
        self.rng = random.Random(seed)
        self.ids = _Ids(random.Random(seed ^ 0x5EED))
        self.rows: dict[type[Any], list[dict[str, Any]]] = {m: [] for m in BULK_ORDER}
        self.written: dict[str, int] = {}
        self._stamps: dict[date, datetime] = {}
        self.cal = calendar_for("england")

    def stamp(self, d: date) -> datetime:
        found = self._stamps.get(d)
        if found is None:
            found = self._stamps[d] = _at(d, 12)
        return found

    def add(self, model: type[Any], on: date, by: str | None = None, **values: Any) -> str:
        return str(self.add_row(model, on, by, values)["id"])

    def add_row(self, model: type[Any], on: date, by: str | None,
                values: dict[str, Any]) -> dict[str, Any]:
        """Queue one row (every column given, so its hash can be computed from it)."""
        when = self.stamp(on)
        values.update(id=self.ids.new(), created_at=when, updated_at=when, updated_by=by,
                      revision=1)
        rows = self.rows[model]
        rows.append(values)
        if len(rows) >= CHUNK:
            self.flush()
        return values

    def flush(self) -> None:
        for model in BULK_ORDER:
            rows = self.rows[model]
            if rows:
                table: Table = model.__table__
                self.session.execute(insert(table), rows)
                self.written[table.name] = self.written.get(table.name, 0) + len(rows)
                rows.clear()

    # --- generation -----------------------------------------------------------------------

    def write(self, check_usernames: Callable[[Iterable[str]], None]) -> dict[str, int]:
        today, scale = self.today, self.scale
        staff = self.staff()
        check_usernames(self.usernames)
        families = self.families(staff)
        active = [f for f in families if f.end is None]
        ended = [f for f in families if f.end is not None]
        # Open plans visit every 9-13 days; ended plans share what is left of the visit and
        # meeting totals, spread evenly over their length.
        active_visits = sum(max(1, (today - f.start).days // 11) for f in active)
        active_meetings = sum(max(1, (today - f.start).days // 28) for f in active)
        active_meetings *= 1 + sum(f.size - 1 for f in active) / max(1, len(active))
        ended_days = sum((f.end - f.start).days for f in ended if f.end) or 1
        ended_plan_days = sum(f.size * (f.end - f.start).days for f in ended if f.end) or 1
        visit_gap = ended_days / max(1, scale.visits - active_visits)
        # Every ended plan had its first meeting; the rest of the budget is spread evenly.
        ended_plans = sum(f.size for f in ended)
        meeting_gap = ended_plan_days / max(
            1, scale.core_group_meetings - active_meetings - ended_plans)
        for family in families:
            self.family_records(family)
            if family.end is None:
                self.active_visits(family)
                self.meetings(family, None)
            else:
                self.ended_visits(family, visit_gap)
                self.meetings(family, meeting_gap)
        self.flush()
        VISIT_COUNTERSIGNED.mark(self.session.connection())
        MINUTES_COUNTERSIGNED.mark(self.session.connection())
        return self.written

    def staff(self) -> list[tuple[str, str, str, list[tuple[str, str]]]]:
        """Per team: (team id, manager id, manager name, [(worker id, worker name)])."""
        rng, scale = self.rng, self.scale
        since = self.today - timedelta(days=3650)
        used: set[str] = set()
        teams = []
        for t in range(scale.teams):
            team_id = self.add(Team, since, name=f"{AUTHORITY} Area Team {t + 1}")
            members: list[tuple[str, str, Role]] = []
            for k in range(scale.staff_per_team):
                role = (Role.MANAGER if k == 0 else Role.ADMINISTRATOR if k == 1
                        else Role.SOCIAL_WORKER)
                first = rng.choice(FIRST_F + FIRST_M)
                name = f"{first} {rng.choice(SURNAMES)}"
                username = name.lower().replace(" ", ".").replace("'", "")
                base, n = username, 1
                while username in used:
                    n += 1
                    username = f"{base}{n}"
                used.add(username)
                staff_id = self.add(Staff, since, name=name, username=username, role=role,
                                    team_id=team_id, email=f"{username}@northbridge.example",
                                    active=True, password_hash=None, failed_sign_ins=0,
                                    locked_until=None)
                members.append((staff_id, name, role))
            manager = members[0]
            workers = [(i, n) for i, n, r in members if r is Role.SOCIAL_WORKER]
            teams.append((team_id, manager[0], manager[1], workers))
        self.usernames = used
        return teams

    def families(
        self, staff: list[tuple[str, str, str, list[tuple[str, str]]]]
    ) -> list[_Family]:
        rng, today, scale = self.rng, self.today, self.scale
        sizes: list[int] = []
        while sum(sizes) < scale.children:
            sizes.append(min(rng.choices((1, 2, 3), (0.65, 0.25, 0.10))[0],
                             scale.children - sum(sizes)))
        order = list(range(len(sizes)))
        rng.shuffle(order)
        active: set[int] = set()
        open_plans = 0
        for i in order:
            if open_plans >= scale.open_plans:
                break
            active.add(i)
            open_plans += sizes[i]
        cats = [c for c, _ in CATEGORY_WEIGHTS]
        weights = [w for _, w in CATEGORY_WEIGHTS]
        out = []
        for i, size in enumerate(sizes):
            team = rng.randrange(len(staff))
            team_id, manager_id, manager_name, workers = staff[team]
            worker_id, worker_name = rng.choice(workers)
            if i in active:
                start = _weekday_on_or_before(today - timedelta(days=rng.randint(14, 425)))
                end = None
            else:
                start = _weekday_on_or_before(today - timedelta(days=rng.randint(250, 3650)))
                end = min(_weekday_on_or_before(start + timedelta(days=rng.randint(90, 700))),
                          _weekday_on_or_before(today - timedelta(days=30)))
            out.append(_Family(size, team_id, worker_id, manager_id, manager_name, worker_name,
                               start, end, rng.choices(cats, weights)[0]))
        return out

    def family_records(self, f: _Family) -> None:
        rng, today = self.rng, self.today
        family_name = rng.choice(SURNAMES)
        address = (f"{rng.randint(1, 199)} {rng.choice(STREETS)}, {AUTHORITY} "
                   f"NB{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
                   f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}")
        strategy = self.cal.add_working_days(f.start, -rng.randint(8, 14))
        f.household_id = self.add(Household, strategy, name=f"{family_name} household",
                                  address=address)
        mother = f"{rng.choice(FIRST_F)} {family_name}"
        father = f"{rng.choice(FIRST_M)} {family_name}"
        for k in range(f.size):
            gender = rng.choice((Gender.FEMALE, Gender.MALE))
            given = rng.choice(FIRST_F if gender is Gender.FEMALE else FIRST_M)
            unborn = f.end is None and k == 0 and f.size == 1 and rng.random() < 0.03
            dob = None if unborn else f.start - timedelta(days=rng.randint(30, 15 * 365))
            self.case = getattr(self, "case", 300_000) + 1
            child_id = self.add(
                Child, strategy, case_number=f"NB-{self.case}", given_names=given,
                family_name=family_name, known_as=None, date_of_birth=dob,
                expected_date_of_birth=(today + timedelta(days=rng.randint(10, 120))
                                        if unborn else None),
                gender=Gender.UNKNOWN if unborn else gender, ethnicity=WB, disability=None,
                preferred_language="English", address=address, team_id=f.team_id,
                household_id=f.household_id, named_person=None,
                emergency_protection_order=False, emergency_protection_order_date=None,
                police_protection=False, police_protection_date=None)
            f.child_ids.append(child_id)
            f.names.append(given)
            f.dobs.append(dob or today + timedelta(days=60))
            for position, (name, rel) in enumerate(((mother, "Mother"), (father, "Father"))):
                self.add(FamilyMember, strategy, child_id=child_id, position=position, name=name,
                         relationship_to_child=rel, parental_responsibility=True,
                         is_carer=position == 0, lives_with_child=position == 0, address=None,
                         phone=None)
            f.plan_ids.append(self.plan(f, child_id, strategy, mother, father))

    def plan(self, f: _Family, child_id: str, strategy: date, mother: str,
             father: str) -> str:
        rng, today = self.rng, self.today
        plan_id = self.add(
            Plan, strategy, by=f.worker_id, child_id=child_id, strategy_discussion_date=strategy,
            section_47_date=self.cal.add_working_days(strategy, 1), start_date=f.start,
            late_conference_reason=None, category=f.category, latest_category=None,
            lead_worker_id=f.worker_id, manager_id=f.manager_id,
            conference_chair="Janet Rowe", lead_statutory_body=LEAD_BODY,
            status=PlanStatus.ENDED if f.end else PlanStatus.ACTIVE, end_date=f.end,
            end_reason=EndReason.NO_LONGER_AT_RISK if f.end else None,
            previous_plans=1 if rng.random() < 0.2 else 0, visit_interval=None,
            visit_interval_unit=None, core_group_interval=None, core_group_interval_unit=None,
            when_child_seen="Every 2 weeks at home, alone in their bedroom.",
            contingency_plan="Same-day strategy discussion if harm is suspected.",
            developmental_needs="Routine at bedtime; speech and language check.",
            therapeutic_services="Family support weekly.",
            review_points="Core group every 4 weeks; reviews as the conference sets.",
            family_involvement="Both parents are core group members.",
            worries=None, working_well=None, needs_to_happen=None,
            childs_copy="Why do I have a plan? Grown-ups were worried about you at home.",
            family_copy_language=None)
        self.add(Concern, f.start, plan_id=plan_id, position=0,
                 description=BULK_CONCERNS[f.category])
        # Roles and contact are agreed at the first core group, which completes the plan
        # (002 s6.3): a plan younger than three weeks has none yet, so it shows as incomplete.
        agreed = (f.end or today) - f.start >= timedelta(days=21)
        members = [self.add(CoreGroupMember, f.start, plan_id=plan_id, position=p, name=n,
                            kind=kind, agency=agency, job_title=title,
                            role_in_plan=role if agreed else None,
                            contact_frequency=often if agreed else None,
                            phone=None, email=None, address=None,
                            excluded=False, excluded_reason=None, joined_on=f.start,
                            left_on=None, agreement_signed_on=None)
                   for p, (n, kind, agency, title, role, often) in enumerate((
                       (f.worker_name, MemberKind.PROFESSIONAL, LEAD_BODY, "Lead social worker",
                        "Leads the plan and the core group; visits the children.",
                        "Visits every 10 days"),
                       (mother, MemberKind.FAMILY, None, "Mother",
                        "Keeps to the agreed actions; tells the lead worker of changes.",
                        "At every visit"),
                       (father, MemberKind.FAMILY, None, "Father",
                        "Keeps to the agreed actions; tells the lead worker of changes.",
                        "At every visit"),
                       ("Claire Booth", MemberKind.PROFESSIONAL, "School", "Class teacher",
                        "Attendance and how the child presents at school.", "Weekly by phone"),
                       ("Dr Ian Fraser", MemberKind.PROFESSIONAL, "GP practice", "GP",
                        "Health checks and appointments kept.", "At each core group"),
                   )[: 5 if f.end is None else 2])]
        for o, (outcome_text, origin) in enumerate((("Food in the home at every visit.", AGREED),
                                            ("Goes to school every day.", ADDED))):
            outcome_id = self.add(Outcome, f.start, plan_id=plan_id, position=o,
                                  description=outcome_text, origin=origin,
                                  progress_measure="Seen at every visit.")
            by_when = f.start + timedelta(days=rng.randint(14, 120))
            status = (ActionStatus.DONE if f.end or (by_when < today and rng.random() < 0.85)
                      else rng.choice((ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)))
            self.add(Action, f.start, outcome_id=outcome_id, position=0,
                     what="Weekly family support session", why="Routines and meals",
                     who=f"{f.worker_name} (lead social worker)", member_id=members[0],
                     by_when=by_when, status=status)
        held, kind, n = f.start, ConferenceKind.INITIAL, 0
        last = f.end or today
        while held <= last:
            next_review = _weekday_on_or_before(held + relativedelta(months=3 if n == 0 else 6))
            self.add(Conference, held, plan_id=plan_id, kind=kind, held_on=held,
                     chair="Janet Rowe", decisions="Plan continues.", category=f.category,
                     next_review_date=next_review, safety_scale=None)
            held, kind, n = next_review, ConferenceKind.REVIEW, n + 1
        version = self.add_row(PlanVersion, f.start, f.worker_id, {
            "plan_id": plan_id, "number": 1, "made_on": f.start, "made_by_id": f.worker_id,
            "reason": "Outline plan", "snapshot": _snapshot({
                "category": f.category, "concerns": [BULK_CONCERNS[f.category]]}),
            "status": RecordStatus.FINAL, "finalised_at": self.stamp(f.start)})
        self.maybe_countersign(f, CountersignSubject.PLAN_VERSION, version, f.start,
                               content_hash(_content_columns(version)))
        return plan_id

    def active_visits(self, f: _Family) -> None:
        rng, today = self.rng, self.today
        last_ago = rng.choices((rng.randint(0, 10), rng.randint(11, 14), rng.randint(15, 40)),
                               (0.6, 0.2, 0.2))[0]
        d = today - timedelta(days=last_ago)
        dates = []
        while d > f.start:
            dates.append(d)
            d -= timedelta(days=rng.randint(9, 13))
        dates.reverse()
        for i, visit_date in enumerate(dates):
            latest = i == len(dates) - 1
            draft = latest and rng.random() < 0.1
            unseen = latest and not draft and rng.random() < 0.01
            alone = not (latest and rng.random() < 0.1)
            self.visit(f, visit_date, draft=draft, unseen=unseen, alone=alone, observe=True)

    def ended_visits(self, f: _Family, gap: float) -> None:
        assert f.end is not None
        span = (f.end - f.start).days
        count = max(1, round(span / gap))
        step = span / count
        for i in range(count):
            visit_date = f.start + timedelta(days=int((i + 1) * step))
            self.visit(f, visit_date, draft=False, unseen=False, alone=True, observe=False)

    def visit(self, f: _Family, on: date, *, draft: bool, unseen: bool, alone: bool,
              observe: bool) -> None:
        rng = self.rng
        names = " and ".join(f.names)
        visit = {
            "visit_date": on, "start_time": time(rng.choice((9, 11, 15, 16, 17)), 0),
            "visit_type": VisitType.ANNOUNCED, "household_id": f.household_id,
            "present": "No one answered the door." if unseen
            else rng.choice(BULK_PRESENT).format(names=names),
            "sleeping_arrangements": rng.choice(BULK_SLEEP), "meals": rng.choice(BULK_MEALS),
            "delegated": False, "delegated_to": None, "delegation_agreed_by": None,
            "next_planned_visit": on + timedelta(days=10), "author_id": f.worker_id,
            "status": RecordStatus.DRAFT if draft else RecordStatus.FINAL,
            "finalised_at": None if draft else self.stamp(on), "void_reason": None,
        }
        visit_id = self.add_row(Visit, on, f.worker_id, visit)["id"]
        children: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
        for k, child_id in enumerate(f.child_ids):
            unborn = f.dobs[k] > on
            baby = not unborn and is_under_one(f.dobs[k], on)
            seen = not unseen and not unborn
            entry = {
                "visit_id": visit_id, "visit_date": on, "visit_status": visit["status"],
                "child_id": child_id, "plan_id": f.plan_ids[k],
                "position": k, "child_seen": seen,
                "not_seen_reason": None if seen else (
                    "Unborn baby." if unborn else "No answer at the door."),
                "seen_alone": (alone if seen and not baby else None),
                "not_seen_alone_reason": None if not seen or baby or alone
                else "Mother would not leave the room.",
                "seen_awake": True if baby and seen else None,
                "bedroom_seen": seen, "presentation_and_behaviour":
                    rng.choice(BULK_PRESENTATION) if seen else None,
                "wishes_and_feelings": rng.choice(BULK_WISHES) if seen and not baby else None,
                "new_incidents": False, "incident_details": None, "injury_location": None,
            }
            entry_id = self.add_row(VisitChild, on, f.worker_id, entry)["id"]
            observations = []
            if observe and seen:
                observations.append(self.add_row(Observation, on, f.worker_id, {
                    "visit_child_id": entry_id, "position": 0, "concern_id": None,
                    "concern": BULK_CONCERNS[f.category],
                    "observation": rng.choice(BULK_OBSERVATIONS),
                    "risk_trend": rng.choice((RiskTrend.SAME, RiskTrend.REDUCED))}))
            children.append((entry, observations))
        if draft:
            return
        self.maybe_countersign(f, CountersignSubject.VISIT, visit, on,
                               visit_rows_content_hash(visit, children))

    def maybe_countersign(self, f: _Family, kind: CountersignSubject, record: dict[str, Any],
                          finalised: date, signs: str) -> None:
        """The team's manager countersigns most final records within days; a few are missed."""
        rng = self.rng
        age = (self.today - finalised).days
        if age > 10 and rng.random() < 0.97 or 3 < age <= 10 and rng.random() < 0.5:
            signed = finalised + timedelta(days=rng.randint(1, 3))
            self.add(Countersignature, signed, by=f.manager_id, subject_kind=kind,
                     subject_id=record["id"], manager_id=f.manager_id,
                     signed_at=self.stamp(signed), decision=CountersignDecision.COUNTERSIGNED,
                     comment=None, content_hash=signs)

    def meetings(self, f: _Family, gap: float | None) -> None:
        rng, today = self.rng, self.today
        last = f.end or today
        first = self.cal.add_working_days(f.start, rng.randint(6, 9))
        if gap is None:  # an open plan: every 4 weeks, with a real spread of late ones
            overdue = rng.random() < 0.2
            step = 28.0
        else:
            overdue, step = False, max(28.0, gap)
        for plan_id in f.plan_ids:
            held = first
            dates: list[date] = []
            while held <= last and held < today:
                dates.append(held)
                held = held + timedelta(days=int(step) + rng.randint(-2, 1))
            if gap is None and overdue and len(dates) > 1:
                dates.pop()  # the last one did not happen: overdue now
            for k, h in enumerate(dates):
                minutes = h + timedelta(days=rng.randint(3, 14))
                pending = minutes > today or (k == len(dates) - 1 and rng.random() < 0.1
                                              and gap is None)
                meeting = self.add_row(CoreGroupMeeting, h, f.worker_id, {
                    "plan_id": plan_id,
                    "due_date": dates[k - 1] + timedelta(days=28) if k else first,
                    "scheduled_for": self.stamp(h), "moved_reason": None, "held_on": h,
                    "chair": f.worker_name, "venue": "Family centre",
                    "decisions": "Progress reviewed.", "changes_to_plan": None,
                    "next_meeting_date": h + timedelta(days=28),
                    "minutes_circulated_on": None if pending else minutes,
                    "author_id": f.worker_id,
                    "status": RecordStatus.DRAFT if pending else RecordStatus.FINAL,
                    "finalised_at": None if pending else self.stamp(minutes)})
                attendance = [
                    self.add_row(MeetingAttendance, h, None, {
                        "meeting_id": meeting["id"], "member_id": None, "name": name,
                        "attended": True, "apologies": False, "summary_of_involvement": None})
                    for name in (("Lead social worker", "Mother", "Class teacher")
                                 if gap is None else ())]
                if not pending:
                    self.maybe_countersign(f, CountersignSubject.CORE_GROUP_MINUTES, meeting,
                                           minutes, minutes_rows_content_hash(meeting,
                                                                              attendance, ()))
            if gap is None and dates:
                due = dates[-1] + timedelta(days=28 * (2 if overdue else 1))
                self.add(CoreGroupMeeting, dates[-1], by=f.worker_id, plan_id=plan_id,
                         due_date=due, scheduled_for=None, moved_reason=None, held_on=None,
                         chair=None, venue=None, decisions=None, changes_to_plan=None,
                         next_meeting_date=None, minutes_circulated_on=None,
                         author_id=f.worker_id, status=RecordStatus.DRAFT, finalised_at=None)


def write_bulk_data(
    store: Store, today: date, scale: BulkScale, *, seed: int = 7
) -> DemoSummary:
    """Write a benchmark-sized caseload with chunked Core inserts, in one transaction."""
    started = clock.perf_counter()
    with store.session() as session:
        _refuse_if_not_empty(session, store, ())
        if store.is_sqlite:
            # One big transaction: with SQLite's default 2 MB page cache the indexes spill to
            # the WAL again and again (tens of GB written for a 2 GB file). This connection
            # only, for this transaction; set back below.
            session.execute(text("PRAGMA cache_size = -524288"))  # 512 MB
        writer = _BulkWriter(session, today, scale, seed)
        written = writer.write(lambda names: _refuse_if_not_empty(session, store, names))
        _ensure_profile(session, writer.ids, _at(today, 8))
        open_plans = session.scalar(select(func.count()).select_from(Plan).where(
            Plan.status == PlanStatus.ACTIVE)) or 0
        record_event(session, SYSTEM, "demo_data", "caseload", None,
                     after={"scale": scale.name, "seed": seed, "as_of": today.isoformat(),
                            **written})
        if store.is_sqlite:
            session.execute(text("PRAGMA cache_size = -2000"))  # SQLite's default
    teams = scale.teams
    return DemoSummary(
        scale=scale.name, seed=seed, as_of=today, children=written.get("children", 0),
        social_workers=teams * (scale.staff_per_team - 2), managers=teams,
        administrators=teams, teams=teams, plans=written.get("plans", 0),
        open_plans=open_plans, visits=written.get("visits", 0),
        core_group_meetings=written.get("core_group_meetings", 0),
        seconds=clock.perf_counter() - started,
    )
