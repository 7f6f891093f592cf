"""A meeting about a child, and everything recorded in it."""

from __future__ import annotations

import datetime as dt
from datetime import date
from enum import StrEnum
from typing import ClassVar

from pydantic import Field, model_validator

from models.base import Id, Moment, Record, TimeOfDay
from models.family_copy import FamilyCheck
from models.fields import declared
from models.risk import RiskAssessment
from models.sharing import SharingDecision
from models.strategy import StrategyDetails
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
    role: ShortText = declared(
        "",
        title="Role",
        description="For example lead practitioner, or lead child protection practitioner "
        "(a social worker).",
    )
    person_id: Id | None = None
    status: AttendanceStatus = AttendanceStatus.PRESENT
    deputy_for: ShortText = declared("", title="Deputy for")
    information_received_on: date | None = declared(
        None, title="Information received on (information only)"
    )
    joined_at: TimeOfDay | None = declared(None, title="Joined at")
    left_at: TimeOfDay | None = declared(None, title="Left at")
    confidentiality_acknowledged: bool = declared(
        False, title="Confidentiality statement acknowledged"
    )
    excluded_from: ShortText = declared(  # e.g. "closed section on police information"
        "", title="Excluded from (part of the meeting)"
    )

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
    text: RequiredLong = declared(title="What the agency knows")
    kind: ContributionKind = declared(ContributionKind.FACT, title="Fact or opinion")
    source: ShortText = ""
    source_date: date | None = None


class VoiceSpeaker(StrEnum):
    CHILD = "child"
    ADVOCATE = "advocate"
    PARENT = "parent"
    CARER = "carer"


class ChildVoice(Withholdable):
    id: Id
    person_id: Id | None = None
    speaker: VoiceSpeaker = declared(VoiceSpeaker.CHILD, title="Whose voice")
    words: RequiredLong = declared(title="In their own words")
    how_gathered: ShortText = declared("", title="How it was gathered")
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


# The decisions a strategy discussion takes, and those a conference takes (x-meeting-types).
STRATEGY_TYPES = ("strategy",)
CONFERENCE_TYPES = ("conference",)


class Decisions(Withholdable):
    """The meeting's decisions. Withholding them keeps the outcomes in the family copy and
    leaves out their free text (why not yet, notes). A decision declared for some meeting
    types is shown only in those (or wherever it was recorded)."""

    section_47: bool | None = declared(
        None, title="Section 47 enquiry", meeting_types=STRATEGY_TYPES
    )
    investigation: Investigation | None = declared(
        None, title="Investigation", meeting_types=STRATEGY_TYPES
    )
    immediate_protection: bool | None = declared(None, title="Immediate protection")
    legal_advice: bool | None = declared(None, title="Legal advice or action")
    initial_conference: bool | None = declared(
        None, title="Initial conference", meeting_types=STRATEGY_TYPES
    )
    protection_plan: bool | None = declared(
        None, title="Child protection plan", meeting_types=CONFERENCE_TYPES
    )
    plan_category: PlanCategory | None = declared(
        None, title="Plan category", meeting_types=CONFERENCE_TYPES
    )
    who_tells_parents: ShortText = declared("", title="Who tells the parents")
    when_tell_parents: ShortText = declared("", title="When the parents are told")
    why_not_yet: LongText = declared("", title="Why not yet")
    dissent: list[Dissent] = Field(default_factory=list, max_length=50)
    notes: LongText = declared("", title="Notes")

    @model_validator(mode="after")
    def _rules(self) -> Decisions:
        if self.protection_plan and self.plan_category is None:
            raise ValueError("A child protection plan needs its category.")
        return self


class ChildDecisions(Decisions):
    """The decisions for one child, when a meeting is about several."""

    person_id: Id


