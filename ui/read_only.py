"""Buttons that change the record, disabled with the reason in a session that reads only.

A screen marks each such button once, where it makes it (`writes(button)`); the main window
says a session reads only with `set_reason(window, reason)` (another window holds the
workspace, or it is on read-only media). From then on every marked button inside that
window, made now or later (a meeting's steps are built when first shown), is disabled with
the reason as its tooltip, and stays disabled even when its screen would enable it.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QWidget

WRITES = "caseroomWrites"
REASON = "caseroomReadOnly"
W = TypeVar("W", bound=QWidget)
_WATCHED = (QEvent.Type.Show, QEvent.Type.EnabledChange, QEvent.Type.ParentChange)


def writes(widget: W) -> W:
    """Mark `widget` as one that changes the record; returns it."""
    widget.setProperty(WRITES, True)
    return widget


def reason_for(widget: QWidget) -> str:
    """Why the session `widget` belongs to reads only, or ""."""
    at: QWidget | None = widget
    while at is not None:
        reason = at.property(REASON)
        if reason:
            return str(reason)
        at = at.parentWidget()
    return ""


def _hold(widget: QWidget) -> None:
    if widget.property(WRITES):
        reason = reason_for(widget)
        if reason:
            if widget.isEnabled():
                widget.setEnabled(False)
            if widget.toolTip() != reason:
                widget.setToolTip(reason)


class _Keeper(QObject):
    """Watches marked buttons application-wide: cheap, as most events fail the first test."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _WATCHED and isinstance(watched, QWidget):
            # A part built on its own joins the window (a meeting's step, first shown).
            if (
                kind == QEvent.Type.ParentChange
                and watched.findChild(QWidget) is not None
                and reason_for(watched)
            ):
                hold_within(watched)
            _hold(watched)
        return False


_keeper: _Keeper | None = None


def set_reason(window: QWidget, reason: str | None) -> None:
    """Say that the session shown in `window` reads only (None: it may write again)."""
    global _keeper
    app = QCoreApplication.instance()
    if _keeper is None and app is not None:
        _keeper = _Keeper(app)
        app.installEventFilter(_keeper)
    window.setProperty(REASON, reason or "")
    hold_within(window)


def hold_within(widget: QWidget) -> None:
    """Hold the marked buttons already inside `widget` (a screen just put in its window:
    those on a tab not yet shown are held too)."""
    for child in widget.findChildren(QWidget):
        _hold(child)
