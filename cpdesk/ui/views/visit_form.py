"""The statutory home visit form (issue 5; 002 s4; 003): one visit, for one child or a household.

What it does, and what it leaves to others:
- Shows a `VisitForm` from services/visits.py and turns the widgets back into a `VisitDraft`.
  It never holds a session or an ORM object.
- The practice rules are `validate_visit` (domain/visit_validation.py), run on every change;
  the form only places each `FieldIssue` beside the widget its path names, and marks
  "(optional)" on the questions `REQUIRED_VISIT_FIELDS` does not list.
- Errors appear beside a field once the worker has answered or changed it, and everywhere (with
  the summary at the top) once they try to finalise: the GOV.UK pattern, not a wall of red on a
  new form. Vague-word warnings show, and are underlined in the text, as soon as they are typed.
- Every change is saved as a draft about a second later (`save_draft`, one transaction each);
  closing, Esc, or losing the window loses at most that second. A newer revision saved
  elsewhere stops autosaving and says who saved it, so nothing is silently overwritten.
- A final record is read-only; its author (or a manager) adds dated addenda below it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from PySide6.QtCore import QDate, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QDateEdit,
    QDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from cpdesk.domain.actor import Actor
from cpdesk.domain.dates import age_text, format_date, is_under_one
from cpdesk.domain.enums import CountersignSubject, RecordStatus, Role, VisitType
from cpdesk.domain.errors import CpdeskError, StaleRecord, ValidationFailed
from cpdesk.domain.visit import PresentChoice, VisitChildInfo, VisitForm, WarningsNotAcknowledged
from cpdesk.domain.visit_validation import (
    REQUIRED_VISIT_FIELDS,
    FieldIssue,
    ObservationDraft,
    VisitChildDraft,
    VisitDraft,
    validate_visit,
)
from cpdesk.models.db import Store
from cpdesk.services import visits
from cpdesk.services.countersign import add_addendum
from cpdesk.ui.widgets.error_summary import ErrorSummary
from cpdesk.ui.widgets.question import Choice, Question, TextBox, YesNo
from cpdesk.ui.widgets.vague_highlighter import VagueWordHighlighter

NO_DATE = QDate(2000, 1, 1)  # the date boxes show "Not entered" at their minimum
NO_TIME = QTime(0, 0)
ACK_FIELD = "acknowledge_warnings"
ACK_MESSAGE = "Confirm you have read the warnings about vague words"
RISK_OPTIONS = [("Risk increased", "increased"), ("The same", "same"),
                ("Risk reduced", "reduced")]


def _required(path: str) -> bool:
    """Whether the rule set lists this field ("children[0].x" is listed as "children[].x")."""
    return re.sub(r"\[\d+\]", "[]", path) in REQUIRED_VISIT_FIELDS


def _qdate(d: date | None) -> QDate:
    return QDate(d.year, d.month, d.day) if d else NO_DATE


def _pydate(q: QDate) -> date | None:
    return None if q == NO_DATE else date(q.year(), q.month(), q.day())


class _DateBox(QDateEdit):
    def __init__(self, empty_text: str) -> None:
        super().__init__()
        self.setDisplayFormat("ddd d MMM yyyy")
        self.setCalendarPopup(True)
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText(empty_text)
        self.setMinimumWidth(190)
        self.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.UpDownArrows)

    def value(self) -> date | None:
        return _pydate(self.date())

    def set_value(self, d: date | None) -> None:
        self.setDate(_qdate(d))


class _ChildSection:
    """The widgets of one child's own facts (a household visit has one section per child)."""

    def __init__(self, index: int, info: VisitChildInfo) -> None:
        self.index = index
        self.info = info
        self.box = QGroupBox()
        self.layout = QVBoxLayout(self.box)
        self.layout.setSpacing(4)
        self.concerns: list[str] = []
        self.observation_boxes: list[tuple[TextBox, Choice]] = []

    def path(self, name: str) -> str:
        return f"children[{self.index}].{name}"