class HarmContext(StrEnum):
    """Where the harm happens: within or outside the home, including online (WT 2023)."""

    WITHIN_HOME = "within_the_home"
    OUTSIDE_HOME = "outside_the_home"
    ONLINE = "online"


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
    what: RequiredLong = declared(title="Action")
    why: LongText = declared("", title="Why")
    linked_danger_id: Id | None = declared(None, title="The worry it answers (danger statement)")
    owner: RequiredShort
    owner_agency: RequiredShort = declared(title="Owner's agency")
    due: date | None = None
    priority: Priority = Priority.MEDIUM
    status: ActionStatus = ActionStatus.OPEN
    status_reason: LongText = declared("", title="Reason (needed if not done or not possible)")

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
    """A meeting. A field with `step` is shown by that step's form and, for the details,
    in the facts at the top of the minutes (models/fields.py)."""

    id: Id
    type: RequiredShort = declared(title="Meeting type", step="details")
    date: dt.date = declared(title="Date", step="details")
    start_time: TimeOfDay | None = declared(None, title="Start time", step="details")
    end_time: TimeOfDay | None = declared(None, title="End time", step="details")
    venue: ShortText = declared("", title="Venue", step="details")
    chair: ShortText = declared("", title="Chair", step="details")
    minute_taker: ShortText = declared("", title="Minutes taken by", step="details")
    status: MeetingStatus = MeetingStatus.SCHEDULED
    trigger_reference: ShortText = declared("", title="Referral / contact", step="details")
    contact_received_at: Moment | None = declared(
        None,
        title="Contact received",
        description="When the contact or referral came in, as the clock in the room said it: "
        "the RAG rating's timescale runs from it.",
        step="details",
    )
    late_decision_reason: LongText = declared(
        "",
        title="Why the decision was late",
        description="Needed before the meeting ends when the RAG decision deadline has passed.",
        step="details",
    )
    purpose: LongText = declared("", title="Purpose", step="purpose")
    confidentiality_statement: LongText = declared(
        "", title="Confidentiality statement", step="purpose"
    )
    harm_context: list[HarmContext] = declared(
        default_factory=list,
        title="Where the harm happens",
        description="Within the home, outside the home, online: any that apply "
        "(Working Together 2023).",
        step="details",
        max_length=3,
    )
    attendance: list[Attendance] = Field(default_factory=list, max_length=500)
    disciplines_absent_reason: LongText = declared(
        "",
        title="Why a discipline is absent",
        description="Education, social work, health and police each take part in child "
        "protection (CWSA 2026 s16EA); a strategy discussion needs social care, police and "
        "health (Working Together 2023).",
        step="attendance",
    )
    contributions: list[AgencyContribution] = Field(default_factory=list, max_length=2000)
    sharing_decisions: list[SharingDecision] = Field(default_factory=list, max_length=1000)
    child_voice: list[ChildVoice] = Field(default_factory=list, max_length=200)
    risk: RiskAssessment = Field(default_factory=RiskAssessment)
    decisions: Decisions = Field(default_factory=Decisions)
    child_decisions: list[ChildDecisions] = declared(
        default_factory=list,
        title="Decisions per child",
        description="When the meeting is about several children: one record per child.",
        max_length=50,
    )
    strategy: StrategyDetails = declared(
        default_factory=StrategyDetails,
        title="Strategy discussion",
        meeting_types=STRATEGY_TYPES,
    )
    action_reviews: list[ActionReview] = Field(default_factory=list, max_length=2000)
    actions: list[Action] = Field(default_factory=list, max_length=2000)
    next_meeting_date: dt.date | None = None  # `date` is a field name in this class
    family_check: FamilyCheck | None = None

    def decision_records(self) -> list[Decisions]:
        """The decisions as recorded: one per child when the meeting is about several."""
        return list(self.child_decisions) or [self.decisions]

    @model_validator(mode="after")
    def _rules(self) -> Meeting:
        if self.start_time and self.end_time and self.end_time < self.start_time:
            raise ValueError("The meeting ends before it starts: check the times.")
        if self.next_meeting_date and self.next_meeting_date < self.date:
            raise ValueError("The next meeting is dated before this one.")
        return self
