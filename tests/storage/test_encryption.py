"""The database on disk is encrypted, keyed as DESIGN.md says."""

from __future__ import annotations

import os
import stat

import pytest

from storage.connection import open_keyed
from storage.errors import DamagedWorkspace
from storage.keyslots import KeySlots
from tests.conftest import PASSPHRASE

MARKER = "MARKER-Ωmega-Дмитрий-7f3a9c"


def _scan(folder):
    found = {}
    for path in folder.iterdir():
        data = path.read_bytes()
        found[path.name] = MARKER.encode() in data or MARKER.encode("utf-16-le") in data
    return found


def test_marker_never_on_disk_open_or_closed(workspace):
    with workspace.transaction() as conn:
        conn.execute("CREATE TABLE scratch (id INTEGER PRIMARY KEY, text TEXT)")
    for i in range(1000):
        with workspace.transaction() as conn:
            conn.execute("INSERT INTO scratch VALUES (?, ?)", (i, f"{MARKER} {i}"))
    names = {p.name for p in workspace.folder.iterdir()}
    assert {"caseroom.db", "caseroom.db-wal"} <= names  # really open, with a live WAL
    assert not any(_scan(workspace.folder).values())
    folder = workspace.folder
    workspace.close()
    assert not any(_scan(folder).values())
    assert not (folder / "caseroom.db").read_bytes().startswith(b"SQLite format 3")


def test_permissions(workspace):
    assert stat.S_IMODE(os.stat(workspace.folder).st_mode) == 0o700
    with workspace.transaction():
        workspace.record("test.write", "test")
    for path in workspace.folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_pinned_cipher_settings(workspace):
    conn = workspace.conn
    assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2
    assert conn.execute("PRAGMA cache_size").fetchone()[0] <= -100_000


def test_a_wrong_key_is_damage_not_a_crash(made_workspace):
    folder, _ = made_workspace
    with pytest.raises(DamagedWorkspace):
        open_keyed(folder / "caseroom.db", os.urandom(32))


def test_the_slot_key_opens_the_database(made_workspace):
    folder, _ = made_workspace
    key = KeySlots.load(folder).unlock("chair", PASSPHRASE)
    conn = open_keyed(folder / "caseroom.db", key)
    assert conn.execute("SELECT count(*) FROM users").fetchone()[0] == 1
    conn.close()
