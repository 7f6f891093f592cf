"""The unlock screen: user, passphrase, "Remember on this computer"."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from storage.errors import WorkspaceError, WrongPassphrase
from storage.keychain import Keychain, KeychainState
from ui.operations import run_in_background
from ui.preload import load_now, preload

if TYPE_CHECKING:
    from storage.workspace import Workspace

LOAD_AFTER_MS = 250  # at the latest; normally at the first paint


class UnlockScreen(QWidget):
    """Asks who you are and your passphrase; unlocks off the UI thread."""

    unlocked = Signal(object)  # Workspace

    def __init__(self, folder: Path, keychain: Keychain, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = Path(folder)
        self.keychain = keychain
        self.failed_attempts = 0
        self._busy = False

        title = QLabel(self.tr("Caseroom"))
        title.setObjectName("title")
        where = QLabel(self.tr("Workspace: {0}").format(self.folder))
        where.setWordWrap(True)
        where.setObjectName("hint")

        self.user_edit = QLineEdit()
        self.user_edit.setAccessibleName(self.tr("User name"))
        self.user_edit.setMaxLength(64)
        self.pass_edit = QLineEdit()
        self.pass_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pass_edit.setAccessibleName(self.tr("Passphrase"))
        self.pass_edit.setMaxLength(1024)
        self.remember_box = QCheckBox(self.tr("&Remember on this computer"))
        self.remember_box.setAccessibleName(self.tr("Remember on this computer"))
        self.remember_reason = QLabel()
        self.remember_reason.setObjectName("hint")
        self.remember_reason.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Unlock message"))
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.setAccessibleName(self.tr("Unlock"))

        form = QFormLayout()
        user_label = QLabel(self.tr("&User name"))
        user_label.setBuddy(self.user_edit)
        pass_label = QLabel(self.tr("&Passphrase"))
        pass_label.setBuddy(self.pass_edit)
        form.addRow(user_label, self.user_edit)
        form.addRow(pass_label, self.pass_edit)
        form.addRow("", self.remember_box)
        form.addRow("", self.remember_reason)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)

        box = QWidget()
        box.setMaximumWidth(560)
        inner = QVBoxLayout(box)
        inner.addWidget(title)
        inner.addWidget(where)
        inner.addSpacing(12)
        inner.addLayout(form)
        inner.addWidget(self.message)
        inner.addLayout(buttons)

        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(box)
        column.addStretch(2)
        outer.addLayout(column, 4)
        outer.addStretch(1)

        self.setTabOrder(self.user_edit, self.pass_edit)
        self.setTabOrder(self.pass_edit, self.remember_box)
        self.setTabOrder(self.remember_box, self.unlock_button)
        self.user_edit.returnPressed.connect(self.pass_edit.setFocus)
        self.pass_edit.returnPressed.connect(self.unlock)
        self.unlock_button.clicked.connect(self.unlock)
        # Once this screen is on view, while the passphrase is typed: what unlocking and
        # home need is loaded (ui/preload.py), then the keychain is looked for (loading the
        # keyring libraries takes hundreds of milliseconds of CPU).
        self._waiting_for_keychain()
        self.ready = False  # both done
        self._loading = False
        QTimer.singleShot(LOAD_AFTER_MS, self, self._start_loading)  # (if never painted)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self._start_loading()

    def _start_loading(self) -> None:
        if not self._loading:
            self._loading = True
            preload(self, self.refresh_keychain_state)

    def _waiting_for_keychain(self) -> None:
        self.remember_box.setEnabled(False)
        self.remember_reason.setText(self.tr("Looking for this computer's keychain…"))
        self.remember_reason.setVisible(True)

    def refresh_keychain_state(self) -> None:
        """Ask the system for its keychain off the UI thread (finding one can take a while)."""
        self._waiting_for_keychain()
        run_in_background(
            self,
            self.keychain.state,
            self._show_keychain_state,
            lambda exc: setattr(self, "ready", True),
            self.tr("looking for the keychain"),
        )

    def _show_keychain_state(self, state: KeychainState) -> None:
        self.ready = True
        self.remember_box.setEnabled(state.usable)
        if not state.usable:
            self.remember_box.setChecked(False)
        self.remember_reason.setText("" if state.usable else state.reason)
        self.remember_reason.setVisible(not state.usable)

    def reset(self) -> None:
        """Back to a clean screen (after locking): nothing typed is kept but the user name."""
        self.pass_edit.clear()
        self.message.clear()
        self._set_busy(False)
        if self.ready:  # (at start-up, the keychain is looked for once the screen is painted)
            self.refresh_keychain_state()
        (self.pass_edit if self.user_edit.text() else self.user_edit).setFocus()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.user_edit, self.pass_edit, self.unlock_button):
            widget.setEnabled(not busy)
        if busy:
            self.message.setText(self.tr("Unlocking…"))

    def unlock(self) -> None:
        if self._busy:
            return
        user = self.user_edit.text()
        passphrase = self.pass_edit.text()
        if not user.strip():
            self.message.setText(self.tr("Enter your user name."))
            self.user_edit.setFocus()
            return
        remember = self.remember_box.isChecked()
        failed = self.failed_attempts
        folder, keychain = self.folder, self.keychain

        def work() -> Workspace:
            from storage.workspace import Workspace

            if not passphrase:
                ws = Workspace.open_remembered(folder, user, keychain, read_only_if_locked=True)
                if ws is None:
                    raise WrongPassphrase("Enter your passphrase.")
                return ws
            # A second window on the same workspace opens to read only, and says so.
            ws = Workspace.open(
                folder, user, passphrase, failed_attempts=failed, read_only_if_locked=True
            )
            if remember:
                ws.remember_key(keychain)
            return ws

        load_now()  # (what the preloading has not reached yet: here, not in the worker)
        self._set_busy(True)
        run_in_background(self, work, self._done, self._failed, self.tr("unlocking"))

    def _done(self, ws: Workspace) -> None:
        self.failed_attempts = 0
        self.pass_edit.clear()
        self._set_busy(False)
        self.message.clear()
        self.unlocked.emit(ws)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, WrongPassphrase) and self.pass_edit.text():
            self.failed_attempts += 1
        if isinstance(exc, WorkspaceError):
            self.message.setText(str(exc))
        else:
            self.message.setText(self.tr("Could not unlock: {0}").format(type(exc).__name__))
        self.pass_edit.selectAll()
        from PySide6.QtCore import Qt  # (its first use takes 14 ms: not before the first paint)

        self.pass_edit.setFocus(Qt.FocusReason.OtherFocusReason)
