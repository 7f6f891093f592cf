"""The chair's check of what the family will receive, before signing (an audit event)."""

from __future__ import annotations

from datetime import UTC, datetime

from models.family_copy import FamilyCheck, family_fingerprint
from models.meeting import Meeting, MeetingStatus
from models.users import Role
from storage import records
from storage.errors import InvalidInput, PermissionDenied
from storage.minutes import load_case_and_meeting
from storage.workspace import Workspace


def confirm_family_check(ws: Workspace, meeting_id: str) -> FamilyCheck:
    """The chair confirms what the family will receive, as the meeting stands now.

    An audit event; any later edit of the meeting undoes the check (its fingerprint).
    """
    if Role.CHAIR not in ws.user.roles:
        raise PermissionDenied("Only a chair may confirm the family copy.")
    ws.require_writable()
    with ws.transaction():
        case, meeting = load_case_and_meeting(ws, meeting_id)
        before = records.revisions(ws.conn, case.id)
        if meeting.status in (MeetingStatus.SIGNED, MeetingStatus.AMENDED):
            raise InvalidInput("These minutes are signed: the family copy cannot change.")
        check = FamilyCheck(
            by=ws.user.display_name,
            at=datetime.now(UTC).replace(microsecond=0),
            fingerprint=family_fingerprint(meeting),
        )
        meetings = [
            m.model_copy(update={"family_check": check}) if m.id == meeting_id else m
            for m in case.meetings
        ]
        before = records.revisions(ws.conn, case.id)
        records.store_case(
            ws.conn, case.model_copy(update={"meetings": meetings}), records.load_reference(ws.conn)
        )
        # This session's own change: what it had read current stays current.
        for key, revision in records.revisions(ws.conn, case.id).items():
            if ws.seen.get(key) == before.get(key):
                ws.seen[key] = revision
        ws.record(
            "minutes.family_check",
            "meeting",
            meeting_id,
            {"fingerprint": check.fingerprint, "withheld": _withheld_count(meeting)},
        )
    return check


def _withheld_count(meeting: Meeting) -> int:
    from models.family_view import withheld_items

    return len(withheld_items(meeting))
