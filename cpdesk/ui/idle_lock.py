"""The idle lock: after a while without key or mouse input, cpdesk covers its windows and asks
for the password again (issue 9).

How it works, and why:
- One application-wide event filter sees every key press, click, wheel turn and mouse move in
  any cpdesk window and restarts a single-shot QTimer. The interval is the QSettings value
  "security/idle_minutes" (default 10), read each time someone signs in. The filter is in
  place only while the lock is armed: a database without passwords never locks, and every
  event in the app would otherwise pass through Python for nothing (issue 10).
- When the timer fires, every visible cpdesk window (the main window, an open visit form, the
  queue, a modal dialog) gets a `LockScreen` laid over it. Nothing is closed or hidden: drafts
  keep autosaving underneath and what was typed is exactly where it was. Hiding windows would
  end a modal dialog's exec() and lose its typing, so each window is covered instead, and the one
  in front holds the password box.
- While locked the filter swallows input (keys, clicks, wheel, shortcuts) meant for anything
  that is not a lock screen, so the menu shortcuts and the covered fields cannot be reached.
- Unlocking signs the same person in again (services.signin.sign_in with their username), not
  only confirm_password: wrong passwords count towards the five-failure account lock, a locked
  or deactivated account cannot unlock, and the unlock is audited as a sign-in.
- Only databases that sign in with passwords lock (services.staff.passwords_in_use); a
  database that asks "Who are you?" has no password to ask for.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cpdesk.domain.staff import StaffMember
from cpdesk.lazy import lazy_module
from cpdesk.models.db import Store
from cpdesk.services.staff import passwords_in_use
from cpdesk.ui.style import PANEL
from cpdesk.ui.widgets.error_line import ErrorLine
from cpdesk.ui.widgets.fields import heading, labelled, secondary

# loaded to check a password (ui/sign_in.py says why: issue 10, start-up)
signin = lazy_module("cpdesk.services.signin")

IDLE_KEY = "security/idle_minutes"
DEFAULT_IDLE_MINUTES = 10.0

_T = QEvent.Type
# Input that means someone is at the keyboard (restarts the idle timer).
ACTIVITY = frozenset({_T.KeyPress, _T.MouseButtonPress, _T.MouseButtonDblClick, _T.Wheel,
                      _T.MouseMove, _T.TouchBegin, _T.TabletPress})
# Input refused while locked unless it is for a lock screen.
BLOCKED = ACTIVITY | {_T.KeyRelease, _T.MouseButtonRelease, _T.Shortcut, _T.ShortcutOverride,
                      _T.ContextMenu, _T.TouchUpdate, _T.TouchEnd, _T.TabletRelease,
                      _T.InputMethod}


def idle_minutes(settings: QSettings) -> float:
    """The configured idle time; anything unreadable or not positive means the default."""
    try:
        minutes = float(settings.value(IDLE_KEY, DEFAULT_IDLE_MINUTES))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return DEFAULT_IDLE_MINUTES
    return minutes if minutes > 0 else DEFAULT_IDLE_MINUTES


class LockScreen(QFrame):
    """Covers one window: who is signed in, and the password box to carry on."""

    unlock_requested = Signal(str)  # the password typed

    def __init__(self, window: QWidget, who: str, minutes: float) -> None:
        super().__init__(window)
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        self.setStyleSheet(f"QFrame#lockScreen {{ background: {PANEL}; }}"
                           "QFrame#lockCard { background: white; border: 1px solid #b1b4b6; }")
        self.setAccessibleName("cpdesk is locked")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        card = QFrame()
        card.setObjectName("lockCard")
        card.setFixedWidth(max(300, min(480, window.width() - 40)))
        layout = QVBoxLayout(card)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(6)
        layout.addWidget(heading("cpdesk is locked"))
        after = (f"{minutes:g} minute{'s' if minutes != 1 else ''}" if minutes >= 1
                 else f"{round(minutes * 60)} seconds")
        self.explanation = secondary(
            f"Signed in as {who}. cpdesk locked itself after {after} without use, so nobody "
            "else can read the records. Nothing has been lost: enter your password to carry on "
            "where you left off.")
        layout.addWidget(self.explanation)
        self.error = ErrorLine()
        layout.addWidget(self.error)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(labelled("&Password", self.password))
        layout.addWidget(self.password)
        self.unlock_button = QPushButton("Unlock")
        self.unlock_button.setAccessibleName("Unlock")
        self.unlock_button.setDefault(True)
        layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignLeft)
        # Stretches, not alignment flags: an aligned widget loses its height-for-width and the
        # wrapped explanation would be cut off.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        inner = card.width() - 48
        self.explanation.setMinimumHeight(self.explanation.heightForWidth(inner))
        outer.addStretch(2)
        self.password.returnPressed.connect(self._submit)
        self.unlock_button.clicked.connect(self._submit)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def _submit(self) -> None:
        self.unlock_requested.emit(self.password.text())

    def show_error(self, text: str) -> None:
        self.error.say(text)
        self.password.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
            self.raise_()
        return False

    def focusNextPrevChild(self, next: bool) -> bool:  # Qt's name
        """Tab stays on the lock screen: password, Unlock, password…"""
        target = self.unlock_button if self.password.hasFocus() else self.password
        target.setFocus(Qt.FocusReason.TabFocusReason)
        return True


class IdleLock(QObject):
    """Locks cpdesk's windows after the idle time; `start` after sign-in, `stop` on sign-out."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: QWidget, settings: QSettings) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.store: Store | None = None
        self.member: StaffMember | None = None
        self.screens: list[LockScreen] = []
        self._focus: QWidget | None = None
        self.minutes = DEFAULT_IDLE_MINUTES
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)

    # --- arming ---
    @property
    def armed(self) -> bool:
        return self.store is not None and self.member is not None

    @property
    def is_locked(self) -> bool:
        return bool(self.screens)

    def start(self, store: Store, member: StaffMember) -> None:
        """Watch for idleness on `store` as `member`, if this database uses passwords."""
        self.unlock_all()
        if not passwords_in_use(store):
            self.stop()
            return
        self.store, self.member = store, member
        self.minutes = idle_minutes(self.settings)
        self.timer.setInterval(max(1, round(self.minutes * 60_000)))
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # once: Qt does not add a filter twice
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.store = self.member = None
        self.unlock_all()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    # --- locking ---
    def lock(self) -> None:
        if not self.armed or self.is_locked:
            return
        self.timer.stop()
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()  # an open menu would sit above the lock screen
        self._focus = QApplication.focusWidget()
        member = self.member
        assert member is not None
        who = f"{member.name} ({member.role.label.lower()})"
        windows = [w for w in QApplication.topLevelWidgets()
                   if w.isVisible() and w.windowType() in (Qt.WindowType.Window,
                                                           Qt.WindowType.Dialog)]
        if self.window not in windows:
            windows.insert(0, self.window)
        for window in windows:
            screen = LockScreen(window, who, self.minutes)
            screen.unlock_requested.connect(lambda text, s=screen: self.try_unlock(text, s))
            self.screens.append(screen)
        front = QApplication.activeModalWidget() or QApplication.activeWindow() or self.window
        screen = next((s for s in self.screens if s.parentWidget() is front), self.screens[0])
        screen.password.setFocus(Qt.FocusReason.OtherFocusReason)
        self.locked.emit()

    def try_unlock(self, password: str, screen: LockScreen | None = None) -> bool:
        """Unlock when `password` is the signed-in person's; else say why on the screen."""
        screen = screen or (self.screens[0] if self.screens else None)
        if not self.is_locked or self.store is None or self.member is None:
            return True
        if not password:
            if screen:
                screen.show_error("Enter your password")
            return False
        try:
            actor = signin.sign_in(self.store, self.member.username, password)
            if actor.staff_id != self.member.staff_id:
                raise signin.SignInFailed("The password is not right.")
        except signin.SignInFailed as exc:
            if screen:
                screen.show_error(str(exc).replace("The username or password is not right.",
                                                   "The password is not right."))
            return False
        self.unlock_all()
        self.timer.start()
        self.unlocked.emit()
        return True

    def unlock_all(self) -> None:
        for screen in self.screens:
            screen.hide()
            screen.deleteLater()
        self.screens = []
        if self._focus is not None:
            try:
                self._focus.setFocus(Qt.FocusReason.OtherFocusReason)
            except RuntimeError:  # the widget went away while locked
                pass
            self._focus = None

    # --- watching input ---
    def _on_lock_screen(self, obj: QObject) -> bool:
        return isinstance(obj, QWidget) and any(
            obj is s or s.isAncestorOf(obj) for s in self.screens)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        kind = event.type()
        if self.screens:
            if kind in BLOCKED and not self._on_lock_screen(watched):
                # Windows pass input on to their widgets, so only widgets (and the shortcut
                # map's QActions) are refused; the lock screen's own widgets get through.
                return kind == _T.Shortcut or isinstance(watched, QWidget)
            return False
        if kind in ACTIVITY and self.armed:
            self.timer.start()
        return False
