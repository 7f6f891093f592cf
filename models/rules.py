"""Pure rules of practice, each with the message the user sees when it is broken."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time, timedelta

from models.base import as_utc, local_text
from models.case import Case, ChronologyEntry, ChronologyOrigin
from models.meeting import CLOSED_NEEDING_REASON, Action, ActionStatus, Meeting, MeetingStatus
from models.people import CHILD_ROLES
from models.reference import ReferenceData
from models.risk import Level, Rag

MEETING_TRANSITIONS: dict[MeetingStatus, set[MeetingStatus]] = {
    MeetingStatus.SCHEDULED: {MeetingStatus.IN_PROGRESS},
    MeetingStatus.IN_PROGRESS: {MeetingStatus.MINUTES_DRAFT},
    MeetingStatus.MINUTES_DRAFT: {MeetingStatus.IN_PROGRESS, MeetingStatus.SIGNED},
    MeetingStatus.SIGNED: {MeetingStatus.AMENDED},
    MeetingStatus.AMENDED: {MeetingStatus.AMENDED},
}


def meeting_transition_problem(current: MeetingStatus, new: MeetingStatus) -> str | None:
    if new == current or new in MEETING_TRANSITIONS[current]:
        return None
    return f"A meeting cannot go from {current.value.replace('_', ' ')} to {new.value.replace('_', ' ')}."


def meeting_is_frozen(meeting: Meeting) -> bool:
    """Signed minutes are changed only by a signed addendum."""
    return meeting.status in (MeetingStatus.SIGNED, MeetingStatus.AMENDED)


def action_transition_problem(current: ActionStatus, new: ActionStatus, reason: str) -> str | None:
    """Why an action cannot move from `current` to `new` with this reason, or None."""
    if new in CLOSED_NEEDING_REASON and not reason.strip():
        return "An action closed without being done needs the reason."
    if current is not ActionStatus.OPEN and new is not ActionStatus.OPEN and new != current:
        return "Reopen the action before closing it another way."
    return None


def rag_deadline(contact_received_at: datetime, rag: Rag, reference: ReferenceData) -> datetime:
    """When a decision is due (in UTC): the contact time plus the RAG timescale."""
    try:
        return as_utc(contact_received_at) + timedelta(hours=reference.rag_hours[rag.value])
    except OverflowError:  # (kept before the years were bounded, at the calendar's edge)
        return datetime.max.replace(tzinfo=UTC)


def late_decision_problem(meeting: Meeting, reference: ReferenceData, now: datetime) -> str | None:
    """Why the meeting cannot end yet: its RAG decision deadline passed with no reason given."""
    rag, contact = meeting.risk.rag, meeting.contact_received_at
    if rag is None or contact is None or meeting.late_decision_reason.strip():
        return None
    due = rag_deadline(contact, rag, reference)
    if now <= due:
        return None
    return (
        f"The {rag.value.upper()} decision deadline passed at "
        f"{local_text(due, reference.time_zone)}: "
        "record why the decision was late before ending the meeting."
    )


def add_working_days(start: date, days: int, holidays: set[date] | None = None) -> date:
    holidays = holidays or set()
    current, left = start, days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in holidays:
            left -= 1
    return current


def initial_conference_due(strategy_date: date, reference: ReferenceData) -> date:
    """The latest date for an initial child protection conference."""
    holidays = {date.fromisoformat(d) for d in reference.bank_holidays}
    return add_working_days(strategy_date, reference.initial_conference_working_days, holidays)


def add_years(day: date, years: int) -> date:
    year = day.year + years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def retention_date(case: Case, reference: ReferenceData) -> date | None:
    """Keep until the youngest child's birthday of the given age (25 by default)."""
    births = [p.date_of_birth for p in case.people if p.role in CHILD_ROLES and p.date_of_birth]
    if not births:
        return None
    return add_years(max(births), reference.retention_years_after_youngest_birth)


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def cse_review_flag(case: Case, meeting: Meeting) -> str | None:
    """Why this meeting's CSE screening needs review, or None."""
    high = [
        i for i in meeting.risk.cse_screening if i.level is Level.HIGH and i.present.value != "no"
    ]
    if not high:
        return None
    young = [
        p for p in case.children() if p.date_of_birth and age_on(p.date_of_birth, meeting.date) < 13
    ]
    if young:
        return f"{young[0].name} is under 13 and has a high CSE indicator ({high[0].indicator}): review now."
    return None


