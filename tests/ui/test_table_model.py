"""Table models tested without any window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from storage.cases import CaseRow
from ui.table_model import OBJECT_ROLE, Column, RecordFilter, RecordTableModel

ROWS = [
    CaseRow("c1", "MASH-1", "open", "red", "Chinedu Okafor", "Zoë Lefèvre", None),
    CaseRow("c2", "MASH-2", "closed", "green", "Ana Silva", "Дмитрий", "2026-12-01"),
    CaseRow("c3", "MASH-3", "open", "red", "Ana Silva", "Αλέξης", None),
]
COLUMNS = [
    Column("Reference", lambda r: r.reference),
    Column("Children", lambda r: r.children),
    Column("RAG", lambda r: r.rag),
    Column("Next", lambda r: r.next_meeting),
]


def test_rows_columns_and_object_role(qapp):
    model = RecordTableModel(COLUMNS)
    model.set_rows(ROWS)
    assert (model.rowCount(), model.columnCount()) == (3, 4)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Children"
    assert model.data(model.index(0, 1)) == "Zoë Lefèvre"
    assert model.data(model.index(0, 3)) == ""  # None shows as empty
    assert model.data(model.index(2, 0), OBJECT_ROLE) is ROWS[2]


def test_filter_by_text_and_exact_value_and_sort(qapp):
    model = RecordTableModel(COLUMNS)
    model.set_rows(ROWS)
    proxy = RecordFilter()
    proxy.setSourceModel(model)
    proxy.set_exact(2, "red")
    assert proxy.rowCount() == 2
    proxy.setFilterFixedString("αλέξης")  # case-insensitive, any script
    assert proxy.rowCount() == 1 and proxy.data(proxy.index(0, 0)) == "MASH-3"
    proxy.setFilterFixedString("")
    proxy.set_exact(2, "")
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert [proxy.data(proxy.index(i, 0)) for i in range(3)] == ["MASH-3", "MASH-2", "MASH-1"]


def test_paged_model_fetches_as_the_view_scrolls(qapp):
    from ui.table_model import PagedTableModel

    source = [ROWS[i % 3] for i in range(1234)]
    calls = []

    def fetch(offset, limit):
        calls.append((offset, limit))
        return source[offset : offset + limit]

    model = PagedTableModel(COLUMNS, fetch, page=500)
    model.reload()
    assert model.rowCount() == 500 and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 1234 and not model.canFetchMore()
    assert calls == [(0, 500), (500, 500), (1000, 500)]


def test_an_unexpected_error_is_one_sentence_without_case_text(qapp, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.app import _report_unexpected

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args))
    _report_unexpected(ValueError, ValueError("Kyle Mercer is under investigation"), None)
    ((_, _title, text),) = shown
    assert "ValueError" in text and "Kyle" not in text and "Traceback" not in text
