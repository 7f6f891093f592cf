"""Why a session may not change the record, and finding out where nothing can be written.

A session reads only when another window or command holds the workspace (storage/lock.py),
or when the workspace is on read-only media or in a folder the user may only read. The
second is asked of the operating system itself (`os.access`, which says no for a read-only
file system even to root), the same question SQLite meets when it tries to write.
"""

from __future__ import annotations

import os
from pathlib import Path

from storage import health
from storage.errors import WorkspaceReadOnly

READ_ONLY_REASON = (
    "This workspace is open in another Caseroom window or command, so it is open here to read "
    "only: close the other one to make changes."
)
READ_ONLY_MEDIA_REASON = (
    "This workspace is on read-only media or in a folder you may not change, so it is open "
    "to read only: copy the folder to a place you can write to make changes."
)
READ_ONLY_MEDIA_REFUSAL = (
    "This workspace is on read-only media or in a folder you may not change, so nothing can "
    "be changed there: copy the folder to a place you can write. Nothing was changed."
)


def on_read_only_media(db: Path) -> bool:
    """True when this process cannot change the workspace's database `db` or make files
    beside it: read-only media (the file system says EROFS, to root as well), or a folder
    or database the user may only read."""
    return not (os.access(db.parent, os.W_OK) and os.access(db, os.W_OK))


def check_readable_there(db: Path) -> None:
    """On read-only media SQLite reads a WAL only through its -shm index, which it cannot
    make there: committed changes waiting in a WAL without one cannot be read faithfully."""
    wal, shm = (db.with_name(db.name + end) for end in ("-wal", "-shm"))
    if not shm.exists() and health.wal_problem(wal)[1]:
        raise WorkspaceReadOnly(
            "This workspace is on read-only media and was not closed properly: its latest "
            "changes wait in caseroom.db-wal, which cannot be read there. Copy the folder to a "
            "place you can write and open it there; nothing was changed."
        )
