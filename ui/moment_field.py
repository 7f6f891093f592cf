"""The editor of a moment (a contact received, a decision made): typed and shown as the clock
in the room says it, in the workspace's time zone; the record keeps it in UTC
(models/base.py: Moment)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QLineEdit

from models.base import DEFAULT_TIME_ZONE, MOMENT_PATTERN, MOMENT_YEARS, as_utc, in_zone
from ui.form_fields import Editor
from ui.i18n import tr


def _offset(moment: datetime) -> str:
    minutes = int(moment.utcoffset().total_seconds() // 60)  # type: ignore[union-attr]
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


class Moment(Editor):
    """ "YYYY-MM-DD HH:MM" in the workspace's zone. A kept moment left as shown is given back
    exactly as kept (its seconds, and which of a night's two 01:30s it was); a time the
    clocks skip, or one they go through twice, is refused with what to type instead."""

    def __init__(self, optional: bool) -> None:
        widget = QLineEdit()
        hint = tr("YYYY-MM-DD HH:MM, local time")
        widget.setPlaceholderText(hint + (tr(" (or leave empty)") if optional else ""))
        super().__init__(widget)
        self.optional = optional
        self.zone = DEFAULT_TIME_ZONE
        self._kept: datetime | None = None  # the moment set, while its text is unchanged
        self._shown = ""

    def set(self, value: Any) -> None:
        typed = ""
        if isinstance(value, str) and value:  # from a draft: a kept moment, or what was typed
            parsed = self._parse(value)
            if parsed is None or parsed.tzinfo is None:
                typed, value = value, None
            else:
                value = parsed
        self._kept = as_utc(value) if isinstance(value, datetime) else None
        shown = f"{in_zone(self._kept, self.zone):%Y-%m-%d %H:%M}" if self._kept else typed
        self._shown = shown if self._kept else ""
        self.widget.setText(shown)  # type: ignore[attr-defined]

    def _text(self) -> str:
        return self.widget.text().strip()  # type: ignore[attr-defined]

    @staticmethod
    def _parse(text: str) -> datetime | None:
        try:
            return datetime.fromisoformat(text) if MOMENT_PATTERN.fullmatch(text) else None
        except ValueError:
            return None

    def get(self) -> Any:
        text = self._text()
        if self._kept is not None and text == self._shown:
            return self._kept.isoformat()
        if text == "" and self.optional:
            return None
        typed = self._parse(text)
        low, high = MOMENT_YEARS
        if typed is None or not low <= typed.year <= high or self.problem():
            return text  # the model, or problem(), says what is wrong with it
        if typed.tzinfo is None:
            typed = typed.replace(tzinfo=ZoneInfo(self.zone))
        return typed.astimezone(UTC).isoformat()  # kept in UTC

    def problem(self) -> str | None:
        """Why a local time typed cannot be kept: the clocks skip it, or pass it twice."""
        text = self._text()
        typed = self._parse(text)
        if typed is None or typed.tzinfo is not None or (self._kept and text == self._shown):
            return None
        zone = ZoneInfo(self.zone)
        first, second = typed.replace(tzinfo=zone, fold=0), typed.replace(tzinfo=zone, fold=1)
        if first.utcoffset() == second.utcoffset():
            return None
        if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != typed:
            return tr(
                "is a time that does not exist: the clocks go forward that night ({0:%d %b %Y})"
            ).format(typed)
        return tr(
            "happens twice that night, when the clocks go back ({0:%d %b %Y}): type {1} "
            "after it for the first, or {2} for the second (e.g. {3}{1})"
        ).format(typed, _offset(first), _offset(second), text)
