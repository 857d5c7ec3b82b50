"""The Core group tab: the members (agency, role in the plan, contact details; excluded parents
marked) and the meetings (due, arranged, held, minutes), with the actions on them: add, change
or end a member; arrange, move or record a meeting; the date the minutes were circulated.

It calls cpdesk.services.core_group and shows the records it returns; every successful action
emits `changed` with the service's Changes (the main window publishes it on the event bus) and
shows the confirmation. Recording changes to the plan emits `open_plan_editor(plan_id, what)`
for the plan editor to start a new version. It also fits the child record's tab protocol
(`title`, `show_record`, `clear`).
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cpdesk.domain.actor import Actor
from cpdesk.domain.child_record import ChildRecord
from cpdesk.domain.core_group import MeetingDetail, MemberRecord
from cpdesk.domain.dates import format_date
from cpdesk.domain.profiles import Profile
from cpdesk.models.db import Store
from cpdesk.services import core_group as cg
from cpdesk.services.changes import Changes
from cpdesk.services.profile import current_profile
from cpdesk.ui.table_models.core_group import (
    CoreGroupMeetingsTableModel,
    CoreGroupMembersTableModel,
)
from cpdesk.ui.views.core_group_dialogs import (
    ArrangeMeetingDialog,
    DateDialog,
    MemberDialog,
)
from cpdesk.ui.views.meeting_dialog import RecordMeetingDialog
from cpdesk.ui.widgets.fields import heading, secondary
from cpdesk.ui.widgets.tables import read_only_table


def _button(text: str, name: str | None = None) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)
    button.setAccessibleName(name or text.rstrip("…"))
    return button


class CoreGroupTabView(QWidget):
    title = "Core group"
    changed = Signal(object)  # Changes
    open_plan_editor = Signal(str, str)  # plan id, the changes agreed

    def __init__(self, store: Store | None = None, actor: Actor | None = None,
                 plan_id: str | None = None, today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A host (the child's record) may make the tab before a database is open, then call
        # set_workspace; the services are only called once both are known.
        self.store: Store = store  # type: ignore[assignment]
        self.actor: Actor = actor  # type: ignore[assignment]
        self.plan_id = plan_id
        self.today = today or date.today()
        # Hosted, the window's banner shows each confirmation; standalone, this tab does.
        self.show_messages = True
        self.profile: Profile | None = None
        self.member_records: list[MemberRecord] = []
        self.meeting_records: list[MeetingDetail] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        layout.addWidget(self.message)

        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        # Members
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.members_heading = heading("Members", "subheading")
        row.addWidget(self.members_heading)
        row.addStretch(1)
        self.show_left = QCheckBox("Show members who have left")
        self.show_left.setAccessibleName("Show members who have left")
        self.show_left.toggled.connect(lambda _on: self._show_members())
        row.addWidget(self.show_left)
        self.add_member_button = _button("Add member…")
        self.change_member_button = _button("Change member…")
        self.end_member_button = _button("End membership…")
        for b in (self.add_member_button, self.change_member_button, self.end_member_button):
            row.addWidget(b)
        tl.addLayout(row)
        self.members_model = CoreGroupMembersTableModel(self.today, self)
        self.members = self.members_model
        self.members_table = read_only_table(self.members_model, "Core group members",
                                             (170, 150, 150, 260, 220))
        tl.addWidget(self.members_table)
        self.reminder = secondary()
        self.reminder.setAccessibleName("Excluded parents")
        tl.addWidget(self.reminder)
        split.addWidget(top)
        # Meetings
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.meetings_heading = heading("Meetings", "subheading")
        row.addWidget(self.meetings_heading)
        row.addStretch(1)
        self.arrange_button = _button("Arrange meeting…")
        self.move_button = _button("Move meeting…")
        self.record_button = _button("Record meeting…")
        self.minutes_button = _button("Minutes circulated…")
        for b in (self.arrange_button, self.move_button, self.record_button,
                  self.minutes_button):
            row.addWidget(b)
        bl.addLayout(row)
        self.next_due = secondary()
        self.next_due.setAccessibleName("Next meeting due")
        bl.addWidget(self.next_due)
        self.meetings_model = CoreGroupMeetingsTableModel(self.today, self)
        self.meetings = self.meetings_model
        self.meetings_table = read_only_table(self.meetings_model, "Core group meetings",
                                              (130, 170, 130, 230))
        bl.addWidget(self.meetings_table)
        split.addWidget(bottom)
        layout.addWidget(split, 1)

        self.add_member_button.clicked.connect(self.add_member)
        self.change_member_button.clicked.connect(self.change_member)
        self.end_member_button.clicked.connect(self.end_member)
        self.arrange_button.clicked.connect(self.arrange_meeting)
        self.move_button.clicked.connect(self.move_meeting)
        self.record_button.clicked.connect(self.record_meeting)
        self.minutes_button.clicked.connect(self.minutes_circulated)
        self.members_table.doubleClicked.connect(lambda _i: self.change_member())
        self.meetings_table.doubleClicked.connect(lambda _i: self._meeting_default_action())
        self.members_table.selectionModel().selectionChanged.connect(
            lambda *_: self._enable())
        self.meetings_table.selectionModel().selectionChanged.connect(
            lambda *_: self._enable())
        self._enable()

    # --- the tab protocol of the child's record ---
    def set_workspace(self, store: Store | None, actor: Actor | None, today: date) -> None:
        """Work on another store or as another person (the host calls this on sign-in)."""
        self.store, self.actor, self.today = store, actor, today  # type: ignore[assignment]
        self.members_model.today = self.meetings_model.today = today
        self.show_messages = False
        self.message.hide()
        self.clear()

    def show_record(self, record: ChildRecord) -> None:
        self.plan_id = record.plan.plan_id if record.plan else None
        self.load()

    def clear(self) -> None:
        self.plan_id = None
        self.member_records, self.meeting_records = [], []
        self.members_model.set_rows([])
        self.meetings_model.set_rows([])
        self._enable()

    # --- loading ---
    def load(self) -> None:
        if self.plan_id is None or self.store is None or self.actor is None:
            self.clear()
            self.next_due.setText("This child has no plan, so no core group.")
            return
        self.profile = current_profile(self.store)
        self.member_records = cg.list_members(self.store, self.plan_id)
        self.meeting_records = cg.list_meetings(self.store, self.plan_id)
        self._show_members()
        self.meetings_model.set_rows(self.meeting_records)
        self.meetings_heading.setText(f"Meetings ({len(self.meeting_records)})")
        self.meetings_heading.setAccessibleName(self.meetings_heading.text())
        pending = [m for m in self.meeting_records if not m.is_held]
        if pending:
            m = min(pending, key=lambda m: m.due_date)
            state = "Overdue: next" if m.is_overdue(self.today) else "Next"
            self.next_due.setText(f"{state} meeting due by {format_date(m.due_date)}, "
                                  f"arranged for {format_date(m.meeting_date)}."
                                  if m.scheduled_for else
                                  f"{state} meeting due by {format_date(m.due_date)}; "
                                  "not yet given a date.")
        else:
            due = cg.statutory_due(self.store, self.plan_id)
            state = "Overdue: next" if self.today > due else "Next"
            self.next_due.setText(f"{state} meeting due by {format_date(due)}; none "
                                  "arranged yet.")
        self._enable()

    def _show_members(self) -> None:
        rows = [m for m in self.member_records
                if self.show_left.isChecked() or m.is_current(self.today)]
        self.members_model.set_rows(rows)
        current = [m for m in self.member_records if m.is_current(self.today)]
        self.members_heading.setText(f"Members ({len(current)})")
        self.members_heading.setAccessibleName(self.members_heading.text())
        excluded = [m.name for m in current if m.is_excluded_parent]
        self.reminder.setVisible(bool(excluded))
        self.reminder.setText(
            "Excluded from the core group: " + ", ".join(excluded) + ". Tell them about the "
            "discussions and outcomes of each meeting, as appropriate to the child's welfare "
            "and safety." if excluded else "")

    def _selected_member(self) -> MemberRecord | None:
        rows = self.members_table.selectionModel().selectedRows()
        return self.members_model.row_at(rows[0].row()) if rows else None

    def _selected_meeting(self) -> MeetingDetail | None:
        rows = self.meetings_table.selectionModel().selectedRows()
        return self.meetings_model.row_at(rows[0].row()) if rows else None

    def _enable(self) -> None:
        has_plan = self.plan_id is not None
        member = self._selected_member()
        meeting = self._selected_meeting()
        self.add_member_button.setEnabled(has_plan)
        self.change_member_button.setEnabled(member is not None)
        self.end_member_button.setEnabled(member is not None and member.left_on is None)
        self.arrange_button.setEnabled(has_plan and not any(not m.is_held
                                                            for m in self.meeting_records))
        self.move_button.setEnabled(meeting is not None and not meeting.is_held)
        self.record_button.setEnabled(meeting is not None and meeting.status.value == "draft")
        self.minutes_button.setEnabled(meeting is not None and meeting.is_held
                                       and meeting.minutes_circulated_on is None)

    def _done(self, changes: Changes | None) -> None:
        if changes is None:
            return
        self.changed.emit(changes)
        self.load()
        if not self.show_messages:
            return
        self.message.setText(changes.message)
        self.message.setProperty("role", "banner-info")
        self.message.setStyleSheet("padding: 8px; background: #e8f1f8; "
                                   "border-left: 6px solid #1d70b8;")
        self.message.show()

    # --- members ---
    def add_member(self) -> MemberDialog | None:
        if self.plan_id is None:
            return None
        plan_id = self.plan_id
        dialog = MemberDialog(lambda d: cg.add_member(self.store, self.actor, plan_id, d),
                              self.today, None, self)
        if dialog.exec():
            self._done(dialog.changes)
        return dialog

    def change_member(self) -> None:
        member = self._selected_member()
        if member is None:
            return
        dialog = MemberDialog(
            lambda d: cg.update_member(self.store, self.actor, member.member_id, d,
                                       member.revision),
            self.today, member, self)
        if dialog.exec():
            self._done(dialog.changes)

    def end_member(self) -> None:
        member = self._selected_member()
        if member is None:
            return
        dialog = DateDialog(
            f"End {member.name}'s membership", "Date they left the core group",
            "They stay on the record, marked as left.", self.today,
            lambda on: cg.end_member(self.store, self.actor, member.member_id, on,
                                     member.revision),
            "left_on", "End membership", self)
        if dialog.exec():
            self._done(dialog.changes)

    # --- meetings ---
    def _due_words(self) -> str:
        p = self.profile or current_profile(self.store)
        if not any(m.is_held for m in self.meeting_records):
            unit = p.first_core_group_within_unit.value.replace("_", " ")
            return (f"the first meeting, within {p.first_core_group_within} {unit} of the "
                    f"{p.conference_name}")
        unit = p.core_group_interval_unit.value.replace("_", " ")
        return f"every {p.core_group_interval} {unit} after the last meeting"

    def arrange_meeting(self) -> None:
        if self.plan_id is None:
            return
        plan_id = self.plan_id
        due = cg.statutory_due(self.store, plan_id)
        first = not any(m.is_held for m in self.meeting_records)

        def save(on: date, at: time, reason: str) -> Changes:
            call = cg.schedule_first_core_group if first else cg.schedule_next
            return call(self.store, self.actor, plan_id, self.today, on=on, at=at,
                        reason=reason)

        dialog = ArrangeMeetingDialog("Arrange a core group meeting", due, self._due_words(),
                                      max(due, self.today) if due >= self.today else self.today,
                                      save, "Arrange meeting", self)
        if dialog.exec():
            self._done(dialog.changes)

    def move_meeting(self) -> None:
        meeting = self._selected_meeting()
        if meeting is None or self.plan_id is None:
            return
        due = cg.statutory_due(self.store, self.plan_id, meeting.meeting_id)
        dialog = ArrangeMeetingDialog(
            "Move a core group meeting", due, self._due_words(),
            max(meeting.meeting_date, self.today),
            lambda on, at, reason: cg.move_meeting(
                self.store, self.actor, meeting.meeting_id, on, reason, today=self.today, at=at,
                revision=meeting.revision),
            "Move meeting", self)
        if dialog.exec():
            self._done(dialog.changes)

    def record_dialog(self, meeting: MeetingDetail) -> RecordMeetingDialog:
        """The record dialog for `meeting` (not shown): tests and the main window use it."""
        plan_id = meeting.plan_id
        outcomes = cg.plan_outcomes(self.store, plan_id)
        dialog = RecordMeetingDialog(
            meeting, self.member_records, outcomes, self.today, self.actor.name,
            lambda record: cg.record_meeting(self.store, self.actor, meeting.meeting_id,
                                             record, today=self.today,
                                             revision=meeting.revision),
            lambda held: cg.next_due_after(self.store, plan_id, held), self)
        dialog.plan_changes_agreed.connect(lambda what: self.open_plan_editor.emit(plan_id, what))
        return dialog

    def record_meeting(self) -> None:
        meeting = self._selected_meeting()
        if meeting is None:
            return
        dialog = self.record_dialog(meeting)
        if dialog.exec():
            self._done(dialog.changes)

    def minutes_circulated(self) -> None:
        meeting = self._selected_meeting()
        if meeting is None or meeting.held_on is None:
            return
        dialog = DateDialog(
            "Minutes circulated", "Date the minutes were circulated",
            f"Meeting held on {format_date(meeting.held_on)}; minutes due by "
            f"{format_date(meeting.minutes_due) if meeting.minutes_due else ''}.", self.today,
            lambda on: cg.set_minutes_circulated(self.store, self.actor, meeting.meeting_id, on,
                                                 today=self.today, revision=meeting.revision),
            "minutes_circulated_on", "Save date", self)
        if dialog.exec():
            self._done(dialog.changes)

    def _meeting_default_action(self) -> None:
        meeting = self._selected_meeting()
        if meeting is None:
            return
        if not meeting.is_held:
            self.record_meeting()
        elif meeting.minutes_circulated_on is None:
            self.minutes_circulated()

    def select_meeting(self, meeting_id: str) -> bool:
        """Select a meeting's row (the calendar opens a meeting this way)."""
        for n, m in enumerate(self.meetings_model.rows):
            if m.meeting_id == meeting_id:
                self.meetings_table.selectRow(n)
                self.meetings_table.setFocus()
                return True
        return False

    @property
    def tables(self) -> tuple[QTableView, QTableView]:
        return self.members_table, self.meetings_table
