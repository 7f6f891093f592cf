"""Withholding from the family: one mechanism for every item of a meeting.

Any item the family may not see (an attendance row naming a source, a contribution, a
sharing decision, a worry, a CSE indicator, an action...) is a `Withholdable`: a flag and
its reason. `hidden_from_family()` is the one question every family output asks — the
family copy, the outcome letter and the room screen's family view — so a new item type
cannot be forgotten by one of them.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, model_validator

from models.base import Record
from models.text import LongText

WITHHELD_REASON_REQUIRED = "Information withheld from the family needs the reason."
# Records made before every withheld item needed its reason still load, saying so.
LEGACY_REASON = "Reason not recorded (withheld before reasons were required)."


class Withholdable(Record):
    """An item of the record that may be withheld from the family, with its reason."""

    # True for the types whose older records could be withheld without a reason.
    reason_field_is_new: ClassVar[bool] = False

    withheld_from_family: bool = Field(
        default=False,
        title="Withheld from the family",
        description="Left out of the family copy, the outcome letter and the room screen's "
        "family view.",
    )
    withheld_reason: LongText = Field(
        default="",
        title="Why it is withheld from the family",
        description="For example: third-party information, a risk to the child or to a "
        "source, a police investigation.",
    )

    @model_validator(mode="after")
    def _withheld_needs_reason(self) -> Withholdable:
        if self.withheld_from_family and not self.withheld_reason.strip():
            if self.reason_field_is_new and "withheld_reason" not in self.model_fields_set:
                # A record of a type that once had no reason field still loads, saying so;
                # a form always sends the field, so an empty reason typed now is refused.
                self.__dict__["withheld_reason"] = LEGACY_REASON
            else:
                raise ValueError(WITHHELD_REASON_REQUIRED)
        return self

    def hidden_from_family(self) -> bool:
        """Whether the family must not see this item (the one rule every output follows)."""
        return self.withheld_from_family


def hidden_from_family(item: object) -> bool:
    """True for an item the family must not see; False for anything not withholdable."""
    return isinstance(item, Withholdable) and item.hidden_from_family()
