"""Procedure profiles: every local number and title cpdesk uses, loaded from a TOML file.

A profile is a frozen `Profile`; the files live in resources/profiles/. A file may say
`extends = "england-default"` and then carry only its differences. Loading validates every key
and raises `ProfileError("<file>: <key>: <rule>")` on the first problem found.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from cpdesk.domain.enums import Category, IntervalUnit, Nation, PlanFramework
from cpdesk.domain.errors import ProfileError
from cpdesk.domain.resources import profiles_dir


@dataclass(frozen=True)
class Profile:
    """One authority's procedure settings. See resources/profiles/*.toml for the sources."""

    name: str
    display_name: str
    nation: Nation
    # Wording
    worker_title: str
    plan_name: str
    conference_name: str
    register_name: str | None
    categories: tuple[Category, ...]
    plan_framework: PlanFramework
    # Visits
    visit_interval: int
    visit_interval_unit: IntervalUnit
    seen_alone_interval: int
    seen_alone_interval_unit: IntervalUnit
    baby_seen_awake: bool
    bedroom_seen_between_conferences: bool
    visit_write_up_working_days: int
    # Core group
    written_agreement_required: bool
    first_core_group_within: int
    first_core_group_within_unit: IntervalUnit
    core_group_interval: int
    core_group_interval_unit: IntervalUnit
    minutes_within: int
    minutes_within_unit: IntervalUnit
    outline_plan_circulated_within: int | None
    # Conferences
    first_review_within_months: int
    review_interval_months: int
    initial_conference_within_working_days_of_strategy: int
    # Notifications
    notify_register_keeper: bool
    notify_named_person: bool
    # Alerts
    due_soon_working_days: int
    countersign_within_working_days: int
    vague_labels: tuple[str, ...]

    @property
    def review_conference_name(self) -> str:
        return f"review {self.conference_name}"


_STR = "a string"
_INT = "a whole number, 0 or more"
_POS = "a whole number, 1 or more"
_BOOL = "true or false"

# key -> kind of value: str, optstr, int0 (>= 0), int1 (>= 1), optint1, bool, nation, unit,
# framework, categories, labels.
_KEYS: dict[str, str] = {
    "name": "str",
    "display_name": "str",
    "nation": "nation",
    "worker_title": "str",
    "plan_name": "str",
    "conference_name": "str",
    "register_name": "optstr",
    "categories": "categories",
    "plan_framework": "framework",
    "visit_interval": "int1",
    "visit_interval_unit": "unit",
    "seen_alone_interval": "int1",
    "seen_alone_interval_unit": "unit",
    "baby_seen_awake": "bool",
    "bedroom_seen_between_conferences": "bool",
    "visit_write_up_working_days": "int0",
    "written_agreement_required": "bool",
    "first_core_group_within": "int1",
    "first_core_group_within_unit": "unit",
    "core_group_interval": "int1",
    "core_group_interval_unit": "unit",
    "minutes_within": "int1",
    "minutes_within_unit": "unit",
    "outline_plan_circulated_within": "optint1",
    "first_review_within_months": "int1",
    "review_interval_months": "int1",
    "initial_conference_within_working_days_of_strategy": "int1",
    "notify_register_keeper": "bool",
    "notify_named_person": "bool",
    "due_soon_working_days": "int0",
    "countersign_within_working_days": "int1",
    "vague_labels": "labels",
}
# Keys a file may leave out; their value then is None.
_OPTIONAL = {"register_name", "outline_plan_circulated_within"}

