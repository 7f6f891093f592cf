"""Remembering the unwrapped database key in the operating system's keychain.

Off by default. The key of (workspace id, user) is stored only where a real keychain
exists: never in a file, never through keyrings.alt. Every call is bounded in time, because
a locked keychain can wait for a prompt nobody will answer; a call that does not return is
treated as "no keychain".
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import keyring.backend

T = TypeVar("T")
SERVICE = "Caseroom"
TIMEOUT_S = 3.0


@dataclass(frozen=True)
class KeychainState:
    usable: bool
    reason: str = ""


# keyring is imported where it is used: finding the system's keychain takes a while, and
# the unlock screen asks for it off the UI thread.


def _backend_problem(backend: keyring.backend.KeyringBackend) -> str | None:
    module = type(backend).__module__
    name = type(backend).__name__
    if module.startswith("keyrings.alt"):
        return "The only keychain found stores secrets in a file, which Caseroom does not use."
    if module.startswith("keyring.backends.fail") or module.startswith("keyring.backends.null"):
        return "This computer has no system keychain."
    if module.startswith("keyring.backends.chainer"):
        backends = getattr(backend, "backends", [])
        if not backends:
            return "This computer has no system keychain."
        problems = [_backend_problem(b) for b in backends]
        if all(problems):
            return problems[0]
    if getattr(backend, "priority", 1) <= 0:
        return f"The keychain {name} is not usable here."
    return None


def _bounded(fn: Callable[..., T], *args: str) -> T:
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="keychain")
    try:
        return pool.submit(fn, *args).result(timeout=TIMEOUT_S)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


class Keychain:
    """The keychain of this computer, as Caseroom uses it."""

    def state(self) -> KeychainState:
        import keyring

        try:
            backend = keyring.get_keyring()
        except Exception as exc:  # a broken backend module must not stop unlock
            return KeychainState(False, f"The keychain could not be loaded ({type(exc).__name__}).")
        problem = _backend_problem(backend)
        return KeychainState(problem is None, problem or "")

    def _entry(self, workspace_id: str, slot_id: str) -> str:
        # The slot id (an HMAC), not the user name: the keychain learns no names.
        return f"{workspace_id}:{slot_id}"

    def remember(self, workspace_id: str, slot_id: str, key: bytes | bytearray) -> KeychainState:
        import keyring

        state = self.state()
        if not state.usable:
            return state
        try:
            _bounded(
                keyring.set_password, SERVICE, self._entry(workspace_id, slot_id), bytes(key).hex()
            )
        except concurrent.futures.TimeoutError:
            return KeychainState(False, "The keychain did not answer (is it locked?).")
        except Exception as exc:
            return KeychainState(
                False, f"The keychain refused to store the key ({type(exc).__name__})."
            )
        return state

    def recall(self, workspace_id: str, slot_id: str) -> bytearray | None:
        """The remembered key, or None (nothing remembered, or no usable keychain)."""
        import keyring

        if not self.state().usable:
            return None
        try:
            text = _bounded(keyring.get_password, SERVICE, self._entry(workspace_id, slot_id))
        except Exception:
            return None
        if not text:
            return None
        try:
            key = bytearray.fromhex(text)
        except ValueError:
            return None
        return key if len(key) == 32 else None

    def forget(self, workspace_id: str, slot_id: str) -> None:
        import keyring

        if not self.state().usable:
            return
        try:
            _bounded(keyring.delete_password, SERVICE, self._entry(workspace_id, slot_id))
        except Exception:  # nothing to forget, or the keychain is gone: either way, done
            return
