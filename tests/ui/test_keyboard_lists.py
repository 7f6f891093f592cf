"""Every list of the meeting by keyboard alone: Tab leaves a list, Enter edits the focused
row, Ctrl+Return updates it (never a copy), Delete names what it removes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from models.meeting import AttendanceStatus
from tests.ui.keyboard import CTRL, Person, meeting_screen, stored

KEY = Qt.Key


def test_tab_leaves_the_list_and_arrows_move_in_it(qtbot, workspace):
    screen = meeting_screen(qtbot, workspace)
    me = Person()
    me.tab_to("Attendance")
    me.press(KEY.Key_Tab)
    assert me.at() == "Name"  # out of the table at once, into the form
    me.press(KEY.Key_Backtab)
    assert me.at() == "Attendance"
    me.press(KEY.Key_Backtab)
    assert me.at() != "Attendance"
    assert screen.step(0).editor.table.tabKeyNavigation() is False


def test_attendance_rows_added_edited_and_removed_by_keyboard(qtbot, workspace):
    screen = meeting_screen(qtbot, workspace)
    editor = screen.step(0).editor
    me = Person()
    for name, agency in (("Ann Smith", "Police"), ("Bob Jones", "Health"), ("Cy Ward", "Housing")):
        me.fill("Name", name)
        me.fill("Agency", agency)
        me.press(KEY.Key_Return, CTRL)
        assert me.at() == "Name"  # ready for the next one
    assert [a.name for a in editor.items()] == ["Ann Smith", "Bob Jones", "Cy Ward"]

    # Edit Ann: back to the list, up to her row, Enter, change her status by typing.
    me.tab_to("Attendance", back=True)
    me.press(KEY.Key_Home, CTRL)
    me.press(KEY.Key_Return)
    assert editor.state.text().startswith("Editing: Ann Smith")
    me.tab_to("Status")
    me.type("a")  # apologies
    me.press(KEY.Key_Return, CTRL)
    assert len(editor.items()) == 3
    assert editor.items()[0].status is AttendanceStatus.APOLOGIES
    assert me.at() == "Attendance"  # back on the row just saved

    # Enter then Ctrl+Return with no change: still three rows, never a copy.
    me.press(KEY.Key_F2)
    me.press(KEY.Key_Return, CTRL)
    assert [a.name for a in editor.items()] == ["Ann Smith", "Bob Jones", "Cy Ward"]

    # Escape cancels an edit: nothing changes.
    me.press(KEY.Key_Down)
    me.press(KEY.Key_Return)
    me.fill("Name", "Robert Jones")
    me.press(KEY.Key_Escape)
    assert editor.items()[1].name == "Bob Jones" and me.at() == "Attendance"

    # Delete removes the row with the focus (Bob), and says which.
    me.answer(KEY.Key_R)
    me.press(KEY.Key_Delete)
    assert me.asked and "Bob Jones" in me.asked[-1] and "Ann" not in me.asked[-1]
    assert [a.name for a in editor.items()] == ["Ann Smith", "Cy Ward"]

    # Delete answered "keep" (Enter on the safe default) removes nothing.
    me.answer(KEY.Key_Return)
    me.press(KEY.Key_Delete)
    assert len(editor.items()) == 2

    # Insert starts a new row even while a row is focused: adding never copies it.
    me.press(KEY.Key_Up)
    me.press(KEY.Key_Insert)
    assert me.at() == "Name" and editor.state.text().startswith("New entry")
    me.type("Dee Park")
    me.press(KEY.Key_Return, CTRL)
    me.press(KEY.Key_S, CTRL)
    saved = stored(workspace)
    assert [(a.name, a.agency, a.status.value) for a in saved.attendance] == [
        ("Ann Smith", "Police", "apologies"),
        ("Cy Ward", "Housing", "present"),
        ("Dee Park", "", "present"),
    ]


ONE_OF_EACH = {
    "attendance": [{"id": "a1", "name": "Ann Smith", "agency": "Police"}],
    "contributions": [{"id": "c1", "agency": "Health", "text": "Seen by the GP."}],
    "sharing_decisions": [
        {
            "id": "s1",
            "information": "Health visiting notes",
            "from_agency": "Health",
            "to_whom": "Police",
            "outcome": "not_shared",
            "reasons": "Not needed for the enquiry",
            "decided_by": "Ann Smith",
            "consent_not_sought_reason": "Would put the child at risk",
        }
    ],
    "child_voice": [{"id": "v1", "words": "I like school."}],
    "risk": {
        "danger_statements": [
            {"id": "d1", "who_is_worried": "Police", "worry": "Harm", "what_may_happen": "Hurt"}
        ],
        "scaling": [{"agency": "Police", "score": 3}],
        "cse_screening": [{"domain": "Online", "indicator": "Unknown contacts"}],
    },
    "decisions": {"dissent": [{"agency": "Health", "reason": "Wants a conference now"}]},
    "actions": [{"id": "x1", "what": "Visit", "owner": "Ann Smith", "owner_agency": "Police"}],
}

# (the step's key, Ctrl+Tab presses to the next tab, the list, the field changed, what is typed)
LISTS = [
    (KEY.Key_1, 0, "Attendance", "Role", "Detective sergeant"),
    (KEY.Key_4, 0, "Agency contributions", "Given by", "Dr Patel"),
    (KEY.Key_5, 0, "Information-sharing decisions", "How it was sent", "Secure email"),
    (KEY.Key_6, 0, "The child's voice", "How it was gathered", "Home visit"),
    (KEY.Key_7, 1, "Danger statements and safety goals", "Safety goal", "Safe at home"),
    (KEY.Key_7, 1, "Scaling by agency (0\u201310)", "Score", "7"),
    (KEY.Key_7, 1, "CSE screening", "Note", "Seen with older males"),
    (KEY.Key_8, 0, "Dissent", "Reason", "Wants a conference this week"),
    (KEY.Key_9, 0, "Joint action plan", "Why", "To see the home"),
]


def _read(meeting, title):
    return {
        "Attendance": lambda: [a.role for a in meeting.attendance],
        "Agency contributions": lambda: [c.given_by for c in meeting.contributions],
        "Information-sharing decisions": lambda: [s.how_sent for s in meeting.sharing_decisions],
        "The child's voice": lambda: [v.how_gathered for v in meeting.child_voice],
        "Danger statements and safety goals": lambda: [
            d.safety_goal for d in meeting.risk.danger_statements
        ],
        "Scaling by agency (0\u201310)": lambda: [str(s.score) for s in meeting.risk.scaling],
        "CSE screening": lambda: [i.note for i in meeting.risk.cse_screening],
        "Dissent": lambda: [d.reason for d in meeting.decisions.dissent],
        "Joint action plan": lambda: [a.why for a in meeting.actions],
    }[title]()


def test_every_list_of_the_meeting_edits_its_focused_row(qtbot, workspace):
    from models.meeting import Meeting
    from storage import cases

    screen = meeting_screen(qtbot, workspace)
    full = Meeting.model_validate({**screen.meeting.model_dump(), **ONE_OF_EACH})
    cases.save_meeting(workspace, screen.case.id, full)
    screen.close()
    from ui.meeting_screen import MeetingScreen

    screen = MeetingScreen(workspace, screen.case.id, full.id)
    qtbot.addWidget(screen)
    screen.show()
    screen.activateWindow()
    qtbot.waitExposed(screen)
    qtbot.waitUntil(lambda: QApplication.focusWidget() in screen.findChildren(QWidget))
    me = Person()
    for step_key, tabs, title, field, text in LISTS:
        me.press(step_key, CTRL)
        me.press(KEY.Key_Tab, CTRL, times=tabs)
        me.tab_to(title)
        me.press(KEY.Key_Return)
        me.fill(field, text)
        me.press(KEY.Key_Return, CTRL)
        assert me.at() == title, f"{title}: the update failed"
    me.press(KEY.Key_S, CTRL)
    saved = stored(workspace)
    for _key, _tabs, title, _field, text in LISTS:
        assert _read(saved, title) == [text], title
