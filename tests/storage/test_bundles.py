"""Import and export through a real workspace: round trips, all-or-nothing, audit."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from models.bundle import dump_bundle, parse_bundle
from storage import audit, cases
from storage.bundles import export_bundle, import_bundle, read_bundle_file
from storage.demo import demo_cases
from storage.errors import InvalidInput
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE, snapshot_files
from tests.strategies import case_lists


def _export_cases(ws, path):
    export_bundle(ws, path)
    return json.loads(path.read_text())["cases"]


def test_demo_export_import_export_is_identical(workspace, tmp_path):
    for case in demo_cases(6):
        cases.save_case(workspace, case)
    first = _export_cases(workspace, tmp_path / "first.json")
    fresh, _ = Workspace.create(tmp_path / "fresh", "chair", PASSPHRASE)
    with fresh:
        summary = import_bundle(fresh, read_bundle_file(tmp_path / "first.json"))
        assert summary.cases == 6 and summary.meetings == 12
        assert _export_cases(fresh, tmp_path / "second.json") == first
        kinds = [e["action"] for e in audit.events(fresh.conn, 5)]
        assert "bundle.export" in kinds and "bundle.import" in kinds


@given(case_lists())
@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_round_trip_through_workspaces(tmp_path_factory, generated):
    tmp = tmp_path_factory.mktemp("rt")
    (tmp / "in.json").write_bytes(dump_bundle(generated))
    a, _ = Workspace.create(tmp / "a", "chair", PASSPHRASE)
    with a:
        import_bundle(a, read_bundle_file(tmp / "in.json"))
        exported = _export_cases(a, tmp / "out.json")
    assert parse_bundle((tmp / "out.json").read_bytes()).cases == generated
    assert exported == json.loads(dump_bundle(generated))["cases"]


def test_import_is_all_or_nothing(workspace, tmp_path):
    shapes = list(demo_cases(6))
    cases.save_case(workspace, shapes[5])
    (tmp_path / "b.json").write_bytes(dump_bundle(shapes))  # the last one clashes
    before = audit.checkpoint(workspace.conn)
    with pytest.raises(InvalidInput, match=r"cases\[5\]\.id: this workspace already has a case"):
        import_bundle(workspace, read_bundle_file(tmp_path / "b.json"))
    assert [c.id for c in cases.list_cases(workspace)] == [shapes[5].id]
    assert audit.checkpoint(workspace.conn) == before


def test_person_with_other_details_is_refused(workspace, tmp_path):
    shapes = list(demo_cases(6))
    cases.save_case(workspace, shapes[0])
    nowak = shapes[4]
    kyle = next(p for p in nowak.people if p.name == "Kyle Mercer")
    renamed = nowak.model_copy(
        update={
            "people": [
                p if p is not kyle else kyle.model_copy(update={"name": "K. Mercer"})
                for p in nowak.people
            ]
        }
    )
    (tmp_path / "b.json").write_bytes(dump_bundle([renamed]))
    with pytest.raises(InvalidInput, match="already in this workspace with other details"):
        import_bundle(workspace, read_bundle_file(tmp_path / "b.json"))


def test_huge_file_refused_before_reading(workspace, tmp_path, monkeypatch):
    import storage.bundles

    monkeypatch.setattr(storage.bundles, "MAX_BUNDLE_BYTES", 1000)
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 2000)
    with pytest.raises(InvalidInput, match="larger than"):
        read_bundle_file(path)


def test_cli_import_bad_bundle_exit_2_nothing_written(made_workspace, tmp_path):
    from tests.test_cli import cli_import, one_line_error

    folder, _ = made_workspace
    bad = json.loads(dump_bundle(list(demo_cases(2))))
    bad["cases"][1]["meetings"][0]["actions"][0]["due"] = "2026-13-01"
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    before = snapshot_files(folder)
    code, _, err = cli_import(folder, tmp_path / "bad.json")
    assert code == 2
    assert (
        "bad.json: cases[1].meetings[0].actions[0].due: Input should be a valid date"
        in one_line_error(err)
    )
    assert snapshot_files(folder) == before


@pytest.mark.parametrize("clash", ["reference", "meeting"])
def test_a_clash_with_the_workspace_in_a_later_case_is_named(workspace, tmp_path, clash):
    """The ids of the whole bundle are looked up at once: a clash found so is still refused
    with its path, before anything is written."""
    shapes = list(demo_cases(6))
    cases.save_case(workspace, shapes[0])
    later = shapes[3]
    if clash == "reference":
        later = later.model_copy(update={"reference": shapes[0].reference})
        expected = (
            rf"cases\[2\]\.reference: this workspace already has a case {shapes[0].reference!r}"
        )
    else:
        taken = shapes[0].meetings[0].id
        moved = later.meetings[0].model_copy(update={"id": taken})
        later = later.model_copy(update={"meetings": [moved, *later.meetings[1:]]})
        expected = rf"cases\[2\]\.meetings\[0\]\.id: this workspace already has a meeting {taken!r}"
    (tmp_path / "b.json").write_bytes(dump_bundle([shapes[1], shapes[2], later]))
    before = audit.checkpoint(workspace.conn)
    with pytest.raises(InvalidInput, match=expected):
        import_bundle(workspace, read_bundle_file(tmp_path / "b.json"))
    assert [c.id for c in cases.list_cases(workspace)] == [shapes[0].id]
    assert audit.checkpoint(workspace.conn) == before


def test_imported_meetings_have_the_review_rows_their_trigger_makes(workspace):
    """An import makes the review rows of all its meetings at the end, in one go: they are
    the rows the meetings' own trigger makes from the same bodies, and the trigger is there
    again, unchanged, after an import and after a refused one."""
    from storage.review_tables import REVIEW_TABLES as _REVIEW_TABLES

    conn = workspace.conn

    def trigger():
        return conn.execute(
            "SELECT sql FROM sqlite_schema WHERE name = 'meetings_review_insert'"
        ).fetchone()

    def review_rows():
        return {
            t: sorted(map(repr, conn.execute(f"SELECT * FROM {t}").fetchall()))
            for t in _REVIEW_TABLES
        }

    before = trigger()
    shapes = list(demo_cases(12))
    import_bundle(workspace, parse_bundle(dump_bundle(shapes[:10])))
    assert trigger() == before is not None
    imported = review_rows()
    assert len(imported["review_facts"]) == sum(len(c.meetings) for c in shapes[:10])
    assert all(imported.values())
    with workspace.transaction():  # the update trigger makes them again, one meeting at a time
        conn.execute("UPDATE meetings SET body = body")
    assert review_rows() == imported
    with pytest.raises(InvalidInput, match="already has a case"):
        import_bundle(workspace, parse_bundle(dump_bundle(shapes[10:] + shapes[:1])))
    assert trigger() == before and review_rows() == imported
    cases.save_case(workspace, shapes[10])  # a save still makes its rows by the trigger
    assert len(review_rows()["review_facts"]) == len(imported["review_facts"]) + len(
        shapes[10].meetings
    )
