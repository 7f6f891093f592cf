"""Checkpoints kept outside the database, held against the audit chain inside it.

The chain is unkeyed, so someone with the database key can drop the triggers, rewrite the
log and recompute every hash; `audit.verify` would then find it consistent. What they cannot
rewrite is what has left the workspace: each signed minutes PDF carries the checkpoint
(sequence and head hash) of its signing in its XMP, under the chair's signature, and each
backup carries one in its manifest. `check_anchors` says whether the live chain still holds
each of those at that sequence with that hash.
"""

from __future__ import annotations

import json
import tarfile
from dataclasses import dataclass
from pathlib import Path

from storage import audit
from storage.connection import Connection
from storage.errors import InvalidInput
from storage.workspace import Workspace

PDF_KIND, BACKUP_KIND = "signed minutes", "backup"
BACKUP_MANIFEST = "manifest.json"  # storage/backup.py writes it first in the tar
MAX_PDF_BYTES = 512 * 1024**2


@dataclass(frozen=True)
class Anchor:
    """A checkpoint read from a file outside the workspace."""

    source: str  # the file, as the user named it
    kind: str  # "signed minutes" or "backup"
    seq: int
    head: str
    sealed: str = ""  # why the checkpoint cannot be trusted as found, or ""


@dataclass(frozen=True)
class AnchorVerdict:
    ok: bool
    checked: int
    first_bad: Anchor | None = None
    reason: str = ""

    def describe(self) -> str:
        if self.ok:
            return f"Every checkpoint is in the audit chain ({self.checked} file(s))."
        bad = self.first_bad
        assert bad is not None
        return f"{bad.source} ({bad.kind}, event {bad.seq}): {self.reason}."


def read_anchor(path: Path) -> Anchor:
    """The checkpoint a signed minutes PDF or a backup carries; InvalidInput if none."""
    from reports.archival import read_signed_checkpoint

    path = Path(path)
    try:
        with path.open("rb") as handle:
            start = handle.read(5)
            if start == b"%PDF-":
                handle.seek(0)
                data = handle.read(MAX_PDF_BYTES + 1)
                if len(data) > MAX_PDF_BYTES:
                    raise InvalidInput(f"{path}: larger than signed minutes may be.")
                found = read_signed_checkpoint(data)
                if found is None:
                    raise InvalidInput(
                        f"{path}: carries no machine-readable audit checkpoint "
                        "(not minutes signed by this version of Caseroom)."
                    )
                point, sealed = found
                return Anchor(str(path), PDF_KIND, point.seq, point.head, sealed)
    except OSError as exc:
        raise InvalidInput(f"{path}: {exc.strerror or 'cannot be read'}.") from exc
    return _backup_anchor(path)


def _backup_anchor(path: Path) -> Anchor:
    try:
        with tarfile.open(path, mode="r:") as archive:
            member = archive.getmember(BACKUP_MANIFEST)
            handle = archive.extractfile(member) if member.isfile() else None
            if handle is None or member.size > 1024**2:
                raise KeyError(BACKUP_MANIFEST)
            manifest = json.loads(handle.read())
        seq, head = manifest["audit_seq"], manifest["audit_head"]
        if type(seq) is not int or not isinstance(head, str) or len(head) != 64:
            raise ValueError("checkpoint")
    except (tarfile.TarError, KeyError, EOFError, ValueError, TypeError) as exc:
        raise InvalidInput(
            f"{path}: neither signed minutes nor a Caseroom backup with an audit checkpoint."
        ) from exc
    except OSError as exc:
        raise InvalidInput(f"{path}: {exc.strerror or 'cannot be read'}.") from exc
    return Anchor(str(path), BACKUP_KIND, seq, head)


def hold_to_anchors(ws: Workspace, anchors: list[Anchor]) -> AnchorVerdict:
    """`audit verify --against`: every PDF signed by someone this workspace trusts, and
    every checkpoint in the chain. A PDF that an insider signed with a key of their own,
    carrying a checkpoint made up to fit a rewritten log, fails the first test."""
    from reports.verify import Verdict
    from storage.verification import verify_in_workspace

    for number, anchor in enumerate(anchors, start=1):
        if anchor.kind != PDF_KIND or anchor.sealed:
            continue
        result = verify_in_workspace(ws, Path(anchor.source))
        if result.verdict is not Verdict.TRUSTED:
            return AnchorVerdict(
                False, number, anchor, f"its signature is not trusted here ({result.verdict})"
            )
    return check_anchors(ws.conn, anchors)


def check_anchors(conn: Connection, anchors: list[Anchor]) -> AnchorVerdict:
    """Is each anchor's checkpoint in the chain, at its sequence, with its hash?"""
    for number, anchor in enumerate(anchors, start=1):
        if anchor.sealed:
            return AnchorVerdict(False, number, anchor, anchor.sealed)
        row = conn.execute("SELECT hash FROM audit_log WHERE seq = ?", (anchor.seq,)).fetchone()
        if row is None:
            last = audit.checkpoint(conn).seq
            return AnchorVerdict(
                False,
                number,
                anchor,
                f"the audit log has no event {anchor.seq} (it ends at {last}): it was cut back",
            )
        if row[0] != anchor.head:
            return AnchorVerdict(
                False,
                number,
                anchor,
                f"the audit log's event {anchor.seq} is not the one this file recorded:"
                " the log was cut back or rewritten",
            )
    return AnchorVerdict(True, len(anchors))
