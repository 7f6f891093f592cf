"""Signing identities: certificates issued by the workspace's authority, keys only their owner opens.

- The authority's root certificate (and any organisation root an admin added) is a trust
  anchor, kept in the encrypted database and published, with no personal names, as
  `authority.pem` beside it, so `verify -w DIR` works without unlocking.
- Each user's signing key is sealed to their own key slot (storage/keyslots.py): it opens
  only with their passphrase. The database holds the sealed key and the certificate; no
  private key is ever stored open, so holding the database key is not enough to sign.
- Replacing an identity (an organisation PKCS#12, or a reset with the recovery key) revokes
  the old certificate as of that moment: signatures made before stay valid, later ones not.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from models.users import Role, User
from storage.atomic import write_atomic
from storage.connection import Connection
from storage.errors import InvalidInput, PermissionDenied
from storage.keyslot_file import Slot
from storage.keyslots import KeySlots, OpenSlot
from storage.sealing import Sealed

if TYPE_CHECKING:
    from cryptography import x509

    from reports.authority import Authority
    from reports.signing import SigningIdentity
    from storage.workspace import Workspace

AUTHORITY_FILE = "authority.pem"
REVOCATIONS_FILE = "revocations.crl"
_OLD_CERTIFICATES_FILE = "certificates.pem"  # listed every signer's name; no longer written
SIGNING_KEY = "signing key"
# reports.* pull in pyHanko and cryptography's x509 (half a second): imported where used.


def _now() -> str:
    # To the microsecond: a signature claimed in the same second as a revocation is then
    # judged by which came first, not lost to rounding.
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Revocation:
    serial: str
    revoked_at: datetime


# --- the authority ------------------------------------------------------------------------
def add_anchor(conn: Connection, cert_pem: bytes, source: str, by: str) -> None:
    conn.execute(
        "INSERT INTO trust_anchors (cert_pem, source, added_by, added_at) VALUES (?, ?, ?, ?)",
        (cert_pem, source, by, _now()),
    )


def anchors(conn: Connection) -> list[bytes]:
    """The workspace root first, then organisation roots an admin added."""
    return [bytes(r[0]) for r in conn.execute("SELECT cert_pem FROM trust_anchors ORDER BY id")]


def authority(conn: Connection, key_der: bytes) -> Authority:
    from reports.authority import Authority

    return Authority(key_der, anchors(conn)[0])


def publish(conn: Connection, folder: Path, authority_key: bytes | None = None) -> None:
    """Write the trust anchors (no personal names) to authority.pem, atomically; with the
    authority's key, also the revocation list (serial numbers and times, signed)."""
    write_atomic(Path(folder) / AUTHORITY_FILE, b"".join(anchors(conn)))
    if authority_key is not None:
        from cryptography import x509

        from reports.authority import make_crl

        root = x509.load_pem_x509_certificate(anchors(conn)[0])
        revoked = []
        for r in conn.execute(
            "SELECT cert_pem, revoked_at FROM signers WHERE revoked_at IS NOT NULL"
        ):
            cert = x509.load_pem_x509_certificate(bytes(r[0]))
            if cert.issuer == root.subject:  # an organisation's certificates are its own to revoke
                revoked.append((cert.serial_number, datetime.fromisoformat(r[1])))
        crl = make_crl(authority(conn, authority_key), revoked)
        write_atomic(Path(folder) / REVOCATIONS_FILE, crl)
    with contextlib.suppress(FileNotFoundError):
        (Path(folder) / _OLD_CERTIFICATES_FILE).unlink()


publish_certificates = publish  # the name storage/backup.py calls


def published_revocations(folder: Path, roots: list[bytes]) -> dict[str, datetime]:
    """The revocations published beside the workspace (none if no list was published).

    InvalidInput when a list is there but not signed by the workspace's authority.
    """
    from reports.authority import read_crl

    path = Path(folder) / REVOCATIONS_FILE
    if not path.is_file():
        return {}
    try:
        return read_crl(path.read_bytes()[: 8 * 1024 * 1024], roots)
    except ValueError as exc:
        raise InvalidInput(
            f"{REVOCATIONS_FILE} beside the workspace is damaged or not signed by its authority."
        ) from exc


def published_anchors(folder: Path) -> list[bytes]:
    from reports.authority import split_pem

    path = Path(folder) / AUTHORITY_FILE
    return split_pem(path.read_bytes()) if path.is_file() else []


# --- identities ---------------------------------------------------------------------------
def _store(
    conn: Connection,
    slots: KeySlots,
    slot: Slot,
    user: str,
    key_der: bytes,
    cert_pem: bytes,
    chain: list[bytes],
    source: str,
) -> str:
    """Seal `key_der` to the user's slot and make it their active identity; the one it
    replaces is revoked now. Returns the certificate's serial (inside a transaction)."""
    from cryptography import x509

    serial = format(x509.load_pem_x509_certificate(cert_pem).serial_number, "x")
    sealed = slots.seal_to(slot, key_der, SIGNING_KEY, serial)
    conn.execute(
        "UPDATE signers SET active = 0, revoked_at = coalesce(revoked_at, ?) WHERE user = ? AND active = 1",
        (_now(), user),
    )
    conn.execute(
        "INSERT INTO signers (user, cert_pem, chain_pem, serial, sealed_key, source, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (user, cert_pem, b"".join(chain), serial, sealed.model_dump_json(), source, _now()),
    )
    return serial


