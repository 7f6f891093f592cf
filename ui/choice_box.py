"""Choosing by typing: a choice box that finds the first letters of any word of a choice,
and a completer that offers known names while still taking a new one."""

from __future__ import annotations

import time
from collections.abc import Iterable

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QWidget

TYPE_AHEAD_SECONDS = 1.0


def _words(text: str) -> list[str]:
    return [w for w in text.casefold().replace("—", " ").replace("-", " ").split() if w]


def matches(text: str, typed: str) -> bool:
    """True when `typed` starts the choice or any word of it ("o" finds "professional opinion")."""
    typed = typed.casefold()
    return text.casefold().startswith(typed) or any(w.startswith(typed) for w in _words(text))


class ChoiceBox(QComboBox):
    """A fixed list of choices; typing a letter picks the next choice with a word starting with
    it, typing more letters quickly narrows it ("no" picks "No", not "not decided")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # no focus by the mouse wheel alone
        self._typed, self._at = "", 0.0

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        plain = not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        )
        if plain and text and text.isprintable() and not text.isspace():
            now = time.monotonic()
            more = now - self._at < TYPE_AHEAD_SECONDS
            self._typed = (self._typed if more else "") + text
            self._at = now
            if not self.pick(self._typed, start_after_current=len(self._typed) == 1) and more:
                self._typed = text  # no choice goes on like that: a new search
                self.pick(text)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._typed = ""  # a search never goes on from one visit to the next
        super().focusOutEvent(event)

    def pick(self, typed: str, start_after_current: bool = True) -> bool:
        """Go to the next choice that `typed` matches (a whole word first, then a word's start)."""
        count = self.count()
        first = self.currentIndex() + (1 if start_after_current else 0)
        order = [(first + i) % count for i in range(count)]
        folded = typed.casefold()
        whole = [i for i in order if folded in _words(self.itemText(i))]
        found = whole or [i for i in order if matches(self.itemText(i), typed)]
        if found:
            self.setCurrentIndex(found[0])
        return bool(found)


def attach_completer(widget: QWidget, words: Iterable[str]) -> QCompleter | None:
    """Offer `words` in a line edit (or an editable choice box) as the user types: matching
    any part, case-insensitive. A new name is still accepted as typed."""
    line = widget.lineEdit() if isinstance(widget, QComboBox) else widget
    if not isinstance(line, QLineEdit):
        return None
    unique = sorted({w.strip() for w in words if w and w.strip()}, key=str.casefold)
    completer = line.completer()
    model = completer.model() if completer is not None else None
    if isinstance(model, QStringListModel) and completer is not None and completer.parent() is line:
        model.setStringList(unique)
        return completer
    completer = QCompleter(unique, line)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    if isinstance(widget, QComboBox):
        widget.setCompleter(completer)
    else:
        line.setCompleter(completer)
    return completer
