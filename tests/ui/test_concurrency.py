"""The app and other writers: a save while signing, a second window, a stale save."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from storage import cases, records
from storage.connection import open_keyed
from storage.demo import make_demo
from storage.family_check import confirm_family_check
from storage.keychain import Keychain
from storage.keyslots import KeySlots
from tests.storage.test_threads import PausedSigning
from ui.main_window import MainWindow
from ui.meeting_steps import DetailsStep

PASS = "meeting passphrase"


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("signing") / "demo"
    make_demo(folder, PASS)
    return folder


def _unlocked(qtbot, folder):
    win = MainWindow(folder, Keychain())
    qtbot.addWidget(win)
    win.show()
    screen = win.unlock_screen
    screen.user_edit.setText("chair")
    screen.pass_edit.setText(PASS)
    with qtbot.waitSignal(screen.unlocked, timeout=15_000):
        qtbot.keyClick(screen.pass_edit, Qt.Key.Key_Return)
    return win


@pytest.fixture
def window(qtbot, demo_template, tmp_path, fail_keyring):
    folder = tmp_path / "ws"
    shutil.copytree(demo_template, folder)
    win = _unlocked(qtbot, folder)
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


def test_a_second_window_opens_read_only_and_says_so(qtbot, window):
    second = _unlocked(qtbot, window.workspace.folder)
    try:
        assert second.workspace.read_only and "(read-only)" in second.windowTitle()
        assert "open in another Caseroom window" in second.statusBar().currentMessage()
        assert window.workspace.read_only is None and "(read-only)" not in window.windowTitle()
    finally:
        second.lock()


def test_a_stale_save_is_refused_keeping_what_was_typed(qtbot, window):
    window.show_meeting("g1-case31", "g1-m22")
    meeting = window.screens[-1]
    row = next(r for r in range(20) if isinstance(meeting.step(r), DetailsStep))
    details = meeting.step(row)
    meeting.agenda_list.setCurrentRow(row)
    # Another program changes the venue of this very meeting.
    folder = window.workspace.folder
    conn = open_keyed(folder / "caseroom.db", KeySlots.load(folder).unlock("chair", PASS))
    conn.execute("BEGIN IMMEDIATE")
    case = records.load_case(conn, "g1-case31")
    changed = [
        m.model_copy(update={"venue": "Venue saved elsewhere"}) if m.id == "g1-m22" else m
        for m in case.meetings
    ]
    records.store_case(
        conn, case.model_copy(update={"meetings": changed}), records.load_reference(conn)
    )
    conn.execute("COMMIT")
    conn.close()
    venue = details.form.editors["venue"].widget
    venue.setText("Venue typed here")
    assert not meeting.save()
    assert "changed elsewhere since you opened it" in meeting.banner.text()
    assert meeting.reload_button.isVisibleTo(meeting)
    assert venue.text() == "Venue typed here"  # what was typed is kept
    meeting.reload_button.click()
    assert details.form.editors["venue"].widget.text() == "Venue saved elsewhere"
    assert not meeting.reload_button.isVisibleTo(meeting)
