"""One way to say what a validation error means, in the rules' own sentences.

Every screen and the command line use `problems()` / `describe()`: the user never sees a
library's wording, a type name or a web address.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from annotated_types import Ge, Gt, Le, Lt
from pydantic import BaseModel, ValidationError

Location = tuple[str | int, ...]

_DATE = "must be a real date, written YYYY-MM-DD (for example 2026-03-31)"
_TIME = "must be a time, written HH:MM (for example 14:30)"
_DATETIME = "must be a date and time, written YYYY-MM-DD HH:MM (for example 2026-03-31 14:30)"
_BY_TYPE = {
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "date_type": _DATE,
    "time_parsing": _TIME,
    "time_type": _TIME,
    "datetime_parsing": _DATETIME,
    "datetime_from_date_parsing": _DATETIME,
    "datetime_type": _DATETIME,
    "datetime_object_invalid": _DATETIME,
    "moment_range": "must be a date between the years 1900 and 2999",
    "bool_parsing": "must be yes or no",
    "bool_type": "must be yes or no",
    "string_type": "must be text",
    "list_type": "must be a set of entries",
    "dict_type": "must be filled in with its own fields",
    "model_type": "must be filled in with its own fields",
    "model_attributes_type": "must be filled in with its own fields",
    "extra_forbidden": "is not a field of this record",
    "uuid_parsing": "is not a valid identifier",
}


def label_for(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside an annotation (Model, Model | None, list[Model]), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _field(model: type[BaseModel] | None, loc: Location) -> Any:
    """The pydantic field a location names (through nested models), or None."""
    field = None
    for part in loc:
        if not isinstance(part, str):
            continue
        if model is None:
            return None
        field = model.model_fields.get(part)
        if field is None:
            return None
        model = _inner_model(field.annotation)
    return field


def _bounds(field: Any) -> tuple[Any, Any]:
    low: Any = None
    high: Any = None
    for meta in getattr(field, "metadata", []):
        if isinstance(meta, Ge):
            low = meta.ge
        elif isinstance(meta, Gt):
            low = meta.gt
        elif isinstance(meta, Le):
            high = meta.le
        elif isinstance(meta, Lt):
            high = meta.lt
    return low, high


def _number(field: Any, kind: str) -> str:
    low, high = _bounds(field)
    if low is not None and high is not None:
        return f"a {kind} from {low} to {high}"
    if low is not None:
        return f"a {kind} of at least {low}"
    if high is not None:
        return f"a {kind} of at most {high}"
    return f"a {kind}"


def _choices(ctx: Mapping[str, Any]) -> str:
    expected = str(ctx.get("expected", ""))
    words = [
        w.strip().strip("'\"").replace("_", " ") for w in expected.replace(" or ", ",").split(",")
    ]
    return ", ".join(w for w in words if w)


def _sentence(error: Mapping[str, Any], field: Any) -> str:
    """What one error says, without the field's name (it is put in front)."""
    kind = str(error.get("type", ""))
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    given = error.get("input")
    if kind == "extra_forbidden":  # the unknown name itself, as given: it is no label of ours
        loc = error.get("loc") or ("?",)
        given_name = "".join(c if c.isprintable() else "?" for c in str(loc[-1]))
        return f"“{given_name}” is not a field of this record"
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", "")) or "is not accepted here"
    if kind == "missing":
        return "is required"
    if kind.startswith(("int_", "float_", "decimal_")) or kind in ("int_type", "float_type"):
        if given is None or (isinstance(given, str) and not given.strip()):
            return f"is required: {_number(field, 'number')}"
        return f"must be {_number(field, 'whole number' if kind.startswith('int') else 'number')}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return f"must be {_number(field, 'number')}"
    if kind == "enum" or kind == "literal_error":
        return f"must be one of: {_choices(ctx)}"
    if kind in ("too_long", "string_too_long"):
        limit = ctx.get("max_length", "")
        unit = "characters" if kind == "string_too_long" else "entries"
        return f"is too long: at most {limit} {unit}"
    if kind in ("too_short", "string_too_short"):
        return "is required"
    return _BY_TYPE.get(kind, "is not accepted here")


def problems(
    exc: ValidationError,
    model: type[BaseModel] | None = None,
    labels: Mapping[str, str] | None = None,
) -> list[tuple[Location, str]]:
    """Each broken rule as (where, the sentence the user reads)."""
    labels = labels or {}
    found: list[tuple[Location, str]] = []
    for error in exc.errors(include_url=False):
        loc: Location = tuple(error.get("loc", ()))
        text = _sentence(error, _field(model, loc))
        text = text.removeprefix("Value error, ").removeprefix("Assertion failed, ")
        names = [p for p in loc if isinstance(p, str)]
        if text[:1].islower() and names:
            field = _field(model, loc)
            title = getattr(field, "title", None) or label_for(names[-1])
            where = [labels.get(names[-1], title).strip() or "A field"]
            numbers = [p for p in loc if isinstance(p, int)]
            if len(names) > 1 and numbers:
                where.insert(0, f"{label_for(names[0])} {numbers[0] + 1}:")
            text = " ".join(where) + " " + text
        text = text[:1].upper() + text[1:]
        if not text.endswith((".", "?", "!")):
            text += "."
        if (loc, text) not in found:
            found.append((loc, text))
    return found


def describe(
    exc: ValidationError,
    model: type[BaseModel] | None = None,
    labels: Mapping[str, str] | None = None,
) -> str:
    """Every broken rule, one sentence per line."""
    return "\n".join(text for _, text in problems(exc, model, labels))
