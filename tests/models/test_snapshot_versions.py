"""Signed snapshots are never rewritten: one stored by the code before the snapshot embedded
the meeting (tests/fixtures, made by that code) still loads, re-hashes to the value it was
signed with, and is the one its signed PDFs name; a new snapshot embeds the meeting."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pypdf
import pytest

from models.base import as_utc
from models.minutes import MinutesSnapshot, Variant, build_snapshot
from models.minutes_v1 import MinutesSnapshotV1, load_snapshot
from models.reference import ReferenceData
from reports.archival import read_signed_checkpoint
from reports.minutes_pdf import render_minutes
from reports.verify import Verdict, verify_pdf
from tests.family_meeting import build

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# As signed by the code of snapshot version 1 (storage/minutes.py stored it, then this hash).
SIGNED_SHA256 = "37b7cc32963e83dca21f78fc7edc09b9a58abb251467aa58a2005afdfe0cc0d2"


@pytest.mark.parametrize(
    "name", ["minutes-snapshot-v1.json", "minutes-snapshot-v1-every-kind.json"]
)
def test_a_version_1_snapshot_reloads_and_rehashes_to_the_same_value(name):
    stored = (FIXTURES / name).read_text(encoding="utf-8")
    snapshot = load_snapshot(stored)
    assert isinstance(snapshot, MinutesSnapshotV1)
    assert snapshot.canonical_json() == stored  # byte for byte: nothing added, nothing lost
    assert snapshot.sha256() == hashlib.sha256(stored.encode("utf-8")).hexdigest()


def test_the_signed_pdfs_still_name_and_verify_the_version_1_snapshot():
    snapshot = load_snapshot((FIXTURES / "minutes-snapshot-v1.json").read_text(encoding="utf-8"))
    assert snapshot.sha256() == SIGNED_SHA256
    for variant in Variant:
        pdf = (FIXTURES / f"minutes-snapshot-v1.{variant.value}.pdf").read_bytes()
        found = read_signed_checkpoint(pdf)
        assert found is not None
        assert found[0].snapshot_sha256 == SIGNED_SHA256
        text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
        assert SIGNED_SHA256[:20] in text.replace("\n", "")
        # Its signature is intact (its signer's workspace is not here to trust it).
        assert verify_pdf(pdf, []).verdict is Verdict.UNKNOWN_SIGNER


def test_a_version_1_snapshot_reads_as_the_current_shape():
    old = load_snapshot((FIXTURES / "minutes-snapshot-v1.json").read_text(encoding="utf-8"))
    assert isinstance(old, MinutesSnapshotV1)
    current = old.current()
    assert current.meeting.type == old.meeting_type
    assert current.meeting.attendance == old.attendance
    assert current.meeting.decisions == old.decisions
    assert current.start_time == old.start_time
    text = " ".join(
        p.extract_text()
        for p in pypdf.PdfReader(
            io.BytesIO(render_minutes(current, Variant.PROFESSIONAL).pdf)
        ).pages
    )
    assert old.attendance[0].name in text


def _new_snapshot() -> MinutesSnapshot:
    case, meeting = build({})
    return build_snapshot(
        case,
        meeting,
        version=1,
        reference=ReferenceData(),
        protective_marking="OFFICIAL-SENSITIVE",
        signer_name="Dana Whitfield",
        signer_role="Chair",
        signed_at=datetime(2026, 11, 20, 15, 34, tzinfo=UTC),
        audit_seq=3,
        audit_head="cd" * 32,
    )


def test_a_new_snapshot_embeds_the_meeting_and_reloads_to_the_same_hash():
    snapshot = _new_snapshot()
    data = json.loads(snapshot.canonical_json())
    assert data["snapshot_version"] == 2
    assert data["meeting"]["strategy"]["police"]["crime_reference"].startswith("CR ")
    assert "harm_context" in data["meeting"] and "end_time" in data["meeting"]
    again = load_snapshot(snapshot.canonical_json())
    assert isinstance(again, MinutesSnapshot) and again == snapshot
    assert again.sha256() == snapshot.sha256()


def test_a_field_added_later_leaves_an_older_snapshot_hash_alone():
    """What a future field does to today's snapshot: read back, its hash is unchanged."""
    stored = _new_snapshot().canonical_json()
    data = json.loads(stored)
    del data["meeting"]["harm_context"]  # as if harm_context were added after it was signed
    del data["meeting"]["strategy"]
    older = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert load_snapshot(older).canonical_json() == older


@pytest.mark.parametrize(
    "kept",
    ["2026-11-20T09:30:00", "2026-07-14T09:30:00+01:00", "2026-11-20T09:30:00Z"],
    ids=["without-offset", "summer-offset", "utc"],
)
def test_a_snapshot_keeps_its_moments_as_signed(kept):
    """A moment is read with its offset (none means UTC), never rewritten: a snapshot signed
    with a contact time kept without an offset, or with +01:00, re-hashes to its value."""
    data = json.loads(_new_snapshot().canonical_json())
    data["meeting"]["contact_received_at"] = kept
    assert data["meeting"]["sharing_decisions"], "the meeting needs a sharing decision"
    for decision in data["meeting"]["sharing_decisions"]:
        decision["decided_at"] = kept
    signed = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    again = load_snapshot(signed)
    assert again.canonical_json() == signed
    assert again.meeting.contact_received_at is not None
    assert as_utc(again.meeting.contact_received_at) == as_utc(datetime.fromisoformat(kept))
