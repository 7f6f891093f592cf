"""Nothing typed is lost: an edit that breaks a rule survives an idle lock, as an encrypted
draft in the workspace, and comes back with its message on the next unlock."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from models.meeting import Meeting
from storage import cases, drafts
from storage.keychain import Keychain
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.ui.keyboard import CTRL, Person
from ui.main_window import MainWindow
from ui.meeting_screen import MeetingScreen

KEY = Qt.Key


def _unlock(qtbot, window, me: Person, user: str | None) -> None:
    screen = window.unlock_screen
    if user is not None:
        me.type(user)
        me.press(KEY.Key_Return)
    me.type(PASSPHRASE)
    with qtbot.waitSignal(screen.unlocked, timeout=20_000):
        me.press(KEY.Key_Return)


def test_idle_lock_keeps_an_invalid_edit_and_gives_it_back(qtbot, made_workspace, fail_keyring):
    folder, _ = made_workspace
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        case = cases.new_case(ws, "MASH-2026-000901", "Ava Okoro")
        meeting = Meeting(id="m-lock", type="Strategy meeting", date=date.today())
        cases.save_meeting(ws, case.id, meeting)
    window = MainWindow(folder, Keychain())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    me = Person()
    _unlock(qtbot, window, me, "chair")
    window.show_meeting(case.id, "m-lock")  # set-up: the keys below are the test
    meeting_screen = window.screens[-1]
    assert isinstance(meeting_screen, MeetingScreen)
    qtbot.waitUntil(lambda: me.focus().window() is window)
    me.press(KEY.Key_9, CTRL)
    me.fill("Action", "PENDING-DRAFT visit the school")  # no owner yet: breaks a rule
    me.fill("Owner's agency", "Education")

    window.idle_ms = 150
    window.idle_timer.start(150)
    qtbot.waitUntil(lambda: window.workspace is None, timeout=5000)
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        kept = drafts.read(ws, "meeting:m-lock")
        assert kept is not None and "PENDING-DRAFT" in str(kept)
        assert cases.open_meeting(ws, "m-lock")[1].actions == []  # not in the record itself
    assert "PENDING-DRAFT" not in (folder / "caseroom.db").read_bytes().decode("latin-1")

    qtbot.waitUntil(lambda: me.focus().window() is window)
    _unlock(qtbot, window, me, None)
    back = window.screens[-1]
    assert isinstance(back, MeetingScreen) and back.agenda_list.currentRow() == 8
    form = back.step(8).editor.form
    assert form.editors["what"].get() == "PENDING-DRAFT visit the school"
    assert form.editors["owner_agency"].get() == "Education"
    assert form.errors["owner"].text() == "Owner is required: it cannot be left empty."
    assert form.errors["owner"].isVisible()
    # Fill in what was missing: the message goes, the action is saved and the draft dropped.
    me.fill("Owner", "Mr Hale")
    assert not form.errors["owner"].text()
    me.press(KEY.Key_Return, CTRL)
    me.press(KEY.Key_S, CTRL)
    ws = window.workspace
    assert ws is not None
    assert [a.owner for a in cases.open_meeting(ws, "m-lock")[1].actions] == ["Mr Hale"]
    assert drafts.read(ws, "meeting:m-lock") is None


CHILD = r"""
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, sys.argv[1])
import storage  # noqa: F401
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from storage.workspace import Workspace
from ui.meeting_screen import MeetingScreen

app = QApplication([])
ws = Workspace.open(Path(sys.argv[2]), "chair", sys.argv[3])
screen = MeetingScreen(ws, sys.argv[4], "m-kill")
screen.show()
screen.activateWindow()
def settle(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)
settle(0.5)
focus = QApplication.focusWidget
QTest.keyClick(focus(), Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
for _ in range(3):
    QTest.keyClick(focus(), Qt.Key.Key_Tab)
    if focus().accessibleName() == "What the agency knows":
        break
QTest.keyClicks(focus(), "KILLED-MID-SENTENCE about the home")
from storage import drafts
end = time.monotonic() + 30  # the typing pauses: the draft is kept (slow machines: wait for it)
settle(2.5)
while drafts.read(ws, "meeting:m-kill") is None and time.monotonic() < end:
    settle(0.2)
print("typed", flush=True)
settle(60)
"""


def test_a_killed_app_loses_nothing_typed(made_workspace, tmp_path):
    import signal
    import subprocess
    import sys
    from pathlib import Path

    folder, _ = made_workspace
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        case = cases.new_case(ws, "MASH-2026-000902", "Ava Okoro")
        cases.save_meeting(ws, case.id, Meeting(id="m-kill", type="Strategy", date=date.today()))
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    root = str(Path(__file__).resolve().parents[2])
    child = subprocess.Popen(
        [sys.executable, str(script), root, str(folder), PASSPHRASE, case.id],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "typed"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        kept = drafts.read(ws, "meeting:m-kill")
    assert kept is not None
    forms = kept["steps"]["3"]["lists"][0]["form"]["fields"]
    assert forms["text"] == "KILLED-MID-SENTENCE about the home"
