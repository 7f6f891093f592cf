"""Hostile backups: every one refused fast, with its own plain message, nothing written."""

from __future__ import annotations

import io
import json
import os
import tarfile
import time

import pytest

from storage.backup import make_backup, restore_backup
from storage.errors import DamagedWorkspace
from storage.staging import new_staging, remove_leftovers
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE

GIB = 1024**3


@pytest.fixture
def members(demo_folder, tmp_path):
    """The three members of a real backup, name -> bytes."""
    with Workspace.open(demo_folder, "chair", PASSPHRASE) as ws:
        make_backup(ws, tmp_path / "real.tar")
    with tarfile.open(tmp_path / "real.tar") as archive:
        return {m.name: archive.extractfile(m).read() for m in archive.getmembers()}


def _tar(path, entries, fmt=tarfile.PAX_FORMAT):
    with tarfile.open(path, "w", format=fmt) as archive:
        for info, data in entries:
            archive.addfile(info, io.BytesIO(data) if data is not None else None)
    return path


def _info(name, size, **extra):
    info = tarfile.TarInfo(name)
    info.size = size
    for key, value in extra.items():
        setattr(info, key, value)
    return info


def _refused(tmp_path, backup, match):
    started = time.perf_counter()
    with pytest.raises(DamagedWorkspace, match=match):
        restore_backup(backup, tmp_path / "restored", "chair", PASSPHRASE)
    assert time.perf_counter() - started < 2
    assert not (tmp_path / "restored").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".caseroom")]


def test_a_small_tar_claiming_20_gib_is_refused_before_reading(tmp_path, members):
    path = tmp_path / "huge.tar"
    with open(path, "wb") as out:  # a header that claims 20 GiB, then nothing
        info = _info("caseroom.db", 20 * GIB)
        out.write(info.tobuf(tarfile.PAX_FORMAT))
        out.write(b"\0" * 8192)
    assert path.stat().st_size < 16 * 1024
    _refused(tmp_path, path, "caseroom.db claims 21,474,836,480 bytes, more than the file holds")


def test_a_sparse_member_is_refused(tmp_path, members):
    sparse = _info(
        "caseroom.db",
        512,
        pax_headers={
            "GNU.sparse.major": "1",
            "GNU.sparse.minor": "0",
            "GNU.sparse.name": "caseroom.db",
            "GNU.sparse.realsize": str(20 * GIB),
        },
    )
    data = b"1\n0\n512\n".ljust(512, b"\0")
    path = _tar(tmp_path / "sparse.tar", [(sparse, data)])
    _refused(tmp_path, path, "caseroom.db is not a plain file")


def test_a_link_in_place_of_the_database_is_refused(tmp_path, members):
    link = _info("caseroom.db", 0, type=tarfile.SYMTYPE, linkname="/etc/passwd")
    entries = [(_info(n, len(d)), d) for n, d in members.items() if n != "caseroom.db"]
    path = _tar(tmp_path / "link.tar", [*entries, (link, None)])
    _refused(tmp_path, path, "caseroom.db is not a plain file")


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        (b'{"format": "caseroom-backup", "version": 1, "sha256": [1]}', "checksums are missing"),
        (b"[" * 10_000 + b"]" * 10_000, "nested too deeply"),
        (b"{not json", "not readable JSON"),
        (b'{"format": "caseroom-backup", "version": 2, "sha256": {}}', "this version reads"),
        (
            b'{"format": "caseroom-backup", "version": 1, "sha256": {"keyslots.json": 1}}',
            "checksums are missing",
        ),
    ],
)
def test_a_bad_manifest_has_its_own_message(tmp_path, members, manifest, message):
    members = {**members, "manifest.json": manifest}
    path = _tar(tmp_path / "bad.tar", [(_info(n, len(d)), d) for n, d in members.items()])
    _refused(tmp_path, path, message)


def test_a_member_missing_or_twice(tmp_path, members):
    entries = [(_info(n, len(d)), d) for n, d in members.items()]
    path = _tar(tmp_path / "missing.tar", entries[:-1])
    _refused(tmp_path, path, "not a whole Caseroom backup")
    path = _tar(tmp_path / "twice.tar", [*entries, entries[0]])
    _refused(tmp_path, path, "twice")


def test_leftovers_of_an_interrupted_run_are_removed_next_time(demo_folder, tmp_path):
    dead = tmp_path / ".caseroom-restore-999999999-abc"
    dead.mkdir()
    (dead / "caseroom.db").write_bytes(b"half")
    dead_backup = tmp_path / ".caseroom-backup-999999999-xyz"
    dead_backup.mkdir()
    alive = new_staging(tmp_path, "backup")  # this process: still at work, kept
    assert set(remove_leftovers(tmp_path)) == {dead, dead_backup}
    assert not dead.exists() and not dead_backup.exists() and alive.exists()
    os.rmdir(alive)
    (tmp_path / ".caseroom-backup-999999999-again").mkdir()
    with Workspace.open(demo_folder, "chair", PASSPHRASE) as ws:
        make_backup(ws, tmp_path / "b.tar")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".caseroom")]


def test_real_backup_still_restores(tmp_path, members):
    path = _tar(tmp_path / "ok.tar", [(_info(n, len(d)), d) for n, d in members.items()])
    assert restore_backup(path, tmp_path / "restored", "chair", PASSPHRASE) > 5
    assert json.loads(members["manifest.json"])["format"] == "caseroom-backup"