class VisitFormDialog(QDialog):
    """One visit record. Non-modal: the caseload stays usable while it is open."""

    changed = Signal(object)  # Changes, after each save, finalise and addendum

    def __init__(
        self, store: Store, actor: Actor, visit_id: str, today: date,
        parent: QWidget | None = None, *, autosave_ms: int = 1000,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.actor = actor
        self.visit_id = visit_id
        self.today = today
        self.record: VisitForm = visits.load_visit(store, visit_id)
        self.profile = self.record.profile
        self.revision = self.record.revision
        self.questions: dict[str, Question] = {}
        self.sections: list[_ChildSection] = []
        self.touched: set[str] = set()
        self.tried_to_finalise = False
        self.dirty = False
        self.stale = False
        self._loading = True
        self._highlighters: list[VagueWordHighlighter] = []
        self._present_boxes: list[tuple[QCheckBox, PresentChoice]] = []
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(autosave_ms)
        self._autosave.timeout.connect(self.save_now)

        self.setWindowTitle(f"Home visit: {self.record.child_names}")
        self.setAccessibleName(f"Home visit for {self.record.child_names}")
        self._build()
        self._populate(self.record.draft)
        self._loading = False
        self._apply_mode()
        self._refresh()
        self._size_for_screen()

    # ----------------------------------------------------------------------------- building

    def _size_for_screen(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1040, 860
        if screen is not None:
            width = min(width, screen.width() - 40)
            height = min(height, screen.height() - 60)
        self.resize(width, height)

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        header = QFrame()
        header.setObjectName("visitHeader")
        header.setStyleSheet("QFrame#visitHeader { background: #f3f2f1; "
                             "border-bottom: 1px solid #b1b4b6; }")
        head = QVBoxLayout(header)
        head.setContentsMargins(20, 10, 20, 10)
        head.setSpacing(2)
        title = QLabel(f"Home visit: {self.record.child_names}")
        title.setStyleSheet("font-size: 15pt; font-weight: 700;")
        title.setAccessibleName(title.text())
        head.addWidget(title)
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color: #505a5f;")
        self.status_label.setAccessibleName("Record status")
        head.addWidget(self.status_label)
        if self.record.siblings_not_included and self.record.status is RecordStatus.DRAFT:
            names = ", ".join(s.name for s in self.record.siblings_not_included)
            note = QLabel(f"Also living here on a plan: {names}, who is not on this record. "
                          "To record one visit for all the children, start it from the Visits "
                          "tab and tick each child.")
            note.setWordWrap(True)
            note.setStyleSheet("color: #505a5f;")
            head.addWidget(note)
        outer.addWidget(header)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Message")
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()
        outer.addWidget(self.banner)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        page = QWidget()
        page_row = QHBoxLayout(page)
        page_row.setContentsMargins(20, 12, 20, 20)
        column = QWidget()
        column.setMaximumWidth(820)
        self.body = QVBoxLayout(column)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(6)
        page_row.addWidget(column, 1)
        page_row.addStretch(0)
        self.scroll.setWidget(page)
        outer.addWidget(self.scroll, 1)

        self.summary = ErrorSummary()
        self.summary.chosen.connect(self.focus_field)
        self.body.addWidget(self.summary)

        self._build_visit_part()
        for index, info in enumerate(self.record.children):
            self._build_child(index, info)
        self._build_home_and_delegation()
        self._build_acknowledgement()
        self._build_addenda()
        self.body.addStretch(1)

        buttons = QFrame()
        buttons.setObjectName("visitButtons")
        buttons.setStyleSheet("QFrame#visitButtons { border-top: 1px solid #b1b4b6; }")
        row = QHBoxLayout(buttons)
        row.setContentsMargins(20, 8, 20, 8)
        self.save_button = self._button("Save draft", self._save_clicked)
        self.finalise_button = self._button("Finalise visit", self.finalise)
        self.finalise_button.setStyleSheet(
            "QPushButton { background: #00703c; color: white; font-weight: 600;"
            " padding: 6px 14px; } QPushButton:focus { background: #ffdd00; color: #0b0c0c; }")
        self.close_button = self._button("Close", self.close)
        self.close_button.setToolTip("Close (Esc). Your typing is already saved as a draft.")
        row.addWidget(self.save_button)
        row.addWidget(self.finalise_button)
        row.addStretch(1)
        self.saved_label = QLabel()
        self.saved_label.setStyleSheet("color: #505a5f;")
        self.saved_label.setAccessibleName("Draft saved")
        row.addWidget(self.saved_label)
        row.addWidget(self.close_button)
        outer.addWidget(buttons)

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.setDefault(False)
        button.setAccessibleName(text)
        button.clicked.connect(slot)
        button.setMinimumHeight(32)
        return button

    def _heading(self, text: str, parent_layout: QVBoxLayout | None = None) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("font-size: 13pt; font-weight: 700; padding-top: 10px;")
        label.setAccessibleName(text)
        (parent_layout or self.body).addWidget(label)
        return label

    def _question(
        self, path: str, label: str, widget: QWidget, *, hint: str = "",
        layout: QVBoxLayout | None = None, optional: bool | None = None,
    ) -> Question:
        if optional is None:
            optional = not _required(path)
        question = Question(label, widget, hint=hint, optional=optional)
        self.questions[path] = question
        (layout or self.body).addWidget(question)
        if isinstance(widget, Choice):
            widget.changed.connect(lambda p=path: self._edited(p))
        elif isinstance(widget, TextBox):
            widget.textChanged.connect(lambda p=path: self._edited(p))
        elif isinstance(widget, QLineEdit):
            widget.textChanged.connect(lambda _t, p=path: self._edited(p))
        elif isinstance(widget, QDateEdit):
            widget.dateChanged.connect(lambda _d, p=path: self._edited(p))
        elif isinstance(widget, QTimeEdit):
            widget.timeChanged.connect(lambda _t, p=path: self._edited(p))
        return question

    def _text_box(self, lines: int = 3, vague: bool = False) -> TextBox:
        box = TextBox(lines)
        if vague:
            self._highlighters.append(
                VagueWordHighlighter(box.document(), self.profile.vague_labels))
        return box

    def _build_visit_part(self) -> None:
        self._heading("The visit")
        when = QWidget()
        when_row = QHBoxLayout(when)
        when_row.setContentsMargins(0, 0, 0, 0)
        self.visit_date = _DateBox("Not entered")
        self.visit_date.setMaximumWidth(240)
        self.start_time = QTimeEdit()
        self.start_time.setDisplayFormat("HH:mm")
        self.start_time.setSpecialValueText("--:--")
        self.start_time.setMinimumTime(NO_TIME)
        self.start_time.setMaximumWidth(120)
        date_q = Question("Date of the visit", self.visit_date)
        time_q = Question("Start time", self.start_time, hint="For example, 16:30")
        date_q.hint.setText("For example, Tue 6 Jan 2027")
        date_q.hint.show()
        for path, q in (("visit_date", date_q), ("start_time", time_q)):
            self.questions[path] = q
            when_row.addWidget(q)
        when_row.addStretch(1)
        self.visit_date.dateChanged.connect(lambda _d: self._edited("visit_date"))
        self.start_time.timeChanged.connect(lambda _t: self._edited("start_time"))
        self.body.addWidget(when)

        self.visit_type = Choice([("Announced", VisitType.ANNOUNCED),
                                  ("Unannounced", VisitType.UNANNOUNCED)])
        self._question("visit_type", "Was the visit announced or unannounced?",
                       self.visit_type)

        present_widget = QWidget()
        present_col = QVBoxLayout(present_widget)
        present_col.setContentsMargins(0, 0, 0, 0)
        choices = visits.present_choices(self.store, [c.child_id for c in self.record.children])
        self.present = self._text_box(2)
        if choices:
            grid = QGridLayout()
            grid.setHorizontalSpacing(24)
            for i, choice in enumerate(choices):
                box = QCheckBox(choice.text)
                box.setAccessibleName(choice.text)
                box.setAccessibleDescription("Who was present?")
                box.toggled.connect(lambda on, c=choice: self._present_ticked(c, on))
                grid.addWidget(box, i // 2, i % 2)
                self._present_boxes.append((box, choice))
            present_col.addLayout(grid)
        present_col.addWidget(self.present)
        q = self._question(
            "present", "Who was present?", present_widget,
            hint=("Tick the family, carers and professionals who were there, and add anyone "
                  "else by name" if choices else "Names of everyone who was there, and who "
                  "they are to the child"))
        q.widget = self.present  # errors and focus go to the text box
        self.present.setAccessibleName("Who was present?")
        present_widget.setAccessibleName("")
        self.present.textChanged.connect(lambda: self._edited("present"))
        self.present.textChanged.connect(self._sync_present_boxes)

    def _present_ticked(self, choice: PresentChoice, on: bool) -> None:
        if self._loading:
            return
        text = self.present.text()
        if on and choice.text not in text:
            self.present.set_text(f"{text.rstrip().rstrip(',')}, {choice.text}"
                                  if text.strip() else choice.text)
        elif not on and choice.text in text:
            # Take the name out with the comma that joined it (names may contain commas).
            for joined in (f", {choice.text}", f"{choice.text}, ", choice.text):
                if joined in text:
                    self.present.set_text(text.replace(joined, "", 1))
                    break
        self.present.moveCursor(QTextCursor.MoveOperation.End)  # ready to add other names

    def _sync_present_boxes(self) -> None:
        """Tick the people whose names are in the text (typed, pasted or loaded)."""
        text = self.present.text()
        for box, choice in self._present_boxes:
            if box.isChecked() != (choice.text in text):
                box.blockSignals(True)
                box.setChecked(choice.text in text)
                box.blockSignals(False)

    def _build_child(self, index: int, info: VisitChildInfo) -> None:
        section = _ChildSection(index, info)
        self.sections.append(section)
        name = info.first_name
        born = (f"born {format_date(info.date_of_birth)}, "
                f"{age_text(info.date_of_birth, None, self.today)}"
                if info.date_of_birth else "date of birth not recorded")
        section.box.setTitle(f"{info.name}, {born}")
        section.box.setStyleSheet("QGroupBox { font-weight: 700; font-size: 12pt; "
                                  "border: 1px solid #b1b4b6; margin-top: 18px; "
                                  "padding-top: 12px; } QGroupBox::title { subcontrol-origin: "
                                  "margin; left: 10px; padding: 0 4px; }")
        section.box.setAccessibleName(info.name)
        lay = section.layout
        ask = section.path

        section.seen = YesNo()
        self._question(ask("child_seen"), f"Was {name} seen?", section.seen, layout=lay,
                       hint=f"You spoke with {name} or saw them yourself at this visit")
        section.not_seen_reason = self._text_box(2)
        self._question(ask("not_seen_reason"), f"Why was {name} not seen?",
                       section.not_seen_reason, layout=lay,
                       hint="Say what happened, for example who answered the door and what "
                            "they said")
        section.seen_alone = YesNo()
        self._question(ask("seen_alone"), f"Was {name} seen alone?", section.seen_alone,
                       layout=lay, hint="Without a parent or carer in the room for part of "
                                        "the visit")
        section.not_seen_alone_reason = self._text_box(2)
        self._question(ask("not_seen_alone_reason"), f"Why was {name} not seen alone?",
                       section.not_seen_alone_reason, layout=lay)
        section.seen_awake = YesNo()
        self._question(ask("seen_awake"), f"Was {name} seen awake?", section.seen_awake,
                       layout=lay, hint="A baby under one is seen awake at least every "
                                        f"{self.profile.seen_alone_interval} days")
        section.bedroom = YesNo()
        self._question(ask("bedroom_seen"), f"Did you see {name}'s bedroom?", section.bedroom,
                       layout=lay)
        section.presentation = self._text_box(4, vague=True)
        self._question(ask("presentation_and_behaviour"), "Presentation and behaviour",
                       section.presentation, layout=lay,
                       hint="Describe what you saw and heard, not a judgement: what they were "
                            "wearing, how they moved, what they said and did")
        section.wishes = self._text_box(3)
        self._question(ask("wishes_and_feelings"),
                       f"{name}'s wishes and feelings, in their own words", section.wishes,
                       layout=lay, hint=f"Write what {name} said or showed you, as they said it")
        section.incidents = YesNo()
        self._question(ask("new_incidents"), "Have there been any new incidents or injuries?",
                       section.incidents, layout=lay)
        section.incident_details = self._text_box(3)
        self._question(ask("incident_details"), "Details of the incident or injury",
                       section.incident_details, layout=lay,
                       hint="What happened, when, who told you, and what you saw")
        section.injury_location = QLineEdit()
        self._question(ask("injury_location"), "Where on the body is the injury?",
                       section.injury_location, layout=lay,
                       hint="For example, left forearm, 3 cm bruise")

        concerns = [o.concern for o in self.record.draft.children[index].observations]
        if concerns:
            sub = QLabel("Observations about each concern in the plan")
            sub.setStyleSheet("font-weight: 700; padding-top: 8px;")
            lay.addWidget(sub)
        for j, concern in enumerate(concerns):
            section.concerns.append(concern)
            concern_label = QLabel(f"Concern {j + 1}: {concern}")
            concern_label.setWordWrap(True)
            concern_label.setStyleSheet("font-weight: 400; font-style: italic; "
                                        "padding: 6px 0 0 12px;")
            lay.addWidget(concern_label)
            text = self._text_box(3, vague=True)
            q = self._question(ask(f"observations[{j}].observation"),
                               "What did you see or hear about this concern?", text,
                               layout=lay, optional=False,
                               hint="Describe what you saw and heard, not a judgement")
            text.setAccessibleDescription(f"Concern {j + 1}: {concern}. {q.hint.text()}")
            trend = Choice(RISK_OPTIONS)
            self._question(ask(f"observations[{j}].risk_trend"),
                           "Since the last visit, is this risk", trend, layout=lay,
                           optional=False)
            section.observation_boxes.append((text, trend))
        self.body.addWidget(section.box)

    def _build_home_and_delegation(self) -> None:
        self._heading("The home")
        self.sleeping = self._text_box(3)
        self._question("sleeping_arrangements", "Sleeping arrangements", self.sleeping,
                       hint="Where each child sleeps, and the bed and bedding you saw")
        self.meals = self._text_box(3)
        self._question("meals", "Meals", self.meals,
                       hint="What the children eat and when, and what food you saw in the home")

        self._heading("Delegated visit and next visit")
        self.delegated = QCheckBox("This visit was made by another worker (delegated)")
        self.delegated.setAccessibleName("This visit was made by another worker (delegated)")
        self.delegated.toggled.connect(lambda _on: self._edited("delegated"))
        hint = QLabel(f"Only when the {self.profile.worker_title}'s manager agreed that another "
                      "worker would see the child")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #505a5f; padding-left: 12px;")
        holder = QVBoxLayout()
        holder.setContentsMargins(12, 4, 0, 4)
        holder.addWidget(self.delegated)
        self.body.addLayout(holder)
        self.body.addWidget(hint)
        self.delegated_to = QLineEdit()
        self._question("delegated_to", "Name of the worker who made the visit",
                       self.delegated_to)
        self.delegation_agreed_by = QLineEdit()
        self._question("delegation_agreed_by", "Name of the manager who agreed to delegate it",
                       self.delegation_agreed_by)

        next_row = QWidget()
        row = QHBoxLayout(next_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.next_visit = _DateBox("Not planned yet")
        self.next_visit.setMaximumWidth(240)
        row.addWidget(self.next_visit)
        self.suggest_next = QPushButton(f"Set to {self.profile.visit_interval} days after the "
                                        "visit")
        self.suggest_next.setAutoDefault(False)
        self.suggest_next.clicked.connect(self._suggest_next)
        self.clear_next = QPushButton("No date yet")
        self.clear_next.setAutoDefault(False)
        self.clear_next.clicked.connect(lambda: self.next_visit.set_value(None))
        row.addWidget(self.suggest_next)
        row.addWidget(self.clear_next)
        row.addStretch(1)
        q = self._question("next_planned_visit", "Next planned visit", next_row)
        q.widget = self.next_visit
        self.next_visit.setAccessibleName(q.label_text)
        next_row.setAccessibleName("")
        self.next_visit.dateChanged.connect(lambda _d: self._edited("next_planned_visit"))

    def _suggest_next(self) -> None:
        base = self.visit_date.value() or self.today
        self.next_visit.setDate(_qdate(base).addDays(self.profile.visit_interval))

    def _build_acknowledgement(self) -> None:
        self.ack = QCheckBox("I have read the warnings about vague words. The record says what "
                             "I saw and heard.")
        self.ack.setAccessibleName(self.ack.text())
        self.ack.toggled.connect(lambda _on: self._refresh())
        self.ack_question = Question("Warnings about vague words", self.ack,
                                     hint="Change the words, or confirm the record is right")
        self.ack.setAccessibleName(self.ack.text())
        self.questions[ACK_FIELD] = self.ack_question
        self.body.addWidget(self.ack_question)

    def _build_addenda(self) -> None:
        self.addenda_box = QWidget()
        lay = QVBoxLayout(self.addenda_box)
        lay.setContentsMargins(0, 0, 0, 0)
        self._heading("Addenda", lay)
        self.addenda_list = QLabel()
        self.addenda_list.setWordWrap(True)
        self.addenda_list.setTextFormat(Qt.TextFormat.PlainText)
        self.addenda_list.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.addenda_list.setAccessibleName("Addenda")
        lay.addWidget(self.addenda_list)
        self.addendum_text = TextBox(3)
        self.addendum_question = Question(
            "Add an addendum", self.addendum_text,
            hint="Say what was wrong or missing and what is right. It is dated and signed "
                 "with your name; the record itself does not change.")
        lay.addWidget(self.addendum_question)
        self.addendum_button = self._button("Add addendum", self.add_addendum)
        holder = QHBoxLayout()
        holder.setContentsMargins(12, 0, 0, 0)
        holder.addWidget(self.addendum_button)
        holder.addStretch(1)
        lay.addLayout(holder)
        self.body.addWidget(self.addenda_box)

    # ----------------------------------------------------------------------------- values

    def _populate(self, draft: VisitDraft) -> None:
        self.visit_date.set_value(draft.visit_date)
        self.start_time.setTime(QTime(draft.start_time.hour, draft.start_time.minute)
                                if draft.start_time else NO_TIME)
        self.visit_type.set_value(draft.visit_type)
        self.present.set_text(draft.present)
        self.sleeping.set_text(draft.sleeping_arrangements)
        self.meals.set_text(draft.meals)
        self.delegated.setChecked(draft.delegated)
        self.delegated_to.setText(draft.delegated_to)
        self.delegation_agreed_by.setText(draft.delegation_agreed_by)
        self.next_visit.set_value(draft.next_planned_visit)
        for section, child in zip(self.sections, draft.children, strict=True):
            section.seen.set_value(child.child_seen)
            section.not_seen_reason.set_text(child.not_seen_reason)
            section.seen_alone.set_value(child.seen_alone)
            section.not_seen_alone_reason.set_text(child.not_seen_alone_reason)
            section.seen_awake.set_value(child.seen_awake)
            section.bedroom.set_value(child.bedroom_seen)
            section.presentation.set_text(child.presentation_and_behaviour)
            section.wishes.set_text(child.wishes_and_feelings)
            section.incidents.set_value(child.new_incidents)
            section.incident_details.set_text(child.incident_details)
            section.injury_location.setText(child.injury_location)
            for (text, trend), obs in zip(section.observation_boxes, child.observations,
                                          strict=False):
                text.set_text(obs.observation)
                trend.set_value(obs.risk_trend)
        self._sync_present_boxes()
        self.addenda_list.setText("\n\n".join(
            f"{format_date(a.written_at.astimezone().date())} at "
            f"{a.written_at.astimezone():%H:%M}, {a.author}:\n{a.text}"
            for a in self.record.addenda) or "No addenda.")

    def draft(self) -> VisitDraft:
        """The record exactly as it stands in the form."""
        qt_time = self.start_time.time()
        start = None if qt_time == NO_TIME else time(qt_time.hour(), qt_time.minute())
        children = []
        for section, stored in zip(self.sections, self.record.draft.children, strict=True):
            children.append(VisitChildDraft(
                child_name=stored.child_name, date_of_birth=stored.date_of_birth,
                plan_start=stored.plan_start, child_seen=section.seen.value(),
                not_seen_reason=section.not_seen_reason.text(),
                seen_alone=section.seen_alone.value(),
                not_seen_alone_reason=section.not_seen_alone_reason.text(),
                seen_awake=section.seen_awake.value(), bedroom_seen=section.bedroom.value(),
                presentation_and_behaviour=section.presentation.text(),
                wishes_and_feelings=section.wishes.text(),
                new_incidents=section.incidents.value(),
                incident_details=section.incident_details.text(),
                injury_location=section.injury_location.text(),
                observations=tuple(
                    ObservationDraft(concern=concern, observation=text.text(),
                                     risk_trend=trend.value())
                    for concern, (text, trend) in zip(section.concerns,
                                                      section.observation_boxes, strict=True)
                ),
            ))
        return VisitDraft(
            visit_date=self.visit_date.value(), start_time=start,
            visit_type=self.visit_type.value(), present=self.present.text(),
            sleeping_arrangements=self.sleeping.text(), meals=self.meals.text(),
            delegated=self.delegated.isChecked(), delegated_to=self.delegated_to.text(),
            delegation_agreed_by=self.delegation_agreed_by.text(),
            next_planned_visit=self.next_visit.value(), children=tuple(children),
        )

    # ----------------------------------------------------------------------------- behaviour

    @property
    def editable(self) -> bool:
        return (self.record.status is RecordStatus.DRAFT and not self.stale
                and (self.record.author_id is None
                     or self.record.author_id == self.actor.staff_id))

    def _edited(self, path: str) -> None:
        if self._loading:
            return
        self.touched.add(path)
        if self.editable:
            self.dirty = True
            self.saved_label.setText("Saving soon…")
            self._autosave.start()
        self._refresh()

    def _is_baby(self, section: _ChildSection) -> bool:
        on = self.visit_date.value() or self.today
        return self.profile.baby_seen_awake and is_under_one(section.info.date_of_birth, on)

    def _update_visibility(self) -> None:
        for s in self.sections:
            seen = s.seen.value()
            baby = self._is_baby(s)
            self.questions[s.path("not_seen_reason")].setVisible(seen is False)
            self.questions[s.path("seen_alone")].setVisible(seen is not False and not baby)
            self.questions[s.path("not_seen_alone_reason")].setVisible(
                seen is not False and not baby and s.seen_alone.value() is False)
            self.questions[s.path("seen_awake")].setVisible(seen is not False and baby)
            self.questions[s.path("presentation_and_behaviour")].setVisible(seen is not False)
            incidents = s.incidents.value() is True
            self.questions[s.path("incident_details")].setVisible(incidents)
            self.questions[s.path("injury_location")].setVisible(incidents)
        delegated = self.delegated.isChecked()
        self.questions["delegated_to"].setVisible(delegated)
        self.questions["delegation_agreed_by"].setVisible(delegated)

    def check(self) -> tuple[tuple[FieldIssue, ...], tuple[FieldIssue, ...]]:
        result = validate_visit(self.draft(), self.today, self.profile)
        return result.errors, result.warnings

    def _refresh(self) -> None:
        self._update_visibility()
        errors, warnings = self.check()
        by_field: dict[str, list[str]] = {}
        for issue in errors:
            by_field.setdefault(self._target(issue.field), []).append(issue.message)
        warned = self._warnings_by_field(warnings)
        show_all = self.tried_to_finalise and self.editable
        for path, question in self.questions.items():
            if path == ACK_FIELD:
                continue
            messages = by_field.get(path, [])
            shown = self.editable and (show_all or path in self.touched)
            question.set_error(messages[0] if messages and shown else None)
            question.set_warnings(warned.get(path, []) if self.editable else [])
        self.ack_question.setVisible(bool(warnings) and self.editable)
        need_ack = bool(warnings) and not self.ack.isChecked()
        self.ack_question.set_error(ACK_MESSAGE if need_ack and show_all else None)
        if show_all:
            entries = [(self._target(i.field), self._summary_words(i)) for i in errors]
            entries.sort(key=lambda e: self._order(e[0]))
            if need_ack:
                entries.append((ACK_FIELD, ACK_MESSAGE))
            self.summary.set_entries(entries)
        else:
            self.summary.set_entries([])
        self._update_status()

    def _warnings_by_field(self, warnings: tuple[FieldIssue, ...]) -> dict[str, list[str]]:
        """One warning line per box: several vague words are named together, advice once."""
        grouped: dict[str, list[FieldIssue]] = {}
        for issue in warnings:
            grouped.setdefault(self._target(issue.field), []).append(issue)
        out: dict[str, list[str]] = {}
        for path, issues in grouped.items():
            words = [i.word for i in issues if i.word]
            if len(words) > 1 and len(words) == len(issues):
                advice = issues[0].message.split(". ", 1)[-1]
                named = ", ".join(f"'{w}'" for w in words[:-1]) + f" and '{words[-1]}'"
                out[path] = [f"{named} do not say what you saw. {advice}"]
            else:
                out[path] = [i.message for i in issues]
        return out

    def _summary_words(self, issue: FieldIssue) -> str:
        """On a household visit, say which child a message is about."""
        match = re.match(r"children\[(\d+)\]", issue.field)
        if match and len(self.sections) > 1:
            return f"{self.sections[int(match.group(1))].info.first_name}: {issue.message}"
        return issue.message

    def _target(self, field: str) -> str:
        return field if field in self.questions else (
            "children[0].child_seen" if field.startswith("children") and self.sections
            else "visit_date")

    def _order(self, path: str) -> int:
        keys = list(self.questions)
        return keys.index(path) if path in keys else len(keys)

    def _update_status(self) -> None:
        r = self.record
        if r.status is RecordStatus.DRAFT:
            state = (f"Draft, started by {r.author}. Saved automatically as you type; "
                     "nothing is final until you choose Finalise visit.")
        elif r.status is RecordStatus.VOIDED:
            state = (f"Voided: {r.void_reason or 'no reason recorded'}. This record by "
                     f"{r.author} stays on the file but is not counted.")
        else:
            when = r.finalised_at.astimezone() if r.finalised_at else None
            state = (f"Final record by {r.author}" + (
                f", finalised {format_date(when.date())} at {when:%H:%M}" if when else "")
                + (". Countersigned by a manager." if r.countersigned
                   else ". Waiting for your manager to countersign."))
        self.status_label.setText(state)

    def _apply_mode(self) -> None:
        editable = self.editable
        for path, q in self.questions.items():
            if path == ACK_FIELD:
                continue
            widget = q.widget
            if isinstance(widget, Choice):
                widget.set_read_only(not editable)
            elif isinstance(widget, TextBox | QLineEdit | QAbstractSpinBox):
                widget.setReadOnly(not editable)
        # The tick boxes only help write "Who was present?": on a final record the text is the
        # record, and boxes left unticked beside names typed in other words would misread it.
        for box, _ in self._present_boxes:
            box.setVisible(editable)
        for s in self.sections:
            for text, trend in s.observation_boxes:
                text.setReadOnly(not editable)
                trend.set_read_only(not editable)
        self.delegated.setEnabled(editable)
        self.suggest_next.setVisible(editable)
        self.clear_next.setVisible(editable)
        self.save_button.setVisible(editable)
        self.finalise_button.setVisible(editable)
        final = self.record.status is RecordStatus.FINAL
        may_add = final and (self.actor.staff_id == self.record.author_id
                             or self.actor.role is Role.MANAGER)
        self.addenda_box.setVisible(final)
        self.addendum_question.setVisible(may_add)
        self.addendum_button.setVisible(may_add)
        if final:
            self.show_message(
                "This record is final and cannot be changed. To correct it or add to it, add "
                "an addendum at the end of the record." if may_add else
                "This record is final and cannot be changed.", error=False, keep=True)
        elif not editable and not self.stale:
            self.show_message(f"This draft belongs to {self.record.author}. Only they can "
                              "change it.", error=False, keep=True)

    def show_message(self, text: str, *, error: bool, keep: bool = False) -> None:
        colour = "#b10e1e" if error else "#1d70b8"
        background = "#fbeaea" if error else "#e8f1f8"
        self.banner.setStyleSheet(f"background: {background}; border-left: 6px solid {colour};"
                                  " padding: 10px 14px; font-size: 11pt;")
        self.banner.setText(text)
        self.banner.show()

    @property
    def message(self) -> str:
        return self.banner.text() if not self.banner.isHidden() else ""

    def focus_field(self, path: str) -> None:
        question = self.questions.get(path)
        if question is None:
            return
        self.scroll.ensureWidgetVisible(question.widget, 0, 60)
        self.scroll.ensureWidgetVisible(question.label, 0, 20)  # the question itself in view
        question.focus_input()

    # ----------------------------------------------------------------------------- actions

    def save_now(self) -> bool:
        """Save the draft if anything changed; True when the store has what the form shows."""
        self._autosave.stop()
        if not self.dirty:
            return True
        if not self.editable:
            return False
        try:
            self.revision, changes = visits.save_draft(
                self.store, self.actor, self.visit_id, self.draft(), self.revision)
        except StaleRecord as exc:
            self.stale = True
            self.show_message(f"{exc} Your typing in this window has not been saved: copy "
                              "anything you need before closing.", error=True)
            self._apply_mode()
            return False
        except CpdeskError as exc:
            self.show_message(f"The draft could not be saved: {exc}. Your typing is still "
                              "here; cpdesk will try again when you next type.", error=True)
            return False
        except Exception as exc:  # noqa: BLE001 (autosave must never lose the typing)
            self.show_message(f"The draft could not be saved ({type(exc).__name__}). Your "
                              "typing is still here; cpdesk will try again when you next type.",
                              error=True)
            return False
        self.dirty = False
        self.saved_label.setText(f"Draft saved at {datetime.now():%H:%M:%S}")
        if self.banner.isVisible() and "could not be saved" in self.banner.text():
            self.banner.hide()
        self.changed.emit(changes)
        return True

    def _save_clicked(self) -> None:
        self.dirty = True if self.editable else self.dirty
        if self.save_now():
            self.show_message("Draft saved. You can come back to it from the child's Visits "
                              "tab.", error=False)

    def confirm_finalise(self) -> bool:
        """Ask once before the record becomes permanent (tests replace this)."""
        answer = QMessageBox.question(
            self, "Finalise this visit?",
            "Once finalised, the record cannot be changed: corrections are added as dated "
            "addenda. Your manager will be asked to countersign it.\n\nFinalise the visit now?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def finalise(self) -> None:
        if not self.editable:
            return
        self.tried_to_finalise = True
        self._refresh()
        errors, warnings = self.check()
        if errors or (warnings and not self.ack.isChecked()):
            self.scroll.ensureWidgetVisible(self.summary)
            self.scroll.verticalScrollBar().setValue(0)
            if self.summary.links:
                self.summary.links[0].setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if not self.confirm_finalise():
            return
        self._autosave.stop()
        try:
            changes = visits.finalise_visit(
                self.store, self.actor, self.visit_id, self.draft(), self.today,
                self.ack.isChecked(), expected_revision=self.revision)
        except ValidationFailed as exc:
            self.show_message(f"The visit was not finalised: {exc}", error=True)
            return
        except WarningsNotAcknowledged as exc:
            self.show_message(str(exc), error=True)
            return
        except StaleRecord as exc:
            self.stale = True
            self.show_message(str(exc), error=True)
            self._apply_mode()
            return
        except CpdeskError as exc:
            self.show_message(f"The visit was not finalised: {exc}", error=True)
            return
        self.dirty = False
        self._reload()
        self.show_message(changes.message, error=not self._all_seen(), keep=True)
        self.saved_label.setText("")
        self.changed.emit(changes)

    def _all_seen(self) -> bool:
        return all(c.child_seen is not False for c in self.record.draft.children)

    def _reload(self) -> None:
        self.record = visits.load_visit(self.store, self.visit_id)
        self.revision = self.record.revision
        self._loading = True
        self._populate(self.record.draft)
        self._loading = False
        self._apply_mode()
        self._refresh()

    def add_addendum(self) -> None:
        text = self.addendum_text.text()
        try:
            changes = add_addendum(self.store, self.actor, CountersignSubject.VISIT,
                                   self.visit_id, text)
        except ValidationFailed as exc:
            self.addendum_question.set_error(exc.issues[0].message)
            self.addendum_text.setFocus()
            return
        except CpdeskError as exc:
            self.show_message(str(exc), error=True)
            return
        self.addendum_question.set_error(None)
        self.addendum_text.set_text("")
        self._reload()
        self.show_message(changes.message, error=False)
        self.changed.emit(changes)

    # ----------------------------------------------------------------------------- keys, closing

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # Enter never finalises or closes a long form by accident
            return
        super().keyPressEvent(event)

    def reject(self) -> None:  # Esc
        self.save_now()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt's name
        self.save_now()
        super().closeEvent(event)

