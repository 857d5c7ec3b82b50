"""Import and export of whole case records in the cpdesk interchange format (JSON, version 1).

Owns `import_cases` (all-or-nothing: every problem in the file is collected with its exact
path, e.g. `children[3].plans[0].visits[2].seen_alone: required`, and nothing is written unless
there are none), `export_cases` / `write_export` (the same format back; import then export is
lossless), and the audit event of each. The file's shape lives in `interchange_schema`;
docs/interchange.md describes it for people.

Design: the file is read and checked completely before the first write. Checks against the
database (ids already there, references to existing staff, teams and households, unique
names) use one query per table (in chunks of CHUNK ids), then every table is written with one
bulk INSERT in dependency order, all in one unit of work with the audit event.

Imports domain, models and services; never Qt.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, and_, insert, or_, select
from sqlalchemy.orm import Session

from cpdesk.domain.actor import SYSTEM, Actor
from cpdesk.domain.enums import CountersignSubject, RecordStatus
from cpdesk.domain.errors import CpdeskError, ImportRejected
from cpdesk.domain.permissions import Permission, require
from cpdesk.domain.visit_validation import (
    ObservationDraft,
    VisitChildDraft,
    VisitDraft,
    validate_visit,
)
from cpdesk.models import (
    Child,
    CoreGroupMeeting,
    Outcome,
    Plan,
    Staff,
    Visit,
    VisitChild,
)
from cpdesk.models.core_group import MINUTES_COUNTERSIGNED
from cpdesk.models.db import Store
from cpdesk.models.visit import VISIT_COUNTERSIGNED
from cpdesk.services.audit import record_event
from cpdesk.services.interchange_schema import (
    ENTRY_BOOKKEEPING,
    ENTRY_PREFIX,
    FORMAT,
    FUTURE_ALLOWED,
    KINDS,
    NESTED,
    REFERENCES,
    SUBJECT_KINDS,
    TOP_LEVEL_KEYS,
    TOP_LEVEL_LISTS,
    UNIQUE_FIELDS,
    VERSION,
    VISIT_ITEM_FIELDS,
    VISIT_SHARED,
    BadValue,
    FieldSpec,
    item_fields,
    order_key,
    write_value,
)
from cpdesk.services.interchange_schema import read_value as _read_value
from cpdesk.services.profile import profile_in

MAX_PROBLEMS = 50
CHUNK = 5000

# Tables in the order they are written (each only refers to tables before it).
WRITE_ORDER = ("team", "staff", "household", "child", "family", "plan", "concern", "outcome",
               "member", "action", "danger_statement", "conference", "meeting", "attendance",
               "progress", "version", "disagreement", "notification", "review_report", "visit",
               "entry", "observation", "countersignature", "addendum")

# What the summary counts, in the words people use.
COUNT_WORDS = {"child": ("child", "children"), "plan": ("plan", "plans"),
               "visit": ("visit", "visits")}


@dataclass(frozen=True)
class Problem:
    path: str
    rule: str

    def __str__(self) -> str:
        return f"{self.path}: {self.rule}" if self.path else self.rule


class InterchangeRejected(ImportRejected):
    """An import file with problems; nothing was saved. `problems` lists every one found (up
    to MAX_PROBLEMS); the message is one `path: rule` line each. `path`/`rule` are the first.
    """

    def __init__(self, problems: Sequence[Problem], more: int = 0) -> None:
        self.problems = tuple(problems)
        self.more = more
        self.path = self.problems[0].path
        self.rule = self.problems[0].rule
        lines = [str(p) for p in self.problems]
        if more:
            lines.append(f"... and {more} more problem{'s' if more != 1 else ''}")
        CpdeskError.__init__(self, "\n".join(lines))


class UnknownCaseNumber(CpdeskError):
    """An export asked for a child the store does not hold."""


@dataclass(frozen=True)
class ImportSummary:
    """How many records of each kind an import wrote (keys are kind names: child, plan...)."""

    counts: Mapping[str, int] = field(default_factory=dict)

    def count(self, kind: str) -> int:
        return int(self.counts.get(kind, 0))

    @property
    def line(self) -> str:
        """"Imported 3 children, 4 plans, 61 visits." """
        parts = []
        for kind, (one, many) in COUNT_WORDS.items():
            n = self.count(kind)
            parts.append(f"{n} {one if n == 1 else many}")
        return f"Imported {', '.join(parts)}."


# --- reading the file ---


def _parse(source: str | os.PathLike[str] | Mapping[str, Any]) -> tuple[Any, dict[int, list[str]],
                                                                          str, str]:
    """(document, duplicate keys by id(object), source name, sha256 of the text)."""
    if isinstance(source, Mapping):
        text = json.dumps(source, ensure_ascii=False)
        name = "(document)"
    elif isinstance(source, os.PathLike) or not source.lstrip().startswith(("{", "[")):
        path = Path(source)
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InterchangeRejected(
                [Problem("", f"{path.name} is not UTF-8 text (byte {exc.start})")]) from None
        name = str(path)
    else:
        text = source
        name = "(text)"
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    dups: dict[int, list[str]] = {}
    keep: list[dict[str, Any]] = []

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        keep.append(obj)  # ids stay unique while the tree is checked
        if len(obj) != len(pairs):
            seen: set[str] = set()
            dups[id(obj)] = sorted({k for k, _ in pairs if k in seen or seen.add(k)})
        return obj

    try:
        doc = json.loads(text, object_pairs_hook=pairs_hook)
    except json.JSONDecodeError as exc:
        raise InterchangeRejected([Problem(
            f"line {exc.lineno}, column {exc.colno}", f"malformed JSON ({exc.msg})")]) from None
    except RecursionError:
        raise InterchangeRejected([Problem("", "malformed JSON (nested too deeply)")]) from None
    doc_keep = (doc, keep)  # noqa: F841 - keep every object alive until checked
    return doc, dups, name, digest


# --- checking ---


@dataclass
class _Ref:
    path: str
    target: str  # "staff", "team", "household", "member@plan"...
    value: str
    row: dict[str, Any]
    field: str
    scopes: list[dict[str, set[str]]]


@dataclass
class _VisitUse:
    """One child's entry in one visit, where it sits in the file, and what it needs."""

    path: str
    visit_id: str
    raw: Mapping[str, Any]
    entry: dict[str, Any]
    observations: list[dict[str, Any]]
    child: dict[str, Any]
    plan: dict[str, Any] | None


