"""PDF/A-2b: what makes a minutes PDF an archival record, and its machine-readable checkpoint.

Minutes are kept until the youngest child is 25, and must open outside Caseroom: every font
embedded, an sRGB OutputIntent, XMP metadata with the PDF/A identification and the real
dates (the snapshot's freeze time, so the same snapshot still gives the same bytes). The
XMP also carries the audit checkpoint, so `audit verify --against` can read it; the
signature covers it like every other byte of the file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any, ClassVar
from xml.sax.saxutils import escape

from lxml import etree
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.font.api import FontEngineFactory
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata import model as xmp_model
from pyhanko.pdf_utils.metadata.xmp_xml import MetadataStream, XmpXmlProcessingError, parse_xmp
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.stamp import TextStampStyle
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFCatalog,
    PDFDictionary,
    PDFName,
    PDFStream,
    PDFString,
    PDFZCompress,
)

from reports.fonts import font_for_text, printable

ICC_PROFILE = Path(__file__).resolve().parent.parent / "resources" / "icc" / "sRGB.icc"
SRGB = "sRGB IEC61966-2.1"
NS = "urn:caseroom:ns:minutes:1.0/"  # our own XMP properties, described below for PDF/A
PREFIX = "caseroom"
_PROPERTIES = (
    ("AuditSeq", "Integer", "Sequence number of the audit event that recorded this signing"),
    ("AuditHead", "Text", "SHA-256 head of the audit chain at that event (hex)"),
    ("SnapshotSHA256", "Text", "SHA-256 of the frozen minutes snapshot this PDF was built from"),
)
etree.register_namespace(PREFIX, NS)


@dataclass(frozen=True)
class ArchivalFacts:
    """What the PDF says about itself, in its Info dictionary and its XMP alike."""

    title: str
    author: str
    subject: str
    keywords: str
    created: datetime  # the snapshot's freeze time
    audit_seq: int
    audit_head: str
    snapshot_sha256: str


@dataclass(frozen=True)
class PdfCheckpoint:
    """The audit checkpoint a signed PDF carries in its XMP."""

    seq: int
    head: str
    snapshot_sha256: str


# ReportLab 5 writes `endstream` straight after a stream's data; PDF/A-2 (ISO 19005-2,
# 6.1.7.1) wants an end-of-line before it, not counted in /Length.
_reportlab_stream_format = PDFStream.format


def _stream_with_eol(self: PDFStream, document: Any) -> bytes:
    out: bytes = _reportlab_stream_format(self, document)
    tail = b"endstream\n"
    return out[: -len(tail)] + b"\n" + tail if out.endswith(tail) else out


PDFStream.format = _stream_with_eol


class _FrozenTime:
    """Stands in for ReportLab's TimeStamp: the snapshot's freeze time, in UTC."""

    def __init__(self, when: datetime) -> None:
        utc = when.astimezone(UTC)
        self.t = utc.timestamp()
        self.lt = utc.timetuple()
        self.YMDhms = tuple(self.lt)[:6]
        self.dhh = self.dmm = 0
        self.tzname = "UTC"


class _ArchivalCatalog(PDFCatalog):  # type: ignore[misc]
    """ReportLab's catalog, plus the OutputIntents entry it does not know."""

    __NoDefault__: ClassVar[list[str]] = [*PDFCatalog.__NoDefault__, "OutputIntents"]


def make_archival(canvas: Any, facts: ArchivalFacts) -> None:
    """Make the canvas's document PDF/A-2b. Call just before the canvas saves."""
    doc = canvas._doc
    doc._timeStamp = _FrozenTime(facts.created)
    info = doc.info
    info.title, info.author, info.subject = facts.title, facts.author, facts.subject
    info.keywords, info.creator, info.producer = facts.keywords, "Caseroom", "Caseroom"
    catalog = doc.Catalog
    catalog.__class__ = _ArchivalCatalog
    profile = PDFStream(
        PDFDictionary({"N": 3, "Alternate": PDFName("DeviceRGB")}),
        _icc_profile(),
        filters=[PDFZCompress],
    )
    catalog.OutputIntents = PDFArray(
        [
            PDFDictionary(
                {
                    "Type": PDFName("OutputIntent"),
                    "S": PDFName("GTS_PDFA1"),
                    "OutputConditionIdentifier": PDFString(SRGB),
                    "Info": PDFString(SRGB),
                    "RegistryName": PDFString("http://www.color.org"),
                    "DestOutputProfile": doc.Reference(profile),
                }
            )
        ]
    )
    # XMP is never compressed (PDF/A: readable without a PDF library).
    catalog.Metadata = PDFStream(
        PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
        xmp_packet(facts).encode("utf-8"),
        filters=[],
    )


@cache
def _icc_profile() -> bytes:
    return ICC_PROFILE.read_bytes()


def _xmp_date(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="seconds")


