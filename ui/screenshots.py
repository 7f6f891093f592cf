"""Screenshots of the real app for the README and docs (offscreen; fictional demo data).

QT_QPA_PLATFORM=offscreen python -m ui.screenshots docs/screenshots
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import keyring
import keyring.backends.fail

from storage.demo import make_demo
from ui.app import make_app
from ui.main_window import MainWindow

PASSPHRASE = "screenshot passphrase"  # noqa: S105 - fictional demo data only


def _settle(app: object, seconds: float = 0.6) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.02)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    keyring.set_keyring(keyring.backends.fail.Keyring())
    app = make_app()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "demo"
        make_demo(folder, PASSPHRASE)
        window = MainWindow(folder)
        window.resize(1400, 900)
        window.show()
        unlock = window.unlock_screen
        unlock.user_edit.setText("chair")
        _settle(app)
        window.grab().save(str(out / "unlock.png"))
        unlock.pass_edit.setText(PASSPHRASE)
        unlock.unlock()
        while window.workspace is None:
            _settle(app, 0.1)
        _settle(app)
        window.grab().save(str(out / "home.png"))
        home = window.screens[0]
        home.search.setText("Zoe")  # type: ignore[attr-defined]
        _settle(app, 1.0)
        window.grab().save(str(out / "search.png"))
        window.show_admin()
        _settle(app)
        window.grab().save(str(out / "admin.png"))
        review(app, window, out)
        window.show_case("g1-case31")
        _settle(app)
        window.grab().save(str(out / "case.png"))
        window.screens[-1].tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
        _settle(app)
        window.grab().save(str(out / "case-people.png"))
        window.show_meeting("g1-case31", "g1-m22")
        meeting = window.screens[-1]
        for row, name in (
            (0, "meeting-attendance"),
            (3, "meeting-contributions"),
            (6, "meeting-risk"),
            (8, "meeting-actions"),
        ):
            meeting.agenda_list.setCurrentRow(row)  # type: ignore[attr-defined]
            _settle(app)
            window.grab().save(str(out / f"{name}.png"))
        window.show_meeting("g1-case31", "g1-m5")
        window.screens[-1].agenda_list.setCurrentRow(10)  # type: ignore[attr-defined]
        _settle(app, 2.0)
        window.grab().save(str(out / "meeting-minutes.png"))
        check(app, window, out)
        window.show_meeting("g1-case31", "g1-m22")
        window.screens[-1].agenda_list.setCurrentRow(3)  # type: ignore[attr-defined]
        window.presenter.resize(1280, 720)
        window.presenter.set_family_mode(True)
        window.presenter.show()
        _settle(app)
        window.presenter.grab().save(str(out / "room-screen.png"))
        large(app, window, out)
        window.lock()
        window.close()


def review(app: object, window: MainWindow, out: Path) -> None:
    """The review of operations for this quarter, with the meetings behind one figure."""
    from ui.review_screen import ReviewScreen

    window.show_review()
    screen = window.screens[-1]
    assert isinstance(screen, ReviewScreen)
    screen.preset.setCurrentIndex(screen.preset.findData("this_quarter"))
    while screen.review is None or screen.review.period.start.month % 3 != 1:
        _settle(app, 0.1)
    _settle(app)
    bars = screen.sections["meetings"].chart.bars
    if bars:
        screen.show_behind(bars[-1].label, bars[-1].meetings)
    _settle(app)
    window.grab().save(str(out / "review.png"))


def check(app: object, window: MainWindow, out: Path) -> None:
    """The chair's check of the family copy, as signing shows it."""
    from models.rules import current_actions
    from ui.family_check_dialog import FamilyCheckDialog

    screen = window.screens[-1]
    dialog = FamilyCheckDialog(screen.meeting, current_actions(screen.case), window)  # type: ignore[attr-defined]
    dialog.show()
    _settle(app)
    dialog.grab().save(str(out / "family-check.png"))
    dialog.close()


def large(app: object, window: MainWindow, out: Path) -> None:
    """The meeting at a 16-pt system font: the agenda names every step in full."""
    from PySide6.QtWidgets import QApplication

    from ui.app import stylesheet

    qt = QApplication.instance()
    assert isinstance(qt, QApplication)
    font = qt.font()
    font.setPointSizeF(16)
    qt.setFont(font)
    qt.setStyleSheet(stylesheet(16))
    window.show_meeting("g1-case31", "g1-m22")
    for row, name in ((0, "meeting-attendance-16pt"), (6, "meeting-risk-16pt")):
        window.screens[-1].agenda_list.setCurrentRow(row)  # type: ignore[attr-defined]
        _settle(app)
        window.grab().save(str(out / f"{name}.png"))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
