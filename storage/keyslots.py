"""Key slots: the database key wrapped once per user, and once under the recovery key.

`keyslots.json` holds no names and no personal data: a slot is found by an HMAC of the
normalised user name, keyed with a random per-workspace salt. Each slot wraps the 32-byte
database key with AES-256-GCM under a key derived from the passphrase with Argon2id; the
workspace id and slot id are bound in as associated data, so slots cannot be swapped
between users or workspaces. Changing a passphrase rewraps one slot; the database is not
re-encrypted.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import unicodedata
import uuid
from pathlib import Path
from typing import Annotated

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from models.text import normalise_name
from storage.atomic import write_atomic
from storage.errors import DamagedWorkspace, UnknownUser, WrongPassphrase

FILE_NAME = "keyslots.json"
FORMAT = "caseroom-keyslots"
# Argon2id cost: at least t=3, m=64 MiB, p=4 (about 100-200 ms here). Slots weaker than
# this are refused on load, so a tampered file cannot make a passphrase cheaper to guess.
TIME_COST = 3
MEMORY_KIB = 64 * 1024
PARALLELISM = 4
_MAX_MEMORY_KIB = 4 * 1024 * 1024  # a tampered file must not make unlock eat the machine
RECOVERY_BYTES = 20
_RECOVERY_NAME = "\x00recovery"  # no typed user name can contain a NUL
_MAX_FILE_BYTES = 1024 * 1024
MIN_SALT_BYTES = 8


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


B64 = Annotated[str, Field(pattern=r"^[A-Za-z0-9+/]*={0,2}$", max_length=4096)]


class Argon2Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(pattern="^argon2id$")
    time_cost: int = Field(ge=TIME_COST, le=50)
    memory_kib: int = Field(ge=MEMORY_KIB, le=_MAX_MEMORY_KIB)
    parallelism: int = Field(ge=PARALLELISM, le=64)
    salt: B64

    @field_validator("salt")
    @classmethod
    def _salt_size(cls, value: str) -> str:
        # Argon2 refuses a salt under 8 bytes; found here, it is a damaged file, not a crash.
        if not MIN_SALT_BYTES <= len(_unb64(value)) <= 1024:
            raise ValueError(f"a key slot's salt must be {MIN_SALT_BYTES} to 1024 bytes")
        return value


class Slot(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern="^[0-9a-f]{64}$")
    kdf: Argon2Params
    nonce: B64
    wrapped_key: B64


class SlotFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    format: str = Field(pattern=f"^{FORMAT}$")
    version: int = Field(ge=1, le=1)
    workspace_id: str = Field(pattern="^[0-9a-f]{32}$")
    slot_id_salt: B64
    slots: list[Slot] = Field(max_length=10_000)


def _derive(secret: str, params: Argon2Params) -> bytes:
    return hash_secret_raw(
        secret=unicodedata.normalize("NFC", secret).encode("utf-8"),
        salt=_unb64(params.salt),
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def new_recovery_key() -> str:
    """A recovery key to show once: 160 random bits as groups of four base32 letters."""
    text = base64.b32encode(secrets.token_bytes(RECOVERY_BYTES)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def normalise_recovery_key(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


class KeySlots:
    """The key slot file of one workspace, read and written whole."""

    def __init__(self, path: Path, data: SlotFile) -> None:
        self.path = path
        self._data = data

    # --- reading and writing ---------------------------------------------------------
    @classmethod
    def create(cls, folder: Path) -> KeySlots:
        data = SlotFile(
            format=FORMAT,
            version=1,
            workspace_id=uuid.uuid4().hex,
            slot_id_salt=_b64(secrets.token_bytes(32)),
            slots=[],
        )
        return cls(Path(folder) / FILE_NAME, data)

    @classmethod
    def load(cls, folder: Path) -> KeySlots:
        path = Path(folder) / FILE_NAME
        try:
            raw = path.read_bytes() if path.stat().st_size <= _MAX_FILE_BYTES else b""
            data = SlotFile.model_validate_json(raw)
            _unb64(data.slot_id_salt)
        except (ValidationError, ValueError, UnicodeDecodeError) as exc:
            raise DamagedWorkspace(f"{FILE_NAME} is damaged and cannot be read.") from exc
        return cls(path, data)

    def save(self) -> None:
        text = json.dumps(self._data.model_dump(), indent=2, sort_keys=True) + "\n"
        write_atomic(self.path, text.encode("utf-8"))

    @property
    def workspace_id(self) -> str:
        return self._data.workspace_id

    # --- slots -----------------------------------------------------------------------
    def slot_id(self, user_name: str) -> str:
        """The HMAC that names a user's slot (also used as the keychain entry name)."""
        norm = _RECOVERY_NAME if user_name == _RECOVERY_NAME else normalise_name(user_name)
        return hmac.new(
            _unb64(self._data.slot_id_salt), norm.encode("utf-8"), hashlib.sha256
        ).hexdigest()

    def has_user(self, user_name: str) -> bool:
        return self._find(self.slot_id(user_name)) is not None

    def _find(self, slot_id: str) -> Slot | None:
        return next((s for s in self._data.slots if s.id == slot_id), None)

    def _aad(self, slot_id: str) -> bytes:
        return f"{FORMAT}/1|{self._data.workspace_id}|{slot_id}".encode("ascii")

    def _wrap(self, slot_id: str, secret: str, db_key: bytes) -> Slot:
        params = Argon2Params(
            name="argon2id",
            time_cost=TIME_COST,
            memory_kib=MEMORY_KIB,
            parallelism=PARALLELISM,
            salt=_b64(secrets.token_bytes(16)),
        )
        nonce = secrets.token_bytes(12)
        wrapped = AESGCM(_derive(secret, params)).encrypt(nonce, bytes(db_key), self._aad(slot_id))
        return Slot(id=slot_id, kdf=params, nonce=_b64(nonce), wrapped_key=_b64(wrapped))

    def _unwrap(self, slot: Slot, secret: str) -> bytearray:
        try:
            key = AESGCM(_derive(secret, slot.kdf)).decrypt(
                _unb64(slot.nonce), _unb64(slot.wrapped_key), self._aad(slot.id)
            )
        except InvalidTag as exc:
            raise WrongPassphrase("Wrong passphrase.") from exc
        except ValueError as exc:
            raise DamagedWorkspace(f"{FILE_NAME} is damaged: a key slot cannot be read.") from exc
        if len(key) != 32:
            raise DamagedWorkspace(f"{FILE_NAME} is damaged: a key slot holds a wrong-sized key.")
        return bytearray(key)

    def set_user(self, user_name: str, passphrase: str, db_key: bytes | bytearray) -> None:
        """Add or replace the slot of `user_name` (the caller saves the file)."""
        slot = self._wrap(self.slot_id(user_name), passphrase, bytes(db_key))
        slots = self._data.slots
        where = next((i for i, s in enumerate(slots) if s.id == slot.id), None)
        if where is None:
            slots.append(slot)
        else:
            slots[where] = slot  # in place: the other slots stay byte-for-byte as they were

    def set_recovery(self, recovery_key: str, db_key: bytes | bytearray) -> None:
        self.set_user(_RECOVERY_NAME, normalise_recovery_key(recovery_key), db_key)

    def unlock(self, user_name: str, passphrase: str) -> bytearray:
        """The database key, unwrapped with this user's passphrase."""
        slot = self._find(self.slot_id(user_name))
        if slot is None:
            raise UnknownUser(f"There is no user {normalise_name(user_name)!r} in this workspace.")
        return self._unwrap(slot, passphrase)

    def unlock_with_recovery(self, recovery_key: str) -> bytearray:
        slot = self._find(self.slot_id(_RECOVERY_NAME))
        if slot is None:
            raise DamagedWorkspace(f"{FILE_NAME} has no recovery slot.")
        try:
            return self._unwrap(slot, normalise_recovery_key(recovery_key))
        except WrongPassphrase as exc:
            raise WrongPassphrase("Wrong recovery key.") from exc


def folder_is_workspace(folder: Path) -> bool:
    return (Path(folder) / FILE_NAME).is_file()


def random_db_key() -> bytearray:
    return bytearray(os.urandom(32))
