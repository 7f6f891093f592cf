"""A list of records in a meeting (attendance, contributions, actions…): a table to pick
from, the form of the picked one, and buttons to add, update and remove."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.base import new_id
from ui.forms import ModelForm
from ui.i18n import tr
from ui.table_model import Column, RecordTableModel, fit_columns


class ItemListEditor(QWidget):
    changed = Signal()

    def __init__(
        self,
        title: str,
        model: type[BaseModel],
        columns: Sequence[Column],
        id_prefix: str = "",
        parent: QWidget | None = None,
        **form_options: Any,
    ) -> None:
        super().__init__(parent)
        self.model, self.id_prefix = model, id_prefix
        self.table_model = RecordTableModel(columns, self)
        self.table = QTableView()
        self.table.setModel(self.table_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(title)
        self.table.setMinimumHeight(120)
        self.form = ModelForm(model, **form_options)
        heading = QLabel(title)
        heading.setObjectName("section")
        self.add_button = QPushButton(tr("&Add as new"))
        self.update_button = QPushButton(tr("&Save changes to selected"))
        self.remove_button = QPushButton(tr("Remove selected"))
        self.clear_button = QPushButton(tr("&Clear form"))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.update_button, self.remove_button, self.clear_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.form, 3)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add)
        self.update_button.clicked.connect(self.update_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button.clicked.connect(lambda: self.form.set_value(None))
        self.table.selectionModel().selectionChanged.connect(self._picked)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.add)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.remove_selected)
        self.remove_button.setToolTip(tr("Delete, when the list has the focus"))
        self.add_button.setToolTip("Ctrl+Return")
        self._sync_buttons()

    # --- the items ---------------------------------------------------------------------
    def items(self) -> list[Any]:
        return list(self.table_model.rows)

    def set_items(self, items: Sequence[Any]) -> None:
        self.table_model.set_rows(items)
        fit_columns(self.table)
        self.form.set_value(None)
        self._sync_buttons()

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _picked(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.form.set_value(self.table_model.rows[row])
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        picked = self.selected_row() is not None
        self.update_button.setEnabled(picked)
        self.remove_button.setEnabled(picked)

    def add(self) -> bool:
        fixed = {"id": new_id(self.id_prefix)} if self.id_prefix else {}
        self.form.base = {}
        item = self.form.value(**fixed)
        if item is None:
            return False
        self.table_model.set_rows([*self.table_model.rows, item])
        fit_columns(self.table)
        self.form.set_value(None)
        self.changed.emit()
        first = self.form.first_input()
        if first is not None:
            first.setFocus()
        return True

    def update_selected(self) -> bool:
        row = self.selected_row()
        if row is None:
            return False
        item = self.form.value()
        if item is None:
            return False
        rows = list(self.table_model.rows)
        rows[row] = item
        self.table_model.set_rows(rows)
        self.table.selectRow(row)
        self.changed.emit()
        return True

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            tr("Remove"),
            tr("Remove the selected entry from this meeting? It is not kept anywhere else."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        rows = list(self.table_model.rows)
        del rows[row]
        self.set_items(rows)
        self.changed.emit()
