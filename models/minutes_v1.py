"""Snapshot version 1: how minutes were frozen before the snapshot embedded the meeting.

Signed snapshots are never rewritten. One stored in version 1 still loads here, re-hashes to
the value it was signed with (models.minutes.canonical_json), and turns into a version-2
snapshot to be shown or printed again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from models.family_copy import FamilyCheck, FamilyDocument
from models.meeting import (
    Action,
    AgencyContribution,
    Attendance,
    ChildVoice,
    Decisions,
    Meeting,
    MeetingStatus,
)
from models.minutes import ChildLine, MinutesSnapshot, ReviewedAction, canonical_json
from models.reference import GlossaryTerm
from models.risk import RiskAssessment
from models.sharing import SharingDecision


class MinutesSnapshotV1(BaseModel):
    """The fields of a version-1 snapshot, as they were (do not add any)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int
    amends_version: int | None = None
    addendum: str = ""
    protective_marking: str
    case_reference: str
    children: list[ChildLine]
    meeting_id: str
    meeting_type: str
    date: date
    start_time: str = ""
    end_time: str = ""
    venue: str = ""
    chair: str = ""
    minute_taker: str = ""
    trigger_reference: str = ""
    contact_received_at: datetime | None = None
    late_decision_reason: str = ""
    purpose: str = ""
    confidentiality_statement: str = ""
    attendance: list[Attendance]
    child_voice: list[ChildVoice]
    contributions: list[AgencyContribution]
    sharing_decisions: list[SharingDecision]
    risk: RiskAssessment
    decisions: Decisions
    reviewed_actions: list[ReviewedAction]
    actions: list[Action]
    next_meeting_date: dt.date | None = None  # `date` is a field name here
    signer_name: str
    signer_role: str
    signer_agency: str = ""
    signed_at: datetime
    audit_seq: int
    audit_head: str
    time_zone: str = "Europe/London"
    allocated_worker: str = ""
    family_document: FamilyDocument = FamilyDocument.MINUTES
    family_check: FamilyCheck | None = None
    glossary: list[GlossaryTerm] = []
    family_next_steps: str = ""
    family_advocacy: str = ""
    family_complaints: str = ""

    def canonical_json(self) -> str:
        return canonical_json(self)

    def sha256(self) -> str:
        return hashlib.sha256(self.canonical_json().encode("utf-8")).hexdigest()

    def current(self) -> MinutesSnapshot:
        """The same minutes as a version-2 snapshot, to show or print (never to re-sign)."""
        meeting = Meeting(
            id=self.meeting_id,
            type=self.meeting_type,
            date=self.date,
            start_time=self.start_time or None,
            end_time=self.end_time or None,
            venue=self.venue,
            chair=self.chair,
            minute_taker=self.minute_taker,
            status=MeetingStatus.SIGNED,
            trigger_reference=self.trigger_reference,
            contact_received_at=self.contact_received_at,
            late_decision_reason=self.late_decision_reason,
            purpose=self.purpose,
            confidentiality_statement=self.confidentiality_statement,
            attendance=self.attendance,
            contributions=self.contributions,
            sharing_decisions=self.sharing_decisions,
            child_voice=self.child_voice,
            risk=self.risk,
            decisions=self.decisions,
            actions=self.actions,
            next_meeting_date=self.next_meeting_date,
            family_check=self.family_check,
        )
        keep = set(MinutesSnapshot.model_fields) & set(type(self).model_fields)
        return MinutesSnapshot(meeting=meeting, **{name: getattr(self, name) for name in keep})


def load_snapshot(text: str | bytes) -> MinutesSnapshot | MinutesSnapshotV1:
    """A stored snapshot, in the version it was signed in."""
    data: Any = json.loads(text)
    if isinstance(data, dict) and "snapshot_version" not in data:
        return MinutesSnapshotV1.model_validate(data)
    return MinutesSnapshot.model_validate(data)
