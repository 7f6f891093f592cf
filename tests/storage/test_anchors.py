"""An insider with the database key rewrites the audit log; the anchors outside catch it.

Each attack below is what `audit verify` alone cannot see (the chain is recomputed and
the triggers put back) or what the trigger check sees; `--against` holds the live chain
to the checkpoints a signed minutes PDF and a backup carried away.
"""

from __future__ import annotations

import json
import shutil
import tarfile

import pytest

from models.minutes import Variant
from reports.archival import read_checkpoint
from storage import audit, cases
from storage.anchors import check_anchors, read_anchor
from storage.backup import make_backup
from storage.connection import open_keyed
from storage.demo import demo_cases
from storage.errors import InvalidInput
from storage.family_check import confirm_family_check
from storage.keyslots import KeySlots
from storage.minutes import export_minutes, sign_minutes
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.test_cli import cli, one_line_error

TRIGGERS = ("audit_log_no_update", "audit_log_no_delete", "audit_log_chain")


@pytest.fixture(scope="module")
def _anchored_once(tmp_path_factory):
    base = tmp_path_factory.mktemp("anchored")
    ws, _recovery = Workspace.create(base / "ws", "chair", PASSPHRASE, "Dana Chair")
    out = base / "out"
    out.mkdir()
    with ws:
        case = list(demo_cases(6))[3]
        cases.save_case(ws, case)
        confirm_family_check(ws, case.meetings[0].id)
        sign_minutes(ws, case.meetings[0].id, PASSPHRASE)
        export_minutes(ws, case.meetings[0].id, Variant.FAMILY, out / "minutes.pdf")
        make_backup(ws, out / "backup.caseroom")
        with ws.transaction():
            ws.record("case.view", "case", case.id, {})
    return base


@pytest.fixture
def anchored(_anchored_once, tmp_path):
    """A workspace with signed minutes exported and a backup made, then more work after."""
    shutil.copytree(_anchored_once, tmp_path / "copy")
    base = tmp_path / "copy"
    return base / "ws", base / "out" / "minutes.pdf", base / "out" / "backup.caseroom"


def _chain_alone_intact(folder):
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        return ws.verify_audit().ok


def _insider(folder):
    """The database opened with the key, as someone who holds a passphrase could."""
    conn = open_keyed(folder / "caseroom.db", KeySlots.load(folder).unlock("chair", PASSPHRASE))
    for name in TRIGGERS:
        conn.execute(f"DROP TRIGGER {name}")
    return conn


def _cover_tracks(conn):
    """Recompute every hash from the first changed row on, and put the triggers back."""
    rows = conn.execute(
        "SELECT seq, at, user, action, entity, entity_id, detail FROM audit_log ORDER BY seq"
    ).fetchall()
    prev = audit.GENESIS
    for number, row in enumerate(rows, start=1):
        values = dict(
            zip(("seq", "at", "user", "action", "entity", "entity_id", "detail"), row, strict=True)
        )
        values["seq"] = number
        digest = audit.row_hash(prev, values)
        conn.execute(
            "UPDATE audit_log SET seq = ?, prev_hash = ?, hash = ? WHERE seq = ?",
            (number, prev, digest, row[0]),
        )
        prev = digest
    for name in TRIGGERS:
        conn.execute(audit.PROTECTION[name])
    conn.close()


def _audit(folder, *against):
    extra = ["--against", *against] if against else []
    return cli(
        "audit",
        "-w",
        folder,
        "--user",
        "chair",
        "--passphrase-stdin",
        "verify",
        *extra,
        stdin=PASSPHRASE,
    )


def test_honest_log_holds_every_anchor(anchored):
    folder, pdf, backup = anchored
    point = read_checkpoint(pdf.read_bytes())
    assert point is not None and point.seq > 1
    code, out, err = _audit(folder, pdf, backup)
    assert code == 0, err
    assert "Audit chain intact" in out and "Every checkpoint is in the audit chain (2" in out


def test_cut_tail_passes_verify_but_not_the_signed_pdf(anchored):
    folder, pdf, _ = anchored
    seq = read_checkpoint(pdf.read_bytes()).seq
    conn = _insider(folder)
    conn.execute("DELETE FROM audit_log WHERE seq >= ?", (seq,))  # the signing never happened
    _cover_tracks(conn)
    assert _chain_alone_intact(folder)  # alone, the chain cannot tell
    code, out, _ = _audit(folder, pdf)
    assert code == 1
    # Unlocking to check appends events again, so event {seq} exists: just not the signed one.
    assert f"{pdf} (signed minutes, event {seq}): the audit log's event {seq} is not" in out
    assert "cut back or rewritten" in out


def test_rewritten_row_with_recomputed_chain_caught_by_pdf_and_backup(anchored):
    folder, pdf, backup = anchored
    conn = _insider(folder)
    conn.execute("UPDATE audit_log SET user = 'someone else' WHERE seq = 2")
    _cover_tracks(conn)
    assert _chain_alone_intact(folder)
    code, out, _ = _audit(folder, pdf, backup)
    assert code == 1 and str(pdf) in out and "cut back or rewritten" in out
    code, out, _ = _audit(folder, backup)
    assert code == 1 and f"{backup} (backup, event" in out and "cut back or rewritten" in out


