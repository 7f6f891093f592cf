"""The tamper-evident audit log: an append-only hash chain inside the encrypted database.

Each row's hash is SHA-256(prev_hash || canonical JSON of the row), so changing, removing or
inserting a row breaks every later link. Triggers refuse UPDATE and DELETE; `verify` checks
that they are still there, word for word, then walks the chain and names the first row that
does not fit. The chain is unkeyed: someone with the database key who drops the triggers
can rewrite it and recompute every hash. That is caught from outside (storage/anchors.py):
every signed PDF and every backup carries the chain's checkpoint (sequence and head hash).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from storage.connection import Connection

GENESIS = "0" * 64

SCHEMA = (
    """
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM audit_log)
  OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1),
                                   '"""
    + GENESIS
    + """')
BEGIN SELECT RAISE(ABORT, 'audit rows must extend the chain'); END;
"""
)


def _statements(script: str) -> dict[str, str]:
    """name -> SQL of each CREATE TABLE / CREATE TRIGGER in `script`, spacing ignored."""
    pattern = r"(?s)(CREATE TABLE (\w+)\b.*?\);|CREATE TRIGGER (\w+)\b.*?\bEND;)"
    return {
        table or trigger: _plain(sql.removesuffix(";"))
        for sql, table, trigger in re.findall(pattern, script)
    }


def _plain(sql: str) -> str:
    return " ".join(sql.replace("(", " ( ").replace(")", " ) ").split())


# What keeps the log append-only, as the schema declares it: checked on every `verify`.
PROTECTION = _statements(SCHEMA)


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no spaces: one text for one value."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def row_hash(prev_hash: str, row: dict[str, Any]) -> str:
    body = canonical_json(
        {k: row[k] for k in ("seq", "at", "user", "action", "entity", "entity_id", "detail")}
    )
    return hashlib.sha256(bytes.fromhex(prev_hash) + body.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    head: str


@dataclass(frozen=True)
class Verdict:
    ok: bool
    rows: int
    first_bad_seq: int | None = None
    reason: str = ""

    def describe(self) -> str:
        if self.ok:
            return f"Audit chain intact: {self.rows} events."
        if self.first_bad_seq is None:
            return f"Audit log unprotected: {self.reason}."
        return f"Audit chain broken at event {self.first_bad_seq}: {self.reason}."


def append(
    conn: Connection,
    user: str,
    action: str,
    entity: str = "workspace",
    entity_id: str = "",
    detail: dict[str, Any] | None = None,
) -> Checkpoint:
    """Append one event. Call inside the write transaction of the change it records."""
    return insert(conn, prepare(conn, user, action, entity, entity_id, detail))


def prepare(
    conn: Connection,
    user: str,
    action: str,
    entity: str = "workspace",
    entity_id: str = "",
    detail: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The next event as it will be stored, hash included, without storing it.

    Signing puts the event's checkpoint into the PDF before the event is written; `insert`
    then stores it only if the chain's head is still the one it was made on.
    """
    head = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    prev_seq, prev_hash = (head[0], head[1]) if head else (0, GENESIS)
    row: dict[str, Any] = {
        "seq": prev_seq + 1,
        "at": datetime.now(UTC).isoformat(timespec="microseconds"),
        "user": user,
        "action": action,
        "entity": entity,
        "entity_id": str(entity_id),
        "detail": canonical_json(detail or {}),
    }
    row["prev_hash"] = prev_hash
    row["hash"] = row_hash(prev_hash, row)
    return row


def insert(conn: Connection, row: dict[str, Any]) -> Checkpoint:
    """Store a prepared event (the chain trigger refuses it if the head has moved)."""
    conn.execute(
        "INSERT INTO audit_log (seq, at, user, action, entity, entity_id, detail, prev_hash, hash)"
        " VALUES (:seq, :at, :user, :action, :entity, :entity_id, :detail, :prev_hash, :hash)",
        row,
    )
    return Checkpoint(row["seq"], row["hash"])


def checkpoint(conn: Connection) -> Checkpoint:
    head = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return Checkpoint(head[0], head[1]) if head else Checkpoint(0, GENESIS)


def protection_problem(conn: Connection) -> str | None:
    """Why the log's table or triggers are not as the schema made them, or None."""
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'audit_log' AND type IN ('table', 'trigger')"
    ).fetchall()
    present = {name: _plain(sql or "") for name, sql in rows}
    for name, sql in PROTECTION.items():
        if name not in present:
            return f"{name} is missing, so the log can be changed without a trace in it"
        if present[name] != sql:
            return f"{name} is not the one Caseroom made (its SQL was changed)"
    extra = sorted(set(present) - set(PROTECTION))
    if extra:
        return f"{extra[0]} was added to the audit log by something other than Caseroom"
    return None


def verify(conn: Connection) -> Verdict:
    """Check the protecting triggers, then walk the whole chain; name the first fault."""
    problem = protection_problem(conn)
    if problem:
        return Verdict(False, 0, None, problem)
    cursor = conn.execute(
        "SELECT seq, at, user, action, entity, entity_id, detail, prev_hash, hash"
        " FROM audit_log ORDER BY seq"
    )
    names = [d[0] for d in cursor.description]
    expected_seq, expected_prev, count = 1, GENESIS, 0
    for values in cursor:
        row = dict(zip(names, values, strict=True))
        count += 1
        if row["seq"] != expected_seq:
            return Verdict(False, count, expected_seq, f"event {expected_seq} is missing")
        if row["prev_hash"] != expected_prev:
            return Verdict(False, count, row["seq"], "it does not link to the event before it")
        try:
            good = row_hash(row["prev_hash"], row) == row["hash"]
        except (ValueError, TypeError):
            good = False
        if not good:
            return Verdict(False, count, row["seq"], "its content does not match its hash")
        expected_seq, expected_prev = expected_seq + 1, row["hash"]
    return Verdict(True, count)


def events(conn: Connection, limit: int = 100) -> list[dict[str, Any]]:
    cursor = conn.execute(
        "SELECT seq, at, user, action, entity, entity_id, detail FROM audit_log"
        " ORDER BY seq DESC LIMIT ?",
        (limit,),
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor]
