"""Start the desktop app."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


MIN_POINTS = 11.0


def stylesheet(base_points: float) -> str:
    """The stylesheet with every @N@ replaced by N tenths of the base size."""
    base = max(base_points, MIN_POINTS)
    text = (RESOURCES / "style.qss").read_text(encoding="utf-8")
    return re.sub(r"@(\d+)@", lambda m: f"{base * int(m.group(1)) / 10:.1f}", text)


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Caseroom")
    app.setStyleSheet(stylesheet(app.font().pointSizeF()))  # type: ignore[attr-defined]
    return app  # type: ignore[return-value]


def run_app(folder: Path, user: str = "") -> int:
    app = make_app()
    window = MainWindow(folder)
    window.unlock_screen.user_edit.setText(user)
    window.show()
    window.unlock_screen.reset()
    return app.exec()
