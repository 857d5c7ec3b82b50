"""The plan editor driven as a user would: typing, clicking, shortcuts; the store checked after."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from cpdesk.domain.actor import Actor
from cpdesk.domain.enums import ActionStatus, OutcomeOrigin, PlanFramework, Role
from cpdesk.domain.plan import CONFERENCE_OUTCOME_LOCKED, CONFERENCE_OUTCOME_NOT_DELETED
from cpdesk.models.db import Store
from cpdesk.services.child_record import load_child_record
from cpdesk.services.plans import list_versions, load_plan, save_plan
from cpdesk.services.profile import current_profile
from cpdesk.ui.views.plan_dialogs import (
    CompareDialog,
    DisagreementDialog,
    SaveVersionDialog,
    VersionsDialog,
)
from cpdesk.ui.views.plan_editor import PlanEditorView
from tests.case_factory import CaseIds, add_member, make_case, make_team

TODAY = date(2026, 11, 25)


@pytest.fixture
def case(sqlite_store: Store) -> tuple[Store, CaseIds, Actor, Actor]:
    store = sqlite_store
    team = make_team(store)
    jo = Actor(team.workers["Jo Bloggs"], "Jo Bloggs", Role.SOCIAL_WORKER, team.team_id)
    sam = Actor(team.workers["Sam Patel"], "Sam Patel", Role.SOCIAL_WORKER, team.team_id)
    ids = make_case(store, lead_worker_id=jo.staff_id, team_id=team.team_id,
                    date_of_birth=date(2019, 5, 1), preferred_language="Polish")
    add_member(store, ids, "Pat Health", agency="NHS", job_title="Health visitor")
    return store, ids, jo, sam


def open_editor(qtbot: QtBot, store: Store, ids: CaseIds, actor: Actor,
                **kw: object) -> PlanEditorView:
    view = PlanEditorView(store, actor, ids.plan_id, TODAY, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.resize(1300, 700)
    view.show()
    qtbot.waitExposed(view)
    view.load()
    return view


def field(view: QWidget, name: str) -> QWidget:
    """The input whose accessible name is `name` (its visible label)."""
    found = [w for w in view.findChildren(QWidget) if w.accessibleName() == name
             and w.isVisibleTo(view)]
    assert found, f"no field named {name!r}"
    return found[0]


def click(qtbot: QtBot, view: QWidget, name: str) -> None:
    button = field(view, name)
    assert button.isEnabled(), f"{name!r} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def test_add_an_outcome_with_actions_by_typing(
        qtbot: QtBot, case: tuple[Store, CaseIds, Actor, Actor]) -> None:
    store, ids, jo, _ = case
    view = open_editor(qtbot, store, ids, jo)
    assert view.outcome_list.count() == 1
    before_missing = view.completeness.count()

    click(qtbot, view, "Add an outcome")
    type_into(qtbot, field(view, "What is the outcome for the child?"),
              "Amy goes to school every day")
    type_into(qtbot, field(view, "How will progress be judged?"), "School register, weekly")
    assert view.outcome_list.item(1).text() == "2. Amy goes to school every day"
    assert "locked" not in view.outcome_list.item(1).text()

    click(qtbot, view, "Add an action")
    type_into(qtbot, field(view, "What needs to be done?"), "Walk Amy to school")
    type_into(qtbot, field(view, "Why?"), "She misses the first lesson")
    who = field(view, "Who will do it?")
    who.lineEdit().clear()  # type: ignore[attr-defined]
    type_into(qtbot, who.lineEdit(), "Mother")  # type: ignore[attr-defined]
    field(view, "By when?").setDate(QDate(2026, 12, 18))  # type: ignore[attr-defined]
    field(view, "Status").setCurrentIndex(1)  # type: ignore[attr-defined]

    click(qtbot, view, "Add an action")
    type_into(qtbot, field(view, "What needs to be done?"), "Check attendance every Friday")
    who = field(view, "Who will do it?")
    who.setCurrentIndex(who.findText("Pat Health"))  # type: ignore[attr-defined]
    assert view.actions_table.rowCount() == 2
    assert view.actions_table.item(0, 2).text() == "Fri 18 Dec 2026"
    assert view.saved_state.text() == "Unsaved changes"
    # The second action still lacks why and by when: the live check says so.
    texts = [view.completeness.item(i).text() for i in range(view.completeness.count())]
    assert "• Why action 2 of outcome 2 is needed" in texts
    assert "• By when for action 2 of outcome 2" in texts
    assert view.completeness.count() != before_missing

    click(qtbot, view, "Save plan")
    assert view.message == "Plan saved."
    stored = load_plan(store, ids.plan_id)
    added = stored.outcomes[1]
    assert (added.description, added.progress_measure, added.origin) == (
        "Amy goes to school every day", "School register, weekly",
        OutcomeOrigin.ADDED_BY_CORE_GROUP)
    first, second = added.actions
    assert (first.what, first.why, first.who, first.by_when, first.status) == (
        "Walk Amy to school", "She misses the first lesson", "Mother", date(2026, 12, 18),
        ActionStatus.IN_PROGRESS)
    assert second.what == "Check attendance every Friday"
    assert second.member_id == stored.members[0].member_id
    assert view.saved_state.text() == "Saved, 0 versions"


def test_conference_outcome_cannot_be_edited_or_deleted(
        qtbot: QtBot, case: tuple[Store, CaseIds, Actor, Actor]) -> None:
    store, ids, jo, _ = case
    view = open_editor(qtbot, store, ids, jo)
    view.outcome_list.setCurrentRow(0)
    assert "Agreed at the conference (locked)" in view.outcome_list.item(0).text()
    assert view.lock_banner.isVisible()
    assert view.lock_label.text().startswith("Agreed at the conference: locked.")

    description = field(view, "What is the outcome for the child?")
    assert isinstance(description, QPlainTextEdit) and description.isReadOnly()
    type_into(qtbot, description, "Amy is mostly safe")
    assert description.toPlainText() == "Amy is safe at night"
    assert view.message == f"There is a problem: {CONFERENCE_OUTCOME_LOCKED}"

    delete = field(view, "Delete outcome")
    assert not delete.isEnabled()
    assert delete.toolTip() == CONFERENCE_OUTCOME_NOT_DELETED
    view.banner.hide()
    view.outcome_list.setFocus()
    qtbot.keyClick(view.outcome_list, Qt.Key.Key_Delete)
    assert view.message == f"There is a problem: {CONFERENCE_OUTCOME_NOT_DELETED}"
    assert view.outcome_list.count() == 1
    assert not view.has_unsaved_changes()

    # The core group can still add detail: an action under the conference outcome.
    click(qtbot, view, "Add an action")
    type_into(qtbot, field(view, "What needs to be done?"), "Health visitor checks sleep")
    type_into(qtbot, field(view, "How will progress be judged?"), "Carer's log every night")
    click(qtbot, view, "Save plan")
    stored = load_plan(store, ids.plan_id).outcomes[0]
    assert stored.description == "Amy is safe at night"
    assert stored.progress_measure == "Carer's log every night"
    assert [a.what for a in stored.actions] == ["Arrange a night-time carer",
                                                "Health visitor checks sleep"]
    assert field(view, "What is the outcome for the child?").isReadOnly()  # type: ignore[attr-defined]


def test_undo_and_redo_every_kind_of_edit(
        qtbot: QtBot, case: tuple[Store, CaseIds, Actor, Actor]) -> None:
    store, ids, jo, _ = case
    view = open_editor(qtbot, store, ids, jo)
    view.sections.setCurrentWidget(view.other_page)
    review = field(view, "Review points")
    assert isinstance(review, QPlainTextEdit)
    type_into(qtbot, review, "At every core group")
    assert view.undo_stack.count() == 1  # typing in one field is one step

    qtbot.keyClick(review, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert review.toPlainText() == ""
    assert not view.has_unsaved_changes()
    qtbot.keyClick(review, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert review.toPlainText() == "At every core group"

    view.sections.setCurrentWidget(view.outcomes_page)
    click(qtbot, view, "Add an outcome")
    type_into(qtbot, field(view, "What is the outcome for the child?"), "Amy sleeps well")
    assert view.outcome_list.count() == 2
    view.undo_action.trigger()  # the typing
    assert view.outcome_list.item(1).text() == "2. (not yet written)"
    view.undo_action.trigger()  # the new outcome
    assert view.outcome_list.count() == 1
    view.redo_action.trigger()
    view.redo_action.trigger()
    assert view.outcome_list.item(1).text() == "2. Amy sleeps well"

    click(qtbot, view, "Save plan")
    assert load_plan(store, ids.plan_id).review_points == "At every core group"
    # Undo after saving, then save again: the store follows (and no stale refusal).
    view.undo_action.trigger()
    view.undo_action.trigger()
    assert view.outcome_list.count() == 1
    click(qtbot, view, "Save plan")
    assert view.message == "Plan saved."
    assert len(load_plan(store, ids.plan_id).outcomes) == 1


def _save_version(qtbot: QtBot, view: PlanEditorView, reason: str, note: str = "") -> None:
    click(qtbot, view, "Save as new version")
    dialog = view.dialog
    assert isinstance(dialog, SaveVersionDialog)
    radio = field(dialog, reason)
    # Click on the button's label, as a user would (its row is wider than the words).
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(10, radio.height() // 2))
    if note:
        type_into(qtbot, field(dialog, "What has changed? (needed for a change of "
                                       "circumstances)"), note)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert not dialog.errors.messages, dialog.errors.messages


def test_save_two_versions_and_compare_them(
        qtbot: QtBot, case: tuple[Store, CaseIds, Actor, Actor]) -> None:
    store, ids, jo, _ = case
    view = open_editor(qtbot, store, ids, jo)

    # No reason chosen: the dialog says so and nothing is saved.
    click(qtbot, view, "Save as new version")
    dialog = view.dialog
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert "Select why this version is being saved" in dialog.errors.messages
    assert list_versions(store, ids.plan_id) == ()
    dialog.reject()

    _save_version(qtbot, view, "Core group meeting")
    assert view.message.startswith("Version 1 of the plan saved (Core group meeting")
    assert [v.number for v in list_versions(store, ids.plan_id)] == [1]

    view.sections.setCurrentWidget(view.other_page)
    contingency = field(view, "Contingency plan")
    contingency.setFocus()
    contingency.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(contingency, "Amy stays with her grandmother")
    view.sections.setCurrentWidget(view.concerns_page)
    click(qtbot, view, "Add a concern")
    type_into(qtbot, field(view, "What is the concern?"), "Amy has missed school")
    _save_version(qtbot, view, "Change of circumstances", "Aunt moved away")
    versions = list_versions(store, ids.plan_id)
    assert [(v.number, v.reason, v.made_by) for v in versions] == [
        (2, "Change of circumstances: Aunt moved away", "Jo Bloggs"),
        (1, "Core group meeting", "Jo Bloggs")]
    assert load_plan(store, ids.plan_id).contingency_plan == "Amy stays with her grandmother"
    assert not view.has_unsaved_changes()

    click(qtbot, view, "Versions")
    versions_dialog = view.dialog
    assert isinstance(versions_dialog, VersionsDialog)
    assert versions_dialog.table.rowCount() == 2
    qtbot.mouseClick(versions_dialog.compare, Qt.MouseButton.LeftButton)
    compared = view.compare_dialog
    assert isinstance(compared, CompareDialog)
    text = compared.browser.toPlainText()
    assert "Contingency plan" in text and "~ Changed" in text
    assert "+ Added" in text and "Amy has missed school" in text
    assert "Version 1" in text and "Version 2" in text
    assert "If the home is unsafe" in text  # the old wording, side by side with the new
    assert "Core group roles" not in text  # unchanged sections hidden until asked for
    compared.show_all.click()
    assert "Core group roles" in compared.browser.toPlainText()


def test_record_a_disagreement_against_a_version(
        qtbot: QtBot, case: tuple[Store, CaseIds, Actor, Actor]) -> None:
    store, ids, jo, _ = case
    view = open_editor(qtbot, store, ids, jo)
    _save_version(qtbot, view, "Core group meeting")
    click(qtbot, view, "Record a disagreement")
    dialog = view.dialog
    assert isinstance(dialog, DisagreementDialog)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert "Enter who disagrees with the plan" in dialog.errors.messages
    type_into(qtbot, field(dialog, "Who disagrees?"), "Kim Smith (mother)")
    type_into(qtbot, field(dialog, "What do they disagree with, and why?"),
              "A night carer is not needed")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert view.message.startswith("Disagreement recorded against version 1.")
    recorded = list_versions(store, ids.plan_id)[0].disagreements
    assert [(d.who, d.about, d.recorded_on) for d in recorded] == [
        ("Kim Smith (mother)", "A night carer is not needed", TODAY)]


def test_childs_copy_with_age_readability_and_language(
        qtbot: QtBot, case: tuple[Store, CaseIds, Actor, Actor]) -> None:
    store, ids, jo, _ = case
    view = open_editor(qtbot, store, ids, jo)
    assert field(view, "The child's age").text().startswith("Amy Smith is 7 years old.")  # type: ignore[attr-defined]
    assert "Polish" in view.language_hint.text()
    copy = field(view, "The child's copy")
    type_into(qtbot, copy, "The professionals will have meetings regularly to discuss the "
                           "arrangements for your accommodation.")
    hint = field(view, "Readability").text()  # type: ignore[attr-defined]
    assert hint.startswith("Readability hint: Sentences average 13 words; for a 7-year-old")
    assert "'professionals'" in hint
    language = field(view, "Family's preferred language for their copy")
    assert isinstance(language, QLineEdit)
    type_into(qtbot, language, "Polish")
    click(qtbot, view, "Save plan")
    stored = load_plan(store, ids.plan_id)
    assert stored.childs_copy.startswith("The professionals will")
    assert stored.family_copy_language == "Polish"


def test_signs_of_safety_view_of_the_same_plan(
        qtbot: QtBot, case: tuple[Store, CaseIds, Actor, Actor]) -> None:
    store, ids, jo, _ = case
    profile = replace(current_profile(store), plan_framework=PlanFramework.SIGNS_OF_SAFETY)
    view = open_editor(qtbot, store, ids, jo, profile=profile)
    assert view.sections.tabText(0) == "Signs of Safety"
    assert view.sections.currentIndex() == 0
    type_into(qtbot, field(view, "What are we worried about?"), "Amy alone at night")
    type_into(qtbot, field(view, "What is working well?"), "Amy goes to school")
    click(qtbot, view, "Add a danger statement")
    type_into(qtbot, field(view, "Danger statement"), "Amy could be hurt if left alone")
    type_into(qtbot, field(view, "Safety goal"), "An adult is always at home at night")
    scale = view.scale_spins[load_plan(store, ids.plan_id).safety_scores[0].conference_id]
    scale.setValue(4)
    click(qtbot, view, "Save plan")
    stored = load_plan(store, ids.plan_id)
    assert (stored.worries, stored.working_well) == ("Amy alone at night", "Amy goes to school")
    assert stored.danger_statements[0].safety_goal == "An adult is always at home at night"
    assert stored.safety_scores[0].score == 4
    # The standard view does not show the Signs of Safety tab.
    standard = open_editor(qtbot, store, ids, jo)
    assert "Signs of Safety" not in [standard.sections.tabText(i)
                                     for i in range(standard.sections.count())]


def test_stale_save_names_who_changed_the_plan(
        qtbot: QtBot, case: tuple[Store, CaseIds, Actor, Actor]) -> None:
    store, ids, jo, sam = case
    view = open_editor(qtbot, store, ids, jo)
    theirs = load_plan(store, ids.plan_id)
    save_plan(store, sam, ids.plan_id, replace(theirs, review_points="Monthly"))
    view.sections.setCurrentWidget(view.other_page)
    type_into(qtbot, field(view, "Review points"), "Weekly")
    click(qtbot, view, "Save plan")
    assert view.message.startswith("There is a problem: Sam Patel changed this record at ")
    assert view.has_unsaved_changes()  # the typing is kept
    assert load_plan(store, ids.plan_id).review_points == "Monthly"


def test_hosted_in_the_child_record_tab(
        qtbot: QtBot, case: tuple[Store, CaseIds, Actor, Actor]) -> None:
    """The child record's Plan tab calls set_workspace on sign-in and show_record per child."""
    store, ids, jo, _ = case
    view = PlanEditorView()  # as the child record builds its tabs, before anyone signs in
    qtbot.addWidget(view)
    view.load()
    assert not view.save_action.isEnabled()
    view.set_workspace(store, jo, TODAY)
    view.show_record(load_child_record(store, ids.child_id, TODAY))
    assert view.plan_id == ids.plan_id and view.outcome_list.count() == 1
    view.add_outcome()
    type_into(qtbot, view.outcome_description, "Amy sleeps well")
    with qtbot.waitSignal(view.changed) as saved:
        view.save()
    assert ids.child_id in saved.args[0].child_ids
    # The host reloads the child after the save it was told of: the undo history stays.
    view.show_record(load_child_record(store, ids.child_id, TODAY))
    assert view.undo_stack.canUndo()
    view.clear()
    assert view.empty.text() == "No plan is recorded for this child."
