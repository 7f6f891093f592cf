"""Start-up: what the unlock and home screens import, checked in a fresh interpreter
(docs/performance.md). No timing here: only which modules are loaded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

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
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == ""
