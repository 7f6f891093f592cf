"""Signing identities for tests: one issued by a workspace-like authority, one self-made."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from reports.authority import Authority, Holder, issue, make_authority, new_signing_key
from reports.signing import SigningIdentity, identity_from_der


def issued_identity(
    name: str,
    roles: tuple[str, ...] = ("chair",),
    agency: str = "",
    authority: Authority | None = None,
) -> tuple[SigningIdentity, Authority]:
    """A signing identity issued by `authority` (a new one by default), and that authority."""
    authority = authority or make_authority("0" * 32)
    key = new_signing_key()
    cert = issue(authority, key, Holder(name, agency, roles, name.lower()))
    return identity_from_der(key, cert, [authority.root_pem]), authority


def self_signed_identity(name: str, *, ca: bool = True, title: str = "chair") -> SigningIdentity:
    """What an insider could make with a key of their own: a certificate naming anyone."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [x509.NameAttribute(NameOID.COMMON_NAME, name), x509.NameAttribute(NameOID.TITLE, title)]
    )
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
        .sign(key, hashes.SHA256())
    )
    der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return identity_from_der(der, cert.public_bytes(serialization.Encoding.PEM), [])
