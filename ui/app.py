"""Start the desktop app."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def has_display() -> bool:
    if sys.platform != "linux":
        return True
    if os.environ.get("QT_QPA_PLATFORM", "") not in ("", "xcb", "wayland"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Caseroom")
    app.setStyleSheet((RESOURCES / "style.qss").read_text(encoding="utf-8"))
    return app  # type: ignore[return-value]


def run_app(folder: Path) -> int:
    app = make_app()
    window = MainWindow(folder)
    window.show()
    return app.exec()
