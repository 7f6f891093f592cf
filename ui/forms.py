"""Forms built from the domain models: one input per field, the rule's message beside it.

The model is the only validator: the form collects what was typed, asks the model to
validate it, and shows each message next to its field (or above the form for a rule about
several fields). Nothing typed is lost when a rule is broken.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import to_jsonable_python
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from models.messages import label_for, problems
from models.withholding import Withholdable
from ui.choice_box import attach_completer
from ui.form_fields import PICK, Bool, Editor, Nested, Pick, editor_for
from ui.i18n import tr
from ui.moment_field import Moment

__all__ = ["PICK", "ModelForm", "label_for"]


def _changed_signal(widget: QWidget) -> Any:
    """The signal a field's widget emits when what it holds changes."""
    if getattr(widget, "isEditable", lambda: False)():  # a choice box one may also type in
        return widget.editTextChanged  # type: ignore[attr-defined]
    for name in ("textChanged", "currentIndexChanged", "toggled", "itemChanged"):
        signal = getattr(widget, name, None)
        if signal is not None:
            return signal
    return None


def form_order(model: type[BaseModel]) -> list[tuple[str, Any]]:
    """The model's fields as a form shows them: the item's own first, then withholding
    (pydantic puts a base class's fields first; a form reads the item before its flag)."""
    shared = set(Withholdable.model_fields)
    fields = list(model.model_fields.items())
    return [f for f in fields if f[0] not in shared] + [f for f in fields if f[0] in shared]


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
        context: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.context = context  # what the model's rules are checked against (the workspace's)
        self.labels = labels or {}
        self.base: dict[str, Any] = {}
        self.editors: dict[str, Editor] = {}
        self._blank: dict[str, Any] = {}
        self._loading = False
        self._fixed: dict[str, Any] = {}  # what the last value() added (an id)
        self.errors: dict[str, QLabel] = {}
        self.rows: dict[str, QWidget] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.form_error = QLabel()
        self.form_error.setObjectName("error")
        self.form_error.setWordWrap(True)
        self.form_error.hide()
        outer.addWidget(self.form_error)
        layout = self.layout_of_fields = QFormLayout()
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(layout)
        for name, field in form_order(model):
            if name in exclude or name == "id" or (include is not None and name not in include):
                continue
            editor = editor_for(name, field, choices or {})
            # The label and help are declared on the field (models/fields.py).
            text = self.labels.get(name) or tr(field.title or label_for(name))
            editor.widget.setAccessibleName(text)
            if field.description:
                editor.widget.setToolTip(tr(field.description))
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
            if isinstance(editor, Bool) and not editor.optional:
                editor.widget.setText(text)  # type: ignore[attr-defined]
                layout.addRow("", box)
            else:
                label = QLabel(text)
                label.setBuddy(editor.widget)
                label.setWordWrap(len(text) > 24)  # short labels never wrap (nor clip)
                layout.addRow(label, box)
            self.editors[name], self.errors[name] = editor, error
            self.rows[name] = box
            signal = (
                editor.form.edited if isinstance(editor, Nested) else _changed_signal(editor.widget)
            )
            if signal is not None:
                signal.connect(self._on_edit)
        self.set_value(None)

    def set_value(self, value: BaseModel | None) -> None:
        self._loading = True
        self.base = {} if value is None else value.model_dump()
        for name, editor in self.editors.items():
            if value is not None:
                editor.set(self.base.get(name))
            else:
                field = self.model.model_fields[name]
                editor.set(
                    None if field.is_required() else field.get_default(call_default_factory=True)
                )
        self._loading = False
        if value is None:
            self._blank = self.raw()
        self.clear_errors()

    def set_time_zone(self, zone: str) -> None:
        """The workspace's time zone, in which moments are typed and shown (call before
        set_value)."""
        for editor in self.editors.values():
            if isinstance(editor, Nested):
                editor.form.set_time_zone(zone)
            elif isinstance(editor, Moment):
                editor.zone = zone

    def raw(self) -> dict[str, Any]:
        return {**self.base, **{name: editor.get() for name, editor in self.editors.items()}}

    def clear_errors(self) -> None:
        for name, label in self.errors.items():
            label.hide()
            label.clear()
            self.editors[name].widget.setAccessibleDescription("")
        self.form_error.hide()
        self.form_error.clear()

    def typed_problems(self) -> list[tuple[str | None, str]]:
        """(field, sentence) for what an editor itself refuses, before the model sees it (a
        local time the clocks skip), for this form and the forms inside it."""
        found: list[tuple[str | None, str]] = []
        for name, editor in self.editors.items():
            if isinstance(editor, Nested):
                found.extend((name, text) for _, text in editor.form.typed_problems())
            elif problem := editor.problem():
                field = self.model.model_fields[name]
                label = self.labels.get(name) or tr(field.title or label_for(name))
                found.append((name, f"{label} {problem}."))
        return found

    def check_typed(self) -> bool:
        """Show what the editors refuse beside their fields; True when nothing is."""
        found = self.typed_problems()
        if found:
            self.show_messages(found)
        return not found

    def value(self, quiet: bool = False, **fixed: Any) -> BaseModel | None:
        """The model as typed, or None with every broken rule shown beside its field
        (`quiet`: only say whether it is valid)."""
        self._fixed = fixed
        typed = self.typed_problems()
        if typed:
            if not quiet:
                self.show_messages(typed)
            return None
        try:
            model = self.model.model_validate({**self.raw(), **fixed}, context=self.context)
        except ValidationError as exc:
            if not quiet:
                self.show_errors(exc)
            return None
        if not quiet:
            self.clear_errors()
        return model

    def messages(self, exc: ValidationError) -> list[tuple[str | None, str]]:
        """(field of this form or None, the sentence) for each broken rule."""
        return [
            (str(loc[0]) if loc and loc[0] in self.errors else None, text)
            for loc, text in problems(exc, self.model, self.labels)
        ]

    def show_errors(self, exc: ValidationError, focus: bool = True) -> QWidget | None:
        """Show each message beside its field; go to the first field at fault."""
        return self.show_messages(self.typed_problems() + self.messages(exc), focus)

    def show_messages(
        self, messages: list[tuple[str | None, str]], focus: bool = True
    ) -> QWidget | None:
        self.clear_errors()
        general = []
        for name, message in messages:
            if name is None:
                general.append(message)
                continue
            label = self.errors[name]
            if not label.text():
                label.setText(message)
                label.show()
                self.editors[name].widget.setAccessibleDescription(message)
        if general:
            self.form_error.setText("\n".join(dict.fromkeys(general)))
            self.form_error.show()
        first = next(
            (self.editors[n].widget for n, label in self.errors.items() if label.text()), None
        )
        if focus:
            target = first or self.first_input()
            if target is not None:
                target.setFocus(Qt.FocusReason.OtherFocusReason)
                _scroll_to(self.form_error if general else target)
        return first

    def _on_edit(self) -> None:
        if self._loading:
            return
        self.edited.emit()
        if any(label.text() for label in self.errors.values()) or self.form_error.text():
            self.recheck()

    def recheck(self) -> None:
        """Update the messages shown: one goes as soon as its field is right."""
        still: dict[str | None, str] = dict(reversed(self.typed_problems()))
        try:
            self.model.model_validate({**self.raw(), **self._fixed}, context=self.context)
        except ValidationError as exc:
            for name, message in self.messages(exc):
                still.setdefault(name, message)
        for name, label in self.errors.items():
            if label.text() and name not in still:
                label.hide()
                label.clear()
                self.editors[name].widget.setAccessibleDescription("")
            elif label.text():
                label.setText(still[name])
        if self.form_error.text() and None not in still:
            self.form_error.hide()
            self.form_error.clear()

    def show_only(self, shown: Callable[[str], bool]) -> None:
        """Show the rows of the fields for which `shown(name)` is true, hide the others (what
        a hidden field holds is kept)."""
        for name, box in self.rows.items():
            self.layout_of_fields.setRowVisible(box, shown(name))

    def set_choices(self, name: str, pairs: list[tuple[str, Any]]) -> None:
        """Offer these (label, value) pairs in the field `name` (one made with PICK)."""
        editor = self.editors.get(name)
        if isinstance(editor, Pick):
            editor.set_choices(pairs)
            if not self.base:
                self._blank[name] = editor.get()

    def set_completions(self, name: str, words: list[str]) -> None:
        """Offer these names in the field `name` as the user types (a new one still goes)."""
        editor = self.editors.get(name)
        if editor is not None:
            attach_completer(editor.widget, words)

    def is_blank(self) -> bool:
        """True when nothing has been typed since the form was cleared."""
        return not self.base and self.raw() == self._blank

    def first_input(self) -> QWidget | None:
        return next((e.widget for e in self.editors.values()), None)

    # --- drafts: what is typed, valid or not, as plain data ----------------------------
    def draft(self) -> dict[str, Any]:
        return {
            "base": to_jsonable_python(self.base),
            "fields": to_jsonable_python(
                {name: editor.get() for name, editor in self.editors.items()}
            ),
        }

    def restore(self, draft: dict[str, Any]) -> None:
        """Put a draft back, with the messages of the rules it breaks."""
        self._loading = True
        self.base = dict(draft.get("base") or {})
        for name, value in (draft.get("fields") or {}).items():
            editor = self.editors.get(name)
            if editor is not None:
                try:
                    editor.set(value)
                except (ValueError, ValidationError):
                    continue  # a field whose shape changed since: left as it was
        self._loading = False


def _scroll_to(widget: QWidget) -> None:
    parent = widget.parentWidget()
    while parent is not None:
        area = parent.parentWidget()
        if isinstance(area, QScrollArea):
            area.ensureWidgetVisible(widget, 20, 40)
            return
        parent = area
