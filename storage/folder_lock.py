"""An exclusive lock on a workspace folder, for one read-modify-write of a file in it.

POSIX: `flock` on the folder itself, so no lock file is left behind and a rename of the file
being changed (the atomic write) does not drop the lock. Windows: a lock file beside it.
Closing the descriptor releases the lock, also when the process dies.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def exclusive(folder: Path, lock_name: str) -> Iterator[None]:
    """An exclusive lock on the workspace folder for one read-modify-write of the slots."""
    if sys.platform == "win32":  # pragma: no cover - the lock file is the portable way there
        import msvcrt

        fd = os.open(folder / lock_name, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
            yield
        finally:
            os.close(fd)
        return
    import fcntl

    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
