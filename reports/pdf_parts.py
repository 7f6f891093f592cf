"""Building blocks of the minutes PDF: styles, safe paragraphs, the signature space."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Paragraph,
)

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
        ),
        "h3": ParagraphStyle(
            "h3", parent=base, fontName=BOLD, fontSize=9.5, leading=12.5, spaceBefore=2 * mm
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


def yes_no(value: bool | None) -> str:
    return "not decided" if value is None else ("Yes" if value else "No")


def words(value: Any) -> str:
    return "" if value is None else str(getattr(value, "value", value)).replace("_", " ")


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
