"""The information-sharing decisions of the minutes, each with its lawful basis, consent,
reasons and the seven golden rules' checks; in the family copy the withheld ones are left
out as the story says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.sharing import SharingDecision
from reports.family_sections import local
from reports.pdf_parts import day, para, yes_no

if TYPE_CHECKING:
    from reports.minutes_story import MinutesStory


def told(d: SharingDecision) -> str:
    """Who was told what is shared (golden rule 2), and why not."""
    parts = [
        f"{who}: {yes_no(value)}"
        for who, value in (("the child", d.child_told), ("the carers", d.carers_told))
        if value is not None
    ]
    reason = f" — why not: {d.not_told_reason}" if d.not_told_reason.strip() else ""
    return "; ".join(parts) + reason if parts else ""


def sharing(story: MinutesStory) -> None:
    """Every sharing decision the copy shows, with its lawful basis, reasons and checks."""
    story.heading("Information-sharing decisions")
    shown = [d for d in story.snap.meeting.sharing_decisions if not story.hidden(d)]
    if not shown:
        story.add(para(story.nothing("No decisions recorded."), story.s["body"]))
    for d in shown:
        checks = (
            ", ".join(name for name, ok in d.checks.model_dump().items() if ok) or "none recorded"
        )
        consent = (
            f"sought; given: {yes_no(d.consent_given)}"
            if d.consent_sought
            else f"not sought: {d.consent_not_sought_reason}"
        )
        outcome = "SHARED" if d.outcome.value == "shared" else "NOT SHARED"
        story.add(para(f"{outcome}: {d.information}", story.s["h3"]))
        story.facts(
            [
                ("From → to", f"{d.from_agency} → {d.to_whom}"),
                ("Purpose", d.purpose),
                ("Lawful basis", "; ".join(d.lawful_basis) or "none (not shared)"),
                ("Consent", consent),
                ("Reasons", d.reasons),
                (
                    "Decided by",
                    ", ".join(
                        filter(None, [d.decided_by, local(d.decided_at, story.snap.time_zone)])
                    ),
                ),
                ("How sent", d.how_sent),
                ("Checks met", checks),
                ("Who was told", told(d)),
                (
                    "More detrimental to the child (CWSA 2026 s4)",
                    d.detriment_explanation if d.more_detrimental_to_child else "",
                ),
                (
                    "Advice sought from",
                    " · ".join(filter(None, [d.advice_sought_from, day(d.advice_sought_on)])),
                ),
                ("Do not name (could be harmed if identified)", "; ".join(d.do_not_name)),
                ("Family copy", story.withheld_tag(d)),
            ]
        )
