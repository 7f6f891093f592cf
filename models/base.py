"""What every record shares: strict fields, ids, and the messages of broken rules."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$"

Id = Annotated[
    str, Field(pattern=ID_PATTERN, description="A stable id: letters, digits, _.:- (max 64).")
]


class Record(BaseModel):
    """A part of the safeguarding record: unknown fields are refused, not dropped."""

    # defer_build: validators are built on first use, not at import (start-up time).
    model_config = ConfigDict(
        extra="forbid", validate_assignment=True, use_enum_values=False, defer_build=True
    )


def new_id(prefix: str) -> str:
    import uuid

    return f"{prefix}-{uuid.uuid4().hex[:16]}"
