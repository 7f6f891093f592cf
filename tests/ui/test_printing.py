"""Printing sends each page at 300 dpi, one page image at a time."""

from __future__ import annotations

import io

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from storage import audit
from ui.minutes_step import PRINT_DPI, MinutesStep


def _pdf(pages: int) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    for i in range(pages):
        page.drawString(72, 800, f"Page {i + 1}")
        page.showPage()
    page.save()
    return out.getvalue()


class _Meeting:
    id = "m-print"


def test_printing_is_300_dpi_and_recorded(qtbot, workspace, tmp_path):
    step = MinutesStep(workspace)
    qtbot.addWidget(step)
    step.meeting = _Meeting()  # type: ignore[assignment]
    step.show_pdf(_pdf(3))
    qtbot.waitUntil(lambda: step.document.pageCount() == 3, timeout=5000)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # what a print dialog may hand back
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    step.print_to(printer)
    assert PRINT_DPI == 300 and printer.resolution() == 300
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 3
    assert audit.events(workspace.conn, 1)[0]["action"] == "minutes.print"
