"""The user reads the rules' own sentences: never a library's wording, a type name or a URL."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from models.case import Case, CasePerson, ChronologyEntry
from models.meeting import (
    Action,
    ActionReview,
    AgencyContribution,
    Attendance,
    ChildVoice,
    Decisions,
    Dissent,
    Meeting,
)
from models.messages import describe, problems
from models.reference import ReferenceData
from models.risk import (
    AgencyScaling,
    CseIndicator,
    DangerStatement,
    MapEntry,
    RiskAssessment,
)
from models.sharing import SharingDecision

FORMS: list[type[BaseModel]] = [
    Attendance,
    AgencyContribution,
    SharingDecision,
    ChildVoice,
    DangerStatement,
    MapEntry,
    AgencyScaling,
    CseIndicator,
    RiskAssessment,
    Decisions,
    Dissent,
    Action,
    ActionReview,
    Meeting,
    Case,
    CasePerson,
    ChronologyEntry,
    ReferenceData,
]
FORBIDDEN = re.compile(
    r"pydantic|Input should be|http|\b(int|str|float|bool|dict|list|tuple|bytes|NoneType|None)\b"
    r"|Value error|type=|input_value"
)
VALUES = st.one_of(
    st.text(max_size=30),  # any code point but surrogates: control characters included
    st.text(st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Mn"]), max_size=10),
    st.builds(lambda seed: seed * 50_000, st.text(min_size=1, max_size=2)),  # huge
    st.sampled_from(["", " ", "2026-02-30", "25:99", "x", "-1", "11", "1e9", "yes"]),
    st.none(),
    st.integers(-5, 50),
    st.booleans(),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)

LEFT_OUT = object()


def _check(model: type[BaseModel], data: dict) -> None:
    try:
        model.model_validate(data)
    except ValidationError as exc:
        found = problems(exc, model)
        assert found
        for _loc, text in found:
            assert not FORBIDDEN.search(text), text
            assert not text[0].islower() and text.endswith((".", "?", "!")), text


@pytest.mark.parametrize("model", FORMS, ids=lambda m: m.__name__)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_messages_are_the_rules_own_sentences(model, data):
    # Every field, each given a value or left out.
    typed = {
        name: value
        for name in model.model_fields
        if (value := data.draw(st.one_of(st.just(LEFT_OUT), VALUES))) is not LEFT_OUT
    }
    _check(model, typed)


def test_an_empty_score_says_what_it_needs():
    with pytest.raises(ValidationError) as caught:
        AgencyScaling.model_validate({"agency": "Police", "score": ""})
    assert describe(caught.value, AgencyScaling) == "Score is required: a number from 0 to 10."


def test_a_rule_of_the_record_is_said_as_written():
    with pytest.raises(ValidationError) as caught:
        Attendance.model_validate({"id": "a", "name": "Ann", "status": "deputy"})
    assert describe(caught.value, Attendance) == (
        "A deputy needs the name of the person they stand in for."
    )
    with pytest.raises(ValidationError) as caught:
        Attendance.model_validate({"id": "a", "name": " "})
    assert describe(caught.value, Attendance) == "Name is required: it cannot be left empty."


@pytest.mark.parametrize("name", ["NONE", "º", "str", "line\nbreak"])
def test_an_unknown_field_is_named_as_given(name):
    """A field the record does not have is named as it was given, in quotes: not made into a
    label of ours ("None", or a sentence starting in lower case)."""
    with pytest.raises(ValidationError) as caught:
        AgencyScaling.model_validate({"agency": "Police", "score": 3, name: ""})
    (text,) = [t for _loc, t in problems(caught.value, AgencyScaling)]
    shown = name.replace("\n", "?")
    assert text == f"“{shown}” is not a field of this record."
    assert not FORBIDDEN.search(text.replace(shown, ""))
