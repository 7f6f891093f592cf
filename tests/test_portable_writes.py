"""The workspace's write paths with the POSIX-only calls taken away, as they are on Windows.

Windows has no os.fchmod (before Python 3.13), refuses to open a folder (so a folder cannot be
fsynced or flock'ed) and locks files with msvcrt. Here those calls are removed or made to
fail the way Windows fails, and creating a workspace, changing a passphrase, exporting,
backing up and restoring must all still work.
"""

from __future__ import annotations

import io
import os
import stat
import sys
import types

import pytest

import main
import storage.atomic
from tests.conftest import PASSPHRASE

NEW = "a new passphrase for windows"


@pytest.fixture
def windows_like(monkeypatch):
    """POSIX-only calls gone; sys.platform says win32; msvcrt's lock is a stand-in."""
    monkeypatch.delattr(os, "fchmod")
    monkeypatch.setattr(storage.atomic, "_POSIX", False)
    monkeypatch.setattr(sys, "platform", "win32")
    locks = []
    msvcrt = types.ModuleType("msvcrt")
    msvcrt.LK_LOCK = 1  # type: ignore[attr-defined]
    msvcrt.locking = lambda fd, mode, nbytes: locks.append(fd)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "msvcrt", msvcrt)
    real_open = os.open

    def open_no_folders(path, flags, *args, **kwargs):
        if os.path.isdir(path):
            raise PermissionError(13, "Permission denied", str(path))  # as Windows says
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_no_folders)
    return locks


def run(monkeypatch, capsys, *args, stdin=""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main.main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_workspace_write_paths_work_without_posix_calls(
    tmp_path, monkeypatch, capsys, windows_like
):
    ws, user = tmp_path / "ws", ["--user", "chair", "--passphrase-stdin"]
    run(monkeypatch, capsys, "init", "-w", ws, *user, stdin=PASSPHRASE + "\n")
    assert windows_like, "the key slots were changed under msvcrt's lock"
    run(monkeypatch, capsys, "passwd", "-w", ws, *user, stdin=f"{PASSPHRASE}\n{NEW}\n")
    bundle, backup = tmp_path / "out" / "all.json", tmp_path / "out" / "ws.backup"
    bundle.parent.mkdir()
    run(monkeypatch, capsys, "export", "-w", ws, *user, "--all", "--out", bundle, stdin=NEW)
    assert bundle.read_bytes().startswith(b"{")
    run(monkeypatch, capsys, "backup", "-w", ws, *user, "--out", backup, stdin=NEW)
    run(monkeypatch, capsys, "restore", backup, "-w", tmp_path / "again", *user, stdin=NEW)
    out = run(monkeypatch, capsys, "audit", "-w", tmp_path / "again", *user, "verify", stdin=NEW)
    assert "intact" in out
    leftovers = [p.name for p in tmp_path.rglob("*.tmp")]
    assert leftovers == []
    if os.name == "posix":  # the files are private all the same (the umask, not fchmod)
        assert stat.S_IMODE((ws / "keyslots.json").stat().st_mode) & 0o077 == 0
