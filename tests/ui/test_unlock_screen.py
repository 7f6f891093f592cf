"""The unlock screen, driven with the keyboard alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from storage.keychain import Keychain
from tests.conftest import PASSPHRASE
from tests.ui.keyboard import CTRL, Person
from ui.main_window import MainWindow
from ui.unlock_screen import UnlockScreen


def test_wrong_then_right_passphrase_keyboard_only(qtbot, made_workspace, memory_keyring):
    folder, _ = made_workspace
    window = MainWindow(folder, Keychain())
    qtbot.addWidget(window)
    window.show()
    screen = window.unlock_screen
    qtbot.waitUntil(
        lambda: (focus := QApplication.focusWidget()) is not None and focus.window() is window,
        timeout=3000,
    )
    me = Person()
    assert me.at() == "User name"  # typing starts in the user name
    me.type("chair")
    me.press(Qt.Key.Key_Return)  # moves to the passphrase
    assert me.at() == "Passphrase"
    me.type("not my passphrase")
    me.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Wrong passphrase" in screen.message.text(), timeout=10_000)
    assert window.workspace is None
    assert screen.failed_attempts == 1
    assert me.at() == "Passphrase"  # back in the passphrase to try again
    me.press(Qt.Key.Key_A, CTRL)
    me.type(PASSPHRASE)
    with qtbot.waitSignal(screen.unlocked, timeout=10_000):
        me.press(Qt.Key.Key_Return)
    assert window.workspace is not None and window.workspace.user.name == "chair"
    assert screen.pass_edit.text() == ""  # no passphrase left in a widget
    events = window.workspace.conn.execute(
        "SELECT detail FROM audit_log WHERE action = 'unlock' ORDER BY seq DESC LIMIT 1"
    ).fetchone()[0]
    assert '"failed_attempts_before":1' in events
    window.lock()
    assert window.workspace is None and window.stack.currentWidget() is screen


def test_remember_is_disabled_with_reason_without_keychain(qtbot, made_workspace, fail_keyring):
    folder, _ = made_workspace
    screen = UnlockScreen(folder, Keychain())
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: "no system keychain" in screen.remember_reason.text(), timeout=5000)
    assert not screen.remember_box.isEnabled()


def test_remembered_key_unlocks_with_empty_passphrase(qtbot, made_workspace, memory_keyring):
    folder, _ = made_workspace
    screen = UnlockScreen(folder, Keychain())
    qtbot.addWidget(screen)
    qtbot.waitUntil(screen.remember_box.isEnabled, timeout=5000)
    screen.user_edit.setText("chair")
    screen.pass_edit.setText(PASSPHRASE)
    screen.remember_box.setChecked(True)
    with qtbot.waitSignal(screen.unlocked, timeout=10_000) as first:
        screen.unlock()
    first.args[0].close()
    screen.user_edit.setText("chair")
    with qtbot.waitSignal(screen.unlocked, timeout=10_000) as second:
        screen.unlock()
    assert second.args[0].user.name == "chair"
    second.args[0].close()
