"""Shared fixtures: real SQLCipher workspaces in tmp_path, an offscreen Qt, a test keychain."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.umask(0o077)

import keyring
import keyring.backend
import pytest
from hypothesis import settings

# `make test` is a gate: its property tests draw the same examples every run, so it does not
# pass or fail on a random draw. `make test-long` explores new ones each run (and keeps what
# it finds in .hypothesis/ to try first next time).
settings.register_profile("gate", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "gate"))

from storage.workspace import Workspace

PASSPHRASE = "correct horse battery staple"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A working keychain that lives in memory, for tests."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def fail_keyring():
    import keyring.backends.fail

    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def workspace(tmp_path):
    """A new workspace, unlocked as its first user 'chair'."""
    ws, _recovery = Workspace.create(tmp_path / "ws", "chair", PASSPHRASE, "Dana Chair")
    yield ws
    ws.close()


@pytest.fixture
def made_workspace(tmp_path):
    """A new, closed workspace: (folder, recovery key)."""
    ws, recovery = Workspace.create(tmp_path / "ws", "chair", PASSPHRASE, "Dana Chair")
    ws.close()
    return tmp_path / "ws", recovery


def snapshot_files(folder):
    """Every file of a folder, name -> bytes (to prove nothing changed)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory):
    """One closed workspace holding the six demo cases, made once per test session."""
    from storage import cases
    from storage.demo import demo_cases

    folder = tmp_path_factory.mktemp("template") / "ws"
    ws, _ = Workspace.create(folder, "chair", PASSPHRASE, "Dana Chair")
    with ws:
        for case in demo_cases(6):
            cases.save_case(ws, case)
    return folder


@pytest.fixture
def demo_folder(_demo_template, tmp_path):
    """A closed workspace with the six demo cases: a fresh copy of the session's template."""
    import shutil

    folder = tmp_path / "ws"
    shutil.copytree(_demo_template, folder)
    return folder
