"""The bundled DejaVu fonts: Latin with every accent, Greek and Cyrillic print as written."""

from __future__ import annotations

import io
import logging
from functools import cache, lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS = Path(__file__).resolve().parent.parent / "resources" / "fonts"
REGULAR, BOLD, ITALIC, BOLD_ITALIC = (
    "DejaVuSans",
    "DejaVuSans-Bold",
    "DejaVuSans-Oblique",
    "DejaVuSans-BoldOblique",
)


@cache
def register_fonts() -> str:
    """Register the family once; return its name for styles."""
    for name in (REGULAR, BOLD, ITALIC, BOLD_ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{name}.ttf")))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD_ITALIC)
    return REGULAR


@cache
def _face_has(char: str) -> bool:
    face = pdfmetrics.getFont(REGULAR).face
    return ord(char) in face.charToGlyph


def printable(text: str) -> str:
    """Replace characters no bundled font has with U+FFFD, so nothing prints as a blank."""
    register_fonts()
    return "".join(ch if ch in "\n\t" or _face_has(ch) else "\ufffd" for ch in text)


@lru_cache(maxsize=16)  # both copies of the minutes carry the same stamp
def font_for_text(text: str) -> bytes:
    """DejaVu Sans cut down to the glyphs `text` needs, at 1,000 units per em.

    For the signature stamp: pyHanko writes a TrueType font's widths in the font's own
    units, which a PDF reads as thousandths of an em; DejaVu's 2,048 units would space the
    letters twice as wide (and PDF/A wants the widths to agree with the font program).
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    # fontTools names every table it leaves out of a subset; that is not a user's concern.
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
    font = TTFont(str(FONTS / f"{REGULAR}.ttf"))
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text + " ")
    subsetter.subset(font)
    scale_upem(font, 1000)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