def test_deleted_and_renumbered_row_caught(anchored):
    folder, _pdf, backup = anchored
    conn = _insider(folder)
    conn.execute("DELETE FROM audit_log WHERE seq = 3")
    _cover_tracks(conn)  # renumbers 4.. down to 3..
    code, out, _ = _audit(folder, backup)
    assert code == 1 and "cut back or rewritten" in out


@pytest.mark.parametrize(
    ("attack", "named"),
    [
        ("DROP TRIGGER audit_log_no_delete", "audit_log_no_delete is missing"),
        (
            "DROP TRIGGER audit_log_no_update;"
            " CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN 0"
            " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
            "audit_log_no_update is not the one Caseroom made",
        ),
        (
            "CREATE TRIGGER quiet BEFORE INSERT ON audit_log"
            " WHEN NEW.action = 'case.view' BEGIN SELECT RAISE(IGNORE); END",
            "quiet was added",
        ),
    ],
)
def test_tampered_triggers_fail_verify(made_workspace, attack, named):
    folder, _ = made_workspace
    conn = open_keyed(folder / "caseroom.db", KeySlots.load(folder).unlock("chair", PASSPHRASE))
    conn.executescript(attack)
    conn.close()
    code, out, _ = _audit(folder)
    assert code == 1 and "Audit log unprotected" in out and named in out


def test_a_pdf_changed_after_signing_is_no_anchor(anchored, tmp_path):
    folder, pdf, _ = anchored
    data = bytearray(pdf.read_bytes())
    at = data.index(b"stream", len(data) // 3) + 20
    data[at] ^= 1
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(bytes(data))
    code, out, _ = _audit(folder, changed)
    assert code == 1 and "changed after signing" in out


def test_files_that_carry_no_checkpoint_are_bad_input(anchored, tmp_path):
    folder, _, backup = anchored
    (tmp_path / "notes.txt").write_text("hello")
    with tarfile.open(backup) as archive:
        manifest = json.loads(archive.extractfile("manifest.json").read())
    assert read_anchor(backup).head == manifest["audit_head"]
    with pytest.raises(InvalidInput, match="neither signed minutes nor a Caseroom backup"):
        read_anchor(tmp_path / "notes.txt")
    code, out, err = _audit(folder, tmp_path / "notes.txt")
    assert code == 2 and out == ""
    assert "neither signed minutes nor a Caseroom backup" in one_line_error(err)
    code, _, err = _audit(folder, tmp_path / "missing.pdf")
    assert code == 2 and "missing.pdf" in one_line_error(err)


def test_check_anchors_names_the_first_bad_one(anchored):
    folder, pdf, backup = anchored
    good, also_good = read_anchor(pdf), read_anchor(backup)
    forged = type(good)(source="forged.pdf", kind="signed minutes", seq=good.seq, head="0" * 64)
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        assert check_anchors(ws.conn, [good, also_good]).ok
        verdict = check_anchors(ws.conn, [good, forged, also_good])
    assert not verdict.ok and verdict.first_bad is forged
    beyond = type(good)(source="later.pdf", kind="signed minutes", seq=10**6, head=good.head)
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        verdict = check_anchors(ws.conn, [beyond])
    assert "has no event 1000000" in verdict.reason and "cut back" in verdict.describe()


def test_a_checkpoint_under_a_key_of_ones_own_is_no_anchor(anchored, tmp_path):
    """An insider makes "signed minutes" with their own key, carrying a checkpoint that fits
    the log: intact, but not signed by anyone the workspace trusts, so not an anchor."""
    from datetime import UTC, datetime

    from models.minutes import build_snapshot
    from models.reference import ReferenceData
    from reports.minutes_pdf import render_minutes
    from reports.signing import sign_pdf
    from tests.identities import self_signed_identity

    folder, pdf, _ = anchored
    point = read_checkpoint(pdf.read_bytes())
    case = list(demo_cases(6))[3]
    snapshot = build_snapshot(
        case,
        case.meetings[0],
        version=1,
        protective_marking="OFFICIAL-SENSITIVE",
        signer_name="Dana Chair",
        signer_role="Chair",
        signed_at=datetime.now(UTC),
        audit_seq=point.seq,
        audit_head=point.head,
        reference=ReferenceData(),
    )
    rendered = render_minutes(snapshot, Variant.FAMILY)
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(
        sign_pdf(
            rendered.pdf,
            self_signed_identity("Dana Chair"),
            page=rendered.signature_page,
            box=rendered.signature_box,
            reason="Approved",
            location="MASH",
            signer_name="Dana Chair",
        )
    )
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        assert check_anchors(ws.conn, [read_anchor(forged)]).ok  # the checkpoint itself fits
    code, out, _ = _audit(folder, pdf, forged)
    assert code == 1 and f"{forged} (signed minutes, event {point.seq})" in out
    assert "its signature is not trusted here (intact but signer unknown)" in out
