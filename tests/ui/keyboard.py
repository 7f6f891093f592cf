"""Typing like a person: every key goes to the widget that has the focus, and is counted."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QMessageBox, QWidget

from models.meeting import Meeting
from storage import cases
from ui.meeting_screen import MeetingScreen
from ui.mnemonics import mnemonic

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier
ALT = Qt.KeyboardModifier.AltModifier


def name_of(widget: QWidget | None) -> str:
    """The accessible name of a widget, or of the choice box a line edit belongs to."""
    while widget is not None:
        if widget.accessibleName():
            return widget.accessibleName()
        parent = widget.parentWidget()
        widget = parent if isinstance(parent, QComboBox) else None
    return ""


class Person:
    """Presses keys on whatever has the focus, and counts them: `keys` are the keys that are
    not the text itself (Tab, arrows, Enter, shortcuts), `chars` the characters typed."""

    def __init__(self) -> None:
        self.keys = 0
        self.chars = 0
        self.asked: list[str] = []  # the questions confirmation dialogs asked

    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        if widget is None:
            # Offscreen there is no window manager to give the window back its focus when a
            # dialog closes: do what it would do (the widget that had the focus gets it back).
            for window in QApplication.topLevelWidgets():
                if window.isVisible() and not window.isModal() and window.isWindow():
                    window.activateWindow()
                    QApplication.processEvents()
                    break
            widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the focus"
        return widget

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE, times: int = 1) -> None:
        for _ in range(times):
            QTest.keyClick(self.focus(), key, modifiers)
            self.keys += 1

    def type(self, text: str) -> None:
        QTest.keyClicks(self.focus(), text)
        self.chars += len(text)

    def at(self) -> str:
        return name_of(self.focus())

    def tab_to(self, name: str, back: bool = False, limit: int = 80) -> None:
        """Tab (or Shift+Tab) until the field called `name` has the focus."""
        seen = []
        for _ in range(limit):
            if self.at() == name:
                return
            seen.append(self.at())
            self.press(Qt.Key.Key_Backtab if back else Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached {name!r}; it went through {seen}")

    def go_to(self, name: str) -> None:
        """Go to a field as a person who reads its label does: Alt and the underlined letter
        when it has one, else Tab until there."""
        if self.at() == name:
            return
        window = self.focus().window()
        for label in window.findChildren(QLabel):
            buddy = label.buddy()
            if buddy is not None and label.isVisible() and name_of(buddy) == name:
                letter = mnemonic(label.text())
                if letter:
                    self.press(getattr(Qt.Key, f"Key_{letter.upper()}"), ALT)
                    break
        self.tab_to(name)

    def fill(self, name: str, text: str) -> None:
        """Go to a field, then type into it (after selecting what it holds)."""
        self.go_to(name)
        self.press(Qt.Key.Key_A, CTRL)
        self.type(text)

    def answer(self, key: Qt.Key) -> None:
        """Answer the next confirmation with `key` (on whatever has the focus in it)."""

        def reply() -> None:
            box = QApplication.activeModalWidget()
            focus = QApplication.focusWidget()
            if box is None or focus is None or focus.window() is not box:
                QTimer.singleShot(20, reply)  # not yet shown and given the focus
                return
            if isinstance(box, QMessageBox):
                self.asked.append(box.text())
            self.press(key)

        QTimer.singleShot(0, reply)


def meeting_screen(qtbot, workspace, status: str = "scheduled") -> MeetingScreen:
    """A new strategy meeting of a new case, shown and active, with nothing recorded yet."""
    case = cases.new_case(workspace, "MASH-2026-000900", "Ava Okoro")
    meeting = Meeting.model_validate(
        {"id": "m-key", "type": "Strategy meeting", "date": date.today(), "status": status}
    )
    cases.save_meeting(workspace, case.id, meeting)
    screen = MeetingScreen(workspace, case.id, meeting.id)
    qtbot.addWidget(screen)
    screen.resize(1280, 900)
    screen.show()
    screen.activateWindow()
    qtbot.waitExposed(screen)
    qtbot.waitUntil(lambda: _has_focus(screen), timeout=3000)
    return screen


def _has_focus(window: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and focus.window() is window


def stored(workspace, meeting_id: str = "m-key") -> Meeting:
    return cases.open_meeting(workspace, meeting_id)[1]
