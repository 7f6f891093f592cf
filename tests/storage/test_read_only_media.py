"""A workspace on read-only media opens to read only: reading works, every change says why.

The media is a real read-only file system (tests/read_only_media.py), so the workspace is
detected the way the app detects it, and SQLite meets the same refusals it would meet on a
write-protected stick or a folder the user may only read.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from models.minutes import Variant
from storage import cases, records
from storage.bundles import export_bundle, read_bundle_file
from storage.connection import open_keyed
from storage.demo import demo_cases
from storage.errors import WorkspaceReadOnly
from storage.keyslots import KeySlots
from storage.minutes import draft_pdf, export_minutes
from storage.read_only import READ_ONLY_MEDIA_REASON, on_read_only_media
from storage.workspace import DB_NAME, Workspace
from tests.conftest import PASSPHRASE, snapshot_files
from tests.read_only_media import read_only_media

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def media(demo_folder, tmp_path):
    """The demo workspace, closed cleanly, copied onto read-only media."""
    with read_only_media(
        tmp_path / "media", lambda at: shutil.copytree(demo_folder, at / "ws")
    ) as at:
        yield at / "ws"


def test_it_opens_to_read_only_and_reading_works(media, tmp_path):
    before = snapshot_files(media)
    assert on_read_only_media(media / DB_NAME)  # the file system's own answer, to root as well
    with Workspace.open(media, "chair", PASSPHRASE, read_only_if_locked=True) as ws:
        assert ws.read_only == READ_ONLY_MEDIA_REASON
        case_id = records.case_ids(ws.conn)[0]
        case = cases.open_case(ws, case_id)
        meeting = case.meetings[0]
        assert draft_pdf(ws, meeting.id, Variant.FAMILY).startswith(b"%PDF")
        out = tmp_path / "minutes.pdf"
        export_minutes(ws, meeting.id, Variant.PROFESSIONAL, out)
        assert out.read_bytes().startswith(b"%PDF")
        assert export_bundle(ws, tmp_path / "cases.json") == 6
        assert len(read_bundle_file(tmp_path / "cases.json").cases) == 6
        with ws.for_thread() as worker:  # a worker's own connection reads too
            assert records.load_case(worker.conn, case_id) == records.load_case(ws.conn, case_id)
        assert ws.verify_audit().ok
        with pytest.raises(WorkspaceReadOnly, match="read-only media"):
            cases.save_case(ws, case.model_copy(update={"allocated_worker": "x"}))
        with pytest.raises(WorkspaceReadOnly, match="read-only media"):
            cases.save_case(ws, next(iter(demo_cases(12))).model_copy(update={"id": "new-one"}))
        # Even a change that skips the use case's own check is refused in the same words.
        with pytest.raises(WorkspaceReadOnly, match="read-only media"), ws.transaction():
            ws.conn.execute("INSERT INTO meta (key, value) VALUES ('x', 'y')")
    assert snapshot_files(media) == before


def test_opening_to_write_is_refused_at_once(media):
    with pytest.raises(WorkspaceReadOnly, match="Nothing was changed"):
        Workspace.open(media, "chair", PASSPHRASE)


def test_a_wal_waiting_with_its_index_is_read(demo_folder, tmp_path):
    """A copy taken while a writer had work only in the WAL, its -shm beside it: read whole."""
    slots = KeySlots.load(demo_folder)
    key = slots.db_keys(slots.open_user("chair", PASSPHRASE))[0]
    live = open_keyed(demo_folder / DB_NAME, key)
    live.execute("PRAGMA wal_autocheckpoint = 0")
    live.execute("INSERT INTO meta (key, value) VALUES ('late', 'in the wal')")
    try:
        with (
            read_only_media(
                tmp_path / "media", lambda at: shutil.copytree(demo_folder, at / "ws")
            ) as at,
            Workspace.open(at / "ws", "chair", PASSPHRASE, read_only_if_locked=True) as ws,
        ):
            row = ws.conn.execute("SELECT value FROM meta WHERE key = 'late'").fetchone()
            assert row == ("in the wal",)
    finally:
        live.close()


def test_a_wal_waiting_without_its_index_is_refused_not_misread(demo_folder, tmp_path):
    slots = KeySlots.load(demo_folder)
    key = slots.db_keys(slots.open_user("chair", PASSPHRASE))[0]
    live = open_keyed(demo_folder / DB_NAME, key)
    live.execute("PRAGMA wal_autocheckpoint = 0")
    live.execute("INSERT INTO meta (key, value) VALUES ('late', 'in the wal')")

    def fill(at: Path) -> None:
        shutil.copytree(demo_folder, at / "ws", ignore=shutil.ignore_patterns("*-shm"))

    try:
        with (
            read_only_media(tmp_path / "media", fill) as at,
            pytest.raises(WorkspaceReadOnly, match="was not closed properly"),
        ):
            Workspace.open(at / "ws", "chair", PASSPHRASE, read_only_if_locked=True)
    finally:
        live.close()


def _cli(
    *args: object, stdin: str, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, sys.executable, str(ROOT / "main.py"), *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def test_the_command_line_reads_there_and_refuses_changes_in_one_line(media, tmp_path):
    before = snapshot_files(media)
    who = ("-w", media, "--user", "chair", "--passphrase-stdin")
    with Workspace.open(media, "chair", PASSPHRASE, read_only_if_locked=True) as ws:
        meeting_id = cases.open_case(ws, records.case_ids(ws.conn)[0]).meetings[0].id
    reads = [
        ("export", *who, "--all", "--out", tmp_path / "all.json"),
        (
            "minutes",
            *who,
            "--meeting",
            meeting_id,
            "--variant",
            "family",
            "--out",
            tmp_path / "m.pdf",
        ),
        ("audit", "verify", *who),
    ]
    for args in reads:
        result = _cli(*args, stdin=PASSPHRASE + "\n")
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "m.pdf").read_bytes().startswith(b"%PDF")
    bundle = tmp_path / "none.json"
    bundle.write_text('{"format": "caseroom-bundle", "version": 1, "cases": []}')
    changes = [
        (("import", *who, bundle), PASSPHRASE),
        (("passwd", *who), f"{PASSPHRASE}\nanother long passphrase\nanother long passphrase"),
        (
            (
                *("minutes", *who, "--meeting", meeting_id, "--variant", "family", "--sign"),
                *("--family-checked", "--out", tmp_path / "signed.pdf"),
            ),
            f"{PASSPHRASE}\n{PASSPHRASE}",
        ),
    ]
    for args, stdin in changes:
        result = _cli(*args, stdin=stdin + "\n")
        assert result.returncode == 2, (args[0], result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "read-only media" in lines[0], result.stderr
    assert not (tmp_path / "signed.pdf").exists()
    assert snapshot_files(media) == before


def test_a_folder_the_user_may_only_read(demo_folder, tmp_path):
    """As a user who may read the folder but not write it: root without the capability to
    override permissions (setpriv), so the permission bits bind as they do for anyone."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to drop the permission override")
    as_a_reader = ("setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner")
    reader = {"stdin": PASSPHRASE + "\n", "prefix": as_a_reader}
    demo_folder.chmod(0o500)
    try:
        before = snapshot_files(demo_folder)
        who = ("-w", demo_folder, "--user", "chair", "--passphrase-stdin")
        read = _cli("export", *who, "--all", "--out", tmp_path / "all.json", **reader)
        assert read.returncode == 0, read.stderr
        assert len(read_bundle_file(tmp_path / "all.json").cases) == 6
        bundle = tmp_path / "none.json"
        bundle.write_text('{"format": "caseroom-bundle", "version": 1, "cases": []}')
        write = _cli("import", *who, bundle, **reader)
        assert write.returncode == 2
        lines = write.stderr.strip().splitlines()
        assert len(lines) == 1 and "folder you may not change" in lines[0], write.stderr
        assert snapshot_files(demo_folder) == before
    finally:
        demo_folder.chmod(0o700)
