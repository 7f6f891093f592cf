"""The golden rules on the sharing-decision form, typed by keyboard and read back."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.keyboard import CTRL, SHIFT, Person, meeting_screen, stored
from ui.item_list import ItemListEditor

KEY = Qt.Key


def _fill(me: Person, fields: list[tuple[str, str]]) -> None:
    for name, text in fields:
        if text == " ":
            me.tab_to(name)
            me.press(KEY.Key_Space)
        elif text.startswith("="):  # a choice: type its letters
            me.go_to(name)
            me.type(text[1:])
        else:
            me.fill(name, text)


def test_more_detrimental_needs_its_explanation_beside_the_field(qtbot, workspace):
    screen = meeting_screen(qtbot, workspace)
    me = Person()
    me.press(KEY.Key_E, CTRL | SHIFT)  # start the meeting
    me.press(KEY.Key_5, CTRL)
    me.tab_to("Information-sharing decisions")
    me.press(KEY.Key_Insert)
    _fill(
        me,
        [
            ("Information", "Police intelligence on the adult associate"),
            ("From agency", "Police"),
            ("To whom", "Mother"),
            ("Why consent was not sought", "Would alert the associate"),
            ("Decision", "=n"),
            ("Reasons for the decision", "Would alert the associate"),
            ("Decided by", "DS Kaur"),
            ("The parents or carers were told what is shared", "=no"),
            ("Why the child or carers were not told", "Unsafe while the enquiry runs"),
            ("Do not name: could be harmed if identified", "Ruth Okonjo"),
            ("Not shared: sharing would be more detrimental to the child (CWSA 2026 s4)", " "),
            ("Advice sought from", "Force data protection officer"),
        ],
    )
    me.press(KEY.Key_Return, CTRL)
    [editor] = [
        e for e in screen.findChildren(ItemListEditor) if e.title == "Information-sharing decisions"
    ]
    form = editor.form
    assert form.errors["detriment_explanation"].text() == (
        "Sharing would be more detrimental to the child: explain why (CWSA 2026 s4)."
    )
    assert me.at() == "Why sharing would be more detrimental to the child"
    me.type("The associate would move the child before the police could act.")
    me.press(KEY.Key_Return, CTRL)
    me.press(KEY.Key_S, CTRL)
    [decision] = stored(workspace).sharing_decisions
    assert decision.more_detrimental_to_child
    assert decision.detriment_explanation.startswith("The associate would move the child")
    assert decision.carers_told is False and decision.child_told is None
    assert decision.not_told_reason == "Unsafe while the enquiry runs"
    assert decision.do_not_name == ["Ruth Okonjo"]
    assert decision.advice_sought_from == "Force data protection officer"
    assert decision.hidden_from_family()  # a decision not to share stays out of the family copy
