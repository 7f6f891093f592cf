"""A full disk: said in words, the change rolled back, everything saved before it kept."""

from __future__ import annotations

import errno

import pytest

from storage import atomic, cases, records
from storage.bundles import export_bundle
from storage.errors import DiskFull
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE


@pytest.fixture
def full(demo_folder):
    """An open workspace whose database may not grow by one page (SQLite's max_page_count
    stands in for a full disk: the same SQLITE_FULL)."""
    with Workspace.open(demo_folder, "chair", PASSPHRASE) as ws:
        pages = ws.conn.execute("PRAGMA page_count").fetchone()[0]
        ws.conn.execute(f"PRAGMA max_page_count = {pages}")
        yield ws


def test_a_save_that_does_not_fit_says_the_disk_is_full(full):
    case_id = records.case_ids(full.conn)[0]
    before = records.load_case(full.conn, case_id)
    head = full.checkpoint()
    big = before.model_copy(update={"allocated_worker": "x" * 200})
    entry = before.chronology[0]
    chronology = [
        entry.model_copy(update={"id": f"big-{i}", "event": "y" * 5000}) for i in range(200)
    ]
    with pytest.raises(DiskFull, match="The disk is full"):
        cases.save_case(full, big.model_copy(update={"chronology": chronology}))
    assert records.load_case(full.conn, case_id) == before
    assert full.checkpoint() == head
    assert full.verify_audit().ok
    assert full.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    # Room again: the same workspace carries on.
    full.conn.execute("PRAGMA max_page_count = 1073741823")
    cases.save_case(full, big)
    assert records.load_case(full.conn, case_id).allocated_worker == "x" * 200


def test_a_file_that_does_not_fit_says_so_and_leaves_no_part(demo_folder, tmp_path, monkeypatch):
    def no_room(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", no_room)
    with Workspace.open(demo_folder, "chair", PASSPHRASE) as ws:
        head = ws.checkpoint()
        with pytest.raises(DiskFull, match="The disk is full"):
            export_bundle(ws, tmp_path / "cases.json")
        assert ws.checkpoint() == head  # the export's audit event rolled back with it
    assert [p.name for p in tmp_path.iterdir() if p.name != "ws"] == []
