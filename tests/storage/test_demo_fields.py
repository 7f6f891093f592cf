"""The demo shows every field bundle version 2 added (issue 11), each as a MASH would record
it: a field the demo lost, or a new field it never showed, fails here."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from pydantic import BaseModel

import resources
from models.bundle import bundle_json_schema
from models.disciplines import missing
from models.identifiers import modulus_11_ok
from models.meeting import HarmContext, Meeting
from models.protected_names import clash_with_children, name_words, names_someone
from models.reference import ReferenceData
from models.sharing import SharingOutcome
from storage.demo import REPEAT_NUMBERS, demo_cases, repeat_number


def _records(node) -> Iterator[BaseModel]:
    """Every record in `node`, nested ones too."""
    if isinstance(node, BaseModel):
        yield node
        for name in type(node).model_fields:
            yield from _records(getattr(node, name))
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from _records(item)


def _added_fields() -> list[tuple[str, str]]:
    """(record, field) of every field bundle version 2 has and version 1 had not. A record new
    in version 2 counts what it adds to the version-1 record it extends (ChildDecisions adds
    `person_id` to Decisions)."""
    v1 = json.loads(resources.path("bundle-v1.schema.json").read_text(encoding="utf-8"))["$defs"]
    v2 = bundle_json_schema()["$defs"]
    added = []
    for record, schema in v2.items():
        fields = set(schema.get("properties", {}))
        old = set(v1.get(record, {}).get("properties", {}))
        if record not in v1:
            subsets = [set(s.get("properties", {})) for s in v1.values()]
            old = max((s for s in subsets if s <= fields), key=len, default=set())
        added += [(record, f) for f in sorted(fields - old)]
    return added


def _shown(value) -> bool:
    if value in (None, "", [], False):
        return False
    return not (isinstance(value, BaseModel) and value == type(value)())


CASES = list(demo_cases(6))
ADDED = _added_fields()


def test_the_version_2_fields_are_found():
    names = {f for _, f in ADDED}
    for field in ("consistent_identifier", "do_not_name", "harm_context", "crime_reference"):
        assert field in names  # the comparison of the two schemas sees the new fields
    assert ("ChildDecisions", "person_id") in ADDED and ("ChildDecisions", "notes") not in ADDED


@pytest.mark.parametrize(("record", "field"), ADDED, ids=[f"{r}.{f}" for r, f in ADDED])
def test_the_demo_shows_each_new_field(record, field):
    records = [r for c in CASES for r in _records(c) if type(r).__name__ == record]
    assert records, f"the demo has no {record}"
    assert any(_shown(getattr(r, field)) for r in records), f"no {record} in the demo has {field}"


def test_every_child_has_a_valid_nhs_number_of_their_own():
    children = [p for c in CASES for p in c.people if p.role.value == "child"]
    numbers = [p.consistent_identifier for p in children]
    assert len(children) == 7 and all(modulus_11_ok(n) for n in numbers)
    assert {p.identifier_kind for p in children} == {"NHS number"}
    assert len(set(numbers)) == len(numbers)
    assert all(n.startswith("999") for n in numbers)  # the NHS test range: nobody real
    unverified = [p.name for p in children if not p.identifier_verified]
    assert len(unverified) == 1  # one from this morning's referral, not yet checked
    for p in children:
        assert p.identifier_verified == bool(p.identifier_verified_by and p.identifier_verified_on)


def test_repeats_give_every_child_their_own_number():
    people = {p.id: p for c in demo_cases(6 * 4) for p in c.people if p.consistent_identifier}
    numbers = [p.consistent_identifier for p in people.values()]
    assert len(numbers) == 4 * 8 and len(set(numbers)) == len(numbers)
    assert all(modulus_11_ok(n) for n in numbers)
    assert repeat_number(0) < min(numbers[:8])  # below the file's own numbers
    last = [repeat_number(REPEAT_NUMBERS - 1 - i) for i in range(9)]
    assert len(set(last)) == 9 and all(modulus_11_ok(n) for n in last)
    with pytest.raises(ValueError):
        repeat_number(REPEAT_NUMBERS)


def _meeting(meeting_id: str) -> tuple[object, Meeting]:
    return next((c, m) for c in CASES for m in c.meetings if m.id == meeting_id)


def test_amiras_strategy_discussion_records_the_police_plans_and_what_the_family_is_told():
    case, m = _meeting("g1-m5")
    assert case.reference.endswith("-000001") and "strategy" in m.type.casefold()
    assert set(m.harm_context) == {HarmContext.OUTSIDE_HOME, HarmContext.ONLINE}
    s = m.strategy
    assert s.police.officer_in_charge and s.police.crime_reference and s.police.abe_planned
    assert s.police.withheld_from_family and s.police.withheld_reason  # withheld by default
    assert s.contingency.plan and s.contingency.withheld_from_family
    assert s.family_told and s.family_told_by and s.family_told_when
    assert s.not_told.what and s.not_told.why and s.not_told.hidden_from_family()
    assert [r.kind for r in s.referrals] == ["National Referral Mechanism (NRM)"]
    assert not s.referrals[0].hidden_from_family()
    roles = {a.role for c in CASES for mt in c.meetings for a in mt.attendance}
    assert {"Lead practitioner", "Lead child protection practitioner"} <= roles
    assert set(ReferenceData().attendance_roles) >= {
        "Lead practitioner",
        "Lead child protection practitioner",
    }
    harm = {h for c in CASES for mt in c.meetings for h in mt.harm_context}
    assert harm == set(HarmContext)


def test_the_golden_rules_in_full_a_person_not_to_be_named_and_a_decision_more_detrimental():
    case, m = _meeting("g1-m5")
    named = [d for d in m.sharing_decisions if d.do_not_name]
    assert len(named) == 1
    d = named[0]
    assert d.child_told is False and d.carers_told is True and d.not_told_reason
    assert d.advice_sought_from and d.advice_sought_on
    children = [p.name for p in case.children()]
    assert clash_with_children([d], children) is None
    words = name_words(d.protected_names())
    others = [c for c in m.contributions if names_someone(c, words)]
    assert others, "the person not to be named is named in an item the family copy leaves out"
    detrimental = [
        x
        for c in CASES
        for mt in c.meetings
        for x in mt.sharing_decisions
        if x.more_detrimental_to_child
    ]
    assert detrimental and all(x.outcome is SharingOutcome.NOT_SHARED for x in detrimental)
    assert all(x.detriment_explanation.strip() for x in detrimental)


def test_two_children_have_their_own_decisions():
    case, m = _meeting("g1-m87")
    children = {p.id for p in case.children()}
    assert len(children) == 2 and {d.person_id for d in m.child_decisions} == children
    first, second = m.child_decisions
    assert first.section_47 != second.section_47


def test_a_discipline_absent_says_why():
    reference = ReferenceData()
    absent = [
        (m, gone)
        for c in CASES
        for m in c.meetings
        if m.attendance
        and (
            gone := missing(
                [a.agency for a in m.attendance if a.status.value in ("present", "deputy")],
                reference.agency_disciplines,
                m.type,
            )
        )
    ]
    assert absent, "no demo meeting lacks a discipline"
    for meeting, gone in absent:
        assert meeting.disciplines_absent_reason.strip(), (meeting.id, gone)
