"""The main window: the caseload and today's alerts on the left, the child's record on the
right, a menu with every action and its shortcut, and who/which database in the status bar.

It composes views and calls services; it owns no rules. Opening a database and loading the
caseload run off the GUI thread (worker.py) with a busy indicator; everything persists in
QSettings (geometry, splitters, column widths, the last child open on each database).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cpdesk import __version__
from cpdesk.domain.actor import Actor
from cpdesk.domain.caseload import CaseloadRow
from cpdesk.domain.enums import Role
from cpdesk.domain.permissions import Permission, can
from cpdesk.domain.records import Alert
from cpdesk.domain.staff import StaffMember
from cpdesk.lazy import lazy_module
from cpdesk.models.db import Store, open_store
from cpdesk.services.caseload import load_caseload_with_alerts
from cpdesk.services.changes import Changes
from cpdesk.services.profile import current_profile
from cpdesk.services.staff import list_staff
from cpdesk.services.start_up import configure_models
from cpdesk.ui.after_paint import AfterNextPaint
from cpdesk.ui.errors import describe, log_exception
from cpdesk.ui.event_bus import EVERYTHING, EventBus, touches
from cpdesk.ui.idle_lock import IdleLock
from cpdesk.ui.recent_databases import recent_databases, remember_database
from cpdesk.ui.sign_in import SignIn, SignInForDatabase
from cpdesk.ui.views.alerts_view import AlertsView
from cpdesk.ui.views.caseload_view import CaseloadView
from cpdesk.ui.views.child_record_view import ChildRecordView
from cpdesk.ui.views.printing import can_print
from cpdesk.ui.views.queue_count import QueueCountLabel
from cpdesk.ui.widgets.banner import Banner
from cpdesk.ui.worker import Worker
from cpdesk.ui.workspace import Workspace

# Windows and dialogs opened from the menus, loaded the first time one is opened (issue 10: the
# first screen is the caseload). So are the services the first screen does not call: a child's
# record and chronology (the caseload shows first, then the child) and unfinished visits.
audit_history = lazy_module("cpdesk.ui.views.audit_history")
open_database_dialog = lazy_module("cpdesk.ui.open_database")
calendar_view = lazy_module("cpdesk.ui.views.calendar_view")
countersign_queue = lazy_module("cpdesk.ui.views.countersign_queue")
drafts_dialog = lazy_module("cpdesk.ui.views.drafts_dialog")
change_password = lazy_module("cpdesk.ui.views.change_password")
print_window = lazy_module("cpdesk.ui.views.print_dialog")
profile_dialog = lazy_module("cpdesk.ui.views.profile_dialog")
staff_admin = lazy_module("cpdesk.ui.views.staff_admin")
child_record = lazy_module("cpdesk.services.child_record")
chronology = lazy_module("cpdesk.services.chronology")
visits = lazy_module("cpdesk.services.visits")
if TYPE_CHECKING:
    from cpdesk.ui.views.change_password import ChangePasswordDialog
    from cpdesk.ui.views.countersign_queue import CountersignQueueView
    from cpdesk.ui.views.drafts_dialog import DraftsDialog
    from cpdesk.ui.views.print_dialog import PrintDialog
    from cpdesk.ui.views.profile_dialog import ProfileDialog
    from cpdesk.ui.views.staff_admin import StaffAdminDialog

# What the caseload and alerts show: a change to any of these reloads them.
CASELOAD_KINDS = ("child", "plan", "visit", "core_group", "conference", "countersign", "profile",
                  "staff", "action")


@dataclass(frozen=True)
class Caseload:
    rows: list[CaseloadRow]
    alerts: list[Alert]


def _db_key(url: str) -> str:
    return "db/" + hashlib.sha256(url.encode()).hexdigest()[:16]


class MainWindow(QMainWindow):
    def __init__(
        self, settings: QSettings, today: date, *, sign_in: SignIn | None = None,
        opener: Callable[[str | None], Store] = open_store,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.today = today
        self.sign_in_step: SignIn = sign_in or SignInForDatabase()
        self.opener = opener
        self.bus = EventBus(self)
        self.worker = Worker(self)
        self.workspace: Workspace | None = None
        self.store: Store | None = None
        self.setWindowTitle("cpdesk")
        self.setMinimumSize(900, 560)

        # Built from the window down, each view made inside its place: built bottom-up, every
        # reparenting re-polished the whole subtree under the app's style sheet (issue 10).
        central = QWidget()
        self.setCentralWidget(central)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner = Banner()
        outer.addWidget(self.banner)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(self.splitter, 1)
        self.left = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.left)
        self.caseload = CaseloadView(self.left)
        self.left.addWidget(self.caseload)
        self.alerts = AlertsView(self.left)
        self.left.addWidget(self.alerts)
        self.left.setStretchFactor(0, 3)
        self.left.setStretchFactor(1, 2)
        self.child = ChildRecordView(self.splitter)
        self.splitter.addWidget(self.child)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        self.user_label = QLabel("Not signed in")
        self.user_label.setAccessibleName("Signed in as")
        self.db_label = QLabel("No database open")
        self.db_label.setAccessibleName("Database")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: how long a load takes is not known in advance
        self.progress.setMaximumWidth(160)
        self.progress.setAccessibleName("Working")
        self.progress.hide()
        self.busy_label = QLabel()
        self.statusBar().addWidget(self.busy_label)
        self.statusBar().addWidget(self.progress)
        self.queue_count = QueueCountLabel()
        self.statusBar().addPermanentWidget(self.queue_count)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.db_label)

        self._build_menus()
        self.caseload.child_activated.connect(self.open_child)
        self.alerts.alert_activated.connect(self.open_child)
        self.bus.changed.connect(self._on_changed)
        self.bus.changed.connect(self.queue_count.on_changed)
        self.queue_count.open_queue.connect(self.show_countersign_queue)
        self.queue_window: CountersignQueueView | None = None
        self.drafts_dialog: DraftsDialog | None = None
        self.password_dialog: ChangePasswordDialog | None = None
        self.staff_window: StaffAdminDialog | None = None
        self.profile_window: ProfileDialog | None = None
        self.idle_lock = IdleLock(self, settings)  # security/idle_minutes, default 10
        self.child.changed.connect(self.bus.publish)  # the plan, visits and core group tabs'
        self.child.open_plan_editor.connect(self._open_plan_editor)
        self.worker.busy.connect(self._on_busy)
        self.print_dialog: PrintDialog | None = None
        self.child.opened.connect(lambda _id: self._enable_print())
        self._follow_up: Callable[[], None] | None = None  # after the next caseload is shown
        self._follow_up_painting: AfterNextPaint | None = None
        self._restore_layout()

    # --- menus and shortcuts ---
    def _action(
        self, menu: QMenu, text: str, slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.open_action = self._action(file_menu, "&Open a database…", self.choose_database,
                                        QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self.password_action = self._action(file_menu, "Change &my password…",
                                            self.change_my_password)
        self.password_action.setVisible(False)  # databases that sign in with passwords
        self.switch_user_action = self._action(file_menu, "&Change who is signed in…",
                                               self.change_user)
        file_menu.addSeparator()
        self.print_action = self._action(file_menu, "&Print or export…", self.print_or_export,
                                         QKeySequence.StandardKey.Print)
        self.print_action.setEnabled(False)
        self._action(file_menu, "&Export calendar…", self.export_calendar)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        view = bar.addMenu("&View")
        self.find_action = self._action(view, "&Find a child", self.caseload.focus_filter,
                                        QKeySequence.StandardKey.Find)
        self.refresh_action = self._action(view, "&Refresh", self.refresh,
                                           QKeySequence.StandardKey.Refresh)
        self.refresh_action.setShortcuts([QKeySequence("F5")])
        self._action(view, "&Calendar", self.show_calendar, "Ctrl+L")
        self.queue_action = self._action(view, "Countersign &queue", self.show_countersign_queue,
                                         "Ctrl+Shift+K")
        self.audit_action = self._action(view, "&Audit history of this child's records…",
                                         self.show_audit_history)
        self.queue_action.setVisible(False)  # managers only (use_store)
        self.audit_action.setVisible(False)  # managers and administrators
        self._action(view, "&New visit…", lambda: (self._go_to_tab("Visits"),
                                                    self.child.visits.new_visit()),
                     "Ctrl+Shift+V")
        self._action(view, "&Unfinished visit records…", lambda: self.offer_drafts(always=True))
        view.addSeparator()
        for n, title in enumerate(("Overview", "Plan", "Visits", "Core group", "Conferences",
                                   "Chronology"), 1):
            self._action(view, f"&{n} {title}",
                         lambda t=title: self._go_to_tab(t), f"Ctrl+{n}")

        self.tools_menu = bar.addMenu("&Tools")  # administrators only (use_store)
        self.staff_action = self._action(self.tools_menu, "&Staff and teams…",
                                         self.show_staff_admin)
        self.profile_action = self._action(self.tools_menu, "&Procedure profile…",
                                           self.show_profile)
        self._show_admin_tools(None)

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&About cpdesk", self._about)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = recent_databases(self.settings)
        if not recent:
            none = self.recent_menu.addAction("No recent databases")
            none.setEnabled(False)
        for url in recent:
            self._action(self.recent_menu, url,
                         lambda u=url: self.may_leave_plan() and self.open_database(u))

    def _go_to_tab(self, title: str) -> None:
        self.child.select_tab(title)
        self.child.tabs.currentWidget().setFocus()

    def _open_plan_editor(self, _plan_id: str, agreed: str) -> None:
        """The core group agreed changes to the plan: edit them and save a new version."""
        self._go_to_tab("Plan")
        self.child.plan.show_message(
            f"The core group agreed changes to the plan: {agreed} Make them here, then save "
            "a new version."
        )
        self.child.plan.ask_save_version()

    def _about(self) -> None:
        QMessageBox.about(
            self, "About cpdesk",
            f"cpdesk {__version__}\nCase recording for children on a child protection plan.",
        )

    # --- opening a database and signing in ---
    def choose_database(self) -> None:
        if not self.may_leave_plan():
            return
        dialog = open_database_dialog.OpenDatabaseDialog(self.settings, self)
        if dialog.exec() and dialog.result_url:
            self.open_database(dialog.result_url)

    def open_database(
        self, url: str | None, *, prepare: Callable[[Store], object] | None = None,
        remember: bool = True,
    ) -> None:
        """Open (and migrate) a store in the background, then sign in and load the caseload.

        `prepare` runs on the new store in the background too (the demo data, for --demo).
        `remember`: offer it as the last/recent database next time (not a throwaway demo).
        The staff list for signing in is read in the background as well (issue 10, start-up).
        """
        def work() -> tuple[Store, list[StaffMember]]:
            store = self.opener(url)
            try:
                if prepare is not None:
                    prepare(store)
                staff = list_staff(store)
            except BaseException:
                store.close()
                raise
            return store, staff

        self.worker.run("open", "Opening the database", work,
                        lambda opened: self._database_opened(*opened, remember=remember),
                        self.show_error)

    def _database_opened(self, store: Store, staff: list[StaffMember], *,
                         remember: bool = True) -> None:
        key = _db_key(store.url)
        last = self.settings.value(f"{key}/staff")
        member = self.sign_in_step.sign_in(self, store, staff, str(last) if last else None)
        if member is None:
            store.close()
            if self.store is None:
                self.banner.show_info(
                    "No one is signed in. Use File > Open a database to choose a database "
                    "and who you are."
                )
            return
        if remember:
            self.settings.setValue("databases/last", store.url)
            remember_database(self.settings, store.url)
        self.use_store(store, member)

    def change_user(self) -> None:
        if self.store is None:
            self.choose_database()
            return
        if not self.may_leave_plan():
            return
        staff = list_staff(self.store)
        member = self.sign_in_step.sign_in(
            self, self.store, staff, self.workspace.user.staff_id if self.workspace else None
        )
        if member is not None:
            self.use_store(self.store, member)

    def use_store(self, store: Store, user: StaffMember) -> None:
        """Work on `store` as `user`: the status bar, the caseload, the last child open."""
        if self.store is not None and self.store is not store:
            self.store.close()
        self.store = store
        try:
            profile = current_profile(store)
        except Exception as exc:  # noqa: BLE001 - a broken profile is shown, not raised
            self.show_error(exc)
            return
        self.workspace = Workspace(store=store, user=user, today=self.today, profile=profile,
                               bus=self.bus, worker=self.worker)
        key = _db_key(store.url)
        self.settings.setValue(f"{key}/staff", user.staff_id)
        self.user_label.setText(f"{user.name} · {user.role.label}")
        self.db_label.setText(f"Database: {store.display_name}")
        self.setWindowTitle(f"cpdesk - {user.name}")
        if user.role is Role.SOCIAL_WORKER:
            self.caseload.set_workers(None)
        else:
            team = [m for m in list_staff(store)
                    if user.role is Role.ADMINISTRATOR or m.team_id == user.team_id]
            self.caseload.set_workers([m for m in team if m.role is not Role.ADMINISTRATOR])
        self.child.set_workspace(store, user.actor, self.today)  # its tabs, as they are built
        self.queue_action.setVisible(can(user.actor, Permission.COUNTERSIGN))
        self.audit_action.setVisible(can(user.actor, Permission.VIEW_AUDIT))
        self._show_admin_tools(user)
        if self.queue_window is not None:
            self.queue_window.close()
            self.queue_window = None
        # counted once the caseload is on show, with the drafts offer (_signed_in_follow_up)
        self.queue_count.set_workspace(store, user.actor, count_now=False)
        self.idle_lock.start(store, user)
        self.password_action.setVisible(self.idle_lock.store is not None)  # uses passwords
        self.child.clear()
        self._enable_print()
        self.banner.hide()
        last_child = self.settings.value(f"{key}/child")
        self._set_follow_up(self._signed_in_follow_up)
        self.load_caseload(then_open=str(last_child) if last_child else None)

    def _signed_in_follow_up(self) -> None:
        """After signing in, once the caseload is on show: the mapped classes declared and
        set up (the first screen reads tables without them), the countersign queue's count and
        the unfinished visit records offered back (issue 10: the first screen is the caseload,
        so these no longer hold it up)."""
        configure_models()
        self.queue_count.refresh()
        self.offer_drafts()

    def _set_follow_up(self, follow_up: Callable[[], None] | None) -> None:
        """Run `follow_up` once the next caseload load has been painted (or has failed); a
        newer one replaces one not yet run."""
        if self._follow_up_painting is not None:
            self._follow_up_painting.cancel()
            self._follow_up_painting = None
        self._follow_up = follow_up

    def _caseload_shown(self) -> None:
        follow_up, self._follow_up = self._follow_up, None
        if follow_up is None:
            return

        def run() -> None:
            self._follow_up_painting = None
            follow_up()

        self._follow_up_painting = AfterNextPaint(self, run)  # the window: its rows

    @property
    def is_busy(self) -> bool:
        """Loading in the background, or a follow-up of the last load still to run."""
        return (self.worker.is_busy or self._follow_up is not None
                or self._follow_up_painting is not None)

    def change_my_password(self) -> None:
        workspace = self.workspace
        if workspace is None:
            return
        dialog = change_password.ChangePasswordDialog(workspace.store, workspace.user.actor,
                                                      self)
        dialog.changed.connect(lambda changes: self.banner.show_info(changes.message))
        self.password_dialog = dialog
        dialog.open()

    def offer_drafts(self, always: bool = False) -> None:
        """Offer back the worker's unfinished visit records (on sign-in, and from View)."""
        workspace = self.workspace
        if workspace is None:
            return
        drafts = visits.drafts_for(workspace.store, workspace.user.actor)
        if not drafts:
            if always:
                self.banner.show_info("You have no unfinished visit records.")
            return
        dialog = drafts_dialog.DraftsDialog(drafts, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open_draft.connect(self._open_draft)
        self.drafts_dialog = dialog
        dialog.show()

    def _open_draft(self, visit_id: str, child_id: str) -> None:
        self.open_child(child_id, "Visits")
        self.child.visits.open_visit(visit_id)

    # --- loading ---
    def load_caseload(self, then_open: str | None = None) -> None:
        workspace = self.workspace
        if workspace is None:
            return
        actor = workspace.user.actor

        def work() -> Caseload:
            # rows and alerts from one read of the plan facts (same scope for both)
            loaded = load_caseload_with_alerts(workspace.store, actor, workspace.today)
            return Caseload(loaded.rows, loaded.alerts)

        def done(result: Caseload) -> None:
            self.caseload.set_rows(result.rows)
            self.alerts.set_alerts(result.alerts)
            if then_open:
                self.open_child(then_open, quiet=True)
            self._caseload_shown()

        def failed(error: Exception) -> None:
            self.show_error(error)
            self._caseload_shown()

        self.worker.run("caseload", "Loading the caseload", work, done, failed)

    def may_leave_plan(self) -> bool:
        """Whether the plan on screen may be left: nothing typed is unsaved, or the person
        chose to discard it (UI.md: nothing is lost; ask only when something could be)."""
        name = self.child.unsaved_plan_of()
        return name is None or self.ask_discard_plan_changes(name)

    def ask_discard_plan_changes(self, name: str) -> bool:
        """True to discard; staying is the default (Enter and Esc both stay)."""
        box = QMessageBox(QMessageBox.Icon.Warning, "Changes not saved",
                          f"The changes to {name}'s plan are not saved.", parent=self)
        box.setInformativeText("Stay to save them, or discard them.")
        stay = box.addButton("Stay on this plan", QMessageBox.ButtonRole.RejectRole)
        discard = box.addButton("Discard the changes", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        box.exec()
        return box.clickedButton() is discard

    def open_child(self, child_id: str, tab: str | None = None, *, quiet: bool = False) -> None:
        """Show the child's record (at `tab` if given). `quiet`: say nothing if it is gone."""
        workspace = self.workspace
        if workspace is None:
            return
        showing = self.child.record.child_id if self.child.record is not None else None
        if child_id != showing and not self.may_leave_plan():
            if showing is not None:
                self.caseload.select_child(showing)
            return
        try:
            record = child_record.load_child_record(workspace.store, child_id, workspace.today)
            entries = chronology.chronology_for(workspace.store, child_id)
        except Exception as exc:  # noqa: BLE001 - shown in the window
            if not quiet:
                self.show_error(exc)
            return
        self.child.show_child(record, entries)
        if tab:
            self.child.select_tab(tab)
        self.caseload.select_child(child_id)
        self.settings.setValue(f"{_db_key(workspace.store.url)}/child", child_id)

    def export_calendar(self) -> None:
        if self.workspace is not None and (changes := calendar_view.export_calendar(
                self, self.workspace.store, self.workspace.user.actor, self.today)):
            self.bus.publish(changes)

    def print_or_export(self) -> None:
        """File > Print or export: a document of the child open (a manager: the caseload
        compliance report too) saved as a PDF, made in the background."""
        if self.workspace is not None and can_print(self.workspace.user, self.child.record):
            self.print_dialog = print_window.show_print_dialog(
                self, self.workspace, self.settings, self.child.record, self.child,
                self.print_dialog)

    def _enable_print(self) -> None:
        self.print_action.setEnabled(can_print(
            self.workspace.user if self.workspace else None, self.child.record))

    def show_calendar(self) -> None:
        """The calendar in its own window; choosing an item opens the child at that tab."""
        if self.workspace is None:
            return
        view = calendar_view.CalendarView(self.workspace.store, self.workspace.user.actor, self.today, self)
        view.setWindowFlag(Qt.WindowType.Window)
        view.setWindowTitle("Calendar - cpdesk")
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        tabs = {"core_group": "Core group", "review_conference": "Conferences"}
        view.item_activated.connect(lambda item: self.open_child(
            item.child_id, tabs.get(item.kind.value, "Visits")))
        view.changed.connect(self.bus.publish)
        view.resize(1200, 700)
        view.load()
        view.show()
        self.calendar_window = view

    def show_countersign_queue(self) -> None:
        """The manager's countersign queue in its own window (Ctrl+Shift+K)."""
        if self.workspace is None or not can(self.workspace.user.actor, Permission.COUNTERSIGN):
            return
        if self.queue_window is None:
            view = countersign_queue.CountersignQueueView(
                self.workspace.store, self.workspace.user.actor, self.today, self)
            view.setWindowFlag(Qt.WindowType.Window)
            view.setWindowTitle("Countersign queue - cpdesk")
            view.changed.connect(self.bus.publish)
            self.bus.changed.connect(view.on_changed)
            view.resize(1100, 600)
            self.queue_window = view
        self.queue_window.load()
        self.queue_window.show()
        self.queue_window.raise_()
        self.queue_window.activateWindow()

    def show_audit_history(self) -> None:
        """View > Audit history of this child's records (managers and administrators)."""
        workspace, record = self.workspace, self.child.record
        if workspace is None or not can(workspace.user.actor, Permission.VIEW_AUDIT):
            return
        if record is None:
            self.banner.show_info("Choose a child from the caseload first, then View > Audit "
                                  "history shows every change to their records.")
            return
        try:
            dialog = audit_history.AuditHistoryDialog(workspace.store, workspace.user.actor, record.child_id,
                                        record.name, self)
        except Exception as exc:  # noqa: BLE001 - shown in the window
            self.show_error(exc)
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.audit_dialog = dialog

    def _show_admin_tools(self, user: StaffMember | None) -> None:
        """Tools > Staff and teams and Procedure profile: administrators only; the Tools menu
        itself is hidden from everyone else."""
        staff = user is not None and can(user.actor, Permission.MANAGE_STAFF)
        profiles = user is not None and can(user.actor, Permission.MANAGE_PROFILES)
        self.staff_action.setVisible(staff)
        self.profile_action.setVisible(profiles)
        self.tools_menu.menuAction().setVisible(staff or profiles)
        for name in ("staff_window", "profile_window"):
            if (window := getattr(self, name, None)) is not None:
                window.close()
                setattr(self, name, None)

    def show_staff_admin(self) -> None:
        """Tools > Staff and teams… (administrators only)."""
        self._open_admin_window("staff_window", Permission.MANAGE_STAFF,
                                lambda store, actor: staff_admin.StaffAdminDialog(store, actor,
                                                                                  self))

    def show_profile(self) -> None:
        """Tools > Procedure profile… (administrators only)."""
        self._open_admin_window("profile_window", Permission.MANAGE_PROFILES,
                                lambda store, actor: profile_dialog.ProfileDialog(store, actor,
                                                                                  self))

    def _open_admin_window(
        self, name: str, permission: Permission,
        make: Callable[[Store, Actor], StaffAdminDialog | ProfileDialog],
    ) -> None:
        """Open one of the administrators' windows, kept as `self.<name>` while it is open."""
        workspace = self.workspace
        if workspace is None or not can(workspace.user.actor, permission):
            return
        try:
            dialog = make(workspace.store, workspace.user.actor)
        except Exception as exc:  # noqa: BLE001 - shown in the window
            self.show_error(exc)
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self.bus.publish)
        dialog.finished.connect(lambda _r: setattr(self, name, None))
        dialog.show()
        setattr(self, name, dialog)

    def refresh(self) -> None:
        self.bus.publish(EVERYTHING)

    def _on_changed(self, changes: Changes) -> None:
        if changes.message:
            self.banner.show_info(changes.message)
        if touches(changes, *CASELOAD_KINDS):
            self.load_caseload()
        profile_changed = touches(changes, "profile") and self.workspace is not None
        if profile_changed and self.workspace is not None:
            self.workspace.profile = current_profile(self.workspace.store)
        current = self.child.child_id
        if current and (profile_changed or "*" in changes.kinds
                        or current in changes.child_ids):
            tab = self.child.current_tab
            self.open_child(current, tab, quiet=True)

    # --- feedback ---
    def show_error(self, error: BaseException | str) -> None:
        if isinstance(error, BaseException):
            log_exception(error)
            error = describe(error)
        self.banner.show_error(error)

    def _on_busy(self, busy: bool, label: str) -> None:
        self.progress.setVisible(busy)
        self.busy_label.setText(f"{label}…" if busy else "")

    # --- persistence ---
    @property
    def has_saved_layout(self) -> bool:
        return isinstance(self.settings.value("window/geometry"), QByteArray)

    def _restore_layout(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            # first run: most of the screen (showMaximized needs a window manager's help)
            screen = self.screen().availableGeometry()
            self.resize(min(screen.width(), 1600), min(screen.height(), 1000))
        for key, splitter in (("window/splitter", self.splitter), ("window/left", self.left)):
            state = s.value(key)
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        if not isinstance(s.value("window/splitter"), QByteArray):
            self.splitter.setSizes([640, 700])
            self.left.setSizes([430, 260])
        for key, table in (("caseload/header", self.caseload.table),
                           ("alerts/header", self.alerts.table)):
            state = s.value(key)
            if isinstance(state, QByteArray):
                header = table.horizontalHeader()
                header.restoreState(state)
                table.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def save_layout(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/splitter", self.splitter.saveState())
        s.setValue("window/left", self.left.saveState())
        s.setValue("caseload/header", self.caseload.table.horizontalHeader().saveState())
        s.setValue("alerts/header", self.alerts.table.horizontalHeader().saveState())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_leave_plan():
            event.ignore()
            return
        self.save_layout()
        self.worker.wait(10_000)
        if self.store is not None:
            self.store.close()
        super().closeEvent(event)
