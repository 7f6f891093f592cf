"""The sections of the review of operations: a bar chart beside its table of figures, and the
lists behind a section. Enter (or a click) on a figure, a bar or a listed row chooses the
meetings behind it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.review import SECTIONS, Bar, Figure, Listing, Review, chart_bars, figure_label
from ui.home_screen import table
from ui.i18n import tr
from ui.table_model import Column, RecordTableModel, fit_columns, object_at

BAR_COLOUR = QColor("#2f5f8a")
ROW_HEIGHT = 22


class BarChart(QWidget):
    """Horizontal bars with their labels and values; a click on a bar chooses it."""

    chosen = Signal(object)  # Bar

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(320)

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = bars
        self.setFixedHeight(max(1, len(bars)) * ROW_HEIGHT + 8)
        self.setAccessibleName(
            "; ".join(f"{b.label}: {b.value:g}" for b in bars) or tr("Nothing to count")
        )
        self.update()

    def _bar_at(self, y: float) -> Bar | None:
        row = int((y - 4) // ROW_HEIGHT)
        return self.bars[row] if 0 <= row < len(self.bars) else None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        bar = self._bar_at(event.position().y())
        if bar is not None:
            self.chosen.emit(bar)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        label_width = int(self.width() * 0.42)
        room = self.width() - label_width - 48
        top = max((b.value for b in self.bars), default=0) or 1
        if not self.bars:
            painter.drawText(4, 18, tr("Nothing to count in this period."))
        for i, bar in enumerate(self.bars):
            y = 4 + i * ROW_HEIGHT
            painter.setPen(self.palette().windowText().color())
            painter.drawText(
                QRect(0, y, label_width - 6, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                self.fontMetrics().elidedText(
                    bar.label, Qt.TextElideMode.ElideMiddle, label_width - 8
                ),
            )
            width = int(room * bar.value / top)
            painter.fillRect(label_width, y + 3, width, ROW_HEIGHT - 6, BAR_COLOUR)
            painter.drawText(
                QRect(label_width + width + 4, y, 44, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                f"{bar.value:g}",
            )
        painter.end()


FIGURE_COLUMNS = [
    Column(tr("Measure"), figure_label),
    Column(tr("Group"), lambda f: f.group_shown()),
    Column(tr("Value"), lambda f: f.shown()),
]


def _cell(i: int) -> Callable[[Any], Any]:
    """Column `i` of a listed row (held with its meeting id)."""
    return lambda row: row[0][i]


class SectionView(QGroupBox):
    """One section: its chart beside its table of figures, and the lists behind it."""

    chosen = Signal(str, tuple)  # what was chosen, the meetings behind it

    def __init__(self, number: int, section: str, parent: QWidget | None = None) -> None:
        super().__init__(f"{number}. {tr(SECTIONS[section])}", parent)
        self.section = section
        self.chart = BarChart()
        self.chart.chosen.connect(lambda bar: self.chosen.emit(bar.label, bar.meetings))
        self.model = RecordTableModel(FIGURE_COLUMNS, self)
        self.table = table(self.model, tr("{0}: figures").format(tr(SECTIONS[section])))
        self.table.setSortingEnabled(False)
        self.table.activated.connect(self._figure_chosen)
        self.table.setMinimumHeight(160)
        self.listings_box = QVBoxLayout()
        layout = QGridLayout(self)
        layout.addWidget(self.chart, 0, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.table, 0, 1)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)
        layout.addLayout(self.listings_box, 1, 0, 1, 2)
        self.listing_tables: list[tuple[QTableView, RecordTableModel, Listing]] = []
        self.listing_labels: list[QLabel] = []

    def _figure_chosen(self, index: Any) -> None:
        figure: Figure | None = object_at(self.model, index)
        if figure is not None:
            self.chosen.emit(f"{figure_label(figure)} — {figure.group_shown()}", figure.meetings)

    def show_review(self, review: Review) -> None:
        self.chart.set_bars(chart_bars(review, self.section))
        self.model.set_rows(review.section(self.section))
        fit_columns(self.table)
        listings = review.listings_of(self.section)
        if [x.title for x in listings] != [x[2].title for x in self.listing_tables]:
            self._make_listing_tables(listings)
        for (view, model, _old), listing in zip(self.listing_tables, listings, strict=True):
            model.set_rows(list(zip(listing.rows, listing.meetings, strict=True)))
            fit_columns(view)
        self.listing_tables = [
            (v, m, x) for (v, m, _o), x in zip(self.listing_tables, listings, strict=True)
        ]
        for label, listing in zip(self.listing_labels, listings, strict=True):
            label.setText(f"{tr(listing.title)} ({len(listing.rows)})")

    def _make_listing_tables(self, listings: list[Listing]) -> None:
        while self.listings_box.count():
            item = self.listings_box.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        self.listing_tables, self.listing_labels = [], []
        for listing in listings:
            label = QLabel()
            columns = [Column(tr(h), _cell(i)) for i, h in enumerate(listing.columns)]
            model = RecordTableModel(columns, self)
            view = table(model, tr(listing.title))
            view.setSortingEnabled(False)
            view.setMaximumHeight(150)
            view.activated.connect(
                lambda index, m=model, t=listing.title: self._row_chosen(m, index, t)
            )
            self.listings_box.addWidget(label)
            self.listings_box.addWidget(view)
            label.show()
            view.show()
            self.listing_labels.append(label)
            self.listing_tables.append((view, model, listing))

    def _row_chosen(self, model: RecordTableModel, index: Any, title: str) -> None:
        row = object_at(model, index)
        if row is not None:
            self.chosen.emit(f"{tr(title)}: {row[0][0]}", (row[1],))
