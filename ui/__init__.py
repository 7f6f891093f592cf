"""The PySide6 desktop app: screens, table models and background operations."""

from ui.refcount_guard import keep_singletons_alive

keep_singletons_alive()  # before any Qt call: see ui/refcount_guard.py
