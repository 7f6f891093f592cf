"""The app signs on a worker with its own connection: a save meanwhile is no crash dialog."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from storage import cases, records
from storage.demo import make_demo
from storage.keychain import Keychain
from storage.minutes import confirm_family_check
from tests.storage.test_threads import PausedSigning
from ui.main_window import MainWindow

PASS = "meeting passphrase"


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("signing") / "demo"
    make_demo(folder, PASS)
    return folder


@pytest.fixture
def window(qtbot, demo_template, tmp_path, fail_keyring):
    folder = tmp_path / "ws"
    shutil.copytree(demo_template, folder)
    win = MainWindow(folder, Keychain())
    qtbot.addWidget(win)
    win.show()
    screen = win.unlock_screen
    screen.user_edit.setText("chair")
    screen.pass_edit.setText(PASS)
    with qtbot.waitSignal(screen.unlocked, timeout=15_000):
        qtbot.keyClick(screen.pass_edit, Qt.Key.Key_Return)
    yield win
    win.lock()


def test_a_save_while_the_app_signs(qtbot, window, monkeypatch):
    window.show_case_by_reference("MASH-2026-000004")
    case_id = window.screens[-1].case.id
    window.show_meeting(case_id, "g1-m73")
    meeting = window.screens[-1]
    minutes = meeting.minutes
    meeting.pages.setCurrentWidget(minutes)
    qtbot.waitUntil(lambda: minutes.document.pageCount() > 0, timeout=10_000)
    confirm_family_check(window.workspace, "g1-m73")
    pause = PausedSigning(monkeypatch)
    minutes.sign(PASS)
    qtbot.waitUntil(pause.started.is_set, timeout=20_000)
    ws = window.workspace
    other = next(c for c in cases.list_cases(ws) if c.id != case_id)
    opened = cases.open_case(ws, other.id)
    cases.save_case(ws, opened.model_copy(update={"allocated_worker": "Saved while signing"}))
    pause.go.set()
    qtbot.waitUntil(lambda: "Signed, version 1" in minutes.state.text(), timeout=30_000)
    assert minutes.message.text() == ""
    assert records.load_case(ws.conn, other.id).allocated_worker == "Saved while signing"
    assert ws.verify_audit().ok
