"""A child's consistent identifier in a real workspace: found at once, never shared."""

from __future__ import annotations

import json
from datetime import date

import pytest

from models.bundle import dump_bundle
from models.case import Case
from models.people import CasePerson, PersonRole
from storage import cases
from storage.bundles import import_bundle, read_bundle_file
from storage.errors import InvalidInput
from storage.migrations import MIGRATIONS


def _case(cid: str, *people: CasePerson) -> Case:
    return Case(id=cid, reference=f"REF-{cid}", opened_on=date(2026, 1, 5), people=list(people))


def _child(pid: str, name: str, number: str = "", **more) -> CasePerson:
    return CasePerson(
        id=pid,
        name=name,
        role=PersonRole.CHILD,
        identifier_kind="NHS number" if number else "",
        consistent_identifier=number,
        **more,
    )


def test_the_migration_is_named_and_follows_the_last_shipped():
    names = [name for name, _ in MIGRATIONS]
    assert names.index("007_identifiers") == names.index("006_revisions") + 1


def test_an_exact_identifier_finds_the_child_first(workspace):
    cases.save_case(workspace, _case("c1", _child("p1", "Amira Haddad", "943 476 5919")))
    cases.save_case(workspace, _case("c2", _child("p2", "Noah Bell")))
    # Another case mentions the digits as a word: the child still comes first.
    cases.save_case(workspace, _case("c3", _child("p3", "Zoe 9434765919")))
    for typed in ("943 476 5919", "9434765919", " 943476 5919 "):
        hits = cases.search(workspace, typed)
        assert hits[0].case_id == "c1" and hits[0].title == "Amira Haddad", typed
        assert hits[0].kind == "identifier"
        assert hits[0].snippet == "NHS number 943 476 5919 (not verified)"
    assert [h.case_id for h in cases.search(workspace, "9434765870")] == []


def test_the_lookup_uses_the_index(workspace):
    plan = workspace.reader.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM people WHERE consistent_identifier = ?", ("x",)
    ).fetchall()
    assert "people_identifier" in " ".join(str(row) for row in plan)


def test_a_second_child_with_the_same_identifier_is_refused(workspace):
    cases.save_case(workspace, _case("c1", _child("p1", "Amira Haddad", "9434765919")))
    with pytest.raises(InvalidInput) as caught:
        cases.save_case(workspace, _case("c2", _child("p2", "Noah Bell", "943 476 5919")))
    message = str(caught.value)
    assert "NHS number 943 476 5919 is already the identifier of Amira Haddad (case REF-c1)" in (
        message
    )
    assert "nothing was saved" in message
    assert cases.search(workspace, "Noah") == []  # nothing of the refused case was stored
    # The same child in a second case is one person: allowed.
    cases.save_case(workspace, _case("c3", _child("p1", "Amira Haddad", "9434765919")))
    assert {h.case_id for h in cases.search(workspace, "9434765919")} == {"c1", "c3"}


def test_an_identifier_of_an_unknown_kind_is_refused_on_save(workspace):
    person = CasePerson.model_validate(
        _child("p1", "Amira Haddad").model_dump()
        | {"identifier_kind": "Passport", "consistent_identifier": "X1"}
    )
    with pytest.raises(InvalidInput, match="'Passport' is not one this workspace knows"):
        cases.save_case(workspace, _case("c1", person))


def test_import_refuses_a_duplicate_or_unknown_kind_naming_the_path(workspace, tmp_path):
    cases.save_case(workspace, _case("c1", _child("p1", "Amira Haddad", "9434765919")))
    (tmp_path / "dup.json").write_bytes(
        dump_bundle([_case("c2", _child("p2", "Noah Bell", "9434765919"))])
    )
    with pytest.raises(InvalidInput) as caught:
        import_bundle(workspace, read_bundle_file(tmp_path / "dup.json"))
    assert str(caught.value).startswith("cases[0].people[0].consistent_identifier: NHS number")
    raw = json.loads(dump_bundle([_case("c3", _child("p3", "Ivy Long"))]))
    raw["cases"][0]["people"][0] |= {"identifier_kind": "Passport", "consistent_identifier": "X"}
    (tmp_path / "kind.json").write_text(json.dumps(raw))
    with pytest.raises(InvalidInput) as caught:
        import_bundle(workspace, read_bundle_file(tmp_path / "kind.json"))
    assert str(caught.value).startswith(
        "cases[0].people[0].identifier_kind: Identifier kind 'Passport' is not one"
    )
    assert cases.search(workspace, "Ivy") == [] and cases.search(workspace, "Noah") == []


