"""What every record shares: strict fields, ids, and the messages of broken rules."""

from __future__ import annotations

import contextlib
import re
from datetime import UTC, datetime, time
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$"

Id = Annotated[
    str, Field(pattern=ID_PATTERN, description="A stable id: letters, digits, _.:- (max 64).")
]

# A time of day, in the workspace's zone: "14:30" or "14:30:00". Not JSON Schema's `time`
# format, which requires a UTC offset (RFC 3339) that these times do not have.
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$"


def _local_time(value: time) -> time:
    # An offset would make the time incomparable with the others of its meeting.
    if value.tzinfo is not None:
        raise ValueError("must be a time of day without a time zone, written HH:MM")
    return value


TimeOfDay = Annotated[
    time,
    AfterValidator(_local_time),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": TIME_PATTERN,
            "description": "A time of day in the workspace's time zone: HH:MM or HH:MM:SS.",
        }
    ),
]


def as_utc(value: datetime) -> datetime:
    """A kept moment in UTC. One kept without an offset is in UTC: a bundle's date-time, or
    a time kept before moments carried one (the form then took the time as typed, labelled
    UTC). Kept moments are not rewritten on reading: a signed snapshot re-hashes to its
    signed value, so the offset is read, not stored."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# A date and a time to the minute, seconds and an offset optional: "2026-07-14 09:30",
# "2026-07-14T08:30:00Z". Not a date alone (midnight, silently) nor a count of seconds.
MOMENT_PATTERN = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?"
)
MOMENT_YEARS = (1900, 2999)  # a moment of a safeguarding record, far from the calendar's ends


def _written_out(value: object, info: ValidationInfo) -> object:
    if isinstance(value, str) and MOMENT_PATTERN.fullmatch(value.strip()):
        with contextlib.suppress(ValueError):  # a month 13, a 30 February: refused below
            value = datetime.fromisoformat(value.strip())
    if not isinstance(value, datetime):
        # (the error type whose message says how to write one: models/messages.py)
        raise PydanticCustomError("datetime_parsing", "not a date and time")
    trusted = isinstance(info.context, dict) and info.context.get("trusted") is True
    if not trusted and not MOMENT_YEARS[0] <= value.year <= MOMENT_YEARS[1]:
        raise PydanticCustomError("moment_range", "a year out of range")
    return value


# A moment (a contact received, a decision made): typed in the workspace's zone and stored
# in UTC by the form (ui/moment_field.py), shown in the workspace's zone.
Moment = Annotated[datetime, BeforeValidator(_written_out)]
DEFAULT_TIME_ZONE = "Europe/London"


def in_zone(value: datetime, zone: str) -> datetime:
    """A kept moment as it reads in `zone` (the workspace's: "14:30 BST")."""
    try:
        return as_utc(value).astimezone(ZoneInfo(zone or DEFAULT_TIME_ZONE))
    except OverflowError:  # (kept before the years were bounded, at the calendar's edge)
        return value


def local_text(value: datetime, zone: str) -> str:
    """A kept moment as the screens say it: "14 Jul 2026 09:30 BST" in the workspace's zone."""
    local = in_zone(value, zone)
    return f"{local:%d %b %Y %H:%M} {local.tzname()}"


def wall_clock(zone: str) -> datetime:
    """Now, as the clock in the room says it (the workspace's zone, whatever zone this
    computer is set to), to the minute, without an offset: a meeting's date and times."""
    now = datetime.now(UTC).astimezone(ZoneInfo(zone or DEFAULT_TIME_ZONE))
    return now.replace(tzinfo=None, second=0, microsecond=0)


class Record(BaseModel):
    """A part of the safeguarding record: unknown fields are refused, not dropped."""

    # defer_build: validators are built on first use, not at import (start-up time).
    model_config = ConfigDict(
        extra="forbid", validate_assignment=True, use_enum_values=False, defer_build=True
    )


def new_id(prefix: str) -> str:
    import uuid

    return f"{prefix}-{uuid.uuid4().hex[:16]}"
