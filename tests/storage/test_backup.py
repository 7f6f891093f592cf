"""Backups: restorable with the same passphrases, checked whole before anything is written."""

from __future__ import annotations

import io
import tarfile

import pytest

from storage import cases
from storage.backup import make_backup, restore_backup
from storage.demo import demo_cases
from storage.errors import DamagedWorkspace, WorkspaceExists, WrongPassphrase
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE


@pytest.fixture
def backup(workspace, tmp_path):
    for case in demo_cases(6):
        cases.save_case(workspace, case)
    out = tmp_path / "backup.tar"
    make_backup(workspace, out)
    return out, workspace


def test_round_trip_with_the_same_passphrase(backup, tmp_path):
    out, ws = backup
    assert b"Amira" not in out.read_bytes() and b"SQLite format 3" not in out.read_bytes()
    events = restore_backup(out, tmp_path / "restored", "chair", PASSPHRASE)
    assert events > 5
    with Workspace.open(tmp_path / "restored", "chair", PASSPHRASE) as restored:
        assert [c.id for c in cases.list_cases(restored)] == [c.id for c in cases.list_cases(ws)]
        assert restored.verify_audit().ok
    assert (tmp_path / "restored" / "authority.pem").is_file()


def test_wrong_passphrase_writes_nothing(backup, tmp_path):
    out, _ = backup
    with pytest.raises(WrongPassphrase):
        restore_backup(out, tmp_path / "restored", "chair", "not the passphrase")
    assert not (tmp_path / "restored").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".caseroom")] == []


def test_truncated_and_tampered_backups_refused(backup, tmp_path):
    out, _ = backup
    cut = tmp_path / "cut.tar"
    cut.write_bytes(out.read_bytes()[: len(out.read_bytes()) // 2])
    with pytest.raises(DamagedWorkspace, match="not a whole Caseroom backup"):
        restore_backup(cut, tmp_path / "r1", "chair", PASSPHRASE)
    members = {}
    with tarfile.open(out) as archive:
        for m in archive.getmembers():
            members[m.name] = archive.extractfile(m).read()
    db = bytearray(members["caseroom.db"])
    db[9000] ^= 1
    members["caseroom.db"] = bytes(db)
    tampered = tmp_path / "tampered.tar"
    with tarfile.open(tampered, "w") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    with pytest.raises(DamagedWorkspace, match="does not match its checksum"):
        restore_backup(tampered, tmp_path / "r2", "chair", PASSPHRASE)
    assert not (tmp_path / "r1").exists() and not (tmp_path / "r2").exists()


def test_restore_never_over_a_folder_in_use(backup, tmp_path):
    out, ws = backup
    with pytest.raises(WorkspaceExists):
        restore_backup(out, ws.folder, "chair", PASSPHRASE)
