"""The user's preferences: the window comes back where it was; without -w the last workspace
that opened is opened again, unless the organisation's policy names the folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

import storage.policy as policy
from storage.keychain import Keychain
from ui import preferences
from ui.main_window import MainWindow


def settings_in(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "caseroom.ini"), QSettings.Format.IniFormat)


def test_the_workspace_to_open(tmp_path, monkeypatch):
    settings = settings_in(tmp_path)
    default, given, last = tmp_path / "default", tmp_path / "given", tmp_path / "last"
    assert preferences.workspace_to_open(None, default, settings) == default
    settings.setValue(preferences.LAST_WORKSPACE, str(last))
    assert preferences.workspace_to_open(None, default, settings) == last
    assert preferences.workspace_to_open(given, default, settings) == given
    set_by = policy.Policy(workspace_folder=tmp_path / "org", values={"workspace_folder": "x"})
    monkeypatch.setattr(policy, "current", lambda: set_by)
    assert preferences.workspace_to_open(None, default, settings) == default


def test_the_window_comes_back_where_it_was(qtbot, tmp_path):
    settings = settings_in(tmp_path)
    first = MainWindow(tmp_path / "ws", Keychain())
    qtbot.addWidget(first)
    first.resize(700, 520)  # inside the offscreen screen (800 x 600)
    preferences.save(first, settings)
    again = MainWindow(tmp_path / "ws", Keychain())
    qtbot.addWidget(again)
    preferences.restore(again, settings_in(tmp_path))
    assert (again.width(), again.height()) == (700, 520)
