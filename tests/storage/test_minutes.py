"""Signing minutes in a workspace: one transaction, frozen, stored, exported, distributed."""

from __future__ import annotations

from datetime import date

import pytest

from models.meeting import MeetingStatus
from models.minutes import Variant
from reports.verify import Verdict
from storage import access, audit, cases, records
from storage.demo import demo_cases
from storage.errors import InvalidInput, PermissionDenied, WrongPassphrase
from storage.family_check import confirm_family_check
from storage.minutes import (
    export_minutes,
    latest_signed,
    record_distribution,
    sign_minutes,
    stored_snapshot,
)
from storage.verification import verify_in_workspace, verify_with_published
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE


@pytest.fixture
def dmitry(workspace):
    case = list(demo_cases(6))[3]
    cases.save_case(workspace, case)
    confirm_family_check(workspace, case.meetings[0].id)
    return workspace, case, case.meetings[0]


def test_sign_freezes_stores_and_verifies(dmitry, tmp_path):
    ws, case, meeting = dmitry
    with pytest.raises(WrongPassphrase):
        sign_minutes(ws, meeting.id, "not my passphrase")
    signed = sign_minutes(ws, meeting.id, PASSPHRASE)
    assert signed.version == 1
    assert records.load_meeting(ws.conn, meeting.id)[1].status is MeetingStatus.SIGNED
    snapshot = stored_snapshot(ws, meeting.id, 1)
    assert snapshot.sha256() == signed.snapshot_sha256
    point = next(e for e in audit.events(ws.conn, 10) if e["action"] == "minutes.sign")
    assert snapshot.audit_seq == point["seq"]
    assert sign_minutes(ws, meeting.id, PASSPHRASE) == signed  # asking again: the stored one
    entry = cases.open_case(ws, case.id).chronology[-1]
    assert (
        entry.origin.value == "meeting"
        and "section 47 enquiry" in entry.event
        and entry.date == meeting.date
    )
    for variant in Variant:
        out = tmp_path / f"{variant.value}.pdf"
        assert export_minutes(ws, meeting.id, variant, out) == "signed version 1"
        assert out.read_bytes() == signed.pdf(variant)
        assert verify_in_workspace(ws, out).verdict is Verdict.TRUSTED
        assert verify_with_published(ws.folder, out).verdict is Verdict.TRUSTED
    with pytest.raises(InvalidInput, match="signed addendum"):
        cases.save_meeting(ws, case.id, meeting.model_copy(update={"purpose": "changed"}))
    assert ws.verify_audit().ok


def test_addendum_is_a_new_signed_version(dmitry):
    ws, _, meeting = dmitry
    sign_minutes(ws, meeting.id, PASSPHRASE)
    second = sign_minutes(
        ws, meeting.id, PASSPHRASE, addendum="The medical took place at 16:00, not 15:00."
    )
    assert (second.version, second.amends_version) == (2, 1)
    assert records.load_meeting(ws.conn, meeting.id)[1].status is MeetingStatus.AMENDED
    assert latest_signed(ws, meeting.id).version == 2
    with pytest.raises(Exception, match="never changed"):
        ws.conn.execute("UPDATE minutes SET signer = 'x'")


def test_cannot_sign_without_attendance_or_as_member(dmitry):
    ws, case, meeting = dmitry
    empty = meeting.model_copy(update={"attendance": []})
    cases.save_meeting(ws, case.id, empty)
    before = audit.checkpoint(ws.conn)
    with pytest.raises(InvalidInput, match="Nobody is recorded as present"):
        sign_minutes(ws, meeting.id, PASSPHRASE)
    assert audit.checkpoint(ws.conn) == before  # the refused signing left no trace but its refusal
    access.add_user(
        ws, "police", "police passphrase", roles=frozenset(), admin_passphrase=PASSPHRASE
    )
    folder = ws.folder
    ws.close()
    with (
        Workspace.open(folder, "police", "police passphrase") as other,
        pytest.raises(PermissionDenied),
    ):
        sign_minutes(other, meeting.id, "police passphrase")


def test_unsigned_export_is_a_draft(dmitry, tmp_path):
    ws, _, meeting = dmitry
    out = tmp_path / "draft.pdf"
    assert export_minutes(ws, meeting.id, Variant.PROFESSIONAL, out) == "unsigned draft"
    assert verify_with_published(ws.folder, out).verdict is Verdict.NOT_SIGNED


