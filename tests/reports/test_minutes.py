"""Minutes PDFs: read back with pypdf, family copy leaks nothing, signatures judged rightly."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pypdf
import pytest

from models.case import Case
from models.family_copy import FamilyCheck, family_fingerprint
from models.meeting import Action, AgencyContribution, Attendance, Meeting
from models.minutes import WITHHELD_NOTE, Variant, build_snapshot, signing_problem
from models.people import CasePerson, PersonRole
from models.reference import ReferenceData
from reports.minutes_pdf import render_minutes
from reports.signing import sign_pdf
from reports.verify import Verdict, verify_pdf
from storage.demo import demo_cases
from tests.identities import issued_identity, self_signed_identity

NAMES = [
    "Zoë Lefèvre",
    "Łukasz Nowak",
    "Αλέξης Παπαδόπουλος",
    "Дмитрий Соколов",
    "Nguyễn Thị Mai",
    "Siobhán O'Connor",
]


def _snapshot(case, meeting, **extra):
    return build_snapshot(
        case,
        meeting,
        version=1,
        reference=ReferenceData(),
        protective_marking="OFFICIAL-SENSITIVE",
        signer_name="Dana Whitfield",
        signer_role="Chair",
        signed_at=datetime(2026, 11, 24, 15, 0, tzinfo=UTC),
        audit_seq=7,
        audit_head="ab" * 32,
        **extra,
    )


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def _all_bytes(pdf: bytes) -> bytes:
    """The raw file plus every stream inflated: wherever withheld text could hide."""
    chunks = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            chunks.append(match.group(1))
    assert len(chunks) > 5  # the file really has streams, and they were read
    return b"\n".join(chunks)


@pytest.fixture(scope="module")
def amira():
    case = next(demo_cases(1))
    return case, case.meetings[0]


def test_professional_copy_holds_attendees_decisions_actions(amira):
    case, meeting = amira
    text = _text(render_minutes(_snapshot(case, meeting), Variant.PROFESSIONAL).pdf)
    for a in meeting.attendance:
        assert a.name in text
    for a in meeting.actions:
        assert a.what.split()[0] in text
    assert "NOT SHARED" in text and "Kyle Mercer is subject to an ongoing police" in text
    assert "Section 47 enquiry" in text and "Page 1 of" in text and "OFFICIAL-SENSITIVE" in text
    assert "Audit checkpoint: event 7" in text
    assert text.index("The child's voice") < text.index("What each agency knows")


def test_family_copy_reveals_nothing_withheld(amira):
    case, meeting = amira
    pdf = render_minutes(_snapshot(case, meeting), Variant.FAMILY).pdf
    text = _text(pdf)
    assert " ".join(WITHHELD_NOTE.split()) in " ".join(text.split())
    secrets = [c.text for c in meeting.contributions if c.withheld_from_family]
    secrets += [c.withheld_reason for c in meeting.contributions if c.withheld_from_family]
    secrets += [a.what for a in meeting.actions if a.withheld_from_family]
    raw = _all_bytes(pdf)
    for secret in secrets:
        for fragment in (secret[:30], secret[-25:]):
            assert fragment not in text
            assert fragment.encode() not in raw and fragment.encode("utf-16-be") not in raw
    meta = pypdf.PdfReader(io.BytesIO(pdf)).metadata
    assert "family copy" in meta.title and "Kyle" not in str(dict(meta))


def test_same_snapshot_same_text_and_bytes(amira):
    case, meeting = amira
    snap = _snapshot(case, meeting)
    first, second = (
        render_minutes(snap, Variant.PROFESSIONAL),
        render_minutes(snap, Variant.PROFESSIONAL),
    )
    assert first.pdf == second.pdf and _text(first.pdf) == _text(second.pdf)


def test_names_in_any_script_read_back():
    people = [CasePerson(id=f"p{i}", name=n, role=PersonRole.CHILD) for i, n in enumerate(NAMES)]
    meeting = Meeting(
        id="m1",
        type="Strategy meeting",
        date=date(2026, 11, 24),
        chair="Dana",
        attendance=[
            Attendance(id=f"a{i}", name=n) for i, n in enumerate([*NAMES, "漢字 😀 \u0301x"])
        ],
    )
    case = Case(
        id="c1", reference="R-1", opened_on=date(2026, 1, 1), people=people, meetings=[meeting]
    )
    text = _text(render_minutes(_snapshot(case, meeting), Variant.PROFESSIONAL).pdf)
    for name in NAMES:
        assert name in text


def test_large_meeting_builds(amira):
    case, meeting = amira
    big = meeting.model_copy(
        update={
            "attendance": [
                Attendance(id=f"t{i}", name=f"Attendee {i} Łódź", agency="Police")
                for i in range(60)
            ],
            "actions": [
                Action(
                    id=f"x{i}",
                    what=f"Action {i}: " + "visit " * 30,
                    owner="Owner",
                    owner_agency="Health",
                )
                for i in range(200)
            ],
            "contributions": [
                AgencyContribution(id=f"k{i}", agency="Health", text="Known facts. " * 40)
                for i in range(100)
            ],
        }
    )
    rendered = render_minutes(
        _snapshot(case.model_copy(update={"meetings": [big, case.meetings[1]]}), big),
        Variant.PROFESSIONAL,
    )
    assert rendered.pages >= 20
    assert rendered.signature_page == rendered.pages - 1
    assert "Action 199" in _text(rendered.pdf)


def test_cannot_sign_without_attendees_or_chair(amira):
    _, meeting = amira
    assert "Nobody is recorded as present" in signing_problem(
        meeting.model_copy(update={"attendance": []})
    )
    assert "no chair" in signing_problem(meeting.model_copy(update={"chair": " "}))
    assert "family copy has not been checked" in signing_problem(meeting)
    assert signing_problem(checked(meeting)) is None
    edited = checked(meeting).model_copy(update={"venue": "Elsewhere"})
    assert "changed after the family copy was checked" in signing_problem(edited)


def checked(meeting):
    """The meeting as the chair confirmed its family copy."""
    check = FamilyCheck(
        by="Dana Whitfield", at=datetime(2026, 11, 24, 14, 0, tzinfo=UTC), fingerprint="0" * 64
    )
    check = check.model_copy(update={"fingerprint": family_fingerprint(meeting)})
    return meeting.model_copy(update={"family_check": check})


@pytest.fixture(scope="module")
def signed(amira):
    case, meeting = amira
    identity, authority = issued_identity("Dana Whitfield", agency="Children's social care")
    rendered = render_minutes(_snapshot(case, meeting), Variant.FAMILY)
    pdf = sign_pdf(
        rendered.pdf,
        identity,
        page=rendered.signature_page,
        box=rendered.signature_box,
        reason="Approved",
        location="MASH",
        signer_name="Dana",
    )
    return pdf, Root(authority.root_pem)


@dataclass(frozen=True)
class Root:
    cert_pem: bytes


def test_signed_is_trusted_only_against_our_roots(signed):
    pdf, root = signed
    result = verify_pdf(pdf, [root.cert_pem])
    assert result.verdict is Verdict.TRUSTED
    assert (result.signer, result.role, result.agency) == (
        "Dana Whitfield",
        "chair",
        "Children's social care",
    )
    assert verify_pdf(pdf, []).verdict is Verdict.UNKNOWN_SIGNER
    assert (
        verify_pdf(pdf, [self_signed_identity("Someone else").cert_pem]).verdict
        is Verdict.UNKNOWN_SIGNER
    )


def test_flipped_byte_is_modified(signed):
    pdf, identity = signed
    text_at = pdf.index(b"stream", len(pdf) // 3) + 20
    damaged = bytearray(pdf)
    damaged[text_at] ^= 0x01
    assert verify_pdf(bytes(damaged), [identity.cert_pem]).verdict is Verdict.MODIFIED


def test_incremental_update_after_signing_is_modified(signed):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    pdf, identity = signed
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    info = writer.root  # an innocuous-looking change, appended as a new revision
    info["/Lang"] = generic.pdf_string("en-GB")
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    assert verify_pdf(out.getvalue(), [identity.cert_pem]).verdict is Verdict.MODIFIED


def test_unsigned_truncated_and_not_pdf(amira, signed):
    case, meeting = amira
    pdf, identity = signed
    assert (
        verify_pdf(
            render_minutes(_snapshot(case, meeting), Variant.FAMILY).pdf, [identity.cert_pem]
        ).verdict
        is Verdict.NOT_SIGNED
    )
    assert verify_pdf(b"hello", []).verdict is Verdict.NOT_PDF
    assert verify_pdf(b"", []).verdict is Verdict.NOT_PDF
    cut = verify_pdf(pdf[: len(pdf) // 2], [identity.cert_pem]).verdict
    assert cut in (Verdict.NOT_PDF, Verdict.MODIFIED, Verdict.NOT_SIGNED)
    assert cut is not Verdict.TRUSTED


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils (pdfsig) not installed")
def test_independent_validator_agrees(signed, tmp_path):
    pdf, _ = signed
    (tmp_path / "m.pdf").write_bytes(pdf)
    out = subprocess.run(["pdfsig", str(tmp_path / "m.pdf")], capture_output=True, text=True).stdout
    assert (
        "Signature is Valid" in out
        and "Total document signed" in out
        and "ETSI.CAdES.detached" in out
    )
