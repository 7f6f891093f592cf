"""No one-key accidents: status buttons are out of the Tab order, ending asks first, a
meeting can be reopened until signed (an audit event), deadlines passed are shown as such."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from models.meeting import Meeting
from storage import cases
from tests.ui.keyboard import CTRL, SHIFT, Person, meeting_screen, stored

KEY = Qt.Key


def test_status_buttons_are_not_on_the_way_and_ending_asks_first(qtbot, workspace):
    screen = meeting_screen(qtbot, workspace, status="in_progress")
    me = Person()
    seen = set()
    for _ in range(40):
        seen.add(me.focus())
        me.press(KEY.Key_Tab)
    assert screen.advance_button not in seen and screen.save_button not in seen
    me.press(KEY.Key_Space)  # a stray Space on whatever has the focus ends nothing
    assert stored(workspace).status.value == "in_progress"
    me.press(KEY.Key_Escape)  # (it opened the choice box there: closed again)
    me.answer(KEY.Key_Escape)  # "End the meeting?" — no
    me.press(KEY.Key_E, CTRL | SHIFT)
    assert "End the meeting?" in me.asked[-1]
    assert stored(workspace).status.value == "in_progress"
    me.answer(KEY.Key_E)
    me.press(KEY.Key_E, CTRL | SHIFT)
    assert stored(workspace).status.value == "minutes_draft"
    assert screen.reopen_button.isVisible()
    me.answer(KEY.Key_R)
    me.press(KEY.Key_O, CTRL | SHIFT)
    assert "Reopen the meeting?" in me.asked[-1]
    assert stored(workspace).status.value == "in_progress"
    from storage import audit

    moves = [e for e in audit.events(workspace.conn) if e["action"] == "meeting.status"]
    assert len(moves) == 2  # newest first: reopened, after ended
    assert '"to":"in_progress"' in moves[0]["detail"].replace(" ", "")
    assert '"to":"minutes_draft"' in moves[1]["detail"].replace(" ", "")


def test_people_and_agencies_are_offered_as_you_type(qtbot, workspace):
    screen = meeting_screen(qtbot, workspace)
    full = Meeting.model_validate(
        {
            **screen.meeting.model_dump(),
            "attendance": [{"id": "a1", "name": "Mehmet Yilmaz", "agency": "Education"}],
        }
    )
    cases.save_meeting(workspace, screen.case.id, full)
    screen.close()
    from ui.meeting_screen import MeetingScreen

    screen = MeetingScreen(workspace, full_case(workspace), full.id)
    qtbot.addWidget(screen)
    screen.show()
    screen.activateWindow()
    qtbot.waitExposed(screen)
    me = Person()
    qtbot.waitUntil(lambda: me.focus().window() is screen)
    me.press(KEY.Key_9, CTRL)
    me.tab_to("Owner")
    me.type("yil")
    completer = me.focus().completer()
    assert completer is not None and completer.completionCount() == 1
    assert completer.currentCompletion() == "Mehmet Yilmaz"
    names = {completer.model().index(i, 0).data() for i in range(completer.model().rowCount())}
    assert {"Mehmet Yilmaz", "Ava Okoro"} <= names  # the attendance and the case's people
    me.fill("Owner", "A new person")  # a name not offered still goes
    assert screen.step(8).editor.form.editors["owner"].get() == "A new person"


def full_case(workspace) -> str:
    return cases.open_meeting(workspace, "m-key")[0]


def test_a_passed_deadline_is_shown_as_an_error(qtbot, workspace):
    screen = meeting_screen(qtbot, workspace, status="in_progress")
    late = screen.meeting.model_copy(
        update={"contact_received_at": datetime.now(UTC) - timedelta(days=3)}
    )
    late = Meeting.model_validate(
        {**late.model_dump(), "risk": {**late.risk.model_dump(), "rag": "red"}}
    )
    screen.meeting = late
    screen._show_deadline()
    assert screen.deadline.objectName() == "error"
    assert "deadline has passed" in screen.deadline.text()
    assert "say why the decision was late, in Purpose and confidentiality" in screen.deadline.text()
