"""Verify a PDF against the workspace's certificates."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from storage import identities
from storage.errors import InvalidInput
from storage.workspace import Workspace

if TYPE_CHECKING:
    from reports.verify import VerifyResult

MAX_PDF_BYTES = 512 * 1024 * 1024


def read_pdf(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_PDF_BYTES:
            raise InvalidInput(f"{path}: larger than {MAX_PDF_BYTES // 2**20} MiB.")
        return path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"{path}: {exc.strerror or 'cannot be read'}.") from exc


def verify_with(data: bytes, roots: list[bytes]) -> VerifyResult:
    from reports.verify import verify_pdf

    return verify_pdf(data, roots)


def verify_in_workspace(ws: Workspace, path: Path) -> VerifyResult:
    """Judge a PDF against the certificates inside the encrypted workspace; an audit event."""
    result = verify_with(read_pdf(path), identities.trust_roots(ws.conn))
    with ws.transaction():
        ws.record("pdf.verify", "file", path.name, {"verdict": result.verdict.value})
    return result


def verify_with_published(folder: Path | None, path: Path) -> VerifyResult:
    """Judge a PDF without unlocking: against certificates.pem, or no roots at all."""
    roots = identities.published_certificates(folder) if folder else []
    return verify_with(read_pdf(path), roots)
