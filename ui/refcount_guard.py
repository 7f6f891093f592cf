"""Work around PySide6 6.12.0's lost references to None, True and False on Python 3.11.

PySide6/shiboken6 6.12.0 (abi3 wheels) hand back some answers without taking a reference to
them: None from every call that answers nothing (void methods included: `setToolTip`,
`installEventFilter`, `parentWidget()` of a window…) and True from every `Signal.emit()`.
Python then drops one reference per call. Before Python 3.12 these are ordinary objects
whose counts start near 20,000 (None) and 8,000 (True) in this app, so after that many calls
the interpreter aborts ("Fatal Python error: none_dealloc" or "bool_dealloc"): a form emits
a signal on every keystroke, so a long session, or the whole UI test suite, ends in a crash.
From Python 3.12 on they are immortal and this does nothing.

The remedy until the app runs on Python 3.12 (or a PySide6 without the fault): give each of
them, once at start-up, a count no session can use up (2**48 calls).
"""

from __future__ import annotations

import ctypes
import sys

HEADROOM = 1 << 48
SINGLETONS = (None, True, False)


def keep_singletons_alive() -> None:
    """Make the reference counts of None, True and False too large to reach zero
    (CPython before 3.12 only)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for singleton in SINGLETONS:
        # ob_refcnt is a PyObject's first field; id() is the object's address in CPython.
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < HEADROOM:
            count.value += HEADROOM
