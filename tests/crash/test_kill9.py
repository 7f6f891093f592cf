"""kill -9 of a writer at random moments: nothing acknowledged is lost, nothing is half.

After each kill: the workspace opens (its full check passes), every acknowledged change is
there, an import is all or nothing, the audit chain verifies, and the next backup or restore
removes what the killed one left. `make test` runs one kill per kind of change; `make
test-long` runs five per kind (marked slow).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storage import audit, health, records
from storage.backup import make_backup, restore_backup
from storage.errors import WrongPassphrase
from storage.keyslots import KeySlots
from storage.minutes import latest_signed
from storage.workspace import DB_NAME, Workspace
from tests.conftest import PASSPHRASE
from tests.crash.writer import ROTATION, bundles

ROOT = Path(__file__).resolve().parents[2]
KINDS = ("import", "save", "sign", "passwd", "backup", "restore")


def _kill_during(folder: Path, kind: str, outdir: Path, delay: float) -> list[str]:
    """Run the writer, kill -9 it `delay` seconds after it is ready; its acknowledgements."""
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.crash.writer", str(folder), kind, str(outdir)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert writer.stdout is not None
        ready = writer.stdout.readline().strip()
        assert ready == "READY", (ready, writer.stderr.read() if writer.stderr else "")
        time.sleep(delay)
    finally:
        writer.send_signal(signal.SIGKILL)
        out, _err = writer.communicate(timeout=30)
    return [line.split(" ", 1)[1] for line in out.splitlines() if line.startswith("ACK ")]


def _whole(ws: Workspace) -> None:
    assert ws.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert ws.conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
    assert audit.verify(ws.conn).ok


def _check_import(ws: Workspace, acks: list[str]) -> None:
    present = set(records.case_ids(ws.conn))
    for i, bundle in enumerate(bundles()):
        ids = {c.id for c in bundle.cases}
        if i < len(acks):
            assert ids <= present, f"acknowledged import {i} lost"
        else:
            assert ids <= present or not ids & present, f"import {i} half there"


def _check_save(ws: Workspace, acks: list[str]) -> None:
    case = records.load_case(ws.conn, records.case_ids(ws.conn)[0])
    if acks:
        last = int(acks[-1])
        assert case is not None and case.allocated_worker in (f"save-{last}", f"save-{last + 1}")


def _check_sign(ws: Workspace, acks: list[str]) -> None:
    for meeting_id in acks:
        assert latest_signed(ws, meeting_id) is not None, f"signed {meeting_id} lost"
    for (meeting_id,) in ws.conn.execute("SELECT DISTINCT meeting_id FROM minutes").fetchall():
        found = records.load_meeting(ws.conn, meeting_id)
        assert found is not None and found[1].status.value in ("signed", "amended")


def _passphrase_after(folder: Path) -> str:
    """The passphrase that opens the workspace now: after a killed passwd, the acknowledged
    one or the one in flight, if that had landed."""
    from storage.keyslots import KeySlots

    slots = KeySlots.load(folder)
    for passphrase in ROTATION:
        try:
            slots.unlock("chair", passphrase)
        except WrongPassphrase:
            continue
        return passphrase
    raise AssertionError("no passphrase opens the workspace after the kill")


def _check_outputs(kind: str, outdir: Path, acks: list[str], tmp_path: Path) -> None:
    if kind == "backup" and acks:
        restore_backup(outdir / f"backup-{acks[-1]}.tar", tmp_path / "check", "chair", PASSPHRASE)
    if kind == "restore":
        for i in acks:
            with Workspace.open(outdir / f"restored-{i}", "chair", PASSPHRASE) as ws:
                _whole(ws)
        half = outdir / f"restored-{len(acks)}"
        if half.exists():  # the restore in flight had finished its move: whole
            with Workspace.open(half, "chair", PASSPHRASE) as ws:
                _whole(ws)


def _one_kill(demo_folder: Path, tmp_path: Path, kind: str, seed: int) -> None:
    outdir = tmp_path / "out"
    outdir.mkdir()
    delay = random.Random(seed).uniform(0.0, 2.5)
    acks = _kill_during(demo_folder, kind, outdir, delay)
    passphrase = _passphrase_after(demo_folder)
    if kind == "passwd":  # the acknowledged passphrase, or the one whose change was in flight
        assert passphrase in (ROTATION[len(acks) % 3], ROTATION[(len(acks) + 1) % 3])
    key = KeySlots.load(demo_folder).unlock("chair", passphrase)
    health.check_database(demo_folder / DB_NAME, key)  # damage would raise here
    with Workspace.open(demo_folder, "chair", passphrase) as ws:
        _whole(ws)
        check = {"import": _check_import, "save": _check_save, "sign": _check_sign}.get(kind)
        if check is not None:
            check(ws, acks)
        # The next run of a backup in the same places removes what the killed one left.
        make_backup(ws, outdir / "after.tar")
    restore_backup(outdir / "after.tar", outdir / "after-restore", "chair", passphrase)
    _check_outputs(kind, outdir, acks, tmp_path)
    leftovers = [p.name for p in outdir.iterdir() if p.name.startswith(".caseroom")]
    assert leftovers == [], leftovers


@pytest.mark.parametrize("kind", KINDS)
def test_kill_9_once_per_kind(demo_folder, tmp_path, kind):
    _one_kill(demo_folder, tmp_path, kind, seed=KINDS.index(kind))


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(30))
def test_kill_9_at_random_points(demo_folder, tmp_path, seed):
    _one_kill(demo_folder, tmp_path, KINDS[seed % len(KINDS)], seed=1000 + seed)
