"""Administration: add a user, reset a passphrase with the recovery key, edit reference data."""

from __future__ import annotations

from models.text import normalise_name
from storage import cases
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from ui.admin_screen import AdminScreen


def test_add_user_reset_and_reference_data(qtbot, tmp_path):
    ws, recovery = Workspace.create(tmp_path / "ws", "chair", PASSPHRASE, "Dana Chair")
    screen = AdminScreen(ws)
    qtbot.addWidget(screen)
    screen.new_name.setText("Αλέξης")
    screen.new_display.setText("Αλέξης Παπαδόπουλος")
    screen.new_pass.setText("short")
    screen.new_pass2.setText("short")
    screen.add_user()
    assert "at least 10" in screen.user_message.text()
    screen.new_pass.setText("a long passphrase")
    screen.new_pass2.setText("a long passphrase")
    screen.admin_pass.setText("not the admin's passphrase")
    screen.add_user()
    assert "Wrong passphrase" in screen.user_message.text()
    assert screen.admin_pass.text() == ""  # never left in a widget
    screen.admin_pass.setText(PASSPHRASE)
    screen.add_user()
    assert [u.name for u in ws.users()] == ["chair", normalise_name("Αλέξης")]
    screen.reset_user.setText("ΑΛΈΞΗΣ")  # any case, any form
    screen.recovery.setText("WRONG-KEY")
    screen.reset_pass.setText("another long one")
    screen.reset_passphrase()
    assert "Wrong recovery key" in screen.user_message.text()
    screen.recovery.setText(recovery)
    screen.reset_pass.setText("another long one")
    screen.reset_passphrase()
    assert screen.recovery.text() == ""  # never left in a widget
    screen.rag_hours["red"].setValue(2)
    screen.reference_form.editors["idle_lock_minutes"].widget.setText("0")
    screen.save_reference()
    error = screen.reference_form.errors["idle_lock_minutes"]
    assert not error.isHidden() and "a number from 1 to 120" in error.text()
    screen.reference_form.editors["idle_lock_minutes"].widget.setText("10")
    screen.save_reference()
    reference = cases.reference_data(ws)
    assert reference.rag_hours["red"] == 2 and reference.idle_lock_minutes == 10
    folder = ws.folder
    Workspace.open(folder, "αλέξης", "another long one", read_only_if_locked=True).close()
    screen.remove_name.setText("αλέξης")
    screen.remove_pass.setText(PASSPHRASE)
    screen.remove_user()
    assert "Removed" in screen.user_message.text(), screen.user_message.text()
    assert [u.name for u in ws.users()] == ["chair"]
    from tests.identities import issued_identity

    _, org = issued_identity("Someone", agency="Northgate Council")
    (tmp_path / "org.pem").write_bytes(org.root_pem)
    screen.trust_root(tmp_path / "org.pem", "wrong passphrase")
    assert "Wrong passphrase" in screen.user_message.text()
    screen.trust_root(tmp_path / "org.pem", PASSPHRASE)
    assert "Now trusted" in screen.user_message.text()
    ws.close()
    Workspace.open(folder, "chair", PASSPHRASE).close()
