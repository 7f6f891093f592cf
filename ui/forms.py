"""Forms built from the domain models: one input per field, the rule's message beside it.

The model is the only validator: the form collects what was typed, asks the model to
validate it, and shows each message next to its field (or above the form for a rule about
several fields). Nothing typed is lost when a rule is broken.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from models.text import Multiline
from ui.i18n import tr


def label_for(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(the type inside Optional[...], whether None is allowed)."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0], True
    return annotation, False


class _Editor:
    """One field: a widget, how to show a value, how to read what was typed."""

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget

    def set(self, value: Any) -> None:
        raise NotImplementedError

    def get(self) -> Any:
        raise NotImplementedError


class _Text(_Editor):
    def __init__(self, multiline: bool, choices: list[str] | None, optional: bool = False) -> None:
        self.optional = optional
        widget: QWidget
        if multiline:
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setMinimumHeight(60)
            text.setMaximumHeight(120)
            widget = text
        elif choices:
            widget = QComboBox()
            widget.setEditable(True)
            widget.addItems(["", *choices])
        else:
            widget = QLineEdit()
        super().__init__(widget)

    def set(self, value: Any) -> None:
        text = "" if value is None else str(value)
        w = self.widget
        if isinstance(w, QPlainTextEdit):
            w.setPlainText(text)
        elif isinstance(w, QComboBox):
            w.setCurrentText(text)
        else:
            w.setText(text)  # type: ignore[attr-defined]

    def get(self) -> Any:
        w = self.widget
        if isinstance(w, QPlainTextEdit):
            text = w.toPlainText()
        elif isinstance(w, QComboBox):
            text = w.currentText()
        else:
            text = w.text()  # type: ignore[attr-defined]
        return None if self.optional and not text.strip() else text


class _Typed(_Editor):
    """Dates, times and numbers typed as text; empty means 'not recorded'."""

    def __init__(self, kind: type, optional: bool) -> None:
        widget = QLineEdit()
        hint = {date: "YYYY-MM-DD", time: "HH:MM", datetime: "YYYY-MM-DD HH:MM"}.get(kind, "")
        widget.setPlaceholderText(hint + (tr(" (or leave empty)") if optional else ""))
        super().__init__(widget)
        self.kind, self.optional = kind, optional

    def set(self, value: Any) -> None:
        if isinstance(value, datetime):
            text = value.strftime("%Y-%m-%d %H:%M")
        elif isinstance(value, time):
            text = value.strftime("%H:%M")
        else:
            text = "" if value is None else str(value)
        self.widget.setText(text)  # type: ignore[attr-defined]

    def get(self) -> Any:
        text = self.widget.text().strip()  # type: ignore[attr-defined]
        return None if (text == "" and self.optional) else text


class _Bool(_Editor):
    def __init__(self, label: str, optional: bool) -> None:
        self.optional = optional
        widget: QWidget
        if optional:
            combo = QComboBox()
            combo.addItems([tr("not decided"), tr("Yes"), tr("No")])
            widget = combo
        else:
            widget = QCheckBox(label)
        super().__init__(widget)

    def set(self, value: Any) -> None:
        if isinstance(self.widget, QComboBox):
            self.widget.setCurrentIndex(0 if value is None else (1 if value else 2))
        else:
            self.widget.setChecked(bool(value))  # type: ignore[attr-defined]

    def get(self) -> Any:
        if isinstance(self.widget, QComboBox):
            return [None, True, False][self.widget.currentIndex()]
        return self.widget.isChecked()  # type: ignore[attr-defined]


class _Choice(_Editor):
    def __init__(self, enum: type[Enum], optional: bool) -> None:
        widget = QComboBox()
        self.values: list[Any] = ([None] if optional else []) + list(enum)
        widget.addItems(["" if v is None else v.value.replace("_", " ") for v in self.values])
        super().__init__(widget)

    def set(self, value: Any) -> None:
        self.widget.setCurrentIndex(self.values.index(value) if value in self.values else 0)  # type: ignore[attr-defined]

    def get(self) -> Any:
        return self.values[self.widget.currentIndex()]  # type: ignore[attr-defined]


PICK: list[str] = []  # as a field's choices: "one of a list the screen fills in later"


class _Pick(_Editor):
    """One of a list that changes while the form is open (a meeting's danger statements);
    the first entry means none."""

    def __init__(self) -> None:
        super().__init__(QComboBox())
        self.values: list[Any] = [None]
        self.widget.addItem(tr("— none —"))  # type: ignore[attr-defined]

    def set_choices(self, pairs: list[tuple[str, Any]]) -> None:
        current = self.get()
        combo = self.widget
        combo.clear()  # type: ignore[attr-defined]
        self.values = [None] + [value for _, value in pairs]
        combo.addItems([tr("— none —")] + [label for label, _ in pairs])  # type: ignore[attr-defined]
        self.set(current)

    def set(self, value: Any) -> None:
        if value is not None and value not in self.values:  # keep a link the list no longer shows
            self.values.append(value)
            self.widget.addItem(str(value))  # type: ignore[attr-defined]
        self.widget.setCurrentIndex(self.values.index(value))  # type: ignore[attr-defined]

    def get(self) -> Any:
        return self.values[self.widget.currentIndex()]  # type: ignore[attr-defined]


class _Lines(_Editor):
    """A list of texts: one per line, or ticks against the reference list."""

    def __init__(self, choices: list[str] | None) -> None:
        self.choices = choices
        if choices:
            widget: QWidget = QListWidget()
            widget.setMaximumHeight(150)
        else:
            widget = QPlainTextEdit()
            widget.setTabChangesFocus(True)
            widget.setPlaceholderText(tr("One per line"))
            widget.setMinimumHeight(60)
            widget.setMaximumHeight(120)
        super().__init__(widget)

    def set(self, value: Any) -> None:
        values = list(value or [])
        if isinstance(self.widget, QListWidget):
            self.widget.clear()
            for text in dict.fromkeys([*(self.choices or []), *values]):
                item = QListWidgetItem(text)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if text in values else Qt.CheckState.Unchecked
                )
                self.widget.addItem(item)
        else:
            self.widget.setPlainText("\n".join(values))  # type: ignore[attr-defined]

    def get(self) -> Any:
        if isinstance(self.widget, QListWidget):
            items = [self.widget.item(i) for i in range(self.widget.count())]
            return [i.text() for i in items if i.checkState() == Qt.CheckState.Checked]
        return [line for line in self.widget.toPlainText().splitlines() if line.strip()]  # type: ignore[attr-defined]


class _Nested(_Editor):
    def __init__(self, model: type[BaseModel]) -> None:
        self.form = ModelForm(model)
        super().__init__(self.form)

    def set(self, value: Any) -> None:
        self.form.set_value(
            self.form.model.model_validate(value) if isinstance(value, dict) else value
        )

    def get(self) -> Any:
        return self.form.raw()


def _editor_for(name: str, field: Any, choices: dict[str, list[str]]) -> _Editor:
    kind, optional = _unwrap(field.annotation)
    if choices.get(name) is PICK:
        return _Pick()
    if typing.get_origin(kind) is list:
        return _Lines(choices.get(name))
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return _Nested(kind)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return _Choice(kind, optional)
    if kind is bool:
        return _Bool(label_for(name), optional)
    if kind in (date, time, datetime):
        return _Typed(kind, optional)
    if kind is int:
        spin = _Typed(int, optional)
        return spin
    multiline = any(isinstance(m, Multiline) for m in field.metadata)
    return _Text(multiline, choices.get(name), optional)


class ModelForm(QWidget):
    """A form for one model; `value()` returns a valid model or None (messages shown)."""

    edited = Signal()

    def __init__(
        self,
        model: type[BaseModel],
        exclude: set[str] | frozenset[str] = frozenset(),
        include: Sequence[str] | None = None,
        labels: dict[str, str] | None = None,
        choices: dict[str, list[str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.labels = labels or {}
        self.base: dict[str, Any] = {}
        self.editors: dict[str, _Editor] = {}
        self._blank: dict[str, Any] = {}
        self.errors: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.form_error = QLabel()
        self.form_error.setObjectName("error")
        self.form_error.setWordWrap(True)
        self.form_error.hide()
        outer.addWidget(self.form_error)
        layout = QFormLayout()
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(layout)
        for name, field in model.model_fields.items():
            if name in exclude or name == "id" or (include is not None and name not in include):
                continue
            editor = _editor_for(name, field, choices or {})
            text = self.labels.get(name, label_for(name))
            editor.widget.setAccessibleName(text)
            error = QLabel()
            error.setObjectName("error")
            error.setWordWrap(True)
            error.hide()
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(1)
            column.addWidget(editor.widget)
            column.addWidget(error)
            if isinstance(editor, _Bool) and not editor.optional:
                layout.addRow("", box)
            else:
                label = QLabel(text)
                label.setBuddy(editor.widget)
                label.setWordWrap(True)
                layout.addRow(label, box)
            self.editors[name], self.errors[name] = editor, error
        self.set_value(None)

    def set_value(self, value: BaseModel | None) -> None:
        self.base = {} if value is None else value.model_dump()
        for name, editor in self.editors.items():
            if value is not None:
                editor.set(self.base.get(name))
            else:
                field = self.model.model_fields[name]
                editor.set(
                    None if field.is_required() else field.get_default(call_default_factory=True)
                )
        if value is None:
            self._blank = self.raw()
        self.clear_errors()

    def raw(self) -> dict[str, Any]:
        return {**self.base, **{name: editor.get() for name, editor in self.editors.items()}}

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.hide()
            label.clear()
        self.form_error.hide()

    def value(self, **fixed: Any) -> BaseModel | None:
        """The model as typed, or None with every broken rule shown beside its field."""
        self.clear_errors()
        try:
            return self.model.model_validate({**self.raw(), **fixed})
        except ValidationError as exc:
            self.show_errors(exc)
            return None

    def show_errors(self, exc: ValidationError) -> None:
        general = []
        for error in exc.errors(include_url=False):
            message = str(error["msg"]).removeprefix("Value error, ")
            loc = error["loc"]
            if loc and loc[0] in self.errors:
                label = self.errors[str(loc[0])]
                label.setText(message if not label.text() else label.text())
                label.show()
                self.editors[str(loc[0])].widget.setAccessibleDescription(message)
            else:
                general.append(message)
        if general:
            self.form_error.setText("\n".join(dict.fromkeys(general)))
            self.form_error.show()
        first = next(
            (self.editors[n].widget for n, label in self.errors.items() if label.isVisible()), None
        )
        if first is not None:
            first.setFocus()

    def set_choices(self, name: str, pairs: list[tuple[str, Any]]) -> None:
        """Offer these (label, value) pairs in the field `name` (one made with PICK)."""
        editor = self.editors.get(name)
        if isinstance(editor, _Pick):
            editor.set_choices(pairs)
            if not self.base:
                self._blank[name] = editor.get()

    def is_blank(self) -> bool:
        """True when nothing has been typed since the form was cleared."""
        return not self.base and self.raw() == self._blank

    def first_input(self) -> QWidget | None:
        return next((e.widget for e in self.editors.values()), None)
