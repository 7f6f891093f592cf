"""A read-only session in the app: every write button disabled, saying why; reading works.

Read-only media is a real read-only file system (tests/read_only_media.py); a second window
on a workspace the first holds is the other way a session comes to read only.
"""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton, QToolTip, QWidget

from storage.read_only import READ_ONLY_MEDIA_REASON
from tests.conftest import snapshot_files
from tests.read_only_media import read_only_media
from tests.ui.test_concurrency import _unlocked, demo_template  # noqa: F401 - a fixture
from ui.item_list import ItemListEditor
from ui.meeting_steps import DetailsStep
from ui.read_only import is_write


def _write_buttons(window: QWidget) -> list[QPushButton]:
    return [b for b in window.findChildren(QPushButton) if is_write(b)]


def _all_held(window: QWidget, reason: str) -> int:
    buttons = _write_buttons(window)
    for button in buttons:
        assert not button.isEnabled(), button.text()
        assert button.toolTip() == reason, button.text()
    return len(buttons)


def _visit_everything(qtbot, window):
    """Home, a case, and every step of a meeting (steps are built when first shown)."""
    window.show_case_by_reference("MASH-2026-000004")
    case_id = window.screens[-1].case.id
    window.show_meeting(case_id, "g1-m73")
    meeting = window.screens[-1]
    for row in range(meeting.agenda_list.count()):
        meeting.agenda_list.setCurrentRow(row)
        meeting.step(row)
    return meeting


@pytest.fixture
def media(demo_template, tmp_path):  # noqa: F811 - the fixture imported above
    with read_only_media(
        tmp_path / "media", lambda at: shutil.copytree(demo_template, at / "ws")
    ) as at:
        yield at / "ws"


def test_on_read_only_media_it_reads_and_every_write_button_says_why(
    qtbot, media, tmp_path, fail_keyring, monkeypatch
):
    before = snapshot_files(media)
    window = _unlocked(qtbot, media)
    try:
        assert window.workspace.read_only == READ_ONLY_MEDIA_REASON
        assert "(read-only)" in window.windowTitle()
        assert window.statusBar().currentMessage() == READ_ONLY_MEDIA_REASON
        home = window.screens[-1]
        assert home.case_model.rowCount() > 0  # the cases are listed
        meeting = _visit_everything(qtbot, window)
        # Every write button of every screen visited, the lazily built steps' too.
        assert _all_held(window, READ_ONLY_MEDIA_REASON) >= 12
        # A screen that would enable its save button (an item chosen) cannot.
        meeting.save_button.setEnabled(True)
        assert not meeting.save_button.isEnabled()
        # The minutes read and export to a place elsewhere.
        minutes = meeting.minutes
        meeting.pages.setCurrentWidget(minutes)
        qtbot.waitUntil(lambda: minutes.document.pageCount() > 0, timeout=20_000)
        assert minutes.export_button.isEnabled() and not minutes.sign_button.isEnabled()
        out = tmp_path / "minutes.pdf"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
        minutes.export_button.click()
        assert out.read_bytes().startswith(b"%PDF"), minutes.message.text()
        # A save by its key (a disabled button's shortcut does not fire) says why, too.
        window.show_meeting("g1-case31", "g1-m22")
        meeting = window.screens[-1]
        row = next(r for r in range(20) if isinstance(meeting.step(r), DetailsStep))
        meeting.agenda_list.setCurrentRow(row)
        meeting.step(row).form.editors["venue"].widget.setText("Venue typed here")
        assert not meeting.save()
        assert "read-only media" in meeting.banner.text()
    finally:
        window.lock()
    assert snapshot_files(media) == before


def test_a_second_window_disables_its_write_buttons(qtbot, demo_template, tmp_path, fail_keyring):  # noqa: F811
    folder = tmp_path / "ws"
    shutil.copytree(demo_template, folder)
    first = _unlocked(qtbot, folder)
    second = _unlocked(qtbot, folder)
    try:
        _visit_everything(qtbot, second)
        assert _all_held(second, second.workspace.read_only) >= 12
        # The meeting's lists (every step was shown) do not invite a new entry: they say the
        # session reads only, and why.
        shown = second.screens[-1].findChildren(ItemListEditor)
        assert len(shown) >= 5 and all(
            e.state.text() == f"Read only: {second.workspace.read_only}" for e in shown
        )
        _visit_everything(qtbot, first)
        assert all(b.toolTip() == "" for b in _write_buttons(first))
        assert all(
            not e.state.text().startswith("Read only") for e in first.findChildren(ItemListEditor)
        )
        assert first.screens[-1].save_button.isEnabled()
    finally:
        second.lock()
        first.lock()


def _press_and_see_why(qtbot, keys: str) -> None:
    """Press `keys` where the focus is; the read-only reason shows beside the button."""
    QToolTip.hideText()
    qtbot.waitUntil(lambda: QToolTip.text() == "", timeout=3000)
    QTest.keySequence(QApplication.focusWidget(), QKeySequence(keys))
    qtbot.wait(600)  # (a question, had one been asked, is closed meanwhile and counted)
    assert QToolTip.text() == READ_ONLY_MEDIA_REASON, keys


def test_a_write_shortcut_says_why_and_asks_nothing(qtbot, media, fail_keyring):
    before = snapshot_files(media)
    window = _unlocked(qtbot, media)
    asked: list[str] = []

    def close_any_question() -> None:
        box = QApplication.activeModalWidget()
        if box is not None:
            asked.append(box.windowTitle())
            box.close()

    try:
        window.show_meeting("g1-case31", "g1-m22")  # still being recorded: Ctrl+Shift+E ends it
        meeting = window.screens[-1]
        status = meeting.meeting.status
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=3000)
        for keys in ("Ctrl+Shift+E", "Ctrl+Shift+O"):
            QTimer.singleShot(500, close_any_question)  # a question would block: close it
            _press_and_see_why(qtbot, keys)
            assert asked == [], keys
        assert meeting.meeting.status == status
        window.show_case_by_reference("MASH-2026-000004")
        _press_and_see_why(qtbot, "Ctrl+N")  # a new meeting
        window.go_home()
        _press_and_see_why(qtbot, "Ctrl+Shift+N")  # a new case
    finally:
        window.lock()
    assert snapshot_files(media) == before
