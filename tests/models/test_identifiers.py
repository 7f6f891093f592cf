"""A child's consistent identifier: the NHS number's check digit, kinds, one child each."""

from __future__ import annotations

import json
from datetime import date

import pytest
from pydantic import ValidationError

from models.bundle import BundleError, dump_bundle, parse_bundle
from models.case import Case
from models.identifiers import modulus_11_ok
from models.messages import problems
from models.people import CasePerson, PersonRole
from models.reference import ReferenceData

VALID = ["943 476 5919", "9434765870", "401 023 2137", "123 456 7881"]
INVALID = ["943 476 5918", "9434765910", "123 456 7890", "000 000 0001"]


def child(identifier: str = "", kind: str = "NHS number", pid: str = "p1", **more) -> CasePerson:
    return CasePerson(
        id=pid,
        name=f"Child {pid}",
        role=PersonRole.CHILD,
        identifier_kind=kind,
        consistent_identifier=identifier,
        **more,
    )


@pytest.mark.parametrize("number", VALID)
def test_valid_nhs_numbers_are_stored_without_spaces(number):
    person = child(number)
    digits = number.replace(" ", "")
    assert person.consistent_identifier == digits
    assert person.identifier_label() == f"NHS number {digits[:3]} {digits[3:6]} {digits[6:]}"


@pytest.mark.parametrize("number", INVALID)
def test_a_wrong_check_digit_is_refused_in_the_rules_words(number):
    assert not modulus_11_ok(number.replace(" ", ""))
    with pytest.raises(ValidationError) as caught:
        child(number)
    [(where, text)] = problems(caught.value, CasePerson)
    assert where == ("consistent_identifier",)
    assert "is not a valid NHS number" in text and "check digit" in text


def test_a_check_digit_of_ten_is_never_valid():
    # 123 456 789's nine digits give a check digit of 10: no tenth digit makes it valid.
    total = sum(int(d) * w for d, w in zip("123456789", range(10, 1, -1), strict=True))
    assert 11 - total % 11 == 10
    assert not any(modulus_11_ok(f"123456789{d}") for d in range(10))


@pytest.mark.parametrize("typed", ["12345", "943 476 59190", "943-476-5919", "94347659１9"])
def test_an_nhs_number_is_ten_digits(typed):
    with pytest.raises(ValidationError, match="must be 10 digits"):
        child(typed)


def test_an_identifier_needs_its_kind_and_verification_needs_who():
    with pytest.raises(ValidationError, match="needs its kind"):
        child("943 476 5919", kind="")
    with pytest.raises(ValidationError, match="who verified"):
        child("943 476 5919", identifier_verified=True)
    with pytest.raises(ValidationError, match="no identifier to verify"):
        child("", identifier_verified=True, identifier_verified_by="PDS")
    done = child(
        "9434765919",
        identifier_verified=True,
        identifier_verified_by="Sam Lee, PDS check",
        identifier_verified_on=date(2026, 11, 2),
    )
    assert done.identifier_text() == "NHS number 943 476 5919 (verified)"


def test_an_unknown_kind_is_refused_against_the_workspace_kinds_only():
    data = child().model_dump() | {"identifier_kind": "Passport", "consistent_identifier": "x12"}
    context = ReferenceData().identifier_context()
    with pytest.raises(ValidationError) as caught:
        CasePerson.model_validate(data, context=context)
    [(where, text)] = problems(caught.value, CasePerson)
    assert where == ("identifier_kind",) and "'Passport' is not one this workspace knows" in text
    # A record read back (no workspace list) still loads: a kind an admin removed stays.
    assert CasePerson.model_validate(data).consistent_identifier == "X12"
    # Another kind an admin added is checked by the check the admin chose.
    reference = ReferenceData.model_validate(
        {"identifier_kinds": [{"name": "Local child number", "check": "none"}]}
    )
    local = data | {"identifier_kind": "Local child number", "consistent_identifier": "lc 77"}
    assert (
        CasePerson.model_validate(
            local, context=reference.identifier_context()
        ).consistent_identifier
        == "LC77"
    )


def _case(*people: CasePerson, cid: str = "c1") -> Case:
    return Case(id=cid, reference=f"REF-{cid}", opened_on=date(2026, 1, 5), people=list(people))


def test_two_children_cannot_share_an_identifier():
    with pytest.raises(ValidationError, match="cannot share one identifier"):
        _case(child("9434765919", pid="p1"), child("943 476 5919", pid="p2"))
    # The same number of another kind is another identifier.
    _case(child("9434765919"), child("9434765919", kind="CHI number (Scotland)", pid="p2"))


def test_a_bundle_names_the_path_and_the_rule():
    raw = json.loads(dump_bundle([_case(child("9434765919"))]))
    raw["cases"][0]["people"][0]["consistent_identifier"] = "9434765918"
    with pytest.raises(BundleError) as caught:
        parse_bundle(json.dumps(raw).encode())
    message = str(caught.value)
    assert message.startswith("cases[0].people[0].consistent_identifier: ")
    assert "943 476 5918 is not a valid NHS number" in message and "\n" not in message
    first = json.loads(dump_bundle([_case(child("9434765919"))]))
    second = json.loads(dump_bundle([_case(child("9434765919", pid="p2"), cid="c2")]))
    first["cases"] += second["cases"]
    with pytest.raises(BundleError, match="cannot share one identifier"):
        parse_bundle(json.dumps(first).encode())


def test_the_identifier_is_in_every_bundle():
    raw = json.loads(dump_bundle([_case(child("943 476 5919"))]))
    assert raw["cases"][0]["people"][0]["consistent_identifier"] == "9434765919"
    assert parse_bundle(dump_bundle([_case(child("943 476 5919"))])).cases[0].people[0] == child(
        "9434765919"
    )