def issue_identity(
    conn: Connection, slots: KeySlots, slot: Slot, issuer: Authority, user: User, source: str
) -> str:
    """A new signing key and an end-entity certificate naming `user`, sealed to `slot`."""
    from reports.authority import Holder, issue, new_signing_key

    key_der = new_signing_key()
    holder = Holder(
        user.display_name, user.agency, tuple(sorted(r.value for r in user.roles)), user.name
    )
    cert_pem = issue(issuer, key_der, holder)
    return _store(conn, slots, slot, user.name, key_der, cert_pem, [issuer.root_pem], source)


def unseal_identity(
    conn: Connection, slots: KeySlots, opened: OpenSlot, user: str
) -> SigningIdentity | None:
    """The user's active identity with its key opened (held in memory only, for signing)."""
    from reports.authority import split_pem
    from reports.signing import identity_from_der

    row = conn.execute(
        "SELECT cert_pem, chain_pem, serial, sealed_key FROM signers WHERE user = ? AND active = 1",
        (user,),
    ).fetchone()
    if row is None:
        return None
    sealed = Sealed.model_validate_json(row[3])
    key_der = opened.unseal(sealed, SIGNING_KEY, row[2])
    return identity_from_der(key_der, bytes(row[0]), split_pem(bytes(row[1])))


def revoke_user(conn: Connection, user: str) -> None:
    conn.execute(
        "UPDATE signers SET active = 0, revoked_at = coalesce(revoked_at, ?) WHERE user = ?",
        (_now(), user),
    )


def revocations(conn: Connection) -> list[Revocation]:
    rows = conn.execute("SELECT serial, revoked_at FROM signers WHERE revoked_at IS NOT NULL")
    return [Revocation(r[0], datetime.fromisoformat(r[1])) for r in rows]


def signer_roles(conn: Connection) -> dict[str, tuple[str, frozenset[str]]]:
    """Certificate serial -> (user, roles): who each certificate of the workspace belongs to."""
    rows = conn.execute(
        "SELECT s.serial, u.name, u.roles FROM signers s JOIN users u ON u.name = s.user"
    )
    return {r[0]: (r[1], frozenset(x for x in r[2].split(",") if x)) for r in rows}


def certificates(conn: Connection) -> list[bytes]:
    return [bytes(r[0]) for r in conn.execute("SELECT cert_pem FROM signers ORDER BY id")]


# --- organisation identities ----------------------------------------------------------------
def add_organisation_root(ws: Workspace, cert_pem: bytes, admin_passphrase: str) -> str:
    """Trust an organisation's root certificate (admin only, with the admin's passphrase:
    a trust anchor is as powerful as the authority itself). Returns its subject."""
    from cryptography import x509

    ws.require(Role.ADMIN)
    try:
        cert = x509.load_pem_x509_certificate(cert_pem[: 1024 * 1024])
    except ValueError as exc:
        raise InvalidInput("That file is not a PEM certificate.") from exc
    try:
        is_ca = cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        is_ca = False
    if not is_ca:
        raise InvalidInput("That certificate is not a CA certificate, so it cannot be a root.")
    if cert_pem in anchors(ws.conn):
        raise InvalidInput("This workspace already trusts that root.")
    ws.slots.refresh()
    ws.slots.open_user(ws.user.name, admin_passphrase).wipe()  # WrongPassphrase
    with ws.transaction():
        add_anchor(ws.conn, cert_pem, "organisation root", ws.user.name)
        ws.record("authority.add_root", "certificate", format(cert.serial_number, "x"))
    publish(ws.conn, ws.folder)
    return cert.subject.rfc4514_string()


def _chains_to_anchor(identity: SigningIdentity, roots: list[bytes]) -> bool:
    from cryptography import x509

    from reports.authority import is_end_entity

    cert = identity.certificate
    if not is_end_entity(cert):
        return False
    issuers = [x509.load_pem_x509_certificate(p) for p in (*identity.chain_pem, *roots)]
    anchors_ = [x509.load_pem_x509_certificate(p) for p in roots]
    for _ in range(len(issuers) + 1):
        if any(cert == a for a in anchors_):
            return True
        parent = next((c for c in issuers if _issued_by(cert, c)), None)
        if parent is None or parent == cert:
            return False
        cert = parent
    return False


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def use_organisation_identity(ws: Workspace, data: bytes, password: str) -> str:
    """Sign from now on with the organisation's PKCS#12 (earlier signatures stay trusted).

    The certificate must be an end-entity one that chains to a root the admin added. The
    key is sealed to the user's own slot. Returns the certificate's name.
    """
    from reports.signing import identity_from_pkcs12, key_der_of

    if len(data) > 1024 * 1024:
        raise InvalidInput("That file is too large to be a PKCS#12 signing identity.")
    try:
        identity = identity_from_pkcs12(data, password)
    except ValueError as exc:
        raise InvalidInput(
            "The PKCS#12 file does not open with that password, or holds no key."
        ) from exc
    if not _chains_to_anchor(identity, anchors(ws.conn)[1:]):
        raise PermissionDenied(
            "That certificate does not chain to an organisation root this workspace trusts, or "
            "is a CA certificate: ask the admin to add the organisation's root first."
        )
    slot = ws.slots.find(ws.slots.slot_id(ws.user.name))
    if slot is None:
        raise PermissionDenied("Your key slot is missing.")
    with ws.transaction():
        _store(
            ws.conn,
            ws.slots,
            slot,
            ws.user.name,
            key_der_of(identity),
            identity.cert_pem,
            list(identity.chain_pem),
            "imported PKCS#12",
        )
        ws.record("identity.import", "user", ws.user.name, {"subject": identity.subject_name()})
    return identity.subject_name()
