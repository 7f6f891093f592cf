"""Unlocking: passphrases, the recovery key, passwd, and every bad input leaves files alone."""

from __future__ import annotations

import json

import pytest

from storage import access
from storage.errors import (
    DamagedWorkspace,
    InvalidInput,
    NotAWorkspace,
    UnknownUser,
    WorkspaceExists,
    WrongPassphrase,
)
from storage.keyslots import KeySlots
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE, snapshot_files


def test_wrong_passphrase_changes_nothing(made_workspace):
    folder, _ = made_workspace
    before = snapshot_files(folder)
    with pytest.raises(WrongPassphrase, match="Wrong passphrase"):
        Workspace.open(folder, "chair", "not the passphrase")
    assert snapshot_files(folder) == before


def test_unknown_user_changes_nothing(made_workspace):
    folder, _ = made_workspace
    before = snapshot_files(folder)
    with pytest.raises(UnknownUser):
        Workspace.open(folder, "nobody", PASSPHRASE)
    assert snapshot_files(folder) == before


def test_user_names_are_normalised(made_workspace):
    folder, _ = made_workspace
    with Workspace.open(folder, "  CHAIR ", PASSPHRASE) as ws:
        assert ws.user.name == "chair"


def test_keyslots_hold_no_names(tmp_path):
    ws, _ = Workspace.create(tmp_path / "w", "Αλέξης Παπαδόπουλος", PASSPHRASE)
    ws.close()
    text = (tmp_path / "w" / "keyslots.json").read_text()
    assert "Αλέξης".casefold() not in text.casefold() and "chair" not in text


def test_recovery_key_unlocks_and_resets(made_workspace):
    folder, recovery = made_workspace
    with Workspace.open_with_recovery(folder, recovery.lower().replace("-", " "), "chair") as ws:
        access.reset_with_recovery(ws, recovery, "chair", "a brand new passphrase")
    with Workspace.open(folder, "chair", "a brand new passphrase") as ws:
        assert ws.user.name == "chair"
    with pytest.raises(WrongPassphrase, match="recovery key"):
        Workspace.open_with_recovery(folder, "AAAA-" * 7 + "AAAA", "chair")


def test_passwd_rewraps_one_slot_and_keeps_the_database_key(made_workspace):
    folder, recovery = made_workspace
    key_before = bytes(KeySlots.load(folder).unlock_with_recovery(recovery))
    salt_before = (folder / "caseroom.db").read_bytes()[:16]
    recovery_slot_before = json.loads((folder / "keyslots.json").read_text())["slots"][1]
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        with pytest.raises(WrongPassphrase):
            access.change_passphrase(ws, "not the old one", "another good passphrase")
        access.change_passphrase(ws, PASSPHRASE, "another good passphrase")
    with pytest.raises(WrongPassphrase):
        Workspace.open(folder, "chair", PASSPHRASE)
    Workspace.open(folder, "chair", "another good passphrase").close()
    assert bytes(KeySlots.load(folder).unlock_with_recovery(recovery)) == key_before
    assert (folder / "caseroom.db").read_bytes()[:16] == salt_before
    assert json.loads((folder / "keyslots.json").read_text())["slots"][1] == recovery_slot_before


def test_weak_new_passphrase_refused(workspace):
    with pytest.raises(InvalidInput, match="at least 10"):
        access.change_passphrase(workspace, PASSPHRASE, "short")


def test_add_user_and_open_as_them(workspace):
    access.add_user(
        workspace,
        "Дмитрий",
        "police passphrase 1",
        "Дмитрий Иванов",
        agency="Police",
        admin_passphrase=PASSPHRASE,
    )
    folder = workspace.folder
    workspace.close()
    with Workspace.open(folder, "дмитрий", "police passphrase 1") as ws:
        assert ws.user.display_name == "Дмитрий Иванов"


def test_missing_folder_and_not_a_workspace(tmp_path):
    with pytest.raises(NotAWorkspace, match="no workspace"):
        Workspace.open(tmp_path / "missing", "chair", PASSPHRASE)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("hello")
    with pytest.raises(NotAWorkspace, match="not a Caseroom workspace"):
        Workspace.open(tmp_path / "other", "chair", PASSPHRASE)


def test_init_over_existing_workspace_or_folder_refused(made_workspace, tmp_path):
    folder, _ = made_workspace
    before = snapshot_files(folder)
    with pytest.raises(WorkspaceExists):
        Workspace.create(folder, "someone", PASSPHRASE)
    assert snapshot_files(folder) == before
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "x").write_text("x")
    with pytest.raises(WorkspaceExists):
        Workspace.create(tmp_path / "busy", "someone", PASSPHRASE)


@pytest.mark.parametrize(
    "damage",
    [
        lambda t: "",
        lambda t: t[: len(t) // 2],
        lambda t: "{not json",
        lambda t: t.replace('"argon2id"', '"pbkdf2"'),
        lambda t: t.replace('"time_cost": 3', '"time_cost": 1'),
        lambda t: json.dumps({**json.loads(t), "slots": "many"}),
    ],
)
def test_damaged_keyslots(made_workspace, damage):
    folder, _ = made_workspace
    path = folder / "keyslots.json"
    path.write_text(damage(path.read_text()))
    before = snapshot_files(folder)
    with pytest.raises(DamagedWorkspace, match=r"keyslots\.json is damaged"):
        Workspace.open(folder, "chair", PASSPHRASE)
    assert snapshot_files(folder) == before


def test_tampered_slot_is_refused_not_crashed(made_workspace):
    folder, _ = made_workspace
    path = folder / "keyslots.json"
    data = json.loads(path.read_text())
    data["slots"][0]["private_key"] = data["slots"][1]["private_key"]
    path.write_text(json.dumps(data))
    with pytest.raises(WrongPassphrase):
        Workspace.open(folder, "chair", PASSPHRASE)


@pytest.mark.parametrize("cut", [0, 100, 4096, 16384])
def test_truncated_database(made_workspace, cut):
    folder, _ = made_workspace
    db = folder / "caseroom.db"
    db.write_bytes(db.read_bytes()[:cut])
    before = snapshot_files(folder)
    with pytest.raises(DamagedWorkspace):
        Workspace.open(folder, "chair", PASSPHRASE)
    assert snapshot_files(folder) == before


def test_flipped_bytes_in_database(made_workspace):
    folder, _ = made_workspace
    db = folder / "caseroom.db"
    data = bytearray(db.read_bytes())
    for i in range(100, len(data), 997):
        data[i] ^= 0xFF
    db.write_bytes(bytes(data))
    with pytest.raises(DamagedWorkspace):
        Workspace.open(folder, "chair", PASSPHRASE)


def test_missing_database(made_workspace):
    folder, _ = made_workspace
    (folder / "caseroom.db").unlink()
    with pytest.raises(DamagedWorkspace, match=r"no caseroom\.db"):
        Workspace.open(folder, "chair", PASSPHRASE)
