"""The parts of the minutes written for a parent: plain words, what happens next, the letter.

A family copy ends with what happens next, who to contact, support and how to complain,
and a glossary of the professionals' words it uses. After a strategy meeting a workspace
may send an outcome letter instead: the decisions, what happens next and the contact,
from the same frozen snapshot, signed the same way.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfoNotFoundError

from reportlab.platypus import Spacer

from models.base import as_utc, in_zone
from models.minutes import WITHHELD_NOTE
from reports.pdf_parts import day, para, yes_no

if TYPE_CHECKING:
    from reports.minutes_story import MinutesStory


def _decided(value: bool | None) -> str:
    return "" if value is None else yes_no(value)  # what was not decided is left out


def local(value: datetime | None, zone: str) -> str:
    """A moment as the family reads it: "25 Nov 2026, 14:34 GMT" in the workspace's zone."""
    if value is None:
        return ""
    try:
        moment = in_zone(value, zone)
    except (ZoneInfoNotFoundError, ValueError):
        moment = as_utc(value)
    return f"{moment:%d %b %Y, %H:%M} {moment.tzname()}"


def closing(story: MinutesStory) -> None:
    """What happens next, the named contact, support and complaints (family copy)."""
    snap, s = story.snap, story.s
    story.heading("What happens next")
    story.add(para(snap.family_next_steps, s["body"]))
    if snap.meeting.next_meeting_date:
        story.add(para(f"The next meeting is on {day(snap.meeting.next_meeting_date)}.", s["body"]))
    story.add(Spacer(1, 2))
    story.add(
        para(
            f"Your contact: {snap.allocated_worker or 'the social worker for your family'}"
            " (children's social care).",
            s["h3"],
        )
    )
    story.heading("Support and advocacy")
    story.add(para(snap.family_advocacy, s["body"]))
    story.heading("If you disagree or want to complain")
    story.add(para(snap.family_complaints, s["body"]))


def glossary(story: MinutesStory) -> None:
    """The professionals' words, in plain words (family copy and letter)."""
    if not story.snap.glossary:
        return
    story.heading("Words used in this document")
    story.facts([(g.term, g.meaning) for g in story.snap.glossary])


def family_check_line(story: MinutesStory) -> None:
    """In the professional copy: who checked the family copy, and when."""
    check = story.snap.family_check
    if check is None:
        return
    story.add(
        para(
            f"Family copy checked by {check.by} at {local(check.at, story.snap.time_zone)}.",
            story.s["small"],
        )
    )


def outcome_letter(story: MinutesStory) -> list[Any]:
    """The outcome letter sent to the family instead of the minutes."""
    snap, s = story.snap, story.s
    story.add(para(f"Outcome of the meeting: {snap.meeting_type}", s["title"]))
    story.add(para(WITHHELD_NOTE, s["withheld"]))
    children = ", ".join(
        c.name + (f" ({c.identifier_text()})" if c.identifier_text() else "") for c in snap.children
    )
    story.facts(
        [
            ("About", children),
            ("Case reference", snap.case_reference),
            ("Meeting held", f"{day(snap.meeting.date)} {snap.start_time}".strip()),
            ("Date of this letter", day(in_zone(snap.signed_at, snap.time_zone).date())),
        ]
    )
    story.heading("What was decided")
    names = {c.person_id: c.name for c in snap.children}
    for d in snap.meeting.decision_records():
        child = names.get(getattr(d, "person_id", ""), "")
        if child:
            story.add(para(f"For {child}", s["h3"]))
        story.facts(
            [
                ("Enquiries to keep the child safe (section 47)", _decided(d.section_47)),
                ("Immediate action to protect the child", _decided(d.immediate_protection)),
                ("A child protection conference will be held", _decided(d.initial_conference)),
                ("Who will talk to you about this", story.safe(d.who_tells_parents)),
            ]
        )
    story.heading("What will happen")
    actions = [a for a in snap.meeting.actions if not story.hidden(a)]
    for a in actions:
        story.add(
            para(f"• {a.what} ({a.owner_agency}, by {day(a.due) or 'a date to agree'})", s["body"])
        )
    if not actions:
        story.add(para("Your contact will explain the next steps.", s["body"]))
    closing(story)
    glossary(story)
    story.signature_block()
    return story.story
