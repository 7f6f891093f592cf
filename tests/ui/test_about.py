"""The app says who it is: name, version, desktop id, icon, and Help → About with licences."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from PySide6.QtWidgets import QMenu

import resources
from storage.keychain import Keychain
from ui.about import AboutDialog
from ui.app import APP_ID, app_icon
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def test_version_comes_from_the_project():
    assert resources.version() == VERSION
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and done.stdout.strip() == f"caseroom {VERSION}"


def test_icon_and_desktop_file_name_agree(qapp):
    assert not app_icon().pixmap(48, 48).isNull()
    desktop = resources.path(f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert f"Icon={APP_ID}" in desktop and "Exec=caseroom" in desktop


def test_help_menu_has_about_with_version_and_font_licence(qtbot, tmp_path):
    window = MainWindow(tmp_path / "ws", Keychain())
    qtbot.addWidget(window)
    assert window.about_action.isEnabled()
    help_menu = next(
        m for m in window.menuBar().findChildren(QMenu) if m.title().replace("&", "") == "Help"
    )
    assert window.about_action in help_menu.actions()
    dialog = AboutDialog(window)
    qtbot.addWidget(dialog)
    assert VERSION in dialog.heading.text()
    text = dialog.licences.toPlainText()
    assert "DejaVu" in text and "Bitstream" in text and "LGPL-3.0" in text
    assert "Kai-Uwe Behrmann" in text  # the ICC profile's licence