def test_distribution_record(dmitry):
    ws, _, meeting = dmitry
    with pytest.raises(InvalidInput, match="Only signed"):
        record_distribution(ws, meeting.id, Variant.FAMILY, "Mother", date.today(), "By hand")
    sign_minutes(ws, meeting.id, PASSPHRASE)
    with pytest.raises(InvalidInput, match="Recipient is empty"):
        record_distribution(ws, meeting.id, Variant.FAMILY, " ", date.today(), "By hand")
    record_distribution(ws, meeting.id, Variant.FAMILY, "Mother", date.today(), "By hand")
    row = ws.conn.execute("SELECT variant, recipient, version FROM distribution").fetchone()
    assert row == ("family", "Mother", 1)


def test_cli_minutes_sign_and_verify(tmp_path):
    from tests.test_cli import cli

    ws = tmp_path / "demo"
    code, out, err = cli("demo", "-w", ws, "--passphrase-stdin", stdin="demo passphrase\n")
    assert code == 0, err
    code, out, err = cli(
        "minutes",
        "-w",
        ws,
        "--user",
        "chair",
        "--passphrase-stdin",
        "--meeting",
        "g1-m73",
        "--variant",
        "family",
        "--out",
        tmp_path / "f.pdf",
        "--sign",
        "--family-checked",
        stdin="demo passphrase\ndemo passphrase\n",
    )
    assert code == 0, err
    code, out, _ = cli("verify", tmp_path / "f.pdf", "-w", ws)
    assert code == 0 and out.startswith("Intact and trusted, signed by Dana Whitfield")
    code, out, _ = cli("verify", tmp_path / "f.pdf")
    assert code == 1 and "signer unknown" in out
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.7 broken")
    code, out, err = cli("verify", tmp_path / "x.pdf", "-w", ws)
    assert code == 1 and "Traceback" not in out + err


def _p12(identity, password=b"p12 secret"):
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import (
        BestAvailableEncryption,
        load_pem_private_key,
        pkcs12,
    )

    return pkcs12.serialize_key_and_certificates(
        b"dana",
        load_pem_private_key(identity.key_pem, None),
        identity.certificate,
        [x509.load_pem_x509_certificate(c) for c in identity.chain_pem] or None,
        BestAvailableEncryption(password),
    )


def test_organisation_pkcs12_identity_signs_and_is_trusted(dmitry, tmp_path):
    from storage.identities import add_organisation_root, use_organisation_identity
    from tests.identities import issued_identity, self_signed_identity

    ws, _, meeting = dmitry
    org, org_authority = issued_identity(
        "Dana Whitfield (Northgate Council)", agency="Northgate Council"
    )
    p12 = _p12(org)
    with pytest.raises(InvalidInput, match="does not open"):
        use_organisation_identity(ws, p12, "wrong")
    with pytest.raises(PermissionDenied, match="organisation root"):
        use_organisation_identity(ws, p12, "p12 secret")  # its root is not trusted yet
    with pytest.raises(WrongPassphrase):
        add_organisation_root(ws, org_authority.root_pem, "not the admin's passphrase")
    add_organisation_root(ws, org_authority.root_pem, PASSPHRASE)
    with pytest.raises(PermissionDenied, match="organisation root"):  # a CA of one's own making
        use_organisation_identity(ws, _p12(self_signed_identity("Dana Whitfield")), "p12 secret")
    assert use_organisation_identity(ws, p12, "p12 secret") == "Dana Whitfield (Northgate Council)"
    sign_minutes(ws, meeting.id, PASSPHRASE)
    out = tmp_path / "m.pdf"
    export_minutes(ws, meeting.id, Variant.PROFESSIONAL, out)
    for result in (verify_with_published(ws.folder, out), verify_in_workspace(ws, out)):
        assert result.verdict is Verdict.TRUSTED, result.describe()
        assert result.signer == "Dana Whitfield (Northgate Council)"


def test_a_meeting_with_signed_minutes_cannot_be_removed(dmitry):
    ws, case, meeting = dmitry
    sign_minutes(ws, meeting.id, PASSPHRASE)
    current = cases.open_case(ws, case.id)
    with pytest.raises(InvalidInput, match="cannot be removed"):
        cases.save_case(ws, current.model_copy(update={"meetings": current.meetings[1:]}))