def test_a_name_not_to_be_given_may_not_share_the_childs_surname(workspace):
    from models.meeting import Meeting
    from tests.family_meeting import police_sharing

    cases.save_case(workspace, _case("c1", _child("p1", "Amira Haddad")))
    decision = police_sharing(
        information="The aunt's account",
        consent_not_sought_reason="Risk to the aunt",
        do_not_name=["Sara Haddad"],
    )
    meeting = Meeting(
        id="m1", type="Strategy meeting", date=date(2026, 11, 20), sharing_decisions=[decision]
    )
    with pytest.raises(InvalidInput, match="is also in the child's name"):
        cases.save_meeting(workspace, "c1", meeting)
    decision = decision.model_copy(update={"do_not_name": ["Sara"]})
    cases.save_meeting(
        workspace, "c1", meeting.model_copy(update={"sharing_decisions": [decision]})
    )
    assert cases.open_meeting(workspace, "m1")[1].sharing_decisions[0].do_not_name == ["Sara"]


def test_cli_import_of_a_wrong_check_digit_is_one_line_and_writes_nothing(made_workspace, tmp_path):
    from tests.conftest import snapshot_files
    from tests.test_cli import cli_import, one_line_error

    folder, _ = made_workspace
    raw = json.loads(dump_bundle([_case("c1", _child("p1", "Amira Haddad", "9434765919"))]))
    raw["cases"][0]["people"][0]["consistent_identifier"] = "943 476 5918"
    (tmp_path / "bad.json").write_text(json.dumps(raw))
    before = snapshot_files(folder)
    code, _, err = cli_import(folder, tmp_path / "bad.json")
    assert code == 2
    assert one_line_error(err) == (
        "caseroom: bad.json: cases[0].people[0].consistent_identifier: 943 476 5918 is not a "
        "valid NHS "
        "number: its last digit does not match the check digit worked out from the first nine. "
        "Check each digit."
    )
    assert snapshot_files(folder) == before


def test_import_checks_an_identifier_again_with_the_workspaces_own_check(workspace, tmp_path):
    """A kind the bundle's reading did not know (so any text passed) that this workspace
    checks as 10 digits: refused with the workspace's rule and the path; a kind both accept
    is imported unchanged."""
    from models.identifiers import IdentifierCheck, IdentifierKind
    from storage import records

    with workspace.transaction():
        reference = records.load_reference(workspace.conn)
        reference.identifier_kinds = [
            *reference.identifier_kinds,
            IdentifierKind(name="Local ID", check=IdentifierCheck.MODULUS_11),
            IdentifierKind(name="Council ref", check=IdentifierCheck.NONE),
        ]
        records.store_reference(workspace.conn, reference)
    raw = json.loads(dump_bundle([_case("c3", _child("p3", "Ivy Long"))]))
    raw["cases"][0]["people"][0] |= {"identifier_kind": "Local ID", "consistent_identifier": "AB12"}
    (tmp_path / "local.json").write_text(json.dumps(raw))
    with pytest.raises(InvalidInput) as caught:
        import_bundle(workspace, read_bundle_file(tmp_path / "local.json"))
    assert str(caught.value) == (
        "cases[0].people[0].consistent_identifier: The Local ID must be 10 digits (spaces "
        "allowed), for example 943 476 5919. Nothing was imported."
    )
    assert cases.search(workspace, "Ivy") == []
    raw["cases"][0]["people"][0] |= {
        "identifier_kind": "Council ref",
        "consistent_identifier": "ab 12",
    }
    (tmp_path / "council.json").write_text(json.dumps(raw))
    import_bundle(workspace, read_bundle_file(tmp_path / "council.json"))
    assert [h.case_id for h in cases.search(workspace, "AB12")] == ["c3"]
