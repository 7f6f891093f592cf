"""The review of operations: its period and filters, its fixed measure names, and the pure
rules it counts by (decision time, the initial conference's working days, minutes' speed).

The names in SECTIONS and MEASURES are the CSV's `section` and `measure` columns: scripts rely
on them, so they never change (docs/review.md lists each, what it counts and from which field).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from models.reference import ReferenceData
from models.rules import add_months, add_working_days, initial_conference_due

SECTIONS: dict[str, str] = {
    "meetings": "Meetings held",
    "timeliness": "Timeliness of decisions",
    "conference": "Strategy discussion to initial conference",
    "attendance": "Attendance by agency",
    "sharing": "Information sharing",
    "actions": "Actions by agency",
    "minutes": "Minutes",
    "voice": "The child's voice",
}

# section -> measure -> what it says on screen and in the PDF.
MEASURES: dict[str, dict[str, str]] = {
    "meetings": {"held": "Held, by type", "by_month": "Held, by month"},
    "timeliness": {
        "within": "Decided within the RAG timescale",
        "late": "Decided late",
        "median_hours": "Median hours from contact to decision",
        "worst_hours": "Longest hours from contact to decision",
        "no_rating": "Contact time recorded but no RAG rating",
        "no_meeting_time": "No start or end time to date the decision",
    },
    "conference": {
        "within": "Initial conference in time (15 working days)",
        "late": "Initial conference late",
        "not_held": "Initial conference not yet held",
    },
    "attendance": {
        "present": "Present",
        "apologies": "Apologies",
        "deputy": "Deputy",
        "information_only": "Information only",
        "did_not_attend": "Did not attend",
        "strategy_without": "Strategy discussions without this agency",
    },
    "sharing": {
        "shared": "Shared",
        "not_shared": "Not shared",
        "basis": "Decisions citing this lawful basis",
        "consent_sought": "Consent sought",
        "consent_given": "Consent given",
        "consent_not_sought": "Consent not sought",
    },
    "actions": {
        "set": "Set in the period",
        "done": "Done",
        "open": "Still open",
        "overdue": "Overdue (open, due before the end of the period)",
        "not_possible": "Not possible (circumstances changed)",
        "not_done": "Not done by the agency",
    },
    "minutes": {
        "same_day": "Signed the same day",
        "within_5_days": "Signed within 5 working days",
        "later": "Signed later",
        "not_signed": "Not yet signed",
    },
    "voice": {
        "with_views": "Child's views recorded",
        "without_views": "No child's views recorded",
    },
}

ALL = "all"  # the group of a figure that is not broken down
MINUTES_WORKING_DAYS = 5
PRESETS = {
    "this_month": "This month",
    "last_month": "Last month",
    "this_quarter": "This quarter",
    "custom": "Custom",
}


# --- the period and its filters ------------------------------------------------------
@dataclass(frozen=True)
class Period:
    start: date
    end: date
    agency: str = ""
    meeting_type: str = ""

    def describe(self) -> str:
        text = f"{self.start:%d %b %Y} to {self.end:%d %b %Y}"
        if self.agency:
            text += f"; agency: {self.agency}"
        if self.meeting_type:
            text += f"; meeting type: {self.meeting_type}"
        return text


def preset_range(name: str, today: date) -> tuple[date, date]:
    """The first and last day of a named range around `today`."""
    first = today.replace(day=1)
    if name == "this_month":
        return first, add_months(first, 1) - timedelta(days=1)
    if name == "last_month":
        start = add_months(first, -1)
        return start, first - timedelta(days=1)
    if name == "this_quarter":
        start = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
        return start, add_months(start, 3) - timedelta(days=1)
    raise ValueError(f"unknown preset {name!r}")


def date_problem(label: str, text: str) -> str | None:
    try:
        date.fromisoformat(text.strip())
    except ValueError:
        return f"{label} {text.strip()!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-11-30."
    return None


def period_problem(period: Period, reference: ReferenceData) -> str | None:
    """Why the report cannot be made for this period and these filters, or None."""
    if period.end < period.start:
        return "The period ends before it starts: check the dates."
    if period.agency and period.agency not in reference.agencies:
        return f"There is no agency {period.agency!r} in the reference data."
    if period.meeting_type and period.meeting_type not in reference.meeting_types:
        return f"There is no meeting type {period.meeting_type!r} in the reference data."
    return None


# --- what a report holds --------------------------------------------------------------
@dataclass(frozen=True)
class Figure:
    section: str
    measure: str
    group: str
    value: float
    meetings: tuple[str, ...] = ()  # the meetings behind the figure

    def group_shown(self) -> str:
        """The group as a reader reads it (the CSV keeps the machine name)."""
        return "All" if self.group == ALL else self.group

    def shown(self) -> str:
        return f"{self.value:g}" if isinstance(self.value, int) else f"{self.value:.1f}"


@dataclass(frozen=True)
class Listing:
    """Rows behind a section (late ones, decisions not to share...): case references only."""

    section: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    meetings: tuple[str, ...]  # the meeting of each row


@dataclass(frozen=True)
class Review:
    period: Period
    figures: tuple[Figure, ...]
    listings: tuple[Listing, ...] = ()

    def section(self, name: str) -> list[Figure]:
        return [f for f in self.figures if f.section == name]

    def value(self, section: str, measure: str, group: str = ALL) -> float:
        return next(
            (
                f.value
                for f in self.figures
                if (f.section, f.measure, f.group) == (section, measure, group)
            ),
            0,
        )

    def listings_of(self, section: str) -> list[Listing]:
        return [x for x in self.listings if x.section == section]

    def csv_rows(self) -> list[tuple[str, str, str, str]]:
        return [(f.section, f.measure, f.group, f.shown()) for f in self.figures]


# --- pure rules -----------------------------------------------------------------------
def is_strategy(meeting_type: str) -> bool:
    """A strategy discussion or meeting (any type whose name says strategy)."""
    return "strategy" in meeting_type.casefold()


def is_initial_conference(meeting_type: str) -> bool:
    name = meeting_type.casefold()
    return "initial child protection conference" in name or "icpc" in name.split()


CORE_STRATEGY_AGENCIES = ("social care", "police", "health")


def core_agencies(reference: ReferenceData) -> list[str]:
    """The reference agencies a strategy discussion needs (Working Together 2023)."""
    return [
        next((a for a in reference.agencies if word in a.casefold()), word.capitalize())
        for word in CORE_STRATEGY_AGENCIES
    ]


def decision_time(day: date, start: time | None, end: time | None, zone: str) -> datetime | None:
    """When the meeting decided (its end, else its start), in UTC; None with neither."""
    at = end or start
    if at is None:
        return None
    return datetime.combine(day, at, ZoneInfo(zone)).astimezone(UTC)


def hours_to_decision(contact: datetime, decided: datetime) -> float:
    if contact.tzinfo is None:
        contact = contact.replace(tzinfo=UTC)  # contact times are entered in UTC
    return (decided - contact).total_seconds() / 3600


def holidays_of(reference: ReferenceData) -> set[date]:
    return {date.fromisoformat(d) for d in reference.bank_holidays}


def working_days_between(start: date, end: date, holidays: set[date]) -> int:
    """How many working days after `start` `end` falls (0 for the same day or before)."""
    days = 0
    while add_working_days(start, days, holidays) < end:
        days += 1
    return days


def conference_outcome(
    strategy_day: date, conference_day: date | None, reference: ReferenceData
) -> str:
    """within / late / not_held: the initial conference against its working-day limit."""
    if conference_day is None:
        return "not_held"
    due = initial_conference_due(strategy_day, reference)
    return "within" if conference_day <= due else "late"


def minutes_outcome(meeting_day: date, signed_on: date | None, holidays: set[date]) -> str:
    if signed_on is None:
        return "not_signed"
    if signed_on <= meeting_day:
        return "same_day"
    if signed_on <= add_working_days(meeting_day, MINUTES_WORKING_DAYS, holidays):
        return "within_5_days"
    return "later"


def median(values: list[float]) -> float:
    return float(statistics.median(values)) if values else 0.0


_WORD = re.compile(r"\w+")
_RUN = re.compile(r"\[name\](?:[\s'’-]+\[name\])+")


class Redactor:
    """Every word of the given names replaced by [name] (a whole name becomes one [name]),
    and every phrase (an address line) by [address]: prepared once for many texts."""

    def __init__(self, names: list[str], phrases: tuple[str, ...] = ()) -> None:
        kept = sorted({p.strip() for p in phrases if len(p.strip()) >= 4}, key=len, reverse=True)
        self.phrases = [(phrase, phrase.casefold()) for phrase in kept]
        self.words = {w.casefold() for name in names for w in _WORD.findall(name) if len(w) >= 2}

    def __call__(self, text: str) -> str:
        if not text:
            return text
        folded = text.casefold()
        for phrase, folded_phrase in self.phrases:
            if folded_phrase in folded:
                text = re.sub(re.escape(phrase), "[address]", text, flags=re.IGNORECASE)
        if not self.words:
            return text
        words = self.words
        text = _WORD.sub(lambda m: "[name]" if m.group(0).casefold() in words else m.group(0), text)
        return _RUN.sub("[name]", text)


def redact(text: str, names: list[str], phrases: tuple[str, ...] = ()) -> str:
    """The text with every word of the given names replaced by [name] (a whole name becomes
    one [name]), and every phrase (an address line) by [address]."""
    return Redactor(names, phrases)(text)


# --- what each section's chart shows ---------------------------------------------------
@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    meetings: tuple[str, ...]


# section -> (measures charted, whether their groups are added up into one bar per measure)
CHARTS: dict[str, tuple[tuple[str, ...], bool]] = {
    "meetings": (("held",), False),
    "timeliness": (("within", "late"), False),
    "conference": (("within", "late", "not_held"), True),
    "attendance": (("present", "apologies", "deputy", "information_only", "did_not_attend"), True),
    "sharing": (("shared", "not_shared"), False),
    "actions": (("done", "open", "overdue", "not_possible", "not_done"), True),
    "minutes": (("same_day", "within_5_days", "later", "not_signed"), True),
    "voice": (("with_views", "without_views"), True),
}


def figure_label(figure: Figure) -> str:
    return MEASURES[figure.section].get(figure.measure, figure.measure)


def chart_bars(review: Review, section: str) -> list[Bar]:
    """The bars of a section's chart, each with the meetings behind it."""
    measures, totals = CHARTS[section]
    figures = review.section(section)
    if totals:
        bars = []
        for measure in measures:
            of = [f for f in figures if f.measure == measure]
            ids = tuple(sorted({m for f in of for m in f.meetings}))
            bars.append(Bar(MEASURES[section][measure], sum(f.value for f in of), ids))
        return bars
    groups = list(dict.fromkeys(f.group for f in figures if f.measure in measures))
    chosen = {(f.group, f.measure): f for f in figures}
    return [
        Bar(
            group if len(measures) == 1 else f"{group}: {SHORT.get(measure, measure)}",
            chosen[(group, measure)].value,
            chosen[(group, measure)].meetings,
        )
        for group in groups
        for measure in measures
        if (group, measure) in chosen
    ]


SHORT = {"within": "in time", "late": "late", "shared": "shared", "not_shared": "not shared"}
