"""Reference data a workspace admin can edit; the defaults a new workspace starts with.

Nothing here is a local authority's policy: every list is a default to change.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator

from models.base import Record
from models.text import ShortText


class CseIndicatorDefinition(Record):
    domain: ShortText
    indicator: ShortText


class ReferenceData(Record):
    agencies: list[ShortText] = Field(
        default_factory=lambda: [
            "Children's social care",
            "Police",
            "Health",
            "Education",
            "Youth justice",
            "Housing",
            "Probation",
            "Voluntary sector",
        ]
    )
    meeting_types: list[ShortText] = Field(
        default_factory=lambda: [
            "MASH strategy discussion",
            "Strategy meeting",
            "Initial child protection conference",
            "Review child protection conference",
            "Core group",
            "Exploitation (CSE) panel",
            "MARAC",
        ]
    )
    lawful_bases: list[ShortText] = Field(
        default_factory=lambda: [
            "UK GDPR Art. 6(1)(a) consent",
            "UK GDPR Art. 6(1)(c) legal obligation",
            "UK GDPR Art. 6(1)(d) vital interests",
            "UK GDPR Art. 6(1)(e) public task",
            "DPA 2018 Sch. 1 para 18: safeguarding of children and individuals at risk",
            "Children Act 1989 s47",
            "Children Act 2004 s11",
            "Crime and Disorder Act 1998 s115",
        ]
    )
    rag_hours: dict[str, int] = Field(default_factory=lambda: {"red": 4, "amber": 24, "green": 72})
    cse_indicators: list[CseIndicatorDefinition] = Field(
        default_factory=lambda: [
            CseIndicatorDefinition(domain=d, indicator=i)
            for d, i in [
                ("Missing", "Missing episodes from home or care"),
                ("Relationships", "Older boyfriend, girlfriend or associate"),
                ("Relationships", "Gifts, money or phone without explanation"),
                ("Health", "Substance misuse"),
                ("Places", "Going to known hotspots"),
                ("Online", "Online contact with unknown adults"),
                ("Education", "School absence or exclusion"),
                ("Health", "Sexual health concerns"),
                ("Health", "Self-harm"),
            ]
        ]
    )
    protective_marking: ShortText = "OFFICIAL-SENSITIVE"
    retention_years_after_youngest_birth: int = Field(default=25, ge=1, le=120)
    cse_review_months: int = Field(default=3, ge=1, le=24)
    initial_conference_working_days: int = Field(default=15, ge=1, le=60)
    bank_holidays: list[str] = Field(default_factory=list, description="ISO dates")
    idle_lock_minutes: int = Field(default=5, ge=1, le=120)
    time_zone: ShortText = Field(
        default="Europe/London",
        title="Time zone",
        description="Times in the minutes print in this zone (an IANA name, e.g. Europe/London).",
    )

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not a known time zone (e.g. Europe/London)") from None
        return value