class _Checker:
    def __init__(self, today: date, dups: dict[int, list[str]]) -> None:
        self.today = today
        self.dups = dups
        self.problems: list[Problem] = []
        self.total = 0
        self.rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.ids: dict[str, dict[str, str]] = defaultdict(dict)
        self.unique: dict[tuple[str, str], dict[Any, str]] = defaultdict(dict)
        self.refs: list[_Ref] = []
        self.visits: dict[str, _VisitUse] = {}
        self.visit_rows: dict[str, dict[str, Any]] = {}
        self.uses: list[_VisitUse] = []
        self.concern_text: dict[str, str] = {}

    def problem(self, path: str, rule: str) -> None:
        self.total += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(path, rule))

    # -- the document --

    def document(self, doc: Any) -> None:
        if not isinstance(doc, dict):
            self.problem("", "the file must hold one JSON object")
            return
        self._dup_keys(doc, "")
        if doc.get("format") != FORMAT:
            self.problem("format", f'required: must be "{FORMAT}"' if "format" not in doc
                         else f'must be "{FORMAT}"')
            return
        version = doc.get("version")
        if version != VERSION or isinstance(version, bool):
            self.problem("version", "required" if "version" not in doc else
                         f"{json.dumps(version)} is not a version this cpdesk reads "
                         f"(it reads {VERSION})")
            return
        for key in doc:
            if key not in TOP_LEVEL_KEYS:
                self.problem(key, "unknown field")
        if "exported_at" in doc and doc["exported_at"] is not None:
            spec = FieldSpec("exported_at", "datetime", True, False)
            self.value(spec, doc["exported_at"], "exported_at")
        lists: dict[str, list[Any]] = {}
        for key in TOP_LEVEL_LISTS:
            value = doc.get(key, [])
            if not isinstance(value, list):
                self.problem(key, "must be a list")
                value = []
            lists[key] = value
        for key in ("teams", "staff", "households", "children"):
            kind = TOP_LEVEL_LISTS[key]
            for i, obj in enumerate(lists[key]):
                row = self.record(kind, obj, f"{key}[{i}]", None, [])
                if row is not None and kind == "child":
                    self.child_lists(obj, row, f"{key}[{i}]")
        for key in ("countersignatures", "addenda"):
            kind = TOP_LEVEL_LISTS[key]
            for i, obj in enumerate(lists[key]):
                self.record(kind, obj, f"{key}[{i}]", None, [])

    def _dup_keys(self, obj: dict[str, Any], path: str) -> None:
        for key in self.dups.get(id(obj), []):
            self.problem(f"{path}.{key}" if path else key, "appears more than once")

    def _list(self, obj: Mapping[str, Any], key: str, path: str) -> list[Any]:
        value = obj.get(key, [])
        if value is None or isinstance(value, list):
            return value or []
        self.problem(f"{path}.{key}", "must be a list")
        return []

    # -- one record --

    def record(self, kind: str, obj: Any, path: str, parent: tuple[str, str] | None,
               scopes: list[dict[str, set[str]]],
               allowed_extra: Iterable[str] = ()) -> dict[str, Any] | None:
        """Check one record's own fields; returns its row (None if not an object)."""
        if not isinstance(obj, dict):
            self.problem(path, "must be an object")
            return None
        self._dup_keys(obj, path)
        fields = item_fields(kind)
        nested = set(NESTED.get(kind, {})) | set(allowed_extra)
        for key in obj:
            if key not in fields and key not in nested:
                self.problem(f"{path}.{key}", "unknown field")
        row: dict[str, Any] = {}
        if parent is not None:
            row[parent[0]] = parent[1]
        for name, spec in fields.items():
            where = f"{path}.{name}"
            if name not in obj:
                if spec.required:
                    self.problem(where, "required")
                continue
            value = obj[name]
            if value is None:
                if not spec.nullable:
                    self.problem(where, "required" if spec.required else "must not be null")
                    continue
                row[name] = None
                continue
            target = self._ref_target(kind, name)
            if target == "staff" and isinstance(value, str) and not _looks_like_uuid(value):
                # A staff reference may name the username instead of the id.
                if not value.strip():
                    self.problem(where, "must be a staff id or username")
                    continue
                row[name] = value
                self.refs.append(_Ref(where, target, value, row, name, scopes))
                continue
            converted = self.value(spec, value, where)
            if converted is _BAD:
                continue
            row[name] = converted
            if target is not None:
                self.refs.append(_Ref(where, target, converted, row, name, scopes))
        if kind != "visit":
            self._register(kind, row.get("id"), path)
            for name in UNIQUE_FIELDS.get(kind, ()):
                value = row.get(name)
                if value is None:
                    continue
                seen = self.unique[(kind, name)]
                if value in seen:
                    self.problem(f"{path}.{name}", f"must be unique: also at {seen[value]}")
                else:
                    seen[value] = f"{path}.{name}"
            self.rows[kind].append(row)
        return row

    def _ref_target(self, kind: str, name: str) -> str | None:
        if name in ("updated_by", ENTRY_PREFIX + "updated_by"):
            return "staff"
        if kind == "visit":
            return REFERENCES.get(("visit", name)) or REFERENCES.get(("entry", name))
        return REFERENCES.get((kind, name))

    def value(self, spec: FieldSpec, value: Any, where: str) -> Any:
        try:
            converted = _read_value(spec, value)
        except BadValue as exc:
            self.problem(where, str(exc))
            return _BAD
        if spec.kind == "str" and spec.required and not converted.strip():
            self.problem(where, "required (must not be blank)")
            return _BAD
        day = converted.date() if isinstance(converted, datetime) else converted
        if (spec.kind in ("date", "datetime") and spec.name not in FUTURE_ALLOWED
                and day > self.today):
            self.problem(where, f"must be today ({self.today.isoformat()}) or in the past")
            return _BAD
        return converted

    def _register(self, kind: str, ident: Any, path: str, id_field: str = "id") -> None:
        if not isinstance(ident, str):
            return
        seen = self.ids[kind]
        where = f"{path}.{id_field}"
        if ident in seen:
            self.problem(where, f"duplicate id: also at {seen[ident]}")
        else:
            seen[ident] = where

    # -- nested lists --

    def child_lists(self, obj: Mapping[str, Any], child: dict[str, Any], path: str) -> None:
        cid = child.get("id")
        for i, item in enumerate(self._list(obj, "family", path)):
            self.record("family", item, f"{path}.family[{i}]", ("child_id", cid), [])
        child_scopes: list[dict[str, set[str]]] = []
        plans: list[tuple[Any, dict[str, Any], str, dict[str, set[str]]]] = []
        for i, item in enumerate(self._list(obj, "plans", path)):
            where = f"{path}.plans[{i}]"
            scope: dict[str, set[str]] = defaultdict(set)
            plan = self.record("plan", item, where, ("child_id", cid), [scope])
            if plan is not None:
                child_scopes.append(scope)
                plans.append((item, plan, where, scope))
        for item, plan, where, scope in plans:
            self.plan_lists(item, plan, where, scope, child)
        for i, item in enumerate(self._list(obj, "visits", path)):
            self.visit(item, f"{path}.visits[{i}]", child, None, child_scopes)

    def plan_lists(self, obj: Mapping[str, Any], plan: dict[str, Any], path: str,
                   scope: dict[str, set[str]], child: dict[str, Any]) -> None:
        pid = plan.get("id")
        scopes = [scope]

        def add(kind: str, item: Any, where: str, parent: tuple[str, str]) -> dict[str, Any] | None:
            row = self.record(kind, item, where, parent, scopes)
            if row is not None and isinstance(row.get("id"), str):
                scope[kind].add(row["id"])
            return row

        for key, kind in NESTED["plan"].items():
            if key == "visits":
                continue
            for i, item in enumerate(self._list(obj, key, path)):
                where = f"{path}.{key}[{i}]"
                row = add(kind, item, where, ("plan_id", pid))
                if row is None:
                    continue
                if kind == "concern" and isinstance(row.get("id"), str):
                    self.concern_text[row["id"]] = row.get("description") or ""
                for sub_key, sub_kind in NESTED.get(kind, {}).items():
                    for j, sub in enumerate(self._list(item, sub_key, where)):
                        add(sub_kind, sub, f"{where}.{sub_key}[{j}]", (
                            KINDS[sub_kind].parent_fk or "", row.get("id")))
        for i, item in enumerate(self._list(obj, "visits", path)):
            self.visit(item, f"{path}.visits[{i}]", child, plan, scopes)

    def visit(self, obj: Any, path: str, child: dict[str, Any], plan: dict[str, Any] | None,
              scopes: list[dict[str, set[str]]]) -> None:
        row = self.record("visit", obj, path, None, scopes, allowed_extra=("observations",))
        if row is None:
            return
        shared = {k: row[k] for k in VISIT_SHARED if k in row}
        entry: dict[str, Any] = {"child_id": child.get("id"),
                                 "plan_id": plan.get("id") if plan else None}
        for name in VISIT_ITEM_FIELDS:
            if name in VISIT_SHARED or name not in row:
                continue
            if name.startswith(ENTRY_PREFIX) and name[len(ENTRY_PREFIX):] in ENTRY_BOOKKEEPING:
                entry[name[len(ENTRY_PREFIX):]] = row[name]
            else:
                entry[name] = row[name]
        # The row's references were recorded against `row`; move them to the real rows.
        for ref in self.refs[-len(VISIT_ITEM_FIELDS):]:
            if ref.row is row:
                if ref.field in VISIT_SHARED:
                    ref.row = shared
                else:
                    ref.row = entry
                    ref.field = ref.field.removeprefix(ENTRY_PREFIX)
        vid = shared.get("id")
        entry["visit_id"] = vid
        entry["visit_date"] = shared.get("visit_date")  # the visit's own (VISIT_COPIES)
        entry["visit_status"] = shared.get("status") or RecordStatus.DRAFT
        self._register("entry", entry.get("id"), path, f"{ENTRY_PREFIX}id")
        observations: list[dict[str, Any]] = []
        for j, item in enumerate(self._list(obj, "observations", path)):
            o = self.record("observation", item, f"{path}.observations[{j}]",
                            ("visit_child_id", entry.get("id")), scopes)
            if o is not None:
                observations.append(o)
        use = _VisitUse(path, vid, obj, entry, observations, child, plan)
        self.rows["entry"].append(entry)
        self.uses.append(use)
        if not isinstance(vid, str):
            return
        first = self.visits.get(vid)
        if first is None:
            self.visits[vid] = use
            self._register("visit", vid, path)
            self.rows["visit"].append(shared)
            self.visit_rows[vid] = shared
            return
        # The same visit seen from another child: its shared facts must agree.
        for name in VISIT_SHARED:
            if name == "id":
                continue
            if obj.get(name, _BAD) != first.raw.get(name, _BAD):
                self.problem(f"{path}.{name}",
                             f"differs from {first.path}.{name} (the same visit)")
        for other in self.uses[:-1]:
            if other.visit_id == vid and other.child.get("id") == child.get("id"):
                self.problem(f"{path}.id", f"this visit already has an entry for this child "
                                           f"at {other.path}")
                break

    # -- against the database and across records --

    def check_store(self, session: Session) -> None:
        # Reported in file order, whatever order the database answers in.
        for kind, ids in self.ids.items():
            found = set(_existing(session, KINDS[kind].model.id, list(ids)))
            for ident, where in ids.items():
                if ident in found:
                    self.problem(where, "this id is already in the database")
        for (kind, name), values in self.unique.items():
            column = getattr(KINDS[kind].model, name)
            found = set(_existing(session, column, list(values)))
            for value, where in values.items():
                if value in found:
                    self.problem(where, "already in the database")
        self._resolve(session)

    def _resolve(self, session: Session) -> None:
        usernames = {r["username"]: r["id"] for r in self.rows["staff"]
                     if "username" in r and "id" in r}
        wanted_ids: dict[str, set[str]] = defaultdict(set)
        wanted_names: set[str] = set()
        for ref in self.refs:
            if ref.target == "staff" and not _looks_like_uuid(ref.value):
                if ref.value not in usernames:
                    wanted_names.add(ref.value)
            elif "@" not in ref.target and ref.value not in self.ids[ref.target]:
                wanted_ids[ref.target].add(ref.value)
        in_store: dict[str, set[str]] = {}
        for target, values in wanted_ids.items():
            in_store[target] = set(_existing(session, KINDS[target].model.id, list(values)))
        for chunk in _chunks(sorted(wanted_names)):
            for sid, username in session.execute(
                    select(Staff.id, Staff.username).where(Staff.username.in_(chunk))):
                usernames[username] = str(sid)
        words = {"staff": "staff member", "team": "team", "household": "household"}
        for ref in self.refs:
            if ref.target == "staff" and not _looks_like_uuid(ref.value):
                if ref.value in usernames:
                    ref.row[ref.field] = usernames[ref.value]
                else:
                    self.problem(ref.path, f"no staff member with the username '{ref.value}'")
            elif "@" in ref.target:
                kind = ref.target.split("@")[0]
                if not any(ref.value in scope.get(kind, ()) for scope in ref.scopes):
                    label = KINDS[kind].key.replace("_", " ")
                    self.problem(ref.path, f"no record with this id among the plan's {label}")
            elif ref.value not in self.ids[ref.target] and ref.value not in in_store.get(
                    ref.target, ()):
                self.problem(ref.path, f"no {words[ref.target]} with this id in the file or "
                                       "the database")
        for kind in ("countersignature", "addendum"):
            for i, row in enumerate(self.rows[kind]):
                subject = row.get("subject_kind")
                ident = row.get("subject_id")
                if not isinstance(subject, CountersignSubject) or not isinstance(ident, str):
                    continue
                if ident not in self.ids[SUBJECT_KINDS[subject.value]]:
                    self.problem(f"{KINDS[kind].key}[{i}].subject_id",
                                 f"no {subject.value.replace('_', ' ')} with this id in the file")

    def cross_checks(self, session: Session) -> None:
        for use in self.uses:
            start = use.plan.get("start_date") if use.plan else None
            visit_date = self.visit_rows.get(use.visit_id, {}).get("visit_date")
            if isinstance(start, date) and isinstance(visit_date, date) and visit_date < start:
                self.problem(f"{use.path}.visit_date",
                             f"must be on or after the date the plan began ({start.isoformat()})")
        finals = [vid for vid, row in self.visit_rows.items()
                  if row.get("status") is RecordStatus.FINAL]
        if not finals:
            return
        profile = profile_in(session)
        by_visit: dict[str, list[_VisitUse]] = defaultdict(list)
        for use in self.uses:
            by_visit[use.visit_id].append(use)
        for vid in finals:
            uses = sorted(by_visit[vid], key=lambda u: u.entry.get("position") or 0)
            self._validate_visit(self.visit_rows[vid], uses, profile)

    def _validate_visit(self, shared: Mapping[str, Any], uses: list[_VisitUse],
                        profile: Any) -> None:
        def text(row: Mapping[str, Any], name: str) -> str:
            value = row.get(name)
            return value if isinstance(value, str) else ""

        children = []
        for use in uses:
            e = use.entry
            observations = tuple(
                ObservationDraft(
                    concern=text(o, "concern") or self.concern_text.get(o.get("concern_id") or "",
                                                                        ""),
                    observation=text(o, "observation"),
                    risk_trend=o.get("risk_trend"))
                for o in use.observations)
            children.append(VisitChildDraft(
                child_name=text(use.child, "given_names"),
                date_of_birth=use.child.get("date_of_birth"),
                plan_start=None,  # checked above for every visit, with the file's path
                child_seen=e.get("child_seen"), not_seen_reason=text(e, "not_seen_reason"),
                seen_alone=e.get("seen_alone"),
                not_seen_alone_reason=text(e, "not_seen_alone_reason"),
                seen_awake=e.get("seen_awake"), bedroom_seen=e.get("bedroom_seen"),
                presentation_and_behaviour=text(e, "presentation_and_behaviour"),
                wishes_and_feelings=text(e, "wishes_and_feelings"),
                new_incidents=e.get("new_incidents"),
                incident_details=text(e, "incident_details"),
                injury_location=text(e, "injury_location"),
                observations=observations))
        draft = VisitDraft(
            visit_date=shared.get("visit_date"), start_time=shared.get("start_time"),
            visit_type=shared.get("visit_type"), present=text(shared, "present"),
            sleeping_arrangements=text(shared, "sleeping_arrangements"),
            meals=text(shared, "meals"), delegated=shared.get("delegated") is True,
            delegated_to=text(shared, "delegated_to"),
            delegation_agreed_by=text(shared, "delegation_agreed_by"),
            next_planned_visit=shared.get("next_planned_visit"), children=tuple(children))
        already = {p.path for p in self.problems}
        for issue in validate_visit(draft, self.today, profile).errors:
            m = re.fullmatch(r"children\[(\d+)\]\.(.+)", issue.field)
            if m and int(m.group(1)) < len(uses):
                path = f"{uses[int(m.group(1))].path}.{m.group(2)}"
            else:
                path = f"{uses[0].path}.{issue.field}"
            if path not in already:
                already.add(path)
                self.problem(path, f"{issue.message} (a final visit)")


