"""Upgrading a workspace made by an older Caseroom: a backup first, then the migrations.

Before any migration runs on an existing workspace, a backup of it as it is (the usual
backup file, restorable with `caseroom restore` and the same passphrases) is written beside
the workspace folder: `<folder>-before-upgrade-<UTC time>.caseroom-backup`. If that backup
cannot be written, nothing is migrated and the workspace is not opened. docs/admin.md says
where it goes and how the user hears of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from storage import audit, migrations
from storage.connection import Connection
from storage.errors import DiskFull, InvalidInput, WorkspaceBusy, WorkspaceError
from storage.staging import PREFIXES

SUFFIX = ".caseroom-backup"


@dataclass(frozen=True)
class Upgrade:
    """What an opening did to an older workspace."""

    applied: list[str]
    backup: Path | None  # None only for a backup being restored: that file is its backup

    def describe(self) -> str:
        done = f"Upgraded the workspace ({', '.join(self.applied)})"
        if self.backup is None:
            return done + "."
        return f"{done}; a backup of it as it was is at {self.backup}."


def backup_path(folder: Path, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return folder.parent / f"{folder.name}-before-upgrade-{stamp}{SUFFIX}"


def upgrade(
    conn: Connection, folder: Path, key: bytearray, workspace_id: str, writable: bool
) -> Upgrade | None:
    """Back the workspace up, then apply every pending migration; None if none was."""
    todo = migrations.pending(conn)
    if not todo:
        return None
    if not writable:
        raise WorkspaceBusy(
            "This workspace must be upgraded for this version of Caseroom, which waits until "
            "no other Caseroom window or command has it open. Close the other one and try again."
        )
    out = None
    # A folder being restored is a backup's copy: the backup file is its backup already.
    if not folder.name.startswith(PREFIXES):
        from storage.backup import write_backup  # backup.py builds on workspace.py

        out = backup_path(folder)
        try:
            write_backup(
                conn, bytes(key).hex(), folder, workspace_id, out, lambda: audit.checkpoint(conn)
            )
        except (OSError, InvalidInput, DiskFull) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise WorkspaceError(
                f"This workspace must be upgraded for this version of Caseroom, and a backup of "
                f"it is written first, to {out}; that failed ({why.rstrip('.')}). Nothing was "
                "changed; make room or allow writing there, then open it again."
            ) from exc
    return Upgrade(migrations.migrate(conn), out)
