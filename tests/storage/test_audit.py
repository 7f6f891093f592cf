"""The audit log: append-only, hash-chained, and `verify` names the first bad row."""

from __future__ import annotations

import pytest

from storage import access, audit
from storage.connection import IntegrityError, open_keyed
from storage.keyslots import KeySlots
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE


def test_update_and_delete_refused_by_triggers(workspace):
    conn = workspace.conn
    with pytest.raises(IntegrityError, match="append-only"):
        conn.execute("UPDATE audit_log SET user = 'someone else' WHERE seq = 1")
    with pytest.raises(IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit_log WHERE seq = 1")
    with pytest.raises(IntegrityError, match="extend the chain"):
        conn.execute(
            "INSERT INTO audit_log VALUES (99, 'x', 'x', 'x', 'x', 'x', '{}', ?, 'x')",
            (audit.GENESIS,),
        )
    assert workspace.verify_audit().ok


def test_events_written_for_create_and_unlock(made_workspace):
    folder, _ = made_workspace
    with Workspace.open(folder, "chair", PASSPHRASE, failed_attempts=2) as ws:
        actions = [e["action"] for e in reversed(audit.events(ws.conn))]
        assert actions == ["workspace.create", "user.create", "unlock"]
        assert '"failed_attempts_before":2' in audit.events(ws.conn, 1)[0]["detail"]
        access.change_passphrase(ws, PASSPHRASE, "second passphrase!")
        assert audit.events(ws.conn, 1)[0]["action"] == "passphrase.change"


def _raw(folder):
    return open_keyed(folder / "caseroom.db", KeySlots.load(folder).unlock("chair", PASSPHRASE))


def _many_events(folder, n=5):
    for i in range(n):
        with Workspace.open(folder, "chair", PASSPHRASE) as ws, ws.transaction():
            ws.record("case.view", "case", str(i), {"i": i, "name": "Zoë"})


def test_chain_survives_close_and_reopen(made_workspace):
    folder, _ = made_workspace
    _many_events(folder)
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        verdict = ws.verify_audit()
        assert verdict.ok and verdict.rows == 2 + 5 * 2 + 1


@pytest.mark.parametrize(
    ("forgery", "bad_seq"),
    [
        ("UPDATE audit_log SET user = 'mallory' WHERE seq = 5", 5),
        ("UPDATE audit_log SET detail = '{\"i\":99}' WHERE seq = 7", 7),
        ("DELETE FROM audit_log WHERE seq = 6", 6),
        ("UPDATE audit_log SET hash = 'ab' || substr(hash, 3) WHERE seq = 4", 4),
    ],
)
def test_forged_row_named_by_verify(made_workspace, forgery, bad_seq):
    folder, _ = made_workspace
    _many_events(folder)
    conn = _raw(folder)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute(forgery)
    for name in ("audit_log_no_update", "audit_log_no_delete"):  # put back, to hide the edit
        conn.execute(audit.PROTECTION[name])
    conn.close()
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        verdict = ws.verify_audit()
    assert not verdict.ok
    assert verdict.first_bad_seq == bad_seq
    assert f"event {bad_seq}" in verdict.describe()
