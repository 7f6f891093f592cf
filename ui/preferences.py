"""The user's own preferences: the window's size and place and the last workspace that opened.

Kept by Qt's QSettings: under HKCU in the registry on Windows, a .plist in
~/Library/Preferences on macOS, ~/.config/Caseroom/Caseroom.conf on Linux. No case data, no
names, no keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from storage import policy as org_policy
from ui.main_window import MainWindow

GEOMETRY = "window/geometry"
LAST_WORKSPACE = "workspace/last"


def workspace_to_open(given: Path | None, default: Path, settings: QSettings) -> Path:
    """-w if given; else the organisation's folder; else the last that opened; else default."""
    if given is not None:
        return given
    if org_policy.current().workspace_folder is not None:  # a policy wins over a preference
        return default
    last = settings.value(LAST_WORKSPACE)
    return Path(last) if isinstance(last, str) and last else default


def restore(window: MainWindow, settings: QSettings) -> None:
    """Put the window back where it was; remember the workspace once it opens."""
    geometry = settings.value(GEOMETRY)
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    window.unlock_screen.unlocked.connect(
        lambda *_: settings.setValue(LAST_WORKSPACE, str(window.unlock_screen.folder))
    )


def save(window: MainWindow, settings: QSettings) -> None:
    settings.setValue(GEOMETRY, window.saveGeometry())
    settings.sync()
