"""Whether a real screen is there to open windows on (no Qt import: cheap to ask)."""

from __future__ import annotations

import os
import sys


def has_display() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform in ("offscreen", "minimal", "vnc"):
        return False
    if sys.platform != "linux" or platform not in ("", "xcb", "wayland"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
