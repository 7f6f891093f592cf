"""The workspace: a folder holding the encrypted database and its key slots.

Open one with a user's passphrase, a remembered key or the recovery key; every opening is
an audit event. The Workspace object holds the one keyed connection; `close()` drops it
and wipes the key bytes it holds. Making a workspace and the checks before its database
opens are storage/opening.py's; the users table is storage/users.py's.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from models.text import normalise_name
from models.users import Role, User
from storage import audit, health, opening
from storage.connection import (
    Connection,
    DatabaseError,
    OperationalError,
    open_keyed,
    write_transaction,
)
from storage.errors import (
    DamagedWorkspace,
    PermissionDenied,
    UnknownUser,
    WorkspaceBusy,
    WorkspaceLocked,
    WorkspaceReadOnly,
    WrongPassphrase,
)
from storage.keychain import Keychain, KeychainState
from storage.keyslots import KeySlots
from storage.lock import WorkspaceLock
from storage.read_only import (
    READ_ONLY_MEDIA_REASON,
    READ_ONLY_REASON,
)
from storage.upgrade import Upgrade
from storage.users import active_users

DB_NAME = "caseroom.db"


class Workspace:
    """An unlocked workspace, acting as one user."""

    def __init__(self, folder: Path, slots: KeySlots, conn: Connection, key: bytearray, user: User):
        self.folder = folder
        self.slots = slots
        self._conn: Connection | None = conn
        self._reader: Connection | None = None
        self._key = key
        self.user = user
        # The unlock event waits for the database's full check where that was too slow to
        # run before unlocking (see _open); no write happens before it passes.
        self._unlock_detail: dict[str, Any] | None = None
        self._check_lock = threading.Lock()
        self._parent: Workspace | None = None
        self._lock: WorkspaceLock | None = None
        # Why this session may not change the record (another holds the lock, or the folder
        # cannot be written), or None.
        self.read_only: str | None = None
        # Nothing at all can be written (read-only media): not even a read's audit event.
        self.media_read_only = False
        # What opening did to a workspace made by an older Caseroom (storage/upgrade.py).
        self.upgraded: Upgrade | None = None
        # Revisions of the cases and meetings this session has read: a save against an older
        # one is refused (storage/cases.py). Shared with the worker views of this workspace.
        self.seen: dict[str, int] = {}

    # --- making and opening ----------------------------------------------------------
    @classmethod
    def create(
        cls,
        folder: Path,
        user_name: str,
        passphrase: str,
        display_name: str = "",
        roles: frozenset[Role] = frozenset({Role.ADMIN, Role.CHAIR}),
        agency: str = "",
    ) -> tuple[Workspace, str]:
        """Make a new workspace; return it, unlocked, with the recovery key to show once."""
        folder = Path(folder)
        made = opening.make(
            folder, folder / DB_NAME, user_name, passphrase, display_name, roles, agency
        )
        ws = cls(folder, made.slots, made.conn, made.key, made.user)
        ws._lock = made.lock
        return ws, made.recovery

    @classmethod
    def open(
        cls,
        folder: Path,
        user_name: str,
        passphrase: str,
        failed_attempts: int = 0,
        *,
        read_only_if_locked: bool = False,
    ) -> Workspace:
        """Unlock with a passphrase. A wrong one changes nothing on disk.

        While another window or command holds the workspace, this waits briefly and then
        raises WorkspaceBusy, or with `read_only_if_locked` opens it to read only.
        """
        slots = opening.load_slots(Path(folder), DB_NAME)
        opened = slots.open_user(user_name, passphrase)
        try:
            keys = slots.db_keys(opened)
        finally:
            opened.wipe()
        return cls._open_first(
            Path(folder), slots, keys, user_name, "passphrase", failed_attempts, read_only_if_locked
        )

    @classmethod
    def open_remembered(
        cls, folder: Path, user_name: str, keychain: Keychain, *, read_only_if_locked: bool = False
    ) -> Workspace | None:
        """Unlock with a key remembered on this computer; None when none is remembered.

        A remembered key that no longer opens the workspace is forgotten and reported as
        WrongPassphrase, so the caller falls back to asking for the passphrase.
        """
        slots = opening.load_slots(Path(folder), DB_NAME)
        if not slots.has_user(user_name):
            raise UnknownUser(f"There is no user {normalise_name(user_name)!r} in this workspace.")
        slot_id = slots.slot_id(user_name)
        key = keychain.recall(slots.workspace_id, slot_id)
        if key is None:
            return None
        try:
            return cls._open(
                Path(folder), slots, key, user_name, "keychain", 0, read_only_if_locked
            )
        except DamagedWorkspace as exc:
            keychain.forget(slots.workspace_id, slot_id)
            raise WrongPassphrase(
                "The key remembered on this computer no longer opens this workspace; "
                "enter your passphrase."
            ) from exc

    @classmethod
    def open_with_recovery(cls, folder: Path, recovery_key: str, user_name: str) -> Workspace:
        slots = opening.load_slots(Path(folder), DB_NAME)
        opened = slots.open_recovery(recovery_key)
        try:
            keys = slots.db_keys(opened)
        finally:
            opened.wipe()
        return cls._open_first(Path(folder), slots, keys, user_name, "recovery key", 0)

    @classmethod
    def _open_first(
        cls,
        folder: Path,
        slots: KeySlots,
        keys: list[bytearray],
        user_name: str,
        method: str,
        failed: int,
        read_only_if_locked: bool = False,
    ) -> Workspace:
        """Open with the slot's database key; if a rekey was cut short, with the next one."""
        for i, key in enumerate(keys):
            try:
                return cls._open(folder, slots, key, user_name, method, failed, read_only_if_locked)
            except DamagedWorkspace:
                if i == len(keys) - 1:
                    raise
        raise DamagedWorkspace("The key slot holds no database key.")

    @classmethod
    def _open(
        cls,
        folder: Path,
        slots: KeySlots,
        key: bytearray,
        user_name: str,
        method: str,
        failed: int,
        read_only_if_locked: bool = False,
    ) -> Workspace:
        opened = opening.open_database(folder / DB_NAME, slots, key, user_name, read_only_if_locked)
        try:
            detail: dict[str, Any] = {"method": method}
            if failed:
                detail["failed_attempts_before"] = failed
            upgraded = opened.upgraded
            if upgraded:  # the unlock event says so (it is written: the full check ran)
                detail["upgraded"] = upgraded.applied
                detail["backup_before_upgrade"] = str(upgraded.backup or "")
            ws = cls(folder, slots, opened.conn, key, opened.user)
            ws.upgraded = upgraded
            ws._lock = opened.lock
            ws.media_read_only = opened.media
            ws.read_only = (
                READ_ONLY_MEDIA_REASON
                if opened.media
                else None
                if opened.lock.held
                else READ_ONLY_REASON
            )
            ws._unlock_detail = detail
            if opened.full:
                ws._record_unlock()
        except DatabaseError as exc:
            opened.close()
            raise DamagedWorkspace(f"The workspace database is damaged ({exc}).") from exc
        except BaseException:
            opened.close()
            raise
        return ws

    def _record_unlock(self, conn: Connection | None = None) -> None:
        detail, self._unlock_detail = self._unlock_detail, None
        # On read-only media nothing can be written: the opening leaves no audit event (a
        # copy there can be read by anyone holding a passphrase, with or without Caseroom).
        if detail is not None and not self.media_read_only:
            conn = conn or self.conn
            with write_transaction(conn):
                audit.append(conn, self.user.name, "unlock", "workspace", self.workspace_id, detail)

    @property
    def check_pending(self) -> bool:
        """True until a big workspace's full check has passed (writes wait for it)."""
        return self._unlock_detail is not None

    def check_pages(self, conn: Connection | None = None) -> health.HealthReport | None:
        """Finish the full check of a big workspace (the app runs this in the background
        after unlock); writes wait for it. None when it had already passed. `conn` is the
        calling thread's connection (the unlock event is written through it)."""
        with self._check_lock:
            if self._unlock_detail is None:
                return None
            report = health.check_database(self.folder / DB_NAME, self._key, full=True)
            self._record_unlock(conn)
            return report

    def for_thread(self) -> Workspace:
        """This workspace, as the same user, with its own keyed connection: for a worker
        thread (signing, PDF builds). A connection is never shared between threads, so the
        UI can save while the worker runs. Close it (or use `with`) when the work is done."""
        if self._conn is None:
            raise WorkspaceLocked("The workspace is locked.")
        key = bytearray(self._key)
        conn = open_keyed(self.folder / DB_NAME, key, read_only=self.media_read_only)
        worker = Workspace(self.folder, self.slots, conn, key, self.user)
        worker._parent = self._parent or self
        worker.read_only, worker.seen = self.read_only, self.seen
        worker.media_read_only = self.media_read_only
        return worker

    def note_saved(self, before: dict[str, int], after: dict[str, int]) -> None:
        """After this session's own save: the revisions it had current stay current (one
        it had not read, or had read before a change elsewhere, stays as it was)."""
        for key, revision in after.items():
            if key not in before or self.seen.get(key) == before[key]:
                self.seen[key] = revision

    def require_writable(self) -> None:
        """Refuse a change to the record in a session that opened to read only."""
        if self.read_only:
            raise WorkspaceReadOnly(self.read_only)

    # --- the open workspace ----------------------------------------------------------
    @property
    def conn(self) -> Connection:
        if self._conn is None:
            raise WorkspaceLocked("The workspace is locked.")
        return self._conn

    @property
    def reader(self) -> Connection:
        """A second connection for slow reads (search) off the UI thread: under WAL it reads
        while the main connection writes, so a long search never holds up a save."""
        if self._conn is None:
            raise WorkspaceLocked("The workspace is locked.")
        if self._reader is None:
            self._reader = open_keyed(
                self.folder / DB_NAME, self._key, read_only=self.media_read_only
            )
        return self._reader

    @property
    def workspace_id(self) -> str:
        return self.slots.workspace_id

    def close(self) -> None:
        """Close the connections and wipe the key bytes this object holds."""
        if self._reader is not None:
            with contextlib.suppress(Exception):
                self._reader.close()
            self._reader = None
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()
            self._conn = None
        if self._lock is not None:
            self._lock.release()
        for i in range(len(self._key)):
            self._key[i] = 0

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction; audit events appended inside it commit with the change."""
        owner = self._parent or self
        if owner._unlock_detail is not None:
            owner.check_pages(self.conn)
        if self.media_read_only:
            # Nothing can be written: a read (export, print, verify) goes ahead without its
            # audit event (`record` keeps none), and a change is refused with the reason.
            try:
                yield self.conn
            except OperationalError as exc:
                if "readonly" in str(exc):
                    raise WorkspaceReadOnly(self.read_only or READ_ONLY_MEDIA_REASON) from exc
                raise
            return
        with write_transaction(self.conn) as conn:
            yield conn

    def record(
        self, action: str, entity: str, entity_id: str = "", detail: dict[str, Any] | None = None
    ) -> audit.Checkpoint:
        """Append an audit event for the current user (inside `transaction()`); on read-only
        media, where none can be kept, the head as it is."""
        if self.media_read_only:
            return audit.checkpoint(self.conn)
        return audit.append(self.conn, self.user.name, action, entity, entity_id, detail)

    def require(self, role: Role) -> None:
        if not self.user.can(role):
            raise PermissionDenied(f"Only a user with the {role.value} role may do this.")

    def verify_audit(self) -> audit.Verdict:
        return audit.verify(self.conn)

    def checkpoint(self) -> audit.Checkpoint:
        return audit.checkpoint(self.conn)

    # --- users and passphrases -------------------------------------------------------
    def users(self) -> list[User]:
        return active_users(self.conn)

    def rekey_database(self, new_key: bytearray) -> None:
        """Re-encrypt the database under `new_key` (SQLCipher PRAGMA rekey); the caller has
        already sealed `new_key` to every remaining slot as their next key."""
        if self._reader is not None:
            with contextlib.suppress(Exception):
                self._reader.close()
            self._reader = None
        busy = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy is not None and busy[0]:
            raise WorkspaceBusy(
                "The workspace is open elsewhere (another window or program): close it, then try again."
            )
        row = self.conn.execute(f"PRAGMA rekey = \"x'{bytes(new_key).hex()}'\"").fetchone()
        if row is not None and str(row[0]).lower() != "ok":
            raise DamagedWorkspace(f"The database could not be re-encrypted ({row[0]}).")
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._key[:] = new_key

    def key_bytes(self) -> bytearray:
        """The database key this object holds (sealed to slots during a rekey)."""
        return self._key

    def key_hex(self) -> str:
        """The raw key as hex, for attaching an encrypted copy (backup) under the same key."""
        return bytes(self._key).hex()

    def remember_key(self, keychain: Keychain) -> KeychainState:
        state = keychain.remember(self.workspace_id, self.slots.slot_id(self.user.name), self._key)
        if state.usable:
            with self.transaction():
                self.record("keychain.remember", "user", self.user.name)
        return state

    def forget_key(self, keychain: Keychain) -> None:
        keychain.forget(self.workspace_id, self.slots.slot_id(self.user.name))
