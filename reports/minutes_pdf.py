"""A minutes snapshot -> PDF bytes (ReportLab platypus, A4, embedded DejaVu fonts).

Built from the snapshot alone, with ReportLab's invariant mode, so the same snapshot and
variant always give the same bytes; PDF/A-2b (reports/archival.py), dated by the snapshot. In the family variant every item withheld from the
family is replaced by a visible note; none of its content reaches the file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    SimpleDocTemplate,
)

from models.minutes import MinutesSnapshot, Variant
from reports.archival import ArchivalFacts, make_archival
from reports.fonts import BOLD, REGULAR, printable, register_fonts
from reports.minutes_story import MinutesStory
from reports.pdf_parts import GREY, INK, MARGIN, day


def page_decorations(marking: str, footer: str, facts: ArchivalFacts) -> type[Canvas]:
    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """Draws the marking and "Page N of M" once the page count is known."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            make_archival(self, facts)
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = A4
            self.setFont(BOLD, 9)
            self.setFillColor(INK)
            self.drawCentredString(width / 2, height - 10 * mm, marking)
            self.drawCentredString(width / 2, 7 * mm, marking)
            self.setFont(register_fonts(), 8)
            self.setFillColor(GREY)
            self.drawString(MARGIN, 12 * mm, footer)
            self.drawRightString(width - MARGIN, 12 * mm, f"Page {self._pageNumber} of {total}")

    return NumberedCanvas


@dataclass(frozen=True)
class RenderedMinutes:
    pdf: bytes
    pages: int
    signature_page: int  # 0-based
    signature_box: tuple[int, int, int, int]  # x1, y1, x2, y2 in points


def render_minutes(snapshot: MinutesSnapshot, variant: Variant) -> RenderedMinutes:
    """The minutes of one variant as PDF bytes, with where the signature belongs."""
    register_fonts()
    buffer = io.BytesIO()
    copy = "family copy" if variant is Variant.FAMILY else "professional copy"
    title = printable(
        f"Minutes ({copy}): {snapshot.meeting_type}, {snapshot.case_reference}, {day(snapshot.meeting.date)}"
    )
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 2 * mm,
        initialFontName=REGULAR,  # never ReportLab's default Helvetica, which is not embedded
        invariant=1,
    )
    facts = ArchivalFacts(
        title=title,
        author=printable(snapshot.signer_name) or "Caseroom",
        subject=f"Case {printable(snapshot.case_reference)}",
        keywords=f"minutes; version {snapshot.version}; {copy}",
        created=snapshot.signed_at,
        audit_seq=snapshot.audit_seq,
        audit_head=snapshot.audit_head,
        snapshot_sha256=snapshot.sha256(),
    )
    footer = printable(
        f"{snapshot.case_reference} · {snapshot.meeting_type} · {day(snapshot.meeting.date)} · v{snapshot.version} · {copy}"
    )
    document = MinutesStory(snapshot, variant)
    doc.build(
        document.build(),
        canvasmaker=page_decorations(printable(snapshot.protective_marking), footer, facts),
    )
    page, box = document.signature_space.box()
    return RenderedMinutes(buffer.getvalue(), doc.page, page, box)