class _Bad:
    def __repr__(self) -> str:
        return "<bad>"


_BAD: Any = _Bad()
_UUID_SHAPE = re.compile(r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?"
                         r"[0-9a-fA-F]{12}")


def _looks_like_uuid(value: str) -> bool:
    return bool(_UUID_SHAPE.fullmatch(value))


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for i in range(0, len(values), CHUNK):
        yield values[i:i + CHUNK]


def _existing(session: Session, column: Any, values: Sequence[Any]) -> list[Any]:
    """Which of `values` the column already holds (one query per CHUNK values)."""
    found: list[Any] = []
    for chunk in _chunks(values):
        found.extend(session.scalars(select(column).where(column.in_(chunk))))
    return [str(v) if not isinstance(v, str) else v for v in found]


# --- writing ---


def _signed_visits(rows: dict[str, list[dict[str, Any]]]) -> set[str]:
    """The visits whose entries' copy of "countersigned" the import may have to set: those
    imported, and those an imported countersignature signs."""
    return {e["visit_id"] for e in rows.get("entry", ())} | {
        c["subject_id"] for c in rows.get("countersignature", ())
        if c.get("subject_kind") == CountersignSubject.VISIT}


def _signed_minutes(rows: dict[str, list[dict[str, Any]]]) -> set[str]:
    """The meetings whose copy of "countersigned" the import may have to set: those imported,
    and those an imported countersignature signs."""
    return {m["id"] for m in rows.get("meeting", ())} | {
        c["subject_id"] for c in rows.get("countersignature", ())
        if c.get("subject_kind") == CountersignSubject.CORE_GROUP_MINUTES}