assert set(_KEYS) == {f.name for f in fields(Profile)}


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _convert(source: str, key: str, kind: str, v: Any) -> Any:
    def fail(rule: str) -> ProfileError:
        return ProfileError(f"{source}: {key}: {rule}")

    if kind == "str":
        if not isinstance(v, str) or not v.strip():
            raise fail(f"must be {_STR}, not empty")
        return v.strip()
    if kind == "optstr":
        if v == "":
            return None
        if not isinstance(v, str):
            raise fail(f"must be {_STR}")
        return v.strip()
    if kind in ("int0", "int1", "optint1"):
        if kind == "optint1" and v in ("", 0):
            return None
        if not _is_int(v):
            raise fail(f"must be {_INT if kind == 'int0' else _POS}, not {v!r}")
        low = 0 if kind == "int0" else 1
        if v < low:
            raise fail(f"must be {_INT if kind == 'int0' else _POS}, not {v}")
        return v
    if kind == "bool":
        if not isinstance(v, bool):
            raise fail(f"must be {_BOOL}, not {v!r}")
        return v
    enums: dict[str, type[Any]] = {
        "nation": Nation, "unit": IntervalUnit, "framework": PlanFramework
    }
    if kind in enums:
        enum = enums[kind]
        allowed = ", ".join(m.value for m in enum)
        if not isinstance(v, str) or v not in {m.value for m in enum}:
            raise fail(f"must be one of {allowed}, not {v!r}")
        return enum(v)
    if kind == "categories":
        allowed = ", ".join(m.value for m in Category)
        if not isinstance(v, list) or not v:
            raise fail(f"must be a list of one or more of {allowed}")
        out = []
        for item in v:
            if not isinstance(item, str) or item not in {m.value for m in Category}:
                raise fail(f"must be a list of one or more of {allowed}, not {item!r}")
            out.append(Category(item))
        return tuple(dict.fromkeys(out))
    if kind == "labels":
        if not isinstance(v, list) or not all(isinstance(i, str) and i.strip() for i in v):
            raise fail("must be a list of words or phrases")
        return tuple(dict.fromkeys(i.strip().lower() for i in v))
    raise AssertionError(kind)  # pragma: no cover


def _find(name_or_path: str | Path) -> Path:
    text = str(name_or_path)
    if isinstance(name_or_path, Path) or "/" in text or "\\" in text or text.endswith(".toml"):
        return Path(name_or_path)
    return profiles_dir() / f"{text}.toml"


def _contents(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _read(
    path: Path, chain: tuple[Path, ...], files: list[tuple[Path, bytes | None]]
) -> dict[str, tuple[str, Any]]:
    """The file's settings merged over its `extends` parent's: key -> (file name, raw value).

    Adds to `files` each file read, with its contents, and each file whose absence decided
    where a parent came from (contents None)."""
    source = path.name
    if path.resolve() in chain:
        raise ProfileError(f"{source}: extends: must not extend itself, directly or not")
    contents = _contents(path)
    if contents is None:
        raise ProfileError(f"{source}: file: no such profile ({path})")
    files.append((path, contents))
    try:
        data = tomllib.loads(contents.decode())
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{source}: file: is not valid TOML ({exc})") from None
    for key in data:
        if key != "extends" and key not in _KEYS:
            raise ProfileError(f"{source}: {key}: is not a known setting")
    merged: dict[str, tuple[str, Any]] = {}
    parent = data.pop("extends", None)
    if parent is not None:
        if not isinstance(parent, str) or not parent.strip():
            raise ProfileError(f"{source}: extends: must be the name of another profile")
        sibling = path.parent / f"{parent}.toml"
        if sibling.exists():
            parent_path = sibling
        else:
            files.append((sibling, None))
            parent_path = _find(parent)
        merged.update(_read(parent_path, (*chain, path.resolve()), files))
    # each value keeps the name of the file it came from, so errors point at the right file
    for key, value in data.items():
        merged[key] = (source, value)
    return merged


# Each profile loaded, with the files it was read from (see _read). The services ask for the
# database's profile in every action (issue 10: finalising a visit), so a profile is read and
# validated again only when one of those files has changed, appeared or gone.
_loaded: dict[Path, tuple[tuple[tuple[Path, bytes | None], ...], Profile]] = {}


def load_profile(name_or_path: str | Path) -> Profile:
    """Load and validate a profile by name ("sefton") or by path to a .toml file."""
    path = _find(name_or_path)
    cached = _loaded.get(path)
    if cached is not None and all(_contents(p) == contents for p, contents in cached[0]):
        return cached[1]
    files: list[tuple[Path, bytes | None]] = []
    raw = _read(path, (), files)
    values: dict[str, Any] = {}
    for key, kind in _KEYS.items():
        if key not in raw:
            if key in _OPTIONAL:
                values[key] = None
                continue
            raise ProfileError(f"{path.name}: {key}: is missing")
        source, value = raw[key]
        values[key] = _convert(source, key, kind, value)
    profile = Profile(**values)
    _loaded[path] = (tuple(files), profile)
    return profile


def available_profiles() -> list[str]:
    """Names of the bundled profiles, sorted."""
    return sorted(p.stem for p in profiles_dir().glob("*.toml"))
