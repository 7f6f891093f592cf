"""A new item of an agency whose information is withheld asks whether it should be too."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from models.family_view import withholding_hint
from models.meeting import AgencyContribution, Meeting
from storage import cases
from tests.ui.keyboard import Person, _has_focus
from ui.meeting_screen import MeetingScreen

WITHHELD = AgencyContribution(
    id="c1",
    agency="Police",
    text="Intelligence on an associate",
    withheld_from_family=True,
    withheld_reason="Police investigation",
)


def test_the_rule_names_the_agency_and_the_kind():
    meeting = Meeting(id="m", type="Strategy meeting", date=date.today(), contributions=[WITHHELD])
    assert withholding_hint(meeting, "police", "action") == (
        "police information is withheld from the family; should this action be too?"
    )
    assert withholding_hint(meeting, "Health", "action") is None
    assert withholding_hint(meeting, "Police", "action", withheld=True) is None
    assert withholding_hint(meeting, "Police", "contribution", editing=WITHHELD) is None


def test_typing_the_agency_of_a_new_action_shows_the_nudge(qtbot, workspace):
    case = cases.new_case(workspace, "MASH-2026-000901", "Ava Okoro")
    meeting = Meeting(
        id="m-hint", type="Strategy meeting", date=date.today(), contributions=[WITHHELD]
    )
    cases.save_meeting(workspace, case.id, meeting)
    screen = MeetingScreen(workspace, case.id, meeting.id)
    qtbot.addWidget(screen)
    screen.show()
    screen.activateWindow()
    qtbot.waitUntil(lambda: _has_focus(screen), timeout=3000)
    me = Person()
    me.press(Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    actions = screen.step(8).editor
    me.fill("Action", "Joint visit")
    assert actions.hint.isHidden()
    me.fill("Owner's agency", "Police")
    assert not actions.hint.isHidden()
    assert "Police information is withheld from the family" in actions.hint.text()
    me.tab_to("Withheld from the family")
    me.press(Qt.Key.Key_Space)  # withheld too: the nudge goes
    assert actions.hint.isHidden()
