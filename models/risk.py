"""The joint risk assessment of a meeting: Signs of Safety, CSE screening, RAG, threshold."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, Field, model_validator

from models.base import Id, Record
from models.text import LongText, RequiredLong, RequiredShort
from models.withholding import Withholdable


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


class MapEntry(Withholdable):
    """One entry of the Signs of Safety map (a worry, a complicating factor, ...)."""

    text: RequiredLong = Field(title="Entry")

    def __str__(self) -> str:
        return self.text


def _entries(value: Any) -> Any:
    # Older records held each entry of the map as plain text.
    if isinstance(value, list):
        return [{"text": v} if isinstance(v, str) else v for v in value]
    return value


MapEntries = Annotated[list[MapEntry], BeforeValidator(_entries), Field(max_length=500)]


class DangerStatement(Withholdable):
    reason_field_is_new: ClassVar[bool] = True

    id: Id
    who_is_worried: RequiredShort
    worry: RequiredLong
    what_may_happen: RequiredLong
    safety_goal: LongText = ""


class AgencyScaling(Withholdable):
    agency: RequiredShort
    score: int = Field(ge=0, le=10)
    dissent: bool = False
    dissent_reason: LongText = ""

    @model_validator(mode="after")
    def _dissent_needs_reason(self) -> AgencyScaling:
        if self.dissent and not self.dissent_reason.strip():
            raise ValueError("A dissent needs the agency's reason.")
        return self


class CseIndicator(Withholdable):
    domain: RequiredShort
    indicator: RequiredShort
    present: Presence = Presence.NO
    level: Level | None = None
    basis: Basis | None = None
    note: LongText = ""


class RiskAssessment(Record):
    worries: MapEntries = Field(default_factory=list)
    complicating_factors: MapEntries = Field(default_factory=list)
    working_well: MapEntries = Field(default_factory=list)
    existing_safety: MapEntries = Field(default_factory=list)
    danger_statements: list[DangerStatement] = Field(default_factory=list, max_length=200)
    scaling: list[AgencyScaling] = Field(default_factory=list, max_length=100)
    cse_screening: list[CseIndicator] = Field(default_factory=list, max_length=200)
    rag: Rag | None = None
    rag_reason: LongText = ""
    threshold: Threshold | None = None
