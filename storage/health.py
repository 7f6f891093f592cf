"""Check a workspace's database before the first write of a session.

A damaged record must stay exactly as it is, for recovery. So the check runs before the
keyed read-write connection opens (whose close would checkpoint the WAL into the database),
on a read-only connection, and reads the WAL itself: SQLite silently ignores every frame
after the first damaged one, so a flipped byte there would otherwise drop committed work
without a word. What it checks:

- the database is whole pages (SQLCipher keeps no plaintext header, so a wrong first page
  shows up as a page that does not decrypt);
- the WAL's header and every frame's checksum: a frame of the current generation after a
  bad one means the WAL was damaged (a crash can only cut the WAL at its end);
- `PRAGMA quick_check` (every b-tree page read, so every such page's HMAC checked) and
  SQLCipher's `cipher_integrity_check` (every page's HMAC, free pages and WAL frames too).
"""

from __future__ import annotations

import contextlib
import os
import struct
import time
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from storage.connection import read_only_uri
from storage.errors import DamagedWorkspace, WorkspaceBusy

PAGE_SIZE = 4096
_WAL_HEADER = 32
_FRAME_HEADER = 24
_WAL_MAGIC = (0x377F0682, 0x377F0683)
_MASK = 0xFFFFFFFF
# Up to this size the whole check runs before unlocking (about 1.5 s for 64 MiB on a slow
# laptop core); above it, before unlocking only the pages an unlock writes are read, and
# the rest is checked before the session's first write (Workspace.check_pages).
FULL_CHECK_BYTES = 64 * 1024 * 1024
# The rows an unlock reads and writes: reading them decrypts (and so checks) every page on
# their way down each b-tree.
_UNLOCK_READS = (
    "SELECT count(*) FROM sqlite_schema",
    "SELECT * FROM meta",
    "SELECT * FROM users",
    "SELECT * FROM schema_migrations",
    "SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1",
)

ADVICE = (
    "Nothing was opened or changed. Keep this folder as it is, and restore the latest backup "
    "into a new folder (caseroom restore BACKUP -w NEWFOLDER)."
)


@dataclass(frozen=True)
class HealthReport:
    """What the check looked at, and how long it took (for the start-up benchmark)."""

    pages: int
    wal_frames: int
    seconds: float


def _checksum(data: bytes, big_endian: bool, s0: int, s1: int) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & _MASK
        s1 = (s1 + words[i + 1] + s0) & _MASK
    return s0, s1


def wal_problem(wal: Path) -> tuple[str | None, int]:
    """(what is wrong with the WAL file or None, how many valid frames it holds)."""
    try:
        data = wal.read_bytes()
    except FileNotFoundError:
        return None, 0
    if not data:
        return None, 0
    if len(data) < _WAL_HEADER:
        return f"its write-ahead log is cut short ({len(data)} bytes)", 0
    magic, _version, page_size, _ckpt, salt1, salt2, c0, c1 = struct.unpack(">8I", data[:32])
    if magic not in _WAL_MAGIC:
        return "its write-ahead log does not start as one", 0
    big = magic & 1 == 1
    s0, s1 = _checksum(data[:24], big, 0, 0)
    frame = _FRAME_HEADER + PAGE_SIZE
    whole = (len(data) - _WAL_HEADER) // frame
    if (s0, s1) != (c0, c1) or page_size != PAGE_SIZE:
        # SQLite would ignore the whole log; it is empty only if no frame follows.
        return ("its write-ahead log's header is damaged", 0) if whole else (None, 0)
    valid = 0
    broken = False
    for i in range(whole):
        at = _WAL_HEADER + i * frame
        header = data[at : at + _FRAME_HEADER]
        _page, _commit, f1, f2, h0, h1 = struct.unpack(">6I", header)
        same_generation = (f1, f2) == (salt1, salt2)
        if broken:
            if same_generation:
                return f"its write-ahead log is damaged at frame {valid + 1}", valid
            continue
        if not same_generation:
            break  # older frames left from before the log was restarted: not in use
        s0, s1 = _checksum(header[:8] + data[at + _FRAME_HEADER : at + frame], big, s0, s1)
        if (s0, s1) != (h0, h1):
            broken = True
            continue
        valid += 1
    return None, valid


def check_database(
    path: Path, key: bytes | bytearray, *, full: bool = True, read_only_media: bool = False
) -> HealthReport:
    """Raise DamagedWorkspace, having written nothing, if the database or its WAL is damaged.

    `full` adds SQLCipher's page-by-page HMAC check to SQLite's quick_check.
    `read_only_media`: the database sits where nothing can be written (read_only_uri).
    """
    started = time.perf_counter()
    path = Path(path)
    size = path.stat().st_size
    if size == 0 or size % PAGE_SIZE:
        raise DamagedWorkspace(
            f"The workspace database is damaged: its size ({size:,} bytes) is not whole pages. "
            + ADVICE
        )
    wal = path.with_name(path.name + "-wal")
    problem, frames = wal_problem(wal)
    if problem:
        # Another process may be appending to the WAL as it is read: damage must be seen twice.
        time.sleep(0.05)
        problem, frames = wal_problem(wal)
    if problem:
        raise DamagedWorkspace(f"The workspace database is damaged: {problem}. " + ADVICE)
    scratch = [path.with_name(path.name + end) for end in ("-wal", "-shm")]
    made = [p for p in scratch if not p.exists()]
    damage: str | None = None
    try:
        uri = read_only_uri(path) if read_only_media else f"{path.absolute().as_uri()}?mode=ro"
        conn = sqlcipher.connect(uri, uri=True, isolation_level=None)
    except sqlcipher.OperationalError as exc:
        raise DamagedWorkspace(f"The workspace database cannot be opened ({exc}).") from exc
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{bytes(key).hex()}'\"")
        try:
            conn.execute("PRAGMA busy_timeout = 2000")
            conn.execute("PRAGMA cache_size = -65536")
            for query in _UNLOCK_READS:
                conn.execute(query).fetchall()
            rows = conn.execute("PRAGMA quick_check").fetchall() if full else [("ok",)]
            if rows != [("ok",)]:
                damage = f"SQLite's check found {len(rows)} problem(s), first: {rows[0][0]}"
            elif full:
                bad = conn.execute("PRAGMA cipher_integrity_check").fetchall()
                if bad:
                    damage = f"{len(bad)} page(s) fail their checksum, first: {bad[0][0]}"
            pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
        except sqlcipher.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise WorkspaceBusy(
                    "The workspace is busy: another program is writing to it."
                ) from exc
            damage = str(exc)
        except sqlcipher.DatabaseError as exc:
            damage = f"a page does not decrypt ({exc})"
    finally:
        conn.close()
        if damage:
            # The read-only check made SQLite's (empty) WAL and its shared-memory index; a
            # damaged folder is left exactly as it was found.
            for made_now in made:
                with contextlib.suppress(OSError):
                    if made_now.name.endswith("-shm") or made_now.stat().st_size == 0:
                        os.unlink(made_now)
    if damage:
        raise DamagedWorkspace(f"The workspace database is damaged: {damage}. " + ADVICE)
    return HealthReport(pages, frames, time.perf_counter() - started)
