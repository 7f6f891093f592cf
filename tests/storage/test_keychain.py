"""Remembering the key in the system keychain, and living without one."""

from __future__ import annotations

import os
import time

import keyring
import pytest

from storage.errors import WrongPassphrase
from storage.keychain import Keychain
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE, MemoryKeyring


def test_remember_then_open_without_passphrase(made_workspace, memory_keyring):
    folder, _ = made_workspace
    keychain = Keychain()
    assert Workspace.open_remembered(folder, "chair", keychain) is None
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        assert ws.remember_key(keychain).usable
    stored = list(memory_keyring.store)
    assert len(stored) == 1 and "chair" not in stored[0][1]  # the entry names no user
    ws = Workspace.open_remembered(folder, "chair", keychain)
    assert ws is not None and ws.user.name == "chair"
    ws.forget_key(keychain)
    ws.close()
    assert memory_keyring.store == {}


def test_a_stale_remembered_key_falls_back_to_the_passphrase(made_workspace, memory_keyring):
    folder, _ = made_workspace
    keychain = Keychain()
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        ws.remember_key(keychain)
    (entry,) = memory_keyring.store
    memory_keyring.store[entry] = os.urandom(32).hex()  # e.g. the workspace was restored anew
    with pytest.raises(WrongPassphrase, match="no longer opens"):
        Workspace.open_remembered(folder, "chair", keychain)
    assert memory_keyring.store == {}  # forgotten, never replaced by a new key
    Workspace.open(folder, "chair", PASSPHRASE).close()  # and the passphrase still works


def test_fail_backend_is_a_clear_no(made_workspace, fail_keyring):
    folder, _ = made_workspace
    keychain = Keychain()
    state = keychain.state()
    assert not state.usable and "no system keychain" in state.reason
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        assert not ws.remember_key(keychain).usable
    assert Workspace.open_remembered(folder, "chair", keychain) is None


class HangingKeyring(MemoryKeyring):
    def get_password(self, service, username):
        time.sleep(10)

    def set_password(self, service, username, password):
        time.sleep(10)


def test_a_hanging_keychain_is_bounded(made_workspace, monkeypatch):
    import storage.keychain

    monkeypatch.setattr(storage.keychain, "TIMEOUT_S", 0.2)
    previous = keyring.get_keyring()
    keyring.set_keyring(HangingKeyring())
    try:
        folder, _ = made_workspace
        keychain = Keychain()
        with Workspace.open(folder, "chair", PASSPHRASE) as ws:
            started = time.monotonic()
            state = ws.remember_key(keychain)
            assert not state.usable and "did not answer" in state.reason
            assert Workspace.open_remembered(folder, "chair", keychain) is None
            assert time.monotonic() - started < 5
    finally:
        keyring.set_keyring(previous)
