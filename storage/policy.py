"""The organisation's policy: a read-only TOML file IT puts on each computer.

Its values win over the workspace's settings and the user's choices, and the screens that
show them say they are set by the organisation. A file that cannot be read or is malformed
is one clear message, and then the defaults apply (never a half-applied policy).

    # /etc/caseroom/policy.toml, %ProgramData%\\Caseroom\\policy.toml,
    # /Library/Application Support/Caseroom/policy.toml
    idle_lock_minutes = 10
    workspace_folder = "H:\\\\Caseroom"      # the default for -w (~ and %VARS% expanded)
    protective_marking = "OFFICIAL-SENSITIVE"
    allow_remember = false                 # "Remember on this computer"
"""

from __future__ import annotations

import os
import sys
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.keychain import Keychain, KeychainState

if TYPE_CHECKING:  # (read at start-up, before the unlock screen: no models imported)
    from models.reference import ReferenceData

SET_BY_ORGANISATION = "Set by your organisation."
_KEYS: dict[str, type] = {
    "idle_lock_minutes": int,
    "workspace_folder": str,
    "protective_marking": str,
    "allow_remember": bool,
}


@dataclass(frozen=True)
class Policy:
    idle_lock_minutes: int | None = None
    workspace_folder: Path | None = None
    protective_marking: str | None = None
    allow_remember: bool | None = None
    source: Path | None = None
    problem: str = ""  # why the file was not applied, in one line
    values: dict[str, Any] = field(default_factory=dict)

    def sets(self, name: str) -> bool:
        return name in self.values


def policy_file() -> Path:
    if sys.platform == "win32":
        base = os.environ.get("PROGRAMDATA", r"C:\ProgramData")
        return Path(base, "Caseroom", "policy.toml")
    if sys.platform == "darwin":
        return Path("/Library/Application Support/Caseroom/policy.toml")
    return Path("/etc/caseroom/policy.toml")


def read_policy(path: Path) -> Policy:
    """The policy in `path`; no file is no policy; a bad file is a `problem` and no policy."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        values = _checked(data)
    except FileNotFoundError:
        return Policy()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return Policy(
            source=path,
            problem=f"The policy file {path} was not applied ({reason}); the defaults apply.",
        )
    folder = values.get("workspace_folder")
    return Policy(
        idle_lock_minutes=values.get("idle_lock_minutes"),
        workspace_folder=Path(os.path.expanduser(os.path.expandvars(folder))) if folder else None,
        protective_marking=values.get("protective_marking"),
        allow_remember=values.get("allow_remember"),
        source=path,
        values=values,
    )


def _checked(data: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(data) - set(_KEYS))
    if unknown:
        raise ValueError(f"unknown setting {unknown[0]!r}")
    for key, value in data.items():
        kind = _KEYS[key]
        if type(value) is not kind:  # bool is an int in Python: exact types only
            raise ValueError(f"{key} must be {'a number' if kind is int else kind.__name__}")
    minutes = data.get("idle_lock_minutes")
    if minutes is not None and not 1 <= minutes <= 120:  # as the workspace setting allows
        raise ValueError(f"idle_lock_minutes must be 1 to 120, not {minutes}")
    marking = data.get("protective_marking")
    if marking is not None and not (0 < len(marking.strip()) <= 80 and marking.isprintable()):
        raise ValueError("protective_marking must be one line of 1 to 80 characters")
    if "workspace_folder" in data and not data["workspace_folder"].strip():
        raise ValueError("workspace_folder is empty")
    return dict(data)


@cache
def current() -> Policy:
    """This computer's policy, read once per run."""
    return read_policy(policy_file())


def apply(reference: ReferenceData, policy: Policy | None = None) -> ReferenceData:
    """The workspace's settings with the policy's values in their place."""
    policy = policy or current()
    update: dict[str, Any] = {}
    if policy.idle_lock_minutes is not None:
        update["idle_lock_minutes"] = policy.idle_lock_minutes
    if policy.protective_marking is not None:
        update["protective_marking"] = policy.protective_marking
    return reference.model_copy(update=update) if update else reference


class TurnedOffKeychain(Keychain):
    """The keychain when the policy says no: never used, and the screen says why."""

    def state(self) -> KeychainState:
        return KeychainState(
            False, "Remember on this computer is turned off. " + SET_BY_ORGANISATION
        )


def keychain(policy: Policy | None = None) -> Keychain:
    policy = policy or current()
    return TurnedOffKeychain() if policy.allow_remember is False else Keychain()
