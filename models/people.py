"""People and places around a child; both can be linked to several cases."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from models.base import Id, Record
from models.text import LongText, RequiredShort, ShortText


class PersonRole(StrEnum):
    CHILD = "child"
    UNBORN_CHILD = "unborn_child"
    PARENT = "parent"
    CARER = "carer"
    HOUSEHOLD_MEMBER = "household_member"
    ALLEGED_PERPETRATOR = "alleged_perpetrator"
    ASSOCIATE = "associate"
    PROFESSIONAL = "professional"


CHILD_ROLES = {PersonRole.CHILD, PersonRole.UNBORN_CHILD}


class Person(Record):
    id: Id
    name: RequiredShort
    known_as: ShortText = ""
    date_of_birth: date | None = None  # or the expected date, for an unborn child
    gender: ShortText = ""
    ethnicity: ShortText = ""
    first_language: ShortText = ""
    interpreter_needed: bool = False
    disability: ShortText = ""
    school: ShortText = ""
    gp: ShortText = ""
    address: LongText = ""


class CasePerson(Person):
    """A person as they stand in one case."""

    role: PersonRole
    relationship: ShortText = ""  # e.g. "mother of Amira", "PC, CSE team"

    def person(self) -> Person:
        # Built from fields this record's own validation has already checked.
        return Person.model_construct(
            **{k: v for k, v in self if k not in ("role", "relationship")}
        )


class Place(Record):
    id: Id
    name: RequiredShort
    address: LongText = ""
    kind: ShortText = ""  # home, school, hotspot, venue…
