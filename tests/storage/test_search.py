"""Search that stops early: pages, the order of hits, references, short words, the upgrade."""

from __future__ import annotations

import re

import pytest

from models.text import search_form
from storage import cases, migrations, records
from storage.demo import demo_cases
from storage.search import search_page
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE

CASES = 60


@pytest.fixture(scope="module")
def sixty(tmp_path_factory):
    """A workspace of 60 demo cases (ten of each shape), stored in one transaction."""
    folder = tmp_path_factory.mktemp("search") / "ws"
    ws, _ = Workspace.create(folder, "chair", PASSPHRASE, "Dana Chair")
    with ws:
        reference = records.load_reference(ws.conn)
        with ws.transaction():
            for case in demo_cases(CASES):
                records.store_case(ws.conn, case, reference)
    return folder


@pytest.fixture
def ws(sixty, tmp_path):
    import shutil

    shutil.copytree(sixty, tmp_path / "ws")
    with Workspace.open(tmp_path / "ws", "chair", PASSPHRASE) as opened:
        yield opened


def every_page(ws, text, limit, case_id=None):
    pages, after = [], None
    while True:
        page = search_page(ws, text, case_id, limit, after)
        pages.append(page.hits)
        if page.more is None:
            return pages
        after = page.more


def matching_rows(ws, word):
    """Every indexed row with a word starting with `word`, read the slow way."""
    found = []
    for case_id, kind, title, body in ws.conn.execute(
        "SELECT case_id, kind, title, body FROM search_entries"
    ):
        if any(w.startswith(word) for w in re.findall(r"\w+", search_form(f"{title} {body}"))):
            found.append((case_id, kind, title))
    return found


def test_pages_together_hold_every_hit_once_names_first(ws):
    pages = every_page(ws, "Kyle", 7)
    assert len(pages) > 3 and all(len(p) == 7 for p in pages[:-1])
    hits = [(h.case_id, h.kind, h.title) for page in pages for h in page]
    assert sorted(hits) == sorted(matching_rows(ws, "kyle"))  # each once, none left out
    kinds = [h[1] for h in hits]
    names_end = max(i for i, k in enumerate(kinds) if k in ("person", "case"))
    assert names_end < kinds.index("contribution")  # every name before any longer text
    assert cases.search(ws, "Kyle") == every_page(ws, "Kyle", 50)[0]


def test_the_most_recently_saved_case_comes_first(ws):
    oldest = next(demo_cases(1))
    before = cases.search(ws, "Haddad")
    assert before[0].case_id != oldest.id
    cases.save_case(
        ws, cases.open_case(ws, oldest.id).model_copy(update={"allocated_worker": "Sam Ode"})
    )
    assert cases.search(ws, "Haddad")[0].case_id == oldest.id


def test_a_reference_is_answered_from_the_references(ws):
    year = next(demo_cases(1)).reference.split("-")[1]
    exact = cases.search(ws, f"MASH-{year}-000042")
    assert [(h.reference, h.kind) for h in exact] == [(f"MASH-{year}-000042", "case")]
    typed = every_page(ws, f"mash-{year}-00001", 3)  # lower case, cut short, as typed
    refs = [h.reference for page in typed for h in page]
    assert refs == [f"MASH-{year}-{n:06d}" for n in range(10, 20)]
    # A number that begins no reference is searched as words: it is in one reference.
    assert [h.reference for h in cases.search(ws, "000042")] == [f"MASH-{year}-000042"]


def test_one_or_two_letters_search_names_and_references_only(ws):
    for text in ("a", "ha", "zo"):
        hits = cases.search(ws, text)
        assert hits and {h.kind for h in hits} <= {"person", "case"}, text
    assert "Zoë Lefèvre" in {h.title for h in cases.search(ws, "zo")}
    assert "contribution" in {h.kind for h in cases.search(ws, "att")}  # three letters: all


def test_the_current_case_comes_first_and_only_once(ws):
    nowak = list(demo_cases(CASES))[34]
    pages = every_page(ws, "Kyle", 10, case_id=nowak.id)
    hits = [h for page in pages for h in page]
    own = [h for h in hits if h.case_id == nowak.id]
    assert own and hits[: len(own)] == own
    assert len({(h.case_id, h.kind, h.title, h.snippet) for h in hits}) == len(hits)


def test_the_search_tables_of_an_older_workspace_are_upgraded(tmp_path, monkeypatch):
    folder = tmp_path / "old"
    monkeypatch.setattr(
        migrations, "MIGRATIONS", [m for m in migrations.MIGRATIONS if m[0] != "009_search"]
    )
    ws, _ = Workspace.create(folder, "chair", PASSPHRASE, "Dana Chair")
    with ws, ws.transaction():
        ws.conn.execute(
            "INSERT INTO cases (id, reference, status, allocated_worker, children, opened_on,"
            " position, updated_at, body) VALUES ('c1', 'OLD-1', 'open', '', '', '2020-01-01',"
            " 1, '2020-01-01', '{}')"
        )
        ws.conn.execute("INSERT INTO search_rows (rowid, case_id, owner_id) VALUES (7, 'c1', 'c1')")
        ws.conn.execute(
            "INSERT INTO search_index (rowid, title, body, kind, case_id, shown_title, shown_body)"
            " VALUES (7, 'zoe lefevre', 'child', 'person', 'c1', 'Zoë Lefèvre', 'child')"
        )
    monkeypatch.undo()
    with Workspace.open(folder, "chair", PASSPHRASE) as upgraded:
        hits = cases.search(upgraded, "Zoe")
        assert [(h.case_id, h.reference, h.kind, h.title) for h in hits] == [
            ("c1", "OLD-1", "person", "Zoë Lefèvre")
        ]
        tables = {r[0] for r in upgraded.conn.execute("SELECT name FROM sqlite_schema")}
        assert "search_index" not in tables and "search_rows" not in tables


def test_an_import_indexes_every_case_in_one_batch(workspace):
    from models.bundle import dump_bundle, parse_bundle
    from storage.bundles import import_bundle

    bundled = list(demo_cases(12))
    import_bundle(workspace, parse_bundle(dump_bundle(bundled)))
    hits = [(h.case_id, h.kind, h.title) for page in every_page(workspace, "Kyle", 5) for h in page]
    assert sorted(hits) == sorted(matching_rows(workspace, "kyle")) and len(hits) > 5
    last_with_kyle = [c.id for c in bundled if "Kyle" in c.model_dump_json()][-1]
    assert hits[0][0] == last_with_kyle  # the last case imported is the newest
    rowids = [r[0] for r in workspace.conn.execute("SELECT rowid FROM search_entries")]
    assert len(rowids) == len(set(rowids))


def test_what_is_known_of_a_person_is_found_after_names_and_texts(ws):
    hits = [(h.case_id, h.kind, h.title) for page in every_page(ws, "father", 8) for h in page]
    assert sorted(hits) == sorted(matching_rows(ws, "father"))
    people = [i for i, h in enumerate(hits) if h[1] == "person"]
    assert people and hits[people[0]][2] == "Jérôme Lefèvre"  # "Father of Zoë and Théo"
    assert all(h[1] == "person" for h in hits[people[0] :])  # details come last
