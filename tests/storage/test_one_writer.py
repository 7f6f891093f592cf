"""One writer: a lock while open, a second opener reads only, and no silent overwrite."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from models.minutes import Variant
from storage import cases, records
from storage.bundles import export_bundle, import_bundle, read_bundle_file
from storage.connection import open_keyed
from storage.errors import ChangedElsewhere, WorkspaceReadOnly
from storage.keyslots import KeySlots
from storage.lock import WAIT_SECONDS
from storage.minutes import draft_pdf
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE, snapshot_files

ROOT = Path(__file__).resolve().parents[2]


def test_a_second_opener_reads_only_and_says_why(demo_folder, tmp_path):
    with Workspace.open(demo_folder, "chair", PASSPHRASE) as first:
        assert first.read_only is None
        second = Workspace.open(demo_folder, "chair", PASSPHRASE, read_only_if_locked=True)
        with second:
            assert "open in another Caseroom window" in second.read_only
            case_id = records.case_ids(second.conn)[0]
            case = cases.open_case(second, case_id)  # reading (and its audit event) works
            assert draft_pdf(second, case.meetings[0].id, Variant.FAMILY).startswith(b"%PDF")
            with pytest.raises(WorkspaceReadOnly, match="to read only"):
                cases.save_case(second, case.model_copy(update={"allocated_worker": "x"}))
        # The first keeps writing.
        cases.save_case(first, case.model_copy(update={"allocated_worker": "first"}))
    # Once the first has closed, the next opener writes again.
    with Workspace.open(demo_folder, "chair", PASSPHRASE) as again:
        assert again.read_only is None


def _data_files(folder):
    """The files that hold data (not SQLite's shared-memory index, live while the app is open)."""
    return {k: v for k, v in snapshot_files(folder).items() if not k.endswith("-shm")}


def test_a_command_that_writes_waits_then_says_busy(demo_folder, tmp_path):
    with Workspace.open(demo_folder, "chair", PASSPHRASE) as app:
        export_bundle(app, tmp_path / "cases.json")
        bundle_path = tmp_path / "none.json"
        bundle_path.write_text('{"format": "caseroom-bundle", "version": 1, "cases": []}')
        before = _data_files(demo_folder)
        started = time.monotonic()
        result = subprocess.run(
            [
                *(sys.executable, str(ROOT / "main.py"), "import", "-w", str(demo_folder)),
                *("--user", "chair", "--passphrase-stdin", str(bundle_path)),
            ],
            input=PASSPHRASE + "\n",
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
        )
        assert result.returncode == 2
        assert result.stderr.strip().count("\n") == 0 and "busy" in result.stderr
        assert time.monotonic() - started >= WAIT_SECONDS  # it waited before giving up
        assert _data_files(demo_folder) == before
        import_bundle(app, read_bundle_file(bundle_path))  # the app itself carries on


def test_the_lock_dies_with_its_process(demo_folder):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; sys.path.insert(0, '.'); import storage;"
            "from storage.workspace import Workspace;"
            f"ws = Workspace.open({str(demo_folder)!r}, 'chair', {PASSPHRASE!r});"
            "print('open', flush=True); time.sleep(60)",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with Workspace.open(demo_folder, "chair", PASSPHRASE, read_only_if_locked=True) as ws:
            assert ws.read_only  # held by the other process
    finally:
        holder.kill()
        holder.wait()
    with Workspace.open(demo_folder, "chair", PASSPHRASE) as ws:  # no stale lock left
        assert ws.read_only is None


def _elsewhere(folder: Path, case_id: str, worker: str) -> None:
    """Another program changes the case (straight through a keyed connection)."""
    from storage import records as rows

    conn = open_keyed(folder / "caseroom.db", KeySlots.load(folder).unlock("chair", PASSPHRASE))
    try:
        conn.execute("BEGIN IMMEDIATE")
        case = rows.load_case(conn, case_id)
        rows.store_case(
            conn, case.model_copy(update={"allocated_worker": worker}), rows.load_reference(conn)
        )
        conn.execute("COMMIT")
    finally:
        conn.close()


def test_a_save_against_an_older_revision_is_refused(demo_folder):
    with Workspace.open(demo_folder, "chair", PASSPHRASE) as ws:
        case_id = records.case_ids(ws.conn)[0]
        opened = cases.open_case(ws, case_id)
        _elsewhere(demo_folder, case_id, "Saved elsewhere")
        typed = opened.model_copy(update={"allocated_worker": "Typed here"})
        with pytest.raises(ChangedElsewhere, match="changed elsewhere since you opened it"):
            cases.save_case(ws, typed)
        assert records.load_case(ws.conn, case_id).allocated_worker == "Saved elsewhere"
        # Reloading, then saving again, works.
        cases.open_case(ws, case_id)
        cases.save_case(ws, typed)
        assert records.load_case(ws.conn, case_id).allocated_worker == "Typed here"


def test_a_meeting_save_against_an_older_revision_is_refused(demo_folder):
    with Workspace.open(demo_folder, "chair", PASSPHRASE) as ws:
        case_id = records.case_ids(ws.conn)[0]
        case = cases.open_case(ws, case_id)
        meeting = case.meetings[0]
        _, meeting = cases.open_meeting(ws, meeting.id)
        # Another program saves this very meeting.
        conn = open_keyed(
            demo_folder / "caseroom.db", KeySlots.load(demo_folder).unlock("chair", PASSPHRASE)
        )
        conn.execute("BEGIN IMMEDIATE")
        elsewhere = case.model_copy(
            update={
                "meetings": [
                    m.model_copy(update={"venue": "Elsewhere"}) if m.id == meeting.id else m
                    for m in case.meetings
                ]
            }
        )
        records.store_case(conn, elsewhere, records.load_reference(conn))
        conn.execute("COMMIT")
        conn.close()
        with pytest.raises(ChangedElsewhere, match="meeting was changed elsewhere"):
            cases.save_meeting(ws, case_id, meeting.model_copy(update={"venue": "Here"}))
        assert records.load_meeting(ws.conn, meeting.id)[1].venue == "Elsewhere"


def test_own_saves_never_count_as_elsewhere(demo_folder):
    with Workspace.open(demo_folder, "chair", PASSPHRASE) as ws:
        case = next(
            c
            for c in map(lambda i: records.load_case(ws.conn, i), records.case_ids(ws.conn))
            if len(c.meetings) >= 2
            and all(m.status.value not in ("signed", "amended") for m in c.meetings[:2])
        )
        case_id = case.id
        case = cases.open_case(ws, case_id)
        first, second = case.meetings[0], case.meetings[1]
        cases.save_meeting(ws, case_id, first.model_copy(update={"venue": "Room 1"}))
        cases.save_meeting(ws, case_id, second.model_copy(update={"venue": "Room 2"}))
        cases.save_meeting(ws, case_id, first.model_copy(update={"venue": "Room 3"}))
        fresh = cases.open_case(ws, case_id)
        cases.save_case(ws, fresh.model_copy(update={"allocated_worker": "Me"}))
