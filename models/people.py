"""People and places around a child; both can be linked to several cases."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import Field, ValidationInfo, field_validator, model_validator

from models import identifiers
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
    """A person, the same record in every case they appear in.

    The child's consistent identifier lives here, not on the case: it identifies the child
    in every case (siblings in linked enquiries, a young parent who is a child in her own
    case), and two children must not share one. Forms offer it for child roles only.
    """

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
    identifier_kind: ShortText = Field(
        default="",
        title="Kind of identifier",
        description="The child's consistent identifier (Children Act 2004 s16LC): the NHS "
        "number until regulations set another; other kinds are the workspace's reference data.",
    )
    consistent_identifier: ShortText = Field(
        default="",
        title="Consistent identifier",
        description="For an NHS number, 10 digits (spaces allowed; stored without them), "
        "checked by its check digit.",
    )
    identifier_verified: bool = Field(
        default=False,
        title="Identifier verified",
        description="Checked against a trusted source (e.g. the NHS Personal Demographics "
        "Service), not only copied from a referral.",
    )
    identifier_verified_by: ShortText = Field(
        default="", title="Verified by", description="Who verified it, and how."
    )
    identifier_verified_on: date | None = Field(default=None, title="Verified on")

    @field_validator("identifier_kind")
    @classmethod
    def _known_kind(cls, value: str, info: ValidationInfo) -> str:
        problem = identifiers.kind_problem(value, identifiers.kinds_from(info.context))
        if problem:
            raise ValueError(problem)
        return value.strip()

    @field_validator("consistent_identifier")
    @classmethod
    def _checked(cls, value: str, info: ValidationInfo) -> str:
        kind = info.data.get("identifier_kind")
        if kind is None:  # the kind broke its own rule: that message is enough
            return value
        return identifiers.normalise(value, kind, identifiers.kinds_from(info.context))

    @model_validator(mode="after")
    def _verification(self) -> Person:
        if self.identifier_verified and not self.consistent_identifier:
            raise ValueError("There is no identifier to verify: record it first.")
        if self.identifier_verified and not self.identifier_verified_by.strip():
            raise ValueError("Record who verified the identifier, and how.")
        return self

    def identifier_label(self) -> str:
        """The identifier as people read it, e.g. "NHS number 943 476 5919" ("" if none)."""
        if not self.consistent_identifier:
            return ""
        value = identifiers.shown(self.consistent_identifier, self.identifier_kind)
        return f"{self.identifier_kind} {value}"

    def identifier_text(self) -> str:
        """The identifier and whether it was verified, e.g. "… (verified)"."""
        if not self.consistent_identifier:
            return ""
        return self.identifier_label() + (
            " (verified)" if self.identifier_verified else " (not verified)"
        )


class CasePerson(Person):
    """A person as they stand in one case."""

    role: PersonRole
    relationship: ShortText = ""  # e.g. "mother of Amira", "PC, CSE team"

    def person(self) -> Person:
        # Built from fields this record's own validation has already checked.
        return Person.model_construct(
            **{k: v for k, v in self.__dict__.items() if k not in ("role", "relationship")}
        )


class Place(Record):
    id: Id
    name: RequiredShort
    address: LongText = ""
    kind: ShortText = ""  # home, school, hotspot, venue…
