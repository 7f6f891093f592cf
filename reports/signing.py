"""Signing identities and PAdES certification signatures (pyHanko).

A signature here certifies the document and permits no later changes (DocMDP level 1), uses
the PAdES subfilter (ETSI.CAdES.detached) and is visible on the last page. With no network
in the room there is no time-stamp authority: the signing time is the signer's claim.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import MDPPerm, SigFieldSpec, SigSeedSubFilter
from pyhanko_certvalidator.registry import SimpleCertificateStore

from reports.archival import ArchivalWriter, signature_stamp
from reports.pdf_parts import DEFAULT_TIME_ZONE, lay_time

CERT_YEARS = 10


@dataclass(frozen=True)
class SigningIdentity:
    """A private key and its certificate, both PEM."""

    key_pem: bytes
    cert_pem: bytes

    @property
    def certificate(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.cert_pem)

    def subject_name(self) -> str:
        names = self.certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        return str(names[0].value) if names else ""


def make_identity(display_name: str, organisation: str = "Caseroom workspace") -> SigningIdentity:
    """A new P-256 key and a self-signed certificate for signing minutes."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, display_name[:64] or "Caseroom user"),
            x509.NameAttribute(
                NameOID.ORGANIZATION_NAME, organisation[:64] or "Caseroom workspace"
            ),
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
        .not_valid_after(now + timedelta(days=365 * CERT_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_cert_sign=True,
                crl_sign=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return _as_pem(key, cert)


def _as_pem(key: PrivateKeyTypes, cert: x509.Certificate) -> SigningIdentity:
    return SigningIdentity(
        key_pem=key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        cert_pem=cert.public_bytes(serialization.Encoding.PEM),
    )


def identity_from_pkcs12(data: bytes, password: str) -> SigningIdentity:
    """An organisation's PKCS#12 file as a signing identity; ValueError when it will not open."""
    key, cert, _extra = pkcs12.load_key_and_certificates(
        data, password.encode("utf-8") if password else None
    )
    if key is None or cert is None:
        raise ValueError("The PKCS#12 file holds no key and certificate.")
    return _as_pem(key, cert)


def _signer(identity: SigningIdentity) -> signers.SimpleSigner:
    cert = asn1_x509.Certificate.load(identity.certificate.public_bytes(serialization.Encoding.DER))
    key_der = serialization.load_pem_private_key(identity.key_pem, None).private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return signers.SimpleSigner(
        signing_cert=cert,
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs([cert]),  # type: ignore[no-untyped-call]
    )


def sign_pdf(
    pdf: bytes,
    identity: SigningIdentity,
    *,
    page: int,
    box: tuple[int, int, int, int],
    reason: str,
    location: str,
    signer_name: str,
    signed_at: datetime | None = None,
    time_zone: str = DEFAULT_TIME_ZONE,
) -> bytes:
    """Certify `pdf`: PAdES, no changes permitted, visible on `page` in `box`."""
    writer = ArchivalWriter(io.BytesIO(pdf))
    fields.append_signature_field(writer, SigFieldSpec("ChairSignature", on_page=page, box=box))
    meta = signers.PdfSignatureMetadata(
        field_name="ChairSignature",
        certify=True,
        docmdp_permissions=MDPPerm.NO_CHANGES,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location,
        name=signer_name,
    )
    when = lay_time(signed_at or datetime.now(UTC), time_zone)
    style, stamp_text = signature_stamp(signer_name, when)
    pdf_signer = signers.PdfSigner(meta, signer=_signer(identity), stamp_style=style)
    out = io.BytesIO()
    pdf_signer.sign_pdf(writer, output=out, appearance_text_params=stamp_text)
    return out.getvalue()
