"""Loading and validating procedure profiles."""

from pathlib import Path

import pytest

from cpdesk.domain.enums import Category, IntervalUnit, Nation
from cpdesk.domain.errors import ProfileError
from cpdesk.domain.profiles import available_profiles, load_profile


def test_bundled_profiles_are_listed_and_load() -> None:
    names = available_profiles()
    assert names == ["england-default", "scotland", "sefton", "wales"]
    for name in names:
        assert load_profile(name).name == name


def test_england_values() -> None:
    p = load_profile("england-default")
    assert p.nation is Nation.ENGLAND
    assert p.worker_title == "Lead Social Worker"
    assert (p.visit_interval, p.visit_interval_unit) == (14, IntervalUnit.CALENDAR_DAYS)
    assert (p.seen_alone_interval, p.seen_alone_interval_unit) == (14, IntervalUnit.CALENDAR_DAYS)
    assert (p.first_core_group_within, p.first_core_group_within_unit) == (
        10, IntervalUnit.WORKING_DAYS)
    assert p.core_group_interval == 28 and p.minutes_within == 15
    assert p.first_review_within_months == 3 and p.review_interval_months == 6
    assert p.outline_plan_circulated_within is None and p.register_name is None
    assert Category.FINANCIAL not in p.categories
    assert "disturbed" in p.vague_labels and "presented well" in p.vague_labels
    assert p.bedroom_seen_between_conferences is False


def test_sefton_inherits_england_and_changes_its_own() -> None:
    p = load_profile("sefton")
    assert p.worker_title == "Key Worker"
    assert p.seen_alone_interval == 28
    assert p.bedroom_seen_between_conferences and p.written_agreement_required
    assert p.visit_interval == 14 and p.nation is Nation.ENGLAND  # inherited


def test_scotland_and_wales_wording() -> None:
    s = load_profile("scotland")
    assert s.worker_title == "Lead Professional"
    assert s.conference_name == "Child Protection Planning Meeting"
    assert s.register_name == "Child Protection Register"
    assert s.first_core_group_within == 15 and s.first_review_within_months == 6
    assert s.notify_register_keeper and s.notify_named_person
    w = load_profile("wales")
    assert w.plan_name == "care and support protection plan"
    assert Category.FINANCIAL in w.categories
    assert w.outline_plan_circulated_within == 5
    assert w.nation is Nation.WALES


def _write(tmp_path: Path, body: str, name: str = "local.toml") -> Path:
    path = tmp_path / name
    path.write_text('extends = "england-default"\nname = "local"\n' + body, encoding="utf-8")
    return path


def test_load_by_path_with_extends_from_bundled(tmp_path: Path) -> None:
    p = load_profile(_write(tmp_path, 'display_name = "Local"\nvisit_interval = 10\n'))
    assert p.name == "local" and p.visit_interval == 10 and p.worker_title == "Lead Social Worker"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('visit_interval_unit = "fortnights"\n',
         "local.toml: visit_interval_unit: must be one of working_days, calendar_days"),
        ("core_group_interval = -28\n", "local.toml: core_group_interval: must be a whole number"),
        ("minutes_within = 0\n", "local.toml: minutes_within: must be a whole number, 1 or more"),
        ('colour = "blue"\n', "local.toml: colour: is not a known setting"),
        ('visit_interval = "14"\n', "local.toml: visit_interval: must be a whole number"),
        ("visit_interval = true\n", "local.toml: visit_interval: must be a whole number"),
        ('baby_seen_awake = "yes"\n', "local.toml: baby_seen_awake: must be true or false"),
        ('nation = "france"\n', "local.toml: nation: must be one of england, wales"),
        ('categories = ["neglect", "cruelty"]\n', "local.toml: categories: must be a list"),
        ('worker_title = ""\n', "local.toml: worker_title: must be a string"),
        ('plan_framework = "other"\n', "local.toml: plan_framework: must be one of standard"),
        ("vague_labels = [1]\n", "local.toml: vague_labels: must be a list of words"),
        ("due_soon_working_days = -1\n", "local.toml: due_soon_working_days: must be a whole"),
    ],
)
def test_bad_values_name_file_and_key(tmp_path: Path, body: str, expected: str) -> None:
    with pytest.raises(ProfileError) as caught:
        load_profile(_write(tmp_path, body))
    assert str(caught.value).startswith(expected)


def test_missing_key_without_extends(tmp_path: Path) -> None:
    path = tmp_path / "bare.toml"
    path.write_text('name = "bare"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match=r"^bare.toml: display_name: is missing"):
        load_profile(path)


def test_unknown_profile_and_bad_toml(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="no such profile"):
        load_profile("atlantis")
    path = tmp_path / "broken.toml"
    path.write_text("name = \n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"^broken.toml: file: is not valid TOML"):
        load_profile(path)


def test_extends_cycle_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('extends = "b"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('extends = "a"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="extends: must not extend itself"):
        load_profile(tmp_path / "a.toml")


def test_error_in_parent_names_the_parent(tmp_path: Path) -> None:
    (tmp_path / "parent.toml").write_text(
        'extends = "england-default"\nvisit_interval = 0\n', encoding="utf-8")
    child = tmp_path / "child.toml"
    child.write_text('extends = "parent"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match=r"^parent.toml: visit_interval: must be"):
        load_profile(child)


def test_a_profile_is_read_again_when_its_files_change(tmp_path: Path) -> None:
    path = _write(tmp_path, 'display_name = "Local"\nvisit_interval = 10\n')
    first = load_profile(path)
    assert load_profile(path) is first  # unchanged files: the profile already loaded
    path.write_text(path.read_text(encoding="utf-8").replace("= 10", "= 12"), encoding="utf-8")
    assert load_profile(path).visit_interval == 12  # same size, same second: still seen
    # A parent beside the file, where there was none, now decides what is inherited.
    (tmp_path / "england-default.toml").write_text(
        'extends = "wales"\nname = "england-default"\n', encoding="utf-8")
    assert load_profile(path).nation is Nation.WALES
    (tmp_path / "england-default.toml").write_text("name = \n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"^england-default.toml: file: is not valid TOML"):
        load_profile(path)
    path.unlink()
    with pytest.raises(ProfileError, match="no such profile"):
        load_profile(path)
