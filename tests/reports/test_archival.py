"""Minutes that last: PDF/A-2b read back from real signed PDFs, and a signature in words."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import UTC, datetime

import pypdf
import pytest

from models.minutes import Variant, build_snapshot
from models.reference import ReferenceData
from reports.archival import ICC_PROFILE, read_checkpoint, signature_stamp
from reports.minutes_pdf import render_minutes
from reports.pdf_parts import lay_time
from reports.signing import sign_pdf
from storage.demo import demo_cases
from tests.identities import issued_identity

SIGNED_AT = datetime(2026, 11, 25, 14, 34, 5, tzinfo=UTC)
HEAD = "c0ffee" + "ab" * 29


def _snapshot(**extra):
    case = next(demo_cases(1))
    values = {
        "version": 1,
        "protective_marking": "OFFICIAL-SENSITIVE",
        "signer_name": "Dana Whitfield",
        "signer_role": "Chair",
        "signer_agency": "Children's social care",
        "signed_at": SIGNED_AT,
        "audit_seq": 41,
        "audit_head": HEAD,
    }
    zone = extra.pop("time_zone", "Europe/London")
    values["reference"] = ReferenceData(time_zone=zone)
    return build_snapshot(case, case.meetings[0], **(values | extra))


def _sign(snapshot, variant):
    rendered = render_minutes(snapshot, variant)
    return sign_pdf(
        rendered.pdf,
        issued_identity(snapshot.signer_name)[0],
        page=rendered.signature_page,
        box=rendered.signature_box,
        reason="Approved minutes, version 1",
        location="MASH",
        signer_name=snapshot.signer_name,
        signed_at=snapshot.signed_at,
        time_zone=snapshot.time_zone,
    )


@pytest.fixture(scope="module")
def signed():
    snapshot = _snapshot()
    return {variant: _sign(snapshot, variant) for variant in Variant}


def _text(pdf: bytes, tmp_path) -> str:
    """Every word on the pages, the signature stamp's appearance included (poppler)."""
    path = tmp_path / "m.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


poppler = pytest.mark.skipif(
    shutil.which("pdffonts") is None, reason="poppler-utils (pdffonts, pdftotext) not installed"
)


@poppler
@pytest.mark.parametrize("variant", list(Variant))
def test_every_font_is_embedded_after_signing(signed, variant, tmp_path):
    path = tmp_path / "m.pdf"
    path.write_bytes(signed[variant])
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = out.stdout.splitlines()[2:]
    assert len(rows) >= 3  # the body's regular and bold, and the stamp's font
    for row in rows:
        words = row.split()  # name type… encoding emb sub uni (object id: "N G" or "[none]")
        emb = words[-4] if words[-1] == "[none]" else words[-5]
        assert emb == "yes", f"not embedded: {row}"
        assert "Helvetica" not in words[0] and "Courier" not in words[0]
    assert any("Identity-H" in row for row in rows)  # the stamp: DejaVu, not a base-14 font


@pytest.mark.parametrize("variant", list(Variant))
def test_output_intent_and_pdfa_identification_survive_signing(signed, variant):
    reader = pypdf.PdfReader(io.BytesIO(signed[variant]))
    root = reader.trailer["/Root"]
    (intent,) = [i.get_object() for i in root["/OutputIntents"]]
    assert intent["/S"] == "/GTS_PDFA1" and "sRGB" in intent["/OutputConditionIdentifier"]
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 3 and profile.get_data() == ICC_PROFILE.read_bytes()
    assert profile.get_data()[36:40] == b"acsp" and profile.get_data()[16:20] == b"RGB "

    xmp = reader.xmp_metadata
    assert xmp is not None
    assert (xmp.pdfaid_part, xmp.pdfaid_conformance) == ("2", "B")
    info = reader.metadata
    assert info is not None
    copy = "family copy" if variant is Variant.FAMILY else "professional copy"
    assert copy in xmp.dc_title["x-default"] and xmp.dc_title["x-default"] == info.title
    assert xmp.dc_creator == ["Dana Whitfield"] and info.author == "Dana Whitfield"
    # The real dates: created when the minutes were frozen, modified when signed.
    assert xmp.xmp_create_date.replace(tzinfo=UTC) == SIGNED_AT.replace(second=5)
    assert info.creation_date == SIGNED_AT
    assert xmp.xmp_modify_date.replace(tzinfo=UTC) == info.modification_date.astimezone(UTC)
    assert info.modification_date >= SIGNED_AT
    assert xmp.pdf_producer == info.producer  # PDF/A: Info and XMP say the same
    assert xmp.pdf_keywords == info["/Keywords"] and xmp.xmp_creator_tool == info.creator


def test_file_structure_rules_of_pdf_a(signed):
    pdf = signed[Variant.PROFESSIONAL]
    assert re.match(rb"%PDF-1\.[0-7]\n%[\x80-\xff]{4}", pdf)
    for match in re.finditer(rb"endstream", pdf):  # an end-of-line before every endstream
        assert pdf[match.start() - 1 : match.start()] in (b"\n", b"\r")
    xmp_object = re.search(rb"/Subtype /XML[^>]*>>\s*stream", pdf)
    assert xmp_object is not None and b"/Filter" not in xmp_object.group(0)


