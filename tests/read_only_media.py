"""A real read-only file system for tests: a small tmpfs, filled, then remounted read-only.

The tests run as root, who may write through any permission bits; only the file system
itself (EROFS) stops root, so a mount is the faithful test. Where the test may not mount
(no CAP_SYS_ADMIN, not Linux) the test is skipped.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


def _mount(*args: str) -> bool:
    result = subprocess.run(["mount", *args], capture_output=True, text=True)
    return result.returncode == 0


@contextlib.contextmanager
def read_only_media(
    where: Path, fill: Callable[[Path], None], size_mib: int = 64
) -> Iterator[Path]:
    """Mount a tmpfs at `where`, let `fill(where)` write into it, then make it read-only."""
    if not sys.platform.startswith("linux") or shutil.which("mount") is None:
        pytest.skip("needs Linux mount")
    where.mkdir(parents=True, exist_ok=True)
    if not _mount("-t", "tmpfs", "-o", f"size={size_mib}m,mode=0755", "tmpfs", str(where)):
        pytest.skip("this test may not mount a file system")
    try:
        fill(where)
        assert _mount("-o", "remount,ro", str(where)), "could not remount read-only"
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)
