"""Minutes: the frozen snapshot a signed PDF is built from, and its two variants.

The snapshot holds everything the minutes show, already resolved (names, not ids), so the
PDF is built from it alone and the same snapshot always gives the same text.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

from models.case import Case
from models.disciplines import missing
from models.family_copy import FamilyCheck, FamilyDocument, family_check_problem
from models.family_view import withheld_items
from models.identifiers import shown
from models.meeting import (
    Action,
    ActionReview,
    AttendanceStatus,
    Meeting,
)
from models.reference import GlossaryTerm, ReferenceData
from models.rules import actions_to_review, current_actions
from models.withholding import LEGACY_REASON, hidden_from_family


class Variant(StrEnum):
    PROFESSIONAL = "professional"
    FAMILY = "family"


# Printed at the top of every family copy, whatever was withheld: withheld items leave no
# trace of their own (a note in their place told a parent how many there were, and where).
WITHHELD_NOTE = (
    "This is the family copy. Some information discussed at the meeting may be left out of "
    "it, to keep the child or other people safe; the agencies keep the full record."
)


class ChildLine(BaseModel):
    model_config = ConfigDict(frozen=True)
    person_id: str = ""
    name: str
    known_as: str = ""
    date_of_birth: date | None = None
    unborn: bool = False
    # The consistent identifier (Children Act 2004 s16LC), in both copies of the minutes.
    identifier_kind: str = ""
    consistent_identifier: str = ""
    identifier_verified: bool = False

    def identifier_text(self) -> str:
        """E.g. "NHS number 943 476 5919 (verified)", or "" when none is recorded."""
        if not self.consistent_identifier:
            return ""
        # No-break spaces: a printed line never breaks inside the number.
        value = shown(self.consistent_identifier, self.identifier_kind).replace(" ", "\u00a0")
        verified = "verified" if self.identifier_verified else "not verified"
        return f"{self.identifier_kind} {value} ({verified})"


class ReviewedAction(BaseModel):
    """An earlier meeting's action as this meeting reviewed it."""

    model_config = ConfigDict(frozen=True)
    action: Action
    reported_status: str
    note: str = ""
    review: ActionReview | None = None

    def hidden_from_family(self) -> bool:
        return hidden_from_family(self.action) or hidden_from_family(self.review)


