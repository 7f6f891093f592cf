"""A whole strategy meeting recorded by keyboard alone, read back from the workspace.

Every key goes to the widget with the focus (`Person`); the keys are counted, and the count is
in docs/guide.md (it must only fall).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from tests.ui.keyboard import CTRL, SHIFT, Person, meeting_screen, stored

KEY = Qt.Key
TODAY = date.today()
DUE = (TODAY + timedelta(days=7)).isoformat()
NEXT = (TODAY + timedelta(days=28)).isoformat()
KEYS_IN_THE_GUIDE = 207  # docs/guide.md states this count; it must only fall


def _row(me: Person, fields: list[tuple[str, str]]) -> None:
    """Fill one row's form (typing into text fields, letters into choice boxes, Space for
    a tick) and add it."""
    for name, text in fields:
        if text == " ":
            me.tab_to(name)
            me.press(KEY.Key_Space)
        elif text.startswith("="):  # a choice: type its letters
            me.go_to(name)
            me.type(text[1:])
        else:
            me.fill(name, text)
    me.press(KEY.Key_Return, CTRL)


def test_a_whole_strategy_meeting_by_keyboard(qtbot, workspace):
    screen = meeting_screen(qtbot, workspace)
    me = Person()
    me.press(KEY.Key_E, CTRL | SHIFT)  # start the meeting
    assert screen.meeting.status.value == "in_progress"

    # 1. Attendance
    me.press(KEY.Key_1, CTRL)
    _row(me, [("Name", "Dana Chair"), ("Agency", "Children's social care"), ("Role", "Chair")])
    _row(me, [("Name", "Mehmet Yilmaz"), ("Agency", "Education"), ("Status", "=a")])
    _row(
        me,
        [("Name", "Sam Lee"), ("Agency", "Police"), ("Status", "=d"), ("Deputy for", "DI Grant")],
    )
    _row(
        me,
        [
            ("Name", "Dr Rao"),
            ("Agency", "Health"),
            ("Status", "=i"),
            ("Information received on (information only)", TODAY.isoformat()),
        ],
    )

    # 2. Purpose
    me.press(KEY.Key_2, CTRL)
    me.fill("Venue", "MASH room 2")
    me.fill("Purpose", "Share information and decide on a section 47 enquiry.")

    # 4. Agency contributions: one opinion, one withheld
    me.press(KEY.Key_4, CTRL)
    _row(me, [("Agency", "Health"), ("What the agency knows", "Bruise seen on the arm.")])
    _row(
        me,
        [
            ("Agency", "Education"),
            ("What the agency knows", "Ava seems withdrawn lately."),
            ("Fact or opinion", "=o"),
        ],
    )
    _row(
        me,
        [
            ("Agency", "Police"),
            ("What the agency knows", "Partner has a caution for assault."),
            ("Withheld from the family", " "),
            ("Why it is withheld from the family", "Police investigation"),
        ],
    )
    _row(me, [("Agency", "Children's social care"), ("What the agency knows", "Known since 2024.")])

    # 5. Sharing decisions: one shared, one not
    me.press(KEY.Key_5, CTRL)
    me.tab_to("Information-sharing decisions")
    me.press(KEY.Key_Insert)
    shared = [
        ("Information", "School attendance record"),
        ("From agency", "Education"),
        ("To whom", "Police"),
        ("Consent sought", " "),
        ("Consent given", "=y"),
        ("Reasons for the decision", "Needed for the enquiry"),
        ("Decided by", "Dana Chair"),
    ]
    me.tab_to("Lawful basis")
    me.press(KEY.Key_Home)
    me.press(KEY.Key_Space)
    _row(me, shared)
    _row(
        me,
        [
            ("Information", "Mother's health records"),
            ("From agency", "Health"),
            ("To whom", "Police"),
            ("Why consent was not sought", "Would alert the partner"),
            ("Decision", "=n"),
            ("Reasons for the decision", "Not proportionate yet"),
            ("Decided by", "Dana Chair"),
        ],
    )

    # 6. The child's voice
    me.press(KEY.Key_6, CTRL)
    _row(
        me,
        [("In their own words", "I want to stay at school."), ("How it was gathered", "Visit")],
    )

    # 7. Risk: Signs of Safety, scaling with a dissent, CSE indicators
    me.press(KEY.Key_7, CTRL)
    _row(me, [("Entry", "Unexplained bruise")])  # the first list of the map: worries
    me.tab_to("Rag")
    me.type("r")
    me.fill("Rag reason", "Injury to a child under 12")
    me.press(KEY.Key_Tab, CTRL, times=2)  # to Scaling
    _row(me, [("Agency", "Police"), ("Score", "3")])
    _row(
        me,
        [("Agency", "Health"), ("Score", "6"), ("Dissent", " "), ("Dissent reason", "Safer")],
    )
    me.press(KEY.Key_Tab, CTRL)  # to CSE screening
    me.tab_to("CSE screening")
    for row, present in ((0, "y"), (2, "p")):
        me.press(KEY.Key_Home, CTRL)
        me.press(KEY.Key_Down, times=row)
        me.press(KEY.Key_Return)
        _row(me, [("Present", "=" + present), ("Level", "=m")])

    # 8. Decisions
    me.press(KEY.Key_8, CTRL)
    me.tab_to("Section 47 enquiry")
    me.type("y")
    me.tab_to("Investigation")
    me.type("j")
    me.fill("Who tells the parents", "Dana Chair")
    me.tab_to("Dissent")
    me.press(KEY.Key_Insert)
    _row(me, [("Agency", "Health"), ("Reason", "Would hold a conference first")])

    # 9. Four actions
    me.press(KEY.Key_9, CTRL)
    for what, owner, agency in (
        ("Joint visit", "Sam Lee", "Police"),
        ("Medical", "Dr Rao", "Health"),
        ("Talk to Ava", "Mehmet Yilmaz", "Education"),
        ("Plan", "Dana Chair", "Children's social care"),
    ):
        _row(me, [("Action", what), ("Owner", owner), ("Owner's agency", agency), ("Due", DUE)])

    # 10. Next meeting, save, end the meeting (it asks first)
    me.press(KEY.Key_PageDown, CTRL)
    me.fill("Next meeting date", NEXT)
    me.press(KEY.Key_S, CTRL)
    me.answer(KEY.Key_E)
    me.press(KEY.Key_E, CTRL | SHIFT)
    assert me.asked and "End the meeting?" in me.asked[-1]

    m = stored(workspace)
    assert m.status.value == "minutes_draft"
    assert m.start_time is not None and m.end_time is not None  # recorded by start and end
    assert [(a.name, a.agency, a.role, a.status.value, a.deputy_for) for a in m.attendance] == [
        ("Dana Chair", "Children's social care", "Chair", "present", ""),
        ("Mehmet Yilmaz", "Education", "", "apologies", ""),
        ("Sam Lee", "Police", "", "deputy", "DI Grant"),
        ("Dr Rao", "Health", "", "information_only", ""),
    ]
    assert m.attendance[3].information_received_on == TODAY
    assert (m.venue, m.purpose) == (
        "MASH room 2",
        "Share information and decide on a section 47 enquiry.",
    )
    assert [
        (c.agency, c.text, c.kind.value, c.withheld_from_family, c.withheld_reason)
        for c in m.contributions
    ] == [
        ("Health", "Bruise seen on the arm.", "fact", False, ""),
        ("Education", "Ava seems withdrawn lately.", "professional_opinion", False, ""),
        ("Police", "Partner has a caution for assault.", "fact", True, "Police investigation"),
        ("Children's social care", "Known since 2024.", "fact", False, ""),
    ]
    yes, no = m.sharing_decisions
    assert (yes.information, yes.from_agency, yes.to_whom, yes.outcome.value) == (
        "School attendance record",
        "Education",
        "Police",
        "shared",
    )
    assert yes.consent_sought and yes.consent_given is True and len(yes.lawful_basis) == 1
    assert (yes.reasons, yes.decided_by) == ("Needed for the enquiry", "Dana Chair")
    assert (no.outcome.value, no.reasons, no.consent_not_sought_reason) == (
        "not_shared",
        "Not proportionate yet",
        "Would alert the partner",
    )
    assert [(v.speaker.value, v.words, v.how_gathered) for v in m.child_voice] == [
        ("child", "I want to stay at school.", "Visit")
    ]
    risk = m.risk
    assert (
        [w.text for w in risk.worries] == ["Unexplained bruise"]
        and risk.rag
        and risk.rag.value == "red"
    )
    assert risk.rag_reason == "Injury to a child under 12"
    assert [(s.agency, s.score, s.dissent, s.dissent_reason) for s in risk.scaling] == [
        ("Police", 3, False, ""),
        ("Health", 6, True, "Safer"),
    ]
    marked = [(i.present.value, i.level and i.level.value) for i in risk.cse_screening]
    assert marked[0] == ("yes", "medium") and marked[2] == ("possible", "medium")
    assert all(p == ("no", None) for i, p in enumerate(marked) if i not in (0, 2))
    d = m.decisions
    assert d.section_47 is True and d.investigation and d.investigation.value == "joint"
    assert d.who_tells_parents == "Dana Chair"
    assert [(x.agency, x.reason) for x in d.dissent] == [
        ("Health", "Would hold a conference first")
    ]
    assert [(a.what, a.owner, a.owner_agency, a.due) for a in m.actions] == [
        ("Joint visit", "Sam Lee", "Police", date.fromisoformat(DUE)),
        ("Medical", "Dr Rao", "Health", date.fromisoformat(DUE)),
        ("Talk to Ava", "Mehmet Yilmaz", "Education", date.fromisoformat(DUE)),
        ("Plan", "Dana Chair", "Children's social care", date.fromisoformat(DUE)),
    ]
    assert m.next_meeting_date == date.fromisoformat(NEXT)

    print(f"\nkeys besides the text: {me.keys}; characters typed: {me.chars}")
    assert me.keys <= KEYS_IN_THE_GUIDE
