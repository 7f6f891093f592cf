"""Start the desktop app."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


MIN_POINTS = 11.0


def stylesheet(base_points: float) -> str:
    """The stylesheet with every @N@ replaced by N tenths of the base size."""
    base = max(base_points, MIN_POINTS)
    text = (RESOURCES / "style.qss").read_text(encoding="utf-8")
    return re.sub(r"@(\d+)@", lambda m: f"{base * int(m.group(1)) / 10:.1f}", text)


def _report_unexpected(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    """A defect must not vanish into a terminal, nor show a traceback (or case text) to the
    room: say it plainly, and keep what was saved."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(
        None,
        "Caseroom",
        f"Something went wrong ({kind.__name__}). What was saved before is safe; the last change "
        "may not have been saved. Please tell your administrator.",
    )


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Caseroom")
    app.setStyleSheet(stylesheet(app.font().pointSizeF()))  # type: ignore[attr-defined]
    return app  # type: ignore[return-value]


def run_app(folder: Path, user: str = "") -> int:
    app = make_app()
    sys.excepthook = _report_unexpected
    window = MainWindow(folder)
    window.unlock_screen.user_edit.setText(user)
    window.show()
    window.unlock_screen.reset()
    return app.exec()
