"""The workspace's signing authority: its root certificate and the certificates it issues.

Pure functions over keys and certificates (no storage). The root names no person: only
"Caseroom workspace authority" and the workspace id. Each certificate it issues is an
end-entity certificate (``ca=False``, no keyCertSign; digitalSignature and nonRepudiation)
that names the user (common name and user id), their agency (organisation) and their roles
(title), so a verifier can say who signed, for which agency, in which role.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

ROOT_YEARS = 30  # minutes are kept until the child's 25th birthday, and checked long after
CERT_YEARS = 10


@dataclass(frozen=True)
class Authority:
    """The authority's private key (DER, PKCS#8, unencrypted: in memory only) and root."""

    key_der: bytes
    root_pem: bytes


@dataclass(frozen=True)
class Holder:
    """Who a certificate names: the words a verdict reads back."""

    name: str
    agency: str
    roles: tuple[str, ...]
    user: str = ""

    @property
    def role_text(self) -> str:
        return ", ".join(self.roles)


def _usage(*, signer: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=signer,
        content_commitment=signer,
        key_cert_sign=not signer,
        crl_sign=not signer,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        encipher_only=False,
        decipher_only=False,
    )


def make_authority(workspace_id: str) -> Authority:
    """A new P-256 authority key and its self-signed root certificate (no personal names)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "Caseroom workspace authority"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, f"workspace {workspace_id}"),
        ]
    )
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * ROOT_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_usage(signer=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return Authority(der, cert.public_bytes(serialization.Encoding.PEM))


def new_signing_key() -> bytes:
    """A new P-256 signing key, DER PKCS#8 (the caller seals it before it touches disk)."""
    return ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def issue(authority: Authority, signing_key_der: bytes, holder: Holder) -> bytes:
    """An end-entity certificate (PEM) for `signing_key_der`, naming `holder`."""
    ca_key = serialization.load_der_private_key(authority.key_der, None)
    assert isinstance(ca_key, ec.EllipticCurvePrivateKey)
    root = x509.load_pem_x509_certificate(authority.root_pem)
    public = serialization.load_der_private_key(signing_key_der, None).public_key()
    assert isinstance(public, ec.EllipticCurvePublicKey)
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, holder.name[:64] or "Caseroom user")]
    if holder.agency:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, holder.agency[:64]))
    if holder.roles:
        attributes.append(x509.NameAttribute(NameOID.TITLE, holder.role_text[:64]))
    if holder.user:
        attributes.append(x509.NameAttribute(NameOID.USER_ID, holder.user[:64]))
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attributes))
        .issuer_name(root.subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=365 * CERT_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(signer=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM)


def holder_of(cert: x509.Certificate) -> Holder:
    """What a certificate says about its holder."""

    def first(oid: x509.ObjectIdentifier) -> str:
        values = cert.subject.get_attributes_for_oid(oid)
        return str(values[0].value) if values else ""

    roles = tuple(r.strip() for r in first(NameOID.TITLE).split(",") if r.strip())
    return Holder(
        first(NameOID.COMMON_NAME), first(NameOID.ORGANIZATION_NAME), roles, first(NameOID.USER_ID)
    )


def is_end_entity(cert: x509.Certificate) -> bool:
    """No CA flag and no keyCertSign: a certificate that can sign documents, nothing more."""
    try:
        if cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca:
            return False
    except x509.ExtensionNotFound:
        pass
    try:
        return not cert.extensions.get_extension_for_class(x509.KeyUsage).value.key_cert_sign
    except x509.ExtensionNotFound:
        return True


def split_pem(text: bytes) -> list[bytes]:
    """The certificates in a PEM bundle, each as its own PEM."""
    marker = b"-----END CERTIFICATE-----"
    return [part.strip() + b"\n" + marker + b"\n" for part in text.split(marker) if part.strip()]


def make_crl(authority: Authority, revoked: list[tuple[int, datetime]]) -> bytes:
    """A revocation list (PEM) signed by the authority: serial numbers and times, no names."""
    ca_key = serialization.load_der_private_key(authority.key_der, None)
    assert isinstance(ca_key, ec.EllipticCurvePrivateKey)
    root = x509.load_pem_x509_certificate(authority.root_pem)
    now = datetime.now(UTC)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(root.subject)
        .last_update(now)
        .next_update(now + timedelta(days=365 * ROOT_YEARS))
    )
    for serial, when in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when).build()
        )
    return builder.sign(ca_key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM)


def read_crl(pem: bytes, roots_pem: list[bytes]) -> dict[str, datetime]:
    """Serial (hex) -> revocation time, from a list signed by one of `roots_pem`.

    ValueError when the list is unreadable or signed by none of them.
    """
    crl = x509.load_pem_x509_crl(pem)
    for root_pem in roots_pem:
        root = x509.load_pem_x509_certificate(root_pem)
        public = root.public_key()
        if (
            crl.issuer == root.subject
            and isinstance(public, ec.EllipticCurvePublicKey)
            and crl.is_signature_valid(public)
        ):
            return {format(r.serial_number, "x"): r.revocation_date_utc for r in crl}
    raise ValueError("the revocation list is not signed by the workspace authority")