def _complete(kind: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give every row every column (defaults filled here), so each table is one bulk INSERT."""
    columns = [c for c in KINDS[kind].model.__table__.columns if c.key != "revision"]
    out = []
    for row in rows:
        full = dict(row)
        for c in columns:
            if c.key not in full:
                default = c.default
                if default is None:
                    full[c.key] = None
                elif default.is_callable:
                    full[c.key] = default.arg(None)  # type: ignore[attr-defined]
                else:
                    full[c.key] = default.arg  # type: ignore[attr-defined]
        full["revision"] = 1
        out.append(full)
    return out


def import_cases(store: Store, path_or_text: str | os.PathLike[str] | Mapping[str, Any],
                 actor: Actor = SYSTEM, today: date | None = None) -> ImportSummary:
    """Import an interchange file (a path, the JSON text, or the parsed document).

    All or nothing: raises `InterchangeRejected` (an `ImportRejected`) listing every problem,
    `path: rule` one per line, and writes nothing; otherwise writes every record and one audit
    event in a single unit of work.
    """
    require(actor, Permission.IMPORT)
    today = today or date.today()
    doc, dups, name, digest = _parse(path_or_text)
    checker = _Checker(today, dups)
    checker.document(doc)
    if checker.problems:
        raise InterchangeRejected(checker.problems, checker.total - len(checker.problems))
    with store.session() as session:
        checker.check_store(session)
        checker.cross_checks(session)
        if checker.problems:
            raise InterchangeRejected(checker.problems, checker.total - len(checker.problems))
        counts: dict[str, int] = {}
        for kind in WRITE_ORDER:
            rows = checker.rows.get(kind, [])
            counts[kind] = len(rows)
            if rows:
                session.execute(insert(KINDS[kind].model), _complete(kind, rows))
        VISIT_COUNTERSIGNED.mark(session.connection(), _signed_visits(checker.rows))
        MINUTES_COUNTERSIGNED.mark(session.connection(), _signed_minutes(checker.rows))
        record_event(session, actor, "import", "interchange", None, after={
            "source": Path(name).name, "sha256": digest, "counts": counts,
            "format": FORMAT, "version": VERSION})
    return ImportSummary(counts)


# --- export ---


def _where(kind: str, child_q: Any) -> ColumnElement[bool] | None:
    """Which rows of `kind` belong to the selected children (None: every row)."""
    if child_q is None:
        return None
    plan_q = select(Plan.id).where(Plan.child_id.in_(child_q))
    model = KINDS[kind].model
    entry_q = select(VisitChild.id).where(VisitChild.child_id.in_(child_q))
    visit_q = select(VisitChild.visit_id).where(VisitChild.child_id.in_(child_q))
    if kind == "child":
        return Child.id.in_(child_q)
    if kind in ("family", "plan"):
        return model.child_id.in_(child_q)  # type: ignore[attr-defined]
    if kind == "action":
        return model.outcome_id.in_(  # type: ignore[attr-defined]
            select(Outcome.id).where(Outcome.plan_id.in_(plan_q)))
    if kind in ("attendance", "progress"):
        return model.meeting_id.in_(  # type: ignore[attr-defined]
            select(CoreGroupMeeting.id).where(CoreGroupMeeting.plan_id.in_(plan_q)))
    if kind == "entry":
        return VisitChild.child_id.in_(child_q)
    if kind == "visit":
        return Visit.id.in_(visit_q)
    if kind == "observation":
        return model.visit_child_id.in_(entry_q)  # type: ignore[attr-defined]
    if kind == "household":
        return or_(
            model.id.in_(select(Child.household_id).where(Child.id.in_(child_q))),
            model.id.in_(select(Visit.household_id).where(Visit.id.in_(visit_q))))
    if kind in ("team", "staff"):
        return None
    return model.plan_id.in_(plan_q)  # type: ignore[attr-defined]


def _subject_where(model: Any, child_q: Any) -> ColumnElement[bool]:
    parts = []
    for subject, kind in SUBJECT_KINDS.items():
        ids = select(KINDS[kind].model.id)
        where = _where(kind, child_q)
        if where is not None:
            ids = ids.where(where)
        parts.append(and_(model.subject_kind == CountersignSubject(subject),
                          model.subject_id.in_(ids)))
    return or_(*parts)


def _fetch(session: Session, kind: str, where: ColumnElement[bool] | None) -> list[dict[str, Any]]:
    table = KINDS[kind].model.__table__
    stmt = select(*table.columns)
    if where is not None:
        stmt = stmt.where(where)
    rows = [dict(r._mapping) for r in session.execute(stmt)]
    for row in rows:
        for key, value in row.items():
            if (key == "id" or key.endswith("_id") or key == "updated_by") and (
                    value is not None and not isinstance(value, str)):
                row[key] = str(value)
    return rows


def _out(kind: str, row: Mapping[str, Any]) -> dict[str, Any]:
    return {name: write_value(spec, row.get(name)) for name, spec in KINDS[kind].fields.items()}


def export_cases(store: Store, child_case_numbers: Sequence[str] | None = None, *,
                 actor: Actor = SYSTEM, now: datetime | None = None) -> dict[str, Any]:
    """The interchange document for the chosen children (all, when None), with every staff
    member and team, the households they use, and the countersignatures and addenda of the
    records exported. Records one audit event ("export")."""
    now = now or datetime.now(UTC)
    with store.session() as session:
        child_q = None
        if child_case_numbers is not None:
            wanted = list(dict.fromkeys(child_case_numbers))
            found = set(session.scalars(select(Child.case_number).where(
                Child.case_number.in_(wanted))))
            missing = [n for n in wanted if n not in found]
            if missing:
                raise UnknownCaseNumber(f"no child with case number {', '.join(missing)}")
            child_q = select(Child.id).where(Child.case_number.in_(wanted))
        rows: dict[str, list[dict[str, Any]]] = {}
        for kind in WRITE_ORDER:
            if kind in ("countersignature", "addendum"):
                model = KINDS[kind].model
                rows[kind] = _fetch(session, kind, _subject_where(model, child_q))
            else:
                rows[kind] = _fetch(session, kind, _where(kind, child_q))
        doc = _assemble(rows, now)
        counts = {k: len(v) for k, v in rows.items()}
        record_event(session, actor, "export", "interchange", None, after={
            "children": list(child_case_numbers) if child_case_numbers is not None else "all",
            "counts": counts, "format": FORMAT, "version": VERSION})
    return doc


def _grouped(rows: list[dict[str, Any]], key: str, kind: str) -> dict[Any, list[dict[str, Any]]]:
    out: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for row in sorted(rows, key=order_key(kind)):
        out[row.get(key)].append(row)
    return out


def _assemble(rows: dict[str, list[dict[str, Any]]], now: datetime) -> dict[str, Any]:
    by_parent = {kind: _grouped(rows[kind], KINDS[kind].parent_fk or "id", kind)
                 for kind in rows if KINDS[kind].parent_fk}
    visits = {v["id"]: v for v in rows["visit"]}
    entries: dict[tuple[Any, Any], list[dict[str, Any]]] = defaultdict(list)
    for e in rows["entry"]:
        if e["visit_id"] in visits:
            entries[(e["child_id"], e["plan_id"])].append(e)
    visit_key = order_key("visit")

    def nested(kind: str, row: Mapping[str, Any]) -> dict[str, Any]:
        out = _out(kind, row)
        for key, sub in NESTED.get(kind, {}).items():
            if sub == "visit":
                continue
            out[key] = [nested(sub, r) for r in by_parent.get(sub, {}).get(row["id"], [])]
        return out

    def visit_items(child_id: Any, plan_id: Any) -> list[dict[str, Any]]:
        items = []
        for e in entries.get((child_id, plan_id), []):
            v = visits[e["visit_id"]]
            item = _out("visit", v)
            for name, spec in KINDS["entry"].fields.items():
                out_name = ENTRY_PREFIX + name if name in ENTRY_BOOKKEEPING else name
                item[out_name] = write_value(spec, e.get(name))
            item["observations"] = [
                _out("observation", o)
                for o in by_parent.get("observation", {}).get(e["id"], [])]
            items.append((visit_key(v), e["position"] or 0, e["id"], item))
        items.sort(key=lambda t: (t[0], t[1], t[2]))
        return [t[3] for t in items]

    children = []
    for child in sorted(rows["child"], key=order_key("child")):
        out = nested("child", child)
        plans = []
        for plan in by_parent.get("plan", {}).get(child["id"], []):
            p = nested("plan", plan)
            p["visits"] = visit_items(child["id"], plan["id"])
            plans.append(p)
        out["plans"] = plans
        out["visits"] = visit_items(child["id"], None)
        children.append(out)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now.astimezone(UTC).isoformat(),
        "staff": [_out("staff", r) for r in sorted(rows["staff"], key=order_key("staff"))],
        "teams": [_out("team", r) for r in sorted(rows["team"], key=order_key("team"))],
        "households": [_out("household", r)
                       for r in sorted(rows["household"], key=order_key("household"))],
        "children": children,
        "countersignatures": [_out("countersignature", r) for r in sorted(
            rows["countersignature"], key=order_key("countersignature"))],
        "addenda": [_out("addendum", r)
                    for r in sorted(rows["addendum"], key=order_key("addendum"))],
    }


def dumps(doc: Mapping[str, Any]) -> str:
    """The file text: indented UTF-8 JSON with a final newline."""
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def write_export(store: Store, out_path: str | os.PathLike[str],
                 child_case_numbers: Sequence[str] | None = None, *,
                 actor: Actor = SYSTEM) -> dict[str, Any]:
    """Export to a file, written whole or not at all (temporary file, then renamed), readable
    by its owner only (it holds personal data). Returns the document written."""
    doc = export_cases(store, child_case_numbers, actor=actor)
    target = Path(out_path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path("."))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(dumps(doc))
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return doc


__all__ = ["ImportSummary", "InterchangeRejected", "Problem", "UnknownCaseNumber", "dumps",
           "export_cases", "import_cases", "write_export"]
