"""Verify a PDF against the workspace's certificates."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from storage import identities
from storage.errors import InvalidInput
from storage.workspace import Workspace

if TYPE_CHECKING:
    from reports.verify import VerifyResult

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


def verify_with(data: bytes, roots: list[bytes]) -> VerifyResult:
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
            outcome.append(verify_pdf(data, roots))
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
    """Judge a PDF against the certificates inside the encrypted workspace; an audit event."""
    result = verify_with(read_pdf(path), identities.trust_roots(ws.conn))
    with ws.transaction():
        ws.record("pdf.verify", "file", path.name, {"verdict": result.verdict.value})
    return result


def verify_with_published(folder: Path | None, path: Path) -> VerifyResult:
    """Judge a PDF without unlocking: against certificates.pem, or no roots at all."""
    roots = identities.published_certificates(folder) if folder else []
    return verify_with(read_pdf(path), roots)
