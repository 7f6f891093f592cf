"""Buttons that change the record, disabled with the reason in a session that reads only.

A screen marks each such button once, where it makes it (`writes(button)`); the main window
says a session reads only with `set_reason(window, reason)` (another window holds the
workspace, or it is on read-only media) and holds the buttons of each screen it shows
(`hold_within`). A marked button inside that window is disabled with the reason as its
tooltip, and stays disabled: it is held again whenever it is shown or enabled (a form
becoming valid, a meeting's step built and shown later). Its shortcut, made with
`guarded(button, action)`, shows the reason instead of acting.

The marks are Python attributes, not Qt dynamic properties: asking every widget for a
property it does not have answers None through Qt, which is slower and, with PySide6 6.12 on
Python 3.11, costs a reference to None each time (ui/refcount_guard.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QToolTip, QWidget

WRITES = "_caseroom_writes"
REASON = "_caseroom_read_only"
W = TypeVar("W", bound=QWidget)


class _Keeper(QObject):
    """Watches the marked buttons: held again whenever shown or enabled."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.EnabledChange) and isinstance(
            watched, QWidget
        ):
            _hold(watched)
        return False


_keeper: _Keeper | None = None


def writes(widget: W) -> W:
    """Mark `widget` as one that changes the record; returns it."""
    global _keeper
    if _keeper is None:
        _keeper = _Keeper(QCoreApplication.instance())
    setattr(widget, WRITES, True)
    widget.installEventFilter(_keeper)
    return widget


def guarded(button: QWidget, action: Callable[[], None]) -> Callable[[], None]:
    """What the shortcut of a marked `button` runs: `action`, or, in a session that reads
    only, the reason shown beside the button (nothing is asked first, nothing reaches
    storage)."""

    def run() -> None:
        reason = reason_for(button)
        if not reason:
            action()
            return
        anchor = button if button.isVisible() else button.window()
        QToolTip.showText(anchor.mapToGlobal(anchor.rect().center()), reason, anchor)

    return run


def is_write(widget: QWidget) -> bool:
    return bool(getattr(widget, WRITES, False))


def _hold(widget: QWidget) -> None:
    reason = reason_for(widget)
    if reason and is_write(widget):
        if widget.isEnabled():
            widget.setEnabled(False)
        if widget.toolTip() != reason:
            widget.setToolTip(reason)


def reason_for(widget: QWidget) -> str:
    """Why the session `widget` is shown in reads only ("" when it may write)."""
    return str(getattr(widget.window(), REASON, ""))


def set_reason(window: QWidget, reason: str | None) -> None:
    """Say that the session shown in `window` reads only (None: it may write again)."""
    setattr(window, REASON, reason or "")
    hold_within(window)


def hold_within(widget: QWidget) -> None:
    """Hold the marked buttons already inside `widget` (a screen just put in its window:
    those on a tab not yet shown are held too)."""
    for child in widget.findChildren(QWidget):
        if is_write(child):
            _hold(child)
