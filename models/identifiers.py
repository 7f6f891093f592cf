"""A child's consistent identifier (Children Act 2004 s16LC, inserted by the Children's
Wellbeing and Schools Act 2026): its kinds, how each is checked, and how it is written.

Regulations will set the identifier; the NHS number is the expected interim. A kind is
reference data (an admin may add one); how a kind is checked is chosen from the checks
below. Values are stored normalised (no spaces), so an exact search finds them at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from pydantic import Field

from models.base import Record
from models.text import RequiredShort

NHS_NUMBER = "NHS number"


class IdentifierCheck(StrEnum):
    MODULUS_11 = "modulus_11"  # 10 digits, the last a modulus-11 check digit (NHS, CHI, H&C)
    NONE = "none"  # any text on one line; spaces are dropped, letters kept in capitals


class IdentifierKind(Record):
    name: RequiredShort = Field(title="Kind of identifier", description="For example NHS number.")
    check: IdentifierCheck = Field(
        default=IdentifierCheck.NONE,
        title="How it is checked",
        description="10 digits with a modulus-11 check digit, or none.",
    )


DEFAULT_KINDS = [
    IdentifierKind(name=NHS_NUMBER, check=IdentifierCheck.MODULUS_11),
    IdentifierKind(name="CHI number (Scotland)", check=IdentifierCheck.MODULUS_11),
    IdentifierKind(
        name="Health and Care Number (Northern Ireland)", check=IdentifierCheck.MODULUS_11
    ),
]


def modulus_11_ok(digits: str) -> bool:
    """Whether 10 digits end in their modulus-11 check digit (the NHS number's rule)."""
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return False
    total = sum(int(d) * weight for d, weight in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def shown(value: str, kind: str = NHS_NUMBER, kinds: list[IdentifierKind] | None = None) -> str:
    """An identifier as people write it: an NHS number in groups of 3, 3 and 4 digits."""
    if _check_of(kind, kinds) is IdentifierCheck.MODULUS_11 and len(value) == 10:
        return f"{value[:3]} {value[3:6]} {value[6:]}"
    return value


def _check_of(kind: str, kinds: list[IdentifierKind] | None) -> IdentifierCheck | None:
    for known in kinds if kinds is not None else DEFAULT_KINDS:
        if known.name.casefold() == kind.strip().casefold():
            return known.check
    return None


def kinds_from(context: Any) -> list[IdentifierKind] | None:
    """The workspace's kinds, when the validation was given them (forms, saves, imports)."""
    if isinstance(context, dict):
        kinds = context.get("identifier_kinds")
        if isinstance(kinds, list):
            return kinds
    return None


def kind_problem(kind: str, kinds: list[IdentifierKind] | None) -> str | None:
    """Why `kind` is not one this workspace knows, or None. Without the workspace's list (a
    record read back) any kind is accepted: a kind an admin later removes still loads."""
    if not kind.strip() or kinds is None or _check_of(kind, kinds) is not None:
        return None
    names = ", ".join(k.name for k in kinds) or "none"
    return f"Identifier kind {kind!r} is not one this workspace knows (it knows: {names})."


def normalise(value: str, kind: str, kinds: list[IdentifierKind] | None = None) -> str:
    """The identifier as stored: spaces dropped and checked, or ValueError with the rule."""
    compact = "".join(value.split())
    if not compact:
        return ""
    if not kind.strip():
        raise ValueError("An identifier needs its kind (for example NHS number).")
    check = _check_of(kind, kinds)
    if check is IdentifierCheck.MODULUS_11:
        name = kind.strip()
        if len(compact) != 10 or not compact.isascii() or not compact.isdigit():
            raise ValueError(
                f"The {name} must be 10 digits (spaces allowed), for example 943 476 5919."
            )
        if not modulus_11_ok(compact):
            raise ValueError(
                f"{shown(compact)} is not a valid {name}: its last digit does not match the "
                "check digit worked out from the first nine. Check each digit."
            )
        return compact
    return compact.upper()


def shared_identifier(people: Iterable[Any]) -> str | None:
    """The rule broken when two people (different ids) hold one identifier of one kind."""
    seen: dict[tuple[str, str], Any] = {}
    for person in people:
        if not person.consistent_identifier:
            continue
        key = (person.identifier_kind.casefold(), person.consistent_identifier)
        other = seen.setdefault(key, person)
        if other.id != person.id:
            return (
                f"{other.name} and {person.name} have the same "
                f"{person.identifier_kind} ({shown(person.consistent_identifier)}): two "
                "children cannot share one identifier. Check the number."
            )
    return None
