"""What was typed but could not be saved yet (it breaks a rule, or the app locked first),
kept in the encrypted workspace per user until it is saved or thrown away."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from storage.workspace import Workspace


def keep(ws: Workspace, key: str, data: dict[str, Any]) -> None:
    body = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    with ws.transaction():
        ws.conn.execute(
            "INSERT INTO drafts (user, key, saved_at, body) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (user, key) DO UPDATE SET saved_at = excluded.saved_at,"
            " body = excluded.body",
            (ws.user.name, key, datetime.now(UTC).isoformat(), body),
        )


def read(ws: Workspace, key: str) -> dict[str, Any] | None:
    row = ws.conn.execute(
        "SELECT body FROM drafts WHERE user = ? AND key = ?", (ws.user.name, key)
    ).fetchone()
    if row is None:
        return None
    data = json.loads(row[0])
    return data if isinstance(data, dict) else None


def discard(ws: Workspace, key: str) -> None:
    if read(ws, key) is None:
        return  # no write transaction (and no lock) when there is nothing to drop
    with ws.transaction():
        ws.conn.execute("DELETE FROM drafts WHERE user = ? AND key = ?", (ws.user.name, key))
