"""Building blocks of the minutes PDF: styles, safe paragraphs, the signature space."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from models.base import DEFAULT_TIME_ZONE, in_zone
from reports.fonts import BOLD, printable, register_fonts

MARGIN = 18 * mm
SIGNATURE_BOX_HEIGHT = 30 * mm  # space kept free on the last page for the visible signature
INK, GREY, RULE = colors.HexColor("#111111"), colors.HexColor("#555555"), colors.HexColor("#999999")


def styles() -> dict[str, ParagraphStyle]:
    font = register_fonts()
    base = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=12.5, textColor=INK)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=GREY),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "title": ParagraphStyle(
            "title", parent=base, fontName=BOLD, fontSize=16, leading=20, spaceAfter=2 * mm
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=5 * mm,
            spaceAfter=1.5 * mm,
            keepWithNext=1,  # a heading never sits alone at the foot of a page
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=base,
            fontName=BOLD,
            fontSize=9.5,
            leading=12.5,
            spaceBefore=2 * mm,
            keepWithNext=1,
        ),
        "voice": ParagraphStyle("voice", parent=base, leftIndent=6 * mm, fontSize=10.5, leading=14),
        "withheld": ParagraphStyle(
            "withheld",
            parent=base,
            textColor=GREY,
            backColor=colors.HexColor("#eeeeee"),
            borderPadding=2,
        ),
        "marking": ParagraphStyle("marking", parent=base, fontName=BOLD, alignment=TA_CENTER),
    }


def para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(printable(text)).replace("\n", "<br/>"), style)


def day(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d %b %Y %H:%M %Z").strip()
    return value.strftime("%d %b %Y")


def lay_time(when: datetime, zone: str = DEFAULT_TIME_ZONE) -> str:
    """A moment as a reader in the workspace's time zone says it: "25 November 2026, 14:34 GMT"."""
    local = in_zone(when, zone)
    return f"{local.day} {local:%B %Y}, {local:%H:%M} {local.tzname()}"


def yes_no(value: bool | None) -> str:
    return "not decided" if value is None else ("Yes" if value else "No")


def words(value: Any) -> str:
    return "" if value is None else str(getattr(value, "value", value)).replace("_", " ")


def shown(value: Any, zone: str = DEFAULT_TIME_ZONE) -> str:
    """Any field's value as the minutes print it ("" when there is nothing to say)."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, datetime):
        local = in_zone(value, zone)
        return f"{local:%d %b %Y, %H:%M} {local.tzname()}"
    if isinstance(value, date):
        return day(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, list):
        return "; ".join(shown(v, zone) for v in value)
    return words(value)


class SignatureSpace(Flowable):  # type: ignore[misc]
    """Empty space for the visible signature; remembers where on which page it landed."""

    def __init__(self) -> None:
        super().__init__()
        self.width, self.height = 95 * mm, SIGNATURE_BOX_HEIGHT
        self.placed: tuple[int, float, float] | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height + 4 * mm

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        self.placed = (self.canv.getPageNumber(), x, y)

    def box(self) -> tuple[int, tuple[int, int, int, int]]:
        """Where the visible signature goes: the page's index and the box on it."""
        assert self.placed is not None, "the signature space is always drawn"
        page, x, y = self.placed
        bottom = y + 4 * mm
        return page - 1, (
            round(x),
            round(bottom),
            round(x + self.width),
            round(bottom + self.height),
        )


def grid(
    header: list[str], rows: Iterable[list[Any]], widths: list[float], cell: ParagraphStyle
) -> Table:
    """A ruled table with a header row that repeats on every page."""
    data = [[para(h, ParagraphStyle("th", parent=cell, fontName=BOLD)) for h in header]]
    data += [[c if isinstance(c, Paragraph) else para(str(c), cell) for c in row] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), register_fonts()),  # not Table's Helvetica
                ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def facts_table(
    rows: list[tuple[str, str]], label: ParagraphStyle, value: ParagraphStyle
) -> Table | None:
    """Label / value pairs, leaving out the empty ones (None when all are empty)."""
    rows = [(k, v) for k, v in rows if v]
    if not rows:
        return None
    table = Table([[para(k, label), para(v, value)] for k, v in rows], colWidths=[42 * mm, None])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), register_fonts()),  # not Table's Helvetica
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table
