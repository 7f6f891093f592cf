"""Moving a meeting through its lifecycle (start, end, reopen), each move an audit event."""

from __future__ import annotations

from datetime import UTC, datetime, time

from models.base import wall_clock
from models.meeting import Meeting, MeetingStatus
from models.rules import late_decision_problem, meeting_transition_problem
from storage import cases
from storage.errors import InvalidInput
from storage.workspace import Workspace


def change(
    ws: Workspace,
    case_id: str,
    meeting: Meeting,
    status: MeetingStatus,
    now: time | None = None,
) -> Meeting:
    """Save `meeting` with its new status, following the status rules; return it.

    Starting records the start time, ending the end time (when not already typed; both stay
    editable)."""
    reference = cases.reference_data(ws)
    problem = meeting_transition_problem(meeting.status, status)
    if problem is None and status is MeetingStatus.MINUTES_DRAFT:
        problem = late_decision_problem(meeting, reference, datetime.now(UTC))
    if problem:
        raise InvalidInput(problem)
    clock = (now or wall_clock(reference.time_zone).time()).replace(second=0, microsecond=0)
    update: dict[str, object] = {"status": status}
    if status is MeetingStatus.IN_PROGRESS and meeting.start_time is None:
        update["start_time"] = clock
    started = meeting.start_time
    if (
        status is MeetingStatus.MINUTES_DRAFT
        and meeting.end_time is None
        and (started is None or started <= clock)
    ):
        update["end_time"] = clock
    moved = meeting.model_copy(update=update)
    cases.save_meeting(ws, case_id, moved)
    with ws.transaction():
        ws.record(
            "meeting.status",
            "meeting",
            meeting.id,
            {"case": case_id, "from": meeting.status.value, "to": status.value},
        )
    return moved
