"""Start-up: what the unlock and home screens import, checked in a fresh interpreter
(docs/performance.md). No timing here: only which modules are loaded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    """CODE run in a fresh interpreter from the source folder, Qt offscreen, with ENV added."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        capture_output=True,
        text=True,
        check=True,
    )


# The case and meeting models are imported when a case or meeting is first opened.
NOT_BEFORE_HOME = ("models.case", "models.meeting", "models.family_view", "storage.cases")


def test_unlock_and_home_screens_import_no_case_or_meeting_model():
    code = (
        "import sys\n"
        "from storage.keyslots import KeySlots\n"
        "from storage.workspace import Workspace\n"
        "from ui.app import make_app\n"
        "from ui.main_window import MainWindow\n"
        "from ui.home_screen import HomeScreen\n"
        f"print(' '.join(m for m in {NOT_BEFORE_HOME!r} if m in sys.modules))\n"
    )
    done = _run(code)
    assert done.stdout.strip() == ""


# What the unlock screen is painted without; it is loaded once the screen is on view, while
# the passphrase is typed (ui/preload.py).
NOT_BEFORE_UNLOCK_PAINTED = ("pydantic", "storage.workspace", "storage.keyslots", "ui.home_screen")


def test_unlock_screen_is_painted_before_the_workspace_code_loads_then_it_loads():
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from ui.app import make_app\n"
        "from ui.main_window import MainWindow\n"
        "app = make_app()\n"
        f"window = MainWindow(Path({str(ROOT)!r}))\n"
        "window.show()\n"
        "app.processEvents()\n"
        f"print(' '.join(m for m in {NOT_BEFORE_UNLOCK_PAINTED!r} if m in sys.modules))\n"
        "end = time.monotonic() + 60\n"
        "while not window.unlock_screen.ready and time.monotonic() < end:\n"
        "    app.processEvents()\n"
        "    time.sleep(0.001)\n"
        f"print(' '.join(m for m in {NOT_BEFORE_UNLOCK_PAINTED!r} if m in sys.modules))\n"
    )
    done = _run(code)
    before, after = done.stdout.splitlines()
    assert before == ""
    assert after.split() == list(NOT_BEFORE_UNLOCK_PAINTED)


def test_unlocking_before_the_loading_has_finished_unlocks(made_workspace):
    """A passphrase typed and entered at once: what is not loaded yet is loaded then, on
    the UI thread, and the home screen comes up (no module imported by two threads)."""
    folder, _ = made_workspace
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import Qt\n"
        "from PySide6.QtTest import QTest\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from ui.app import make_app\n"
        "from ui.main_window import MainWindow\n"
        "app = make_app()\n"
        f"window = MainWindow(Path({str(folder)!r}))\n"
        "window.show()\n"
        "end = time.monotonic() + 30\n"
        "while QApplication.focusWidget() is None and time.monotonic() < end:\n"
        "    app.processEvents()\n"
        "print('loaded before' if 'storage.workspace' in sys.modules else 'not loaded yet')\n"
        "QTest.keyClicks(QApplication.focusWidget(), 'chair')\n"
        "QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)\n"
        f"QTest.keyClicks(QApplication.focusWidget(), {PASSPHRASE!r})\n"
        "QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)\n"
        "while window.workspace is None and time.monotonic() < end:\n"
        "    app.processEvents()\n"
        "    time.sleep(0.001)\n"
        "print('unlocked' if window.workspace is not None else window.unlock_screen.message.text())\n"
        "print(type(window.stack.currentWidget()).__name__)\n"
    )
    done = _run(code)
    assert done.stdout.splitlines() == ["not loaded yet", "unlocked", "HomeScreen"], done.stderr


def test_through_the_apps_own_entry_the_unlock_screen_is_painted_first(made_workspace, tmp_path):
    """`caseroom` (main.py) itself: its error handling, the organisation's policy and the
    keychain load nothing of the workspace, pydantic or keyring before the first paint."""
    folder, _ = made_workspace
    code = (
        "import os, sys\n"
        "import ui.display\n"
        "ui.display.has_display = lambda: True\n"
        "import ui.unlock_screen as screen\n"
        "painted = screen.UnlockScreen.paintEvent\n"
        "def first_paint(self, event):\n"
        "    painted(self, event)\n"
        f"    names = {(*NOT_BEFORE_UNLOCK_PAINTED, 'keyring')!r}\n"
        "    print(' '.join(m for m in names if m in sys.modules), flush=True)\n"
        "    os._exit(0)\n"
        "screen.UnlockScreen.paintEvent = first_paint\n"
        "import main\n"
        f"main.main(['-w', {str(folder)!r}])\n"
    )
    done = _run(code, XDG_CONFIG_HOME=str(tmp_path))
    assert done.stdout.strip() == "", done.stdout
