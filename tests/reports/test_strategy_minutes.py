"""The minutes of a strategy meeting with the new fields, read back from real PDFs (pdftotext)
in both copies."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime

import pytest

from models.minutes import Variant, build_snapshot
from models.reference import ReferenceData
from reports.minutes_pdf import render_minutes
from tests.strategy_meeting import strategy_case

pytestmark = pytest.mark.skipif(
    subprocess.run(["which", "pdftotext"], capture_output=True).returncode != 0,
    reason="pdftotext (poppler-utils) is not installed",
)


def _text(case, meeting, variant, tmp_path) -> str:
    snapshot = build_snapshot(
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
    pdf = tmp_path / f"{variant.value}.pdf"
    pdf.write_bytes(render_minutes(snapshot, variant).pdf)
    texts = []
    for mode in (["-layout"], []):  # as laid out (label beside value), then cell by cell
        out = subprocess.run(["pdftotext", *mode, str(pdf), "-"], capture_output=True, check=True)
        texts.append(re.sub(r"\s+", " ", out.stdout.decode("utf-8")))
    return " | ".join(texts)


@pytest.fixture
def copies(tmp_path):
    case, meeting = strategy_case()
    return {v: _text(case, meeting, v, tmp_path) for v in Variant}


def test_both_copies_show_the_new_meeting_fields(copies):
    for text in copies.values():
        assert "End time 15:10" in text
        assert "Where the harm happens outside the home; online" in text
        assert "Lead child protection practitioner" in text
        assert "Section 47 enquiry: lead practitioner Chinedu Okafor" in text
        assert "What the family will be told That there will be a section 47 enquiry" in text
        assert "National Referral Mechanism (NRM)" in text


def test_the_missing_discipline_and_its_reason_are_for_professionals(copies):
    """Worked out from every attendee, withheld ones too: the family copy would betray them."""
    professional, family = copies[Variant.PROFESSIONAL], copies[Variant.FAMILY]
    assert "Disciplines not present education" in professional
    assert "The school's DSL was on a course" in professional
    assert "Disciplines not present" not in family and "DSL was on a course" not in family


def test_decisions_per_child_and_none_of_a_conference(copies):
    for text in copies.values():
        assert "For Amira Haddad" in text and "For Sami Haddad" in text
        assert not re.search(r"Child protection plan (not decided|Yes|No)", text)
    assert "Child protection plan" not in copies[Variant.PROFESSIONAL]  # a conference's decision
    assert "No concerns for Sami yet." in copies[Variant.PROFESSIONAL]
    assert "Section 47 enquiry No" in copies[Variant.PROFESSIONAL]


def test_police_specifics_and_plans_stay_out_of_the_family_copy(copies):
    professional, family = copies[Variant.PROFESSIONAL], copies[Variant.FAMILY]
    secret = [
        "CR/2026/88317",
        "DS Kaur",
        "Monday 23 November",
        "Police protection if the mother",
        "The date of the ABE interview",
        "It could be disrupted",
    ]
    for words in secret:
        assert words in professional, words
        assert words not in family, words
    assert "Crime reference" not in family and "Officer in charge" not in family
    assert "Withheld from the family: Police investigation details" in professional


def _letter(tmp_path, signed_at: datetime) -> str:
    """The outcome letter the family receives instead of the minutes, as pdftotext reads it."""
    from models.family_copy import FamilyDocument

    case, meeting = strategy_case()
    snapshot = build_snapshot(
        case,
        meeting,
        version=1,
        reference=ReferenceData(strategy_family_document=FamilyDocument.OUTCOME_LETTER),
        protective_marking="OFFICIAL-SENSITIVE",
        signer_name="Dana Whitfield",
        signer_role="Chair",
        signed_at=signed_at,
        audit_seq=3,
        audit_head="cd" * 32,
    )
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(render_minutes(snapshot, Variant.FAMILY).pdf)
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True)
    return re.sub(r"\s+", " ", out.stdout.decode("utf-8"))


def test_the_outcome_letter_gives_each_childs_decisions(tmp_path):
    from models.rules import meeting_chronology_entry

    _case, meeting = strategy_case()
    text = _letter(tmp_path, datetime(2026, 11, 20, 15, 34, tzinfo=UTC))
    assert re.search(r"For Amira Haddad Enquiries to keep the child Yes safe \(section 47\)", text)
    assert re.search(r"For Sami Haddad Enquiries to keep the child No safe \(section 47\)", text)
    assert "CR/2026/88317" not in text
    assert "section 47 enquiry" in meeting_chronology_entry(meeting, "Dana").event


def test_the_contact_time_is_printed_in_local_time(tmp_path):
    case, meeting = strategy_case()
    summer = meeting.model_copy(
        update={"contact_received_at": datetime(2026, 7, 14, 8, 30, tzinfo=UTC)}
    )
    for variant in Variant:
        text = _text(case, summer, variant, tmp_path)
        assert "Contact received 14 Jul 2026, 09:30 BST" in text
        assert "UTC" not in text


def test_the_outcome_letter_is_dated_by_the_rooms_calendar(tmp_path):
    text = _letter(tmp_path, datetime(2026, 7, 14, 23, 30, tzinfo=UTC))  # 00:30 BST on the 15th
    assert "Date of this letter 15 Jul 2026" in text
