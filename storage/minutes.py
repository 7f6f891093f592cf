"""Use cases of the minutes: sign (freeze, build, certify, store), export, distribute, verify."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from models.case import Case
from models.meeting import Meeting, MeetingStatus
from models.minutes import MinutesSnapshot, Variant, build_snapshot, signing_problem
from models.minutes_v1 import MinutesSnapshotV1, load_snapshot
from models.reference import ReferenceData
from models.rules import meeting_chronology_entry
from models.text import ShortText, text_problem
from models.users import Role
from storage import audit, identities, records
from storage.connection import read_transaction
from storage.errors import InvalidInput, PermissionDenied
from storage.keyslots import OpenSlot
from storage.outputs import check_output, write_output
from storage.workspace import Workspace


@dataclass(frozen=True)
class SignedMinutes:
    meeting_id: str
    version: int
    amends_version: int | None
    snapshot_sha256: str
    signer: str
    signed_at: str
    professional_pdf: bytes
    family_pdf: bytes

    def pdf(self, variant: Variant) -> bytes:
        return self.professional_pdf if variant is Variant.PROFESSIONAL else self.family_pdf


_COLUMNS = "meeting_id, version, amends_version, snapshot_sha256, signer, signed_at, professional_pdf, family_pdf"


def latest_signed(ws: Workspace, meeting_id: str) -> SignedMinutes | None:
    row = ws.conn.execute(
        f"SELECT {_COLUMNS} FROM minutes WHERE meeting_id = ? ORDER BY version DESC LIMIT 1",
        (meeting_id,),
    ).fetchone()
    return (
        None
        if row is None
        else SignedMinutes(
            row[0], row[1], row[2], row[3], row[4], row[5], bytes(row[6]), bytes(row[7])
        )
    )


def load_case_and_meeting(ws: Workspace, meeting_id: str) -> tuple[Case, Meeting]:
    """The meeting and its case, or InvalidInput naming the meeting."""
    found = records.load_meeting(ws.conn, meeting_id)
    if found is None:
        raise InvalidInput(f"There is no meeting {meeting_id!r}.")
    case = records.load_case(ws.conn, found[0])
    assert case is not None
    return case, found[1]


def draft_pdf(ws: Workspace, meeting_id: str, variant: Variant) -> bytes:
    """An unsigned draft of the minutes as they stand (for preview; not the record)."""
    from reports.minutes_pdf import render_minutes

    with read_transaction(ws.conn):  # one consistent state, read while others may write
        case, meeting = load_case_and_meeting(ws, meeting_id)
        head = audit.checkpoint(ws.conn)
        reference = records.load_reference(ws.conn)
        marking = reference.protective_marking
    snapshot = build_snapshot(
        case,
        meeting,
        version=0,
        reference=reference,
        protective_marking=marking + " — DRAFT",
        signer_name="",
        signer_role="",
        signed_at=datetime.now(UTC),
        audit_seq=head.seq,
        audit_head=head.head,
    )
    return render_minutes(snapshot, variant).pdf


# Signing is retried this many times when other work lands while it builds the PDFs.
_SIGN_ATTEMPTS = 3


@dataclass(frozen=True)
class _Frozen:
    """What signing read, in one read transaction, and the audit event it will write."""

    case: Case
    meeting: Meeting
    previous: SignedMinutes | None
    identity: Any
    reference: ReferenceData
    event: dict[str, Any]


def sign_minutes(
    ws: Workspace, meeting_id: str, passphrase: str, addendum: str = ""
) -> SignedMinutes:
    """Freeze the minutes, build both variants, certify both, store them.

    The snapshot is frozen in a read transaction; the PDFs are built and signed outside any
    transaction (seconds, during which the app may save other work); the result is stored in
    a short write transaction that first checks the meeting and the audit head are as they
    were frozen. If other work landed meanwhile, signing starts again from a new freeze; if
    the meeting itself changed, nothing is signed. Asking again for signed minutes returns
    the stored ones; a change after signing is a signed addendum that refers to the version
    it amends.
    """
    if Role.CHAIR not in ws.user.roles:
        raise PermissionDenied("Only a chair may sign minutes.")
    ws.require_writable()
    problem = text_problem(addendum, 20_000)
    if problem:
        raise InvalidInput(f"Addendum {problem}.")
    # Signing asks for the passphrase again: it opens the user's key slot, and only that
    # opens their signing key (sealed to the slot; the database key alone does not).
    ws.slots.refresh()
    opened = ws.slots.open_user(ws.user.name, passphrase)
    try:
        for _attempt in range(_SIGN_ATTEMPTS):
            frozen = _freeze(ws, meeting_id, addendum, opened)
            if isinstance(frozen, SignedMinutes):
                return frozen
            snapshot, pdfs = _build_and_sign(ws, frozen, addendum)
            with ws.transaction():
                if not _unchanged(ws, frozen):
                    continue
                signed = _store_signed(ws, frozen, snapshot, pdfs)
            return signed
    finally:
        opened.wipe()
    raise InvalidInput(
        "The workspace kept changing while the minutes were being signed; nothing was signed. "
        "Sign again."
    )


def _freeze(
    ws: Workspace, meeting_id: str, addendum: str, opened: OpenSlot
) -> _Frozen | SignedMinutes:
    with read_transaction(ws.conn):
        case, meeting = load_case_and_meeting(ws, meeting_id)
        previous = latest_signed(ws, meeting_id)
        if previous is not None and not addendum.strip():
            return previous
        if previous is None and addendum.strip():
            raise InvalidInput("These minutes are not signed yet: edit them, then sign.")
        problem = signing_problem(meeting)
        if problem:
            raise InvalidInput(problem)
        identity = identities.unseal_identity(ws.conn, ws.slots, opened, ws.user.name)
        if identity is None:
            raise InvalidInput("You have no signing identity: ask the admin to make or import one.")
        version = 1 if previous is None else previous.version + 1
        event = audit.prepare(
            ws.conn,
            ws.user.name,
            "minutes.sign",
            "meeting",
            meeting_id,
            {"version": version, "case": case.id},
        )
        reference = records.load_reference(ws.conn)
    return _Frozen(case, meeting, previous, identity, reference, event)


def _build_and_sign(
    ws: Workspace, frozen: _Frozen, addendum: str
) -> tuple[MinutesSnapshot, dict[Variant, bytes]]:
    from reports.minutes_pdf import render_minutes
    from reports.signing import sign_pdf

    meeting, previous = frozen.meeting, frozen.previous
    version = 1 if previous is None else previous.version + 1
    role = (
        "Chair"
        if meeting.chair.strip().casefold() == ws.user.display_name.casefold()
        else "Signing chair"
    )
    snapshot = build_snapshot(
        frozen.case,
        meeting,
        version=version,
        amends_version=previous.version if previous else None,
        addendum=addendum,
        reference=frozen.reference,
        protective_marking=frozen.reference.protective_marking,
        signer_name=ws.user.display_name,
        signer_role=role,
        signer_agency=ws.user.agency,
        signed_at=datetime.now(UTC).replace(microsecond=0),
        audit_seq=frozen.event["seq"],
        audit_head=frozen.event["hash"],
    )
    pdfs = {}
    for variant in Variant:
        rendered = render_minutes(snapshot, variant)
        pdfs[variant] = sign_pdf(
            rendered.pdf,
            frozen.identity,
            page=rendered.signature_page,
            box=rendered.signature_box,
            reason=f"Approved minutes, version {version}"
            + (f" (addendum to version {previous.version})" if previous else ""),
            location=meeting.venue or "Caseroom",
            signer_name=ws.user.display_name,
            signed_at=snapshot.signed_at,
            time_zone=snapshot.time_zone,
        )
    return snapshot, pdfs


def _unchanged(ws: Workspace, frozen: _Frozen) -> bool:
    """Inside the write transaction: is everything signing read still as it was?"""
    head = audit.checkpoint(ws.conn)
    if (head.seq + 1, head.head) == (frozen.event["seq"], frozen.event["prev_hash"]):
        return True
    now = records.load_meeting(ws.conn, frozen.meeting.id)
    previous = latest_signed(ws, frozen.meeting.id)
    if now is None or now[1] != frozen.meeting or previous != frozen.previous:
        raise InvalidInput(
            "The meeting was changed while its minutes were being signed; nothing was signed. "
            "Check the minutes, then sign again."
        )
    return False  # only other work landed: freeze again


def _store_signed(
    ws: Workspace, frozen: _Frozen, snapshot: MinutesSnapshot, pdfs: dict[Variant, bytes]
) -> SignedMinutes:
    meeting_id, previous = frozen.meeting.id, frozen.previous
    audit.insert(ws.conn, frozen.event)
    signed = _store(ws, snapshot, pdfs)
    case = records.load_case(ws.conn, frozen.case.id)
    assert case is not None
    status = MeetingStatus.SIGNED if previous is None else MeetingStatus.AMENDED
    chronology = list(case.chronology)
    if previous is None and all(e.id != f"{meeting_id}-minutes" for e in chronology):
        chronology.append(meeting_chronology_entry(frozen.meeting, ws.user.display_name))
    meetings = [
        m.model_copy(update={"status": status}) if m.id == meeting_id else m for m in case.meetings
    ]
    before = records.revisions(ws.conn, case.id)
    records.store_case(
        ws.conn,
        case.model_copy(update={"meetings": meetings, "chronology": chronology}),
        records.load_reference(ws.conn),
    )
    ws.note_saved(before, records.revisions(ws.conn, case.id))
    ws.record(
        "minutes.stored",
        "meeting",
        meeting_id,
        {
            "version": snapshot.version,
            "snapshot_sha256": signed.snapshot_sha256,
            "professional_sha256": hashlib.sha256(signed.professional_pdf).hexdigest(),
            "family_sha256": hashlib.sha256(signed.family_pdf).hexdigest(),
        },
    )
    return signed


def _store(ws: Workspace, snapshot: MinutesSnapshot, pdfs: dict[Variant, bytes]) -> SignedMinutes:
    signed = SignedMinutes(
        meeting_id=snapshot.meeting.id,
        version=snapshot.version,
        amends_version=snapshot.amends_version,
        snapshot_sha256=snapshot.sha256(),
        signer=ws.user.name,
        signed_at=snapshot.signed_at.isoformat(),
        professional_pdf=pdfs[Variant.PROFESSIONAL],
        family_pdf=pdfs[Variant.FAMILY],
    )
    ws.conn.execute(
        f"INSERT INTO minutes ({_COLUMNS}, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*signed.__dict__.values(), snapshot.canonical_json()),
    )
    return signed


def stored_snapshot(
    ws: Workspace, meeting_id: str, version: int
) -> MinutesSnapshot | MinutesSnapshotV1 | None:
    """The snapshot signed minutes were built from, in the version it was signed in."""
    row = ws.conn.execute(
        "SELECT snapshot FROM minutes WHERE meeting_id = ? AND version = ?", (meeting_id, version)
    ).fetchone()
    return None if row is None else load_snapshot(row[0])


def export_minutes(
    ws: Workspace, meeting_id: str, variant: Variant, out: Path, passphrase: str | None = None
) -> str:
    """Write the signed minutes (signing first when a passphrase is given) or a draft."""
    check_output(out)
    signed = (
        sign_minutes(ws, meeting_id, passphrase)
        if passphrase is not None
        else latest_signed(ws, meeting_id)
    )
    data = signed.pdf(variant) if signed else draft_pdf(ws, meeting_id, variant)
    what = f"signed version {signed.version}" if signed else "unsigned draft"
    with ws.transaction():
        ws.record(
            "minutes.export",
            "meeting",
            meeting_id,
            {"variant": variant.value, "what": what, "file": out.name},
        )
        write_output(out, data)
    return what


def record_distribution(
    ws: Workspace,
    meeting_id: str,
    variant: Variant,
    recipient: ShortText,
    received_on: date,
    how: ShortText,
) -> None:
    for label, value in (("Recipient", recipient), ("How it was sent", how)):
        problem = text_problem(value, 200, multiline=False) or (
            "is empty" if not value.strip() else None
        )
        if problem:
            raise InvalidInput(f"{label} {problem}.")
    signed = latest_signed(ws, meeting_id)
    if signed is None:
        raise InvalidInput("Only signed minutes are distributed.")
    with ws.transaction():
        ws.conn.execute(
            "INSERT INTO distribution (meeting_id, version, variant, recipient, received_on, how, recorded_by, recorded_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                meeting_id,
                signed.version,
                variant.value,
                recipient,
                received_on.isoformat(),
                how,
                ws.user.name,
                datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )
        ws.record(
            "minutes.distribute",
            "meeting",
            meeting_id,
            {"variant": variant.value, "version": signed.version, "how": how},
        )
