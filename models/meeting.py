"""A meeting about a child, and everything recorded in it."""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar

from pydantic import Field, model_validator

from models.base import Id, Record, TimeOfDay
from models.family_copy import FamilyCheck
from models.risk import RiskAssessment
from models.text import LongText, RequiredLong, RequiredShort, ShortText
from models.withholding import Withholdable


class MeetingStatus(StrEnum):
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    MINUTES_DRAFT = "minutes_draft"
    SIGNED = "signed"
    AMENDED = "amended"


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    DEPUTY = "deputy"
    DID_NOT_ATTEND = "did_not_attend"
    INFORMATION_ONLY = "information_only"


class Attendance(Withholdable):
    id: Id
    name: RequiredShort
    agency: ShortText = ""
    role: ShortText = ""
    person_id: Id | None = None
    status: AttendanceStatus = AttendanceStatus.PRESENT
    deputy_for: ShortText = ""
    information_received_on: date | None = None
    joined_at: TimeOfDay | None = None
    left_at: TimeOfDay | None = None
    confidentiality_acknowledged: bool = False
    excluded_from: ShortText = ""  # e.g. "closed section on police information"

    @model_validator(mode="after")
    def _rules(self) -> Attendance:
        if self.status is AttendanceStatus.DEPUTY and not self.deputy_for.strip():
            raise ValueError("A deputy needs the name of the person they stand in for.")
        if self.joined_at and self.left_at and self.left_at < self.joined_at:
            raise ValueError("Left before joining: check the times.")
        return self


class ContributionKind(StrEnum):
    FACT = "fact"
    OPINION = "professional_opinion"


class AgencyContribution(Withholdable):
    id: Id
    agency: RequiredShort
    given_by: ShortText = ""
    text: RequiredLong
    kind: ContributionKind = ContributionKind.FACT
    source: ShortText = ""
    source_date: date | None = None


class SharingOutcome(StrEnum):
    SHARED = "shared"
    NOT_SHARED = "not_shared"


class SharingChecks(Record):
    necessary: bool = False
    proportionate: bool = False
    relevant: bool = False
    adequate: bool = False
    accurate: bool = False
    timely: bool = False
    secure: bool = False


class SharingDecision(Withholdable):
    """One decision to share or not to share; a 'not shared' is recorded as carefully.

    A decision NOT to share is withheld from the family unless the chair releases it, with
    a reason; a decision not to share with the family itself is never released.
    """

    id: Id
    information: RequiredLong
    from_agency: RequiredShort
    to_whom: RequiredShort
    decided_at: datetime | None = None
    purpose: LongText = ""
    lawful_basis: list[ShortText] = Field(default_factory=list, max_length=20)
    consent_sought: bool = False
    consent_given: bool | None = None
    consent_not_sought_reason: LongText = ""
    outcome: SharingOutcome
    reasons: LongText
    decided_by: ShortText
    how_sent: ShortText = ""
    checks: SharingChecks = Field(default_factory=SharingChecks)
    to_family: bool = Field(
        default=False,
        title="The recipients include the family",
        description="The information was to go to the child's parents or carers.",
    )
    released_to_family: bool = Field(
        default=False,
        title="Released to the family",
        description="The chair releases a decision not to share into the family copy.",
    )
    release_reason: LongText = Field(default="", title="Why the chair releases it")

    @model_validator(mode="after")
    def _rules(self) -> SharingDecision:
        if not self.reasons.strip():
            raise ValueError("Record the reasons for the decision, whether shared or not.")
        if not self.decided_by.strip():
            raise ValueError("Record who decided.")
        if self.consent_sought and self.consent_given is None:
            raise ValueError("Consent was sought: record whether it was given.")
        if not self.consent_sought and not self.consent_not_sought_reason.strip():
            raise ValueError("Consent was not sought: record why not.")
        if self.outcome is SharingOutcome.SHARED and not self.lawful_basis:
            raise ValueError("Information shared needs its lawful basis.")
        if self.released_to_family and not self.release_reason.strip():
            raise ValueError("Releasing a decision not to share to the family needs the reason.")
        if self.released_to_family and self.to_family and self.outcome is SharingOutcome.NOT_SHARED:
            raise ValueError(
                "A decision not to share with the family cannot be released to the family."
            )
        return self

    def hidden_from_family(self) -> bool:
        if self.withheld_from_family:
            return True
        if self.outcome is SharingOutcome.NOT_SHARED:
            return self.to_family or not self.released_to_family
        return False


class VoiceSpeaker(StrEnum):
    CHILD = "child"
    ADVOCATE = "advocate"
    PARENT = "parent"
    CARER = "carer"


