"""The key slot file's format (`keyslots.json`), checked exactly: a file that does not match
is refused as damaged, naming the fault, and nothing is written (storage/keyslots.py reads
and changes it)."""

from __future__ import annotations

import re
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from storage.errors import DamagedWorkspace
from storage.sealing import B64, Sealed, Wrapped, unb64

FILE_NAME = "keyslots.json"
FORMAT: Final = "caseroom-keyslots"
VERSION: Final = 2
# Argon2id cost: at least t=3, m=64 MiB, p=4 (about 100-200 ms here). Slots weaker than
# this are refused on load, so a tampered file cannot make a passphrase cheaper to guess;
# slots dearer than 1 GiB or t=10 are refused too, so it cannot make unlock eat the machine.
TIME_COST = 3
MEMORY_KIB = 64 * 1024
PARALLELISM = 4
MAX_TIME_COST = 10
MAX_MEMORY_KIB = 1024 * 1024
MIN_SALT_BYTES = 8
_MAX_FILE_BYTES = 1024 * 1024
_STRICT = ConfigDict(extra="forbid", frozen=True, strict=True)


class Argon2Params(BaseModel):
    model_config = _STRICT
    name: Literal["argon2id"]
    time_cost: int = Field(ge=TIME_COST, le=MAX_TIME_COST)
    memory_kib: int = Field(ge=MEMORY_KIB, le=MAX_MEMORY_KIB)
    parallelism: int = Field(ge=PARALLELISM, le=64)
    salt: B64

    @field_validator("salt")
    @classmethod
    def _salt_size(cls, value: str) -> str:
        # Argon2 refuses a salt under 8 bytes; found here, it is a damaged file, not a crash.
        if not MIN_SALT_BYTES <= len(unb64(value)) <= 1024:
            raise ValueError(f"a key slot's salt must be {MIN_SALT_BYTES} to 1024 bytes")
        return value


class Slot(BaseModel):
    model_config = _STRICT
    id: str = Field(pattern="^[0-9a-f]{64}$")
    kind: Literal["user", "recovery"]
    kdf: Argon2Params
    public_key: B64
    private_key: Wrapped
    db_key: Sealed
    next_db_key: Sealed | None = None  # only between the two steps of a rekey
    authority_key: Sealed | None = None  # admins and the recovery slot


class SlotFile(BaseModel):
    model_config = _STRICT
    format: Literal["caseroom-keyslots"]
    version: Literal[2]
    workspace_id: str = Field(pattern="^[0-9a-f]{32}$")
    slot_id_salt: B64
    slots: tuple[Slot, ...] = Field(max_length=10_000)


def _fault(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error["loc"]) or "the file"
    return f"{where}: {error['msg']}"


def parse(raw: bytes) -> SlotFile:
    """A key slot file, checked exactly; DamagedWorkspace names the first fault."""
    if len(raw) > _MAX_FILE_BYTES:
        raise DamagedWorkspace(f"{FILE_NAME} is damaged: larger than a key slot file can be.")
    if re.search(rb'"version":\s*1\b', raw) and b'"wrapped_key"' in raw:
        raise DamagedWorkspace(
            f"{FILE_NAME} was made by an earlier Caseroom whose signing keys any user could read; "
            "export the cases with that version and import them into a new workspace."
        )
    try:
        data = SlotFile.model_validate_json(raw)
        fault = _consistency_fault(data)
    except ValidationError as exc:
        fault = _fault(exc)
    except (ValueError, UnicodeDecodeError) as exc:
        fault = f"unreadable ({type(exc).__name__})"
    if fault:
        raise DamagedWorkspace(f"{FILE_NAME} is damaged ({fault}); nothing was changed.")
    return data


def _consistency_fault(data: SlotFile) -> str | None:
    ids = [s.id for s in data.slots]
    if len(set(ids)) != len(ids):
        return "two slots have the same id"
    recovery = [s for s in data.slots if s.kind == "recovery"]
    if len(recovery) != 1:
        return f"{len(recovery)} recovery slots where there must be exactly one"
    if recovery[0].authority_key is None:
        return "the recovery slot holds no authority key"
    if len(unb64(data.slot_id_salt)) != 32:
        return "slot_id_salt is not 32 bytes"
    for slot in data.slots:
        if len(unb64(slot.public_key)) != 32 or len(unb64(slot.kdf.salt)) < 16:
            return f"slot {slot.id[:8]} has a key or salt of the wrong size"
    return None
