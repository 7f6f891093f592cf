"""Keys that do not collide: a letter per label on each screen, shortcuts apart from the
menus', and one list of shortcuts shown by F1 and printed in the guide."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QAbstractButton, QLabel, QTableWidget, QTabWidget, QWidget

from storage.keychain import Keychain
from tests.ui.keyboard import meeting_screen
from ui.main_window import MainWindow
from ui.mnemonics import MENU_LETTERS, mnemonic
from ui.shortcuts import SHORTCUTS, ShortcutsDialog, as_markdown

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guide.md"


def _letters(root: QWidget) -> list[tuple[str, str]]:
    found = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, (QLabel, QAbstractButton)) and widget.isVisibleTo(root):
            if isinstance(widget, QLabel) and widget.buddy() is None:
                continue
            letter = mnemonic(widget.text())
            if letter:
                found.append((letter, widget.text()))
    return found


def test_the_menus_take_the_letters_the_screens_leave_free(qtbot, tmp_path):
    window = MainWindow(tmp_path, Keychain())
    qtbot.addWidget(window)
    menus = {mnemonic(a.text()) for a in window.menuBar().actions()}
    assert menus == set(MENU_LETTERS)


def test_each_step_of_the_meeting_has_each_letter_once(qtbot, workspace):
    screen = meeting_screen(qtbot, workspace)
    for row in range(screen.minutes_row + 1):
        screen.agenda_list.setCurrentRow(row)
        step = screen.step(row)
        tabs = step.findChildren(QTabWidget)
        for page in range(tabs[0].count() if tabs else 1):
            if tabs:
                tabs[0].setCurrentIndex(page)
            letters = _letters(step)
            mine = [letter for letter, _ in letters]
            assert len(mine) == len(set(mine)), (step.title, sorted(letters))
            assert not set(mine) & MENU_LETTERS, (step.title, letters)
            if row != screen.minutes_row:
                labelled = [
                    w
                    for w in step.findChildren(QLabel)
                    if w.buddy() is not None and w.isVisibleTo(step)
                ]
                named = [w for w in labelled if mnemonic(w.text())]
                assert len(named) >= min(len(labelled), 18), step.title


def test_no_shortcut_of_the_meeting_is_also_a_menus(qtbot, workspace, tmp_path):
    window = MainWindow(tmp_path / "empty", Keychain())
    qtbot.addWidget(window)
    menu_keys = {
        a.shortcut().toString() for a in window.findChildren(QAction) if not a.shortcut().isEmpty()
    }
    screen = meeting_screen(qtbot, workspace)
    for row in range(screen.minutes_row + 1):
        screen.step(row)
    window_wide = [
        s.key().toString()
        for s in screen.findChildren(QShortcut)
        if s.context() == Qt.ShortcutContext.WindowShortcut
    ]
    assert len(window_wide) == len(set(window_wide)), sorted(window_wide)
    every = {s.key().toString() for s in screen.findChildren(QShortcut)}
    assert not every & menu_keys, every & menu_keys


def test_f1_lists_every_shortcut_and_the_guide_lists_the_same(qtbot):
    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    table = dialog.findChild(QTableWidget)
    shown = [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]
    assert shown == [tuple(row) for row in SHORTCUTS]
    assert as_markdown() in GUIDE.read_text(encoding="utf-8")