class ChildVoice(Withholdable):
    id: Id
    person_id: Id | None = None
    speaker: VoiceSpeaker = VoiceSpeaker.CHILD
    words: RequiredLong
    how_gathered: ShortText = ""
    child_attended: bool = False


class Investigation(StrEnum):
    NONE = "none"
    SINGLE_AGENCY = "single_agency"
    JOINT = "joint"


class PlanCategory(StrEnum):
    NEGLECT = "neglect"
    PHYSICAL = "physical_abuse"
    SEXUAL = "sexual_abuse"
    EMOTIONAL = "emotional_abuse"


class Dissent(Withholdable):
    agency: RequiredShort
    reason: RequiredLong


class Decisions(Withholdable):
    """The meeting's decisions. Withholding them keeps the outcomes in the family copy and
    leaves out their free text (why not yet, notes)."""

    section_47: bool | None = None
    investigation: Investigation | None = None
    immediate_protection: bool | None = None
    legal_advice: bool | None = None
    initial_conference: bool | None = None
    protection_plan: bool | None = None
    plan_category: PlanCategory | None = None
    who_tells_parents: ShortText = ""
    when_tell_parents: ShortText = ""
    why_not_yet: LongText = ""
    dissent: list[Dissent] = Field(default_factory=list, max_length=50)
    notes: LongText = ""

    @model_validator(mode="after")
    def _rules(self) -> Decisions:
        if self.protection_plan and self.plan_category is None:
            raise ValueError("A child protection plan needs its category.")
        return self


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    NOT_POSSIBLE = "not_possible"  # circumstances changed
    NOT_DONE = "not_done"  # not done by the agency


CLOSED_NEEDING_REASON = {ActionStatus.NOT_POSSIBLE, ActionStatus.NOT_DONE}


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Action(Withholdable):
    reason_field_is_new: ClassVar[bool] = True

    id: Id
    what: RequiredLong
    why: LongText = ""
    linked_danger_id: Id | None = None
    owner: RequiredShort
    owner_agency: RequiredShort
    due: date | None = None
    priority: Priority = Priority.MEDIUM
    status: ActionStatus = ActionStatus.OPEN
    status_reason: LongText = ""

    @model_validator(mode="after")
    def _closed_not_done_needs_reason(self) -> Action:
        if self.status in CLOSED_NEEDING_REASON and not self.status_reason.strip():
            raise ValueError("An action closed without being done needs the reason.")
        return self


class ActionReview(Withholdable):
    """The status of an earlier meeting's action, as reported in this meeting."""

    action_id: Id
    reported_status: ActionStatus
    note: LongText = ""

    @model_validator(mode="after")
    def _reason(self) -> ActionReview:
        if self.reported_status in CLOSED_NEEDING_REASON and not self.note.strip():
            raise ValueError("An action closed without being done needs the reason.")
        return self


class Meeting(Record):
    id: Id
    type: RequiredShort
    date: date
    start_time: TimeOfDay | None = None
    end_time: TimeOfDay | None = None
    venue: ShortText = ""
    chair: ShortText = ""
    minute_taker: ShortText = ""
    status: MeetingStatus = MeetingStatus.SCHEDULED
    trigger_reference: ShortText = ""
    contact_received_at: datetime | None = None
    late_decision_reason: LongText = Field(
        default="",
        title="Why the decision was late",
        description="Needed before the meeting ends when the RAG decision deadline has passed.",
    )
    purpose: LongText = ""
    confidentiality_statement: LongText = ""
    attendance: list[Attendance] = Field(default_factory=list, max_length=500)
    contributions: list[AgencyContribution] = Field(default_factory=list, max_length=2000)
    sharing_decisions: list[SharingDecision] = Field(default_factory=list, max_length=1000)
    child_voice: list[ChildVoice] = Field(default_factory=list, max_length=200)
    risk: RiskAssessment = Field(default_factory=RiskAssessment)
    decisions: Decisions = Field(default_factory=Decisions)
    action_reviews: list[ActionReview] = Field(default_factory=list, max_length=2000)
    actions: list[Action] = Field(default_factory=list, max_length=2000)
    next_meeting_date: dt.date | None = None  # `date` is a field name in this class
    family_check: FamilyCheck | None = None

    @model_validator(mode="after")
    def _rules(self) -> Meeting:
        if self.start_time and self.end_time and self.end_time < self.start_time:
            raise ValueError("The meeting ends before it starts: check the times.")
        if self.next_meeting_date and self.next_meeting_date < self.date:
            raise ValueError("The next meeting is dated before this one.")
        return self
