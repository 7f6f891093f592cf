"""The review of operations: the use cases around its count (docs/review.md).

`compute(conn, period)` (storage/review_counts.py) is the whole count (no audit, no rights:
for benchmarks and tests); `produce` checks the role and the period and records who looked at
what; `write_csv` and `write_pdf` write the outputs, each an audit event. A meeting behind a
figure opens through `open_meeting`, with the same rights and audit as opening its case.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from models.case import Case
from models.review import Period, Review, period_problem
from models.users import Role
from storage import audit, cases, records
from storage.connection import Connection
from storage.errors import InvalidInput, PermissionDenied
from storage.outputs import check_output, write_output
from storage.review_counts import compute as compute
from storage.review_lists import meeting_rows
from storage.workspace import Workspace

REVIEWERS = {Role.ADMIN, Role.CHAIR}
LAYOUTS_WITHOUT_LOCK = 2  # a PDF laid out again while others keep saving, before the lock is held
CSV_HEADER = ("section", "measure", "group", "value")


def require_reviewer(ws: Workspace) -> None:
    if not REVIEWERS & ws.user.roles:
        raise PermissionDenied("Only an admin or a chair may produce the review of operations.")


def check_period(ws: Workspace, period: Period) -> None:
    """The role and the period, before anything is computed or written."""
    require_reviewer(ws)
    problem = period_problem(period, records.load_reference(ws.conn))
    if problem:
        raise InvalidInput(problem)


def _detail(period: Period, fmt: str, **more: Any) -> dict[str, Any]:
    return {
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "agency": period.agency,
        "type": period.meeting_type,
        "format": fmt,
        **more,
    }


def record_shown(ws: Workspace, period: Period) -> None:
    """The review was shown on screen: an audit event (who, which period, "screen")."""
    require_reviewer(ws)
    if ws.read_only:
        return  # read-only media: nothing can be written there, not even the unlock's event
    with ws.transaction():
        ws.record("review.report", "review", "", _detail(period, "screen"))


def produce(ws: Workspace, period: Period) -> Review:
    """The review on screen: checked, computed and recorded in the audit log."""
    check_period(ws, period)
    review = compute(ws.conn, period)
    record_shown(ws, period)
    return review


def csv_bytes(review: Review) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(review.csv_rows())
    return buffer.getvalue().encode("utf-8")


def write_csv(ws: Workspace, period: Period, out: Path) -> Review:
    check_output(out)
    check_period(ws, period)
    review = compute(ws.conn, period, detail=False)
    with ws.transaction():
        ws.record("review.report", "review", "", _detail(period, "csv", file=out.name))
        write_output(out, csv_bytes(review))
    return review


def write_pdf(ws: Workspace, period: Period, out: Path, passphrase: str | None = None) -> Review:
    """The review as PDF, signed by the user when the passphrase is given; it carries the
    checkpoint of the audit event that records it."""
    from reports.review_pdf import render_review
    from reports.signing import sign_pdf

    check_output(out)
    check_period(ws, period)
    identity = None
    if passphrase is not None:
        from storage import identities

        ws.slots.refresh()
        opened = ws.slots.open_user(ws.user.name, passphrase)  # WrongPassphrase
        try:
            identity = identities.unseal_identity(ws.conn, ws.slots, opened, ws.user.name)
        finally:
            opened.wipe()
        if identity is None:
            raise InvalidInput("You have no signing identity: ask the admin to make or import one.")
    review = compute(ws.conn, period)
    reference = records.load_reference(ws.conn)
    detail = _detail(period, "pdf", file=out.name, signed=identity is not None)

    def made(event: dict[str, Any]) -> bytes:
        """The PDF, carrying the checkpoint of `event`, the audit event that records it."""
        now = datetime.now(UTC).replace(microsecond=0)
        rendered = render_review(
            review,
            marking=reference.protective_marking,
            produced_by=ws.user.display_name,
            produced_at=now,
            audit_seq=event["seq"],
            audit_head=event["hash"],
            time_zone=reference.time_zone,
        )
        if identity is None:
            return rendered.pdf
        return sign_pdf(
            rendered.pdf,
            identity,
            page=rendered.signature_page,
            box=rendered.signature_box,
            reason=f"Review of operations, {period.describe()}",
            location="Caseroom",
            signer_name=ws.user.display_name,
            signed_at=now,
            time_zone=reference.time_zone,
        )

    # A year of a large workspace takes minutes to lay out: that is done without the write
    # lock, so every other window saves meanwhile, on the event as it will follow the head.
    # It is written only if no change came in between; else made again on the new head, and
    # the last time holding the lock, so that it ends.
    with ws.transaction():
        pass  # (a session's first write records its unlock first: not after a layout)
    for _ in range(LAYOUTS_WITHOUT_LOCK if not ws.media_read_only else 0):
        event = audit.prepare(ws.conn, ws.user.name, "review.report", "review", "", detail)
        data = made(event)
        with ws.transaction():
            if audit.checkpoint(ws.conn) == audit.Checkpoint(event["seq"] - 1, event["prev_hash"]):
                audit.insert(ws.conn, event)
                write_output(out, data)
                return review
    with ws.transaction():
        event = audit.prepare(ws.conn, ws.user.name, "review.report", "review", "", detail)
        data = made(event)
        audit.insert(ws.conn, event)
        write_output(out, data)
    return review


def meetings_behind(conn: Connection, ids: tuple[str, ...]) -> list[tuple[str, str, str, str]]:
    """(meeting id, case reference, date, type) of each meeting, by date."""
    return meeting_rows(conn, list(ids))


def open_meeting(ws: Workspace, meeting_id: str) -> tuple[Case, str]:
    """The case of a meeting behind a figure, opened as the case screen opens it (the
    same rights; a case.view event in the audit log)."""
    found = records.load_meeting(ws.conn, meeting_id)
    if found is None:
        raise InvalidInput(f"There is no meeting {meeting_id!r}.")
    return cases.open_case(ws, found[0]), meeting_id
