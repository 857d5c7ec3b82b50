"""Record a core group meeting: when and who chaired, who came and who sent apologies (each
with their summary of involvement since the last meeting, 002 6.7), progress against each
outcome and action of the current plan, decisions, disagreements, changes to the plan, the
next meeting and when the minutes were circulated.

The form gathers a `MeetingRecord` and calls `record_meeting`; the rules and their messages
come from the domain through ValidationFailed and are shown in the error summary, each linked
to its field. Typing survives Esc: the unsaved record is kept for the meeting until saved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cpdesk.domain.core_group import (
    AttendanceRecord,
    DisagreementRecord,
    MeetingDetail,
    MeetingRecord,
    MemberRecord,
    OutcomeLine,
    ProgressRecord,
)
from cpdesk.domain.dates import format_date
from cpdesk.services.changes import Changes
from cpdesk.ui.views.core_group_dialogs import (
    OptionalDate,
    ServiceDialog,
    buttons,
    text_box,
)
from cpdesk.ui.widgets.dates import date_edit, from_qdate, to_qdate
from cpdesk.ui.widgets.fields import secondary

ATTENDED, APOLOGIES, ABSENT = "Attended", "Sent apologies", "Not present"
# Unsaved records by meeting id: Esc or Cancel never loses typing in this session.
_UNSAVED: dict[str, MeetingRecord] = {}


def subheading(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "subheading")
    label.setAccessibleName(text)
    return label


class _Person:
    """One row of the attendance grid."""

    def __init__(self, name: str, member_id: str | None, editable_name: bool,
                 note: str = "") -> None:
        self.member_id = member_id
        self.name_edit: QLineEdit | None = None
        if editable_name:
            self.name_edit = QLineEdit(name)
            self.name_edit.setAccessibleName("Name of someone else at the meeting")
            self.name_widget: QWidget = self.name_edit
        else:
            self.name_widget = QLabel(f"{name} ({note})" if note else name)
        self._name = name
        self.answer = QComboBox()
        self.answer.addItems([ATTENDED, APOLOGIES, ABSENT])
        self.answer.setCurrentText(ABSENT)
        self.answer.setAccessibleName(f"Did {name or 'this person'} attend?")
        self.summary = text_box(f"{name or 'This person'}'s summary of involvement since the "
                                "last meeting", 2)
        self.answer.currentTextChanged.connect(self._answer_changed)
        self._answer_changed(ABSENT)

    def _answer_changed(self, text: str) -> None:
        apologies = text == APOLOGIES
        self.summary.setEnabled(apologies)
        self.summary.setPlaceholderText(
            "Their written summary of involvement with the family since the last core group "
            "meeting" if apologies else "Only needed with apologies")

    @property
    def name(self) -> str:
        return self.name_edit.text() if self.name_edit is not None else self._name

    def record(self) -> AttendanceRecord:
        answer = self.answer.currentText()
        return AttendanceRecord(
            name=self.name, attended=answer == ATTENDED, apologies=answer == APOLOGIES,
            summary_of_involvement=self.summary.toPlainText() if answer == APOLOGIES else "",
            member_id=self.member_id,
        )

    def fill(self, a: AttendanceRecord) -> None:
        if self.name_edit is not None:
            self.name_edit.setText(a.name)
        self.answer.setCurrentText(ATTENDED if a.attended else APOLOGIES if a.apologies
                                   else ABSENT)
        self.summary.setPlainText(a.summary_of_involvement)


class RecordMeetingDialog(ServiceDialog):
    """`save(record)` is the record_meeting call; `plan_changes_agreed` is emitted after a save
    that recorded changes to the plan (the plan editor opens for a new version)."""

    plan_changes_agreed = Signal(str)  # what was agreed

    def __init__(
        self, meeting: MeetingDetail, members: list[MemberRecord],
        outcomes: tuple[OutcomeLine, ...], today: date, chair: str,
        save: Callable[[MeetingRecord], Changes], next_due_for: Callable[[date], date],
        parent: QWidget | None = None,
    ) -> None:
        when = format_date(meeting.meeting_date)
        super().__init__(f"Record the core group meeting of {when}", parent)
        self.meeting = meeting
        self.outcomes = outcomes
        self.save = save
        self.next_due_for = next_due_for
        self.resize(860, 680)
        outer = QVBoxLayout(self)
        outer.addWidget(self.summary)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setSpacing(8)
        scroll.setWidget(page)
        outer.addWidget(scroll, 1)
        self.scroll = scroll

        # When and where
        layout.addWidget(subheading("The meeting"))
        form = QFormLayout()
        self.held_on = date_edit("Date the meeting was held", min(meeting.meeting_date, today))
        self.chair = QLineEdit(meeting.chair or chair)
        self.chair.setAccessibleName("Who chaired the meeting?")
        self.venue = QLineEdit(meeting.venue or "")
        self.venue.setAccessibleName("Where was it held?")
        form.addRow("Date the meeting was held", self.held_on)
        form.addRow("Who chaired the meeting?", self.chair)
        form.addRow("Where was it held?", self.venue)
        layout.addLayout(form)

        # Who came
        layout.addWidget(subheading("Who attended?"))
        layout.addWidget(secondary("A member who sends apologies must give a written summary of "
                                   "their involvement with the family since the last meeting."))
        self.grid = QGridLayout()
        self.grid.setColumnStretch(2, 1)
        for col, text in enumerate(("Name", "Attended?",
                                    "Summary of involvement (with apologies)")):
            label = QLabel(text)
            label.setStyleSheet("font-weight: 600")
            self.grid.addWidget(label, 0, col)
        self.people: list[_Person] = []
        self.progress: list[tuple[OutcomeLine, QPlainTextEdit]] = []
        self.disagreements: list[tuple[QLineEdit, QLineEdit]] = []
        # The worker recording it chairs and attends, unless they say otherwise.
        if not any(m.name == chair for m in members):
            self._add_person(chair, None, False, "you").answer.setCurrentText(ATTENDED)
        for m in members:
            if m.is_current(meeting.meeting_date):
                self._add_person(m.name, m.member_id, False,
                                 "excluded" if m.excluded else "")
        layout.addLayout(self.grid)
        add_person = QPushButton("Add someone else")
        add_person.setAutoDefault(False)
        add_person.clicked.connect(lambda: self._add_person("", None, True))
        layout.addWidget(add_person, 0, Qt.AlignmentFlag.AlignLeft)

        # Progress
        layout.addWidget(subheading("Progress against the plan"))
        layout.addWidget(secondary("Say what has changed for the child since the last meeting, "
                                   "against each outcome (required) and action."))
        progress_form = QFormLayout()
        progress_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        progress_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for line in outcomes:
            label = QLabel(("Outcome: " if line.is_outcome else "    Action: ") + line.label)
            label.setWordWrap(True)
            if line.is_outcome:
                label.setStyleSheet("font-weight: 600")
            box = text_box(f"Progress: {line.label}", 2)
            label.setBuddy(box)
            progress_form.addRow(label, box)
            self.progress.append((line, box))
        if not outcomes:
            layout.addWidget(secondary("The plan has no outcomes yet."))
        layout.addLayout(progress_form)

        layout.addWidget(subheading("Decisions"))
        self.decisions = text_box("Decisions", 3)
        layout.addWidget(self.decisions)

        layout.addWidget(subheading("Disagreements with the plan"))
        layout.addWidget(secondary("Record each disagreement specifically: who disagrees and with "
                                   "what."))
        self.disagreement_rows = QVBoxLayout()
        layout.addLayout(self.disagreement_rows)
        add_disagreement = QPushButton("Add a disagreement")
        add_disagreement.setAutoDefault(False)
        add_disagreement.clicked.connect(lambda: self._add_disagreement())
        layout.addWidget(add_disagreement, 0, Qt.AlignmentFlag.AlignLeft)

        layout.addWidget(subheading("Changes to the plan"))
        layout.addWidget(secondary("The outcomes agreed at the conference cannot be altered; the "
                                   "core group can add outcomes and detail. Saving opens the plan "
                                   "for a new version."))
        self.changes_to_plan = text_box("Changes to the plan", 2)
        layout.addWidget(self.changes_to_plan)

        layout.addWidget(subheading("Next meeting"))
        self.next_meeting = OptionalDate("Next meeting date agreed?",
                                         next_due_for(min(meeting.meeting_date, today)))
        layout.addWidget(self.next_meeting)
        self.next_due_label = secondary("")
        layout.addWidget(self.next_due_label)
        self.next_reason = text_box("Why is the next meeting later than its due date?", 2)
        layout.addWidget(self.next_reason)
        self.next_meeting.toggled.connect(lambda _on: self._next_changed())
        self.next_meeting.edit.dateChanged.connect(lambda _d: self._next_changed())
        self.held_on.dateChanged.connect(lambda _d: self._next_changed())

        layout.addWidget(subheading("Minutes"))
        self.minutes = OptionalDate("Minutes circulated?", today)
        layout.addWidget(self.minutes)
        layout.addWidget(secondary(
            "Full minutes go to every member, the parents and the conference chair within 15 days. "
            "You can add this date later."))
        layout.addStretch(1)

        self.fields.update({
            "held_on": self.held_on, "chair": self.chair, "decisions": self.decisions,
            "changes_to_plan": self.changes_to_plan, "next_meeting_date": self.next_meeting.edit,
            "next_meeting_reason": self.next_reason, "minutes_circulated_on": self.minutes.edit,
        })
        outer.addLayout(buttons("Save and finalise the record", self, self._save))
        self._next_changed()
        if meeting.meeting_id in _UNSAVED:
            self.fill(_UNSAVED[meeting.meeting_id])

    # --- rows ---
    def _add_person(self, name: str, member_id: str | None, editable: bool,
                    note: str = "") -> _Person:
        person = _Person(name, member_id, editable, note)
        row = len(self.people) + 1
        self.grid.addWidget(person.name_widget, row, 0)
        self.grid.addWidget(person.answer, row, 1)
        self.grid.addWidget(person.summary, row, 2)
        self.people.append(person)
        self._index_fields()
        if editable:
            person.name_widget.setFocus()
        return person

    def _add_disagreement(self, who: str = "", about: str = "") -> None:
        row = QHBoxLayout()
        who_edit = QLineEdit(who)
        who_edit.setPlaceholderText("Who disagrees")
        who_edit.setAccessibleName("Who disagrees?")
        about_edit = QLineEdit(about)
        about_edit.setPlaceholderText("What they disagree with")
        about_edit.setAccessibleName("What do they disagree with?")
        row.addWidget(who_edit, 1)
        row.addWidget(about_edit, 3)
        self.disagreement_rows.addLayout(row)
        self.disagreements.append((who_edit, about_edit))
        self._index_fields()
        who_edit.setFocus()

    def _index_fields(self) -> None:
        people = [p for p in self.people if p.name.strip()]
        for i, p in enumerate(people):
            self.fields[f"attendance[{i}].name"] = p.name_widget
            self.fields[f"attendance[{i}].apologies"] = p.answer
            self.fields[f"attendance[{i}].summary_of_involvement"] = p.summary
        if self.people:
            self.fields["attendance"] = self.people[0].answer
        for i, (who, about) in enumerate(self.disagreements):
            self.fields[f"disagreements[{i}].who"] = who
            self.fields[f"disagreements[{i}].about"] = about
        for i, (_line, box) in enumerate(self.progress):
            self.fields[f"progress[{i}]"] = box

    def _next_changed(self) -> None:
        on = self.next_meeting.value
        due = self.next_due_for(from_qdate(self.held_on.date()))
        self.next_due_label.setText(f"The next meeting is due by {format_date(due)}.")
        late = on is not None and on > due
        self.next_reason.setVisible(late)

    # --- the record ---
    def record(self) -> MeetingRecord:
        self._index_fields()
        return MeetingRecord(
            held_on=from_qdate(self.held_on.date()), chair=self.chair.text(),
            venue=self.venue.text(),
            attendance=tuple(p.record() for p in self.people if p.name.strip()),
            progress=tuple(ProgressRecord(box.toPlainText(), outcome_id=line.outcome_id,
                                          action_id=line.action_id, label=line.label)
                           for line, box in self.progress),
            decisions=self.decisions.toPlainText(),
            disagreements=tuple(DisagreementRecord(w.text(), a.text())
                                for w, a in self.disagreements
                                if w.text().strip() or a.text().strip()),
            changes_to_plan=self.changes_to_plan.toPlainText(),
            next_meeting_date=self.next_meeting.value,
            next_meeting_reason=self.next_reason.toPlainText(),
            minutes_circulated_on=self.minutes.value,
        )

    def fill(self, r: MeetingRecord) -> None:
        if r.held_on:
            self.held_on.setDate(to_qdate(r.held_on))
        self.chair.setText(r.chair)
        self.venue.setText(r.venue)
        by_member = {p.member_id or p.name: p for p in self.people}
        for a in r.attendance:
            person = by_member.get(a.member_id or a.name)
            if person is None:
                person = self._add_person(a.name, None, True)
            person.fill(a)
        given = {(p.outcome_id, p.action_id): p.progress for p in r.progress}
        for line, box in self.progress:
            box.setPlainText(given.get((line.outcome_id, line.action_id), ""))
        self.decisions.setPlainText(r.decisions)
        for d in r.disagreements:
            self._add_disagreement(d.who, d.about)
        self.changes_to_plan.setPlainText(r.changes_to_plan)
        self.next_meeting.set_value(r.next_meeting_date)
        self.next_reason.setPlainText(r.next_meeting_reason)
        self.minutes.set_value(r.minutes_circulated_on)

    def reject(self) -> None:
        _UNSAVED[self.meeting.meeting_id] = self.record()
        super().reject()

    def _save(self) -> None:
        record = self.record()
        if self.run(lambda: self.save(record)):
            _UNSAVED.pop(self.meeting.meeting_id, None)
            if record.changes_to_plan.strip():
                self.plan_changes_agreed.emit(record.changes_to_plan.strip())
        else:
            self.scroll.ensureVisible(0, 0)
