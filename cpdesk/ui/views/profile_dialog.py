"""Tools > Procedure profile… (administrators only): which procedures this database follows,
their key numbers in words, and choosing another of the bundled profiles.

Choosing calls services.profile.set_profile (one audited change); the dialog says what
happened and emits the Changes, which the main window publishes on the bus so the caseload,
alerts and wording (for example "Key Worker" for Sefton) refresh at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from cpdesk.domain.actor import Actor
from cpdesk.domain.errors import CpdeskError
from cpdesk.domain.profile_summary import profile_lines
from cpdesk.domain.profiles import Profile, available_profiles, load_profile
from cpdesk.models.db import Store
from cpdesk.services.profile import current_profile, set_profile
from cpdesk.ui.errors import describe
from cpdesk.ui.widgets.banner import Banner
from cpdesk.ui.widgets.fields import heading, labelled, secondary
from cpdesk.ui.widgets.fit import grow_to_fit


class ProfileDialog(QDialog):
    changed = Signal(object)  # Changes

    def __init__(self, store: Store, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.actor = store, actor
        self.setWindowTitle("Procedure profile - cpdesk")
        self.setAccessibleName("Procedure profile")
        self.setMinimumWidth(720)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(8)
        layout.addWidget(heading("Procedure profile"))
        layout.addWidget(secondary(
            "The local procedures this database follows. They set how often children are "
            "visited and seen alone, the core group and conference timescales, the alerts, and "
            "the words cpdesk uses. Everyone using this database sees the change at once."))
        self.banner = Banner()
        layout.addWidget(self.banner)
        self.current_label = QLabel()
        self.current_label.setWordWrap(True)
        self.current_label.setStyleSheet("font-weight: 600; font-size: 11pt;")
        layout.addWidget(self.current_label)

        self.profiles: dict[str, Profile] = {}
        self.choice = QComboBox()
        for name in available_profiles():
            try:
                profile = load_profile(name)
            except CpdeskError:
                continue  # a broken file is reported where it is loaded, not offered here
            self.profiles[name] = profile
            self.choice.addItem(profile.display_name, name)
        question = labelled("&Which procedures should this database follow?", self.choice)
        question.setStyleSheet("font-weight: 700; padding-top: 8px;")
        layout.addWidget(question)
        layout.addWidget(self.choice)
        self.details_title = QLabel()
        self.details_title.setProperty("role", "subheading")
        layout.addWidget(self.details_title)
        self.details = QGridLayout()
        self.details.setHorizontalSpacing(16)
        self.details.setVerticalSpacing(4)
        self.details.setColumnStretch(1, 1)
        layout.addLayout(self.details)
        layout.addStretch(1)

        buttons = QDialogButtonBox()
        self.use_button = buttons.addButton("Use these procedures",
                                            QDialogButtonBox.ButtonRole.AcceptRole)
        self.use_button.setAccessibleName("Use these procedures")
        self.use_button.setAutoDefault(False)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)
        buttons.accepted.connect(self.use_chosen)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.choice.currentIndexChanged.connect(lambda _n: self._show_chosen())
        self._show_current()
        self.choice.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def chosen(self) -> str:
        return str(self.choice.currentData())

    def choose(self, name: str) -> None:
        self.choice.setCurrentIndex(self.choice.findData(name))

    def _show_current(self) -> None:
        self.current = current_profile(self.store)
        self.current_label.setText(f"This database follows: {self.current.display_name}")
        self.choose(self.current.name)
        self._show_chosen()

    def _show_chosen(self) -> None:
        profile = self.profiles.get(self.chosen, self.current)
        same = profile.name == self.current.name
        self.details_title.setText("What these procedures ask" if same else
                                   f"What the {profile.display_name} procedures ask")
        while self.details.count():
            item = self.details.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.hide()  # at once: deleteLater alone leaves it painted under the new
                widget.deleteLater()
        now = dict(profile_lines(self.current))
        for row, (what, words) in enumerate(profile_lines(profile)):
            key = QLabel(what)
            key.setStyleSheet("font-weight: 600;")
            if not same and now.get(what) != words:
                # what would change, in words (not by colour alone)
                words += f". At present: {now[what]}" if what in now else " (new)"
            value = QLabel(words)
            value.setWordWrap(True)
            value.setAccessibleName(f"{what}: {words}")
            self.details.addWidget(key, row, 0, Qt.AlignmentFlag.AlignTop)
            self.details.addWidget(value, row, 1)
            if self.isVisible():  # shown now, so grow_to_fit counts them
                key.show()
                value.show()
        self.use_button.setEnabled(not same)
        grow_to_fit(self)

    @property
    def details_text(self) -> list[str]:
        return [w.accessibleName() for n in range(self.details.count())
                if (item := self.details.itemAt(n)) is not None
                and (w := item.widget()) is not None and w.accessibleName()]

    def use_chosen(self) -> None:
        try:
            changes = set_profile(self.store, self.actor, self.chosen)
        except CpdeskError as exc:
            self.banner.show_error(describe(exc))
            grow_to_fit(self)
            return
        self._show_current()
        self.banner.show_info(f"{changes.message} The caseload, alerts and wording now follow "
                              "them.")
        grow_to_fit(self)
        self.changed.emit(changes)
