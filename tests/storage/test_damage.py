"""A damaged workspace is left exactly as it is: reported, nothing opened, nothing written."""

from __future__ import annotations

import shutil

import pytest

from storage import cases, health
from storage.backup import make_backup, restore_backup
from storage.demo import demo_cases
from storage.errors import DamagedWorkspace, WrongPassphrase
from storage.workspace import DB_NAME, Workspace
from tests.conftest import PASSPHRASE, snapshot_files


def _flip(path, at):
    data = bytearray(path.read_bytes())
    data[at] ^= 0x10
    path.write_bytes(bytes(data))


def _refused(folder, match="damaged", error=DamagedWorkspace):
    before = snapshot_files(folder)
    with pytest.raises(error, match=match):
        Workspace.open(folder, "chair", PASSPHRASE)
    assert snapshot_files(folder) == before


def _crashed_copy(folder, tmp_path):
    """A copy of the workspace taken while a writer had committed work only in the WAL:
    the files a kill -9 leaves behind."""
    ws = Workspace.open(folder, "chair", PASSPHRASE)
    ws.conn.execute("PRAGMA wal_autocheckpoint = 0")
    for case in list(demo_cases(12))[6:]:
        cases.save_case(ws, case)
    copy = tmp_path / "crashed"
    copy.mkdir(mode=0o700)
    for name in ("keyslots.json", DB_NAME, DB_NAME + "-wal"):
        shutil.copy(folder / name, copy / name)
    ws.close()
    return copy


@pytest.mark.parametrize("page", [1, 3, -2])
def test_flipped_byte_in_the_database(demo_folder, page):
    db = demo_folder / DB_NAME
    pages = db.stat().st_size // 4096
    _flip(db, (page % pages) * 4096 + 1000)
    _refused(demo_folder)


def test_message_says_what_to_do(demo_folder):
    _flip(demo_folder / DB_NAME, 3 * 4096 + 7)
    with pytest.raises(DamagedWorkspace) as caught:
        Workspace.open(demo_folder, "chair", PASSPHRASE)
    assert "restore the latest backup" in str(caught.value)
    assert "Nothing was opened or changed" in str(caught.value)


@pytest.mark.parametrize("keep", [4096 * 5, 5000])
def test_truncated_database(demo_folder, keep):
    db = demo_folder / DB_NAME
    db.write_bytes(db.read_bytes()[:keep])
    _refused(demo_folder)


def test_crash_leftover_wal_opens_with_everything(demo_folder, tmp_path):
    copy = _crashed_copy(demo_folder, tmp_path)
    assert health.wal_problem(copy / (DB_NAME + "-wal"))[1] > 3
    with Workspace.open(copy, "chair", PASSPHRASE) as ws:
        assert len(cases.list_cases(ws)) == 12


@pytest.mark.parametrize("frame", [0, 2])
def test_flipped_byte_in_the_wal(demo_folder, tmp_path, frame):
    copy = _crashed_copy(demo_folder, tmp_path)
    _flip(copy / (DB_NAME + "-wal"), 32 + frame * (24 + 4096) + 24 + 500)
    _refused(copy, "write-ahead log is damaged")


def test_flipped_byte_in_the_wal_header(demo_folder, tmp_path):
    copy = _crashed_copy(demo_folder, tmp_path)
    _flip(copy / (DB_NAME + "-wal"), 13)
    _refused(copy, "header is damaged")


def test_keyslots_damage_is_reported_and_kept(demo_folder):
    slots = demo_folder / "keyslots.json"
    text = slots.read_bytes()
    slots.write_bytes(text.replace(b'"slots"', b'"slotz"', 1))
    _refused(demo_folder, "keyslots.json is damaged")
    slots.write_bytes(text[: len(text) // 2])
    _refused(demo_folder, "keyslots.json is damaged")


def test_flipped_bit_in_a_wrapped_key_reads_as_wrong_passphrase(demo_folder):
    # AES-GCM cannot tell a damaged slot from a wrong passphrase; either way nothing changes.
    slots = demo_folder / "keyslots.json"
    text = slots.read_text()
    start = text.index('"private_key": {')
    at = text.index('"ciphertext": "', start) + len('"ciphertext": "') + 3
    slots.write_text(text[:at] + ("A" if text[at] != "A" else "B") + text[at + 1 :])
    _refused(demo_folder, "Wrong passphrase", WrongPassphrase)


def test_damaged_backup_writes_nothing(demo_folder, tmp_path):
    with Workspace.open(demo_folder, "chair", PASSPHRASE) as ws:
        make_backup(ws, tmp_path / "b.tar")
    backup = tmp_path / "b.tar"
    _flip(backup, backup.stat().st_size // 2)
    kept = backup.read_bytes()
    with pytest.raises(DamagedWorkspace):
        restore_backup(backup, tmp_path / "restored", "chair", PASSPHRASE)
    assert backup.read_bytes() == kept
    assert not (tmp_path / "restored").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".caseroom")]


def test_big_workspace_checks_before_its_first_write(demo_folder, monkeypatch):
    monkeypatch.setattr(health, "FULL_CHECK_BYTES", 0)
    # A page no unlock reads: found by the full check that runs before the first write.
    db = demo_folder / DB_NAME
    with Workspace.open(demo_folder, "chair", PASSPHRASE) as ws:
        target = ws.conn.execute(
            "SELECT max(rootpage) FROM sqlite_schema WHERE name = 'search_text_data'"
        ).fetchone()[0]
    _flip(db, (target - 1) * 4096 + 2000)
    before = snapshot_files(demo_folder)
    ws = Workspace.open(demo_folder, "chair", PASSPHRASE)
    try:
        with pytest.raises(DamagedWorkspace), ws.transaction():
            pass
    finally:
        ws.close()
    assert (demo_folder / DB_NAME).read_bytes() == before[DB_NAME]
