"""One person, one signature: keys only their owner opens, an authority, access taken back.

Every test works on a copy of one workspace made once per session (chair Dana Whitfield,
a police member, a deputy chair, one case), so the Argon2id and signing cost is paid once.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import re
import shutil
import subprocess

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from models.minutes import Variant
from models.users import Role
from reports.authority import holder_of, is_end_entity, make_authority, make_crl
from reports.verify import Verdict
from storage import access, cases, identities
from storage.connection import open_keyed
from storage.errors import (
    DamagedWorkspace,
    InvalidInput,
    PermissionDenied,
    UnknownUser,
    WrongPassphrase,
)
from storage.family_check import confirm_family_check
from storage.keychain import Keychain
from storage.keyslot_file import FILE_NAME
from storage.keyslots import KeySlots
from storage.minutes import export_minutes, sign_minutes
from storage.verification import verify_in_workspace, verify_with_published, verify_with_trust
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.identities import self_signed_identity

POLICE = "police passphrase 1"
DEPUTY = "deputy passphrase 1"


@pytest.fixture(scope="session")
def template(tmp_path_factory):
    from storage.demo import demo_cases

    folder = tmp_path_factory.mktemp("template") / "ws"
    ws, recovery = Workspace.create(
        folder, "chair", PASSPHRASE, "Dana Whitfield", agency="Children's social care"
    )
    with ws:
        access.add_user(
            ws,
            "police",
            POLICE,
            "PC Sam Lee",
            frozenset({Role.MEMBER}),
            "Police",
            admin_passphrase=PASSPHRASE,
        )
        access.add_user(
            ws,
            "deputy",
            DEPUTY,
            "Ola Nowak",
            frozenset({Role.CHAIR}),
            "Health",
            admin_passphrase=PASSPHRASE,
        )
        case = list(demo_cases(6))[3]
        cases.save_case(ws, case)
        for meeting in case.meetings:
            confirm_family_check(ws, meeting.id)  # these tests are about who may sign
    return folder, recovery, case.meetings[0].id, case.meetings


@pytest.fixture
def made(template, tmp_path):
    folder, recovery, meeting_id, meetings = template
    copy = tmp_path / "ws"
    shutil.copytree(folder, copy)
    return copy, recovery, meeting_id, meetings


def _private_keys_in(data: bytes) -> list[str]:
    """Every PEM or DER private key in `data` (also inside base64 text) that loads with no password."""
    found = []
    for block in re.findall(
        rb"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----", data, re.S
    ):
        try:
            serialization.load_pem_private_key(block, None)
            found.append("PEM")
        except (ValueError, TypeError):
            pass
    candidates = [data]
    for text in re.findall(rb"[A-Za-z0-9+/]{60,}={0,2}", data):
        with contextlib.suppress(binascii.Error, ValueError):
            candidates.append(base64.b64decode(text, validate=True))
    for blob in candidates:
        for at in (m.start() for m in re.finditer(rb"\x30\x81|\x30\x82", blob)):
            try:
                serialization.load_der_private_key(blob[at : at + 2048], None)
                found.append("DER")
            except (ValueError, TypeError):
                pass
    return found


def test_the_scan_finds_an_open_key():
    key = self_signed_identity("x").key_pem
    der = serialization.load_pem_private_key(key, None).private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    assert _private_keys_in(b"junk" + key + b"junk") and _private_keys_in(b"\x00" * 9 + der)
    assert _private_keys_in(base64.b64encode(der))


def test_a_member_finds_no_private_key_and_cannot_sign_as_the_chair(made, tmp_path):
    folder, _, meeting_id, _ = made
    with Workspace.open(folder, "police", POLICE) as ws:
        tables = [
            r[0] for r in ws.conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")
        ]
        scanned = 0
        for table in tables:
            for row in ws.conn.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, str):
                        value = value.encode()
                    if isinstance(value, bytes):
                        scanned += 1
                        assert _private_keys_in(value) == [], f"a private key in {table}"
        assert scanned > 50
        assert _private_keys_in((folder / FILE_NAME).read_bytes()) == []
        # The chair's signing key is sealed to the chair's slot: police's slot cannot open it,
        # and police's passphrase does not open the chair's slot.
        mine = ws.slots.open_user("police", POLICE)
        with pytest.raises(DamagedWorkspace):
            identities.unseal_identity(ws.conn, ws.slots, mine, "chair")
        with pytest.raises(WrongPassphrase):
            ws.slots.open_user("chair", POLICE)
        with pytest.raises(PermissionDenied):
            sign_minutes(ws, meeting_id, POLICE)
        # What police can make with a key of their own is not trusted.
        for forged in (
            self_signed_identity("Dana Whitfield"),
            self_signed_identity("Dana Whitfield", ca=False),
        ):
            out = tmp_path / "forged.pdf"
            out.write_bytes(_sign_draft(ws, meeting_id, forged))
            result = verify_with_published(folder, out)
            assert result.verdict is Verdict.UNKNOWN_SIGNER, result.describe()
        # Police's own, real certificate signs a PDF: intact, but police is no chair.
        own = identities.unseal_identity(ws.conn, ws.slots, mine, "police")
        out.write_bytes(_sign_draft(ws, meeting_id, own))
        assert verify_with_published(folder, out).verdict is Verdict.NOT_AUTHORISED
        assert verify_in_workspace(ws, out).verdict is Verdict.NOT_AUTHORISED
        # ...and police's certificate cannot act as an authority for a "Dana Whitfield".
        issued = _issue_with(own, "Dana Whitfield")
        out.write_bytes(_sign_draft(ws, meeting_id, issued))
        assert verify_with_published(folder, out).verdict is Verdict.UNKNOWN_SIGNER
        mine.wipe()


def _sign_draft(ws, meeting_id, identity):
    from reports.signing import sign_pdf
    from storage.minutes import draft_pdf

    return sign_pdf(
        draft_pdf(ws, meeting_id, Variant.PROFESSIONAL),
        identity,
        page=1,
        box=(50, 50, 250, 120),
        reason="Approved",
        location="MASH",
        signer_name="Dana Whitfield",
    )


def _issue_with(issuer_identity, name):
    from reports.authority import Authority, Holder, issue, new_signing_key
    from reports.signing import identity_from_der, key_der_of

    authority = Authority(key_der_of(issuer_identity), issuer_identity.cert_pem)
    key = new_signing_key()
    cert = issue(authority, key, Holder(name, "", ("chair",), "chair"))
    return identity_from_der(key, cert, [issuer_identity.cert_pem, *issuer_identity.chain_pem])


def test_every_issued_certificate_is_end_entity_and_names_its_holder(made):
    folder, *_ = made
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        root = x509.load_pem_x509_certificate(identities.anchors(ws.conn)[0])
        certs = [x509.load_pem_x509_certificate(p) for p in identities.certificates(ws.conn)]
    assert len(certs) == 3
    for cert in certs:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
        assert is_end_entity(cert) and usage.digital_signature and usage.content_commitment
        assert cert.issuer == root.subject
        cert.verify_directly_issued_by(root)
    assert {(h.name, h.agency, h.role_text) for h in map(holder_of, certs)} == {
        ("Dana Whitfield", "Children's social care", "admin, chair"),
        ("PC Sam Lee", "Police", "member"),
        ("Ola Nowak", "Health", "chair"),
    }
    published = (folder / "authority.pem").read_bytes()
    assert published.count(b"BEGIN CERTIFICATE") == 1
    for name in (b"Dana", b"Whitfield", b"Police", b"Nowak"):
        assert (
            name not in published
            and name
            not in x509.load_pem_x509_certificate(published).subject.rfc4514_string().encode()
        )
    assert not (folder / "certificates.pem").exists()


def test_signed_minutes_verify_with_the_root_alone(made, tmp_path):
    folder, _, meeting_id, _ = made
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        sign_minutes(ws, meeting_id, PASSPHRASE)
        export_minutes(ws, meeting_id, Variant.FAMILY, tmp_path / "m.pdf")
        (tmp_path / "root.pem").write_bytes(identities.anchors(ws.conn)[0])
    result = verify_with_trust(tmp_path / "root.pem", tmp_path / "m.pdf")
    assert result.verdict is Verdict.TRUSTED
    assert "signed by Dana Whitfield (admin, chair; Children's social care)" in result.describe()
    if shutil.which("pdfsig"):  # the independent validator: valid, issuer ours (not the system's)
        out = subprocess.run(
            ["pdfsig", str(tmp_path / "m.pdf")], capture_output=True, text=True
        ).stdout
        assert "Signature is Valid" in out and "Total document signed" in out
        assert "Certificate issuer isn't Trusted" in out and "CN=Dana Whitfield" in out


def test_signing_needs_the_signers_own_passphrase(made):
    folder, _, meeting_id, _ = made
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        with pytest.raises(WrongPassphrase):
            sign_minutes(ws, meeting_id, DEPUTY)
        access.change_passphrase(ws, PASSPHRASE, "a changed passphrase")
        with pytest.raises(WrongPassphrase):
            sign_minutes(ws, meeting_id, PASSPHRASE)
        assert sign_minutes(ws, meeting_id, "a changed passphrase").version == 1


def test_a_recovery_reset_issues_a_new_identity_and_revokes_the_old(made):
    folder, recovery, *_ = made
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        old = {r.serial for r in identities.revocations(ws.conn)}
        access.reset_with_recovery(ws, recovery, "deputy", "deputy's new passphrase")
        revoked = {r.serial for r in identities.revocations(ws.conn)} - old
        assert len(revoked) == 1
    with Workspace.open(folder, "deputy", "deputy's new passphrase") as ws:
        opened = ws.slots.open_user("deputy", "deputy's new passphrase")
        identity = identities.unseal_identity(ws.conn, ws.slots, opened, "deputy")
        assert format(identity.certificate.serial_number, "x") not in revoked


def test_removing_a_user_takes_their_access_away(made, tmp_path, memory_keyring):
    folder, _, meeting_id, meetings = made
    keychain = Keychain()
    with Workspace.open(folder, "deputy", DEPUTY) as ws:
        sign_minutes(ws, meeting_id, DEPUTY)
        export_minutes(ws, meeting_id, Variant.PROFESSIONAL, tmp_path / "before.pdf")
        ws.remember_key(keychain)
        opened = ws.slots.open_user("deputy", DEPUTY)
        kept = identities.unseal_identity(ws.conn, ws.slots, opened, "deputy")  # a leaver's copy
        # Signed before the removal but never stored: what a backdated claim looks like.
        (tmp_path / "unstored.pdf").write_bytes(_sign_draft(ws, meetings[0].id, kept))
    old_slots = (folder / FILE_NAME).read_bytes()
    old_key = KeySlots.load(folder).unlock("deputy", DEPUTY)
    assert memory_keyring.store
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        with pytest.raises(WrongPassphrase):
            access.remove_user(ws, "deputy", "not the admin's passphrase", keychain)
        access.remove_user(ws, "deputy", PASSPHRASE, keychain)
        assert [u.name for u in ws.users()] == ["chair", "police"]
        result = verify_in_workspace(ws, tmp_path / "before.pdf")
        assert (
            result.verdict is Verdict.TRUSTED
            and "before the certificate was revoked" in result.detail
        )
        (tmp_path / "after.pdf").write_bytes(_sign_draft(ws, meetings[0].id, kept))
        assert verify_in_workspace(ws, tmp_path / "after.pdf").verdict is Verdict.REVOKED
        unstored = verify_in_workspace(ws, tmp_path / "unstored.pdf")
        assert unstored.verdict is Verdict.REVOKED and "never stored" in unstored.detail
    assert not memory_keyring.store  # every remembered (old) key is forgotten
    with pytest.raises(UnknownUser):
        Workspace.open(folder, "deputy", DEPUTY)
    with pytest.raises(DamagedWorkspace):  # the old key, from an old keyslots.json or keychain
        open_keyed(folder / "caseroom.db", old_key)
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / FILE_NAME).write_bytes(old_slots)
    with pytest.raises(DamagedWorkspace):
        open_keyed(folder / "caseroom.db", KeySlots.load(tmp_path / "old").unlock("deputy", DEPUTY))
    Workspace.open(folder, "police", POLICE).close()
    Workspace.open(folder, "chair", PASSPHRASE).close()
    # Without unlocking: the authority's signed revocation list beside the database.
    assert verify_with_published(folder, tmp_path / "before.pdf").verdict is Verdict.TRUSTED
    assert verify_with_published(folder, tmp_path / "after.pdf").verdict in (
        Verdict.REVOKED,
        Verdict.TRUSTED,  # only when signed in the very second of the removal
    )
    crl = (folder / "revocations.crl").read_bytes()
    assert b"Ola" not in crl and b"Nowak" not in crl
    # An empty list from an impostor authority with the same name is refused, as is junk.
    impostor = make_authority(KeySlots.load(folder).workspace_id)
    for forged in (make_crl(impostor, []), crl.replace(b"M", b"N", 1)):
        (folder / "revocations.crl").write_bytes(forged)
        with pytest.raises(InvalidInput, match=r"revocations\.crl"):
            verify_with_published(folder, tmp_path / "after.pdf")


def test_a_rekey_cut_short_still_opens_for_everyone_but_the_leaver(made):
    folder, *_ = made
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        new_key = bytearray(32)
        ws.slots.change(
            lambda slots: [
                s.model_copy(update={"next_db_key": ws.slots.seal_to(s, new_key, "database key")})
                for s in slots
            ]
        )
        ws.rekey_database(new_key)  # ...and the process dies before the third step
    for user, passphrase in (("chair", PASSPHRASE), ("police", POLICE)):
        Workspace.open(folder, user, passphrase).close()


def test_recovery_rotate_replaces_the_recovery_key(made):
    folder, recovery, *_ = made
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        new = access.rotate_recovery(ws, PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        Workspace.open_with_recovery(folder, recovery, "chair")
    Workspace.open_with_recovery(folder, new, "chair").close()
    assert sum(s.kind == "recovery" for s in KeySlots.load(folder).slots) == 1


def test_a_passphrase_change_or_reset_forgets_the_remembered_key(made, memory_keyring):
    folder, recovery, *_ = made
    keychain = Keychain()
    for user, passphrase in (("chair", PASSPHRASE), ("police", POLICE)):
        with Workspace.open(folder, user, passphrase) as ws:
            assert ws.remember_key(keychain).usable
    assert len(memory_keyring.store) == 2
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        access.change_passphrase(ws, PASSPHRASE, "a changed passphrase", keychain)
        assert Workspace.open_remembered(folder, "chair", keychain) is None
        access.reset_with_recovery(ws, recovery, "police", "police's new passphrase", keychain)
        assert Workspace.open_remembered(folder, "police", keychain) is None
    assert not memory_keyring.store
