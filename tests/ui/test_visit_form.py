"""The home visit form, used as a worker would: typing, clicking, keyboard only, on a test db.

One screen (the form, or the Visits tab) with the real services on a SQLite test store; each
test checks what the store holds afterwards.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import date, time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit, QRadioButton, QWidget
from pytestqt.qtbot import QtBot

from cpdesk.domain.actor import Actor
from cpdesk.domain.enums import AlertKind, RecordStatus, RiskTrend, Role, VisitType
from cpdesk.models import FamilyMember, Household
from cpdesk.models.db import Store
from cpdesk.services import visits
from cpdesk.services.alerts import alerts_as_of
from cpdesk.ui.views.visit_form import VisitFormDialog
from cpdesk.ui.views.visit_records_tab import VisitsTabView
from cpdesk.ui.widgets.question import Choice, TextBox
from tests.case_factory import CaseIds, add_member, make_case, make_team

TODAY = date(2027, 1, 20)


@dataclasses.dataclass
class Home:
    store: Store
    jo: Actor
    amy: CaseIds  # 7 years old
    ben: CaseIds  # a baby, 7 months old, same household


@pytest.fixture
def home(sqlite_store: Store) -> Home:
    store = sqlite_store
    team = make_team(store)
    with store.session() as session:
        household = Household(name="Smith household")
        session.add(household)
        session.flush()
        household_id = household.id
    jo = team.workers["Jo Bloggs"]
    amy = make_case(store, lead_worker_id=jo, team_id=team.team_id, given_names="Amy",
                    household_id=household_id)
    ben = make_case(store, lead_worker_id=jo, team_id=team.team_id, given_names="Ben",
                    date_of_birth=date(2026, 6, 1), household_id=household_id)
    with store.session() as session:
        session.add(FamilyMember(child_id=amy.child_id, name="Kim Smith",
                                 relationship_to_child="Mother", is_carer=True))
    add_member(store, amy, "Helen Hart", job_title="Health visitor", agency="NHS")
    return Home(store, Actor(jo, "Jo Bloggs", Role.SOCIAL_WORKER, team.team_id), amy, ben)


@pytest.fixture
def open_form(qtbot: QtBot, home: Home) -> Iterator[Callable[..., VisitFormDialog]]:
    def make(*cases: CaseIds, autosave_ms: int = 1000, visit_id: str | None = None
             ) -> VisitFormDialog:
        if visit_id is None:
            visit_id = visits.start_visit(home.store, home.jo,
                                          [c.child_id for c in cases or (home.amy,)], TODAY,
                                          start_time=time(16, 5)).visit_id
        form = VisitFormDialog(home.store, home.jo, visit_id, TODAY, autosave_ms=autosave_ms)
        form.confirm_finalise = lambda: True  # type: ignore[method-assign]
        qtbot.addWidget(form)
        form.show()
        qtbot.waitExposed(form)
        form.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
        return form

    yield make


def named(root: QWidget, name: str, kind: type[QWidget] = QWidget) -> QWidget:
    """The one visible widget whose accessible name is `name` (as a screen reader finds it)."""
    found = [w for w in root.findChildren(kind) if w.accessibleName() == name
             and w.isVisibleTo(root)]
    assert len(found) == 1, f"{len(found)} widgets named {name!r}"
    return found[0]


def click(qtbot: QtBot, widget: QWidget) -> None:
    widget.window().activateWindow()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton,
                     pos=widget.rect().center() if not isinstance(widget, QRadioButton | QCheckBox)
                     else widget.rect().topLeft() + widget.rect().center() / 4)


def answer(qtbot: QtBot, form: VisitFormDialog, question: str, option: str) -> None:
    choice = named(form, question, Choice)
    assert isinstance(choice, Choice)
    click(qtbot, choice.button(option))
    assert choice.button(option).isChecked()


def type_into(qtbot: QtBot, form: VisitFormDialog, label: str, text: str) -> None:
    box = named(form, label)
    form.scroll.ensureWidgetVisible(box)
    box.setFocus()
    if isinstance(box, TextBox):  # click at the end of what is there, as a user would
        box.moveCursor(QTextCursor.MoveOperation.End)
    elif isinstance(box, QLineEdit):
        box.end(False)
    qtbot.keyClicks(box, text)


def fill_amy(qtbot: QtBot, form: VisitFormDialog) -> None:
    answer(qtbot, form, "Was the visit announced or unannounced?", "Unannounced")
    click(qtbot, named(form, "Kim Smith (Mother, carer)", QCheckBox))
    type_into(qtbot, form, "Who was present?", ", Amy")
    answer(qtbot, form, "Was Amy seen?", "Yes")
    answer(qtbot, form, "Was Amy seen alone?", "Yes")
    answer(qtbot, form, "Did you see Amy's bedroom?", "Yes")
    type_into(qtbot, form, "Presentation and behaviour",
              "Wearing a clean red jumper; ran to show me her drawing.")
    type_into(qtbot, form, "Amy's wishes and feelings, in their own words",
              "\"I want to see Nan more.\"")
    answer(qtbot, form, "Have there been any new incidents or injuries?", "No")
    type_into(qtbot, form, "What did you see or hear about this concern?",
              "Mother was home at 9pm; a sitter is booked for Fridays.")
    answer(qtbot, form, "Since the last visit, is this risk", "Risk reduced")
    type_into(qtbot, form, "Sleeping arrangements", "Own bed, clean sheets, a night light.")
    type_into(qtbot, form, "Meals", "Pasta for tea; cereal and milk in the cupboard.")


def test_every_input_is_named_by_its_label(open_form: Callable[..., VisitFormDialog]) -> None:
    form = open_form()
    for path, question in form.questions.items():
        if isinstance(question.widget, QCheckBox):  # a tick box's label is its own text
            assert question.widget.accessibleName() == question.widget.text(), path
            continue
        assert question.widget.accessibleName() == question.label_text, path
        assert question.label.text().startswith(question.label_text)
    # The markers come from the rule set: required questions unmarked, the rest "(optional)".
    assert form.questions["present"].label.text() == "Who was present?"
    assert form.questions["visit_type"].label.text().endswith("(optional)")
    assert form.questions["children[0].wishes_and_feelings"].label.text().endswith("(optional)")


def test_fill_and_finalise_as_a_worker_would(
    qtbot: QtBot, home: Home, open_form: Callable[..., VisitFormDialog]
) -> None:
    form = open_form()
    fill_amy(qtbot, form)
    assert form.summary.messages == []
    with qtbot.waitSignal(form.changed, timeout=3000) as signal:
        click(qtbot, named(form, "Finalise visit"))
    assert signal.args[0].message == ("Visit finalised. It is now waiting for your manager to "
                                      "countersign.")
    assert form.message == signal.args[0].message
    stored = visits.load_visit(home.store, form.visit_id)
    assert stored.status is RecordStatus.FINAL
    draft = stored.draft
    assert (draft.visit_date, draft.start_time, draft.visit_type) == (
        TODAY, time(16, 5), VisitType.UNANNOUNCED)
    assert draft.present == "Kim Smith (Mother, carer), Amy"
    assert draft.sleeping_arrangements == "Own bed, clean sheets, a night light."
    assert draft.meals == "Pasta for tea; cereal and milk in the cupboard."
    amy = draft.children[0]
    assert (amy.child_seen, amy.seen_alone, amy.bedroom_seen, amy.new_incidents) == (
        True, True, True, False)
    assert amy.presentation_and_behaviour == ("Wearing a clean red jumper; ran to show me her "
                                              "drawing.")
    assert amy.wishes_and_feelings == "\"I want to see Nan more.\""
    assert amy.observations[0].observation == ("Mother was home at 9pm; a sitter is booked for "
                                               "Fridays.")
    assert amy.observations[0].risk_trend is RiskTrend.REDUCED
    # Now read-only, with an addendum the only way to add anything; "Who was present?" is
    # the text as written, without the tick boxes that helped write it.
    assert named(form, "Presentation and behaviour", TextBox).isReadOnly()
    [kim] = [b for b in form.findChildren(QCheckBox)
             if b.accessibleName() == "Kim Smith (Mother, carer)"]
    assert kim.isChecked() and not kim.isVisibleTo(form)
    assert named(form, "Who was present?", TextBox).toPlainText() == (
        "Kim Smith (Mother, carer), Amy")
    assert not form.finalise_button.isVisible()
    type_into(qtbot, form, "Add an addendum", "Nan visits on Sundays.")
    click(qtbot, named(form, "Add addendum"))
    assert [a.text for a in visits.load_visit(home.store, form.visit_id).addenda] == [
        "Nan visits on Sundays."]
    assert "Nan visits on Sundays." in form.addenda_list.text()


def test_keyboard_only(qtbot: QtBot, home: Home, open_form: Callable[..., VisitFormDialog]
                       ) -> None:
    form = open_form(autosave_ms=50)
    form.visit_date.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)

    def tab_to(target: QWidget, limit: int = 80) -> None:
        for _ in range(limit):
            focused = QApplication.focusWidget()
            assert focused is not None, "focus left the form"
            if focused is target:
                return
            qtbot.keyClick(focused, Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached {target.accessibleName()!r}")

    present = named(form, "Who was present?")
    tab_to(present)
    qtbot.keyClicks(present, "Kim (mother)")
    qtbot.keyClick(present, Qt.Key.Key_Return)  # Enter is a new line, never "finalise"
    qtbot.keyClicks(present, "Amy")
    seen = named(form, "Was Amy seen?", Choice)
    assert isinstance(seen, Choice)
    tab_to(seen.button("Yes"))
    qtbot.keyClick(seen.button("Yes"), Qt.Key.Key_Space)
    assert seen.value() is True
    meals = named(form, "Meals")
    tab_to(meals)
    qtbot.keyClicks(meals, "Soup")
    delegated_to = None
    # Enter in a one-line box must not submit or close either.
    delegated = named(form, "This visit was made by another worker (delegated)", QCheckBox)
    tab_to(delegated)
    qtbot.keyClick(delegated, Qt.Key.Key_Space)
    delegated_to = named(form, "Name of the worker who made the visit", QLineEdit)
    tab_to(delegated_to)
    qtbot.keyClicks(delegated_to, "Pat Jones")
    qtbot.keyClick(delegated_to, Qt.Key.Key_Enter)
    assert form.isVisible()
    qtbot.keyClick(delegated_to, Qt.Key.Key_Escape)  # closes, and the typing is kept
    assert not form.isVisible()
    draft = visits.load_visit(home.store, form.visit_id).draft
    assert draft.present == "Kim (mother)\nAmy"
    assert draft.meals == "Soup"
    assert draft.children[0].child_seen is True
    assert (draft.delegated, draft.delegated_to) == (True, "Pat Jones")
    assert visits.load_visit(home.store, form.visit_id).status is RecordStatus.DRAFT


MISSING = [
    # (what the worker leaves out, how, the question, the message)
    ("present", lambda f: f.present.set_text(""), "present",
     "Enter who was present at the visit"),
    ("sleeping", lambda f: f.sleeping.set_text(""), "sleeping_arrangements",
     "Enter what you found out about the sleeping arrangements"),
    ("meals", lambda f: f.meals.set_text(""), "meals", "Enter what you found out about meals"),
    ("time", lambda f: f.start_time.setTime(f.start_time.minimumTime()), "start_time",
     "Enter the time of the visit"),
    ("future date", lambda f: f.visit_date.setDate(QDate(2027, 1, 21)), "visit_date",
     "Date of the visit must be today or in the past"),
    ("seen", lambda f: f.sections[0].seen.set_value(None), "children[0].child_seen",
     "Select whether the child was seen"),
    ("not seen reason", lambda f: f.sections[0].seen.button("No").click(),
     "children[0].not_seen_reason", "Enter why the child was not seen"),
    ("seen alone", lambda f: f.sections[0].seen_alone.set_value(None),
     "children[0].seen_alone", "Select whether the child was seen alone"),
    ("not alone reason", lambda f: f.sections[0].seen_alone.button("No").click(),
     "children[0].not_seen_alone_reason", "Enter why the child was not seen alone"),
    ("presentation", lambda f: f.sections[0].presentation.set_text(""),
     "children[0].presentation_and_behaviour", "Enter the child's presentation and behaviour"),
    ("incidents", lambda f: f.sections[0].incidents.set_value(None),
     "children[0].new_incidents",
     "Select whether there have been any new incidents or injuries"),
    ("incident details", lambda f: f.sections[0].incidents.button("Yes").click(),
     "children[0].incident_details", "Enter details of the incident or injury"),
    ("observation", lambda f: f.sections[0].observation_boxes[0][0].set_text(""),
     "children[0].observations[0].observation", "Enter what you observed about this concern"),
    ("delegated worker", lambda f: (f.delegated.setChecked(True),
                                    f.delegation_agreed_by.setText("Ann")),
     "delegated_to", "Enter the name of the worker who made the visit"),
    ("agreeing manager", lambda f: (f.delegated.setChecked(True), f.delegated_to.setText("Pat")),
     "delegation_agreed_by", "Enter the name of the manager who agreed to delegate the visit"),
]


@pytest.mark.parametrize(("leave_out", "path", "message"), [m[1:] for m in MISSING],
                         ids=[m[0] for m in MISSING])
def test_finalise_with_a_field_missing_shows_the_message_beside_it_and_in_the_summary(
    qtbot: QtBot, home: Home, open_form: Callable[..., VisitFormDialog],
    leave_out: Callable[[VisitFormDialog], object], path: str, message: str,
) -> None:
    form = open_form()
    fill_amy(qtbot, form)
    leave_out(form)
    click(qtbot, named(form, "Finalise visit"))
    assert form.questions[path].error_text == message
    assert form.summary.messages == [message]
    assert visits.load_visit(home.store, form.visit_id).status is RecordStatus.DRAFT
    # Choosing the summary entry moves focus to the field.
    click(qtbot, form.summary.links[0])
    focused = QApplication.focusWidget()
    target = form.questions[path].widget
    assert focused is target or (isinstance(target, Choice) and focused in target.buttons) or (
        target.isAncestorOf(focused))


def test_vague_words_are_named_and_must_be_acknowledged(
    qtbot: QtBot, home: Home, open_form: Callable[..., VisitFormDialog]
) -> None:
    form = open_form()
    fill_amy(qtbot, form)
    type_into(qtbot, form, "Presentation and behaviour", " She was fine.")
    question = form.questions["children[0].presentation_and_behaviour"]
    assert "'fine' does not say what you saw" in question.warning_text
    assert "what they were wearing" in question.warning_text
    click(qtbot, named(form, "Finalise visit"))
    assert form.summary.messages == ["Confirm you have read the warnings about vague words"]
    assert visits.load_visit(home.store, form.visit_id).status is RecordStatus.DRAFT
    click(qtbot, form.ack)
    click(qtbot, named(form, "Finalise visit"))
    assert visits.load_visit(home.store, form.visit_id).status is RecordStatus.FINAL


def test_child_not_seen_tells_the_worker_and_raises_the_alert(
    qtbot: QtBot, home: Home, open_form: Callable[..., VisitFormDialog]
) -> None:
    form = open_form()
    fill_amy(qtbot, form)
    answer(qtbot, form, "Was Amy seen?", "No")
    assert not form.questions["children[0].seen_alone"].isVisible()
    type_into(qtbot, form, "Why was Amy not seen?", "Nobody answered; curtains drawn.")
    click(qtbot, named(form, "Finalise visit"))
    assert "Amy was not seen" in form.message
    assert "discuss it with your manager today" in form.message
    assert AlertKind.CHILD_UNSEEN in {a.kind for a in alerts_as_of(
        home.store, TODAY, child_id=home.amy.child_id)}


def test_a_household_visit_has_a_section_per_child_and_the_baby_is_seen_awake(
    qtbot: QtBot, home: Home, open_form: Callable[..., VisitFormDialog]
) -> None:
    form = open_form(home.amy, home.ben)
    assert [s.info.first_name for s in form.sections] == ["Amy", "Ben"]
    assert form.questions["children[0].seen_alone"].isVisible()
    assert not form.questions["children[0].seen_awake"].isVisible()
    assert form.questions["children[1].seen_awake"].isVisible()  # Ben is under one
    assert not form.questions["children[1].seen_alone"].isVisible()
    answer(qtbot, form, "Was Ben seen?", "Yes")
    answer(qtbot, form, "Was Ben seen awake?", "Yes")
    form.save_now()
    stored = visits.load_visit(home.store, form.visit_id).draft.children
    assert (stored[0].child_seen, stored[1].child_seen, stored[1].seen_awake) == (
        None, True, True)


def test_a_draft_survives_the_window_being_destroyed_without_saving(
    qtbot: QtBot, home: Home, open_form: Callable[..., VisitFormDialog]
) -> None:
    form = open_form()
    visit_id = form.visit_id
    type_into(qtbot, form, "Meals", "Beans on toast")
    answer(qtbot, form, "Was Amy seen?", "Yes")
    assert form.dirty  # nothing saved yet: the autosave waits about a second
    qtbot.waitUntil(lambda: not form.dirty, timeout=3000)
    form.deleteLater()  # no Save, no close: as if the laptop died
    qtbot.wait(10)
    draft = visits.load_visit(home.store, visit_id).draft
    assert draft.meals == "Beans on toast" and draft.children[0].child_seen is True
    # ... and reopening shows it.
    again = VisitFormDialog(home.store, home.jo, visit_id, TODAY)
    qtbot.addWidget(again)
    assert again.meals.text() == "Beans on toast"
    assert visits.drafts_for(home.store, home.jo)[0].visit_id == visit_id


def test_a_save_elsewhere_stops_autosave_and_says_who(
    qtbot: QtBot, home: Home, open_form: Callable[..., VisitFormDialog]
) -> None:
    form = open_form(autosave_ms=20)
    stored = visits.load_visit(home.store, form.visit_id)
    visits.save_draft(home.store, home.jo, form.visit_id,
                      dataclasses.replace(stored.draft, meals="From the other window"),
                      stored.revision)
    type_into(qtbot, form, "Meals", "Mine")
    qtbot.waitUntil(lambda: form.stale, timeout=3000)
    assert "Jo Bloggs changed this record" in form.message
    assert visits.load_visit(home.store, form.visit_id).draft.meals == "From the other window"


def test_visits_tab_starts_a_household_visit_and_lists_it(
    qtbot: QtBot, home: Home
) -> None:
    tab = VisitsTabView(store=home.store, actor=home.jo, today=TODAY)
    qtbot.addWidget(tab)
    tab.show_child(home.amy.child_id, "Amy Smith")
    tab.choose_children = lambda siblings: [s.child_id for s in siblings]  # type: ignore[method-assign]
    assert tab.model.rowCount() == 0
    with qtbot.waitSignal(tab.changed):
        click(qtbot, named(tab, "New visit"))
    form = next(iter(tab.forms.values()))
    qtbot.addWidget(form)
    assert [s.info.first_name for s in form.sections] == ["Amy", "Ben"]
    assert tab.model.rowCount() == 1
    assert tab.model.text(tab.model.rows[0], tab.model.column_named("Record")) == (
        "Draft (with Ben)")
    form.confirm_finalise = lambda: True  # type: ignore[method-assign]
    form.close()
    assert visits.list_visits(home.store, home.ben.child_id)[0].status is RecordStatus.DRAFT


def test_visits_table_model(qtmodeltester: object, home: Home) -> None:
    from cpdesk.ui.table_models.visits_table_model import VisitRecordsTableModel

    form = visits.start_visit(home.store, home.jo, [home.amy.child_id], TODAY)
    model = VisitRecordsTableModel()
    model.set_rows(visits.list_visits(home.store, home.amy.child_id))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert [model.text(model.rows[0], c) for c in range(7)] == [
        "Wed 20 Jan 2027", "Not answered", "Not answered", "Not answered", "Not answered",
        "Draft", "Not yet final"]
    assert model.visit_id(0) == form.visit_id


line_text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=60)
box_text = st.lists(line_text, max_size=3).map("\n".join)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_random_text_in_every_field_is_stored_exactly(
    qtbot: QtBot, home: Home, data: st.DataObject
) -> None:
    visit_id = visits.start_visit(home.store, home.jo, [home.amy.child_id], TODAY).visit_id
    form = VisitFormDialog(home.store, home.jo, visit_id, TODAY, autosave_ms=10_000)
    qtbot.addWidget(form)
    form.sections[0].seen.set_value(False)
    form.sections[0].incidents.set_value(True)
    form.delegated.setChecked(True)
    typed: dict[str, str] = {}
    for path, question in form.questions.items():
        widget = question.widget
        if isinstance(widget, TextBox):
            typed[path] = data.draw(box_text, label=path)
            widget.set_text(typed[path])
        elif isinstance(widget, QLineEdit):
            typed[path] = data.draw(line_text, label=path)
            widget.setText(typed[path])
    form.dirty = True
    assert form.save_now()
    form.close()
    stored = visits.load_visit(home.store, visit_id).draft
    assert stored == form.draft()
    child = stored.children[0]
    assert stored.present == typed["present"] and stored.meals == typed["meals"]
    assert child.presentation_and_behaviour == typed["children[0].presentation_and_behaviour"]
    assert child.injury_location == typed["children[0].injury_location"]
    assert child.observations[0].observation == typed["children[0].observations[0].observation"]
    assert stored.delegated_to == typed["delegated_to"]