def xmp_packet(facts: ArchivalFacts) -> str:
    """The XMP metadata packet: PDF/A-2b identification, Dublin Core, dates, checkpoint."""
    e = escape
    created = _xmp_date(facts.created)
    properties = "".join(
        f"""<rdf:li rdf:parseType="Resource"><pdfaProperty:name>{name}</pdfaProperty:name>
<pdfaProperty:valueType>{kind}</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>{e(text)}</pdfaProperty:description></rdf:li>
"""
        for name, kind, text in _PROPERTIES
    )
    ns = xmp_model.NS
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="{ns["pdfaid"]}" xmlns:dc="{ns["dc"]}"
 xmlns:xmp="{ns["xmp"]}" xmlns:pdf="{ns["pdf"]}" xmlns:{PREFIX}="{NS}"
 xmlns:pdfaExtension="{ns["pdfaExtension"]}" xmlns:pdfaSchema="{ns["pdfaSchema"]}"
 xmlns:pdfaProperty="{ns["pdfaProperty"]}">
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(facts.title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{e(facts.author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(facts.subject)}</rdf:li></rdf:Alt></dc:description>
<pdf:Keywords>{e(facts.keywords)}</pdf:Keywords>
<pdf:Producer>Caseroom</pdf:Producer>
<xmp:CreatorTool>Caseroom</xmp:CreatorTool>
<xmp:CreateDate>{created}</xmp:CreateDate>
<xmp:ModifyDate>{created}</xmp:ModifyDate>
<xmp:MetadataDate>{created}</xmp:MetadataDate>
<{PREFIX}:AuditSeq>{facts.audit_seq}</{PREFIX}:AuditSeq>
<{PREFIX}:AuditHead>{e(facts.audit_head)}</{PREFIX}:AuditHead>
<{PREFIX}:SnapshotSHA256>{e(facts.snapshot_sha256)}</{PREFIX}:SnapshotSHA256>
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>Caseroom minutes</pdfaSchema:schema>
<pdfaSchema:namespaceURI>{NS}</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>{PREFIX}</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq>
{properties}</rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"""


class ArchivalWriter(IncrementalPdfFileWriter):
    """pyHanko's incremental writer, keeping the Info dictionary equal to the XMP.

    pyHanko rewrites the XMP's ModifyDate and Producer when it signs, and the Info
    dictionary's separately (another clock reading, another producer text). PDF/A wants
    the two to agree, so the Info entries are copied from the XMP pyHanko wrote.
    """

    def _update_meta(self) -> None:
        super()._update_meta()  # type: ignore[no-untyped-call]
        if self._info is None or "/Metadata" not in self.root:
            return
        stream = self.root["/Metadata"]
        if not isinstance(stream, MetadataStream):
            return
        fields = {k: v for root in stream.xmp for k, v in root}
        info = self._info.get_object()  # type: ignore[no-untyped-call]
        modified = fields.get(xmp_model.XMP_MODDATE)
        producer = fields.get(xmp_model.PDF_PRODUCER)
        if modified is not None and isinstance(modified.value, str):
            info["/ModDate"] = generic.pdf_date(datetime.fromisoformat(modified.value))
        if producer is not None and isinstance(producer.value, str):
            info["/Producer"] = generic.TextStringObject(producer.value)
        self.mark_update(self._info)


STAMP_TEXT = "Digitally signed by %(signer)s\n%(when)s\nCertified: no changes permitted"


@dataclass(frozen=True)
class _EmbeddedFont(FontEngineFactory):
    font: bytes

    def create_font_engine(self, writer: Any, obj_stream: Any = None) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs:
            obj_stream = writer.prepare_object_stream()
        return GlyphAccumulator(
            writer=writer, font_handle=io.BytesIO(self.font), font_size=10, obj_stream=obj_stream
        )


def signature_stamp(signer: str, when: str) -> tuple[TextStampStyle, dict[str, str]]:
    """The visible signature: who signed and when, in an embedded font (PDF/A), any script.

    Returns the stamp's style and the text parameters to sign with. A character DejaVu
    lacks prints as U+FFFD, never as the empty .notdef glyph (PDF/A forbids it).
    """
    params = {"signer": printable(signer), "when": printable(when)}
    return (
        TextStampStyle(
            stamp_text=STAMP_TEXT,
            text_box_style=TextBoxStyle(font=_EmbeddedFont(font_for_text(STAMP_TEXT % params))),
        ),
        params,
    )


def read_checkpoint(pdf: bytes) -> PdfCheckpoint | None:
    """The audit checkpoint in a minutes PDF's XMP; None when it carries none."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        stream = reader.root.get("/Metadata")
        if stream is None:
            return None
        data = stream.get_object().data
        roots = parse_xmp(io.BytesIO(data))
    except (PdfError, XmpXmlProcessingError, ValueError, KeyError, TypeError, AttributeError):
        return None
    fields = {k: v for root in roots for k, v in root}

    def text(name: str) -> str:
        value = fields.get(xmp_model.ExpandedName(ns=NS, local_name=name))
        return value.value if value is not None and isinstance(value.value, str) else ""

    seq, head = text("AuditSeq"), text("AuditHead")
    if not seq.isdigit() or len(head) != 64:
        return None
    return PdfCheckpoint(int(seq), head, text("SnapshotSHA256"))


def read_signed_checkpoint(pdf: bytes) -> tuple[PdfCheckpoint, str] | None:
    """The checkpoint of signed minutes, and why it cannot be trusted ("" when it can).

    A checkpoint counts only under an intact signature that covers the entire file: one
    edited after signing, or in a draft, proves nothing about the log. Whose signature it
    is, is `verify`'s question.
    """
    import logging

    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    point = read_checkpoint(pdf)
    if point is None:
        return None
    quiet = logging.getLogger("pyhanko")
    level, quiet.level = quiet.level, logging.CRITICAL + 1
    try:
        signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
        if not signatures:
            return point, "it is not signed, so its checkpoint proves nothing"
        for signature in signatures:
            status = validate_pdf_signature(
                signature, ValidationContext(trust_roots=[], allow_fetching=False)
            )
            whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
            if not (status.intact and status.valid and whole):
                return point, "it was changed after signing, so its checkpoint cannot be trusted"
    except (PdfError, SignatureValidationError, ValueError, KeyError, TypeError):
        return point, "its signature cannot be checked, so its checkpoint cannot be trusted"
    finally:
        quiet.setLevel(level)
    return point, ""
