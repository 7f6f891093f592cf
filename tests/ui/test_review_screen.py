"""The Review screen by keyboard: Ctrl+R, a custom period typed in, Enter on a figure lists
its meetings, Enter on a meeting opens it (a case view in the audit log)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from storage import audit
from storage.keychain import Keychain
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.review_bundle import review_workspace_copy
from tests.ui.keyboard import CTRL, Person
from ui.main_window import MainWindow
from ui.meeting_screen import MeetingScreen
from ui.review_screen import ReviewScreen

KEY = Qt.Key


@pytest.fixture
def review_folder(tmp_path_factory, tmp_path):
    return review_workspace_copy(tmp_path_factory, tmp_path)


def test_review_by_keyboard_figure_to_meetings_to_the_meeting(qtbot, review_folder, fail_keyring):
    window = MainWindow(review_folder, Keychain())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    me = Person()
    me.type("chair")
    me.press(KEY.Key_Return)
    me.type(PASSPHRASE)
    with qtbot.waitSignal(window.unlock_screen.unlocked, timeout=20_000):
        me.press(KEY.Key_Return)
    qtbot.waitUntil(lambda: me.focus().window() is window)

    me.press(KEY.Key_R, CTRL)
    screen = window.screens[-1]
    assert isinstance(screen, ReviewScreen)
    assert me.at() == "Period"
    me.fill("To", "2026-11-31")
    me.press(KEY.Key_Return)
    assert screen.message.text() == (
        "To '2026-11-31' is not a date: write it as YYYY-MM-DD, e.g. 2026-11-30."
    )
    me.fill("To", "2026-10-30")
    me.fill("From", "2026-11-01")
    me.press(KEY.Key_Return)
    assert screen.message.text() == "The period ends before it starts: check the dates."
    me.fill("To", "2026-11-30")
    me.press(KEY.Key_Return)
    assert screen.preset.currentData() == "custom"
    qtbot.waitUntil(
        lambda: (
            screen.review is not None
            and (screen.review.period.start.isoformat(), screen.review.period.end.isoformat())
            == ("2026-11-01", "2026-11-30")
        ),
        timeout=10_000,
    )
    assert "Shown: 01 Nov 2026 to 30 Nov 2026" in screen.state.text()

    me.tab_to("Timeliness of decisions: figures")
    me.press(KEY.Key_Down)  # the second figure: red decisions late (none)
    me.press(KEY.Key_Down)  # the third: the median for red, behind it a1
    me.press(KEY.Key_Return)
    assert me.at() == "Meetings behind the figure"
    assert [r[0] for r in screen.behind_model.rows] == ["a1"]
    assert "Median hours" in screen.behind_title.text()

    me.tab_to("Every decision not to share", back=True)
    me.press(KEY.Key_Down)  # the second: REV-B's
    me.press(KEY.Key_Return)
    assert [r[1:] for r in screen.behind_model.rows] == [
        ("REV-B", "2026-11-02", "Strategy meeting")
    ]
    me.press(KEY.Key_Return)  # open it
    qtbot.waitUntil(lambda: isinstance(window.screens[-1], MeetingScreen), timeout=10_000)
    assert window.screens[-1].meeting.id == "b1"  # type: ignore[attr-defined]
    window.lock()

    with Workspace.open(review_folder, "chair", PASSPHRASE) as ws:
        events = audit.events(ws.conn, 40)
    shown = [json.loads(e["detail"]) for e in events if e["action"] == "review.report"]
    assert {"from": "2026-11-01", "to": "2026-11-30", "format": "screen"}.items() <= shown[
        0
    ].items()
    assert any(e["action"] == "case.view" and e["entity_id"] == "case-b" for e in events)


def test_a_member_has_no_review(qtbot, review_folder, fail_keyring):
    window = MainWindow(review_folder, Keychain())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    me = Person()
    me.type("member")
    me.press(KEY.Key_Return)
    me.type(PASSPHRASE)
    with qtbot.waitSignal(window.unlock_screen.unlocked, timeout=20_000):
        me.press(KEY.Key_Return)
    qtbot.waitUntil(lambda: me.focus().window() is window)
    assert not window.review_action.isEnabled()
    me.press(KEY.Key_R, CTRL)
    assert not any(isinstance(s, ReviewScreen) for s in window.screens)
    window.lock()


def test_saving_the_review_as_csv_and_signed_pdf_from_the_screen(
    qtbot, review_folder, tmp_path, monkeypatch
):
    import csv

    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from reports.verify import Verdict
    from storage.verification import verify_with_published
    from tests.ui.keyboard import ALT

    out = tmp_path / "out"
    out.mkdir()
    chosen: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (chosen[-1], ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (PASSPHRASE, True))
    with Workspace.open(review_folder, "chair", PASSPHRASE) as ws:
        screen = ReviewScreen(ws)
        qtbot.addWidget(screen)
        screen.show()
        screen.activateWindow()
        qtbot.waitExposed(screen)
        me = Person()
        me.fill("From", "2026-11-01")
        me.fill("To", "2026-11-30")
        me.press(KEY.Key_Return)
        chosen.append(str(out / "november.csv"))
        me.press(KEY.Key_V, ALT)
        qtbot.waitUntil(lambda: "Saved to" in screen.state.text(), timeout=20_000)
        rows = list(csv.reader((out / "november.csv").open(encoding="utf-8")))
        assert rows[0] == ["section", "measure", "group", "value"]
        assert ["meetings", "held", ICPC_TYPE, "2"] in rows
        chosen.append(str(out / "november"))  # the extension is added
        me.press(KEY.Key_D, ALT)
        qtbot.waitUntil(lambda: (out / "november.pdf").exists(), timeout=60_000)
        qtbot.waitUntil(lambda: "november.pdf" in screen.state.text(), timeout=20_000)
        events = [
            json.loads(e["detail"])["format"]
            for e in audit.events(ws.conn, 20)
            if e["action"] == "review.report"
        ]
        assert events[:2] == ["pdf", "csv"]
    assert verify_with_published(review_folder, out / "november.pdf").verdict is Verdict.TRUSTED


ICPC_TYPE = "Initial child protection conference"
