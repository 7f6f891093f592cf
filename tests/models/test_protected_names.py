"""Golden rule 5: which text names a person not to be named."""

from __future__ import annotations

from datetime import date

import pytest

from models.meeting import AgencyContribution
from models.protected_names import clash_with_children, name_words, names_someone
from models.sharing import SharingDecision
from tests.family_meeting import police_sharing


def _decision(*names: str) -> SharingDecision:
    return police_sharing(do_not_name=list(names))


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Mrs Okonjo heard shouting", True),  # the surname alone
        ("ruth said so", True),  # any case
        ("Ruth's account", True),
        ("Rüth Okonjo", True),  # accents ignored
        ("Truthfully, nobody saw", False),  # a whole word only
        ("The neighbour called", False),
    ],
)
def test_any_word_of_the_name_as_a_whole_word(text, named):
    words = name_words(["Ruth Okonjo"])
    assert names_someone(text, words) is named
    item = AgencyContribution(id="c1", agency="Police", given_by=text, text="Seen on Friday.")
    assert names_someone(item, words) is named  # through every field of an item


def test_a_name_cannot_share_a_word_with_the_childs_name():
    assert clash_with_children([_decision("Ruth Okonjo")], ["Amira Haddad"]) is None
    problem = clash_with_children([_decision("Sara Haddad")], ["Amira Haddad"])
    assert problem is not None and "“haddad” is also in the child's name" in problem
    assert clash_with_children([_decision("Sara")], ["Amira Haddad"]) is None


def test_the_golden_rules_of_a_decision():
    with pytest.raises(ValueError, match="at least two letters"):
        _decision("R")
    with pytest.raises(ValueError, match="record from whom"):
        SharingDecision.model_validate(
            _decision().model_dump() | {"advice_sought_on": date(2026, 11, 2)}
        )
    with pytest.raises(ValueError, match="this decision shares"):
        SharingDecision.model_validate(
            _decision().model_dump() | {"more_detrimental_to_child": True}
        )
    # A record made before these fields reads as 'not recorded', never as 'not told'.
    old = _decision().model_dump()
    for name in ("child_told", "carers_told", "not_told_reason", "do_not_name"):
        old.pop(name)
    assert SharingDecision.model_validate(old).child_told is None
