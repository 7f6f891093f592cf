"""PDF bytes -> a verdict on its signature, judged as a court would need it judged.

Trusted only when pyHanko's bottom line is true and the signature covers the entire file,
against the workspace's root (or an organisation root an admin added) as the only trust
anchors; and the signer's certificate is an end-entity one (no CA may sign minutes), was not
revoked as of the signing time the signer claims, and names (or, verified inside the
workspace, belongs to) a user who held the role the document needs: chair, for minutes.
`intact` or `valid` alone is never enough. pyHanko logs tracebacks while it validates a bad
file; those stay in the log.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext


class Verdict(StrEnum):
    TRUSTED = "intact and trusted"
    REVOKED = "intact but the signer's certificate was revoked before signing"
    NOT_AUTHORISED = "intact but the signer did not hold the role needed"
    UNKNOWN_SIGNER = "intact but signer unknown"
    MODIFIED = "modified after signing"
    NOT_SIGNED = "not signed"
    NOT_PDF = "not a PDF"


@dataclass(frozen=True)
class Policy:
    """What a trusted signature must also satisfy, beyond chaining to a trust anchor.

    `revoked`: certificate serial (hex) -> when it was revoked. `registry`, when known (inside
    the workspace): serial -> (user, roles); a certificate not in it is not trusted, and the
    roles come from it rather than from the certificate.
    """

    required_role: str = "chair"
    revoked: dict[str, datetime] = field(default_factory=dict)
    registry: dict[str, tuple[str, frozenset[str]]] | None = None
    # Inside the workspace: is this very file among the stored signed minutes? Asked only of
    # a revoked signer's signature that claims a time before the revocation (a claim is all
    # the signing time is, and a leaver can backdate their clock).
    was_stored: Callable[[], bool] | None = None


@dataclass(frozen=True)
class VerifyResult:
    verdict: Verdict
    signer: str = ""
    signed_at: datetime | None = None
    detail: str = ""
    agency: str = ""
    role: str = ""

    def describe(self) -> str:
        parts = [self.verdict.value[0].upper() + self.verdict.value[1:]]
        if self.signer:
            about = "; ".join(x for x in (self.role, self.agency) if x)
            parts.append(f"signed by {self.signer}" + (f" ({about})" if about else ""))
        if self.signed_at:
            parts.append(
                f"at {self.signed_at.isoformat(timespec='seconds')} (as claimed by the signer)"
            )
        text = ", ".join(parts)
        return f"{text}. {self.detail}".strip() if self.detail else f"{text}."


def verify_pdf(
    data: bytes, trust_roots_pem: list[bytes], policy: Policy | None = None
) -> VerifyResult:
    """Judge every signature in `data`; the weakest one decides."""
    quiet = logging.getLogger("pyhanko")
    level, quiet.level = quiet.level, logging.CRITICAL + 1
    try:
        return _verify(data, trust_roots_pem, policy or Policy())
    finally:
        quiet.setLevel(level)


def _verify(data: bytes, trust_roots_pem: list[bytes], policy: Policy) -> VerifyResult:
    if data.lstrip()[:5] != b"%PDF-":
        return VerifyResult(Verdict.NOT_PDF, detail="The file does not start like a PDF.")
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
        return VerifyResult(
            Verdict.NOT_PDF, detail=f"It cannot be read as a PDF ({type(exc).__name__})."
        )
    if not signatures:
        return VerifyResult(Verdict.NOT_SIGNED)
    roots = [asn1_x509.Certificate.load(_der(pem)) for pem in trust_roots_pem]
    worst: VerifyResult | None = None
    for signature in signatures:
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        try:
            status = validate_pdf_signature(signature, context)
        except (SignatureValidationError, PdfError, ValueError, KeyError, TypeError) as exc:
            return VerifyResult(
                Verdict.MODIFIED, detail=f"The signature cannot be checked ({type(exc).__name__})."
            )
        signer = _signer_name(status)
        when = status.signer_reported_dt
        whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        if not status.intact or not status.valid or not whole or not status.docmdp_ok:
            result = VerifyResult(
                Verdict.MODIFIED, signer, when, "The file was changed after it was signed."
            )
        elif status.bottom_line:
            result = _judge_signer(status, when, policy)
        else:
            result = VerifyResult(
                Verdict.UNKNOWN_SIGNER,
                signer,
                when,
                "The signer's certificate is not one of this workspace's.",
            )
        if worst is None or _rank(result.verdict) > _rank(worst.verdict):
            worst = result
    assert worst is not None
    return worst


def _judge_signer(status: object, when: datetime | None, policy: Policy) -> VerifyResult:
    """A signature that chains to an anchor: is its signer one who may sign this?"""
    from cryptography import x509

    from reports.authority import holder_of, is_end_entity

    cert = x509.load_der_x509_certificate(status.signing_cert.dump())  # type: ignore[attr-defined]
    holder = holder_of(cert)
    serial = format(cert.serial_number, "x")
    roles = frozenset(holder.roles)
    if policy.registry is not None:
        if serial not in policy.registry:
            return VerifyResult(
                Verdict.UNKNOWN_SIGNER,
                holder.name,
                when,
                "The certificate was never issued to a user of this workspace.",
            )
        roles = policy.registry[serial][1]
    shown = ", ".join(sorted(roles))

    def result(verdict: Verdict, detail: str = "") -> VerifyResult:
        return VerifyResult(verdict, holder.name, when, detail, holder.agency, shown)

    if not is_end_entity(cert):
        return result(Verdict.UNKNOWN_SIGNER, "The signer's certificate is a CA's, not a person's.")
    revoked_at = policy.revoked.get(serial)
    # Both times are whole seconds on the published list; a signature claimed in the very
    # second of the revocation gets the benefit of the doubt there (a claim can be backdated
    # anyway: docs/security.md). Inside the workspace the stored-document check decides.
    if revoked_at is not None and (when is None or when > revoked_at):
        return result(
            Verdict.REVOKED,
            f"Revoked at {revoked_at.isoformat(timespec='seconds')}, before the claimed signing time.",
        )
    if policy.required_role and policy.required_role not in roles:
        return result(
            Verdict.NOT_AUTHORISED,
            f"The document needs a {policy.required_role}; the certificate does not say the "
            "signer was one (check inside the workspace with --user).",
        )
    if revoked_at is not None and policy.was_stored is not None and not policy.was_stored():
        return result(
            Verdict.REVOKED,
            "It claims a time before the certificate was revoked, but this workspace never "
            "stored such a document: the claim cannot be believed.",
        )
    if revoked_at is not None:
        return result(
            Verdict.TRUSTED,
            f"Made before the certificate was revoked ({revoked_at.isoformat(timespec='seconds')}).",
        )
    return result(Verdict.TRUSTED)


def _rank(verdict: Verdict) -> int:
    return [
        Verdict.TRUSTED,
        Verdict.REVOKED,
        Verdict.NOT_AUTHORISED,
        Verdict.UNKNOWN_SIGNER,
        Verdict.NOT_SIGNED,
        Verdict.MODIFIED,
        Verdict.NOT_PDF,
    ].index(verdict)


def _der(pem: bytes) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    return x509.load_pem_x509_certificate(pem).public_bytes(serialization.Encoding.DER)


def _signer_name(status: object) -> str:
    try:
        cert = status.signing_cert  # type: ignore[attr-defined]
        return str(cert.subject.native.get("common_name", "")) or str(cert.subject.human_friendly)
    except (AttributeError, ValueError):
        return ""
