"""What a strategy discussion records beyond other meetings (Working Together 2023).

Every field is optional. The police specifics and the contingency plan are withheld from the
family by default: a crime reference, the officer in charge, or when the child will be
interviewed or examined, read by a parent who may be the alleged abuser, can compromise the
investigation and put the child at risk; the chair may release them, saying why. What the
family will NOT be told is never in the family copy.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field

from models.base import Record
from models.fields import declared
from models.text import LongText, RequiredShort, ShortText
from models.withholding import Withholdable

POLICE_REASON = (
    "Police investigation details: disclosing them could compromise the investigation "
    "(withheld by default)."
)
CONTINGENCY_REASON = (
    "The contingency plan says what the services will do if the child is not safe; telling "
    "the family could put the child at risk (withheld by default)."
)


class PoliceInvestigation(Withholdable):
    """The police specifics, withheld from the family unless the chair releases them."""

    officer_in_charge: ShortText = declared("", title="Officer in charge")
    crime_reference: ShortText = declared("", title="Crime reference")
    abe_planned: bool | None = declared(
        None,
        title="ABE interview planned",
        description="Achieving Best Evidence: a video-recorded interview of the child.",
    )
    abe_when: ShortText = declared("", title="ABE interview: when")
    abe_by: ShortText = declared("", title="ABE interview: by whom")
    medical_examination: bool | None = declared(None, title="Medical examination")
    medical_details: ShortText = declared("", title="Medical examination: when, where, by whom")
    withheld_from_family: bool = Field(default=True, title="Withheld from the family")
    withheld_reason: LongText = Field(
        default=POLICE_REASON, title="Why it is withheld from the family"
    )


class ContingencyPlan(Withholdable):
    plan: LongText = declared(
        "",
        title="Contingency plan",
        description="What happens if the plan fails or the child is not safe.",
    )
    withheld_from_family: bool = Field(default=True, title="Withheld from the family")
    withheld_reason: LongText = Field(
        default=CONTINGENCY_REASON, title="Why it is withheld from the family"
    )


class NotTold(Withholdable):
    """What the family will not be told, and why: never in the family copy."""

    form_hidden: ClassVar[frozenset[str]] = frozenset({"withheld_from_family", "withheld_reason"})

    what: LongText = declared("", title="What the family will not be told")
    why: LongText = declared("", title="Why not")
    withheld_from_family: bool = Field(default=True, title="Withheld from the family")
    withheld_reason: LongText = Field(
        default="What the family is not told is never in the family copy.",
        title="Why it is withheld from the family",
    )

    def hidden_from_family(self) -> bool:
        return True


class Referral(Withholdable):
    kind: RequiredShort = declared(
        title="Referral to",
        description="For example the National Referral Mechanism (NRM) or Channel.",
    )
    made_on: date | None = declared(None, title="Date referred")
    by_whom: ShortText = declared("", title="Referred by")
    note: ShortText = declared("", title="Note")


class StrategyDetails(Record):
    """The strategy discussion's own decisions and plans."""

    police: PoliceInvestigation = declared(
        default_factory=PoliceInvestigation, title="Police investigation"
    )
    s47_lead: ShortText = declared(
        "",
        title="Section 47 enquiry: lead practitioner",
        description="A social worker (Working Together 2023).",
    )
    s47_timescale: ShortText = declared("", title="Section 47 enquiry: timescale")
    contingency: ContingencyPlan = declared(default_factory=ContingencyPlan, title="Contingency")
    family_told: LongText = declared("", title="What the family will be told")
    family_told_by: ShortText = declared("", title="Who tells the family")
    family_told_when: ShortText = declared("", title="When the family is told")
    not_told: NotTold = declared(default_factory=NotTold, title="Kept from the family")
    referrals: list[Referral] = declared(default_factory=list, title="Referrals", max_length=50)

    def is_blank(self) -> bool:
        return self == StrategyDetails()
