"""Making a workspace, and getting its database open before a session exists.

`make` creates the folder, its key slots and database (undone whole if anything fails);
`open_database` runs every check that must come before the read-write connection: where
nothing can be written (read-only media), the database's health (nothing is written to a
damaged one), the one-writer lock, the workspace's identity and its migrations. The session
itself, with what it may do, is storage/workspace.py's Workspace.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from models.text import normalise_name
from models.users import Role, User
from storage import audit, health, identities, migrations
from storage.connection import Connection, DatabaseError, open_keyed, write_transaction
from storage.errors import (
    DamagedWorkspace,
    NotAWorkspace,
    UnknownUser,
    WorkspaceBusy,
    WorkspaceExists,
    WorkspaceReadOnly,
)
from storage.keyslots import KeySlots, folder_is_workspace, new_recovery_key, random_db_key
from storage.lock import WAIT_SECONDS, WorkspaceLock
from storage.read_only import READ_ONLY_MEDIA_REFUSAL, check_readable_there, on_read_only_media
from storage.upgrade import Upgrade, upgrade
from storage.users import check_new_user, insert_user, load_user


def load_slots(folder: Path, db_name: str) -> KeySlots:
    """The key slots of the workspace at `folder`, once it is sure to be one."""
    if not folder.is_dir():
        raise NotAWorkspace(f"There is no workspace at {folder}.")
    if not folder_is_workspace(folder):
        raise NotAWorkspace(f"{folder} is not a Caseroom workspace (no keyslots.json).")
    if not (folder / db_name).is_file():
        raise DamagedWorkspace(f"{folder} has key slots but no {db_name}.")
    return KeySlots.load(folder)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Made:
    """A new workspace, its database open and locked, as its first user."""

    slots: KeySlots
    conn: Connection
    key: bytearray
    user: User
    lock: WorkspaceLock
    recovery: str


def make(
    folder: Path,
    db_path: Path,
    user_name: str,
    passphrase: str,
    display_name: str,
    roles: frozenset[Role],
    agency: str,
) -> Made:
    """Make a new workspace in `folder` (its database at `db_path`); nothing is left of it
    if anything fails."""
    if folder_is_workspace(folder) or db_path.exists():
        raise WorkspaceExists(f"{folder} is already a workspace; nothing was changed.")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise WorkspaceExists(f"{folder} exists and is not an empty folder; nothing was changed.")
    check_new_user(user_name, passphrase)
    made_folder = not folder.exists()
    conn: Connection | None = None
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        os.chmod(folder, 0o700)
        from reports.authority import make_authority

        key, recovery = random_db_key(), new_recovery_key()
        slots = KeySlots.create(folder)
        issuer = make_authority(slots.workspace_id)
        # The first user is always an admin: their slot holds the authority's key.
        slot = slots.new_slot(user_name, passphrase, key, issuer.key_der)
        recovery_slot = slots.new_recovery_slot(recovery, key, issuer.key_der)
        os.close(os.open(db_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        conn = open_keyed(db_path, key, new=True)
        migrations.migrate(conn)
        name = normalise_name(user_name)
        user = User(
            name=name,
            display_name=display_name or user_name.strip(),
            agency=agency,
            roles=roles | {Role.ADMIN},
            created_at=datetime.now(UTC),
        )
        with write_transaction(conn):
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('workspace_id', ?), ('created_at', ?)",
                (slots.workspace_id, _now()),
            )
            identities.add_anchor(conn, issuer.root_pem, "workspace authority", name)
            insert_user(conn, user)
            identities.issue_identity(conn, slots, slot, issuer, user, "made with the account")
            audit.append(conn, name, "workspace.create", "workspace", slots.workspace_id)
            audit.append(conn, name, "user.create", "user", name, {"roles": sorted(user.roles)})
        identities.publish(conn, folder)
        slots.change(lambda _: [slot, recovery_slot], new=True)
        lock = WorkspaceLock(folder)
        lock.acquire(0)
    except BaseException:
        if conn is not None:
            conn.close()
        if made_folder:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            for leftover in folder.iterdir():
                leftover.unlink()
        raise
    return Made(slots, conn, key, user, lock, recovery)


@dataclass
class Opened:
    """The database of a workspace, open as one of its users."""

    conn: Connection
    lock: WorkspaceLock
    user: User
    media: bool  # on read-only media (or a folder the user may only read)
    full: bool  # the full health check has run (else it waits for the first write)
    upgraded: Upgrade | None  # what opening did to a workspace made by an older Caseroom

    def close(self) -> None:
        self.conn.close()
        self.lock.release()


def open_database(
    db: Path, slots: KeySlots, key: bytearray, user_name: str, read_only_if_locked: bool
) -> Opened:
    """Check, lock and open the database at `db` as `user_name`: DamagedWorkspace (having
    written nothing), WorkspaceBusy or WorkspaceReadOnly when it may not be opened."""
    folder = db.parent
    media = on_read_only_media(db)
    if media:
        if not read_only_if_locked:
            raise WorkspaceReadOnly(READ_ONLY_MEDIA_REFUSAL)
        check_readable_there(db)
    # Checked before the read-write connection opens: nothing is written to a damaged
    # database, not even the unlock event (and closing would checkpoint its WAL).
    full = db.stat().st_size <= health.FULL_CHECK_BYTES
    health.check_database(db, key, full=full, read_only_media=media)
    lock = WorkspaceLock(folder)
    if media:
        lock.share()
        locked = False
    else:
        locked = lock.acquire(0 if read_only_if_locked else WAIT_SECONDS)
    if not locked and not read_only_if_locked:
        raise WorkspaceBusy(
            "The workspace is busy: it is open in Caseroom elsewhere (the app or another "
            "command). Try again when that has finished."
        )
    try:
        conn = open_keyed(db, key, read_only=media)
    except BaseException:
        lock.release()
        raise
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'workspace_id'").fetchone()
        if row is None or row[0] != slots.workspace_id:
            raise DamagedWorkspace("The database and keyslots.json belong to different workspaces.")
        if media and migrations.pending(conn):
            raise WorkspaceReadOnly(
                "This workspace was made by an earlier version of Caseroom and must be "
                "updated before it is read, which cannot be done on read-only media: copy "
                "the folder to a place you can write and open it there."
            )
        if not full and migrations.pending(conn):
            health.check_database(db, key, full=True)
            full = True
        upgraded = upgrade(conn, folder, key, slots.workspace_id, writable=lock.held)
        user = load_user(conn, normalise_name(user_name))
        if user is None:
            raise UnknownUser(f"There is no user {normalise_name(user_name)!r} in this workspace.")
    except DatabaseError as exc:
        conn.close()
        lock.release()
        raise DamagedWorkspace(f"The workspace database is damaged ({exc}).") from exc
    except BaseException:
        conn.close()
        lock.release()
        raise
    return Opened(conn, lock, user, media, full, upgraded)
