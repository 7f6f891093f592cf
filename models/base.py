"""What every record shares: strict fields, ids, and the messages of broken rules."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
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


def _in_utc(value: datetime) -> datetime:
    # One meaning for every moment kept: a moment given without an offset is in UTC (a
    # bundle's date-time, a record kept before moments carried one). A time typed in the room
    # is given its offset from the workspace's time zone by the form (ui/form_fields.py).
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# A date and a time to the minute, seconds and an offset optional: "2026-07-14 09:30",
# "2026-07-14T08:30:00Z". Not a date alone (midnight, silently) nor a count of seconds.
MOMENT_PATTERN = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?"
)


def _written_out(value: object) -> object:
    if isinstance(value, datetime):
        return value
    try:
        if isinstance(value, str) and MOMENT_PATTERN.fullmatch(value.strip()):
            return datetime.fromisoformat(value.strip())
    except ValueError:
        pass  # a month 13, a 30 February
    # (the error type whose message says how to write one: models/messages.py)
    raise PydanticCustomError("datetime_parsing", "not a date and time")


# A moment (a contact received, a decision made): kept in UTC, shown in the workspace's zone.
Moment = Annotated[datetime, BeforeValidator(_written_out), AfterValidator(_in_utc)]
DEFAULT_TIME_ZONE = "Europe/London"


def in_zone(value: datetime, zone: str) -> datetime:
    """A kept moment as it reads in `zone` (the workspace's: "14:30 BST")."""
    from zoneinfo import ZoneInfo

    return _in_utc(value).astimezone(ZoneInfo(zone or DEFAULT_TIME_ZONE))


def local_text(value: datetime, zone: str) -> str:
    """A kept moment as the screens say it: "14 Jul 2026 09:30 BST" in the workspace's zone."""
    local = in_zone(value, zone)
    return f"{local:%d %b %Y %H:%M} {local.tzname()}"


def wall_clock(zone: str) -> datetime:
    """Now, as the clock in the room says it (the workspace's zone, whatever zone this
    computer is set to), to the minute, without an offset: a meeting's date and times."""
    from zoneinfo import ZoneInfo

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
