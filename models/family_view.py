"""A meeting as plain lines, step by step: what the room screen and the family check show.

Every item of the meeting becomes one line of its agenda step, marked when it is withheld
from the family (with the reason). The room screen in family mode drops the marked lines;
the chair's check before signing shows them struck out. Steps are named by identity
(`AgendaStep`), never by their translated titles.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from models.fields import applies, title_of
from models.meeting import Action, Decisions, Meeting
from models.protected_names import PROTECTED_REASON, names_someone, protected_words
from models.strategy import StrategyDetails
from models.withholding import Withholdable, hidden_from_family


class AgendaStep(StrEnum):
    """The steps of a meeting, in the order of its agenda."""

    ATTENDANCE = "attendance"
    PURPOSE = "purpose"
    REVIEW = "review"
    CONTRIBUTIONS = "contributions"
    SHARING = "sharing"
    VOICE = "voice"
    RISK = "risk"
    DECISIONS = "decisions"
    ACTIONS = "actions"
    NEXT_MEETING = "next_meeting"
    MINUTES = "minutes"


AGENDA = list(AgendaStep)


@dataclass(frozen=True)
class ViewLine:
    text: str
    withheld: bool = False
    reason: str = ""


def _words(value: object) -> str:
    text = getattr(value, "value", value)
    return "" if text is None else str(text).replace("_", " ")


def _day(value: date | None) -> str:
    return f"{value:%d %b %Y}" if value else "not yet set"


def _yes_no(value: bool | None) -> str:
    return "not decided" if value is None else ("yes" if value else "no")


def _line(words: frozenset[str], item: object, text: str) -> ViewLine:
    reason = item.withheld_reason if isinstance(item, Withholdable) else ""
    if hidden_from_family(item) and not reason:
        reason = "A decision not to share is withheld from the family unless the chair releases it."
    if not hidden_from_family(item) and names_someone(item, words):
        return ViewLine(text, True, PROTECTED_REASON)
    return ViewLine(text, hidden_from_family(item), reason)


def step_lines(
    meeting: Meeting,
    step: AgendaStep,
    earlier: Mapping[str, Action] | None = None,
    children: Mapping[str, str] | None = None,
) -> list[ViewLine]:
    """Every item of one step as a line (withheld ones marked); `earlier` names the
    earlier meetings' actions that the review step reports on, `children` the case's
    children by id (for decisions recorded per child)."""
    lines = _step_lines(meeting, step, earlier, children)
    words = protected_words(meeting.sharing_decisions)
    if not words:
        return lines
    # A line naming a person not to be named is left out of the family's view too.
    return [
        ViewLine(line.text, True, line.reason or PROTECTED_REASON)
        if not line.withheld and names_someone(line.text, words)
        else line
        for line in lines
    ]


def _step_lines(
    meeting: Meeting,
    step: AgendaStep,
    earlier: Mapping[str, Action] | None = None,
    children: Mapping[str, str] | None = None,
) -> list[ViewLine]:
    m, earlier = meeting, earlier or {}
    w = protected_words(m.sharing_decisions)
    if step is AgendaStep.ATTENDANCE:
        return [
            _line(w, a, f"{a.name} — {a.agency or 'no agency'} ({_words(a.status)})")
            for a in m.attendance
        ]
    if step is AgendaStep.PURPOSE:
        return [ViewLine(t) for t in (m.purpose, m.confidentiality_statement) if t.strip()]
    if step is AgendaStep.REVIEW:
        lines = []
        for r in m.action_reviews:
            action = earlier.get(r.action_id)
            what = action.what if action else f"action {r.action_id}"
            line = _line(w, r, f"{what}: {_words(r.reported_status)} {r.note}".strip())
            if action is not None and hidden_from_family(action) and not line.withheld:
                line = ViewLine(line.text, True, action.withheld_reason)
            lines.append(line)
        return lines
    if step is AgendaStep.CONTRIBUTIONS:
        return [_line(w, c, f"{c.agency} ({_words(c.kind)}): {c.text}") for c in m.contributions]
    if step is AgendaStep.SHARING:
        return [
            _line(
                w,
                s,
                f"{'Shared' if _words(s.outcome) == 'shared' else 'Not shared'}: "
                f"{s.information} ({s.from_agency} → {s.to_whom}). Reasons: {s.reasons}",
            )
            for s in m.sharing_decisions
        ]
    if step is AgendaStep.VOICE:
        return [_line(w, v, f"{_words(v.speaker).capitalize()}: {v.words}") for v in m.child_voice]
    if step is AgendaStep.RISK:
        return list(_risk_lines(m))
    if step is AgendaStep.DECISIONS:
        return list(_decision_lines(m, children or {}))
    if step is AgendaStep.ACTIONS:
        return [
            _line(w, a, f"{a.what} — {a.owner} ({a.owner_agency}), due {_day(a.due)}")
            for a in m.actions
        ]
    if step is AgendaStep.NEXT_MEETING:
        return [ViewLine(f"Next meeting: {_day(m.next_meeting_date)}")]
    return []


def _risk_lines(m: Meeting) -> Iterable[ViewLine]:
    r = m.risk
    w = protected_words(m.sharing_decisions)
    yield ViewLine(f"Overall rating (RAG): {_words(r.rag).upper() or 'not set'}")
    for title, entries in (
        ("Worry", r.worries),
        ("Complicating factor", r.complicating_factors),
        ("Working well", r.working_well),
        ("Existing safety", r.existing_safety),
    ):
        yield from (_line(w, e, f"{title}: {e.text}") for e in entries)
    for d in r.danger_statements:
        goal = f" Safety goal: {d.safety_goal}" if d.safety_goal else ""
        yield _line(
            w, d, f"Danger: {d.who_is_worried} worry that {d.worry} {d.what_may_happen}{goal}"
        )
    for s in r.scaling:
        dissent = f" — dissent: {s.dissent_reason}" if s.dissent else ""
        yield _line(w, s, f"Scaling: {s.agency} {s.score}/10{dissent}")
    for i in r.cse_screening:
        if _words(i.present) != "no" or i.note or hidden_from_family(i):
            level = f", {_words(i.level)}" if i.level else ""
            note = f" — {i.note}" if i.note else ""
            yield _line(w, i, f"CSE: {i.indicator}: {_words(i.present)}{level}{note}")


def _decision_lines(m: Meeting, children: Mapping[str, str]) -> Iterable[ViewLine]:
    """The decisions (per child when recorded so), then the strategy discussion's own."""
    w = protected_words(m.sharing_decisions)
    if not m.child_decisions:
        yield from _one_record(w, m, m.decisions, "")
    for number, d in enumerate(m.child_decisions, 1):
        yield from _one_record(w, m, d, f"{children.get(d.person_id, f'Child {number}')}: ")
    for x in m.decisions.dissent if m.child_decisions else ():
        yield _line(w, x, f"Dissent — {x.agency}: {x.reason}")
    yield from _strategy_lines(w, m)


