"""The organisation's policy file: its values win and the screens say so; a malformed file is
one clear message, and the defaults."""

from __future__ import annotations

import pytest

import main
import storage.policy as policy
from models.reference import ReferenceData
from storage import cases
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE

GOOD = """
idle_lock_minutes = 10
workspace_folder = "~/Council/Caseroom"
protective_marking = "OFFICIAL-SENSITIVE PERSONAL"
allow_remember = false
"""


def test_a_policy_file_sets_its_values(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text(GOOD, encoding="utf-8")
    found = policy.read_policy(path)
    assert found.problem == "" and found.idle_lock_minutes == 10
    assert found.workspace_folder is not None and "~" not in str(found.workspace_folder)
    assert found.allow_remember is False and found.sets("protective_marking")
    applied = policy.apply(ReferenceData(), found)
    assert (applied.idle_lock_minutes, applied.protective_marking) == (
        10,
        "OFFICIAL-SENSITIVE PERSONAL",
    )
    assert policy.read_policy(tmp_path / "none.toml") == policy.Policy()  # no file, no policy


@pytest.mark.parametrize(
    "text",
    [
        "idle_lock_minutes = ",  # not TOML
        "idle_lock_minutes = '10'",
        "idle_lock_minutes = true",
        "idle_lock_minutes = 0",
        "allow_remember = 'no'",
        "protective_marking = ''",
        "protective_marking = 'A\\nB'",
        "workspace_folder = ' '",
        "idle_lock = 10",  # a misspelt setting is not silently ignored
    ],
)
def test_a_malformed_file_is_one_message_and_the_defaults(tmp_path, text):
    path = tmp_path / "policy.toml"
    path.write_text("protective_marking = 'SECRET'\n" + text, encoding="utf-8")
    found = policy.read_policy(path)
    assert found.problem.startswith(f"The policy file {path} was not applied (")
    assert "\n" not in found.problem and found.problem.endswith("the defaults apply.")
    assert found.values == {} and policy.apply(ReferenceData(), found) == ReferenceData()


def test_the_command_line_says_so_once_and_uses_the_defaults(tmp_path, monkeypatch, capsys):
    path = tmp_path / "policy.toml"
    path.write_bytes(b"\xff")
    monkeypatch.setattr(policy, "current", lambda: policy.read_policy(path))
    main._warn_about_policy()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "was not applied" in err
    assert main.default_folder().name == "workspace"


def test_policy_values_win_over_the_workspace(tmp_path, monkeypatch):
    path = tmp_path / "policy.toml"
    path.write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr(policy, "current", lambda: policy.read_policy(path))
    ws, _ = Workspace.create(tmp_path / "ws", "chair", PASSPHRASE, "Dana Chair")
    try:
        reference = cases.reference_data(ws)
        assert reference.idle_lock_minutes == 10
        assert reference.protective_marking == "OFFICIAL-SENSITIVE PERSONAL"
    finally:
        ws.close()
    assert main.default_folder() == policy.current().workspace_folder
    state = policy.keychain().state()
    assert not state.usable and "Set by your organisation" in state.reason
