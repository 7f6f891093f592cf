"""The joint risk assessment of a meeting: Signs of Safety, CSE screening, RAG, threshold."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator

from models.base import Id, Record
from models.text import LongText, RequiredLong, RequiredShort


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


class Threshold(StrEnum):
    UNIVERSAL = "universal"
    EARLY_HELP = "early_help"
    CHILD_IN_NEED = "child_in_need"
    CHILD_PROTECTION = "child_protection"


class Presence(StrEnum):
    YES = "yes"
    NO = "no"
    POSSIBLE = "possible"


class Level(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Basis(StrEnum):
    EVIDENCE = "evidence"
    PROFESSIONAL_CONCERN = "professional_concern"


class DangerStatement(Record):
    id: Id
    who_is_worried: RequiredShort
    worry: RequiredLong
    what_may_happen: RequiredLong
    safety_goal: LongText = ""
    withheld_from_family: bool = False


class AgencyScaling(Record):
    agency: RequiredShort
    score: int = Field(ge=0, le=10)
    dissent: bool = False
    dissent_reason: LongText = ""

    @model_validator(mode="after")
    def _dissent_needs_reason(self) -> AgencyScaling:
        if self.dissent and not self.dissent_reason.strip():
            raise ValueError("A dissent needs the agency's reason.")
        return self


class CseIndicator(Record):
    domain: RequiredShort
    indicator: RequiredShort
    present: Presence = Presence.NO
    level: Level | None = None
    basis: Basis | None = None
    note: LongText = ""


class RiskAssessment(Record):
    worries: list[LongText] = Field(default_factory=list, max_length=500)
    complicating_factors: list[LongText] = Field(default_factory=list, max_length=500)
    working_well: list[LongText] = Field(default_factory=list, max_length=500)
    existing_safety: list[LongText] = Field(default_factory=list, max_length=500)
    danger_statements: list[DangerStatement] = Field(default_factory=list, max_length=200)
    scaling: list[AgencyScaling] = Field(default_factory=list, max_length=100)
    cse_screening: list[CseIndicator] = Field(default_factory=list, max_length=200)
    rag: Rag | None = None
    rag_reason: LongText = ""
    threshold: Threshold | None = None
