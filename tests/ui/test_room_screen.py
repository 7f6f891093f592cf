"""The room screen: each step shows its own content; family mode hides every withheld item."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from models.family_view import AgendaStep
from models.meeting import Attendance, AttendanceStatus
from models.people import CasePerson, PersonRole
from tests.family_meeting import KINDS, NOT_SHARED_WORD, build, word
from ui.presenter_view import BODY_PX_AT_1080, PresenterView

# Which step shows each kind of item.
STEP_OF = {
    "attendance": AgendaStep.ATTENDANCE,
    "contribution": AgendaStep.CONTRIBUTIONS,
    "sharing": AgendaStep.SHARING,
    "voice": AgendaStep.VOICE,
    "worry": AgendaStep.RISK,
    "complicating": AgendaStep.RISK,
    "working_well": AgendaStep.RISK,
    "existing_safety": AgendaStep.RISK,
    "danger": AgendaStep.RISK,
    "scaling": AgendaStep.RISK,
    "cse": AgendaStep.RISK,
    "decisions": AgendaStep.DECISIONS,
    "dissent": AgendaStep.DECISIONS,
    "action": AgendaStep.ACTIONS,
    "review": AgendaStep.REVIEW,
    "police": AgendaStep.DECISIONS,
    "contingency": AgendaStep.DECISIONS,
    "referral": AgendaStep.DECISIONS,
}


@pytest.fixture
def room(qtbot):
    view = PresenterView()
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_every_kind_has_its_step():
    assert set(STEP_OF) == set(KINDS)


def test_each_step_shows_its_own_content(room):
    case, meeting = build({})
    for kind, step in STEP_OF.items():
        room.show_meeting(meeting, step, case)
        assert word(kind) in room.body.text(), (kind, step)
    room.show_meeting(meeting, AgendaStep.NEXT_MEETING, case)
    assert "01 Dec 2026" in room.body.text()
    room.show_meeting(meeting, AgendaStep.PURPOSE, case)
    assert room.heading.text().endswith("Purpose and confidentiality")


def test_ctrl_h_on_the_room_window_hides_every_withheld_item(room):
    case, meeting = build(dict.fromkeys(KINDS, True))
    room.show_meeting(meeting, AgendaStep.ATTENDANCE, case)
    assert not room.family_mode  # no family member is present
    assert "Professional view" in room.visible_text()
    for kind, step in STEP_OF.items():
        room.show_meeting(meeting, step, case)
        assert word(kind) in room.visible_text(), kind
    QTest.keyClick(room, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert room.family_mode and "Family view: withheld items hidden" in room.visible_text()
    for step in AgendaStep:
        room.show_meeting(meeting, step, case)
        text = room.visible_text()
        leaked = [kind for kind in KINDS if word(kind) in text]
        assert not leaked and NOT_SHARED_WORD not in text, (step, leaked)
    QTest.keyClick(room, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert not room.family_mode


def test_family_mode_is_on_when_the_family_is_in_the_room(room):
    case, meeting = build({"contribution": True})
    mother = CasePerson(id="p2", name="Leila Haddad", role=PersonRole.PARENT)
    case = case.model_copy(update={"people": [*case.people, mother]})
    meeting = meeting.model_copy(
        update={
            "attendance": [
                *meeting.attendance,
                Attendance(id="at9", name="Leila Haddad", person_id="p2"),
            ]
        }
    )
    room.show_meeting(meeting, AgendaStep.CONTRIBUTIONS, case)
    assert room.family_mode and word("contribution") not in room.visible_text()
    absent = meeting.model_copy(
        update={
            "id": "m-other",
            "attendance": [
                a.model_copy(update={"status": AttendanceStatus.APOLOGIES})
                if a.person_id == "p2"
                else a
                for a in meeting.attendance
            ],
        }
    )
    room.set_family_mode(False)
    room.show_meeting(absent, AgendaStep.CONTRIBUTIONS, case)
    assert not room.family_mode


def test_body_text_is_large_enough_to_read_across_the_room(room):
    assert room.body.font().pixelSize() >= BODY_PX_AT_1080
