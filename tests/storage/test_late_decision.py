"""A meeting whose RAG decision deadline has passed cannot end without the reason, which the
minutes then print."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import pypdf
import pytest

from models.meeting import Meeting, MeetingStatus
from models.minutes import Variant
from models.reference import ReferenceData
from models.risk import Rag, RiskAssessment
from models.rules import late_decision_problem
from storage import cases, meeting_status
from storage.errors import InvalidInput
from storage.minutes import draft_pdf


def _meeting(hours_ago: float, reason: str = "") -> Meeting:
    return Meeting(
        id="m-late",
        type="Strategy meeting",
        date=date.today(),
        status=MeetingStatus.IN_PROGRESS,
        contact_received_at=datetime.now(UTC) - timedelta(hours=hours_ago),
        risk=RiskAssessment(rag=Rag.RED),
        late_decision_reason=reason,
    )


def test_the_rule_asks_only_once_the_deadline_has_passed():
    now, reference = datetime.now(UTC), ReferenceData()
    assert late_decision_problem(_meeting(2), reference, now) is None  # red: 4 h
    assert "RED decision deadline passed" in late_decision_problem(_meeting(5), reference, now)
    assert (
        late_decision_problem(_meeting(5, "Police were at another incident"), reference, now)
        is None
    )


def test_ending_a_late_meeting_needs_the_reason_and_the_minutes_print_it(workspace):
    case = cases.new_case(workspace, "MASH-2026-000950", "Ava Okoro")
    late = _meeting(6)
    cases.save_meeting(workspace, case.id, late)
    with pytest.raises(InvalidInput, match="record why the decision was late"):
        meeting_status.change(workspace, case.id, late, MeetingStatus.MINUTES_DRAFT)
    assert cases.open_meeting(workspace, late.id)[1].status is MeetingStatus.IN_PROGRESS
    explained = late.model_copy(update={"late_decision_reason": "Police were at another incident"})
    cases.save_meeting(workspace, case.id, explained)
    ended = meeting_status.change(workspace, case.id, explained, MeetingStatus.MINUTES_DRAFT)
    assert ended.status is MeetingStatus.MINUTES_DRAFT
    pdf = draft_pdf(workspace, late.id, Variant.PROFESSIONAL)
    text = " ".join(
        "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages).split()
    )
    assert "Why the decision was late Police were at another incident" in text


@pytest.fixture
def computer_in_utc(monkeypatch):
    """This computer's clock set to UTC (the room's zone is the workspace's)."""
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()  # (TZ as it was, then read again)
    time.tzset()


def test_a_meeting_starts_and_ends_by_the_rooms_clock_not_the_computers(workspace, computer_in_utc):
    from zoneinfo import ZoneInfo

    reference = ReferenceData(time_zone="Asia/Kolkata")  # the room is in India (+05:30)
    cases.save_reference_data(workspace, reference)
    case = cases.new_case(workspace, "MASH-2026-000903", "Ava Okoro")
    meeting = Meeting(id="m-clock", type="Strategy meeting", date=date.today())
    cases.save_meeting(workspace, case.id, meeting)
    started = meeting_status.change(workspace, case.id, meeting, MeetingStatus.IN_PROGRESS)
    room = datetime.now(ZoneInfo("Asia/Kolkata"))
    assert started.start_time is not None
    taken = datetime.combine(room.date(), started.start_time, ZoneInfo("Asia/Kolkata"))
    assert abs((room - taken).total_seconds()) < 120


def test_a_case_is_opened_on_the_rooms_calendar(workspace, computer_in_utc):
    from zoneinfo import ZoneInfo

    # A room whose date differs from UTC's right now: +14 h late in the UTC day, -11 h early.
    zone = "Pacific/Kiritimati" if datetime.now(UTC).hour >= 10 else "Pacific/Pago_Pago"
    cases.save_reference_data(workspace, ReferenceData(time_zone=zone))
    case = cases.new_case(workspace, "MASH-2026-000906", "Ava Okoro")
    assert case.opened_on == datetime.now(ZoneInfo(zone)).date() != date.today()
