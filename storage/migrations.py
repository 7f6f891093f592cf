"""Named, ordered migrations; each runs in its own transaction and is recorded.

A migration is a function of the connection. Add new ones at the end; never edit one that
has shipped. The tests keep a workspace per schema version to prove each upgrade.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlcipher3.dbapi2 as sqlcipher

from storage import audit
from storage.connection import Connection, write_transaction

Migration = Callable[[Connection], None]


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


def _m001_core(conn: Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE users (
            name TEXT PRIMARY KEY,
            display_name TEXT NOT NULL,
            agency TEXT NOT NULL DEFAULT '',
            roles TEXT NOT NULL,
            created_at TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1
        );
        """
        + audit.SCHEMA,
    )


MIGRATIONS: list[tuple[str, Migration]] = [
    ("001_core", _m001_core),
]


def _ensure_table(conn: Connection) -> None:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )


def pending(conn: Connection) -> list[str]:
    _ensure_table(conn)
    done = {r[0] for r in conn.execute("SELECT name FROM schema_migrations")}
    return [name for name, _ in MIGRATIONS if name not in done]


def migrate(conn: Connection) -> list[str]:
    """Apply every pending migration, each in its own transaction; return their names."""
    applied = []
    todo = set(pending(conn))
    for name, step in MIGRATIONS:
        if name not in todo:
            continue
        with write_transaction(conn):
            step(conn)
            conn.execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat()),
            )
        applied.append(name)
    return applied


def schema_version(conn: Connection) -> str:
    row = conn.execute("SELECT max(name) FROM schema_migrations").fetchone()
    return str(row[0] or "")
