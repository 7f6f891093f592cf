"""Pure rules of practice: property tests where a rule has a shape, examples where it has words."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from models.meeting import Action, ActionStatus, AgencyContribution, MeetingStatus
from models.reference import ReferenceData
from models.risk import Rag
from models.rules import (
    action_transition_problem,
    add_months,
    add_working_days,
    age_on,
    initial_conference_due,
    meeting_transition_problem,
    rag_deadline,
)
from models.sharing import SharingDecision
from models.text import text_problem

REF = ReferenceData()


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 60))
def test_working_days_skip_weekends(start, days):
    due = add_working_days(start, days)
    assert due >= start
    between = [start + timedelta(d) for d in range(1, (due - start).days + 1)]
    assert sum(1 for d in between if d.weekday() < 5) == days
    if days:
        assert due.weekday() < 5


def test_initial_conference_due_in_15_working_days_with_bank_holidays():
    monday = date(2026, 12, 14)
    assert initial_conference_due(monday, REF) == date(2027, 1, 4)
    with_holidays = REF.model_copy(update={"bank_holidays": ["2026-12-25", "2026-12-28"]})
    assert initial_conference_due(monday, with_holidays) == date(2027, 1, 6)


@given(st.datetimes(timezones=st.just(UTC)), st.sampled_from(list(Rag)))
def test_rag_deadline_follows_the_timescale(contact, rag):
    assert rag_deadline(contact, rag, REF) - contact == timedelta(
        hours={"red": 4, "amber": 24, "green": 72}[rag.value]
    )


def test_rag_timescales_are_editable():
    custom = REF.model_copy(update={"rag_hours": {"red": 2, "amber": 12, "green": 48}})
    contact = datetime(2026, 11, 24, 7, 15, tzinfo=UTC)
    assert rag_deadline(contact, Rag.RED, custom) == datetime(2026, 11, 24, 9, 15, tzinfo=UTC)


@given(
    st.sampled_from(list(ActionStatus)), st.sampled_from(list(ActionStatus)), st.text(max_size=5)
)
def test_action_transitions(current, new, reason):
    problem = action_transition_problem(current, new, reason)
    if new in (ActionStatus.NOT_DONE, ActionStatus.NOT_POSSIBLE) and not reason.strip():
        assert problem == "An action closed without being done needs the reason."
    elif current is not ActionStatus.OPEN and new not in (ActionStatus.OPEN, current):
        assert problem is not None
    else:
        assert problem is None


@given(st.sampled_from(list(MeetingStatus)), st.sampled_from(list(MeetingStatus)))
def test_signed_minutes_never_go_back_to_draft(current, new):
    problem = meeting_transition_problem(current, new)
    if current in (MeetingStatus.SIGNED, MeetingStatus.AMENDED) and new not in (
        MeetingStatus.AMENDED,
        current,
    ):
        assert problem is not None
    if new is MeetingStatus.SIGNED and current is MeetingStatus.SCHEDULED:
        assert problem is not None


@given(st.dates(max_value=date(2090, 1, 1)), st.integers(0, 36))
def test_add_months_lands_in_the_right_month(day, months):
    later = add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    assert later.day <= day.day


@given(st.dates(max_value=date(2100, 1, 1)), st.dates(max_value=date(2100, 1, 1)))
def test_age_is_whole_years(birth, day):
    if day >= birth:
        age = age_on(birth, day)
        assert 0 <= age <= day.year - birth.year


def test_closed_not_done_needs_reason():
    with pytest.raises(ValidationError, match="needs the reason"):
        Action(id="a1", what="x", owner="o", owner_agency="Police", status=ActionStatus.NOT_DONE)
    Action(
        id="a1",
        what="x",
        owner="o",
        owner_agency="Police",
        status=ActionStatus.NOT_DONE,
        status_reason="Officer left",
    )


def test_withheld_needs_reason_and_not_shared_needs_reasons():
    with pytest.raises(ValidationError, match="withheld from the family needs the reason"):
        AgencyContribution(id="c1", agency="Police", text="x", withheld_from_family=True)
    with pytest.raises(ValidationError, match="reasons for the decision"):
        SharingDecision(
            id="s1",
            information="i",
            from_agency="Police",
            to_whom="School",
            outcome="not_shared",
            reasons=" ",
            decided_by="DC B",
            consent_not_sought_reason="risk",
        )
    with pytest.raises(ValidationError, match="lawful basis"):
        SharingDecision(
            id="s1",
            information="i",
            from_agency="Police",
            to_whom="School",
            outcome="shared",
            reasons="needed",
            decided_by="DC B",
            consent_not_sought_reason="risk",
        )


@given(st.text(max_size=50))
def test_text_rule_refuses_only_control_characters(text):
    problem = text_problem(text, 1000)
    bad = [
        c
        for c in text
        if (ord(c) < 32 and c not in "\n\t")
        or ord(c) == 127
        or 0x80 <= ord(c) < 0xA0
        or 0xD800 <= ord(c) < 0xE000
    ]
    assert (problem is None) == (not bad)
