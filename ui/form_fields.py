"""The inputs of a generated form: one editor per kind of field (text, choice, date…)."""

from __future__ import annotations

import types
import typing
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from models.messages import label_for
from models.text import Multiline
from ui.choice_box import ChoiceBox, attach_completer
from ui.i18n import tr


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(the type inside Optional[...] and Annotated[...], whether None is allowed)."""
    optional = False
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        optional = True
    if typing.get_origin(annotation) is typing.Annotated:  # e.g. TimeOfDay | None
        annotation = typing.get_args(annotation)[0]
    return annotation, optional


class Editor:
    """One field: a widget, how to show a value, how to read what was typed."""

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget

    def set(self, value: Any) -> None:
        raise NotImplementedError

    def get(self) -> Any:
        raise NotImplementedError

    def problem(self) -> str | None:
        """A rule the editor itself checks, before the model (most have none)."""
        return None


class _Text(Editor):
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
            widget.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            widget.addItems(["", *choices])
            attach_completer(widget, choices)
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


class _Typed(Editor):
    """Dates, times and numbers typed as text; empty means 'not recorded'."""

    def __init__(self, kind: type, optional: bool) -> None:
        widget = QLineEdit()
        hint = {date: "YYYY-MM-DD", time: "HH:MM"}.get(kind, "")
        widget.setPlaceholderText(hint + (tr(" (or leave empty)") if optional else ""))
        super().__init__(widget)
        self.kind, self.optional = kind, optional

    def set(self, value: Any) -> None:
        if isinstance(value, time):
            text = value.strftime("%H:%M")
        else:
            text = "" if value is None else str(value)
        self.widget.setText(text)  # type: ignore[attr-defined]

    def get(self) -> Any:
        text = self.widget.text().strip()  # type: ignore[attr-defined]
        return None if (text == "" and self.optional) else text


class Bool(Editor):
    def __init__(self, label: str, optional: bool, unset: str = "") -> None:
        self.optional = optional
        widget: QWidget
        if optional:
            combo = ChoiceBox()
            combo.addItems([tr(unset) if unset else tr("not decided"), tr("Yes"), tr("No")])
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


class _Choice(Editor):
    def __init__(self, enum: type[Enum], optional: bool) -> None:
        widget = ChoiceBox()
        self.values: list[Any] = ([None] if optional else []) + list(enum)
        widget.addItems(["" if v is None else v.value.replace("_", " ") for v in self.values])
        super().__init__(widget)

    def set(self, value: Any) -> None:
        self.widget.setCurrentIndex(self.values.index(value) if value in self.values else 0)  # type: ignore[attr-defined]

    def get(self) -> Any:
        return self.values[self.widget.currentIndex()]  # type: ignore[attr-defined]


PICK: list[str] = []  # as a field's choices: "one of a list the screen fills in later"


class Pick(Editor):
    """One of a list that changes while the form is open (a meeting's danger statements);
    the first entry means none."""

    def __init__(self) -> None:
        super().__init__(ChoiceBox())
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


class _Lines(Editor):
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


class _Ticks(Editor):
    """Several of a fixed set of choices (an enum), ticked in a list."""

    def __init__(self, enum: type[Enum]) -> None:
        widget = QListWidget()
        self.values = list(enum)
        for value in self.values:
            item = QListWidgetItem(tr(value.value.replace("_", " ")))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            widget.addItem(item)
        rows = widget.sizeHintForRow(0) * len(self.values)
        widget.setFixedHeight(rows + 2 * widget.frameWidth() + 6)
        super().__init__(widget)

    def set(self, value: Any) -> None:
        chosen = {getattr(v, "value", v) for v in value or []}
        for row, choice in enumerate(self.values):
            item = self.widget.item(row)  # type: ignore[attr-defined]
            on = choice.value in chosen
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def get(self) -> Any:
        items = [self.widget.item(i) for i in range(len(self.values))]  # type: ignore[attr-defined]
        return [
            v.value
            for v, item in zip(self.values, items, strict=True)
            if item.checkState() == Qt.CheckState.Checked
        ]


class _Mapping(Editor):
    """Names to one of a fixed set (an agency to its discipline): one "name: choice" a line."""

    def __init__(self, enum: type[Enum]) -> None:
        widget = QPlainTextEdit()
        widget.setTabChangesFocus(True)
        choices = ", ".join(v.value.replace("_", " ") for v in enum)
        widget.setPlaceholderText(tr("One a line, name: one of {0}").format(choices))
        widget.setMinimumHeight(60)
        widget.setMaximumHeight(120)
        super().__init__(widget)

    def set(self, value: Any) -> None:
        lines = [
            f"{k}: {getattr(v, 'value', v).replace('_', ' ')}" for k, v in (value or {}).items()
        ]
        self.widget.setPlainText("\n".join(lines))  # type: ignore[attr-defined]

    def get(self) -> Any:
        found = {}
        for line in self.widget.toPlainText().splitlines():  # type: ignore[attr-defined]
            name, _, choice = line.rpartition(":")
            if line.strip():
                found[name.strip() or line.strip()] = choice.strip().replace(" ", "_")
        return found


class Nested(Editor):
    def __init__(self, model: type[BaseModel]) -> None:
        from ui.forms import ModelForm  # a form inside a form

        # A model may keep some of its fields off its form (models/strategy.py: NotTold).
        self.form = ModelForm(model, exclude=getattr(model, "form_hidden", frozenset()))
        super().__init__(self.form)

    def set(self, value: Any) -> None:
        self.form.set_value(
            self.form.model.model_validate(value) if isinstance(value, dict) else value
        )

    def get(self) -> Any:
        return self.form.raw()


def editor_for(name: str, field: Any, choices: dict[str, list[str]]) -> Editor:
    kind, optional = _unwrap(field.annotation)
    if choices.get(name) is PICK:
        return Pick()
    if typing.get_origin(kind) is list:
        inner = typing.get_args(kind)[0] if typing.get_args(kind) else str
        if isinstance(inner, type) and issubclass(inner, Enum):
            return _Ticks(inner)
        return _Lines(choices.get(name))
    if typing.get_origin(kind) is dict:
        value = typing.get_args(kind)[1]
        if isinstance(value, type) and issubclass(value, Enum):
            return _Mapping(value)
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return Nested(kind)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return _Choice(kind, optional)
    if kind is bool:
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        return Bool(tr(field.title or label_for(name)), optional, str(extra.get("unset", "")))
    if kind is datetime:
        from ui.moment_field import Moment  # (it builds on Editor, above)

        return Moment(optional)
    if kind in (date, time):
        return _Typed(kind, optional)
    if kind is int:
        spin = _Typed(int, optional)
        return spin
    multiline = any(isinstance(m, Multiline) for m in field.metadata)
    return _Text(multiline, choices.get(name), optional)
