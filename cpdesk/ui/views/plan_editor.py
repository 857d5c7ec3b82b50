"""The Plan tab: the child protection plan as a living, versioned working tool (issue 6).

Design: the editor holds one frozen `PlanRecord` (cpdesk.domain.plan). Every edit builds the next
record and pushes an `EditCommand(before, after)` on a QUndoStack; redo/undo just show one
record or the other, so every kind of edit (typing, adding, deleting, picking a date) is undone
the same way. Typing in one field merges into one undo step. Widgets never hold the truth: after
each change `show_record` makes every widget match the record (only touching widgets whose
value differs, so the caret stays put while typing).

Outcomes agreed at the conference are locked (002 6.6): their wording is read-only, they cannot
be deleted, and trying either says why. The service enforces the same rule on save.

Saving goes through cpdesk.services.plans (one transaction per button); the record's revision
is kept apart from the undo history, so undo after a save never makes the next save stale.
The widget imports services and domain only: no SQL, no session.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPen,
    QPixmap,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from cpdesk.domain.actor import Actor
from cpdesk.domain.child_record import ChildRecord
from cpdesk.domain.dates import age_text, format_date
from cpdesk.domain.enums import ActionStatus, MemberKind, PlanFramework
from cpdesk.domain.errors import CpdeskError, NotAllowed, StaleRecord, ValidationFailed
from cpdesk.domain.plan import (
    ACTION_STATUS_WORDS,
    CONFERENCE_OUTCOME_LOCKED,
    CONFERENCE_OUTCOME_NOT_DELETED,
    SIGNS_OF_SAFETY_SECTIONS,
    TEXT_SECTIONS,
    ActionItem,
    ConcernItem,
    DangerItem,
    MemberItem,
    OutcomeItem,
    PlanRecord,
    age_in_years,
    new_item_id,
    plan_content,
    readability,
    with_outcome,
)
from cpdesk.domain.plan_completeness import missing_items
from cpdesk.domain.profiles import Profile
from cpdesk.models.db import Store
from cpdesk.services.changes import Changes
from cpdesk.services.plans import (
    VersionSummary,
    compare,
    list_versions,
    load_plan,
    load_version,
    record_disagreement,
    save_plan,
    save_plan_version,
)
from cpdesk.services.profile import current_profile
from cpdesk.ui.views.plan_dialogs import (
    AddMemberDialog,
    CompareDialog,
    DisagreementDialog,
    SaveVersionDialog,
    VersionDialog,
    VersionsDialog,
    labelled,
)
from cpdesk.ui.widgets.dates import from_qdate, to_qdate
from cpdesk.ui.widgets.fields import secondary

NO_DATE = date(2000, 1, 1)  # the QDateEdit minimum, shown as "No date yet"
LOCK_WORDS = "Agreed at the conference (locked)"
LOCK_EXPLAINED = ("Agreed at the conference: locked. The core group can add actions and say how "
                  "progress will be judged, but cannot change or delete this outcome.")


def lock_icon(size: int = 16) -> QIcon:
    """A padlock drawn in the text colour (no icon font needed; reads in black and white)."""
    pix = QPixmap(QSize(size, size))
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor("#0b0c0c"))
    pen.setWidthF(size / 8)
    p.setPen(pen)
    p.drawArc(QRectF(size * 0.28, size * 0.08, size * 0.44, size * 0.6), 0, 180 * 16)
    p.drawLine(QPointF(size * 0.28, size * 0.38), QPointF(size * 0.28, size * 0.48))
    p.drawLine(QPointF(size * 0.72, size * 0.38), QPointF(size * 0.72, size * 0.48))
    p.fillRect(QRectF(size * 0.15, size * 0.45, size * 0.7, size * 0.5), QColor("#0b0c0c"))
    p.end()
    return QIcon(pix)


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _text_edit(height: int, label: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
    edit.setUndoRedoEnabled(False)  # the plan's undo stack undoes typing too
    edit.setMinimumHeight(height)
    edit.setAccessibleName(label)
    return edit


def _set_text(widget: QPlainTextEdit | QLineEdit, text: str) -> None:
    """Make the widget show `text`, leaving it (and its caret) alone when it already does."""
    if isinstance(widget, QPlainTextEdit):
        if widget.toPlainText() != text:
            widget.setPlainText(text)
            cursor = widget.textCursor()
            cursor.movePosition(cursor.MoveOperation.End)
            widget.setTextCursor(cursor)
    elif widget.text() != text:
        widget.setText(text)


def _text_of(widget: QPlainTextEdit | QLineEdit) -> str:
    return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()


class EditCommand(QUndoCommand):
    """One edit of the plan: the record before and after, and what to select after each."""

    ID = 6001

    def __init__(self, view: PlanEditorView, before: PlanRecord, after: PlanRecord, text: str,
                 key: str = "", select: dict[str, str | None] | None = None) -> None:
        super().__init__(text)
        self.view, self.before, self.after, self.key = view, before, after, key
        self.select_after = select or {}
        self.select_before = view.selection()

    def redo(self) -> None:
        self.view.show_record(self.after, self.select_after)

    def undo(self) -> None:
        self.view.show_record(self.before, self.select_before)

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        # Typing in the same field is one step; anything else is its own step.
        if not isinstance(other, EditCommand) or not self.key or other.key != self.key:
            return False
        self.after = other.after
        return True


class PlanEditorView(QWidget):
    """The Plan tab of the child's record. Emits `changed(Changes)` after each save."""

    title = "Plan"
    changed = Signal(object)

    def __init__(self, store: Store | None = None, actor: Actor | None = None,
                 plan_id: str | None = None, today: date | None = None,
                 parent: QWidget | None = None, profile: Profile | None = None) -> None:
        super().__init__(parent)
        self.store, self.actor, self.plan_id = store, actor, plan_id
        self.today = today or date.min  # set_workspace gives the real day before any load
        self._profile = profile
        self.profile: Profile | None = profile
        self._record: PlanRecord | None = None
        self._stored: PlanRecord | None = None  # the plan as last read from the store
        self._revision = 0
        self._updating = False
        self._outcome_id: str | None = None
        self._action_id: str | None = None
        self._concern_id: str | None = None
        self._member_id: str | None = None
        self._danger_id: str | None = None
        self.versions: tuple[VersionSummary, ...] = ()
        self.dialog: Any = None  # the dialog open now (tests and the host can reach it)
        self.undo_stack = QUndoStack(self)
        self._lock_icon = lock_icon()
        self._build()
        self.undo_stack.cleanChanged.connect(self._show_saved_state)
        self.undo_stack.indexChanged.connect(self._show_saved_state)

    # ------------------------------------------------------------------------------ building

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        outer.setSpacing(6)

        top = QHBoxLayout()
        # The tab already says "Plan": the plan's name goes with its save state, saving room.
        self.heading = QLabel("Child protection plan")
        self.heading.setProperty("role", "subheading")
        self.heading.hide()
        self.saved_state = QLabel()
        self.saved_state.setAccessibleName("Save state")
        top.addWidget(self.saved_state)
        top.addStretch(1)
        self.saved_state.setMinimumWidth(0)
        self.undo_action = QAction("Undo", self)
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.undo_action.triggered.connect(self.undo_stack.undo)
        self.redo_action = QAction("Redo", self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_stack.undoTextChanged.connect(
            lambda text: self.undo_action.setToolTip(f"Undo {text.lower()} (Ctrl+Z)"
                                                     if text else "Nothing to undo"))
        self.undo_stack.redoTextChanged.connect(
            lambda text: self.redo_action.setToolTip(f"Redo {text.lower()} (Ctrl+Shift+Z)"
                                                     if text else "Nothing to redo"))
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.save_action = QAction("Save plan", self)
        self.save_action.setShortcut(QKeySequence("Ctrl+S"))
        self.save_action.triggered.connect(self.save)
        self.version_action = QAction("Save as new version…", self)
        self.version_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.version_action.triggered.connect(self.ask_save_version)
        self.versions_action = QAction("Versions…", self)
        self.versions_action.setToolTip("Versions of the plan: read one, compare two side by "
                                        "side, record a disagreement")
        self.versions_action.triggered.connect(self.show_versions)
        self.disagree_action = QAction("Record a disagreement…", self)
        self.disagree_action.triggered.connect(lambda: self.ask_disagreement(None))
        # A tool bar: when the tab is narrow, the last buttons move under its » button.
        self.toolbar = QToolBar("Plan")
        self.toolbar.setAccessibleName("Plan actions")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setStyleSheet(
            "QToolButton { border: 1px solid #b1b4b6; padding: 4px 10px; margin-left: 4px;"
            " background: #f3f2f1; } QToolButton:disabled { color: #6f777b; }"
            " QToolButton#qt_toolbar_ext_button { padding: 2px; min-width: 18px; }")
        self.buttons: dict[str, QWidget] = {}
        for action in self.actions():
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
            self.toolbar.addAction(action)
            name = action.text().replace("&", "").rstrip("…")
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if shortcut and action not in (self.undo_action, self.redo_action):
                action.setToolTip(f"{name} ({shortcut})")
            button = self.toolbar.widgetForAction(action)
            button.setAccessibleName(name)
            self.buttons[name] = button
        top.addWidget(self.toolbar)
        outer.addLayout(top)

        self.banner = QFrame()
        self.banner.setObjectName("planMessage")
        self.banner.setAccessibleName("Message")
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(12, 6, 6, 6)
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        self.banner_label.setTextFormat(Qt.TextFormat.PlainText)
        banner_layout.addWidget(self.banner_label, 1)
        dismiss = QPushButton("Dismiss")
        dismiss.setAccessibleName("Dismiss message")
        dismiss.clicked.connect(self.banner.hide)
        banner_layout.addWidget(dismiss)
        self.banner.hide()
        outer.addWidget(self.banner)

        # In the narrow layout the checks share a tab with the child's copy: this line keeps
        # what the plan still needs in view.
        self.needs_summary = QLabel()
        self.needs_summary.setAccessibleName("Still needed")
        self.needs_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.needs_summary.hide()
        outer.addWidget(self.needs_summary)

        self.empty = secondary("")
        self.empty.hide()
        outer.addWidget(self.empty)

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setChildrenCollapsible(False)
        self.sections = QTabWidget()
        self.sections.setAccessibleName("Parts of the plan")
        self.split.addWidget(self.sections)
        self.split.addWidget(self._build_side())
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([800, 400])
        outer.addWidget(self.split, 1)

        self.sos_page = self._build_signs_of_safety()
        self.outcomes_page = self._build_outcomes()
        self.concerns_page = self._build_concerns()
        self.other_page = self._build_other_parts()
        self.members_page = self._build_members()
        self.sections.addTab(self.outcomes_page, "Outcomes and actions")
        self.sections.addTab(self.concerns_page, "Concerns")
        self.sections.addTab(self.other_page, "Contingency and review")
        self.sections.addTab(self.members_page, "Core group roles")

    def _scroll(self, inner: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(inner)
        return area

    def _watch(self, widget: QWidget) -> QWidget:
        """Route Ctrl+Z / Ctrl+Shift+Z in this field to the plan's undo stack."""
        widget.installEventFilter(self)
        line = getattr(widget, "lineEdit", None)
        if callable(line) and line() is not None:
            line().installEventFilter(self)
        return widget

    def _field(self, layout: QVBoxLayout | QGridLayout, label: str, widget: QWidget,
               hint_text: str = "", row: int = 0, col: int = 0) -> None:
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(labelled(label, widget))
        if hint_text:
            box.addWidget(secondary(hint_text))
        box.addWidget(widget)
        self._watch(widget)
        if isinstance(layout, QGridLayout):
            layout.addLayout(box, row, col)
        else:
            layout.addLayout(box)

    def _list(self, name: str) -> QListWidget:
        lst = QListWidget()
        lst.setAccessibleName(name)
        lst.setWordWrap(True)
        lst.setIconSize(QSize(16, 16))
        lst.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        lst.setResizeMode(QListView.ResizeMode.Adjust)
        lst.setSpacing(2)
        lst.installEventFilter(self)
        return lst

    def _button(self, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text)
        button.clicked.connect(slot)
        return button

    def _build_outcomes(self) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        row.setContentsMargins(8, 8, 8, 8)
        left = QVBoxLayout()
        self.outcome_list = self._list("Outcomes")
        self.outcome_list.currentRowChanged.connect(self._outcome_picked)
        left.addWidget(labelled("Outcomes", self.outcome_list))
        left.addWidget(self.outcome_list, 1)
        self.add_outcome_button = self._button("Add an outcome", self.add_outcome)
        self.delete_outcome_button = self._button("Delete outcome", self.delete_outcome)
        left.addWidget(self.add_outcome_button)
        left.addWidget(self.delete_outcome_button)
        holder = QWidget()
        holder.setLayout(left)
        holder.setMinimumWidth(150)
        left.setContentsMargins(0, 0, 4, 0)
        inner_split = QSplitter(Qt.Orientation.Horizontal)
        inner_split.setChildrenCollapsible(False)
        inner_split.addWidget(holder)
        row.addWidget(inner_split)

        detail = QWidget()
        form = QVBoxLayout(detail)
        form.setContentsMargins(4, 0, 4, 0)
        form.setSpacing(6)
        self.lock_banner = QFrame()
        self.lock_banner.setObjectName("lockBanner")
        self.lock_banner.setStyleSheet("QFrame#lockBanner { background: #f3f2f1; "
                                       "border-left: 6px solid #0b0c0c; }")
        lock_row = QHBoxLayout(self.lock_banner)
        lock_row.setContentsMargins(8, 4, 8, 4)
        lock_pic = QLabel()
        lock_pic.setPixmap(self._lock_icon.pixmap(16, 16))
        lock_row.addWidget(lock_pic, 0, Qt.AlignmentFlag.AlignTop)
        self.lock_label = QLabel(LOCK_EXPLAINED)
        self.lock_label.setWordWrap(True)
        self.lock_label.setAccessibleName("Locked outcome")
        lock_row.addWidget(self.lock_label, 1)
        form.addWidget(self.lock_banner)
        self.outcome_description = _text_edit(48, "What is the outcome for the child?")
        self.outcome_description.setMaximumHeight(72)
        self.outcome_description.textChanged.connect(self._outcome_text_changed)
        self._field(form, "What is the outcome for the child?", self.outcome_description,
                    "Specific, achievable and about the child")
        self.progress_measure = _text_edit(40, "How will progress be judged?")
        self.progress_measure.setMaximumHeight(60)
        self.progress_measure.textChanged.connect(self._outcome_text_changed)
        self._field(form, "How will progress be judged?", self.progress_measure)

        self.actions_table = QTableWidget(0, 4)
        self.actions_table.setAccessibleName("Actions for this outcome")
        self.actions_table.setHorizontalHeaderLabels(["What", "Who", "By when", "Status"])
        self.actions_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.actions_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.actions_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.actions_table.verticalHeader().hide()
        header = self.actions_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.actions_table.setWordWrap(True)
        self.actions_table.setMinimumHeight(100)
        self.actions_table.setMaximumHeight(140)
        self.actions_table.itemSelectionChanged.connect(self._action_picked)
        head = QHBoxLayout()
        head.addWidget(labelled("Actions for this outcome", self.actions_table), 1)
        self.add_action_button = self._button("Add an action", self.add_action)
        self.delete_action_button = self._button("Delete action", self.delete_action)
        head.addWidget(self.add_action_button)
        head.addWidget(self.delete_action_button)
        form.addLayout(head)
        form.addWidget(self.actions_table)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        self.action_what = QLineEdit()
        self.action_what.textEdited.connect(self._action_changed)
        self._field(grid, "What needs to be done?", self.action_what, row=0, col=0)
        self.action_why = QLineEdit()
        self.action_why.textEdited.connect(self._action_changed)
        self._field(grid, "Why?", self.action_why, row=1, col=0)
        self.action_who = QComboBox()
        self.action_who.setEditable(True)
        self.action_who.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.action_who.currentTextChanged.connect(self._action_changed)
        self._field(grid, "Who will do it?", self.action_who, row=2, col=0)
        when_status = QHBoxLayout()
        self.action_by_when = QDateEdit()
        self.action_by_when.setCalendarPopup(True)
        self.action_by_when.setDisplayFormat("ddd d MMM yyyy")
        self.action_by_when.setMinimumDate(to_qdate(NO_DATE))
        self.action_by_when.setSpecialValueText("No date yet")
        self.action_by_when.dateChanged.connect(self._action_changed)
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(labelled("By when?", self.action_by_when))
        box.addWidget(self._watch(self.action_by_when))
        when_status.addLayout(box)
        self.action_status = QComboBox()
        for status, words in ACTION_STATUS_WORDS.items():
            self.action_status.addItem(words, status)
        self.action_status.currentIndexChanged.connect(self._action_changed)
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(labelled("Status", self.action_status))
        box.addWidget(self.action_status)
        when_status.addLayout(box)
        grid.addLayout(when_status, 3, 0)
        form.addLayout(grid)
        form.addStretch(1)
        self.outcome_detail = detail
        inner_split.addWidget(self._scroll(detail))
        inner_split.setStretchFactor(1, 1)
        inner_split.setSizes([210, 500])
        return page

    def _build_concerns(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(secondary("The exact nature of the concerns which resulted in the child "
                                   "needing the plan, in words the child and family can follow."))
        row = QHBoxLayout()
        left = QVBoxLayout()
        self.concern_list = self._list("Concerns")
        self.concern_list.currentRowChanged.connect(self._concern_picked)
        left.addWidget(labelled("Concerns", self.concern_list))
        left.addWidget(self.concern_list, 1)
        left.addWidget(self._button("Add a concern", self.add_concern))
        self.delete_concern_button = self._button("Delete concern", self.delete_concern)
        left.addWidget(self.delete_concern_button)
        row.addLayout(left, 2)
        right = QVBoxLayout()
        self.concern_text = _text_edit(120, "What is the concern?")
        self.concern_text.textChanged.connect(self._concern_changed)
        self._field(right, "What is the concern?", self.concern_text,
                    "Say what happened or might happen, and the harm to the child")
        right.addStretch(1)
        row.addLayout(right, 3)
        layout.addLayout(row, 1)
        return page

    def _build_other_parts(self) -> QWidget:
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(8, 8, 8, 8)
        hints = {
            "contingency_plan": "What will happen if circumstances change significantly or "
                                "agreed actions are not done",
            "when_child_seen": "When and where the child will be seen, alone and with "
                               "family or carers present",
            "developmental_needs": "The child's identified developmental needs",
            "therapeutic_services": "What therapeutic services the child or family need",
            "review_points": "When progress will be reviewed, for example at each core group",
        }
        self.plan_text: dict[str, QPlainTextEdit] = {}
        for key, title in TEXT_SECTIONS:
            edit = _text_edit(56, title)
            edit.textChanged.connect(lambda k=key: self._plan_text_changed(k))
            self._field(layout, title, edit, hints[key])
            self.plan_text[key] = edit
        layout.addStretch(1)
        return self._scroll(inner)

    def _build_members(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(secondary(
            "Roles and responsibilities of professionals and family members, and the nature and "
            "frequency of their contact with the child and family."))
        row = QHBoxLayout()
        left = QVBoxLayout()
        self.member_list = self._list("Core group members")
        self.member_list.currentRowChanged.connect(self._member_picked)
        left.addWidget(labelled("Core group members", self.member_list))
        left.addWidget(self.member_list, 1)
        left.addWidget(self._button("Add a core group member…", self.ask_add_member))
        row.addLayout(left, 2)
        right = QVBoxLayout()
        self.member_name = QLabel()
        self.member_name.setProperty("role", "subheading")
        self.member_name.setAccessibleName("Core group member")
        right.addWidget(self.member_name)
        self.member_role = _text_edit(90, "Role and responsibilities in the plan")
        self.member_role.textChanged.connect(self._member_changed)
        self._field(right, "Role and responsibilities in the plan", self.member_role)
        self.member_contact = QLineEdit()
        self.member_contact.textEdited.connect(self._member_changed)
        self._field(right, "Nature and frequency of contact", self.member_contact,
                    "For example: home visit every 2 weeks, sees the child alone at school weekly")
        right.addStretch(1)
        row.addLayout(right, 3)
        layout.addLayout(row, 1)
        return page

    def _build_signs_of_safety(self) -> QWidget:
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(8, 8, 8, 8)
        columns = QGridLayout()
        self.sos_text: dict[str, QPlainTextEdit] = {}
        for col, (key, title) in enumerate(SIGNS_OF_SAFETY_SECTIONS):
            edit = _text_edit(110, title)
            edit.textChanged.connect(lambda k=key: self._plan_text_changed(k))
            self._field(columns, title, edit, row=0, col=col)
            self.sos_text[key] = edit
        layout.addLayout(columns)

        row = QHBoxLayout()
        left = QVBoxLayout()
        self.danger_list = self._list("Danger statements")
        self.danger_list.currentRowChanged.connect(self._danger_picked)
        left.addWidget(labelled("Danger statements", self.danger_list))
        left.addWidget(self.danger_list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self._button("Add a danger statement", self.add_danger))
        self.delete_danger_button = self._button("Delete danger statement", self.delete_danger)
        buttons.addWidget(self.delete_danger_button)
        left.addLayout(buttons)
        row.addLayout(left, 1)
        right = QVBoxLayout()
        self.danger_text = _text_edit(50, "Danger statement")
        self.danger_text.textChanged.connect(self._danger_changed)
        self._field(right, "Danger statement", self.danger_text,
                    "What the professionals are worried will happen to the child")
        self.safety_goal = _text_edit(50, "Safety goal")
        self.safety_goal.textChanged.connect(self._danger_changed)
        self._field(right, "Safety goal", self.safety_goal,
                    "What the family will do so the child is safe")
        row.addLayout(right, 1)
        layout.addLayout(row)

        self.scale_box = QGridLayout()
        self.scale_title = QLabel("Safety scale at each conference (0 to 10)")
        self.scale_title.setProperty("role", "subheading")
        layout.addWidget(self.scale_title)
        layout.addWidget(secondary("10: everyone knows the child is safe enough to close the plan. "
                                   "0: the child will certainly be harmed."))
        layout.addLayout(self.scale_box)
        self.scale_spins: dict[str, QSpinBox] = {}
        layout.addStretch(1)
        return self._scroll(inner)

    def _build_side(self) -> QWidget:
        side = QWidget()
        layout = QVBoxLayout(side)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.setSpacing(4)
        self.completeness_title = QLabel("This plan still needs:")
        self.completeness_title.setProperty("role", "subheading")
        layout.addWidget(self.completeness_title)
        self.completeness = QListWidget()
        self.completeness.setAccessibleName("This plan still needs")
        self.completeness.setWordWrap(True)
        self.completeness.setMaximumHeight(130)
        self.completeness.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        layout.addWidget(self.completeness)

        title = QLabel("The child's copy")
        title.setProperty("role", "subheading")
        layout.addWidget(title)
        self.child_age = secondary("")
        self.child_age.setAccessibleName("The child's age")
        layout.addWidget(self.child_age)
        self.childs_copy = _text_edit(120, "The child's copy")
        self.childs_copy.textChanged.connect(lambda: self._plan_text_changed("childs_copy"))
        self._watch(self.childs_copy)
        layout.addWidget(self.childs_copy, 1)
        self.readability_hint = QLabel()
        self.readability_hint.setWordWrap(True)
        self.readability_hint.setAccessibleName("Readability")
        layout.addWidget(self.readability_hint)
        self.family_language = QLineEdit()
        self.family_language.textEdited.connect(
            lambda: self._plan_text_changed("family_copy_language"))
        self._field(layout, "Family's preferred language for their copy", self.family_language)
        self.language_hint = secondary("")
        layout.addWidget(self.language_hint)
        side.setMinimumWidth(260)
        self.side = side
        return side

    # The child's copy sits beside the plan; when the tab is too narrow for both (the
    # caseload beside it on a 1366-pixel laptop), it becomes the last tab of the plan instead.
    NARROW = 950

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._place_side(self.width() < self.NARROW)

    def _place_side(self, narrow: bool) -> None:
        in_tabs = self.sections.indexOf(self.side) >= 0
        if narrow and not in_tabs:
            self.sections.addTab(self.side, "Child's copy and checks")
        elif not narrow and in_tabs:
            self.sections.removeTab(self.sections.indexOf(self.side))
            self.split.addWidget(self.side)
            self.side.show()  # a tab page taken out of a QTabWidget stays hidden
            self.split.setSizes([self.width() * 2 // 3, self.width() // 3])
        if self._record is not None and narrow != in_tabs:
            self._show_completeness(self._record)

    def actions(self) -> list[QAction]:  # type: ignore[override]
        """The editor's actions, for the host's Edit menu: undo, redo, save, version, ..."""
        return [self.undo_action, self.redo_action, self.save_action, self.version_action,
                self.versions_action, self.disagree_action]

    # ------------------------------------------------------------------------------ loading

    def show_record(self, record: ChildRecord | PlanRecord,
                    select: dict[str, str | None] | None = None) -> None:
        """Show a plan record (undo/redo), or, given the child's record, open the child's plan.

        The child's record form lets this view stand in for the read-only Plan tab.
        """
        if isinstance(record, PlanRecord):
            self._show_plan(record, select or {})
            return
        plan_id = record.plan.plan_id if record.plan else None
        if plan_id is not None and plan_id == self.plan_id and self._record is not None:
            if self.has_unsaved_changes():
                return  # the same plan with typing not saved yet: keep it
            if self.store is not None and load_plan(self.store, plan_id).revision \
                    == self._revision:
                return  # nothing new (e.g. our own save announced): keep the undo history
        self.plan_id = plan_id
        self.load()

    def set_workspace(self, store: Store | None, actor: Actor | None, today: date) -> None:
        """Work on another store or as another person (the host calls this on sign-in)."""
        self.store, self.actor, self.today = store, actor, today
        self.plan_id = None
        self._record = None
        self.load()

    def clear(self) -> None:
        self.plan_id = None
        self.load()

    def load(self) -> None:
        """Read the plan from the store and show it; clears the undo history."""
        self.banner.hide()
        if self.store is None:
            self.plan_id = None
        elif self._profile is None:
            self.profile = current_profile(self.store)
        if self.profile is not None:
            self.heading.setText(self.profile.plan_name[:1].upper() + self.profile.plan_name[1:])
        self.undo_stack.clear()
        if self.plan_id is None:
            self._record = self._stored = None
            self.split.hide()
            self.empty.setText("No plan is recorded for this child.")
            self.empty.show()
            for action in self.actions():
                action.setEnabled(False)
            return
        assert self.store is not None
        record = load_plan(self.store, self.plan_id)
        self.versions = list_versions(self.store, self.plan_id)
        self._stored = record
        self._revision = record.revision
        self.empty.hide()
        self.split.show()
        for action in self.actions()[2:]:
            action.setEnabled(True)
        self._place_signs_of_safety()
        self._build_scale(record)
        self._outcome_id = record.outcomes[0].id if record.outcomes else None
        self._action_id = None
        self._concern_id = record.concerns[0].id if record.concerns else None
        self._member_id = record.members[0].member_id if record.members else None
        self._danger_id = record.danger_statements[0].id if record.danger_statements else None
        self._show_plan(record, {})
        self.undo_stack.setClean()
        self._show_saved_state()

    def _place_signs_of_safety(self) -> None:
        """The Signs of Safety view of the same plan, first, when the profile uses it."""
        sos = bool(self.profile and self.profile.plan_framework is PlanFramework.SIGNS_OF_SAFETY)
        index = self.sections.indexOf(self.sos_page)
        if sos and index < 0:
            self.sections.insertTab(0, self.sos_page, "Signs of Safety")
            self.sections.setCurrentIndex(0)
        elif not sos and index >= 0:
            self.sections.removeTab(index)

    def _build_scale(self, record: PlanRecord) -> None:
        while self.scale_box.count():
            item = self.scale_box.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.scale_spins = {}
        for row, score in enumerate(record.safety_scores):
            name = (f"{'Review' if score.review else 'Initial'} conference, "
                    f"{format_date(score.held_on)}")
            spin = QSpinBox()
            spin.setRange(-1, 10)
            spin.setSpecialValueText("Not recorded")
            spin.valueChanged.connect(lambda _v, cid=score.conference_id: self._score_changed(cid))
            self.scale_box.addWidget(labelled(name, spin), row, 0)
            self.scale_box.addWidget(self._watch(spin), row, 1)
            self.scale_spins[score.conference_id] = spin

    # ------------------------------------------------------------------------------ showing

    def record(self) -> PlanRecord | None:
        """The plan as edited now (not yet saved), with the revision a save must match."""
        return replace(self._record, revision=self._revision) if self._record else None

    def selection(self) -> dict[str, str | None]:
        return {"outcome": self._outcome_id, "action": self._action_id,
                "concern": self._concern_id, "member": self._member_id,
                "danger": self._danger_id}

    def has_unsaved_changes(self) -> bool:
        return not self.undo_stack.isClean()

    def _show_plan(self, record: PlanRecord, select: dict[str, str | None]) -> None:
        self._record = record
        for key, value in select.items():
            setattr(self, f"_{key}_id", value)
        self._updating = True
        try:
            for key, widget in {**self.plan_text, **self.sos_text,
                                "childs_copy": self.childs_copy}.items():
                _set_text(widget, getattr(record, key))
            _set_text(self.family_language, record.family_copy_language)
            self._show_outcomes(record)
            self._show_concerns(record)
            self._show_members(record)
            self._show_dangers(record)
            for score in record.safety_scores:
                spin = self.scale_spins.get(score.conference_id)
                if spin is not None and spin.value() != (score.score if score.score is not None
                                                         else -1):
                    spin.setValue(score.score if score.score is not None else -1)
            self._show_child_copy(record)
            self._show_completeness(record)
        finally:
            self._updating = False

    def _fill_list(self, lst: QListWidget, rows: list[tuple[str, str, bool]],
                   selected: str | None) -> str | None:
        """Show (id, text, locked) rows, keep the selection by id; returns the selected id."""
        current = [(lst.item(i).data(Qt.ItemDataRole.UserRole), lst.item(i).text())
                   for i in range(lst.count())]
        if current != [(i, t) for i, t, _ in rows]:
            lst.blockSignals(True)
            lst.clear()
            for item_id, text, locked in rows:
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, item_id)
                if locked:
                    item.setIcon(self._lock_icon)
                    item.setToolTip(LOCK_WORDS)
                lst.addItem(item)
            lst.blockSignals(False)
        ids = [r[0] for r in rows]
        if selected not in ids:
            selected = ids[0] if ids else None
        lst.blockSignals(True)
        lst.setCurrentRow(ids.index(selected) if selected in ids else -1)
        lst.blockSignals(False)
        return selected

    def _show_outcomes(self, record: PlanRecord) -> None:
        rows = []
        for n, o in enumerate(record.outcomes, start=1):
            text = f"{n}. {_short(o.description) or '(not yet written)'}"
            if o.agreed_at_conference:
                text += f"\n{LOCK_WORDS}"
            rows.append((o.id, text, o.agreed_at_conference))
        self._outcome_id = self._fill_list(self.outcome_list, rows, self._outcome_id)
        outcome = record.outcome(self._outcome_id) if self._outcome_id else None
        self.outcome_detail.setEnabled(outcome is not None)
        locked = bool(outcome and outcome.agreed_at_conference)
        self.lock_banner.setVisible(locked)
        self.outcome_description.setReadOnly(locked)
        self.delete_outcome_button.setEnabled(outcome is not None and not locked)
        self.delete_outcome_button.setToolTip(CONFERENCE_OUTCOME_NOT_DELETED if locked else "")
        _set_text(self.outcome_description, outcome.description if outcome else "")
        _set_text(self.progress_measure, outcome.progress_measure if outcome else "")
        self._show_actions(record, outcome)

    def _show_actions(self, record: PlanRecord, outcome: OutcomeItem | None) -> None:
        actions = outcome.actions if outcome else ()
        ids = [a.id for a in actions]
        if self._action_id not in ids:
            self._action_id = ids[0] if ids else None
        table = self.actions_table
        table.blockSignals(True)
        table.setRowCount(len(actions))
        for row, a in enumerate(actions):
            cells = [a.what or "(not yet written)", a.who or record.member_name(a.member_id),
                     format_date(a.by_when) if a.by_when else "No date yet",
                     ACTION_STATUS_WORDS[a.status]]
            for col, text in enumerate(cells):
                item = table.item(row, col)
                if item is None:
                    table.setItem(row, col, QTableWidgetItem(text))
                elif item.text() != text:
                    item.setText(text)
        table.clearSelection()
        if self._action_id in ids:
            table.selectRow(ids.index(self._action_id))
        table.blockSignals(False)
        table.resizeRowsToContents()
        action = next((a for a in actions if a.id == self._action_id), None)
        for w in (self.action_what, self.action_why, self.action_who, self.action_by_when,
                  self.action_status, self.delete_action_button):
            w.setEnabled(action is not None)
        self.add_action_button.setEnabled(outcome is not None)
        names = [m.name for m in record.members]
        if [self.action_who.itemText(i) for i in range(self.action_who.count())] != names:
            self.action_who.blockSignals(True)
            text = self.action_who.currentText()
            self.action_who.clear()
            self.action_who.addItems(names)
            self.action_who.setEditText(text)
            self.action_who.blockSignals(False)
        _set_text(self.action_what, action.what if action else "")
        _set_text(self.action_why, action.why if action else "")
        who = (action.who or record.member_name(action.member_id)) if action else ""
        if self.action_who.currentText() != who:
            self.action_who.setEditText(who)
        when = to_qdate(action.by_when or NO_DATE) if action else to_qdate(NO_DATE)
        if self.action_by_when.date() != when:
            self.action_by_when.setDate(when)
        status = action.status if action else ActionStatus.NOT_STARTED
        self.action_status.setCurrentIndex(self.action_status.findData(status))

    def _show_concerns(self, record: PlanRecord) -> None:
        rows = [(c.id, f"{n}. {_short(c.description) or '(not yet written)'}", False)
                for n, c in enumerate(record.concerns, start=1)]
        self._concern_id = self._fill_list(self.concern_list, rows, self._concern_id)
        concern = next((c for c in record.concerns if c.id == self._concern_id), None)
        self.concern_text.setEnabled(concern is not None)
        self.delete_concern_button.setEnabled(concern is not None)
        _set_text(self.concern_text, concern.description if concern else "")

    def _show_members(self, record: PlanRecord) -> None:
        rows = [(m.member_id, f"{m.name}" + (f", {m.job_title}" if m.job_title else ""), False)
                for m in record.members]
        self._member_id = self._fill_list(self.member_list, rows, self._member_id)
        member = next((m for m in record.members if m.member_id == self._member_id), None)
        self.member_name.setText(member.name if member else "No core group members yet")
        self.member_role.setEnabled(member is not None)
        self.member_contact.setEnabled(member is not None)
        _set_text(self.member_role, member.role_in_plan if member else "")
        _set_text(self.member_contact, member.contact_frequency if member else "")

    def _show_dangers(self, record: PlanRecord) -> None:
        rows = [(d.id, f"{n}. {_short(d.danger_statement) or '(not yet written)'}", False)
                for n, d in enumerate(record.danger_statements, start=1)]
        self._danger_id = self._fill_list(self.danger_list, rows, self._danger_id)
        danger = next((d for d in record.danger_statements if d.id == self._danger_id), None)
        for w in (self.danger_text, self.safety_goal, self.delete_danger_button):
            w.setEnabled(danger is not None)
        _set_text(self.danger_text, danger.danger_statement if danger else "")
        _set_text(self.safety_goal, danger.safety_goal if danger else "")

    def _show_child_copy(self, record: PlanRecord) -> None:
        dob = record.child_date_of_birth
        age = age_text(dob, record.child_expected_date_of_birth, self.today)
        name = record.child_name or "The child"
        self.child_age.setText(f"{name} is {age} old. Write for their age and understanding."
                               if age[0].isdigit() else f"{name}: {age}.")
        years = age_in_years(dob, self.today)
        result = readability(record.childs_copy, years)
        self.readability_hint.setText(("Readability: " if result.ok else "Readability hint: ")
                                      + result.message)
        language = record.child_preferred_language
        self.language_hint.setText(f"The child's record gives their preferred language as "
                                   f"{language}." if language else
                                   "Write the copy in the family's preferred language "
                                   "(002 section 3).")

    def _show_completeness(self, record: PlanRecord) -> None:
        missing = missing_items(plan_content(record))
        self.completeness.clear()
        if missing:
            self.completeness_title.setText(f"This plan still needs ({len(missing)}):")
            for item in missing:
                self.completeness.addItem(f"• {item[:1].upper()}{item[1:]}")
        else:
            self.completeness_title.setText("This plan has every part it needs.")
        self.completeness.setVisible(bool(missing))
        narrow = self.sections.indexOf(self.side) >= 0
        summary = (f"Still needed ({len(missing)}): " + "; ".join(missing)) if missing else \
            "This plan has every part it needs."
        metrics = self.needs_summary.fontMetrics()
        self.needs_summary.setText(metrics.elidedText(summary, Qt.TextElideMode.ElideRight,
                                                      max(200, self.width() - 30)))
        self.needs_summary.setToolTip("\n".join(missing))
        self.needs_summary.setVisible(narrow and self._record is not None)

    def _show_saved_state(self, *_args: object) -> None:
        try:
            unsaved = self.has_unsaved_changes()
        except RuntimeError:
            return  # the stack is being destroyed with the view
        if self._record is None:
            self.saved_state.setText("")
        elif unsaved:
            self.saved_state.setText("Unsaved changes")
        else:
            self.saved_state.setText(f"Saved, {len(self.versions)} "
                                     f"version{'' if len(self.versions) == 1 else 's'}")
        self.saved_state.setToolTip(f"{self.heading.text()}: {self.saved_state.text().lower()}")

    # ------------------------------------------------------------------------------ messages

    def show_message(self, text: str, error: bool = False) -> None:
        self.banner.setProperty("role", "banner-error" if error else "banner-info")
        self.banner.setStyleSheet(
            "QFrame#planMessage { background: %s; border-left: 6px solid %s; }"
            % (("#fbeaea", "#b10e1e") if error else ("#e8f1f8", "#1d70b8")))
        self.banner_label.setText(("There is a problem: " if error else "") + text)
        self.banner.show()

    @property
    def message(self) -> str:
        return self.banner_label.text() if self.banner.isVisible() else ""

    def _show_error(self, exc: CpdeskError) -> None:
        if isinstance(exc, ValidationFailed):
            self.show_message(" ".join(getattr(i, "message", str(i)) for i in exc.issues), True)
        else:
            self.show_message(str(exc), True)

    # ------------------------------------------------------------------------------ editing

    def _push(self, after: PlanRecord, text: str, key: str = "",
              select: dict[str, str | None] | None = None) -> None:
        if self._record is None or after == self._record:
            return
        self.undo_stack.push(EditCommand(self, self._record, after, text, key, select))

    def _plan_text_changed(self, key: str) -> None:
        if self._updating or self._record is None:
            return
        widgets: dict[str, QPlainTextEdit | QLineEdit] = {
            **self.plan_text, **self.sos_text, "childs_copy": self.childs_copy,
            "family_copy_language": self.family_language}
        title = dict(TEXT_SECTIONS + SIGNS_OF_SAFETY_SECTIONS).get(key, "the child's copy")
        self._push(replace(self._record, **{key: _text_of(widgets[key])}),
                   f"Typing in {title}", f"plan:{key}")

    def _current_outcome(self) -> OutcomeItem | None:
        return self._record.outcome(self._outcome_id) if self._record and self._outcome_id \
            else None

    def _outcome_text_changed(self) -> None:
        outcome = self._current_outcome()
        if self._updating or outcome is None or self._record is None:
            return
        edited = replace(outcome, description=self.outcome_description.toPlainText(),
                         progress_measure=self.progress_measure.toPlainText())
        if outcome.agreed_at_conference and edited.description != outcome.description:
            return  # read-only already; belt and braces
        self._push(with_outcome(self._record, edited), "Typing in an outcome",
                   f"outcome:{outcome.id}")

    def _outcome_picked(self, row: int) -> None:
        if self._updating or self._record is None:
            return
        self._outcome_id = self.outcome_list.item(row).data(Qt.ItemDataRole.UserRole) \
            if row >= 0 else None
        self._action_id = None
        self._refresh()

    def _refresh(self) -> None:
        if self._record is not None:
            self._show_plan(self._record, {})

    def add_outcome(self) -> None:
        if self._record is None:
            return
        outcome = OutcomeItem(new_item_id())
        self._push(replace(self._record, outcomes=self._record.outcomes + (outcome,)),
                   "Add an outcome", select={"outcome": outcome.id, "action": None})
        self.sections.setCurrentWidget(self.outcomes_page)
        self.outcome_description.setFocus()

    def delete_outcome(self) -> None:
        outcome = self._current_outcome()
        if outcome is None or self._record is None:
            return
        if outcome.agreed_at_conference:
            self.show_message(CONFERENCE_OUTCOME_NOT_DELETED, True)
            return
        self._push(replace(self._record, outcomes=tuple(o for o in self._record.outcomes
                                                        if o.id != outcome.id)),
                   "Delete an outcome", select={"outcome": None, "action": None})
        self.show_message("Outcome deleted. Press Undo (Ctrl+Z) to bring it back.")

    def _current_action(self) -> ActionItem | None:
        outcome = self._current_outcome()
        return next((a for a in outcome.actions if a.id == self._action_id), None) \
            if outcome else None

    def _action_picked(self) -> None:
        if self._updating:
            return
        rows = self.actions_table.selectionModel().selectedRows()
        outcome = self._current_outcome()
        if outcome and rows and rows[0].row() < len(outcome.actions):
            self._action_id = outcome.actions[rows[0].row()].id
            self._refresh()

    def add_action(self) -> None:
        outcome = self._current_outcome()
        if outcome is None or self._record is None:
            return
        action = ActionItem(new_item_id())
        self._push(with_outcome(self._record, replace(outcome, actions=outcome.actions
                                                      + (action,))),
                   "Add an action", select={"action": action.id})
        self.action_what.setFocus()

    def delete_action(self) -> None:
        outcome, action = self._current_outcome(), self._current_action()
        if outcome is None or action is None or self._record is None:
            return
        self._push(with_outcome(self._record, replace(outcome, actions=tuple(
            a for a in outcome.actions if a.id != action.id))), "Delete an action",
            select={"action": None})

    def _action_changed(self, *_args: object) -> None:
        outcome, action = self._current_outcome(), self._current_action()
        if self._updating or outcome is None or action is None or self._record is None:
            return
        who = self.action_who.currentText()
        member = next((m for m in self._record.members if m.name == who.strip()), None)
        by_when = from_qdate(self.action_by_when.date())
        edited = replace(action, what=self.action_what.text(), why=self.action_why.text(),
                         who=who, member_id=member.member_id if member else None,
                         by_when=None if by_when == NO_DATE else by_when,
                         status=self.action_status.currentData())
        if edited == action:
            return
        changed = [f for f in ("what", "why", "who", "by_when", "status")
                   if getattr(edited, f) != getattr(action, f)]
        key = f"action:{action.id}:{changed[0]}" if changed[0] in ("what", "why", "who") else ""
        self._push(with_outcome(self._record, replace(outcome, actions=tuple(
            edited if a.id == action.id else a for a in outcome.actions))),
            "Change an action", key)

    def _concern_picked(self, row: int) -> None:
        if self._updating or self._record is None:
            return
        self._concern_id = self.concern_list.item(row).data(Qt.ItemDataRole.UserRole) \
            if row >= 0 else None
        self._refresh()

    def add_concern(self) -> None:
        if self._record is None:
            return
        concern = ConcernItem(new_item_id())
        self._push(replace(self._record, concerns=self._record.concerns + (concern,)),
                   "Add a concern", select={"concern": concern.id})
        self.concern_text.setFocus()

    def delete_concern(self) -> None:
        if self._record is None or self._concern_id is None:
            return
        self._push(replace(self._record, concerns=tuple(
            c for c in self._record.concerns if c.id != self._concern_id)), "Delete a concern",
            select={"concern": None})

    def _concern_changed(self) -> None:
        if self._updating or self._record is None or self._concern_id is None:
            return
        text = self.concern_text.toPlainText()
        self._push(replace(self._record, concerns=tuple(
            replace(c, description=text) if c.id == self._concern_id else c
            for c in self._record.concerns)), "Typing in a concern", f"concern:{self._concern_id}")

    def _member_picked(self, row: int) -> None:
        if self._updating or self._record is None:
            return
        self._member_id = self.member_list.item(row).data(Qt.ItemDataRole.UserRole) \
            if row >= 0 else None
        self._refresh()

    def _member_changed(self, *_args: object) -> None:
        if self._updating or self._record is None or self._member_id is None:
            return
        role, contact = self.member_role.toPlainText(), self.member_contact.text()
        self._push(replace(self._record, members=tuple(
            replace(m, role_in_plan=role, contact_frequency=contact)
            if m.member_id == self._member_id else m for m in self._record.members)),
            "Change a core group member's role",
            f"member:{self._member_id}:{'role' if self.member_role.hasFocus() else 'contact'}")

    def ask_add_member(self) -> None:
        dialog = AddMemberDialog(self)
        self.dialog = dialog

        def submit() -> None:
            if not dialog.name.text().strip():
                dialog.errors.show_errors(["Enter the core group member's name"])
                dialog.name.setFocus()
                return
            if self._record is None:
                return
            member = MemberItem(new_item_id(), dialog.name.text().strip(),
                                kind=dialog.kind.currentData() or MemberKind.PROFESSIONAL,
                                job_title=dialog.job_title.text().strip(),
                                agency=dialog.agency.text().strip())
            self._push(replace(self._record, members=self._record.members + (member,)),
                       "Add a core group member", select={"member": member.member_id})
            dialog.accept()
            self.sections.setCurrentWidget(self.members_page)
            self.member_role.setFocus()

        dialog.submitted.connect(submit)
        dialog.open()

    def _danger_picked(self, row: int) -> None:
        if self._updating or self._record is None:
            return
        self._danger_id = self.danger_list.item(row).data(Qt.ItemDataRole.UserRole) \
            if row >= 0 else None
        self._refresh()

    def add_danger(self) -> None:
        if self._record is None:
            return
        danger = DangerItem(new_item_id())
        self._push(replace(self._record, danger_statements=self._record.danger_statements
                           + (danger,)), "Add a danger statement", select={"danger": danger.id})
        self.danger_text.setFocus()

    def delete_danger(self) -> None:
        if self._record is None or self._danger_id is None:
            return
        self._push(replace(self._record, danger_statements=tuple(
            d for d in self._record.danger_statements if d.id != self._danger_id)),
            "Delete a danger statement", select={"danger": None})

    def _danger_changed(self) -> None:
        if self._updating or self._record is None or self._danger_id is None:
            return
        statement, goal = self.danger_text.toPlainText(), self.safety_goal.toPlainText()
        self._push(replace(self._record, danger_statements=tuple(
            replace(d, danger_statement=statement, safety_goal=goal)
            if d.id == self._danger_id else d for d in self._record.danger_statements)),
            "Typing in a danger statement", f"danger:{self._danger_id}")

    def _score_changed(self, conference_id: str) -> None:
        if self._updating or self._record is None:
            return
        value = self.scale_spins[conference_id].value()
        self._push(replace(self._record, safety_scores=tuple(
            replace(s, score=None if value < 0 else value) if s.conference_id == conference_id
            else s for s in self._record.safety_scores)), "Change the safety scale",
            f"scale:{conference_id}")

    # ------------------------------------------------------------------------------ keyboard

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            assert isinstance(event, QKeyEvent)
            undo = event.matches(QKeySequence.StandardKey.Undo)
            redo = event.matches(QKeySequence.StandardKey.Redo) or (
                event.key() == Qt.Key.Key_Z and event.modifiers() == (
                    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))
            if undo or redo:
                # Our stack, not the field's own: every edit undoes the same way.
                event.accept()
                if kind == QEvent.Type.KeyPress:
                    (self.undo_stack.redo if redo else self.undo_stack.undo)()
                return True
            if kind == QEvent.Type.KeyPress:
                self._refuse_locked_edit(watched, event)
                if watched is self.outcome_list and event.key() == Qt.Key.Key_Delete:
                    self.delete_outcome()
                    return True
        return super().eventFilter(watched, event)

    def _refuse_locked_edit(self, watched: QObject, event: QKeyEvent) -> None:
        """Typing into a locked conference outcome says why nothing happens."""
        if watched is not self.outcome_description:
            return
        if not watched.isReadOnly():  # type: ignore[attr-defined]
            return
        editing = (bool(event.text()) and event.text().isprintable()) or event.key() in (
            Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Return, Qt.Key.Key_Enter) \
            or event.matches(QKeySequence.StandardKey.Paste) \
            or event.matches(QKeySequence.StandardKey.Cut)
        if editing:
            self.show_message(CONFERENCE_OUTCOME_LOCKED, True)

    # ------------------------------------------------------------------------------ saving

    def _after_save(self, changes: Changes) -> None:
        assert self.plan_id is not None
        stored = load_plan(self.store, self.plan_id)
        self.versions = list_versions(self.store, self.plan_id)
        self._stored = stored
        self._revision = stored.revision
        # Show the stored plan without adding an undo step (it is the same content, tidied).
        self._show_plan(stored, {})
        if self.undo_stack.count():
            command = self.undo_stack.command(self.undo_stack.index() - 1)
            if isinstance(command, EditCommand):
                command.after = stored
        self.undo_stack.setClean()
        self._show_saved_state()
        self.show_message(changes.message)
        self.changed.emit(changes)

    def save(self) -> bool:
        """Save the edits (one transaction). Returns True when saved."""
        edited = self.record()
        if edited is None or self.plan_id is None:
            return False
        if not self.has_unsaved_changes():
            self.show_message("There are no changes to save.")
            return True
        try:
            changes = save_plan(self.store, self.actor, self.plan_id, edited)
        except StaleRecord as exc:
            self.show_message(f"{exc} Your changes have not been saved; copy anything you need "
                              "before reopening.", True)
            return False
        except (NotAllowed, ValidationFailed) as exc:
            self._show_error(exc)
            return False
        self._after_save(changes)
        return True

    def ask_save_version(self) -> None:
        if self._record is None:
            return
        dialog = SaveVersionDialog(self.today, self)
        self.dialog = dialog

        def submit() -> None:
            reason = dialog.reason
            if reason is None:
                dialog.errors.show_errors(["Select why this version is being saved"])
                return
            edited = self.record() if self.has_unsaved_changes() else None
            try:
                changes = save_plan_version(self.store, self.actor, self.plan_id or "", reason,
                                            from_qdate(dialog.made_on.date()), edited=edited,
                                            note=dialog.note.text())
            except ValidationFailed as exc:
                dialog.errors.show_errors([getattr(i, "message", str(i)) for i in exc.issues])
                return
            except CpdeskError as exc:
                dialog.reject()
                self._show_error(exc)
                return
            dialog.accept()
            self._after_save(changes)

        dialog.submitted.connect(submit)
        dialog.open()

    def show_versions(self) -> None:
        if self.plan_id is None:
            return
        self.versions = list_versions(self.store, self.plan_id)
        dialog = VersionsDialog(self.versions, self)
        self.versions_dialog = dialog
        self.dialog = dialog
        dialog.compare_requested.connect(self.show_comparison)
        dialog.read_requested.connect(self.show_version)
        dialog.disagreement_requested.connect(self.ask_disagreement)
        dialog.open()

    def show_comparison(self, n1: int, n2: int) -> None:
        if self.plan_id is None:
            return
        if n1 == n2:
            self.show_message("Choose two different versions to compare.", True)
            return
        first, second = sorted((n1, n2))
        dialog = CompareDialog(compare(self.store, self.plan_id, first, second), first, second,
                               self)
        self.compare_dialog = dialog
        dialog.open()

    def show_version(self, number: int) -> None:
        if self.plan_id is None:
            return
        version = load_version(self.store, self.plan_id, number)
        s = version.summary
        dialog = VersionDialog(f"Version {s.number}, {format_date(s.made_on)}: {s.reason}",
                               version.snapshot, self)
        self.version_dialog = dialog
        dialog.open()

    def ask_disagreement(self, version_id: str | None) -> None:
        if self.plan_id is None:
            return
        self.versions = list_versions(self.store, self.plan_id)
        dialog = DisagreementDialog(self.versions, self.today, self, selected=version_id)
        self.dialog = dialog

        def submit() -> None:
            try:
                changes = record_disagreement(
                    self.store, self.actor, self.plan_id or "", dialog.version.currentData(),
                    dialog.who.text(), dialog.about.toPlainText(), from_qdate(dialog.on.date()))
            except ValidationFailed as exc:
                dialog.errors.show_errors([getattr(i, "message", str(i)) for i in exc.issues])
                return
            dialog.accept()
            if self.plan_id:
                self.versions = list_versions(self.store, self.plan_id)
            self.show_message(changes.message)
            self.changed.emit(changes)

        dialog.submitted.connect(submit)
        dialog.open()


__all__ = ["EditCommand", "PlanEditorView"]
