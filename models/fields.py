"""A field of the record declared once: its title, its help and where it belongs.

A field says everything the rest of the app needs on its pydantic `Field`:
`title` (the label on the form and in the minutes), `description` (the help under it, and
the schema's) and, in `json_schema_extra`, the agenda step whose form shows it (`x-step`)
and the meeting types it applies to (`x-meeting-types`: words a meeting type contains;
absent means every type). Forms, the minutes PDF and the bundle schema all read it from
there, so a new field is added in one place (docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, Field
from pydantic.fields import FieldInfo

from models.messages import label_for

STEP = "x-step"
MEETING_TYPES = "x-meeting-types"


def declared(
    default: Any = ...,
    *,
    title: str,
    description: str | None = None,
    step: str | None = None,
    meeting_types: Sequence[str] | None = None,
    **kwargs: Any,
) -> Any:
    """A pydantic Field carrying its title, help, step and meeting types."""
    extra: dict[str, Any] = {}
    if step:
        extra[STEP] = step
    if meeting_types:
        extra[MEETING_TYPES] = list(meeting_types)
    if default is not ... or "default_factory" not in kwargs:
        kwargs["default"] = default
    return Field(
        title=title,
        description=description,
        json_schema_extra=extra or None,
        **kwargs,
    )


def _extra(info: FieldInfo) -> dict[str, Any]:
    extra = info.json_schema_extra
    return extra if isinstance(extra, dict) else {}


def title_of(model: type[BaseModel], name: str) -> str:
    """The field's title, or its name in words when it has none."""
    info = model.model_fields.get(name)
    return (info.title if info is not None else None) or label_for(name)


def help_of(model: type[BaseModel], name: str) -> str:
    info = model.model_fields.get(name)
    return (info.description if info is not None else None) or ""


def applies(model: type[BaseModel], name: str, meeting_type: str) -> bool:
    """Whether the field belongs to a meeting of this type (every type unless declared)."""
    info = model.model_fields.get(name)
    words = _extra(info).get(MEETING_TYPES) if info is not None else None
    if not words:
        return True
    kind = meeting_type.casefold()
    return any(str(w).casefold() in kind for w in words)


def step_fields(model: type[BaseModel], *steps: str) -> list[str]:
    """The fields a step's form shows, in the order they are declared."""
    return [n for n, info in model.model_fields.items() if _extra(info).get(STEP) in steps]


def is_strategy(meeting_type: str) -> bool:
    """A strategy discussion or meeting (Working Together 2023)."""
    return "strategy" in meeting_type.casefold()
