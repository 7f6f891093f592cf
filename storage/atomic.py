"""Write a file so that a crash leaves either the old file or the new one, never half.

Portable: on POSIX the temp file gets its mode with fchmod and the folder is fsynced after
the rename, so the rename itself survives a power cut; Windows has neither (its permissions
are the folder's ACL, and a folder cannot be opened to fsync), so both are skipped there.
A full disk is reported in words, and the temp file is removed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
from pathlib import Path

from storage.errors import DiskFull

_POSIX = os.name == "posix"


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write `data` to `path` through a temp file in the same folder, fsync, rename."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if _POSIX:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFull(
                f"The disk is full: {path.name} was not written. Free some space and try again."
            ) from exc
        raise
    fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable, where the platform allows it."""
    if not _POSIX or sys.platform == "emscripten":
        return
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    except OSError as exc:  # some file systems (network shares) refuse it: not a failure
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(dir_fd)
