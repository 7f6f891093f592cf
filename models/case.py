"""A case: one or more children, the people and places around them, and its meetings."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar

from pydantic import Field, model_validator

from models.base import Id, Moment, Record
from models.identifiers import shared_identifier
from models.meeting import Meeting
from models.people import CasePerson, Place
from models.risk import Rag
from models.text import LongText, RequiredLong, ShortText
from models.withholding import Withholdable


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class RagChange(Record):
    at: Moment
    rating: Rag
    reason: LongText = ""
    by: ShortText = ""


class ChronologyOrigin(StrEnum):
    ENTERED = "entered"
    MEETING = "meeting"
    DECISION = "decision"
    ACTION = "action"


class ChronologyEntry(Withholdable):
    reason_field_is_new: ClassVar[bool] = True

    id: Id
    date: date
    event: RequiredLong
    source_agency: ShortText = ""
    impact_on_child: LongText = ""
    action_taken: LongText = ""
    origin: ChronologyOrigin = ChronologyOrigin.ENTERED


class Case(Record):
    id: Id
    reference: ShortText
    status: CaseStatus = CaseStatus.OPEN
    rag: Rag | None = None
    rag_history: list[RagChange] = Field(default_factory=list, max_length=1000)
    allocated_worker: ShortText = ""
    opened_on: date
    closed_on: date | None = None
    people: list[CasePerson] = Field(default_factory=list, max_length=500)
    places: list[Place] = Field(default_factory=list, max_length=500)
    chronology: list[ChronologyEntry] = Field(default_factory=list, max_length=20_000)
    meetings: list[Meeting] = Field(default_factory=list, max_length=1000)

    @model_validator(mode="after")
    def _rules(self) -> Case:
        if not self.reference.strip():
            raise ValueError("A case needs its reference number.")
        if self.closed_on and self.closed_on < self.opened_on:
            raise ValueError("The case is closed before it was opened.")
        if self.status is CaseStatus.CLOSED and self.closed_on is None:
            raise ValueError("A closed case needs the date it closed.")
        for what, ids in (
            ("person", [p.id for p in self.people]),
            ("place", [p.id for p in self.places]),
            ("chronology entry", [c.id for c in self.chronology]),
            ("meeting", [m.id for m in self.meetings]),
        ):
            dup = _first_duplicate(ids)
            if dup:
                raise ValueError(f"The {what} id {dup!r} is used twice in this case.")
        _check_meeting_references(self)
        shared = shared_identifier(self.people)
        if shared:
            raise ValueError(shared)
        return self

    def children(self) -> list[CasePerson]:
        from models.people import CHILD_ROLES

        return [p for p in self.people if p.role in CHILD_ROLES]

    def meetings_in_order(self) -> list[Meeting]:
        return sorted(self.meetings, key=lambda m: (m.date, m.start_time or datetime.min.time()))


def _first_duplicate(ids: list[str]) -> str | None:
    if len(set(ids)) == len(ids):
        return None  # (the common case, without counting: imports check ~17 lists a case)
    counts = Counter(ids)
    return next((i for i in ids if counts[i] > 1), None)


def _check_meeting_references(case: Case) -> None:
    people = {p.id for p in case.people}
    earlier_actions: set[str] = set()
    all_action_ids: list[str] = []
    for meeting in case.meetings_in_order():
        where = f"meeting {meeting.id!r}"
        for kind, ids in (
            ("attendance", [a.id for a in meeting.attendance]),
            ("contribution", [c.id for c in meeting.contributions]),
            ("sharing decision", [s.id for s in meeting.sharing_decisions]),
            ("child's voice", [v.id for v in meeting.child_voice]),
            ("danger statement", [d.id for d in meeting.risk.danger_statements]),
        ):
            dup = _first_duplicate(ids)
            if dup:
                raise ValueError(f"In {where}, the {kind} id {dup!r} is used twice.")
        for a in meeting.attendance:
            if a.person_id and a.person_id not in people:
                raise ValueError(
                    f"In {where}, attendance {a.id!r} names person {a.person_id!r}, who is not in this case."
                )
        for v in meeting.child_voice:
            if v.person_id and v.person_id not in people:
                raise ValueError(
                    f"In {where}, child's voice {v.id!r} names person {v.person_id!r}, who is not in this case."
                )
        decided = [d.person_id for d in meeting.child_decisions]
        for person_id in decided:
            if person_id not in people:
                raise ValueError(
                    f"In {where}, decisions are recorded for person {person_id!r}, who is not in this case."
                )
        dup = _first_duplicate(decided)
        if dup:
            raise ValueError(f"In {where}, the decisions for person {dup!r} are recorded twice.")
        dangers = {d.id for d in meeting.risk.danger_statements}
        for action in meeting.actions:
            if action.linked_danger_id and action.linked_danger_id not in dangers:
                raise ValueError(
                    f"In {where}, action {action.id!r} links to danger statement {action.linked_danger_id!r}, which this meeting does not have."
                )
        for review in meeting.action_reviews:
            if review.action_id not in earlier_actions:
                raise ValueError(
                    f"In {where}, the review of action {review.action_id!r} names no action of an earlier meeting."
                )
        ids = [a.id for a in meeting.actions]
        all_action_ids += ids
        earlier_actions.update(ids)
    dup = _first_duplicate(all_action_ids)
    if dup:
        raise ValueError(f"The action id {dup!r} is used twice in this case.")
