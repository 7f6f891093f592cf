"""Key slots: who can open the database, and with what (docs/security.md explains the design).

`keyslots.json` holds no names and no personal data: a slot is found by an HMAC of the
normalised user name, keyed with a random per-workspace salt. Each slot has an X25519 key
pair: its private half is wrapped (AES-256-GCM) under a key derived from the owner's
passphrase (Argon2id, then HKDF); the database key, and for admins and the recovery slot
the workspace authority's key, are *sealed* to its public half. So:

- a passphrase change rewraps one private key; nothing sealed to the slot changes;
- an admin can seal a new database key to every remaining slot (a rekey after removing a
  user) without anyone else's passphrase, and can read nothing sealed to another slot;
- each user's signing key is sealed to their own slot (storage/identities.py), so only
  their passphrase can unseal it.

Every change re-reads the file under an exclusive lock, changes one slot (or reseals all
during a rekey), and writes the file atomically. Parsing is strict: a file that does not
match exactly is refused as damaged, naming the fault, and nothing is written.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag

from models.text import normalise_name
from storage.atomic import write_atomic
from storage.errors import DamagedWorkspace, UnknownUser, WrongPassphrase
from storage.folder_lock import exclusive
from storage.keyslot_file import (
    FILE_NAME,
    FORMAT,
    MEMORY_KIB,
    PARALLELISM,
    TIME_COST,
    VERSION,
    Argon2Params,
    Slot,
    SlotFile,
    parse,
)
from storage.sealing import (
    Sealed,
    Wrapped,
    b64,
    derive,
    new_keypair,
    seal,
    subkey,
    unb64,
    unseal,
    unwrap,
    wrap,
)

RECOVERY_BYTES = 20
_RECOVERY_NAME = "\x00recovery"  # no typed user name can contain a NUL

DB_KEY = "database key"
AUTHORITY_KEY = "authority key"


def new_recovery_key() -> str:
    """A recovery key to show once: 160 random bits as groups of four base32 letters."""
    text = base64.b32encode(secrets.token_bytes(RECOVERY_BYTES)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def normalise_recovery_key(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


@dataclass
class OpenSlot:
    """A slot opened with its owner's secret: it can unseal what was sealed to it."""

    slot_id: str
    private_key: bytearray
    aad_prefix: str

    def unseal(self, sealed: Sealed, purpose: str, context: str = "") -> bytes:
        try:
            return unseal(
                bytes(self.private_key),
                sealed,
                purpose,
                f"{self.aad_prefix}|{purpose}|{context}".encode(),
            )
        except (InvalidTag, ValueError) as exc:
            raise DamagedWorkspace(
                f"Something sealed to this user ({purpose}) cannot be opened."
            ) from exc

    def wipe(self) -> None:
        for i in range(len(self.private_key)):
            self.private_key[i] = 0


