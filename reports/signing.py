"""Signing with an identity: PAdES certification signatures (pyHanko).

A signature here certifies the document and permits no later changes (DocMDP level 1), uses
the PAdES subfilter (ETSI.CAdES.detached) and is visible on the last page. With no network
in the room there is no time-stamp authority: the signing time is the signer's claim.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import MDPPerm, SigFieldSpec, SigSeedSubFilter
from pyhanko_certvalidator.registry import SimpleCertificateStore

from models.base import DEFAULT_TIME_ZONE
from reports.archival import ArchivalWriter, signature_stamp
from reports.pdf_parts import lay_time


@dataclass(frozen=True)
class SigningIdentity:
    """A private key (PEM, unencrypted: held in memory only, while signing), its
    certificate, and the certificates between it and its root."""

    key_pem: bytes
    cert_pem: bytes
    chain_pem: tuple[bytes, ...] = ()

    @property
    def certificate(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.cert_pem)

    def subject_name(self) -> str:
        names = self.certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        return str(names[0].value) if names else ""


def _as_pem(
    key: PrivateKeyTypes, cert: x509.Certificate, chain: list[x509.Certificate]
) -> SigningIdentity:
    return SigningIdentity(
        key_pem=key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        cert_pem=cert.public_bytes(serialization.Encoding.PEM),
        chain_pem=tuple(c.public_bytes(serialization.Encoding.PEM) for c in chain),
    )


def identity_from_der(key_der: bytes, cert_pem: bytes, chain_pem: list[bytes]) -> SigningIdentity:
    key = serialization.load_der_private_key(key_der, None)
    cert = x509.load_pem_x509_certificate(cert_pem)
    return _as_pem(key, cert, [x509.load_pem_x509_certificate(c) for c in chain_pem])


def identity_from_pkcs12(data: bytes, password: str) -> SigningIdentity:
    """An organisation's PKCS#12 file as a signing identity; ValueError when it will not open."""
    key, cert, _extra = pkcs12.load_key_and_certificates(
        data, password.encode("utf-8") if password else None
    )
    if key is None or cert is None:
        raise ValueError("The PKCS#12 file holds no key and certificate.")
    return _as_pem(key, cert, list(_extra or []))


def key_der_of(identity: SigningIdentity) -> bytes:
    """The private key as DER PKCS#8 (to be sealed before it is stored)."""
    return serialization.load_pem_private_key(identity.key_pem, None).private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _signer(identity: SigningIdentity) -> signers.SimpleSigner:
    cert = asn1_x509.Certificate.load(identity.certificate.public_bytes(serialization.Encoding.DER))
    key_der = serialization.load_pem_private_key(identity.key_pem, None).private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    chain = [
        asn1_x509.Certificate.load(
            x509.load_pem_x509_certificate(pem).public_bytes(serialization.Encoding.DER)
        )
        for pem in identity.chain_pem
    ]
    return signers.SimpleSigner(
        signing_cert=cert,
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs([cert, *chain]),  # type: ignore[no-untyped-call]
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
