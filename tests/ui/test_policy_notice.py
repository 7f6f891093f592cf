"""A value the organisation's policy sets is read-only on screen and says so."""

from __future__ import annotations

from models.reference import ReferenceData
from storage.policy import Policy, keychain
from ui.admin_screen import EDITED_APART
from ui.forms import ModelForm
from ui.main_window import MainWindow
from ui.policy_notice import show_policy


def test_the_admin_form_shows_what_the_policy_sets(qtbot):
    form = ModelForm(
        ReferenceData,
        exclude=EDITED_APART,
    )
    qtbot.addWidget(form)
    form.set_value(ReferenceData())
    set_by = Policy(idle_lock_minutes=10, values={"idle_lock_minutes": 10})
    assert show_policy(form, set_by) == ["idle_lock_minutes"]
    assert not form.editors["idle_lock_minutes"].widget.isEnabled()
    assert form.errors["idle_lock_minutes"].text() == "Set by your organisation."
    assert form.editors["protective_marking"].widget.isEnabled()


def test_remember_is_off_and_says_why(qtbot, tmp_path):
    window = MainWindow(tmp_path / "ws", keychain(Policy(allow_remember=False)))
    qtbot.addWidget(window)
    window.show()
    screen = window.unlock_screen
    screen.reset()
    qtbot.waitUntil(lambda: "organisation" in screen.remember_reason.text(), timeout=10_000)
    assert not screen.remember_box.isEnabled()