class KeySlots:
    """The key slot file of one workspace."""

    def __init__(self, path: Path, data: SlotFile) -> None:
        self.path = path
        self._data = data

    # --- reading and writing ---------------------------------------------------------
    @classmethod
    def create(cls, folder: Path) -> KeySlots:
        """A new, empty slot file in memory (the first `change` writes it)."""
        data = SlotFile.model_construct(
            format=FORMAT,
            version=VERSION,
            workspace_id=uuid.uuid4().hex,
            slot_id_salt=b64(secrets.token_bytes(32)),
            slots=(),
        )
        return cls(Path(folder) / FILE_NAME, data)

    @classmethod
    def load(cls, folder: Path) -> KeySlots:
        path = Path(folder) / FILE_NAME
        return cls(path, parse(path.read_bytes()))

    def change(self, edit: Callable[[list[Slot]], list[Slot]], *, new: bool = False) -> None:
        """Re-read the file under an exclusive lock, apply `edit` to its slots, write it.

        `edit` sees the slots as they are on disk now, so a change made meanwhile by
        another process (another user's passphrase) is kept.
        """
        with exclusive(self.path.parent, f".{FILE_NAME}.lock"):
            current = self._data if new else parse(self.path.read_bytes())
            if current.workspace_id != self._data.workspace_id:
                raise DamagedWorkspace(f"{FILE_NAME} now belongs to another workspace.")
            slots = edit(list(current.slots))
            text = json.dumps(
                {**current.model_dump(), "slots": [s.model_dump() for s in slots]},
                indent=2,
                sort_keys=True,
            )
            data = parse(text.encode("utf-8"))  # never write what would not load
            write_atomic(self.path, (text + "\n").encode("utf-8"))
            self._data = data

    def refresh(self) -> None:
        self._data = parse(self.path.read_bytes())

    @property
    def workspace_id(self) -> str:
        return self._data.workspace_id

    @property
    def slots(self) -> tuple[Slot, ...]:
        return self._data.slots

    # --- slots -----------------------------------------------------------------------
    def slot_id(self, user_name: str) -> str:
        """The HMAC that names a user's slot (also used as the keychain entry name)."""
        norm = _RECOVERY_NAME if user_name == _RECOVERY_NAME else normalise_name(user_name)
        return hmac.new(
            unb64(self._data.slot_id_salt), norm.encode("utf-8"), hashlib.sha256
        ).hexdigest()

    @property
    def recovery_slot_id(self) -> str:
        return self.slot_id(_RECOVERY_NAME)

    def has_user(self, user_name: str) -> bool:
        return self.find(self.slot_id(user_name)) is not None

    def find(self, slot_id: str) -> Slot | None:
        return next((s for s in self._data.slots if s.id == slot_id), None)

    def _aad(self, slot_id: str) -> str:
        return f"{FORMAT}/{VERSION}|{self._data.workspace_id}|{slot_id}"

    def _seal(
        self, slot_id: str, public: bytes, data: bytes | bytearray, purpose: str, context: str
    ) -> Sealed:
        return seal(
            public, bytes(data), purpose, f"{self._aad(slot_id)}|{purpose}|{context}".encode()
        )

    def seal_to(
        self, slot: Slot, data: bytes | bytearray, purpose: str, context: str = ""
    ) -> Sealed:
        """Seal `data` so that only `slot`'s owner can open it (no secret needed here)."""
        return self._seal(slot.id, unb64(slot.public_key), data, purpose, context)

    def _protect(
        self, slot_id: str, secret: str, private_key: bytes
    ) -> tuple[Argon2Params, Wrapped]:
        params = Argon2Params(
            name="argon2id",
            time_cost=TIME_COST,
            memory_kib=MEMORY_KIB,
            parallelism=PARALLELISM,
            salt=b64(secrets.token_bytes(16)),
        )
        key = subkey(self._material(secret, params), "keyslot/private-key")
        return params, wrap(key, private_key, f"{self._aad(slot_id)}|private key".encode())

    @staticmethod
    def _material(secret: str, params: Argon2Params) -> bytes:
        return derive(
            secret, unb64(params.salt), params.time_cost, params.memory_kib, params.parallelism
        )

    def new_slot(
        self,
        user_name: str,
        secret: str,
        db_key: bytes | bytearray,
        authority_key: bytes | None = None,
    ) -> Slot:
        """A slot with a new key pair, protected by `secret`, holding `db_key` (and the
        authority key, for an admin or the recovery slot). Nothing is written."""
        slot_id = self.slot_id(user_name)
        private, public = new_keypair()
        params, wrapped = self._protect(slot_id, secret, private)
        return Slot(
            id=slot_id,
            kind="recovery" if user_name == _RECOVERY_NAME else "user",
            kdf=params,
            public_key=b64(public),
            private_key=wrapped,
            db_key=self._seal(slot_id, public, bytes(db_key), DB_KEY, ""),
            authority_key=None
            if authority_key is None
            else self._seal(slot_id, public, authority_key, AUTHORITY_KEY, ""),
        )

    def new_recovery_slot(
        self, recovery_key: str, db_key: bytes | bytearray, authority_key: bytes
    ) -> Slot:
        return self.new_slot(
            _RECOVERY_NAME, normalise_recovery_key(recovery_key), db_key, authority_key
        )

    def rewrap(self, slot: Slot, opened: OpenSlot, new_secret: str) -> Slot:
        """The same slot (same key pair, same sealed keys) under a new passphrase."""
        params, wrapped = self._protect(slot.id, new_secret, bytes(opened.private_key))
        return slot.model_copy(update={"kdf": params, "private_key": wrapped})

    def open_slot(self, slot: Slot, secret: str) -> OpenSlot:
        key = subkey(self._material(secret, slot.kdf), "keyslot/private-key")
        try:
            private = unwrap(key, slot.private_key, f"{self._aad(slot.id)}|private key".encode())
        except InvalidTag as exc:
            raise WrongPassphrase("Wrong passphrase.") from exc
        except ValueError as exc:
            raise DamagedWorkspace(f"{FILE_NAME} is damaged: a key slot cannot be read.") from exc
        if len(private) != 32:
            raise DamagedWorkspace(f"{FILE_NAME} is damaged: a key slot holds a wrong-sized key.")
        return OpenSlot(slot.id, bytearray(private), self._aad(slot.id))

    def unlock(self, user_name: str, passphrase: str) -> bytearray:
        """The database key, unsealed with this user's passphrase."""
        opened = self.open_user(user_name, passphrase)
        try:
            return self.db_keys(opened)[0]
        finally:
            opened.wipe()

    def unlock_with_recovery(self, recovery_key: str) -> bytearray:
        opened = self.open_recovery(recovery_key)
        try:
            return self.db_keys(opened)[0]
        finally:
            opened.wipe()

    def open_user(self, user_name: str, passphrase: str) -> OpenSlot:
        """This user's slot, opened with their passphrase."""
        slot = self.find(self.slot_id(user_name))
        if slot is None:
            raise UnknownUser(f"There is no user {normalise_name(user_name)!r} in this workspace.")
        return self.open_slot(slot, passphrase)

    def open_recovery(self, recovery_key: str) -> OpenSlot:
        slot = self.find(self.recovery_slot_id)
        if slot is None:
            raise DamagedWorkspace(f"{FILE_NAME} has no recovery slot.")
        try:
            return self.open_slot(slot, normalise_recovery_key(recovery_key))
        except WrongPassphrase as exc:
            raise WrongPassphrase("Wrong recovery key.") from exc

    def db_keys(self, opened: OpenSlot) -> list[bytearray]:
        """The database key this slot holds, then the next one if a rekey was under way."""
        slot = self.find(opened.slot_id)
        if slot is None:
            raise UnknownUser("This user's key slot has been removed.")
        keys = [opened.unseal(slot.db_key, DB_KEY)]
        if slot.next_db_key is not None:
            keys.append(opened.unseal(slot.next_db_key, DB_KEY))
        if any(len(k) != 32 for k in keys):
            raise DamagedWorkspace(f"{FILE_NAME} is damaged: a key slot holds a wrong-sized key.")
        return [bytearray(k) for k in keys]

    def authority_key(self, opened: OpenSlot) -> bytes | None:
        slot = self.find(opened.slot_id)
        if slot is None or slot.authority_key is None:
            return None
        return opened.unseal(slot.authority_key, AUTHORITY_KEY)


def folder_is_workspace(folder: Path) -> bool:
    return (Path(folder) / FILE_NAME).is_file()


def random_db_key() -> bytearray:
    return bytearray(os.urandom(32))
