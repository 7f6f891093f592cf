"""A child's NHS number typed by keyboard on the case screen, and read back from the store."""

from __future__ import annotations

from PySide6.QtCore import Qt

from storage import cases
from tests.ui.keyboard import ALT, CTRL, Person, _has_focus
from ui.case_screen import CaseScreen

PEOPLE = "People around the child (a person shared with other cases is one record)"


def _screen(qtbot, workspace) -> CaseScreen:
    case = cases.new_case(workspace, "MASH-2026-000901", "Ava Okoro")
    screen = CaseScreen(workspace, case.id)
    qtbot.addWidget(screen)
    screen.resize(1280, 900)
    screen.show()
    screen.activateWindow()
    qtbot.waitExposed(screen)
    qtbot.waitUntil(lambda: _has_focus(screen), timeout=3000)
    return screen


def _edit_the_child(person: Person) -> None:
    person.press(Qt.Key.Key_P, ALT)  # the People tab
    person.tab_to(PEOPLE)
    person.press(Qt.Key.Key_Home)
    person.press(Qt.Key.Key_Return)  # the child's row into the form


def test_typing_an_nhs_number_stores_it_checked_and_shows_it(qtbot, workspace):
    screen = _screen(qtbot, workspace)
    person = Person()
    _edit_the_child(person)
    person.fill("Kind of identifier", "NHS number")
    person.fill("Consistent identifier", "943 476 5919")
    person.press(Qt.Key.Key_Return, CTRL)
    stored = cases.open_case(workspace, screen.case.id).children()[0]
    assert stored.identifier_kind == "NHS number"
    assert stored.consistent_identifier == "9434765919"
    assert "Ava Okoro: NHS number 943 476 5919 (not verified)" in screen.identifiers.text()
    column = [c.header for c in screen.people.columns].index("Identifier")
    assert screen.people.index(0, column).data() == "NHS number 943 476 5919 (not verified)"
    # Found at once by search.
    assert cases.search(workspace, "943 476 5919")[0].title == "Ava Okoro"


def test_a_wrong_check_digit_is_shown_beside_the_field_and_nothing_is_stored(qtbot, workspace):
    screen = _screen(qtbot, workspace)
    person = Person()
    _edit_the_child(person)
    person.fill("Kind of identifier", "NHS number")
    person.fill("Consistent identifier", "943 476 5918")
    person.press(Qt.Key.Key_Return, CTRL)
    form = screen.people_editor.form
    message = form.errors["consistent_identifier"]
    assert message.isVisible()
    assert message.text() == (
        "943 476 5918 is not a valid NHS number: its last digit does not match the check "
        "digit worked out from the first nine. Check each digit."
    )
    assert person.at() == "Consistent identifier"  # the focus goes to the field at fault
    assert cases.open_case(workspace, screen.case.id).children()[0].consistent_identifier == ""
    # An unknown kind: the rule beside the kind.
    person.fill("Kind of identifier", "Passport")
    person.fill("Consistent identifier", "943 476 5919")
    person.press(Qt.Key.Key_Return, CTRL)
    assert "'Passport' is not one this workspace knows" in form.errors["identifier_kind"].text()


def test_the_identifier_is_offered_for_a_child_only(qtbot, workspace):
    screen = _screen(qtbot, workspace)
    form = screen.people_editor.form
    box = form.errors["consistent_identifier"].parentWidget()
    screen.tabs.setCurrentIndex(1)
    role = form.editors["role"].widget
    role.setCurrentIndex(2)  # parent
    assert not box.isVisible()
    role.setCurrentIndex(0)  # child
    assert box.isVisible()
