"""A list of records in a meeting (attendance, contributions, actions…): a table to pick
from, the form of the picked one, and buttons to add, update and remove.

By keyboard: Tab leaves the table (arrows move inside it); Enter or F2 loads the focused row
into the form ("Editing: …"); Ctrl+Return adds the form as a new row, or updates the row being
edited; Escape cancels; Insert or Ctrl+N starts a new row; Delete removes the focused row
after naming it. Selecting a row never copies it into the form, so adding never duplicates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import to_jsonable_python
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.base import new_id
from ui.confirm import confirm
from ui.forms import ModelForm
from ui.i18n import tr
from ui.read_only import reason_for, writes
from ui.table_model import Column, RecordTableModel, fit_columns

SUMMARY_LENGTH = 70
_EDIT_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2}


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
        self.model, self.id_prefix, self.title = model, id_prefix, title
        self.editing: int | None = None  # the row loaded into the form, if any
        self.table_model = RecordTableModel(columns, self)
        self.table = QTableView()
        self.table.setModel(self.table_model)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list; arrows move in it
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(title)
        self.table.setAccessibleDescription(
            tr("Enter or F2 edits the row; Delete removes it; Insert starts a new one")
        )
        self.table.setMinimumHeight(120)
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(lambda index: self.edit_row(index.row()))
        self.form = ModelForm(model, **form_options)
        heading = QLabel(title)
        heading.setObjectName("section")
        heading.setBuddy(self.table)  # Alt+its letter goes to the list
        self.state = QLabel()
        self.state.setObjectName("editing")
        self.state.setWordWrap(True)
        self.save_button = writes(QPushButton())
        self.new_button = writes(QPushButton(tr("New (Insert)")))
        self.edit_button = QPushButton(tr("Edit (Enter)"))
        self.remove_button = writes(QPushButton(tr("Remove… (Delete)")))
        self.cancel_button = QPushButton(tr("Cancel (Esc)"))
        buttons = QHBoxLayout()
        for button in (
            self.save_button,
            self.new_button,
            self.edit_button,
            self.remove_button,
            self.cancel_button,
        ):
            buttons.addWidget(button)
            # The keys do these; Tab goes from the form's last field to the next list.
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.state)
        layout.addWidget(self.form, 3)
        # A nudge the list's owner may give about what is typed (e.g. withholding).
        self.hint = QLabel()
        self.hint.setObjectName("editing")
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.hint_rule: Callable[[dict[str, Any], int | None], str | None] | None = None
        self.form.edited.connect(self.show_hint)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.save)
        self.new_button.clicked.connect(self.start_new)
        self.edit_button.clicked.connect(lambda: self.edit_row(self.focused_row()))
        self.remove_button.clicked.connect(self.remove_focused)
        self.cancel_button.clicked.connect(self.cancel)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.shortcuts = {
            "Ctrl+Return": QShortcut(QKeySequence("Ctrl+Return"), self, self.save),
            "Ctrl+Enter": QShortcut(QKeySequence("Ctrl+Enter"), self, self.save),
            "Escape": QShortcut(QKeySequence("Escape"), self, self.cancel),
            "Insert": QShortcut(QKeySequence("Insert"), self, self.start_new),
            "Ctrl+N": QShortcut(QKeySequence("Ctrl+N"), self, self.start_new),
        }
        for shortcut in self.shortcuts.values():
            shortcut.setContext(context)  # only while the focus is in this list or its form
        self._show_state()

    # --- keys on the table -------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            plain = event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
            if plain and event.key() in _EDIT_KEYS:
                self.edit_row(self.focused_row())
                return True
            if plain and event.key() == Qt.Key.Key_Delete:
                self.remove_focused()
                return True
        return super().eventFilter(watched, event)

    def showEvent(self, event: Any) -> None:
        self._show_state()  # (the window may read only)
        # A screen's own Ctrl+N (a new meeting) wins over this list's: never two at once.
        mine = set(self.shortcuts.values())
        taken = {
            s.key().toString()
            for s in self.window().findChildren(QShortcut)
            if s not in mine and s.isEnabled()
        }
        self.shortcuts["Ctrl+N"].setEnabled("Ctrl+N" not in taken)
        super().showEvent(event)

    # --- the items ---------------------------------------------------------------------
    def show_hint(self) -> None:
        text = self.hint_rule(self.form.raw(), self.editing) if self.hint_rule else None
        self.hint.setText(text or "")
        self.hint.setVisible(bool(text))

    def items(self) -> list[Any]:
        return list(self.table_model.rows)

    def set_items(self, items: Sequence[Any]) -> None:
        self.table_model.set_rows(items)
        fit_columns(self.table)
        self._reset_form()

    def focused_row(self) -> int | None:
        """The row with the keyboard focus (the current row), else the selected one."""
        index = self.table.currentIndex()
        if index.isValid():
            return index.row()
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def selected_row(self) -> int | None:
        """The row being edited in the form (kept for callers that update 'the selected')."""
        return self.editing

    def summary(self, row: int) -> str:
        """What a row says, in a few words (its first columns)."""
        model = self.table_model
        parts = [
            str(model.data(model.index(row, c)) or "") for c in range(min(3, len(model.columns)))
        ]
        text = " · ".join(p for p in parts if p.strip()) or tr("row {0}").format(row + 1)
        return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1] + "…"

    def _show_state(self) -> None:
        if reason_for(self):  # a session that reads only: no new entry is offered
            self.state.setText(tr("Read only: {0}").format(reason_for(self)))
        elif self.editing is None:
            self.state.setText(tr("New entry: Ctrl+Return adds it to the list."))
            self.save_button.setText(tr("Add (Ctrl+Return)"))
        else:
            self.state.setText(
                tr("Editing: {0} — Ctrl+Return saves, Esc cancels").format(
                    self.summary(self.editing)
                )
            )
            self.save_button.setText(tr("Save changes (Ctrl+Return)"))
        self.form.setAccessibleDescription(self.state.text())
        picked = self.focused_row() is not None
        self.edit_button.setEnabled(picked)
        self.remove_button.setEnabled(picked)
        self.cancel_button.setEnabled(self.editing is not None or not self.form.is_blank())

    def _reset_form(self) -> None:
        self.editing = None
        self.form.set_value(None)
        self._show_state()

    def _focus_form(self) -> None:
        first = self.form.first_input()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _focus_row(self, row: int | None) -> None:
        if row is not None and 0 <= row < self.table_model.rowCount():
            self.table.setCurrentIndex(self.table_model.index(row, 0))
            self.table.selectRow(row)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self._show_state()

    # --- what the keys do --------------------------------------------------------------
    def edit_row(self, row: int | None) -> None:
        if row is None or not 0 <= row < self.table_model.rowCount():
            return
        self.editing = row
        self.form.set_value(self.table_model.rows[row])
        self._show_state()
        self._focus_form()

    def start_new(self) -> None:
        self._reset_form()
        self._focus_form()

    def cancel(self) -> None:
        row = self.editing
        self._reset_form()
        self._focus_row(row if row is not None else self.focused_row())

    def save(self) -> bool:
        """Ctrl+Return: add the form as a new row, or update the row being edited."""
        return self.add() if self.editing is None else self.update_selected()

    def add(self) -> bool:
        if self.editing is not None:
            return self.update_selected()
        fixed: dict[str, Any] = {"id": new_id(self.id_prefix)} if self.id_prefix else {}
        self.form.base = {}
        item = self.form.value(**fixed)
        if item is None:
            return False
        self.table_model.set_rows([*self.table_model.rows, item])
        fit_columns(self.table)
        self._reset_form()
        self.table.setCurrentIndex(self.table_model.index(len(self.table_model.rows) - 1, 0))
        self.changed.emit()
        self._focus_form()  # ready for the next entry
        return True

    def update_selected(self) -> bool:
        row = self.editing
        if row is None:
            return False
        item = self.form.value()
        if item is None:
            return False
        rows = list(self.table_model.rows)
        rows[row] = item
        self.table_model.set_rows(rows)
        self._reset_form()
        self.changed.emit()
        self._focus_row(row)
        return True

    def commit_pending(self) -> bool:
        """Add or update what is typed in the form (before the meeting is saved)."""
        if self.editing is None and self.form.is_blank():
            return True
        if self.editing is not None and self.form.value(quiet=True) == self.items()[self.editing]:
            return True
        return self.save()

    def remove_focused(self) -> None:
        row = self.focused_row()
        if row is None:
            return
        what = self.summary(row)
        if not confirm(
            self,
            tr("Remove {0}?").format(what),
            tr("Remove {0} from {1}? It is not kept anywhere else.").format(what, self.title),
            tr("Remove"),
        ):
            return
        rows = list(self.table_model.rows)
        del rows[row]
        editing = self.editing
        self.table_model.set_rows(rows)
        fit_columns(self.table)
        if editing == row:
            self._reset_form()
        elif editing is not None and editing > row:
            self.editing = editing - 1
        self.changed.emit()
        self._focus_row(min(row, len(rows) - 1) if rows else None)

    # --- drafts ------------------------------------------------------------------------
    def draft(self) -> dict[str, Any]:
        return {
            "items": to_jsonable_python(self.items()),
            "editing": self.editing,
            "form": self.form.draft(),
        }

    def restore(self, draft: dict[str, Any]) -> None:
        """Put back a draft: the list as it was and what was typed in the form, with the
        messages of the rules it breaks."""
        if draft.get("items") is None:  # only the form (the list changed since)
            self.form.restore(draft.get("form") or {})
            if not self.form.is_blank():
                fixed: dict[str, Any] = {"id": "-"} if self.id_prefix else {}
                self.form.value(**fixed)
            self._show_state()
            return
        items = []
        for data in draft.get("items", []):
            try:
                items.append(self.model.model_validate(data))
            except ValidationError:
                continue  # a row that no longer fits the rules is not put back silently
        self.set_items(items)
        editing = draft.get("editing")
        if isinstance(editing, int) and 0 <= editing < len(items):
            self.editing = editing
        self.form.restore(draft.get("form") or {})
        if not self.form.is_blank() or self.editing is not None:
            fixed = {"id": "-"} if self.id_prefix and self.editing is None else {}
            self.form.value(**fixed)
        self._show_state()

    # Kept for the case and admin screens, which remove "the selected" entry.
    remove_selected = remove_focused
