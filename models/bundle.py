"""The case bundle: the exchange and archive format (docs/bundle-format.md).

`parse_bundle` refuses, with the JSON path and the rule, anything that is not a whole,
valid bundle: it checks size and nesting before parsing, then every field, then the
references between records.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import accumulate
from typing import Any, Literal

from pydantic import Field, ValidationError, model_validator

from models.base import Record
from models.bundle_versions import unknown_field, upgrade
from models.case import Case, _first_duplicate
from models.identifiers import shared_identifier

FORMAT = "caseroom-bundle"
VERSION = 2
READS = (1, 2)  # older versions are upgraded on read (models/bundle_versions.py)
MAX_BUNDLE_BYTES = 1024 * 1024 * 1024  # 1 GiB: a 100,000-case workspace fits
MAX_DEPTH = 32


class BundleError(ValueError):
    """A bundle that cannot be imported; the message names the JSON path and the rule."""


class Bundle(Record):
    format: Literal["caseroom-bundle"]
    version: Literal[2]
    cases: list[Case] = Field(max_length=1_000_000)

    @model_validator(mode="after")
    def _rules(self) -> Bundle:
        dup = _first_duplicate([c.id for c in self.cases])
        if dup:
            raise ValueError(f"The case id {dup!r} is used twice.")
        dup = _first_duplicate([c.reference for c in self.cases])
        if dup:
            raise ValueError(f"The case reference {dup!r} is used twice.")
        seen: dict[str, Any] = {}
        for case in self.cases:
            for person in case.people:
                # What person() would hold, compared as a Person compares (its fields).
                details = {k: v for k, v in person.__dict__.items() if k not in _CASE_ROLE}
                if seen.setdefault(person.id, details) != details:
                    raise ValueError(
                        f"Person {person.id!r} appears in several cases with different details."
                    )
        shared = shared_identifier(p for c in self.cases for p in c.people)
        if shared:
            raise ValueError(shared)
        return self


def bundle_json_schema() -> dict[str, Any]:
    return Bundle.model_json_schema()


def schema_text() -> str:
    """docs/bundle.schema.json as `make schema` writes it."""
    return json.dumps(bundle_json_schema(), indent=1, ensure_ascii=False) + "\n"


_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'[]{}"')
_CASE_ROLE = ("role", "relationship")  # what a CasePerson adds to its Person
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


def _depth_problem(raw: bytes) -> str | None:
    """Find nesting deeper than MAX_DEPTH without parsing (json would recurse first).

    Linear time, each step in C: the escapes that could end a string early (an escaped
    backslash or quote) are dropped, then all but brackets and quotes; the text between an
    odd and the next even quote is inside a string, where brackets do not nest. (A backslash
    outside a string is not JSON: the parser refuses that file after this check.)
    """
    plain = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    # Two quotes side by side leave every other byte as far inside or outside as it was.
    structure = plain.translate(None, _NOT_STRUCTURE).replace(b'""', b"")
    outside = b"".join(structure.split(b'"')[0::2])
    deepest = max(accumulate(_STEP[b] for b in outside), default=0)
    return f"nesting is deeper than {MAX_DEPTH} levels" if deepest > MAX_DEPTH else None


def format_location(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part.startswith(("function-after", "function-before")) or part in ("json-or-python",):
            continue
        else:
            path += f".{part}" if path else part
    return path or "(the bundle)"


def _describe(exc: ValidationError) -> str:
    errors = exc.errors(include_url=False)
    first = errors[0]
    loc = tuple(p for p in first["loc"] if not (isinstance(p, str) and p[:1].isupper()))
    msg = str(first["msg"]).removeprefix("Value error, ")
    more = (
        f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
        if len(errors) > 1
        else ""
    )
    # A key from the file may hold any character: the message stays one line.
    where = format_location(loc).encode("unicode_escape").decode("ascii")
    return f"{where}: {msg}{more}"


@contextmanager
def cycles_uncollected() -> Iterator[None]:
    """Pause Python's cycle collector while a bundle's millions of objects are made.

    They hold no reference cycles, yet each few hundred new objects would start a scan of
    all of them so far: about 40% of a parse. Any cycle made meanwhile is collected later.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # The new objects join the oldest generation (freeze, then unfreeze, moves every
        # tracked object there) instead of being scanned all at once by the first young-
        # generation collection after this; a cycle among them is found by the next full one.
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def parse_bundle(raw: bytes) -> Bundle:
    """Parse and check a whole bundle; raise BundleError naming the first problem."""
    with cycles_uncollected():
        return _parse(raw)


def _parse(raw: bytes) -> Bundle:
    if len(raw) > MAX_BUNDLE_BYTES:
        raise BundleError(f"(the file): larger than {MAX_BUNDLE_BYTES // 2**20} MiB")
    if not raw.strip():
        raise BundleError("(the file): empty")
    try:
        # A current bundle is parsed once, by pydantic from the bytes: its format and version
        # are fields of the model. Anything else (an older version, or a problem to name)
        # takes the full path below, whose messages say what is wrong in the order of checks.
        # (The model has no free-form field, so a bundle it accepts nests no deeper than the
        # model does; its parser refuses deep nesting itself, without recursing in Python.)
        return Bundle.model_validate_json(raw, strict=True)
    except ValidationError:
        pass
    problem = _depth_problem(raw)  # before json.loads, which would recurse first
    if problem:
        raise BundleError(f"(the file): {problem}")
    try:
        data = json.loads(raw)
    except UnicodeDecodeError as exc:
        raise BundleError(f"(the file): not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise BundleError(
            f"(the file): not JSON, or cut short ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from exc
    if not isinstance(data, dict):
        raise BundleError("(the bundle): must be a JSON object")
    if data.get("format") != FORMAT:
        raise BundleError(f"format: must be {FORMAT!r}, found {data.get('format')!r}")
    version = data.get("version")
    if type(version) is not int or version not in READS:
        raise BundleError(
            f"version: this Caseroom reads versions {' and '.join(map(str, READS))}, "
            f"found {version!r}"
        )
    if version < VERSION:
        where = unknown_field(data, version)
        if where:
            where = where.encode("unicode_escape").decode("ascii")  # one line, whatever the key
            field = where.rsplit(".", 1)[-1]
            raise BundleError(f"{where}: a version-{version} bundle has no field '{field}'")
        raw = json.dumps(upgrade(data, VERSION), ensure_ascii=False).encode("utf-8")
    try:
        return Bundle.model_validate_json(raw, strict=True)
    except ValidationError as exc:
        raise BundleError(_describe(exc)) from exc


def dump_bundle(cases: list[Case]) -> bytes:
    bundle = Bundle(format=FORMAT, version=VERSION, cases=cases)
    return (bundle.model_dump_json(indent=1) + "\n").encode("utf-8")
