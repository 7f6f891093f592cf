"""PySide6 6.12.0 on Python 3.11 loses a reference to None on each Qt call answering None and
to True on each Signal.emit(); the app (any import of `ui`) guards against the crash that
follows (ui/refcount_guard.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

CALLS = """
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget
class Sender(QObject):
    said = Signal()
app = QApplication([])
widget, sender = QWidget(), Sender()
for _ in range(100_000):
    widget.setToolTip("x")
    sender.said.emit()
print("survived")
"""


def _run(prelude: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", prelude + CALLS],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )


def test_the_app_survives_many_qt_calls_and_signals():
    result = _run("import ui\n")
    assert result.returncode == 0 and "survived" in result.stdout, result.stderr[-500:]


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None and True are immortal from 3.12")
def test_the_fault_is_still_there_without_the_guard():
    """When this fails, PySide6 no longer loses these references: ui/refcount_guard.py can go."""
    result = _run("")
    assert result.returncode != 0 and "_dealloc: deallocating" in result.stderr
