"""Choices chosen by typing: the first letters of any word of a choice pick it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QTabWidget

from tests.ui.keyboard import CTRL, Person, meeting_screen, stored
from ui.choice_box import ChoiceBox

KEY = Qt.Key


def test_o_picks_professional_opinion_and_n_picks_no(qtbot, workspace):
    screen = meeting_screen(qtbot, workspace)
    me = Person()
    me.press(KEY.Key_4, CTRL)
    me.fill("Agency", "Health")
    me.fill("What the agency knows", "Bruising is consistent with his account.")
    me.tab_to("Fact or opinion")
    me.type("o")
    me.press(KEY.Key_Return, CTRL)
    me.press(KEY.Key_5, CTRL)
    me.tab_to("Consent given")
    me.type("n")
    assert screen.step(4).editor.form.editors["consent_given"].get() is False
    me.type("y")
    assert screen.step(4).editor.form.editors["consent_given"].get() is True
    me.press(KEY.Key_S, CTRL)
    assert stored(workspace).contributions[0].kind.value == "professional_opinion"


def test_every_choice_box_of_the_meeting_is_reached_by_typing(qtbot, workspace):
    """Every choice of every choice box can be picked by typing the start of one of its words."""
    screen = meeting_screen(qtbot, workspace)
    me = Person()
    boxes = 0
    for row in range(len(screen.plan)):
        if row < 9:
            me.press(getattr(KEY, f"Key_{row + 1}"), CTRL)
        else:
            me.press(KEY.Key_PageDown, CTRL)
        step = screen.step(row)
        tabs = step.findChildren(QTabWidget)
        for page in range(tabs[0].count() if tabs else 1):
            if page:
                me.press(KEY.Key_Tab, CTRL)  # the next part of the step
            for box in step.findChildren(ChoiceBox):
                if not box.isVisible() or not box.isEnabled():
                    continue  # on another tab of the step: reached there
                me.tab_to(box.accessibleName())
                for index in range(box.count()):
                    _pick_by_typing(me, box, index)
                boxes += 1
    assert boxes >= 8


def _pick_by_typing(me: Person, box: ChoiceBox, index: int) -> None:
    words = box.itemText(index).split()
    if not words:
        return
    for _ in range(box.count()):
        if box.currentIndex() == index:
            break
        me.type(words[-1][0])  # typed again at once, the same letter goes to the next match
    assert box.currentIndex() == index, (box.accessibleName(), box.itemText(index))


def test_space_ticks_a_checkable_list(qtbot, workspace):
    screen = meeting_screen(qtbot, workspace)
    me = Person()
    me.press(KEY.Key_5, CTRL)
    me.tab_to("Lawful basis")
    ticks = screen.step(4).editor.form.editors["lawful_basis"].widget
    assert isinstance(ticks, QListWidget)
    me.press(KEY.Key_Home)
    me.press(KEY.Key_Space)
    assert screen.step(4).editor.form.editors["lawful_basis"].get() == [ticks.item(0).text()]
    me.press(KEY.Key_Down)
    me.press(KEY.Key_Space)
    me.press(KEY.Key_Up)
    me.press(KEY.Key_Space)
    assert screen.step(4).editor.form.editors["lawful_basis"].get() == [ticks.item(1).text()]
