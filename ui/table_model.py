"""Every list is a table model over domain objects, with a sort/filter proxy on top."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1
_ROLES = {int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole), int(OBJECT_ROLE)}
Index: TypeAlias = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]


class RecordTableModel(QAbstractTableModel):
    """Rows of domain objects shown through columns; OBJECT_ROLE returns the object."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():
            return None  # views ask for many roles per cell; answer the rest at once
        row = self.rows[index.row()]
        if role == OBJECT_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self.columns[index.column()].value(row)
            return "" if value is None else str(value)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return None


class PagedTableModel(RecordTableModel):
    """Rows fetched a page at a time as the view scrolls (a 100,000-case list is never read whole)."""

    def __init__(
        self,
        columns: Sequence[Column],
        fetch: Callable[[int, int], list[Any]],
        page: int = 500,
        parent: Any = None,
        has_more: Callable[[], bool] = lambda: True,
    ) -> None:
        super().__init__(columns, parent)
        self.fetch, self.page, self.more, self.has_more = fetch, page, False, has_more

    def reload(self) -> None:
        rows = self.fetch(0, self.page)
        self.set_rows(rows)
        self.more = len(rows) == self.page and self.has_more()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        rows = self.fetch(len(self.rows), self.page)
        self.more = len(rows) == self.page and self.has_more()
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()


class RecordFilter(QSortFilterProxyModel):
    """Sorts by any column; filters by text in any column and by exact column values."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.exact: dict[int, str] = {}

    def set_exact(self, column: int, value: str) -> None:
        self.beginFilterChange()  # Qt 6.10: begin/endFilterChange replace invalidateFilter()
        if value:
            self.exact[column] = value
        else:
            self.exact.pop(column, None)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        if not self.exact and not self.filterRegularExpression().pattern():
            return True
        model = self.sourceModel()
        for column, wanted in self.exact.items():
            if str(model.data(model.index(row, column, parent))) != wanted:
                return False
        return super().filterAcceptsRow(row, parent)


def object_at(view_model: Any, index: QModelIndex) -> Any:
    """The domain object behind a row of a view (through any proxy)."""
    return (
        view_model.data(view_model.index(index.row(), 0), OBJECT_ROLE) if index.isValid() else None
    )


MAX_COLUMN_WIDTH = 320
MEASURED_ROWS = 25  # about a screenful: measuring costs a Python call per cell and role


def fit_columns(view: Any) -> None:
    """Columns as wide as their content (up to a limit); the last one takes the rest.

    Only the first rows are measured: a 100,000-row list must not be read whole to draw.
    """
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(MEASURED_ROWS)
    view.resizeColumnsToContents()
    for column in range(header.count() - 1):
        if header.sectionSize(column) > MAX_COLUMN_WIDTH:
            header.resizeSection(column, MAX_COLUMN_WIDTH)
    header.setStretchLastSection(True)
