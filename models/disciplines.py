"""Who must be at the table: the MACPT disciplines and a strategy discussion's agencies.

Children's Wellbeing and Schools Act 2026 s16EA (new Children Act 2004 s16EA): a multi-agency
child protection team has at least a person from education, a social worker, a health
professional and a police officer. Working Together to Safeguard Children 2023: a strategy
discussion involves at least social care, police and health. Each attendee's discipline
comes from their agency, through the workspace's reference data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum


class Discipline(StrEnum):
    EDUCATION = "education"
    SOCIAL_WORK = "social_work"
    HEALTH = "health"
    POLICE = "police"


MACPT = (Discipline.EDUCATION, Discipline.SOCIAL_WORK, Discipline.HEALTH, Discipline.POLICE)
STRATEGY = (Discipline.SOCIAL_WORK, Discipline.POLICE, Discipline.HEALTH)

# How each discipline is named in a warning (a strategy discussion says "social care").
NAMES = {
    Discipline.EDUCATION: "education",
    Discipline.SOCIAL_WORK: "social work",
    Discipline.HEALTH: "health",
    Discipline.POLICE: "police",
}


def missing(
    agencies_present: Iterable[str],
    mapping: Mapping[str, Discipline],
    meeting_type: str,
) -> list[Discipline]:
    """The disciplines nobody present comes from: the four of a MACPT, in their order."""
    lookup = {k.casefold(): v for k, v in mapping.items()}
    there = {lookup.get(a.strip().casefold()) for a in agencies_present}
    return [d for d in MACPT if d not in there]


def warnings(
    agencies_present: Iterable[str], mapping: Mapping[str, Discipline], meeting_type: str
) -> list[str]:
    """What the attendance step and the minutes say about who is missing ([] if nobody)."""
    absent = missing(agencies_present, mapping, meeting_type)
    out = []
    if "strategy" in meeting_type.casefold():
        needed = [d for d in STRATEGY if d in absent]
        if needed:
            names = ", ".join(
                "social care" if d is Discipline.SOCIAL_WORK else NAMES[d] for d in needed
            )
            out.append(
                f"A strategy discussion involves at least social care, police and health "
                f"(Working Together 2023): nobody present from {names}."
            )
    if absent:
        out.append(
            "A multi-agency child protection team includes education, social work, health and "
            f"police (CWSA 2026 s16EA): nobody present from {', '.join(NAMES[d] for d in absent)}."
            " Record the reason."
        )
    return out
