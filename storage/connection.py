"""The keyed SQLCipher connection, with its settings pinned and checked."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3.dbapi2 as sqlcipher

from storage.errors import DamagedWorkspace, DiskFull, WorkspaceBusy

if TYPE_CHECKING:  # sqlcipher3 ships no type hints; its API is sqlite3's
    from sqlite3 import Connection as Connection
else:
    Connection = sqlcipher.Connection
DatabaseError = sqlcipher.DatabaseError
OperationalError = sqlcipher.OperationalError
IntegrityError = sqlcipher.IntegrityError

KEY_BYTES = 32
# Encrypted pages are decrypted on every cache miss; a cache that holds the working set
# makes a full scan as fast as plain SQLite (SQLite's 2 MB default made it 9x slower).
CACHE_KIB = 256 * 1024
BUSY_TIMEOUT_MS = 2000
# Prepared statements kept per connection. Saving a case runs about 130 distinct statements
# (its tables, their triggers' callers, the search index); Python's default of 128 made
# every save re-parse and re-plan them all (a third of a save's time, measured by `make
# bench`'s storage part: 1.6x plain SQLite with one statement more in the cache, 1.1x without).
CACHED_STATEMENTS = 1024

_PINNED = {
    "cipher_hmac_algorithm": "HMAC_SHA512",
    "cipher_kdf_algorithm": "PBKDF2_HMAC_SHA512",
    "cipher_page_size": "4096",
    "cipher_plaintext_header_size": "0",
}


def _pragma(conn: Connection, name: str) -> str:
    row = conn.execute(f"PRAGMA {name}").fetchone()
    return "" if row is None else str(row[0])


def read_only_uri(path: Path) -> str:
    """How to open a database on read-only media, reading only.

    SQLite reads a WAL database through its shared-memory index (`-shm`), which it cannot
    make on read-only media. Where a -shm is there (a writer elsewhere holds the database
    open), SQLite reads through it; where there is none, the database is closed and holds
    everything (closing folds the WAL in and removes it), so `immutable=1` reads the file
    alone. The caller has made sure no WAL with frames is waiting without its -shm.
    """
    path = Path(path).absolute()  # a URI names a whole path (-w may be relative)
    uri = f"{path.as_uri()}?mode=ro"
    return uri if path.with_name(path.name + "-shm").exists() else uri + "&immutable=1"


def connect(database: str, *, uri: bool = False) -> Connection:
    """A connection as every workspace connection is made (the bench's plain baseline too):
    autocommit (transactions are explicit), usable from the thread that runs the work."""
    conn: Connection = sqlcipher.connect(
        database,
        uri=uri,
        isolation_level=None,
        check_same_thread=False,
        cached_statements=CACHED_STATEMENTS,
    )
    return conn


def open_keyed(
    path: Path, key: bytes | bytearray, *, new: bool = False, read_only: bool = False
) -> Connection:
    """Open `path` with the raw 32-byte `key`, check the cipher settings, set the pragmas.

    `read_only`: the database sits where nothing can be written (see read_only_uri).
    Raises DamagedWorkspace when the file does not open with this key (a damaged file, or a
    key that belongs to another workspace) and WorkspaceBusy when another process holds it.
    """
    if len(key) != KEY_BYTES:
        raise ValueError("the database key must be 32 bytes")
    if not new:
        # An empty or cut file would otherwise be taken for a new database and written to.
        size = Path(path).stat().st_size
        if size == 0 or size % 4096:
            raise DamagedWorkspace(
                f"The workspace database is damaged: its size ({size:,} bytes) is not whole pages."
            )
    conn = connect(read_only_uri(path), uri=True) if read_only else connect(str(path))
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        # The key first, before any other statement touches the file; a raw key, no KDF.
        conn.execute(f"PRAGMA key = \"x'{bytes(key).hex()}'\"")
        version = _pragma(conn, "cipher_version")
        if not version.startswith("4."):
            raise DamagedWorkspace(f"SQLCipher 4 is required; this build is {version or 'none'}.")
        for name, expected in _PINNED.items():
            got = _pragma(conn, name)
            if got != expected:
                raise DamagedWorkspace(f"Cipher setting {name} is {got!r}, not {expected!r}.")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        try:
            tables = conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
        except OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise WorkspaceBusy(
                    "The workspace is busy: another program is writing to it."
                ) from exc
            raise DamagedWorkspace(f"The workspace database cannot be read ({exc}).") from exc
        except DatabaseError as exc:
            raise DamagedWorkspace(
                "The workspace database does not open with its key: it is damaged or was replaced."
            ) from exc
        if not new and not tables:
            raise DamagedWorkspace(
                "The workspace database is empty: it is damaged or was replaced."
            )
        configure(conn, read_only=read_only)
        return conn
    except BaseException:
        conn.close()
        raise


def configure(conn: Connection, read_only: bool = False) -> None:
    """The settings every workspace connection runs with (the bench's plain-SQLite baseline
    uses them too, so the two differ by the encryption alone). A read-only connection
    cannot change the journal mode: it reads the workspace in the mode it was left in."""
    mode = "wal" if read_only else _pragma(conn, "journal_mode=WAL")
    if mode.lower() != "wal":
        raise DamagedWorkspace(f"The workspace could not switch to WAL mode (got {mode!r}).")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    conn.execute("PRAGMA synchronous = FULL")


DISK_FULL = "The disk is full: nothing of this change was saved. Free some space and try again."


def is_disk_full(exc: BaseException) -> bool:
    """SQLITE_FULL: the disk (or the database's page limit) has no room for the change."""
    return isinstance(exc, OperationalError) and "is full" in str(exc)


@contextlib.contextmanager
def write_transaction(conn: Connection) -> Iterator[Connection]:
    """One write transaction: BEGIN IMMEDIATE takes the write lock up front, so a busy
    workspace is reported before anything changes; any error rolls back everything."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise WorkspaceBusy(
                "The workspace is busy: another program is writing to it. Try again shortly."
            ) from exc
        raise
    try:
        yield conn
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if is_disk_full(exc):
            raise DiskFull(DISK_FULL) from exc
        raise
    else:
        try:
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if is_disk_full(exc):
                raise DiskFull(DISK_FULL) from exc
            raise


@contextlib.contextmanager
def read_transaction(conn: Connection) -> Iterator[Connection]:
    """One consistent read: every query inside sees the same committed state (under WAL,
    writers carry on meanwhile)."""
    conn.execute("BEGIN")
    try:
        conn.execute("SELECT 1 FROM sqlite_schema LIMIT 1").fetchall()  # the snapshot starts here
        yield conn
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


def run_script(conn: Connection, script: str) -> None:
    """Run a script statement by statement inside the open transaction.

    (``executescript`` would COMMIT first, breaking the migration's all-or-nothing.)
    """
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlcipher.complete_statement(current):
            if current.strip():
                conn.execute(current)
            current = ""
    if current.strip():
        raise ValueError(f"incomplete SQL statement in migration: {current.strip()[:60]}")
