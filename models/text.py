"""Rules every piece of text in the record obeys, with the messages the user sees."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

# Documented in docs/bundle-format.md: keep the two in step.
SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 20_000

_ALLOWED_CONTROLS = {"\n", "\t"}
# The characters of Unicode categories Cc (controls) and Cs (surrogates), less newline and
# tab for long text: one search in C instead of a category lookup per character.
_REFUSED_LONG = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_REFUSED_SHORT = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def text_problem(value: str, max_length: int, *, multiline: bool = True) -> str | None:
    """Return the rule a piece of text breaks, or None when it is fine."""
    if len(value) > max_length:
        return f"is {len(value):,} characters long; the limit is {max_length:,}"
    found = (_REFUSED_LONG if multiline else _REFUSED_SHORT).search(value)
    if found is None:
        return None
    ch = found.group()
    if ch in _ALLOWED_CONTROLS:
        return "must be on one line"
    return f"contains a control character (U+{ord(ch):04X}); only newline and tab are allowed"


def _check(max_length: int, multiline: bool) -> AfterValidator:
    def check(value: str) -> str:
        problem = text_problem(value, max_length, multiline=multiline)
        if problem:
            raise ValueError(problem)
        return value

    return AfterValidator(check)


class Multiline:
    """Marks a text field that holds paragraphs (forms show a multi-line box)."""


# The same rules as text_problem, as JSON Schema states them (character classes of the
# Unicode category Cc; a surrogate cannot be written in a pattern, and cannot be in valid
# UTF-8 either).
_NO_CONTROLS = r"^[^\u0000-\u0008\u000B-\u001F\u007F-\u009F]*$"
_ONE_LINE = r"^[^\u0000-\u001F\u007F-\u009F]*$"


@dataclass(frozen=True)
class _Published:
    """Writes a text rule into the JSON Schema only.

    The rule itself is checked by `_check` above, so the message a user reads stays the
    rule's own ("is 201 characters long; the limit is 200"); a pydantic length constraint
    would check first and answer in the library's words.
    """

    rules: tuple[tuple[str, Any], ...]

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        schema.update(self.rules)
        return schema


def _text(max_length: int, multiline: bool) -> tuple[AfterValidator, _Published]:
    pattern = _NO_CONTROLS if multiline else _ONE_LINE
    return _check(max_length, multiline), _Published(
        (("maxLength", max_length), ("pattern", pattern))
    )


def _required(value: str) -> str:
    if not value.strip():
        raise ValueError("is required: it cannot be left empty")
    return value


ShortText = Annotated[str, *_text(SHORT_TEXT_MAX, multiline=False)]
LongText = Annotated[str, *_text(LONG_TEXT_MAX, multiline=True), Multiline()]
_NOT_EMPTY = _Published((("minLength", 1),))  # and not only spaces, which no pattern says
RequiredShort = Annotated[ShortText, AfterValidator(_required), _NOT_EMPTY]
RequiredLong = Annotated[LongText, AfterValidator(_required), _NOT_EMPTY]


def normalise_name(name: str) -> str:
    """The form of a user name used to find its account: NFKC, case-folded, trimmed."""
    return unicodedata.normalize("NFKC", name).casefold().strip()


def search_form(text: str) -> str:
    """Text as search compares it: accents of every script dropped, case folded.

    SQLite's unicode61 tokenizer drops Latin accents only ("Zoë" -> "zoe") and keeps the
    Greek tonos and final sigma; folding here first makes "ΑΛΕΞΗΣ" find "Αλέξης".
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return plain.translate(_UNDECOMPOSED)


# Letters with no decomposition that people type without their stroke ("Lukasz" for "Łukasz").
_UNDECOMPOSED = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"}
)
