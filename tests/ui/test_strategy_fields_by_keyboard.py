"""The new fields of a strategy meeting, typed as a chair would (keys to whatever has the
focus), then read back from the workspace: the discipline warning, roles, harm context, the
strategy details, and no child protection plan to decide."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from models.meeting import HarmContext
from tests.ui.keyboard import CTRL, Person, meeting_screen, stored
from ui.attendance_step import AttendanceStep
from ui.risk_steps import DecisionsStep

KEY = Qt.Key


def _row(me: Person, fields: list[tuple[str, str]]) -> None:
    for name, text in fields:
        me.fill(name, text)
    me.press(KEY.Key_Return, CTRL)


def _warning(screen) -> QLabel:
    step = screen.step(0)
    assert isinstance(step, AttendanceStep)
    return step.warning


def test_a_missing_discipline_is_warned_and_its_reason_kept(qtbot, workspace):
    screen = meeting_screen(qtbot, workspace)
    me = Person()
    me.press(KEY.Key_1, CTRL)
    warning = _warning(screen)
    assert warning.isVisible() and "police" in warning.text()  # nobody yet
    _row(
        me,
        [
            ("Name", "Dana Chair"),
            ("Agency", "Children's social care"),
            ("Role", "Lead child protection practitioner"),
        ],
    )
    _row(me, [("Name", "Sam Lee"), ("Agency", "Police")])
    assert warning.isVisible()
    text = warning.text()
    assert (
        "Working Together 2023" in text
        and "health" in text
        and "police" not in text.split("nobody present from")[1].split(".")[0]
    )
    assert "CWSA 2026 s16EA" in text and "education" in text
    me.fill("Why a discipline is absent", "Health and school sent written reports.")
    _row(me, [("Name", "Dr Rao"), ("Agency", "Health")])
    assert "Working Together" not in warning.text() and "education" in warning.text()
    me.press(KEY.Key_S, CTRL)

    m = stored(workspace)
    assert m.disciplines_absent_reason == "Health and school sent written reports."
    assert m.attendance[0].role == "Lead child protection practitioner"


def test_strategy_details_typed_and_kept(qtbot, workspace):
    screen = meeting_screen(qtbot, workspace)
    me = Person()
    me.press(KEY.Key_2, CTRL)
    me.tab_to("Where the harm happens")
    me.press(KEY.Key_Home)
    me.press(KEY.Key_Down)  # outside the home
    me.press(KEY.Key_Space)
    me.press(KEY.Key_Down)  # online
    me.press(KEY.Key_Space)
    me.fill("End time", "15:10")

    me.press(KEY.Key_8, CTRL)
    step = screen.step(screen.pages.currentIndex())
    assert isinstance(step, DecisionsStep)
    assert not step.form.rows["protection_plan"].isVisible()  # a conference decides that
    assert step.form.rows["section_47"].isVisible()
    assert step.strategy_box.isVisible()
    me.fill("Crime reference", "CR/2026/88317")
    me.fill("Officer in charge", "DS Kaur")
    me.fill("Section 47 enquiry: lead practitioner", "Chinedu Okafor")
    me.fill("What the family will not be told", "The date of the interview")
    me.tab_to("Referrals")
    me.press(KEY.Key_Insert)
    _row(
        me, [("Referral to", "National Referral Mechanism (NRM)"), ("Date referred", "2026-11-21")]
    )
    me.press(KEY.Key_S, CTRL)

    m = stored(workspace)
    assert m.harm_context == [HarmContext.OUTSIDE_HOME, HarmContext.ONLINE]
    assert m.end_time is not None and m.end_time.strftime("%H:%M") == "15:10"
    police = m.strategy.police
    assert (police.crime_reference, police.officer_in_charge) == ("CR/2026/88317", "DS Kaur")
    assert police.withheld_from_family  # by default
    assert m.strategy.s47_lead == "Chinedu Okafor"
    assert m.strategy.not_told.what == "The date of the interview"
    assert [(r.kind, r.made_on.isoformat()) for r in m.strategy.referrals] == [
        ("National Referral Mechanism (NRM)", "2026-11-21")
    ]
    assert m.decisions.protection_plan is None


def test_the_admin_form_edits_each_agencys_discipline(qtbot):
    from models.disciplines import Discipline
    from models.reference import ReferenceData
    from ui.admin_screen import EDITED_APART
    from ui.forms import ModelForm

    form = ModelForm(ReferenceData, exclude=EDITED_APART)
    qtbot.addWidget(form)
    form.set_value(ReferenceData())
    editor = form.editors["agency_disciplines"].widget
    editor.setPlainText(editor.toPlainText() + "\nYouth justice: social work")
    value = form.value()
    assert value is not None
    assert value.agency_disciplines["Youth justice"] is Discipline.SOCIAL_WORK
    editor.setPlainText("Police: constabulary")
    assert form.value() is None and form.errors["agency_disciplines"].text()


def test_decisions_per_child_typed_for_the_second_child(qtbot, workspace):
    from models.meeting import MeetingStatus
    from storage import cases
    from tests.strategy_meeting import strategy_case
    from tests.ui.keyboard import _has_focus
    from ui.meeting_screen import MeetingScreen

    case, meeting = strategy_case()
    meeting = meeting.model_copy(
        update={"child_decisions": [], "status": MeetingStatus.IN_PROGRESS}
    )
    cases.save_case(workspace, case.model_copy(update={"meetings": [meeting]}))
    screen = MeetingScreen(workspace, case.id, meeting.id)
    qtbot.addWidget(screen)
    screen.resize(1280, 900)
    screen.show()
    screen.activateWindow()
    qtbot.waitExposed(screen)
    qtbot.waitUntil(lambda: _has_focus(screen), timeout=3000)
    me = Person()
    me.press(KEY.Key_8, CTRL)
    me.press(KEY.Key_S, CTRL)
    assert stored(workspace, meeting.id).child_decisions == []  # only looked: nothing per child
    me.tab_to("Section 47 enquiry")  # Amira's
    me.press(KEY.Key_Tab)
    me.tab_to("Section 47 enquiry")  # Sami's
    me.type("n")
    me.press(KEY.Key_S, CTRL)
    m = stored(workspace, meeting.id)
    by_child = {d.person_id: d.section_47 for d in m.child_decisions}
    assert by_child == {"p1": True, "p2": False}