def _one_record(w: frozenset[str], m: Meeting, d: Decisions, who: str) -> Iterable[ViewLine]:
    # A decision that does not belong to the meeting type is left out unless recorded.
    for name, title in (
        ("section_47", "Section 47 enquiry"),
        ("immediate_protection", "Immediate protection"),
        ("initial_conference", "Initial child protection conference"),
        ("protection_plan", "Child protection plan"),
    ):
        value = getattr(d, name)
        if applies(Decisions, name, m.type) or value is not None:
            yield ViewLine(f"{who}{title}: {_yes_no(value)}")
    text = " ".join(t for t in (d.why_not_yet, d.notes) if t.strip())
    if text:
        yield _line(w, d, f"{who}Notes: {text}")
    for x in d.dissent:
        yield _line(w, x, f"Dissent — {x.agency}: {x.reason}")


def _strategy_lines(w: frozenset[str], m: Meeting) -> Iterable[ViewLine]:
    s = m.strategy
    if s.is_blank():
        return
    for part in (s.police, s.contingency, s.not_told):
        values = [
            f"{title_of(type(part), n)}: {_words(v)}"
            for n, v in part
            if n not in ("withheld_from_family", "withheld_reason") and v not in ("", None)
        ]
        if values:
            yield _line(w, part, "; ".join(values))
    told = [
        f"{title_of(StrategyDetails, n)}: {getattr(s, n)}"
        for n in ("s47_lead", "s47_timescale", "family_told", "family_told_by", "family_told_when")
        if getattr(s, n)
    ]
    if told:
        yield ViewLine("; ".join(told))
    for r in s.referrals:
        yield _line(w, r, f"Referral to {r.kind}: {_day(r.made_on)} {r.by_whom} {r.note}".strip())


def meeting_lines(
    meeting: Meeting, earlier: Mapping[str, Action] | None = None
) -> list[tuple[AgendaStep, list[ViewLine]]]:
    """Every step with its lines, in agenda order (the chair's family check)."""
    return [
        (step, step_lines(meeting, step, earlier))
        for step in AGENDA
        if step is not AgendaStep.MINUTES
    ]


def withheld_items(meeting: Meeting) -> list[ViewLine]:
    """Every line of the meeting the family will not see."""
    return [line for _, lines in meeting_lines(meeting) for line in lines if line.withheld]


def _agency(item: object) -> str:
    for name in ("agency", "from_agency", "owner_agency"):
        value = getattr(item, name, "")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def withholding_hint(
    meeting: Meeting, agency: str, kind: str, withheld: bool = False, editing: object = None
) -> str | None:
    """A nudge for an item of `agency` while other information of that agency is withheld
    from the family, or None. E.g. "Police information is withheld from the family; should
    this action be too?" `editing` is the item being changed (not counted against itself)."""
    agency = agency.strip()
    if not agency or withheld:
        return None
    others: list[object] = [
        *meeting.attendance,
        *meeting.contributions,
        *meeting.sharing_decisions,
        *meeting.child_voice,
        *meeting.actions,
        *meeting.risk.scaling,
        *meeting.decisions.dissent,
    ]
    if any(
        o is not editing and hidden_from_family(o) and _agency(o).casefold() == agency.casefold()
        for o in others
    ):
        return f"{agency} information is withheld from the family; should this {kind} be too?"
    return None
