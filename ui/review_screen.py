"""Review of operations (Go → Review, Ctrl+R; admin and chair): a period and filters, then the
eight sections, each a chart beside its table. Enter (or a click) on a figure or a bar lists
the meetings behind it; Enter on one of those opens it as the case screen does (audited)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from models.base import wall_clock
from models.review import (
    PRESETS,
    SECTIONS,
    Period,
    Review,
    date_problem,
    period_problem,
    preset_range,
)
from storage import records
from storage import review as reviews
from storage.errors import WorkspaceError
from storage.workspace import Workspace
from ui.home_screen import table
from ui.i18n import tr
from ui.operations import run_in_background
from ui.review_sections import SectionView
from ui.table_model import Column, RecordTableModel, fit_columns, object_at

ALL_AGENCIES, ALL_TYPES = "All agencies", "All types"

MEETING_COLUMNS = [
    Column(tr("Case"), lambda r: r[1]),
    Column(tr("Date"), lambda r: r[2]),
    Column(tr("Meeting"), lambda r: r[3]),
]


class ReviewScreen(QWidget):
    open_meeting = Signal(str, str)  # case id, meeting id

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.review: Review | None = None
        self._seq = 0
        reference = records.load_reference(workspace.conn)
        self.reference = reference
        title = QLabel(tr("Review of operations"))
        title.setObjectName("title")

        self.preset = QComboBox()
        for key, text in PRESETS.items():
            self.preset.addItem(tr(text), key)
        self.preset.setAccessibleName(tr("Period"))
        self.start = self._date_edit(tr("From"))
        self.end = self._date_edit(tr("To"))
        self.agency = QComboBox()
        self.agency.addItem(tr(ALL_AGENCIES), "")
        for name in reference.agencies:
            self.agency.addItem(name, name)
        self.agency.setAccessibleName(tr("Agency"))
        self.kind = QComboBox()
        self.kind.addItem(tr(ALL_TYPES), "")
        for name in reference.meeting_types:
            self.kind.addItem(name, name)
        self.kind.setAccessibleName(tr("Meeting type"))
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.state = QLabel()

        filters = QHBoxLayout()
        for text, widget in (
            (tr("&Period"), self.preset),
            (tr("&From"), self.start),
            (tr("&To"), self.end),
            (tr("A&gency"), self.agency),
            (tr("T&ype"), self.kind),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget)
        filters.addStretch(1)
        self.csv_button = QPushButton(tr("Save as CS&V…"))
        self.csv_button.clicked.connect(lambda: self.save("csv"))
        self.pdf_button = QPushButton(tr("Save as signed P&DF…"))
        self.pdf_button.clicked.connect(lambda: self.save("pdf"))
        filters.addWidget(self.csv_button)
        filters.addWidget(self.pdf_button)

        self.sections: dict[str, SectionView] = {}
        body = QWidget()
        column = QVBoxLayout(body)
        for number, section in enumerate(SECTIONS, start=1):
            view = SectionView(number, section)
            view.chosen.connect(self.show_behind)
            self.sections[section] = view
            column.addWidget(view)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        self.behind_title = QLabel(tr("Enter on a figure or a click on a bar lists its meetings."))
        self.behind_model = RecordTableModel(MEETING_COLUMNS, self)
        self.behind = table(self.behind_model, tr("Meetings behind the figure"))
        self.behind.activated.connect(self._open)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.behind_title)
        lower_layout.addWidget(self.behind)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(scroll)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addWidget(self.state)
        layout.addWidget(splitter, 1)
        self.setFocusProxy(self.preset)

        self._apply_preset()
        self.preset.currentIndexChanged.connect(self._apply_preset)
        self.start.textEdited.connect(self._to_custom)
        self.end.textEdited.connect(self._to_custom)
        self.start.editingFinished.connect(self.refresh)
        self.end.editingFinished.connect(self.refresh)
        self.agency.currentIndexChanged.connect(self.refresh)
        self.kind.currentIndexChanged.connect(self.refresh)

    def _date_edit(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(tr("YYYY-MM-DD"))
        edit.setMaximumWidth(120)
        edit.setAccessibleName(name)
        return edit

    # --- the period ------------------------------------------------------------------------
    def _apply_preset(self) -> None:
        key = self.preset.currentData()
        if key != "custom":
            first, last = preset_range(key, wall_clock(self.reference.time_zone).date())
            self.start.setText(first.isoformat())
            self.end.setText(last.isoformat())
        self.refresh()

    def _to_custom(self) -> None:
        custom = self.preset.findData("custom")
        if self.preset.currentIndex() != custom:
            self.preset.blockSignals(True)
            self.preset.setCurrentIndex(custom)
            self.preset.blockSignals(False)

    def period(self) -> Period | str:
        """The period asked for, or why it cannot be (the rule's own words)."""
        for label, edit in ((tr("From"), self.start), (tr("To"), self.end)):
            problem = date_problem(label, edit.text())
            if problem:
                return problem
        period = Period(
            date.fromisoformat(self.start.text().strip()),
            date.fromisoformat(self.end.text().strip()),
            self.agency.currentData() or "",
            self.kind.currentData() or "",
        )
        return period_problem(period, self.reference) or period

    # --- computing ---------------------------------------------------------------------------
    def refresh(self) -> None:
        period = self.period()
        if isinstance(period, str):
            self.message.setText(period)
            return
        self.message.setText("")
        if self.review is not None and self.review.period == period:
            return  # shown already
        try:
            reviews.require_reviewer(self.workspace)
        except WorkspaceError as exc:
            self.message.setText(str(exc))
            return
        self._seq += 1
        seq, ws = self._seq, self.workspace
        self.state.setText(tr("Counting…"))

        def work() -> Review:
            with ws.for_thread() as worker:
                return reviews.compute(worker.conn, period)

        def done(result: Review) -> None:
            if seq != self._seq:
                return  # a newer period was asked for meanwhile
            try:
                reviews.record_shown(self.workspace, period)
            except WorkspaceError as exc:
                self.message.setText(str(exc))
                return
            self.show_review(result)

        def failed(exc: BaseException) -> None:
            if seq == self._seq:
                self.state.setText("")
                self.message.setText(_message(exc))

        run_in_background(self, work, done, failed, tr("counting the review"))

    def show_review(self, review: Review) -> None:
        self.review = review
        for view in self.sections.values():
            view.show_review(review)
        self.state.setText(tr("Shown: {0}").format(review.period.describe()))
        self.behind_model.set_rows([])

    # --- the meetings behind a figure -------------------------------------------------------
    def show_behind(self, what: str, meetings: tuple[str, ...]) -> None:
        rows = reviews.meetings_behind(self.workspace.conn, meetings)
        self.behind_model.set_rows(rows)
        fit_columns(self.behind)
        self.behind_title.setText(
            tr("{0}: {1} meeting(s). Enter opens one.").format(what, len(rows))
        )
        if rows:
            self.behind.setFocus()
            self.behind.selectRow(0)

    def _open(self, index: Any) -> None:
        row = object_at(self.behind_model, index)
        if row is None:
            return
        found = records.load_meeting(self.workspace.conn, row[0])
        if found is not None:
            self.open_meeting.emit(found[0], row[0])

    # --- saving ---------------------------------------------------------------------------------
    def save(self, fmt: str) -> None:
        """Write the review shown as CSV, or as a PDF signed by this user (passphrase asked)."""
        period = self.period()
        if isinstance(period, str):
            self.message.setText(period)
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            tr("Save the review of operations"),
            f"review-{period.start}-{period.end}.{fmt}",
            "CSV (*.csv)" if fmt == "csv" else "PDF (*.pdf)",
        )
        if not name:
            return
        out = Path(name) if Path(name).suffix.lower() == f".{fmt}" else Path(f"{name}.{fmt}")
        passphrase: str | None = None
        if fmt == "pdf":
            passphrase, ok = QInputDialog.getText(
                self,
                tr("Sign the review"),
                tr("Your passphrase, to sign the review:"),
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                return
        ws = self.workspace
        self.state.setText(tr("Saving…"))

        def work() -> None:
            with ws.for_thread() as worker:
                if fmt == "csv":
                    reviews.write_csv(worker, period, out)
                else:
                    reviews.write_pdf(worker, period, out, passphrase)

        def done(_none: None) -> None:
            self.message.setText("")
            self.state.setText(tr("Saved to {0}").format(out))

        def failed(exc: BaseException) -> None:
            self.state.setText("")
            self.message.setText(_message(exc))

        run_in_background(self, work, done, failed, tr("saving the review"))

    def save_pending(self) -> bool:
        return True


def _message(exc: BaseException) -> str:
    """The rule's own words; anything else is a fault of the app, said plainly."""
    if isinstance(exc, WorkspaceError):
        return str(exc)
    return tr("The review could not be made because of a fault in Caseroom; please report it.")
