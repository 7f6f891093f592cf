"""The assessment sections of the minutes: the joint risk assessment and the decisions.

Each item withheld from the family becomes the withheld note in the family copy and carries
its reason in the professional copy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm

from models.fields import applies, title_of
from models.meeting import Decisions
from models.minutes import Variant
from reports.pdf_parts import para, words, yes_no

if TYPE_CHECKING:
    from reports.minutes_story import MinutesStory


def risk(story: MinutesStory) -> None:
    """The joint risk assessment: the map, danger statements, scaling, CSE, RAG."""
    r = story.snap.meeting.risk
    story.heading("Risk assessment")
    for title, items in (
        ("What we are worried about", r.worries),
        ("Complicating factors", r.complicating_factors),
        ("What is working well", r.working_well),
        ("Existing safety", r.existing_safety),
    ):
        shown = [e for e in items if not story.hidden(e)]
        if shown:
            story.add(para(title, story.s["h3"]))
            for entry in shown:
                story.add(para(f"• {entry.text}", story.s["body"]))
                story.tagged(entry)
    for d in r.danger_statements:
        if story.hidden(d):
            continue
        story.add(
            para("Danger statement", story.s["h3"]),
            para(
                f"{d.who_is_worried} are worried that {d.worry} {d.what_may_happen}",
                story.s["body"],
            ),
        )
        if d.safety_goal:
            story.add(para(f"Safety goal: {d.safety_goal}", story.s["body"]))
        story.tagged(d)
    scaling = [s for s in r.scaling if not story.hidden(s)]
    if scaling:
        story.add(
            para(
                "Scaling (0 = certain the child will be harmed, 10 = safe enough to close)",
                story.s["h3"],
            )
        )
        story.add(
            story.table(
                ["Agency", "Score", "Dissent"],
                [
                    [
                        s.agency,
                        str(s.score),
                        "\n".join(
                            filter(
                                None,
                                [s.dissent_reason if s.dissent else "", story.withheld_tag(s)],
                            )
                        ),
                    ]
                    for s in scaling
                ],
                [50 * mm, 18 * mm, 106 * mm],
            )
        )
    if any(not story.hidden(i) for i in r.cse_screening):
        story.add(para("CSE screening", story.s["h3"]))
        rows = [
            [
                i.domain,
                "\n".join(filter(None, [i.indicator, i.note, story.withheld_tag(i)])),
                words(i.present),
                words(i.level),
                words(i.basis),
            ]
            for i in r.cse_screening
            if not story.hidden(i)
        ]
        story.add(
            story.table(
                ["Domain", "Indicator", "Present", "Level", "Basis"],
                rows,
                [28 * mm, 70 * mm, 22 * mm, 20 * mm, 34 * mm],
            )
        )
    story.facts(
        [
            (
                "Overall rating (RAG)",
                f"{words(r.rag).upper()} {('— ' + r.rag_reason) if r.rag_reason else ''}".strip(),
            ),
            ("Threshold (level of need)", words(r.threshold)),
        ]
    )


def decisions(story: MinutesStory) -> None:
    """The decisions (one record per child when the meeting is about several), with their
    notes and dissent; a decision that does not belong to the meeting type is left out
    unless it was recorded."""
    story.heading("Decisions")
    records = story.snap.meeting.child_decisions
    if not records:
        _decision_record(story, story.snap.meeting.decisions)
        return
    names = {c.person_id: c.name for c in story.snap.children}
    for d in records:
        story.add(para(f"For {names.get(d.person_id, 'a child')}", story.s["h3"]))
        _decision_record(story, d)
    for dissent in story.snap.meeting.decisions.dissent:  # the meeting's, for every child
        if not story.hidden(dissent):
            story.add(para(f"Dissent — {dissent.agency}: {dissent.reason}", story.s["body"]))
            story.tagged(dissent)


# The decisions printed one a row, by their declared titles (plan_category goes with its plan).
DECIDED = (
    "section_47",
    "investigation",
    "immediate_protection",
    "legal_advice",
    "initial_conference",
    "protection_plan",
)


def _decision_record(story: MinutesStory, d: Decisions) -> None:
    # A parent reads "not decided" as a threat: the family copy leaves out what was not decided.
    family = story.variant is Variant.FAMILY
    yn = (lambda v: "" if v is None else yes_no(v)) if family else yes_no
    kind = story.snap.meeting_type

    def belongs(name: str) -> bool:
        return applies(Decisions, name, kind) or getattr(d, name) is not None

    def value(name: str) -> str:
        if name == "investigation":
            return words(d.investigation) or ("" if family else "not decided")
        if name == "protection_plan":
            category = f" — {words(d.plan_category)}" if d.plan_category else ""
            return yn(d.protection_plan) + category
        return yn(getattr(d, name))

    rows = [(title_of(Decisions, n), value(n), n) for n in DECIDED]
    story.facts(
        [
            *[(title, text) for title, text, name in rows if belongs(name)],
            (
                "Who tells the parents",
                " · ".join(
                    filter(None, [story.safe(d.who_tells_parents), story.safe(d.when_tell_parents)])
                ),
            ),
            ("Why not yet", "" if story.hidden(d) else d.why_not_yet),
            ("Notes", "" if story.hidden(d) else d.notes),
            ("Family copy", story.withheld_tag(d)),
        ]
    )
    for dissent in d.dissent:
        if story.hidden(dissent):
            continue
        story.add(para(f"Dissent — {dissent.agency}: {dissent.reason}", story.s["body"]))
        story.tagged(dissent)
