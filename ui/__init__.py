"""The PySide6 desktop app: screens, table models and background operations."""

from ui.none_guard import keep_none_alive

keep_none_alive()  # before any Qt call: see ui/none_guard.py
