"""What a form says when a rule is broken: the rule's own sentence, beside its field, gone as
soon as the field is right; never a library's wording (property test over every form)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from tests.models.test_messages import FORBIDDEN
from tests.models.test_messages import FORMS as MODEL_FORMS
from tests.ui.keyboard import CTRL, Person, meeting_screen
from ui.forms import ModelForm

KEY = Qt.Key
# The forms of a meeting: those of the rules' messages test, less the case-level ones.
FORMS = [m for m in MODEL_FORMS if m.__module__ in ("models.meeting", "models.risk")]


def test_an_empty_score_says_what_it_needs_beside_it(qtbot, workspace):
    screen = meeting_screen(qtbot, workspace)
    me = Person()
    me.press(KEY.Key_7, CTRL)
    me.press(KEY.Key_Tab, CTRL, times=2)
    me.fill("Agency", "Police")
    me.press(KEY.Key_Return, CTRL)
    form = screen.step(6).scaling.form
    assert form.errors["score"].text() == "Score is required: a number from 0 to 10."
    assert me.at() == "Score"  # the first field at fault has the focus
    me.type("4")  # right now: the message goes at once
    assert not form.errors["score"].text() and form.errors["score"].isHidden()
    me.type("0")  # 40: said when adding is tried again
    me.press(KEY.Key_Return, CTRL)
    assert form.errors["score"].text() == "Score must be a number from 0 to 10."


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_no_form_speaks_a_librarys_language(qtbot, data):
    for model in FORMS:
        form = ModelForm(model)
        qtbot.addWidget(form)
        for editor in form.editors.values():
            widget = editor.widget
            text = data.draw(
                st.one_of(
                    st.text(max_size=12),
                    st.sampled_from(["", "x", "-3", "99", "2026-02-30", "25:61", "1.5"]),
                )
            )
            if isinstance(widget, QPlainTextEdit):
                widget.setPlainText(text)
            elif isinstance(widget, QLineEdit):
                widget.setText(text)
            elif isinstance(widget, QComboBox) and widget.isEditable():
                widget.setCurrentText(text)
        form.value()
        shown = [label.text() for label in form.errors.values()] + [form.form_error.text()]
        for message in shown:
            assert not FORBIDDEN.search(message), (model.__name__, message)
