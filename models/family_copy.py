"""What the family receives: the chair's check of it, and who in the room is family.

Before signing, the chair reads everything the family copy will hold, step by step, with
the withheld items struck out, and confirms it. The check records a fingerprint of the
meeting as it was checked; any edit afterwards changes the fingerprint and so undoes it.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from pydantic import Field

from models.base import Record
from models.text import ShortText

if TYPE_CHECKING:
    from models.case import Case
    from models.meeting import Meeting

FAMILY_AGENCIES = {"family", "parent", "parents", "carer", "carers"}


class FamilyDocument(StrEnum):
    """What the family receives after a strategy meeting (a workspace setting)."""

    MINUTES = "family_copy"
    OUTCOME_LETTER = "outcome_letter"


class FamilyCheck(Record):
    """The chair's confirmation of what the family will receive."""

    by: ShortText = Field(title="Checked by")
    at: datetime = Field(title="Checked at")
    fingerprint: str = Field(pattern="^[0-9a-f]{64}$")


def family_fingerprint(meeting: Meeting) -> str:
    """SHA-256 of everything of the meeting the check covers (all but the check and status)."""
    body = meeting.model_dump(mode="json", exclude={"family_check", "status"})
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def family_check_problem(meeting: Meeting) -> str | None:
    """Why the family copy of this meeting is not checked as it stands, or None."""
    check = meeting.family_check
    if check is None:
        return (
            "The family copy has not been checked: read what the family will receive and "
            "confirm it before signing."
        )
    if check.fingerprint != family_fingerprint(meeting):
        return (
            "The meeting changed after the family copy was checked: check it again before signing."
        )
    return None


def family_present(case: Case, meeting: Meeting) -> bool:
    """Whether a parent, carer or the child is recorded as present at the meeting."""
    from models.meeting import AttendanceStatus
    from models.people import PersonRole

    family_roles = {
        PersonRole.CHILD,
        PersonRole.PARENT,
        PersonRole.CARER,
        PersonRole.HOUSEHOLD_MEMBER,
    }
    roles = {p.id: p.role for p in case.people}
    return any(
        a.status in (AttendanceStatus.PRESENT, AttendanceStatus.DEPUTY)
        and (
            roles.get(a.person_id or "") in family_roles
            or a.agency.strip().casefold() in FAMILY_AGENCIES
        )
        for a in meeting.attendance
    )
