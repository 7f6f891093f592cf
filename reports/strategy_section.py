"""The strategy discussion's own section of the minutes (Working Together 2023).

Shown for a strategy meeting type, or wherever something was recorded. The police specifics
and the contingency plan are withheld from the family unless the chair released them; what
the family will not be told is never in the family copy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm

from models.fields import applies, title_of
from models.meeting import Meeting
from models.strategy import StrategyDetails
from models.withholding import Withholdable
from reports.pdf_parts import day, para, shown

if TYPE_CHECKING:
    from reports.minutes_story import MinutesStory


def strategy(story: MinutesStory) -> None:
    details = story.snap.meeting.strategy
    if not applies(Meeting, "strategy", story.snap.meeting_type) and details.is_blank():
        return
    story.heading(title_of(Meeting, "strategy"))
    rows: list[tuple[str, str]] = []

    def plain(*names: str) -> None:
        rows.extend((title_of(StrategyDetails, n), shown(getattr(details, n))) for n in names)

    def part(item: Withholdable) -> None:
        if story.hidden(item):
            return
        own = [n for n in type(item).model_fields if n not in Withholdable.model_fields]
        rows.extend((title_of(type(item), n), shown(getattr(item, n))) for n in own)
        tag = story.withheld_tag(item)
        if tag and any(getattr(item, n) not in ("", None) for n in own):
            rows.append(("Family copy", tag))

    plain("s47_lead", "s47_timescale")
    part(details.police)
    part(details.contingency)
    plain("family_told", "family_told_by", "family_told_when")
    part(details.not_told)
    rows = [(title, text) for title, text in rows if text]
    story.facts(rows)
    referrals = [r for r in details.referrals if not story.hidden(r)]
    if referrals:
        story.add(para(title_of(StrategyDetails, "referrals"), story.s["h3"]))
        story.add(
            story.table(
                ["Referral to", "Date", "By", "Note"],
                [
                    [
                        r.kind,
                        day(r.made_on),
                        r.by_whom,
                        "\n".join(filter(None, [r.note, story.withheld_tag(r)])),
                    ]
                    for r in referrals
                ],
                [62 * mm, 26 * mm, 40 * mm, 46 * mm],
            )
        )
    if not rows and not referrals:
        story.add(para(story.nothing("Nothing recorded."), story.s["body"]))
