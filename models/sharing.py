"""A decision to share information, or not to, recorded by the seven golden rules."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import Field, ValidationInfo, field_validator, model_validator

from models.base import Id, Moment, Record
from models.fields import declared
from models.text import LongText, RequiredLong, RequiredShort, ShortText
from models.withholding import Withholdable


class SharingOutcome(StrEnum):
    SHARED = "shared"
    NOT_SHARED = "not_shared"


class SharingChecks(Record):
    necessary: bool = False
    proportionate: bool = False
    relevant: bool = False
    adequate: bool = False
    accurate: bool = False
    timely: bool = False
    secure: bool = False


class SharingDecision(Withholdable):
    """One decision to share or not to share; a 'not shared' is recorded as carefully.

    A decision NOT to share is withheld from the family unless the chair releases it, with
    a reason; a decision not to share with the family itself is never released.
    """

    id: Id
    information: RequiredLong
    from_agency: RequiredShort = declared(title="From agency")
    to_whom: RequiredShort = declared(title="To whom")
    decided_at: Moment | None = declared(
        None, title="Decided at", description="As the clock in the room said it."
    )
    purpose: LongText = ""
    lawful_basis: list[ShortText] = Field(default_factory=list, max_length=20)
    consent_sought: bool = False
    consent_given: bool | None = None
    consent_not_sought_reason: LongText = declared("", title="Why consent was not sought")
    outcome: SharingOutcome = declared(title="Decision")
    reasons: LongText = declared(title="Reasons for the decision")
    decided_by: ShortText
    how_sent: ShortText = declared("", title="How it was sent")
    checks: SharingChecks = declared(title="Checks met", default_factory=SharingChecks)
    to_family: bool = Field(
        default=False,
        title="The recipients include the family",
        description="The information was to go to the child's parents or carers.",
    )
    released_to_family: bool = Field(
        default=False,
        title="Released to the family",
        description="The chair releases a decision not to share into the family copy.",
    )
    release_reason: LongText = Field(default="", title="Why the chair releases it")
    # The seven golden rules (information sharing advice for safeguarding practitioners, 2024).
    child_told: bool | None = Field(
        default=None,
        title="The child was told what is shared",
        json_schema_extra={"unset": "not recorded"},  # what a form shows for None
        description="Golden rule 2: engage the child about what is shared, unless unsafe.",
    )
    carers_told: bool | None = Field(
        default=None,
        title="The parents or carers were told what is shared",
        json_schema_extra={"unset": "not recorded"},  # what a form shows for None
        description="Golden rule 2: engage the carers about what is shared, unless unsafe.",
    )
    not_told_reason: LongText = Field(
        default="",
        validate_default=True,
        title="Why the child or carers were not told",
        description="For example: telling them would put the child or another person at risk.",
    )
    do_not_name: list[ShortText] = Field(
        default_factory=list,
        max_length=50,
        title="Do not name: could be harmed if identified",
        description="Golden rule 5. One name per line: the family copy leaves out every item "
        "that names one of them (attendance, contributions, any text), leaving no trace.",
    )
    more_detrimental_to_child: bool = Field(
        default=False,
        title="Not shared: sharing would be more detrimental to the child (CWSA 2026 s4)",
        description="The exception to the duty to share: only for a decision not to share.",
    )
    detriment_explanation: LongText = Field(
        default="",
        validate_default=True,
        title="Why sharing would be more detrimental to the child",
    )
    advice_sought_from: ShortText = Field(
        default="",
        title="Advice sought from",
        description="Golden rule 4: who was asked (e.g. the designated safeguarding lead, "
        "the data protection officer, legal).",
    )
    advice_sought_on: date | None = Field(default=None, title="Advice sought on")

    @model_validator(mode="after")
    def _rules(self) -> SharingDecision:
        if not self.reasons.strip():
            raise ValueError("Record the reasons for the decision, whether shared or not.")
        if not self.decided_by.strip():
            raise ValueError("Record who decided.")
        if self.consent_sought and self.consent_given is None:
            raise ValueError("Consent was sought: record whether it was given.")
        if not self.consent_sought and not self.consent_not_sought_reason.strip():
            raise ValueError("Consent was not sought: record why not.")
        if self.outcome is SharingOutcome.SHARED and not self.lawful_basis:
            raise ValueError("Information shared needs its lawful basis.")
        if self.released_to_family and not self.release_reason.strip():
            raise ValueError("Releasing a decision not to share to the family needs the reason.")
        if self.released_to_family and self.to_family and self.outcome is SharingOutcome.NOT_SHARED:
            raise ValueError(
                "A decision not to share with the family cannot be released to the family."
            )
        self._golden_rules()
        return self

    # Rules about one field each are field validators, so the form shows them beside it.
    @field_validator("not_told_reason")
    @classmethod
    def _why_not_told(cls, value: str, info: ValidationInfo) -> str:
        told = (info.data.get("child_told"), info.data.get("carers_told"))
        if False in told and not value.strip():
            raise ValueError("The child or the carers were not told: record why.")
        return value

    @field_validator("more_detrimental_to_child")
    @classmethod
    def _only_not_shared(cls, value: bool, info: ValidationInfo) -> bool:
        if value and info.data.get("outcome") is SharingOutcome.SHARED:
            raise ValueError(
                "More detrimental to the child is a reason not to share; this decision shares."
            )
        return value

    @field_validator("detriment_explanation")
    @classmethod
    def _explained(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("more_detrimental_to_child") and not value.strip():
            raise ValueError(
                "Sharing would be more detrimental to the child: explain why (CWSA 2026 s4)."
            )
        return value

    def _golden_rules(self) -> None:
        if self.advice_sought_on and not self.advice_sought_from.strip():
            raise ValueError("Advice was sought: record from whom.")
        if any(len(name.strip()) < 2 for name in self.do_not_name):
            raise ValueError("A name not to be given needs at least two letters.")

    def protected_names(self) -> list[str]:
        """The people not to be named in the family copy."""
        return [name.strip() for name in self.do_not_name if name.strip()]

    def hidden_from_family(self) -> bool:
        if self.withheld_from_family:
            return True
        if self.outcome is SharingOutcome.NOT_SHARED:
            return self.to_family or not self.released_to_family
        return False
