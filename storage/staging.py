"""Staging folders for backup and restore, and what an interrupted run left behind.

A backup is built, and a restore checked, in a hidden folder beside its target; a kill -9
leaves that folder there. Its name carries the process id, so the next backup or restore in
the same place removes every one whose process is gone (and never one still at work).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

PREFIXES = (".caseroom-backup-", ".caseroom-restore-")
# Where a process cannot be asked whether it still runs (Windows), a day-old folder is stale.
_STALE_SECONDS = 24 * 3600


def new_staging(parent: Path, kind: str) -> Path:
    """A new private staging folder in `parent` (kind: "backup" or "restore")."""
    folder = Path(tempfile.mkdtemp(dir=parent, prefix=f".caseroom-{kind}-{os.getpid()}-"))
    if os.name == "posix":
        os.chmod(folder, 0o700)
    return folder


@contextlib.contextmanager
def staging(parent: Path, kind: str) -> Iterator[Path]:
    """A staging folder that is removed however the work inside ends."""
    folder = new_staging(parent, kind)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _owner_gone(entry: Path) -> bool:
    parts = entry.name.split("-")
    pid = int(parts[2]) if len(parts) > 3 and parts[2].isdigit() else None
    if pid is not None and pid == os.getpid():
        return False
    if pid is not None and os.name == "posix":
        try:
            os.kill(pid, 0)  # signal 0: asks only whether the process exists
        except ProcessLookupError:
            return True
        except OSError:
            return False  # it exists, as another user's process
        return False
    # Windows (os.kill would end the process), or a name without a pid: go by age.
    try:
        return time.time() - entry.stat().st_mtime > _STALE_SECONDS
    except OSError:
        return False


def remove_leftovers(parent: Path) -> list[Path]:
    """Remove staging folders in `parent` left by an interrupted backup or restore."""
    removed: list[Path] = []
    try:
        entries = list(Path(parent).iterdir())
    except OSError:
        return removed
    for entry in entries:
        ours = entry.name.startswith(PREFIXES) and entry.is_dir() and not entry.is_symlink()
        if ours and _owner_gone(entry):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed
