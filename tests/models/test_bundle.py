"""The bundle parser: round trips, and a corpus of hostile bundles each refused with its path."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.bundle import MAX_DEPTH, BundleError, bundle_json_schema, dump_bundle, parse_bundle
from storage.demo import demo_cases
from tests.strategies import case_lists


@given(case_lists())
@settings(max_examples=60, deadline=None)
def test_dump_then_parse_is_identity(cases):
    assert parse_bundle(dump_bundle(cases)).cases == cases


def _demo_bundle():
    return json.loads(dump_bundle(list(demo_cases(6))))


def _set(data, path, value):
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


_DELETE = object()
A0 = ["cases", 0, "meetings", 0, "actions", 0]
HOSTILE = [
    ("not json", lambda d: b"hello, world", "not JSON"),
    ("truncated", lambda d: json.dumps(d).encode()[:5000], "cut short"),
    ("empty", lambda d: b"", "empty"),
    ("not utf-8", lambda d: b'{"format": "caseroom-bundle", "x": "\xff\xfe"}', "not UTF-8"),
    ("array", lambda d: b"[1, 2]", "must be a JSON object"),
    ("wrong format", lambda d: _set(d, ["format"], "other"), "format: must be 'caseroom-bundle'"),
    ("wrong version", lambda d: _set(d, ["version"], 3), "reads versions 1 and 2, found 3"),
    (
        "wrong type",
        lambda d: _set(d, ["cases", 0, "people", 0, "interpreter_needed"], "yes"),
        "cases[0].people[0].interpreter_needed: Input should be a valid boolean",
    ),
    (
        "number as text",
        lambda d: _set(d, ["cases", 0, "meetings", 0, "risk", "scaling", 0, "score"], "3"),
        "scaling[0].score: Input should be a valid integer",
    ),
    (
        "unknown enum",
        lambda d: _set(d, [*A0, "status"], "finished"),
        "actions[0].status: Input should be 'open'",
    ),
    (
        "impossible date",
        lambda d: _set(d, ["cases", 0, "opened_on"], "2026-02-30"),
        "cases[0].opened_on:",
    ),
    (
        "missing id",
        lambda d: _set(d, ["cases", 0, "meetings", 0, "id"], _DELETE),
        "cases[0].meetings[0].id: Field required",
    ),
    (
        "bad id",
        lambda d: _set(d, ["cases", 0, "id"], "../etc/passwd"),
        "cases[0].id: String should match pattern",
    ),
    (
        "duplicate case id",
        lambda d: _set(d, ["cases", 1, "id"], d["cases"][0]["id"]),
        "case id 'g1-case31' is used twice",
    ),
    (
        "duplicate meeting id",
        lambda d: _set(d, ["cases", 0, "meetings", 1, "id"], d["cases"][0]["meetings"][0]["id"]),
        "meeting id",
    ),
    (
        "duplicate action id",
        lambda d: _set(
            d,
            ["cases", 0, "meetings", 1, "actions", 0, "id"],
            d["cases"][0]["meetings"][0]["actions"][0]["id"],
        ),
        "action id",
    ),
    (
        "unknown person",
        lambda d: _set(d, ["cases", 0, "meetings", 0, "child_voice", 0, "person_id"], "nobody"),
        "names person 'nobody', who is not in this case",
    ),
    (
        "unknown earlier action",
        lambda d: _set(d, ["cases", 0, "meetings", 1, "action_reviews", 0, "action_id"], "ghost"),
        "review of action 'ghost' names no action",
    ),
    (
        "unknown danger",
        lambda d: _set(d, [*A0, "linked_danger_id"], "nope"),
        "links to danger statement 'nope'",
    ),
    (
        "over the limit",
        lambda d: _set(d, [*A0, "what"], "x" * 20_001),
        "actions[0].what: Value error, is 20,001 characters long; the limit is 20,000",
    ),
    (
        "control character",
        lambda d: _set(d, ["cases", 0, "people", 0, "name"], "Amira\x1b[31m"),
        "people[0].name: Value error, contains a control character (U+001B)",
    ),
    (
        "line break in a one-line field",
        lambda d: _set(d, ["cases", 0, "reference"], "A\nB"),
        "must be on one line",
    ),
    (
        "closed without reason",
        lambda d: _set(d, [*A0, "status"], "not_done"),
        "actions[0]: Value error, An action closed without being done needs the reason",
    ),
    (
        "unknown field",
        lambda d: _set(d, ["cases", 0, "secret"], 1),
        "cases[0].secret: Extra inputs are not permitted",
    ),
    (
        "deep nesting",
        lambda d: ("[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5)).encode(),
        "nesting is deeper",
    ),
    (
        "same person, other details",
        lambda d: _set(d, ["cases", 4, "people", 2, "name"], "Someone Else"),
        "appears in several cases with different details",
    ),
]


@pytest.mark.parametrize(("name", "damage", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_bundles_are_refused_with_path_and_rule(name, damage, message):
    raw = damage(_demo_bundle())
    if not isinstance(raw, bytes):
        raw = json.dumps(raw).encode()
    with pytest.raises(BundleError) as refused:
        parse_bundle(raw)
    text = str(refused.value)
    assert "\n" not in text
    assert message.replace("Value error, ", "") in text, text


def test_json_schema_is_generated_from_the_models():
    schema = bundle_json_schema()
    assert schema["properties"]["format"]["const"] == "caseroom-bundle"
    assert (
        "SharingDecision" in schema["$defs"]
        and "withheld_from_family" in schema["$defs"]["AgencyContribution"]["properties"]
    )


def test_published_schema_is_current():
    from pathlib import Path

    published = json.loads(
        (Path(__file__).resolve().parents[2] / "docs" / "bundle.schema.json").read_text()
    )
    assert published == json.loads(json.dumps(bundle_json_schema())), (
        "regenerate docs/bundle.schema.json"
    )


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=30,
)


@given(json_values)
@settings(max_examples=200, deadline=None)
def test_any_json_is_a_bundle_or_a_clear_refusal(value):
    try:
        parse_bundle(json.dumps(value).encode())
    except BundleError as exc:
        assert "\n" not in str(exc) and str(exc)


@given(st.binary(max_size=300))
@settings(max_examples=200, deadline=None)
def test_any_bytes_are_refused_cleanly(raw):
    with pytest.raises(BundleError):
        parse_bundle(raw)


@given(st.sampled_from(["cases", "meetings", "actions", "people"]), st.data())
@settings(max_examples=60, deadline=None)
def test_mutated_demo_bundles_never_crash(section, data):
    bundle = _demo_bundle()
    case = bundle["cases"][data.draw(st.integers(0, 5))]
    target = case if section == "cases" else (case.get(section) or case["meetings"])
    if isinstance(target, list) and target:
        target = target[0]
    key = data.draw(st.sampled_from(sorted(target)))
    target[key] = data.draw(json_values)
    try:
        parse_bundle(json.dumps(bundle).encode())
    except BundleError as exc:
        assert "\n" not in str(exc)
