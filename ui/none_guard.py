"""Work around PySide6 6.12.0's lost references to None on Python 3.11.

PySide6/shiboken6 6.12.0 (abi3 wheels) hand back None without taking a reference to it, on
every call that answers None, void methods included (`setToolTip`, `installEventFilter`,
`parentWidget()` of a window…): Python then drops one reference to None per call. Before
Python 3.12, None is an ordinary object whose count starts near 20,000 in this app, so after
enough calls the interpreter aborts ("Fatal Python error: none_dealloc: deallocating None"):
a long session, or the whole UI test suite, ends in a crash. From Python 3.12 on None is
immortal and this does nothing.

The remedy until the app runs on Python 3.12 (or a PySide6 without the fault): give None,
once at start-up, a count no session can use up (2**48 calls).
"""

from __future__ import annotations

import ctypes
import sys

HEADROOM = 1 << 48


def keep_none_alive() -> None:
    """Make None's reference count too large to reach zero (Python < 3.12 only)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    # ob_refcnt is a PyObject's first field; id() is the object's address in CPython.
    count = ctypes.c_ssize_t.from_address(id(None))
    if count.value < HEADROOM:
        count.value += HEADROOM