def cse_review_due(meeting: Meeting, reference: ReferenceData) -> date:
    return add_months(meeting.date, reference.cse_review_months)


def current_actions(case: Case) -> dict[str, Action]:
    """Every action of the case, with the status most recently reported for it."""
    actions: dict[str, Action] = {}
    for meeting in case.meetings_in_order():
        for review in meeting.action_reviews:
            if review.action_id in actions:
                actions[review.action_id] = actions[review.action_id].model_copy(
                    update={"status": review.reported_status, "status_reason": review.note}
                )
        for action in meeting.actions:
            actions[action.id] = action
    return actions


def actions_to_review(case: Case, before: Meeting) -> list[Action]:
    """The actions the meeting `before` must review: every one still open from earlier."""
    earlier = Case.model_construct(
        **{
            **case.__dict__,
            "meetings": [m for m in case.meetings_in_order() if _earlier(m, before)],
        }
    )
    return [a for a in current_actions(earlier).values() if a.status is ActionStatus.OPEN]


def _earlier(meeting: Meeting, than: Meeting) -> bool:
    key = (meeting.date, meeting.start_time or datetime.min.time(), meeting.id)
    return meeting.id != than.id and key < (
        than.date,
        than.start_time or datetime.min.time(),
        than.id,
    )


def overdue(action: Action, today: date) -> bool:
    return action.status is ActionStatus.OPEN and action.due is not None and action.due < today


def plan_next_meeting(
    case: Case, meeting_id: str, kind: str, day: date, id_prefix: str, start: time | None = None
) -> Meeting:
    """A new meeting of the case, with the attendees of its last meeting invited again.

    "Last" is the latest meeting held on or before `day` that recorded attendance. Its review
    step lists `actions_to_review` (every action still open from earlier meetings).
    """
    from models.meeting import Attendance

    held = [m for m in case.meetings_in_order() if m.date <= day and m.attendance]
    last = held[-1] if held else None
    attendance = [
        Attendance(
            id=f"{id_prefix}{i}", name=a.name, agency=a.agency, role=a.role, person_id=a.person_id
        )
        for i, a in enumerate(last.attendance if last else [])
    ]
    return Meeting(
        id=meeting_id,
        type=kind,
        date=day,
        start_time=start,
        chair=last.chair if last else "",
        confidentiality_statement=last.confidentiality_statement if last else "",
        attendance=attendance,
    )


def meeting_chronology_entry(meeting: Meeting, signer: str) -> ChronologyEntry:
    """The chronology entry a meeting adds to its case when its minutes are signed."""
    records = meeting.decision_records()
    said = [
        label
        for label, name in (
            ("section 47 enquiry", "section_47"),
            ("immediate protection", "immediate_protection"),
            ("initial child protection conference", "initial_conference"),
            ("child protection plan", "protection_plan"),
        )
        if any(getattr(d, name) for d in records)
    ]
    parts = [f"{meeting.type} held; minutes signed by {signer}."]
    if said:
        parts.append("Decided: " + ", ".join(said) + ".")
    if meeting.risk.rag:
        parts.append(f"RAG {meeting.risk.rag.value.upper()}.")
    parts.append(f"{len(meeting.actions)} action(s) agreed.")
    return ChronologyEntry(
        id=f"{meeting.id}-minutes",
        date=meeting.date,
        event=" ".join(parts),
        action_taken="; ".join(a.what for a in meeting.actions if not a.hidden_from_family())[
            :2000
        ],
        origin=ChronologyOrigin.MEETING,
    )
