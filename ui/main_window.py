"""The main window: the unlock screen, then home -> case -> meeting.

Locking (Ctrl+L, or after the workspace's idle time) saves pending edits, closes the
workspace, deletes every screen that showed case data (the room screen is cleared too) and
shows the unlock screen. Unlocking again as the same user returns to where they were.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QStackedWidget,
    QTableView,
    QWidget,
)

from storage.keychain import Keychain
from ui import operations, read_only
from ui.about import add_about_action
from ui.i18n import tr
from ui.unlock_screen import UnlockScreen

if TYPE_CHECKING:
    from storage.workspace import Workspace
    from ui.presenter_view import PresenterView

# The unlock screen is painted with Qt and its own few modules loaded. The workspace code
# and the home screen are loaded while the passphrase is typed (ui/preload.py); the case,
# meeting, admin and room screens when first opened.
_Event = QEvent.Type

_INPUT_EVENTS = {_Event.KeyPress, _Event.MouseButtonPress, _Event.MouseMove, _Event.Wheel}
PAGE_CHECK_AFTER_MS = 250  # a big workspace's page check starts after the first paint


def _close_dialogs() -> None:
    """Close any open dialog (a passphrase prompt, a confirmation) before locking."""
    for _ in range(10):
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            return
        if isinstance(dialog, QDialog):
            dialog.reject()
        else:
            dialog.close()


class MainWindow(QMainWindow):
    def __init__(self, folder: Path, keychain: Keychain | None = None) -> None:
        super().__init__()
        self.setWindowTitle(tr("Caseroom"))
        self.workspace: Workspace | None = None
        self.screens: list[QWidget] = []  # home, then case, then meeting: Back pops one
        self.resume: tuple[str, list[tuple[str, ...]], int] | None = None
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.unlock_screen = UnlockScreen(folder, keychain or Keychain())
        self.unlock_screen.unlocked.connect(self.on_unlocked)
        self.stack.addWidget(self.unlock_screen)
        self._presenter: PresenterView | None = None
        self._finishing = False  # lock() waiting for background work

        def action(
            text: str, shortcut: QKeySequence | QKeySequence.StandardKey | str, slot: object
        ) -> QAction:
            act = QAction(tr(text), self)
            act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            act.setEnabled(False)
            return act

        self.lock_action = action("&Lock", "Ctrl+L", self.lock)
        self.home_action = action("&Home", "Alt+Home", self.go_home)
        self.back_action = action("&Back", "Alt+Left", self.go_back)
        self.quit_action = action("&Quit", QKeySequence.StandardKey.Quit, self.close)
        self.quit_action.setEnabled(True)
        self.admin_action = action("&Administration", "Ctrl+Shift+A", self.show_admin)
        self.review_action = action("&Review of operations", "Ctrl+R", self.show_review)
        self.identity_action = action(
            "Use my organisation's signing &identity (PKCS#12)…",
            "Ctrl+Shift+I",
            self.import_identity,
        )
        self.presenter_action = action("Show the &room screen", "F5", self.toggle_presenter)
        self.presenter_action.setCheckable(True)
        self.family_safe_action = action(
            "Family &view: hide what is withheld from the family",
            "Ctrl+H",
            self._family_view_toggled,
        )
        self.family_safe_action.setCheckable(True)
        self.session_actions = [
            self.identity_action,
            self.lock_action,
            self.home_action,
            self.back_action,
            self.presenter_action,
            self.family_safe_action,
        ]
        menu = self.menuBar().addMenu(tr("&Workspace"))
        menu.addActions(
            [self.lock_action, self.admin_action, self.identity_action, self.quit_action]
        )
        go = self.menuBar().addMenu(tr("G&o"))
        go.addActions([self.home_action, self.back_action, self.review_action])
        room = self.menuBar().addMenu(tr("Room s&creen"))
        room.addActions([self.presenter_action, self.family_safe_action])
        self.screen_menu = room.addMenu(tr("Show on &screen"))
        self.shortcuts_action = action("&Keyboard shortcuts", "F1", self.show_shortcuts)
        self.shortcuts_action.setEnabled(True)
        self.menuBar().addMenu(tr("H&elp")).addAction(self.shortcuts_action)
        self.screen_group = QActionGroup(self)
        for i, screen in enumerate(QGuiApplication.screens()):
            act = self.screen_menu.addAction(f"{i + 1}: {screen.name()}")
            act.setCheckable(True)
            act.setChecked(i == len(QGuiApplication.screens()) - 1)
            act.triggered.connect(lambda _=False, n=i: self.presenter.place_on(n))
            self.screen_group.addAction(act)

        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.lock)
        self.idle_ms = 5 * 60_000
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.resize(1280, 820)
        self.about_action = add_about_action(self.menuBar(), self)

    @property
    def presenter(self) -> PresenterView:
        if self._presenter is None:
            from ui.presenter_view import PresenterView

            self._presenter = PresenterView()
            self._presenter.family_mode_changed.connect(self.family_safe_action.setChecked)
        return self._presenter

    def _family_view_toggled(self) -> None:
        self.presenter.set_family_mode(self.family_safe_action.isChecked())

    # --- idle lock -----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()  # (every event of the app passes here: one call, not two)
        if kind in _INPUT_EVENTS:
            if self.workspace is not None:
                self.idle_timer.start(self.idle_ms)
        elif kind == QEvent.Type.Polish and isinstance(watched, QTableView):
            # Every table of every screen: Tab leaves it, arrows move between its cells.
            watched.setTabKeyNavigation(False)
        return False

    # --- navigation ----------------------------------------------------------------------
    def _push(self, screen: QWidget) -> None:
        self.screens.append(screen)
        self.stack.addWidget(screen)
        read_only.hold_within(screen)
        self.stack.setCurrentWidget(screen)
        screen.setFocus()
        self.back_action.setEnabled(len(self.screens) > 1)

    def _pop_to(self, depth: int) -> bool:
        while len(self.screens) > depth:
            screen = self.screens[-1]
            if not screen.save_pending():  # type: ignore[attr-defined]
                return False
            self.screens.pop()
            self._discard(screen)
        if self.screens:
            self.stack.setCurrentWidget(self.screens[-1])
            from ui.home_screen import HomeScreen

            if isinstance(self.screens[-1], HomeScreen):
                self.screens[-1].refresh()
        self.back_action.setEnabled(len(self.screens) > 1)
        return True

    def _discard(self, screen: QWidget) -> None:
        """Take a screen out of the window now (not at the next event loop turn) and delete it."""
        self.stack.removeWidget(screen)
        screen.hide()
        screen.setParent(None)
        screen.deleteLater()

    def go_home(self) -> None:
        self._pop_to(1)

    def go_back(self) -> None:
        self._pop_to(max(1, len(self.screens) - 1))

    def show_case(self, case_id: str) -> None:
        from ui.case_screen import CaseScreen

        assert self.workspace is not None
        if self._pop_to(1):
            screen = CaseScreen(self.workspace, case_id)
            screen.open_meeting.connect(self.show_meeting)
            screen.open_case_reference.connect(self.show_case_by_reference)
            self._push(screen)

    def show_case_by_reference(self, reference: str) -> None:
        from storage import records

        if self.workspace is not None:
            case_id = records.case_id_for_reference(self.workspace.conn, reference)
            if case_id:
                self.show_case(case_id)

    def show_meeting(self, case_id: str, meeting_id: str) -> None:
        from models.family_view import AGENDA, AgendaStep
        from ui.case_screen import CaseScreen
        from ui.meeting_screen import MeetingScreen

        assert self.workspace is not None
        if not (
            len(self.screens) >= 2
            and isinstance(self.screens[1], CaseScreen)
            and self.screens[1].case.id == case_id
        ):
            self.show_case(case_id)
        if not self._pop_to(2):
            return
        screen = MeetingScreen(self.workspace, case_id, meeting_id)
        screen.step_changed.connect(
            lambda step: self.presenter.show_meeting(screen.meeting, AgendaStep(step), screen.case)
        )
        screen.meeting_changed.connect(lambda m: self.presenter.show_meeting(m, None, screen.case))
        self._push(screen)
        self.presenter.show_meeting(
            screen.meeting, AGENDA[screen.pages.currentIndex()], screen.case
        )

    def show_admin(self) -> None:
        from models.users import Role

        if (
            self.workspace is not None
            and Role.ADMIN in self.workspace.user.roles
            and self._pop_to(1)
        ):
            from ui.admin_screen import AdminScreen

            self._push(AdminScreen(self.workspace))

    def show_review(self) -> None:
        from models.users import Role

        if (
            self.workspace is not None
            and {Role.ADMIN, Role.CHAIR} & self.workspace.user.roles
            and self._pop_to(1)
        ):
            from ui.review_screen import ReviewScreen

            screen = ReviewScreen(self.workspace)
            screen.open_meeting.connect(self.show_meeting)
            self._push(screen)

    def import_identity(self) -> None:
        from ui.signing_identity import import_identity

        if self.workspace is not None:
            import_identity(self, self.workspace)

    def show_shortcuts(self) -> None:
        from ui.shortcuts import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def toggle_presenter(self, on: bool) -> None:
        self.presenter.setVisible(on)

    # --- unlock and lock -----------------------------------------------------------------
    def on_unlocked(self, ws: Workspace) -> None:
        from models.users import Role
        from storage.reference_data import load_reference
        from ui.home_screen import HomeScreen

        self.workspace = ws
        reference = load_reference(ws.conn)
        self.idle_ms = reference.idle_lock_minutes * 60_000
        for act in self.session_actions:
            act.setEnabled(True)
        self.admin_action.setEnabled(Role.ADMIN in ws.user.roles)
        self.review_action.setEnabled(bool({Role.ADMIN, Role.CHAIR} & ws.user.roles))
        # A session that reads only: every button that changes the record is disabled, saying why.
        read_only.set_reason(self, ws.read_only)
        self.identity_action.setEnabled(not ws.read_only)
        home = HomeScreen(ws, time_zone=reference.time_zone)
        home.open_case.connect(self.show_case)
        home.open_meeting.connect(self.show_meeting)
        self._push(home)
        self.setWindowTitle(tr("Caseroom — {0}").format(ws.user.display_name))
        if ws.read_only:
            self.setWindowTitle(tr("Caseroom — {0} (read-only)").format(ws.user.display_name))
            self.statusBar().showMessage(tr(ws.read_only))
        elif ws.upgraded:  # made by an older Caseroom: upgraded, with a backup beside it
            self.statusBar().showMessage(ws.upgraded.describe())
        self._finish_check(ws)
        resume, self.resume = self.resume, None
        if resume and resume[0] == ws.user.name:
            for place in resume[1]:
                if place[0] == "case":
                    self.show_case(place[1])
                elif place[0] == "meeting":
                    self.show_meeting(place[1], place[2])
                    self.screens[-1].agenda_list.setCurrentRow(resume[2])  # type: ignore[attr-defined]
        self.idle_timer.start(self.idle_ms)

    def _where(self) -> list[tuple[str, ...]]:
        from ui.case_screen import CaseScreen
        from ui.meeting_screen import MeetingScreen

        places: list[tuple[str, ...]] = []
        for screen in self.screens:
            if isinstance(screen, CaseScreen):
                places = [("case", screen.case.id)]
            elif isinstance(screen, MeetingScreen):
                places = [("meeting", screen.case.id, screen.meeting.id)]
        return places

    def _finish_check(self, ws: Workspace) -> None:
        """A big workspace's full page check runs after unlock, off the UI thread; writes
        wait for it, and damage found locks the window and says so."""
        from storage.errors import WorkspaceError
        from ui.operations import run_in_background

        def check() -> None:
            with ws.for_thread() as worker:
                ws.check_pages(worker.conn)

        def failed(exc: BaseException) -> None:
            if self.workspace is ws:
                self.lock()
                if isinstance(exc, WorkspaceError):
                    self.unlock_screen.message.setText(str(exc))

        def start() -> None:
            if self.workspace is ws and ws.check_pending:
                run_in_background(
                    self, check, lambda _none: None, failed, tr("checking the workspace")
                )

        if ws.check_pending:
            # It reads every page (seconds on a big workspace): once the home screen is drawn.
            QTimer.singleShot(PAGE_CHECK_AFTER_MS, self, start)

    def lock(self) -> None:
        if self.workspace is None or self._finishing:
            return
        self.idle_timer.stop()
        # Background work (signing, a preview, a search) finishes and lands first.
        self._finishing = True
        operations.finish_all(self, self.statusBar().showMessage)
        self._finishing = False
        if self.workspace is None:
            return  # locked meanwhile (the background check found damage)
        _close_dialogs()
        last = self.screens[-1] if self.screens else None
        step = (
            last.agenda_list.currentRow()
            if last is not None and hasattr(last, "agenda_list")
            else 0
        )
        self.resume = (self.workspace.user.name, self._where(), step)
        for screen in reversed(self.screens):
            # What cannot be saved (a rule broken) is kept as an encrypted draft by the screen
            # and put back, with its messages, on the next unlock.
            screen.save_pending()  # type: ignore[attr-defined]
            self._discard(screen)
        self.screens = []
        if self._presenter is not None:
            self._presenter.clear()
            self._presenter.hide()
        self.presenter_action.setChecked(False)
        QGuiApplication.clipboard().clear()  # case text copied before locking does not outlive it
        self.workspace.close()
        self.workspace = None
        for act in self.session_actions:
            act.setEnabled(False)
        self.admin_action.setEnabled(False)
        self.review_action.setEnabled(False)
        self.setWindowTitle(tr("Caseroom"))
        self.stack.setCurrentWidget(self.unlock_screen)
        self.unlock_screen.reset()

    def closeEvent(self, event: QEvent) -> None:
        self.lock()
        if self._presenter is not None:
            self._presenter.close()
        super().closeEvent(event)  # type: ignore[arg-type]
