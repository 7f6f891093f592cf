"""The app as a chair uses it: search, a whole meeting by keyboard, the room screen, locking."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from storage import audit, cases
from storage.demo import make_demo
from storage.keychain import Keychain
from storage.workspace import Workspace
from tests.ui.keyboard import Person
from ui.case_screen import CaseScreen
from ui.home_screen import HomeScreen
from ui.main_window import MainWindow
from ui.meeting_screen import MeetingScreen

PASS = "meeting passphrase"
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ui") / "demo"
    make_demo(folder, PASS)
    return folder


@pytest.fixture
def window(qtbot, demo_folder, tmp_path, fail_keyring):
    import shutil

    folder = tmp_path / "ws"
    shutil.copytree(demo_folder, folder)
    win = MainWindow(folder, Keychain())
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    screen = win.unlock_screen
    qtbot.waitUntil(
        lambda: (focus := QApplication.focusWidget()) is not None and focus.window() is win,
        timeout=3000,
    )
    me = Person()
    assert me.at() == "User name"  # the screen opens with the cursor in the user name
    me.type("chair")
    me.press(Qt.Key.Key_Return)  # to the passphrase
    me.type(PASS)
    with qtbot.waitSignal(screen.unlocked, timeout=15_000):
        me.press(Qt.Key.Key_Return)
    yield win
    win.lock()


def _text_on_screen(root: QWidget) -> str:
    parts = []
    for w in root.findChildren(QWidget):
        for getter in ("text", "toPlainText", "currentText"):
            if isinstance(
                w, (QLabel, QLineEdit, QPlainTextEdit, QComboBox, QAbstractButton)
            ) and hasattr(w, getter):
                parts.append(str(getattr(w, getter)()))
    return "\n".join(parts)


def test_search_finds_a_case(qtbot, window):
    home = window.screens[0]
    assert isinstance(home, HomeScreen)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(home.search, "lukasz")
    qtbot.waitUntil(lambda: home.hit_model.rowCount() > 0, timeout=5000)
    assert home.hit_model.rows[0].title == "Łukasz Nowak"
    qtbot.keyClick(home.search, Qt.Key.Key_Return)  # to the results
    home.hit_table.setCurrentIndex(home.hit_model.index(0, 0))
    qtbot.keyClick(home.hit_table, Qt.Key.Key_Return)
    assert isinstance(window.screens[-1], CaseScreen)
    assert window.screens[-1].case.reference == home.hit_model.rows[0].reference


def test_search_shows_a_first_page_and_more_on_scrolling(qtbot, window):
    home = window.screens[0]
    home.hit_model.page = 3  # (the six demo cases hold more hits than that for "pol")
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(QApplication.focusWidget(), "pol")
    qtbot.waitUntil(lambda: home.hit_model.rowCount() > 0, timeout=5000)
    every = cases.search(window.workspace, "pol", limit=1000)
    assert len(every) > 3  # more than one page
    first = [(h.case_id, h.title) for h in cases.search(window.workspace, "pol", limit=3)]
    assert [(h.case_id, h.title) for h in home.hit_model.rows[:3]] == first
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # to the results
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_End)  # to the end: the next page
    qtbot.waitUntil(lambda: not home.hit_model.canFetchMore(), timeout=5000)
    shown = [(h.case_id, h.title) for h in home.hit_model.rows]
    assert shown == [(h.case_id, h.title) for h in every]


def test_whole_meeting_by_keyboard_then_read_back(qtbot, window):
    me = Person()
    me.press(Qt.Key.Key_F, CTRL)  # search
    me.type("MASH-2026-000004")
    home = window.screens[0]
    qtbot.waitUntil(lambda: home.hit_model.rowCount() > 0, timeout=5000)
    me.press(Qt.Key.Key_Return)  # to the results
    me.press(Qt.Key.Key_Return)  # open the first
    case_screen = window.screens[-1]
    assert isinstance(case_screen, CaseScreen) and case_screen.case.reference == "MASH-2026-000004"
    me.press(Qt.Key.Key_N, CTRL)  # a new meeting, attendees carried over
    meeting = window.screens[-1]
    assert isinstance(meeting, MeetingScreen)
    assert len(meeting.meeting.attendance) == 5
    review = meeting.step(2)
    assert "Joint visit" in "\n".join(a.what for a, *_ in review.rows)  # open action carried over

    me.press(Qt.Key.Key_4, CTRL)
    editor = meeting.step(3).editor
    me.fill("Agency", "Health")
    me.fill(
        "What the agency knows",
        "Dima was seen by the paediatrician; bruising consistent with his account.",
    )
    me.press(Qt.Key.Key_Return, CTRL)
    me.fill("Agency", "Police")
    me.fill("What the agency knows", "SECRET-POLICE-LINE: interview of the partner planned.")
    me.tab_to("Withheld from the family")
    me.press(Qt.Key.Key_Space)
    me.fill("Why it is withheld from the family", "Police investigation")
    me.press(Qt.Key.Key_Return, CTRL)
    assert len(editor.items()) == 2

    me.press(Qt.Key.Key_9, CTRL)
    actions = meeting.step(8).editor
    me.fill("Action", "Strategy discussion with the school on Friday")
    me.fill("Owner", "Mehmet Yilmaz")  # QTest types Latin-1 only
    me.fill("Owner's agency", "Education")
    me.fill("Due", date.today().isoformat())
    me.press(Qt.Key.Key_Return, CTRL)
    assert len(actions.items()) == 1, {
        k: v.text() for k, v in actions.form.errors.items() if v.text()
    } or actions.form.form_error.text()
    me.press(Qt.Key.Key_S, CTRL)
    meeting_id = meeting.meeting.id
    me.press(Qt.Key.Key_L, CTRL)
    assert window.workspace is None

    folder = window.unlock_screen.folder
    with Workspace.open(folder, "police", PASS) as ws:
        _case_id, saved = cases.open_meeting(ws, meeting_id)
    assert [c.agency for c in saved.contributions] == ["Health", "Police"]
    assert saved.contributions[1].withheld_from_family
    assert saved.actions[0].owner == "Mehmet Yilmaz"
    assert len(saved.attendance) == 5


def test_auto_lock_saves_pending_edit_and_clears_every_window(qtbot, window):
    window.show_meeting("g1-case31", "g1-m22")
    me = Person()
    me.press(Qt.Key.Key_4, CTRL)
    me.fill("Agency", "Housing")
    me.fill("What the agency knows", "PENDING-EDIT emergency accommodation offered")
    window.presenter.show()
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().setText("Kyle Mercer copied from the record")
    window.idle_ms = 200
    window.idle_timer.start(200)
    qtbot.waitUntil(lambda: window.workspace is None, timeout=5000)
    assert window.stack.currentWidget() is window.unlock_screen
    for root in (window, window.presenter):
        on_screen = _text_on_screen(root)
        assert (
            "PENDING-EDIT" not in on_screen and "Amira" not in on_screen and "Kyle" not in on_screen
        )
    assert not window.presenter.isVisible()
    assert "Kyle" not in QGuiApplication.clipboard().text()
    with Workspace.open(window.unlock_screen.folder, "chair", PASS) as ws:
        _, saved = cases.open_meeting(ws, "g1-m22")
    assert saved.contributions[-1].text == "PENDING-EDIT emergency accommodation offered"
    # unlocking again returns to the same meeting and step
    qtbot.keyClicks(window.unlock_screen.pass_edit, PASS)
    with qtbot.waitSignal(window.unlock_screen.unlocked, timeout=15_000):
        qtbot.keyClick(window.unlock_screen.pass_edit, Qt.Key.Key_Return)
    assert (
        isinstance(window.screens[-1], MeetingScreen) and window.screens[-1].meeting.id == "g1-m22"
    )
    assert window.screens[-1].agenda_list.currentRow() == 3


def test_validation_message_beside_the_field_and_nothing_lost(qtbot, window):
    window.show_meeting("g1-case31", "g1-m22")
    meeting = window.screens[-1]
    me = Person()
    me.press(Qt.Key.Key_9, CTRL)
    actions = meeting.step(8).editor
    me.fill("Action", "Check the hotel register")
    me.fill("Owner", "DC Brennan")
    me.fill("Owner's agency", "Police")
    me.fill("Due", "2026-02-30")
    me.press(Qt.Key.Key_Return, CTRL)
    error = actions.form.errors["due"]
    assert error.isVisible() and "must be a real date" in error.text()
    assert actions.form.editors["what"].widget.toPlainText() == "Check the hotel register"  # kept
    assert len(actions.items()) == 1, {
        k: v.text() for k, v in actions.form.errors.items() if v.text()
    } or actions.form.form_error.text()
    me.go_to("Status")
    me.press(Qt.Key.Key_End)  # the last choice: not done, with no reason
    assert actions.form.editors["status"].widget.currentIndex() == 3
    me.fill("Due", "2026-12-01")
    me.press(Qt.Key.Key_Return, CTRL)
    assert (
        "needs the reason" in actions.form.form_error.text() and actions.form.form_error.isVisible()
    )


def test_home_filters_run_in_the_workspace(qtbot, window):
    home = window.screens[0]
    assert home.case_model.rowCount() == 6
    home.rag.setCurrentText("red")
    assert {r.rag for r in home.case_model.rows} == {"red"} and home.case_model.rowCount() == 3
    home.worker.setText("nobody")
    assert home.case_model.rowCount() == 0
    home.worker.setText("okafor")
    assert home.case_model.rowCount() == 3
    assert "Actions due this week" in home.actions_label.text()
    # Counted once the screen is drawn (the count reads every open action).
    week = date.today() + timedelta(days=7)
    due, overdue = cases.count_open_actions(window.workspace, week, date.today())
    qtbot.waitUntil(lambda: "…" not in home.actions_label.text(), timeout=5000)
    assert f": {due}, of which overdue: {overdue}" in home.actions_label.text()


def test_a_shared_adult_leads_to_the_other_case(qtbot, window):
    window.show_case("g1-case31")
    amira = window.screens[-1]
    kyle = next(i for i, p in enumerate(amira.people.rows) if p.name == "Kyle Mercer")
    assert amira.people.data(amira.people.index(kyle, 5)) == "MASH-2026-000005"
    amira._follow(amira.people.rows[kyle].id)
    assert window.screens[-1].case.reference == "MASH-2026-000005"


def test_the_app_scales_with_the_system_font():
    from ui.app import stylesheet

    small, large = stylesheet(9), stylesheet(16)
    assert "font-size: 11.0pt" in small  # never below 11 pt
    assert "font-size: 16.0pt" in large


def test_meeting_shows_the_cse_review_flag_and_conference_date(qtbot, window):
    window.show_case_by_reference("MASH-2026-000004")
    case_id = window.screens[-1].case.id
    window.show_meeting(case_id, "g1-m73")
    notes = window.screens[-1].notes.text()
    assert "Дмитрий Соколов is under 13 and has a high CSE indicator" in notes
    assert "Initial child protection conference due by" in notes
    assert "CSE screening to be reviewed by" in notes


def test_home_filters_by_next_meeting(qtbot, window):
    home = window.screens[0]
    home.next_meeting.setCurrentIndex(1)  # this week
    this_week = {r.reference for r in home.case_model.rows}
    assert this_week and all(r.next_meeting for r in home.case_model.rows)
    home.next_meeting.setCurrentIndex(2)  # none set
    assert all(r.next_meeting is None for r in home.case_model.rows)
    assert not this_week & {r.reference for r in home.case_model.rows}


def test_an_action_links_to_a_danger_statement_chosen_by_its_words(qtbot, window):
    window.show_meeting("g1-case31", "g1-m22")
    meeting = window.screens[-1]
    meeting.agenda_list.setCurrentRow(6)
    dangers = meeting.step(6).dangers
    dangers.form.editors["who_is_worried"].widget.setText("All agencies")
    dangers.form.editors["worry"].widget.setPlainText("Amira may go missing again at weekends")
    dangers.form.editors["what_may_happen"].widget.setPlainText("she may be harmed")
    assert dangers.add()
    meeting.agenda_list.setCurrentRow(8)
    actions = meeting.step(8).editor
    pick = actions.form.editors["linked_danger_id"].widget
    labels = [pick.itemText(i) for i in range(pick.count())]
    assert (
        labels[0] == "— none —" and "All agencies: Amira may go missing again at weekends" in labels
    )
    pick.setCurrentIndex(1)
    actions.form.editors["what"].widget.setPlainText("Weekend check-in calls")
    actions.form.editors["owner"].widget.setText("Chinedu Okafor")
    actions.form.editors["owner_agency"].widget.setCurrentText("Children's social care")
    assert actions.add()
    assert meeting.save()
    assert (
        meeting.meeting.actions[-1].linked_danger_id
        == meeting.meeting.risk.danger_statements[-1].id
    )


def test_sign_minutes_in_the_app(qtbot, window):
    window.show_case_by_reference("MASH-2026-000004")
    case_id = window.screens[-1].case.id
    window.show_meeting(case_id, "g1-m73")
    meeting = window.screens[-1]
    qtbot.keyClick(meeting, Qt.Key.Key_0, CTRL)
    minutes = meeting.minutes
    assert meeting.pages.currentWidget() is minutes
    qtbot.waitUntil(lambda: minutes.document.pageCount() > 0, timeout=10_000)  # draft preview
    assert "Draft" in minutes.state.text() and minutes.sign_button.isEnabled()
    minutes.sign(PASS)  # not yet checked: refused, with the reason
    qtbot.waitUntil(
        lambda: "family copy has not been checked" in minutes.message.text(), timeout=10_000
    )
    _check_family_copy_by_keyboard(qtbot, minutes)
    audit_actions = [e["action"] for e in audit.events(window.workspace.conn)]
    assert "minutes.family_check" in audit_actions
    minutes.sign("wrong passphrase")
    qtbot.waitUntil(lambda: "Wrong passphrase" in minutes.message.text(), timeout=10_000)
    minutes.sign(PASS)
    qtbot.waitUntil(lambda: "Signed, version 1" in minutes.state.text(), timeout=20_000)
    assert minutes.state.text().split(")")[0].endswith((" GMT", " BST"))  # the room's time
    assert meeting.meeting.status.value == "signed"
    assert not meeting.save_button.isEnabled()
    minutes.recipient.setText("Father")
    minutes.how.setText("By hand at the meeting")
    minutes.variant.setCurrentIndex(1)
    minutes.record()
    assert "Father received the family copy" in minutes.state.text()


def test_case_people_and_chronology_are_edited_in_place(qtbot, window):
    window.show_case("g1-case31")
    screen = window.screens[-1]
    editor = screen.people_editor
    editor.form.editors["name"].widget.setText("Yusuf Haddad")
    editor.form.editors["relationship"].widget.setText("Brother of Amira")
    editor.form.editors["role"].widget.setCurrentIndex(4)  # household member
    assert editor.add()
    screen.entry_form.editors["date"].widget.setText("2026-13-01")
    screen.entry_form.editors["event"].widget.setPlainText(
        "Seen with Kyle Mercer at the bus station"
    )
    screen.add_entry()
    assert not screen.entry_form.errors["date"].isHidden()
    screen.entry_form.editors["date"].widget.setText("2026-11-20")
    screen.add_entry()
    # The app holds the workspace; a second opener reads alongside it.
    with Workspace.open(
        window.unlock_screen.folder, "police", PASS, read_only_if_locked=True
    ) as ws:
        saved = cases.open_case(ws, "g1-case31")
    assert "Yusuf Haddad" in [p.name for p in saved.people]
    assert saved.chronology[-1].event == "Seen with Kyle Mercer at the bus station"


def _check_family_copy_by_keyboard(qtbot, minutes):
    """Space on the sign button opens the check; the chair ticks it and confirms by keys."""
    from PySide6.QtWidgets import QApplication

    shown = []
    original = minutes.ask_passphrase
    minutes.ask_passphrase = lambda: shown.append(True)  # the modal passphrase prompt
    try:
        qtbot.mouseClick(minutes.sign_button, Qt.MouseButton.LeftButton)
        dialog = minutes.check_dialog
        qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))
        text = dialog.view.toPlainText()
        assert "Withheld from the family" in text and "Attendance" in text
        assert not dialog.ok.isEnabled()
        for _ in range(5):  # Tab to the tick box, Space ticks it
            if QApplication.focusWidget() is dialog.checked:
                break
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
        assert dialog.checked.isChecked() and dialog.ok.isEnabled()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.ok
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: bool(shown))
    finally:
        minutes.ask_passphrase = original


def test_tab_leaves_every_table_of_every_screen(qtbot, window):
    from PySide6.QtWidgets import QTableView

    window.show_case("g1-case31")
    window.show_admin()
    window.show_case("g1-case31")
    for view in window.findChildren(QTableView):
        assert not view.tabKeyNavigation(), view.accessibleName()
