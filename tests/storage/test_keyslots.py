"""Key slots that never lose an update and refuse anything but exactly what they expect."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from storage import access
from storage.errors import DamagedWorkspace
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE, snapshot_files
from tests.test_cli import cli, one_line_error

ROOT = Path(__file__).resolve().parents[2]


def _dup_first(d):
    d["slots"].append(d["slots"][0])


def _drop_recovery(d):
    d["slots"] = [s for s in d["slots"] if s["kind"] != "recovery"]


def _two_recoveries(d):
    d["slots"][0]["kind"] = "recovery"


def _set(path, value):
    def damage(d):
        target = d
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return damage


DAMAGES = {
    "duplicate id": (_dup_first, "two slots have the same id"),
    "no recovery slot": (_drop_recovery, "0 recovery slots"),
    "two recovery slots": (_two_recoveries, "2 recovery slots"),
    "version true": (_set(["version"], True), "version"),
    "time_cost string": (_set(["slots", 0, "kdf", "time_cost"], "3"), "slots.0.kdf.time_cost"),
    "4 GiB": (_set(["slots", 0, "kdf", "memory_kib"], 4 * 1024 * 1024), "memory_kib"),
    "t=50": (_set(["slots", 0, "kdf", "time_cost"], 50), "time_cost"),
    "weak t": (_set(["slots", 0, "kdf", "time_cost"], 1), "time_cost"),
    "extra field": (_set(["slots", 0, "note"], "hi"), "slots.0.note"),
    "salt wrong size": (_set(["slot_id_salt"], "AAAA"), "slot_id_salt"),
}


@pytest.mark.parametrize("name", DAMAGES)
def test_damaged_slot_files_are_refused_naming_the_fault(made_workspace, name):
    folder, _ = made_workspace
    damage, fault = DAMAGES[name]
    path = folder / "keyslots.json"
    data = json.loads(path.read_text())
    damage(data)
    path.write_text(json.dumps(data))
    before = snapshot_files(folder)
    with pytest.raises(DamagedWorkspace, match=r"keyslots\.json is damaged") as caught:
        Workspace.open(folder, "chair", PASSPHRASE)
    assert fault in str(caught.value)
    assert snapshot_files(folder) == before


@pytest.mark.parametrize("name", ["duplicate id", "time_cost string", "no recovery slot"])
def test_damaged_slot_files_exit_2_on_the_command_line(made_workspace, name):
    folder, _ = made_workspace
    damage, fault = DAMAGES[name]
    path = folder / "keyslots.json"
    data = json.loads(path.read_text())
    damage(data)
    path.write_text(json.dumps(data))
    before = snapshot_files(folder)
    code, _, err = cli(
        "passwd",
        "-w",
        folder,
        "--user",
        "chair",
        "--passphrase-stdin",
        stdin=f"{PASSPHRASE}\nanother passphrase\n",
    )
    assert code == 2 and fault in one_line_error(err)
    assert snapshot_files(folder) == before


_WORKER = """
import sys
sys.path.insert(0, {root!r})
import storage
from storage import access
from storage.keyslots import KeySlots
from storage.workspace import Workspace
folder, user, first, how = sys.argv[1:5]
current = first
for i in range(10):
    new = f"{{first}} round {{i}}"
    if how == "workspace":
        with Workspace.open(folder, user, current) as ws:
            access.change_passphrase(ws, current, new)
    else:  # the key slot file alone, with no database transaction around it
        slots = KeySlots.load(folder)
        slot_id = slots.slot_id(user)

        def rewrap(found):
            slot = next(s for s in found if s.id == slot_id)
            fresh = slots.rewrap(slot, slots.open_slot(slot, current), new)
            return [fresh if s.id == slot_id else s for s in found]

        slots.change(rewrap)
    current = new  # the next round opens with it: a lost change fails there
print(current)
"""


@pytest.mark.parametrize("how", ["workspace", "slots"])
def test_two_users_change_passphrases_at_once_and_both_changes_hold(made_workspace, tmp_path, how):
    folder, _ = made_workspace
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        access.add_user(ws, "police", "police passphrase", admin_passphrase=PASSPHRASE)
    script = tmp_path / "worker.py"
    script.write_text(_WORKER.format(root=str(ROOT)))
    runs = [
        subprocess.Popen(
            [sys.executable, str(script), str(folder), user, first, how],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for user, first in (("chair", PASSPHRASE), ("police", "police passphrase"))
    ]
    finals = []
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
        finals.append(out.strip())
    assert finals == [f"{PASSPHRASE} round 9", "police passphrase round 9"]
    Workspace.open(folder, "chair", finals[0]).close()
    Workspace.open(folder, "police", finals[1]).close()


def test_a_slot_file_from_the_earlier_format_says_so(made_workspace):
    folder, _ = made_workspace
    old = {
        "format": "caseroom-keyslots",
        "version": 1,
        "workspace_id": "0" * 32,
        "slot_id_salt": "AAAA",
        "slots": [{"id": "0" * 64, "kdf": {}, "nonce": "", "wrapped_key": ""}],
    }
    (folder / "keyslots.json").write_text(json.dumps(old, indent=2, sort_keys=True))
    with pytest.raises(DamagedWorkspace, match="earlier Caseroom"):
        Workspace.open(folder, "chair", PASSPHRASE)
