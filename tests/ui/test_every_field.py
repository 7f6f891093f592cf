"""Anything typed into any field of any form of a meeting or a case: the rule's own message, or
saved and read back as typed; never a crash, never a partial write.

Every editor of every form in FORMS (the list the rules'-messages tests share) gets a value
drawn from any Unicode (control characters, joiners, right-to-left marks included), huge
text, empty text and near-misses of dates and numbers. What the form accepts is put where
the app puts it (an item into its meeting or case, a case, a meeting, the reference data)
and saved through storage; the record is then read back: after a refusal it equals what it
was before, to the byte of every field, with the audit head unchanged.
"""

from __future__ import annotations

import itertools
import typing
from datetime import date, datetime, time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QListWidget, QPlainTextEdit

from models.case import Case
from models.meeting import Meeting
from models.messages import problems
from models.reference import ReferenceData
from storage import cases, records
from storage.errors import WorkspaceError
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.models.test_messages import FORBIDDEN, FORMS
from ui.form_fields import Nested
from ui.forms import PICK, ModelForm

CASE_ID, MEETING_ID = "g1-case31", "g1-m22"  # a demo meeting still being recorded
HUGE = 100_000
NUMBERS = itertools.count()  # a new item's id, as the app makes one: never one in use

hostile_text = st.one_of(
    st.text(max_size=60),  # any code point but surrogates: controls, joiners, RTL marks
    st.text(st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Mn", "Co"]), max_size=20),
    st.sampled_from(
        [
            *("", " ", "\x00", "\t\r\n", "\u202e\u2066x", "\ufeff", "\U0001f9d2\u200d\U0001f9d2"),
            *("2026-02-30", "2026-02-28", "25:61", "09:30", "-1", "11", "7", "1e9", "Yes"),
        ]
    ),
    st.builds(lambda seed, n: (seed * n)[:n], st.text(min_size=1, max_size=3), st.just(HUGE)),
)


def _own_form(field: Any) -> bool:
    """A field the app edits in a form of its own (a list of items, a form in FORMS)."""
    kind = field.annotation
    args = [a for a in typing.get_args(kind) if a is not type(None)]
    inner = args[0] if typing.get_origin(kind) in (list, typing.Union) and args else kind
    if typing.get_origin(kind) is list:
        return isinstance(inner, type) and issubclass(inner, BaseModel)
    return inner in FORMS or (kind is not inner and inner in FORMS)


# Set elsewhere than in the form, as in the app: by its own buttons and lists.
NOT_IN_FORMS = {
    Meeting: {"status", "family_check"},
    ReferenceData: {"rag_hours", "cse_indicators", "family_glossary"},
}


def _form(model: type[BaseModel]) -> ModelForm:
    fields = model.model_fields
    exclude = {n for n, f in fields.items() if _own_form(f)} | NOT_IN_FORMS.get(model, set())
    # A link to another record is picked from a list the screen fills in, never typed.
    links = {n: PICK for n in fields if n.endswith("_id")}
    return ModelForm(model, exclude=exclude, choices=links)


# What a person would type: any script, no control characters (the other half of a draw).
plain_text = st.text(
    st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=40
).filter(str.strip)
FITTING: dict[Any, st.SearchStrategy[str]] = {
    date: st.dates(date(2000, 1, 1), date(2040, 12, 31)).map(str),
    time: st.times().map(lambda t: t.strftime("%H:%M")),
    datetime: st.datetimes(datetime(2000, 1, 1), datetime(2040, 1, 1)).map(
        lambda d: d.strftime("%Y-%m-%d %H:%M")
    ),
    int: st.integers(1, 10).map(str),
}
# Fields whose fitting values depend on another's: a meeting ends after it starts.
FITTING_BY_NAME = {
    "time_zone": st.sampled_from(["Europe/London", "Europe/Dublin"]),
    # after the case's earlier meeting (2026-11-11), whose actions this one reviews
    "date": st.dates(date(2026, 11, 12), date(2026, 12, 31)).map(str),
    "start_time": st.times(time(8), time(11, 59)).map(lambda t: t.strftime("%H:%M")),
    "end_time": st.times(time(12), time(17, 59)).map(lambda t: t.strftime("%H:%M")),
    "next_meeting_date": st.dates(date(2041, 1, 1), date(2045, 12, 31)).map(str),
}


def _editors(form: ModelForm) -> list[Any]:
    """Every editor of `form`, those of nested forms included."""
    found: list[Any] = []
    for editor in form.editors.values():
        found.extend(_editors(editor.form) if isinstance(editor, Nested) else [editor])
    return found


def _named(form: ModelForm) -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for name, editor in form.editors.items():
        found.extend(_named(editor.form) if isinstance(editor, Nested) else [(name, editor)])
    return found


def _fill(form: ModelForm, data: st.DataObject) -> None:
    """Put a drawn value into every editor of `form`: what fits the field, except in a few
    fields drawn each time, which get anything at all (the simplest draw: none)."""
    editors = _editors(form)
    wild = data.draw(st.sets(st.integers(0, len(editors) - 1), max_size=3)) if editors else set()
    names = {id(e): n for n, e in _named(form)}
    for i, editor in enumerate(editors):
        widget = editor.widget
        name = names.get(id(editor), "")
        fitting = (
            FITTING_BY_NAME[name]
            if name in FITTING_BY_NAME
            else FITTING.get(getattr(editor, "kind", None), plain_text)
        )
        typed = hostile_text if i in wild else fitting
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(data.draw(typed))
        elif isinstance(widget, QLineEdit):
            widget.setText(data.draw(typed))
        elif isinstance(widget, QComboBox) and widget.isEditable():
            # (an index drawn the same way whatever the list holds: the record grows)
            pick = data.draw(st.integers(0, 999)) % widget.count()
            widget.setCurrentText(data.draw(typed) if i in wild else widget.itemText(pick))
        elif isinstance(widget, QComboBox) and widget.count():
            widget.setCurrentIndex(data.draw(st.integers(0, 999)) % widget.count())
        elif isinstance(widget, QCheckBox):
            widget.setChecked(data.draw(st.booleans()))
        elif isinstance(widget, QListWidget):
            for row in range(widget.count()):
                ticked = data.draw(st.booleans())
                widget.item(row).setCheckState(
                    Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
                )


def _offer_links(form: ModelForm, case: Case | None) -> None:
    """The lists a screen offers in its link fields: this case's people, the actions of its
    meetings, the meeting's danger statements."""
    assert case is not None
    meeting = next(m for m in case.meetings if m.id == MEETING_ID)
    offered = {
        "person_id": [(p.name, p.id) for p in case.people],
        "action_id": [(a.what, a.id) for m in case.meetings for a in m.actions],
        "linked_danger_id": [(d.worry, d.id) for d in meeting.risk.danger_statements],
    }
    for name, pairs in offered.items():
        form.set_choices(name, pairs)


def _place(container: BaseModel, item: BaseModel) -> BaseModel | None:
    """`container` with `item` where its type belongs: added to its list, or in its place."""
    for name, field in type(container).model_fields.items():
        kind = field.annotation
        if kind is type(item):
            return container.model_copy(update={name: item})
        if typing.get_origin(kind) is list and typing.get_args(kind)[0] is type(item):
            return container.model_copy(update={name: [*getattr(container, name), item]})
    for name in type(container).model_fields:
        value = getattr(container, name)
        if isinstance(value, BaseModel):
            placed = _place(value, item)
            if placed is not None:
                return container.model_copy(update={name: placed})
    return None


def _said_plainly(exc: ValidationError, model: type[BaseModel]) -> None:
    found = problems(exc, model)
    assert found
    for _where, text in found:
        assert not FORBIDDEN.search(text), text


def _stored(ws: Workspace) -> tuple[Case | None, ReferenceData, str]:
    head = ws.checkpoint()
    return records.load_case(ws.conn, CASE_ID), records.load_reference(ws.conn), head.head


def _save(ws: Workspace, case: Case, model: type[BaseModel], value: BaseModel) -> BaseModel | None:
    """Save `value` as the app would; what should now be stored (None: a rule refused it)."""
    meeting = next(m for m in case.meetings if m.id == MEETING_ID)
    try:
        if model is ReferenceData:
            cases.save_reference_data(ws, value)  # type: ignore[arg-type]
            return value
        if model is Case:
            cases.save_case(ws, value)  # type: ignore[arg-type]
            return value
        if model is Meeting:
            cases.save_meeting(ws, CASE_ID, value)  # type: ignore[arg-type]
            return value
        placed_in_meeting = _place(meeting, value)
        if placed_in_meeting is not None:
            # Rules across a whole meeting are checked as the meeting screen checks them.
            whole = Meeting.model_validate(placed_in_meeting.model_dump())
            cases.save_meeting(ws, CASE_ID, whole)
            return whole
        placed = _place(case, value)
        assert placed is not None, f"nowhere to put a {model.__name__}"
        whole_case = Case.model_validate(placed.model_dump())
        cases.save_case(ws, whole_case)
        return whole_case
    except ValidationError as exc:
        _said_plainly(exc, Meeting if _place(meeting, value) is not None else Case)
    except WorkspaceError as exc:
        assert not FORBIDDEN.search(str(exc)), str(exc)
    return None


def _check_form(ws: Workspace, model: type[BaseModel], data: st.DataObject) -> None:
    form = _form(model)
    if model is Case:
        form.set_value(records.load_case(ws.conn, CASE_ID))
    elif model is Meeting:
        form.set_value(cases.open_meeting(ws, MEETING_ID)[1])
    elif model is ReferenceData:
        form.set_value(records.load_reference(ws.conn))
    _offer_links(form, records.load_case(ws.conn, CASE_ID))
    _fill(form, data)
    fixed = {"id": f"typed-{next(NUMBERS)}"} if "id" in model.model_fields else {}
    if model in (Case, Meeting):
        fixed = {}
    value = form.value(**fixed)
    if value is None:
        shown = [label.text() for label in form.errors.values()] + [form.form_error.text()]
        assert any(shown)
        for message in shown:
            assert not FORBIDDEN.search(message), (model.__name__, message)
        return
    case = cases.open_case(ws, CASE_ID)  # as the screen does (an audit event of reading)
    before = _stored(ws)
    saved = _save(ws, case, model, value)
    after = _stored(ws)
    if saved is None:
        assert after == before  # refused: not one field of the record changed
        return
    assert after[2] != before[2]  # saved: with its audit event
    if model is ReferenceData:
        assert after[1] == saved
    elif model is Case or isinstance(saved, Case):
        stored = after[0]
        assert stored is not None
        for name in type(saved).model_fields:
            if name not in ("meetings", "rag", "rag_history"):
                assert getattr(stored, name) == getattr(saved, name), name
    else:
        stored_meeting = next(m for m in after[0].meetings if m.id == MEETING_ID)  # type: ignore[union-attr]
        assert stored_meeting.model_dump(exclude={"family_check"}) == saved.model_dump(
            exclude={"family_check"}
        )


def _run(demo_folder, model: type[BaseModel], examples: int) -> None:
    with Workspace.open(demo_folder, "chair", PASSPHRASE) as ws:

        @settings(
            max_examples=examples,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(data=st.data())
        def every_field(data: st.DataObject) -> None:
            _check_form(ws, model, data)

        every_field()


@pytest.mark.parametrize("model", FORMS, ids=lambda m: m.__name__)
def test_anything_typed_is_a_rule_message_or_saved_whole(qtbot, demo_folder, model):
    _run(demo_folder, model, 10)


@pytest.mark.slow
@pytest.mark.parametrize("model", FORMS, ids=lambda m: m.__name__)
def test_anything_typed_long_run(qtbot, demo_folder, model):
    _run(demo_folder, model, 150)
