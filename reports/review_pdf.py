"""A review of operations -> PDF bytes: each section with its chart (ReportLab's own
graphics) and its table, the protective marking and the period on every page; PDF/A-2b and
carrying the audit checkpoint of the event that records it, like the minutes."""

from __future__ import annotations

import hashlib
import io
import math
from dataclasses import dataclass
from datetime import datetime

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer
from reportlab.platypus.flowables import Flowable

from models.review import SECTIONS, Review, chart_bars, figure_label
from reports.archival import ArchivalFacts
from reports.fonts import REGULAR, printable, register_fonts
from reports.minutes_pdf import page_decorations  # the marking, footer and page numbers
from reports.pdf_parts import (
    MARGIN,
    SignatureSpace,
    facts_table,
    grid,
    lay_time,
    para,
    styles,
)

WIDTH = A4[0] - 2 * MARGIN
BAR = colors.HexColor("#2f5f8a")


@dataclass(frozen=True)
class RenderedReview:
    pdf: bytes
    pages: int
    signature_page: int  # 0-based
    signature_box: tuple[int, int, int, int]


def content_sha256(review: Review) -> str:
    """A digest of the figures the PDF shows (recorded in its XMP)."""
    text = "\n".join(",".join(row) for row in review.csv_rows())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def chart(review: Review, section: str) -> Drawing | None:
    """A horizontal bar chart of the section, or None when it has nothing to show."""
    bars = chart_bars(review, section)
    if not bars:
        return None
    font = register_fonts()
    height = 10 * mm + 6 * mm * len(bars)
    drawing = Drawing(WIDTH, height)
    plot = HorizontalBarChart()
    plot.x, plot.y = 70 * mm, 6 * mm
    plot.width, plot.height = WIDTH - 80 * mm, height - 9 * mm
    # The first bar at the top, like the table below it.
    plot.data = [[b.value for b in reversed(bars)]]
    plot.categoryAxis.categoryNames = [printable(b.label)[:48] for b in reversed(bars)]
    plot.categoryAxis.labels.fontName = font
    plot.categoryAxis.labels.fontSize = 7.5
    plot.categoryAxis.labels.boxAnchor = "e"
    plot.valueAxis.labels.fontName = font
    plot.valueAxis.labels.fontSize = 7
    plot.valueAxis.valueMin = 0
    top = max((b.value for b in bars), default=0)
    step = max(1, math.ceil(top / 5))
    plot.valueAxis.valueMax = step * (math.ceil(top / step) + 1)
    plot.valueAxis.valueStep = step
    plot.valueAxis.visibleGrid = True
    plot.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    plot.bars[0].fillColor = BAR
    plot.bars[0].strokeColor = None
    plot.barLabelFormat = "%g"
    plot.barLabels.fontName = font
    plot.barLabels.fontSize = 7
    plot.barLabels.boxAnchor = "w"
    plot.barLabels.dx = 2
    drawing.add(plot)
    if top == 0:
        drawing.add(
            String(
                70 * mm,
                height - 5 * mm,
                "Nothing to count in this period.",
                fontName=font,
                fontSize=8,
            )
        )
    return drawing


def _section(review: Review, section: str, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    story: list[Flowable] = [
        para(f"{list(SECTIONS).index(section) + 1}. {SECTIONS[section]}", s["h2"])
    ]
    drawing = chart(review, section)
    if drawing is not None:
        story.append(drawing)
    figures = review.section(section)
    if figures:
        story.append(
            grid(
                ["Measure", "Group", "Value"],
                [[figure_label(f), f.group_shown(), f.shown()] for f in figures],
                [80 * mm, 70 * mm, WIDTH - 150 * mm],
                s["cell"],
            )
        )
    else:
        story.append(para("Nothing to count in this period.", s["small"]))
    for listing in review.listings_of(section):
        story.append(para(listing.title, s["h3"]))
        if not listing.rows:
            story.append(para("None.", s["small"]))
            continue
        widths = _widths(len(listing.columns))
        rows = [list(r) for r in listing.rows]
        for start in range(0, len(rows), LIST_ROWS_PER_TABLE):
            chunk = rows[start : start + LIST_ROWS_PER_TABLE]
            story.append(grid(list(listing.columns), chunk, widths, s["cell"]))
    return story


# A list is printed as tables of this many rows (each with its header). ReportLab measures a
# table's remaining rows again at every page it breaks, so one table of a year's 50,000 rows
# took minutes to lay out; in tables of 200 the work grows with the rows, not their square.
LIST_ROWS_PER_TABLE = 200


def _widths(count: int) -> list[float]:
    """Narrow columns for case, date and agency; the last (reasons) takes the rest."""
    narrow = [36 * mm, 24 * mm, 28 * mm, 30 * mm][: count - 1]  # (a reference, a date on one line)
    return [*narrow, WIDTH - sum(narrow)]


def render_review(
    review: Review,
    *,
    marking: str,
    produced_by: str,
    produced_at: datetime,
    audit_seq: int,
    audit_head: str,
    time_zone: str,
) -> RenderedReview:
    register_fonts()
    s = styles()
    buffer = io.BytesIO()
    period = printable(review.period.describe())
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 2 * mm,
        initialFontName=REGULAR,
        invariant=1,
    )
    facts = ArchivalFacts(
        title=f"Review of operations: {period}",
        author=printable(produced_by) or "Caseroom",
        subject="Review of operations",
        keywords="review; operations; governance",
        created=produced_at,
        audit_seq=audit_seq,
        audit_head=audit_head,
        snapshot_sha256=content_sha256(review),
    )
    story: list[Flowable] = [para("Review of operations", s["title"])]
    table = facts_table(
        [
            ("Period", f"{review.period.start:%d %B %Y} to {review.period.end:%d %B %Y}"),
            ("Agency", review.period.agency or "All agencies"),
            ("Meeting type", review.period.meeting_type or "All types"),
            ("Produced by", produced_by),
            ("Produced", lay_time(produced_at, time_zone)),
            ("Audit checkpoint", f"event {audit_seq}, {audit_head[:16]}…"),
        ],
        s["h3"],
        s["body"],
    )
    if table is not None:
        story.append(table)
    story.append(
        para(
            "Case references only: no child's name, date of birth or address appears in this "
            "report. docs/review.md says what each figure counts and from which field.",
            s["small"],
        )
    )
    for section in SECTIONS:
        story += _section(review, section, s)
    story.append(Spacer(1, 4 * mm))
    signature = SignatureSpace()
    story.append(signature)
    doc.build(
        story,
        canvasmaker=page_decorations(printable(marking), f"Review of operations · {period}", facts),
    )
    page, box = signature.box()
    return RenderedReview(buffer.getvalue(), doc.page, page, box)
