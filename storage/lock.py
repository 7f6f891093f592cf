"""One writer per workspace: an exclusive lock held while a workspace is open for writing.

The lock is the operating system's own (flock on POSIX, a byte-range lock on Windows) on
`caseroom.lock` in the workspace folder, so a process that dies, even by kill -9, lets go of
it at once: there are no stale locks to clean up. The file itself stays, empty, so opening a
workspace leaves its folder as it was. storage/ never imports Qt, so this is not QLockFile.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from pathlib import Path

LOCK_NAME = "caseroom.lock"
# A command that writes waits this long for the app (or another command) to finish: long
# enough for another command's passphrase change (three Argon2id runs) on a busy machine.
WAIT_SECONDS = 5.0

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    def _try_share(fd: int) -> bool:
        return False  # Windows' byte locks need write access; read-only media has no writer

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    def _try_share(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


class WorkspaceLock:
    """The exclusive lock of one workspace folder."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / LOCK_NAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, wait: float = WAIT_SECONDS) -> bool:
        """Take the lock, waiting up to `wait` seconds; False if another holder keeps it."""
        if self._fd is not None:
            return True
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return False  # a read-only folder: nobody can write it, this process included
        deadline = time.monotonic() + wait
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                os.close(fd)
                return False
            time.sleep(0.05)
        self._fd = fd
        return True

    def share(self) -> bool:
        """For a reader that cannot write the folder (read-only media, or a folder the user
        may only read): a shared hold, so that no writer starts while it reads the database
        as a file that does not change. False when a writer holds the lock (or the platform
        has no shared lock); the reader then reads through the writer's -shm index."""
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except OSError:
            return False
        if not _try_share(fd):
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)
