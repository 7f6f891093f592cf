"""Start the desktop app."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from types import TracebackType
from typing import cast

from PySide6.QtCore import QSettings, QThreadPool, QTimer
from PySide6.QtGui import QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

import resources
from ui.i18n import tr
from ui.main_window import MainWindow
from ui.translations import install_translators

# Set by `make package` and the install tests: start offscreen, show the first screen, quit.
SMOKE_TEST = "CASEROOM_SMOKE_TEST"
APP_ID = "org.caseroom.Caseroom"  # the .desktop file's name, so the desktop finds our icon


MIN_POINTS = 11.0


def app_icon() -> QIcon:
    return QIcon(str(resources.path("icons", "caseroom.svg")))


def is_dark(palette: QPalette) -> bool:
    """Whether the system's palette is a dark theme (light text on a dark window)."""
    window = palette.color(QPalette.ColorRole.Window).lightness()
    return window < palette.color(QPalette.ColorRole.WindowText).lightness()


def stylesheet(base_points: float, dark: bool = False) -> str:
    """The stylesheet with every @N@ replaced by N tenths of the base size; under a dark
    palette, style-dark.qss follows and sets each of its colours again, light on dark."""
    base = max(base_points, MIN_POINTS)
    text = resources.path("style.qss").read_text(encoding="utf-8")
    if dark:
        text += "\n" + resources.path("style-dark.qss").read_text(encoding="utf-8")
    return re.sub(r"@(\d+)@", lambda m: f"{base * int(m.group(1)) / 10:.1f}", text)


def _report_unexpected(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    """A defect must not vanish into a terminal, nor show a traceback (or case text) to the
    room: say it plainly, and keep what was saved."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(
        None,
        tr("Caseroom"),
        tr(
            "Something went wrong ({0}). What was saved before is safe; the last change "
            "may not have been saved. Please tell your administrator."
        ).format(kind.__name__),
    )


def make_app(argv: list[str] | None = None) -> QApplication:
    app = cast(QApplication, QApplication.instance() or QApplication(argv or sys.argv[:1]))
    app.setApplicationName("Caseroom")
    app.setOrganizationName("Caseroom")
    app.setApplicationVersion(resources.version())
    QGuiApplication.setDesktopFileName(APP_ID)
    QGuiApplication.setWindowIcon(app_icon())
    install_translators(app)
    apply_style(app)
    # The user may switch the system between light and dark while the app runs.
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_style(app))
    return app


def apply_style(app: QApplication) -> None:
    app.setStyleSheet(stylesheet(app.font().pointSizeF(), is_dark(app.palette())))


def run_app(folder: Path, user: str = "", folder_given: bool = True) -> int:
    """The window on `folder`; when the user did not choose one (-w), the last that opened."""
    app = make_app()
    sys.excepthook = _report_unexpected
    from storage import policy
    from ui import preferences

    settings = QSettings()
    folder = preferences.workspace_to_open(folder if folder_given else None, folder, settings)
    window = MainWindow(folder, policy.keychain())
    preferences.restore(window, settings)
    window.unlock_screen.user_edit.setText(user)
    window.show()
    window.unlock_screen.reset()
    if policy.current().problem:
        window.unlock_screen.message.setText(policy.current().problem)
    if os.environ.get(SMOKE_TEST):
        QTimer.singleShot(0, lambda: _smoke_test_done(app, window))
    code = app.exec()
    preferences.save(window, settings)
    QThreadPool.globalInstance().waitForDone()  # no background job may outlive the app
    return code


def _smoke_test_done(app: QApplication, window: MainWindow) -> None:
    """For packagers: the window came up (Qt's plugins, the icon and stylesheet loaded)."""
    print(f"Caseroom started: {type(window.stack.currentWidget()).__name__}", flush=True)
    app.quit()
