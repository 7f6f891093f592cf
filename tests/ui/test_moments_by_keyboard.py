"""A contact time is typed as the clock in the room says it (the workspace's time zone), kept
in UTC, and shown again in local time: on the form, in the deadline line and in the rules'
messages. A moment kept without an offset (a bundle's, or one kept before moments carried
one) is UTC wherever it is read."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from models.base import as_utc, local_text
from models.meeting import Meeting
from models.reference import ReferenceData
from models.rules import late_decision_problem
from storage import cases
from tests.models.test_messages import FORMS
from tests.ui.keyboard import CTRL, Person, meeting_screen, stored
from tests.ui.test_every_field import _form
from ui.form_fields import Nested
from ui.meeting_screen import MeetingScreen
from ui.meeting_steps import DetailsStep
from ui.moment_field import Moment as MomentEditor

KEY = Qt.Key


def _details(screen) -> DetailsStep:
    return next(
        screen.step(i)
        for i in range(screen.pages.count())
        if isinstance(screen.step(i), DetailsStep)
    )


@pytest.mark.parametrize(
    ("typed", "kept", "due"),
    [
        ("2026-07-14 09:30", datetime(2026, 7, 14, 8, 30, tzinfo=UTC), "14 Jul 2026 13:30 BST"),
        ("2026-01-14 09:30", datetime(2026, 1, 14, 9, 30, tzinfo=UTC), "14 Jan 2026 13:30 GMT"),
    ],
    ids=["summer", "winter"],
)
def test_a_contact_time_is_typed_and_read_in_local_time(qtbot, workspace, typed, kept, due):
    screen = meeting_screen(qtbot, workspace)
    me = Person()
    me.press(KEY.Key_2, CTRL)
    me.fill("Contact received", typed)
    me.press(KEY.Key_7, CTRL)
    me.tab_to("Rag")
    me.type("r")  # red: a decision within 4 hours
    me.press(KEY.Key_S, CTRL)

    assert stored(workspace).contact_received_at == kept
    assert f"RED: decision due {due}" in screen.deadline.text()
    assert "UTC" not in screen.deadline.text()
    # Opened again, the form shows what was typed, not the UTC it is kept in.
    again = MeetingScreen(workspace, screen.case.id, "m-key")
    qtbot.addWidget(again)
    assert _details(again).form.editors["contact_received_at"].widget.text() == typed


def test_the_late_decision_rule_names_the_deadline_in_local_time():
    meeting = Meeting.model_validate(
        {
            "id": "m1",
            "type": "Strategy meeting",
            "date": "2026-07-14",
            "contact_received_at": "2026-07-14T08:30:00Z",
            "risk": {"rag": "red"},
        }
    )
    problem = late_decision_problem(meeting, ReferenceData(), datetime(2026, 7, 14, 20, tzinfo=UTC))
    assert problem is not None and "14 Jul 2026 13:30 BST" in problem


def _moment_editors(form) -> list[tuple[str, MomentEditor]]:
    found = []
    for name, editor in form.editors.items():
        if isinstance(editor, Nested):
            found.extend(_moment_editors(editor.form))
        elif isinstance(editor, MomentEditor):
            found.append((name, editor))
    return found


def _declared_moments(model) -> set[str]:
    return {n for n, f in model.model_fields.items() if "_written_out" in repr(f.annotation)}


def test_every_moment_of_every_form_is_typed_and_shown_in_the_workspace_zone(qtbot):
    seen = set()
    for model in FORMS:
        form = _form(model)
        qtbot.addWidget(form)
        editors = _moment_editors(form)
        assert {name for name, _ in editors} >= _declared_moments(model) & set(form.editors)
        form.set_time_zone("Asia/Kolkata")  # +05:30 all year: not the default zone
        for name, editor in editors:
            seen.add(name)
            editor.widget.setText("2026-07-14 09:30")
            assert datetime.fromisoformat(editor.get()) == datetime(2026, 7, 14, 4, tzinfo=UTC)
            editor.set(datetime(2026, 7, 14, 4, 0, tzinfo=UTC))
            assert editor.widget.text() == "2026-07-14 09:30", name
            editor.set(datetime(2026, 7, 14, 4, 0))  # kept without an offset: UTC
            assert editor.widget.text() == "2026-07-14 09:30", name
    assert {"contact_received_at", "decided_at"} <= seen


def test_a_moment_kept_without_an_offset_reads_as_utc(workspace):
    case = cases.new_case(workspace, "MASH-2026-000901", "Ava Okoro")
    meeting = Meeting.model_validate(
        {"id": "m-old", "type": "Strategy meeting", "date": "2026-07-14"}
    )
    cases.save_meeting(workspace, case.id, meeting)
    body = json.loads(
        workspace.conn.execute("SELECT body FROM meetings WHERE id = 'm-old'").fetchone()[0]
    )
    body["contact_received_at"] = "2026-07-14T08:30:00"  # as kept before moments had offsets
    with workspace.transaction():
        workspace.conn.execute(
            "UPDATE meetings SET body = ? WHERE id = 'm-old'", (json.dumps(body),)
        )
    _case, read = cases.open_case_meeting(workspace, case.id, "m-old")
    assert read.contact_received_at is not None
    assert as_utc(read.contact_received_at) == datetime(2026, 7, 14, 8, 30, tzinfo=UTC)
    assert local_text(read.contact_received_at, "Europe/London") == "14 Jul 2026 09:30 BST"
    assert read.model_dump(mode="json")["contact_received_at"] == "2026-07-14T08:30:00"


def test_a_date_without_its_time_is_refused_beside_the_field(qtbot, workspace):
    screen = meeting_screen(qtbot, workspace)
    before = stored(workspace)
    me = Person()
    me.press(KEY.Key_2, CTRL)
    me.fill("Contact received", "2026-07-14")  # not midnight, silently
    me.press(KEY.Key_S, CTRL)
    assert _details(screen).form.errors["contact_received_at"].text() == (
        "Contact received must be a date and time, written YYYY-MM-DD HH:MM "
        "(for example 2026-03-31 14:30)."
    )
    assert stored(workspace) == before


@pytest.mark.parametrize(
    "typed",
    [
        "2026-07-14",
        "1784000000",
        "14/07/2026 09:30",
        "09:30",
        "2026-07-14 9:30",
        "2026-13-01 09:30",
    ],
)
def test_near_misses_are_refused_in_the_rules_words(qtbot, typed):
    from ui.forms import ModelForm

    form = ModelForm(Meeting, include=["contact_received_at"])
    qtbot.addWidget(form)
    form.editors["contact_received_at"].widget.setText(typed)
    assert form.value(id="m1", type="Strategy meeting", date="2026-07-14") is None
    assert (
        form.errors["contact_received_at"]
        .text()
        .startswith("Contact received must be a date and time, written YYYY-MM-DD HH:MM")
    )


def test_a_kept_moment_left_as_shown_is_kept_exactly(qtbot, workspace):
    # The second 01:30 of the night the clocks go back (GMT), to the second.
    kept = datetime(2026, 10, 25, 1, 30, 45, tzinfo=UTC)
    case = cases.new_case(workspace, "MASH-2026-000902", "Ava Okoro")
    meeting = Meeting.model_validate(
        {"id": "m-key", "type": "Strategy meeting", "date": "2026-10-25", "status": "in_progress"}
    )
    cases.save_meeting(workspace, case.id, meeting.model_copy(update={"contact_received_at": kept}))
    screen = MeetingScreen(workspace, case.id, "m-key")
    qtbot.addWidget(screen)
    screen.show()
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=3000)
    me = Person()
    me.press(KEY.Key_2, CTRL)
    assert _details(screen).form.editors["contact_received_at"].widget.text() == "2026-10-25 01:30"
    me.fill("Venue", "MASH room 2")
    me.press(KEY.Key_S, CTRL)
    m = stored(workspace)
    assert m.venue == "MASH room 2" and m.contact_received_at == kept


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "2026-03-29 01:30",
            "Contact received is a time that does not exist: the clocks go forward that night "
            "(29 Mar 2026).",
        ),
        (
            "2026-10-25 01:30",
            "Contact received happens twice that night, when the clocks go back (25 Oct 2026): "
            "type +01:00 after it for the first, or +00:00 for the second "
            "(e.g. 2026-10-25 01:30+01:00).",
        ),
    ],
    ids=["clocks-forward", "clocks-back"],
)
def test_a_local_time_the_clocks_skip_or_repeat_is_refused(qtbot, workspace, typed, message):
    screen = meeting_screen(qtbot, workspace)
    before = stored(workspace)
    me = Person()
    me.press(KEY.Key_2, CTRL)
    me.fill("Contact received", typed)
    me.press(KEY.Key_S, CTRL)
    assert _details(screen).form.errors["contact_received_at"].text() == message
    assert stored(workspace) == before
    me.fill("Contact received", typed + "+00:00")  # as the message says: the second one
    me.press(KEY.Key_S, CTRL)
    assert stored(workspace).contact_received_at == datetime.fromisoformat(typed + "+00:00")
    assert not _details(screen).form.errors["contact_received_at"].text()


def test_the_rag_history_says_when_in_local_time(qtbot, workspace):
    from models.case import RagChange
    from ui.case_screen import CaseScreen

    case = cases.new_case(workspace, "MASH-2026-000904", "Ava Okoro")
    change = RagChange(at=datetime(2026, 7, 14, 8, 30, tzinfo=UTC), rating="amber", by="Dana")
    cases.save_case(workspace, case.model_copy(update={"rag_history": [change]}))
    screen = CaseScreen(workspace, case.id)
    qtbot.addWidget(screen)
    model = screen.rag_history
    assert model.data(model.index(0, 0)) == "14 Jul 2026 09:30 BST"


def test_a_year_far_from_now_is_refused_and_one_kept_before_still_opens(qtbot, workspace):
    from pydantic import ValidationError

    from models.messages import problems
    from models.reference import ReferenceData
    from ui.forms import ModelForm
    from ui.meeting_deadlines import decision_deadline

    form = ModelForm(Meeting, include=["contact_received_at"])
    qtbot.addWidget(form)
    form.editors["contact_received_at"].widget.setText("0001-01-01 00:30+01:00")
    assert form.value(id="m1", type="Strategy meeting", date="2026-07-14") is None
    assert form.errors["contact_received_at"].text() == (
        "Contact received must be a date between the years 1900 and 2999."
    )
    far = {"id": "m-far", "type": "Strategy meeting", "date": "2026-07-14"}
    with pytest.raises(ValidationError) as refused:  # as in a bundle
        Meeting.model_validate({**far, "contact_received_at": "9999-12-31T23:00:00Z"})
    assert "between the years 1900 and 2999" in problems(refused.value, Meeting)[0][1]
    # Kept before years were bounded: it opens, and its deadline is said, not a crash.
    case = cases.new_case(workspace, "MASH-2026-000905", "Ava Okoro")
    cases.save_meeting(workspace, case.id, Meeting.model_validate(far))
    body = json.loads(
        workspace.conn.execute("SELECT body FROM meetings WHERE id = 'm-far'").fetchone()[0]
    )
    body["contact_received_at"] = "9999-12-31T23:00:00Z"
    body["risk"]["rag"] = "red"
    with workspace.transaction():
        workspace.conn.execute(
            "UPDATE meetings SET body = ? WHERE id = 'm-far'", (json.dumps(body),)
        )
    _case, read = cases.open_case_meeting(workspace, case.id, "m-far")
    text, _passed = decision_deadline(read, ReferenceData())
    assert text.startswith("RED: decision due")


def test_moving_on_with_a_time_the_clocks_skip_says_so_on_its_page(qtbot, workspace):
    screen = meeting_screen(qtbot, workspace)
    me = Person()
    me.press(KEY.Key_2, CTRL)
    me.fill("Contact received", "2026-03-29 01:30")
    me.press(KEY.Key_3, CTRL)
    assert isinstance(screen.pages.currentWidget(), DetailsStep)
    assert screen.banner.text() == (
        "Not saved: Contact received is a time that does not exist: the clocks go forward "
        "that night (29 Mar 2026)."
    )
