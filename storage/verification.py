"""Verify a PDF against the workspace's certificates."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from storage import identities
from storage.errors import InvalidInput
from storage.workspace import Workspace

if TYPE_CHECKING:
    from reports.verify import Policy, VerifyResult

# Signed minutes of a long meeting are a few MB; pyHanko reads about 5 MB a second of junk.
MAX_PDF_BYTES = 50 * 1024 * 1024
VERIFY_SECONDS = 30.0
# A PDF ends with %%EOF; readers allow it within the last 1024 bytes (PDF 32000, 7.5.5).
_TAIL = 1024


def read_pdf(path: Path) -> bytes:
    """The file's bytes, refusing anything larger than signed minutes could be."""
    try:
        size = path.stat().st_size
        if size > MAX_PDF_BYTES:
            raise InvalidInput(
                f"{path}: {size / 2**20:,.0f} MiB is larger than signed minutes can be "
                f"({MAX_PDF_BYTES // 2**20} MiB at most); it was not checked."
            )
        return path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"{path}: {exc.strerror or 'cannot be read'}.") from exc


def verify_with(data: bytes, roots: list[bytes], policy: Policy | None = None) -> VerifyResult:
    """pyHanko's verdict, within VERIFY_SECONDS; a file that does not end like a PDF is
    judged at once, without parsing (junk after a "%PDF-" line made parsing take minutes)."""
    from reports.verify import Verdict, VerifyResult, verify_pdf

    if len(data) > MAX_PDF_BYTES:
        raise InvalidInput(f"The file is larger than {MAX_PDF_BYTES // 2**20} MiB; not checked.")
    if b"%%EOF" not in data[-_TAIL:]:
        return VerifyResult(Verdict.NOT_PDF, detail="The file does not end like a PDF.")
    outcome: list[VerifyResult | BaseException] = []

    def work() -> None:
        try:
            outcome.append(verify_pdf(data, roots, policy))
        except BaseException as exc:  # handed back to the caller's thread below
            outcome.append(exc)

    # A daemon thread: if it overruns, the caller gets an answer and the process can exit.
    worker = threading.Thread(target=work, name="verify-pdf", daemon=True)
    worker.start()
    worker.join(VERIFY_SECONDS)
    if not outcome:
        raise InvalidInput(
            f"Checking the file took longer than {VERIFY_SECONDS:.0f} seconds; it is not "
            "minutes this app signed, and was not trusted."
        )
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def verify_in_workspace(ws: Workspace, path: Path) -> VerifyResult:
    """Judge a PDF against the workspace's trust anchors, its revocations and its register
    of who holds each certificate (with their roles); an audit event."""
    from reports.verify import Policy

    data = read_pdf(path)

    def was_stored() -> bool:
        row = ws.conn.execute(
            "SELECT 1 FROM minutes WHERE professional_pdf = ? OR family_pdf = ? LIMIT 1",
            (data, data),
        ).fetchone()
        return row is not None

    policy = Policy(
        revoked={r.serial: r.revoked_at for r in identities.revocations(ws.conn)},
        registry=identities.signer_roles(ws.conn),
        was_stored=was_stored,
    )
    result = verify_with(data, identities.anchors(ws.conn), policy)
    with ws.transaction():
        ws.record("pdf.verify", "file", path.name, {"verdict": result.verdict.value})
    return result


def verify_with_published(folder: Path | None, path: Path) -> VerifyResult:
    """Judge a PDF without unlocking: against authority.pem, or no anchors at all."""
    from reports.verify import Policy

    roots = identities.published_anchors(folder) if folder else []
    revoked = identities.published_revocations(folder, roots) if folder and roots else {}
    return verify_with(read_pdf(path), roots, Policy(revoked=revoked))


def read_certificates(path: Path) -> list[bytes]:
    """The PEM certificates in a file (at least one), each checked to load."""
    from cryptography import x509

    from reports.authority import split_pem

    try:
        if path.stat().st_size > 1024 * 1024:
            raise InvalidInput(f"{path}: too large to be a root certificate.")
        certs = split_pem(path.read_bytes())
        for pem in certs:
            x509.load_pem_x509_certificate(pem)
    except OSError as exc:
        raise InvalidInput(f"{path}: {exc.strerror or 'cannot be read'}.") from exc
    except ValueError as exc:
        raise InvalidInput(f"{path}: not a PEM certificate.") from exc
    if not certs:
        raise InvalidInput(f"{path}: holds no certificate.")
    return certs


def read_certificate(path: Path) -> bytes:
    certs = read_certificates(path)
    if len(certs) != 1:
        raise InvalidInput(f"{path}: holds {len(certs)} certificates; give one root.")
    return certs[0]


def verify_with_trust(trust: Path, path: Path) -> VerifyResult:
    """Judge a PDF against a root certificate file a partner was given (no workspace)."""
    return verify_with(read_pdf(path), read_certificates(trust))


def export_authority(folder: Path, out: Path) -> None:
    """Copy the workspace's root certificate (no personal names) for partners."""
    from storage.atomic import write_atomic
    from storage.outputs import check_output

    roots = identities.published_anchors(folder)
    if not roots:
        raise InvalidInput(f"{folder} has no authority.pem: is it a Caseroom workspace?")
    write_atomic(check_output(out), roots[0], mode=0o644)