class MinutesSnapshot(BaseModel):
    """Snapshot version 2: the meeting itself, with what the minutes resolve around it.

    Every field of the meeting is in the snapshot because the meeting model is; a field
    added later is not part of an older snapshot's hash (see `canonical_json`).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    snapshot_version: Literal[2] = 2
    version: int
    amends_version: int | None = None
    addendum: str = ""
    protective_marking: str
    case_reference: str
    children: list[ChildLine]
    meeting: Meeting
    reviewed_actions: list[ReviewedAction]
    disciplines_missing: list[str] = []
    signer_name: str
    signer_role: str
    signer_agency: str = ""
    signed_at: datetime
    audit_seq: int
    audit_head: str
    time_zone: str = "Europe/London"  # the workspace's, for every time the minutes print
    allocated_worker: str = ""
    family_document: FamilyDocument = FamilyDocument.MINUTES
    glossary: list[GlossaryTerm] = []
    family_next_steps: str = ""
    family_advocacy: str = ""
    family_complaints: str = ""

    # The meeting's facts, as the PDF reads them.
    @property
    def meeting_type(self) -> str:
        return self.meeting.type

    @property
    def start_time(self) -> str:
        return self.meeting.start_time.strftime("%H:%M") if self.meeting.start_time else ""

    @property
    def family_check(self) -> FamilyCheck | None:
        return self.meeting.family_check

    def canonical_json(self) -> str:
        return canonical_json(self)

    def sha256(self) -> str:
        return hashlib.sha256(self.canonical_json().encode("utf-8")).hexdigest()


def canonical_json(snapshot: BaseModel) -> str:
    """The bytes a snapshot's hash is taken of: the fields it was made with, sorted.

    A snapshot is stored with every field it had when signed; read back, exactly those are
    set, so a field added to a model since (with its default) is left out and an old
    snapshot re-hashes to the value it was signed with.
    """
    return json.dumps(
        snapshot.model_dump(mode="json", exclude_unset=True),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )


def signing_problem(meeting: Meeting) -> str | None:
    """Why these minutes cannot be signed yet, or None."""
    present = [
        a
        for a in meeting.attendance
        if a.status in (AttendanceStatus.PRESENT, AttendanceStatus.DEPUTY)
    ]
    if not present:
        return "Nobody is recorded as present: record the attendance before signing."
    if not meeting.chair.strip():
        return "The meeting has no chair: record who chaired it before signing."
    unexplained = [line.text for line in withheld_items(meeting) if line.reason == LEGACY_REASON]
    if unexplained:
        return (
            "An item withheld from the family has no reason recorded: give the reason before "
            f"signing ({unexplained[0][:80]})."
        )
    return family_check_problem(meeting)


def family_document_for(meeting_type: str, reference: ReferenceData) -> FamilyDocument:
    """What the family receives: an outcome letter only after a strategy meeting, if set so."""
    if "strategy" in meeting_type.casefold():
        return reference.strategy_family_document
    return FamilyDocument.MINUTES


def build_snapshot(
    case: Case,
    meeting: Meeting,
    *,
    version: int,
    reference: ReferenceData,
    protective_marking: str,
    signer_name: str,
    signer_role: str,
    signed_at: datetime,
    audit_seq: int,
    audit_head: str,
    amends_version: int | None = None,
    addendum: str = "",
    signer_agency: str = "",
) -> MinutesSnapshot:
    """Freeze what the minutes of `meeting` say, resolved against its case."""
    status = current_actions(case)
    reviews = {r.action_id: r for r in meeting.action_reviews}
    reviewed = [
        ReviewedAction(
            action=action,
            reported_status=(
                reviews[action.id].reported_status.value if action.id in reviews else "not reviewed"
            ),
            note=reviews[action.id].note if action.id in reviews else "",
            review=reviews.get(action.id),
        )
        for action in actions_to_review(case, meeting)
    ]
    reviewed += [
        ReviewedAction(
            action=status[r.action_id],
            reported_status=r.reported_status.value,
            note=r.note,
            review=r,
        )
        for r in meeting.action_reviews
        if r.action_id in status and r.action_id not in {x.action.id for x in reviewed}
    ]
    agencies = [
        a.agency
        for a in meeting.attendance
        if a.status in (AttendanceStatus.PRESENT, AttendanceStatus.DEPUTY)
    ]
    made = MinutesSnapshot(
        version=version,
        amends_version=amends_version,
        addendum=addendum,
        protective_marking=protective_marking,
        case_reference=case.reference,
        children=[
            ChildLine(
                person_id=p.id,
                name=p.name,
                known_as=p.known_as,
                date_of_birth=p.date_of_birth,
                unborn=p.role.value == "unborn_child",
                identifier_kind=p.identifier_kind,
                consistent_identifier=p.consistent_identifier,
                identifier_verified=p.identifier_verified,
            )
            for p in case.children()
        ],
        meeting=meeting,
        reviewed_actions=reviewed,
        disciplines_missing=[
            d.value for d in missing(agencies, reference.agency_disciplines, meeting.type)
        ],
        signer_name=signer_name,
        signer_role=signer_role,
        signer_agency=signer_agency,
        signed_at=signed_at,
        audit_seq=audit_seq,
        audit_head=audit_head,
        time_zone=reference.time_zone,
        allocated_worker=case.allocated_worker,
        family_document=family_document_for(meeting.type, reference),
        glossary=reference.family_glossary,
        family_next_steps=reference.family_next_steps,
        family_advocacy=reference.family_advocacy,
        family_complaints=reference.family_complaints,
    )
    # Read back from its full dump, so every field it holds counts as set (canonical_json).
    return MinutesSnapshot.model_validate_json(json.dumps(made.model_dump(mode="json")))