def test_checkpoint_is_machine_readable_and_signed(signed):
    for pdf in signed.values():
        point = read_checkpoint(pdf)
        assert point is not None and (point.seq, point.head) == (41, HEAD)
        assert point.snapshot_sha256 == _snapshot().sha256()
    assert read_checkpoint(b"not a pdf") is None


def test_same_snapshot_same_bytes_dated_by_the_snapshot():
    snapshot = _snapshot()
    first = render_minutes(snapshot, Variant.FAMILY).pdf
    assert render_minutes(snapshot, Variant.FAMILY).pdf == first
    assert b"D:20261125143405+00'00'" in first and b"D:2000" not in first
    later = render_minutes(_snapshot(signed_at=datetime(2027, 1, 2, tzinfo=UTC)), Variant.FAMILY)
    assert b"D:20270102000000+00'00'" in later.pdf


def test_icc_profile_found_from_any_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    reader = pypdf.PdfReader(io.BytesIO(render_minutes(_snapshot(), Variant.FAMILY).pdf))
    assert "/OutputIntents" in reader.trailer["/Root"]


@poppler
def test_signature_block_reads_as_a_sentence(signed, tmp_path):
    text = " ".join(_text(signed[Variant.FAMILY], tmp_path).split())
    assert (
        "Approved by Dana Whitfield, Chair (Children's social care), 25 November 2026, 14:34 GMT."
        in text
    )
    assert "To check it, open this file's signature panel in a PDF reader" in text
    assert "Digitally signed by Dana Whitfield" in text  # the visible stamp names the signer
    stamp, small_print = text.index("Digitally signed by"), text.index("Audit checkpoint: event 41")
    assert stamp < small_print  # the technical record is the small print below


@poppler
def test_times_are_in_the_workspace_time_zone(tmp_path):
    summer = _snapshot(signed_at=datetime(2026, 7, 1, 13, 5, tzinfo=UTC))
    text = " ".join(_text(_sign(summer, Variant.FAMILY), tmp_path).split())
    assert "1 July 2026, 14:05 BST." in text and "Digitally signed by" in text
    assert text.count("1 July 2026, 14:05 BST") == 2  # the sentence and the stamp agree
    paris = _snapshot(time_zone="Europe/Paris")
    assert "25 November 2026, 15:34 CET" in " ".join(
        _text(render_minutes(paris, Variant.FAMILY).pdf, tmp_path).split()
    )


def test_lay_time():
    assert lay_time(SIGNED_AT) == "25 November 2026, 14:34 GMT"
    assert lay_time(datetime(2026, 3, 29, 1, 0, tzinfo=UTC)) == "29 March 2026, 02:00 BST"
    assert lay_time(SIGNED_AT, "Asia/Tokyo") == "25 November 2026, 23:34 JST"


def test_stamp_prints_a_name_in_any_script(tmp_path):
    name = "Αλέξης Παπαδόπουλος"
    pdf = _sign(_snapshot(signer_name=name), Variant.FAMILY)
    if shutil.which("pdftotext"):
        assert f"Digitally signed by {name}" in _text(pdf, tmp_path)
    assert read_checkpoint(pdf) is not None


def test_stamp_never_uses_the_empty_notdef_glyph():
    """A character no bundled font has prints as U+FFFD, in the stamp as in the text."""
    style, text = signature_stamp("Dana 漢字 Whitfield", "25 November 2026, 14:34 GMT")
    assert text["signer"] == "Dana \ufffd\ufffd Whitfield"
    assert style.stamp_text % text == (
        "Digitally signed by Dana \ufffd\ufffd Whitfield\n25 November 2026, 14:34 GMT\n"
        "Certified: no changes permitted"
    )


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils (pdfsig) not installed")
def test_pdfsig_still_finds_the_signature_valid(signed, tmp_path):
    for pdf in signed.values():
        (tmp_path / "m.pdf").write_bytes(pdf)
        out = subprocess.run(["pdfsig", str(tmp_path / "m.pdf")], capture_output=True, text=True)
        assert "Signature is Valid" in out.stdout and "Total document signed" in out.stdout


@pytest.mark.parametrize("variant", list(Variant))
def test_annotations_forms_and_actions_follow_pdf_a(signed, variant):
    """ISO 19005-2 6.3 and 6.4: printable, visible annotations with a normal appearance only;
    no form that asks the reader to draw its own appearances; no JavaScript, no encryption."""
    pdf = signed[variant]
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert "/Encrypt" not in reader.trailer and len(reader.trailer["/ID"]) == 2
    assert "/JavaScript" not in root.get("/Names", {}) and "/AA" not in root
    assert not root["/AcroForm"].get("/NeedAppearances", False)
    widgets = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])]
    assert len(widgets) == 1
    for annotation in widgets:
        flags = annotation["/F"]
        assert flags & 4 and not flags & (1 | 2 | 32)  # Print; not Invisible, Hidden, NoView
        assert list(annotation["/AP"].keys()) == ["/N"]
    assert b"/LZWDecode" not in pdf and b"/JavaScript" not in pdf
