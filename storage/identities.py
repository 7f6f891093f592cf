"""Signing identities, held in the encrypted workspace; their certificates are the trust roots.

Each account gets a key and self-signed certificate when it is made, or imports the
organisation's PKCS#12. The certificates (public, no keys) are also written to
`certificates.pem` beside the database, so `verify` can judge a PDF without unlocking; a
verification made while unlocked uses the copies inside the encrypted database instead.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from storage.atomic import write_atomic
from storage.connection import Connection
from storage.errors import InvalidInput

if TYPE_CHECKING:
    from reports.signing import SigningIdentity
    from storage.workspace import Workspace

CERTIFICATES_FILE = "certificates.pem"
# reports.signing pulls in pyHanko (half a second): imported where it is used, not at start-up.


def add_identity(conn: Connection, user: str, identity: SigningIdentity, source: str) -> None:
    """Make `identity` the user's active one; earlier certificates stay trusted (inside a transaction)."""
    conn.execute("UPDATE signing_identities SET active = 0 WHERE user = ?", (user,))
    conn.execute(
        "INSERT INTO signing_identities (user, key_pem, cert_pem, source, created_at) VALUES (?, ?, ?, ?, ?)",
        (
            user,
            identity.key_pem,
            identity.cert_pem,
            source,
            datetime.now(UTC).isoformat(timespec="seconds"),
        ),
    )


def create_identity(conn: Connection, user: str, display_name: str) -> None:
    from reports.signing import make_identity

    add_identity(conn, user, make_identity(display_name), "made with the account")


def import_pkcs12(conn: Connection, user: str, data: bytes, password: str) -> SigningIdentity:
    from reports.signing import identity_from_pkcs12

    try:
        identity = identity_from_pkcs12(data, password)
    except ValueError as exc:
        raise InvalidInput(
            "The PKCS#12 file does not open with that password, or holds no key."
        ) from exc
    add_identity(conn, user, identity, "imported PKCS#12")
    return identity


def active_identity(conn: Connection, user: str) -> SigningIdentity | None:
    from reports.signing import SigningIdentity

    row = conn.execute(
        "SELECT key_pem, cert_pem FROM signing_identities WHERE user = ? AND active = 1", (user,)
    ).fetchone()
    return None if row is None else SigningIdentity(bytes(row[0]), bytes(row[1]))


def trust_roots(conn: Connection) -> list[bytes]:
    return [
        bytes(r[0]) for r in conn.execute("SELECT cert_pem FROM signing_identities ORDER BY id")
    ]


def publish_certificates(conn: Connection, folder: Path) -> None:
    """Write every certificate of the workspace to certificates.pem (atomically)."""
    write_atomic(Path(folder) / CERTIFICATES_FILE, b"".join(trust_roots(conn)))


def published_certificates(folder: Path) -> list[bytes]:
    path = Path(folder) / CERTIFICATES_FILE
    if not path.is_file():
        return []
    text = path.read_bytes()
    marker = b"-----END CERTIFICATE-----"
    return [part.strip() + b"\n" + marker + b"\n" for part in text.split(marker) if part.strip()]


def use_organisation_identity(ws: Workspace, data: bytes, password: str) -> str:
    """Sign from now on with the organisation's PKCS#12 (earlier signatures stay trusted).

    Returns the certificate's name. Refused without changing anything if the file does not
    open with the password.
    """
    if len(data) > 1024 * 1024:
        raise InvalidInput("That file is too large to be a PKCS#12 signing identity.")
    with ws.transaction():
        identity = import_pkcs12(ws.conn, ws.user.name, data, password)
        ws.record("identity.import", "user", ws.user.name, {"subject": identity.subject_name()})
    publish_certificates(ws.conn, ws.folder)
    return identity.subject_name()
