"""No secrets in core dumps: the process gives up its core file and its debuggability.

While a workspace is open this process holds the database key, its hex text (in the SQL
that keys a connection) and, for a moment, a passphrase. A crash with `ulimit -c unlimited`
once wrote all three to a 59 MB core file. At start, before anything is unlocked:

- the core-file limit is 0, soft and hard (POSIX; the process cannot raise it again), and
- on Linux the process is not dumpable (prctl PR_SET_DUMPABLE 0): no core file whatever
  the limit or core_pattern says, and another process of the same user cannot ptrace it
  or read its memory through /proc.

Windows has neither; its crash dumps (Windows Error Reporting) are a machine setting,
documented in docs/security.md.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

PR_GET_DUMPABLE, PR_SET_DUMPABLE = 3, 4


def forbid_core_dumps() -> list[str]:
    """Apply what this platform allows; return what was done (for tests and diagnostics)."""
    done = []
    try:
        import resource
    except ImportError:  # Windows
        pass
    else:
        try:
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            done.append("core limit 0")
        except (ValueError, OSError):
            pass
    if sys.platform.startswith("linux") and _prctl(PR_SET_DUMPABLE, 0) == 0:
        done.append("not dumpable")
    return done


def is_dumpable() -> bool | None:
    """Linux: whether the process may dump core or be traced; None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    return _prctl(PR_GET_DUMPABLE, 0) == 1


def _prctl(option: int, value: int) -> int:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        result: int = libc.prctl(option, ctypes.c_ulong(value), 0, 0, 0)
    except (OSError, AttributeError):
        return -1
    return result
