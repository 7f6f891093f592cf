"""The main window: the unlock screen, then the screens of an unlocked workspace.

Locking (Ctrl+L, or after the workspace's idle time) saves pending edits, closes the
workspace, drops every screen that showed case data, and shows the unlock screen again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget

from storage.keychain import Keychain
from storage.workspace import Workspace
from ui.home_screen import HomeScreen
from ui.unlock_screen import UnlockScreen

DEFAULT_IDLE_MINUTES = 5
_INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


class MainWindow(QMainWindow):
    def __init__(self, folder: Path, keychain: Keychain | None = None) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Caseroom"))
        self.workspace: Workspace | None = None
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.unlock_screen = UnlockScreen(folder, keychain or Keychain())
        self.unlock_screen.unlocked.connect(self.on_unlocked)
        self.stack.addWidget(self.unlock_screen)
        self.home: HomeScreen | None = None

        self.lock_action = QAction(self.tr("&Lock"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.lock_action.setEnabled(False)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        menu = self.menuBar().addMenu(self.tr("&Workspace"))
        menu.addAction(self.lock_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)

        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.lock)
        self.idle_ms = DEFAULT_IDLE_MINUTES * 60_000
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.resize(1200, 800)

    # --- idle lock -------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.workspace is not None and event.type() in _INPUT_EVENTS:
            self.idle_timer.start(self.idle_ms)
        return False

    # --- unlock and lock -------------------------------------------------------------
    def on_unlocked(self, ws: Workspace) -> None:
        self.workspace = ws
        self.home = HomeScreen(ws)
        self.stack.addWidget(self.home)
        self.stack.setCurrentWidget(self.home)
        self.lock_action.setEnabled(True)
        self.setWindowTitle(self.tr("Caseroom — {0}").format(ws.user.display_name))
        self.idle_timer.start(self.idle_ms)
        self.home.setFocus()

    def lock(self) -> None:
        if self.workspace is None:
            return
        self.idle_timer.stop()
        if self.home is not None:
            self.home.save_pending()
            self.stack.removeWidget(self.home)
            self.home.deleteLater()
            self.home = None
        self.workspace.close()
        self.workspace = None
        self.lock_action.setEnabled(False)
        self.setWindowTitle(self.tr("Caseroom"))
        self.stack.setCurrentWidget(self.unlock_screen)
        self.unlock_screen.reset()

    def closeEvent(self, event: QEvent) -> None:  # type: ignore[override]
        self.lock()
        super().closeEvent(event)  # type: ignore[arg-type]
