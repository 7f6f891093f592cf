"""Moving a meeting through its lifecycle (start, end, reopen), each move an audit event."""

from __future__ import annotations

from models.meeting import Meeting, MeetingStatus
from models.rules import meeting_transition_problem
from storage import cases
from storage.errors import InvalidInput
from storage.workspace import Workspace


def change(ws: Workspace, case_id: str, meeting: Meeting, status: MeetingStatus) -> Meeting:
    """Save `meeting` with its new status, following the status rules; return it."""
    problem = meeting_transition_problem(meeting.status, status)
    if problem:
        raise InvalidInput(problem)
    moved = meeting.model_copy(update={"status": status})
    cases.save_meeting(ws, case_id, moved)
    with ws.transaction():
        ws.record(
            "meeting.status",
            "meeting",
            meeting.id,
            {"case": case_id, "from": meeting.status.value, "to": status.value},
        )
    return moved
