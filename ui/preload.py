"""What unlocking and the home screen need, loaded while the unlock screen waits.

The unlock screen is painted with Qt and its own few modules loaded; the workspace code,
the models (pydantic) and the home screen are imported once it is on view, while the
passphrase is typed, one module at a time between events so typing is never held up.
Unlocking before this has finished is fine: `load_now` imports what is still missing, on the
UI thread, before the unlocking's worker starts, so that no module is ever imported by two
threads at once (Python's import locks can then refuse one of them).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

MODULES = (
    "pydantic",
    "storage.workspace",
    "storage.reference_data",
    "storage.lists",
    "storage.search",
    "ui.home_screen",
)


def preload(owner: QObject, then: Callable[[], None]) -> None:
    """Import MODULES one per event-loop turn, then call `then`; all of it dropped once
    `owner` (the screen that asked) is gone."""
    remaining = list(MODULES)

    def step() -> None:
        if remaining:
            importlib.import_module(remaining.pop(0))
            QTimer.singleShot(0, owner, step)
        else:
            then()

    QTimer.singleShot(0, owner, step)


def load_now() -> None:
    """Import every one of MODULES not yet loaded, now, on this thread."""
    for name in MODULES:
        importlib.import_module(name)
