"""The minutes step: preview (from memory, never a temp file), sign, print, export, verify,
and the record of who received which copy."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from models.base import local_text, wall_clock
from models.case import Case
from models.family_copy import FamilyDocument, family_check_problem
from models.meeting import Meeting
from models.minutes import Variant, family_document_for, signing_problem
from models.reference import ReferenceData
from models.rules import current_actions
from storage import cases, minutes
from storage.errors import WorkspaceError
from storage.family_check import confirm_family_check
from storage.verification import verify_in_workspace
from storage.workspace import Workspace
from ui.family_check_dialog import FamilyCheckDialog
from ui.i18n import tr
from ui.meeting_steps import Step
from ui.operations import run_in_background
from ui.read_only import writes

PRINT_DPI = 300


class MinutesStep(Step):
    title = "Minutes"
    signed = Signal()

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.meeting: Meeting | None = None
        self.case: Case | None = None
        self.reference: ReferenceData | None = None
        self.check_dialog: FamilyCheckDialog | None = None
        self.pdf = b""
        self.variant = QComboBox()
        self.variant.addItems([tr("Professional copy"), tr("Family copy")])
        self.variant.setAccessibleName(tr("Which copy"))
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.sign_button = writes(QPushButton(tr("Si&gn minutes…")))
        self.addendum_button = writes(QPushButton(tr("Sign an a&ddendum…")))
        self.print_button = QPushButton(tr("&Print…"))
        self.export_button = QPushButton(tr("E&xport PDF…"))
        self.verify_button = QPushButton(tr("&Verify a PDF…"))
        self.recipient = QLineEdit()
        self.recipient.setPlaceholderText(tr("Recipient"))
        self.recipient.setAccessibleName(tr("Recipient"))
        self.how = QLineEdit()
        self.how.setPlaceholderText(tr("How (by hand, secure email…)"))
        self.how.setAccessibleName(tr("How it was sent"))
        self.record_button = writes(QPushButton(tr("&Record receipt")))
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(tr("Minutes preview"))
        self._buffer: QBuffer | None = None

        buttons = QHBoxLayout()
        for widget in (
            self.variant,
            self.sign_button,
            self.addendum_button,
            self.print_button,
            self.export_button,
            self.verify_button,
        ):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        record = QHBoxLayout()
        record.addWidget(QLabel(tr("Distribution:")))
        record.addWidget(self.recipient, 2)
        record.addWidget(self.how, 2)
        record.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.state)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addLayout(record)
        self.variant.currentIndexChanged.connect(self.reload_preview)
        self.sign_button.clicked.connect(self.ask_and_sign)
        self.addendum_button.clicked.connect(self.ask_addendum)
        self.print_button.clicked.connect(self.print_minutes)
        self.export_button.clicked.connect(self.export)
        self.verify_button.clicked.connect(self.verify)
        self.record_button.clicked.connect(self.record)

    def chosen(self) -> Variant:
        return Variant.FAMILY if self.variant.currentIndex() else Variant.PROFESSIONAL

    def _zone(self) -> str:
        """The workspace's time zone ("" before a meeting is loaded: the default one)."""
        return self.reference.time_zone if self.reference else ""

    def load(self, case: Case, meeting: Meeting, reference: ReferenceData) -> None:
        self.case, self.meeting, self.reference = case, meeting, reference
        self.reload_preview()

    def collect(self, data: dict[str, object]) -> bool:
        return True

    def reload_preview(self) -> None:
        if self.meeting is None:
            return
        meeting_id, variant = self.meeting.id, self.chosen()
        signed = minutes.latest_signed(self.workspace, meeting_id)
        problem = signing_problem(self.meeting)
        if problem is not None and problem == family_check_problem(self.meeting):
            problem = None  # signing starts with the family-copy check
        if signed:
            self.state.setText(
                tr(
                    "Signed, version {0} ({1}). The meeting is read-only; a correction is a signed addendum."
                ).format(
                    signed.version,
                    local_text(datetime.fromisoformat(signed.signed_at), self._zone()),
                )
            )
        else:
            self.state.setText(
                tr("Draft: not yet approved or signed.") + (f" {problem}" if problem else "")
            )
        self.sign_button.setEnabled(problem is None and not signed)
        self.sign_button.setVisible(not signed)
        self.addendum_button.setVisible(signed is not None)
        self.record_button.setEnabled(signed is not None)
        self.message.clear()
        ws = self.workspace

        def build() -> bytes:
            if signed:
                return signed.pdf(variant)
            with ws.for_thread() as worker:  # its own connection: the UI may save meanwhile
                return minutes.draft_pdf(worker, meeting_id, variant)

        run_in_background(self, build, self.show_pdf, self.failed, tr("building the minutes"))

    def show_pdf(self, data: bytes) -> None:
        self.pdf = data
        self.document.close()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)

    def failed(self, exc: BaseException) -> None:
        self.message.setText(
            str(exc)
            if isinstance(exc, WorkspaceError)
            else tr("Could not build the minutes ({0}).").format(type(exc).__name__)
        )

    def clear(self) -> None:
        """Drop the preview (on lock)."""
        self.document.close()
        self.pdf = b""

    def ask_and_sign(self) -> None:
        """Sign: first the family-copy check (unless it stands), then the passphrase."""
        if self.meeting is None:
            return
        if family_check_problem(self.meeting) is not None:
            earlier = current_actions(self.case) if self.case is not None else {}
            letter = (
                self.reference is not None
                and family_document_for(self.meeting.type, self.reference)
                is FamilyDocument.OUTCOME_LETTER
            )
            self.check_dialog = FamilyCheckDialog(self.meeting, earlier, self, letter)
            self.check_dialog.confirmed.connect(self._family_checked)
            self.check_dialog.open()
            return
        self.ask_passphrase()

    def _family_checked(self) -> None:
        assert self.meeting is not None
        try:
            confirm_family_check(self.workspace, self.meeting.id)
        except WorkspaceError as exc:
            self.message.setText(str(exc))
            return
        self.meeting = cases.open_meeting(self.workspace, self.meeting.id)[1]
        self.state.setText(tr("Family copy checked. Sign when ready."))
        self.ask_passphrase()

    def ask_passphrase(self) -> None:
        passphrase, ok = QInputDialog.getText(
            self,
            tr("Sign minutes"),
            tr("Your passphrase, to sign as {0}:").format(self.workspace.user.display_name),
            QLineEdit.EchoMode.Password,
        )
        if ok:
            self.sign(passphrase)

    def ask_addendum(self) -> None:
        text, ok = QInputDialog.getMultiLineText(
            self, tr("Addendum"), tr("The correction, as it will appear in the signed addendum:")
        )
        if not ok or not text.strip():
            return
        passphrase, ok = QInputDialog.getText(
            self, tr("Sign addendum"), tr("Your passphrase:"), QLineEdit.EchoMode.Password
        )
        if ok:
            self.sign(passphrase, text)

    def sign(self, passphrase: str, addendum: str = "") -> None:
        assert self.meeting is not None
        meeting_id, ws = self.meeting.id, self.workspace
        self.sign_button.setEnabled(False)
        self.state.setText(tr("Signing both copies…"))

        def sign() -> minutes.SignedMinutes:
            with ws.for_thread() as worker:  # its own connection: the UI may save meanwhile
                return minutes.sign_minutes(worker, meeting_id, passphrase, addendum)

        run_in_background(self, sign, self._signed, self._sign_failed, tr("signing minutes"))

    def _signed(self, _result: object) -> None:
        self.signed.emit()
        self.reload_preview()

    def _sign_failed(self, exc: BaseException) -> None:
        self.failed(exc)
        self.sign_button.setEnabled(True)

    def export(self) -> None:
        if self.meeting is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            tr("Export minutes"),
            f"minutes-{self.meeting.id}-{self.chosen().value}.pdf",
            "PDF (*.pdf)",
        )
        if name:
            try:
                what = minutes.export_minutes(
                    self.workspace, self.meeting.id, self.chosen(), Path(name)
                )
                self.state.setText(tr("Exported ({0}) to {1}.").format(what, name))
            except (WorkspaceError, OSError) as exc:
                self.message.setText(str(exc))

    def print_minutes(self) -> None:
        if not self.pdf or self.meeting is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        if QPrintDialog(printer, self).exec() != QPrintDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Send every page at PRINT_DPI, one page image at a time (at the printer's own 1200
        dpi a page image was 140 MB, and two pages took 30 s)."""
        if self.meeting is None:
            return
        printer.setResolution(PRINT_DPI)
        painter = QPainter(printer)
        try:
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                rect = painter.viewport()
                image = self.document.render(page, QSize(rect.width(), rect.height()))
                painter.drawImage(rect, image)
                del image  # one page in memory at a time
        finally:
            painter.end()
        with self.workspace.transaction():
            self.workspace.record(
                "minutes.print", "meeting", self.meeting.id, {"variant": self.chosen().value}
            )

    def verify(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("Verify a signed PDF"), "", "PDF (*.pdf)")
        if name:
            try:
                self.state.setText(verify_in_workspace(self.workspace, Path(name)).describe())
            except WorkspaceError as exc:
                self.message.setText(str(exc))

    def record(self) -> None:
        if self.meeting is None:
            return
        try:
            minutes.record_distribution(
                self.workspace,
                self.meeting.id,
                self.chosen(),
                self.recipient.text(),
                wall_clock(self._zone()).date(),
                self.how.text(),
            )
        except WorkspaceError as exc:
            self.message.setText(str(exc))
            return
        self.state.setText(
            tr("Recorded: {0} received the {1} copy ({2}).").format(
                self.recipient.text(), self.chosen().value, self.how.text()
            )
        )
        self.recipient.clear()
        self.how.clear()
