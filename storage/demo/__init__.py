"""A synthetic workspace that reads like a MASH's week. Every person in it is fictional.

The six cases are data: resources/demo/cases.json, a case bundle (docs/bundle-format.md)
written as if today were `dates_as_of` in resources/demo/about.json. On load every date and
date-time moves by the days since then, so the demo always has meetings today, actions due
this week and actions overdue; then the bundle goes through the same checks and the same
import as any bundle. `--size N` repeats the six with new ids and references.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import resources
from models.bundle import FORMAT, VERSION, Bundle, bundle_json_schema, parse_bundle
from models.case import Case
from models.meeting import MeetingStatus
from storage import access
from storage.demo.common import DEMO_USERS
from storage.workspace import Workspace

Json = dict[str, Any]
SHAPES = 6  # the cases in resources/demo/cases.json
FIRST_GROUP = '"g1-'  # every id in the file starts so: the group's prefix
CHUNK = SHAPES * 83  # cases per import (each one transaction)
# A child's NHS number, as the file holds it. The file's numbers are in the NHS's test range
# (999 …) at 999 5xx xxxx and above; each repeat of the six takes its own from below that.
IDENTIFIER = re.compile(r'"consistent_identifier": "(\d{10})"')
REPEAT_NUMBERS = 50_000 * 9  # decades 999 00000 to 999 49999, nine numbers each


@cache
def _template() -> tuple[date, Json]:
    about = json.loads(resources.path("demo", "about.json").read_text(encoding="utf-8"))
    data = json.loads(resources.path("demo", "cases.json").read_text(encoding="utf-8"))
    return date.fromisoformat(about["dates_as_of"]), data


def _shift(value: Any, node: Json, defs: Json, delta: timedelta) -> Any:
    """`value` with every date and date-time the schema `node` declares moved by `delta`."""
    if "$ref" in node:
        node = defs[str(node["$ref"]).rsplit("/", 1)[-1]]
    for choice in node.get("anyOf", []):
        if value is not None and choice.get("type") != "null":
            return _shift(value, choice, defs, delta)
    kind = node.get("format")
    if isinstance(value, str) and kind == "date":
        return (date.fromisoformat(value) + delta).isoformat()
    if isinstance(value, str) and kind == "date-time":
        moved = datetime.fromisoformat(value) + delta
        return moved.isoformat().replace("+00:00", "Z")
    if isinstance(value, dict) and "properties" in node:
        props = node["properties"]
        return {k: _shift(v, props[k], defs, delta) if k in props else v for k, v in value.items()}
    if isinstance(value, list) and isinstance(node.get("items"), dict):
        return [_shift(v, node["items"], defs, delta) for v in value]
    return value


@cache
def _cases_as_text(today: date) -> tuple[str, ...]:
    """Each of the six cases as JSON text, its dates moved to `today`."""
    anchor, data = _template()
    schema = bundle_json_schema()
    moved = _shift(data, schema, schema["$defs"], today - anchor)
    return tuple(json.dumps(case, ensure_ascii=False) for case in moved["cases"])


@cache
def _identifiers() -> dict[str, int]:
    """Each NHS number in the file, in order of first mention: its place in a group."""
    text = resources.path("demo", "cases.json").read_text(encoding="utf-8")
    return {number: n for n, number in enumerate(dict.fromkeys(IDENTIFIER.findall(text)))}


def repeat_number(slot: int) -> str:
    """The `slot`-th NHS number the repeats use: valid, distinct, in the NHS test range and
    below every number in the file. Of the ten stems of a decade (999 12345 0 to 9) at most
    one has no check digit (it would need a 10), so each decade gives nine numbers."""
    if not 0 <= slot < REPEAT_NUMBERS:
        raise ValueError(f"the demo has NHS numbers for {REPEAT_NUMBERS:,} repeated children")
    decade, nth = divmod(slot, 9)
    numbers = []
    for last in range(10):
        stem = f"999{decade:05d}{last}"
        check = (11 - sum(int(d) * w for d, w in zip(stem, range(10, 1, -1), strict=True))) % 11
        if check < 10:
            numbers.append(f"{stem}{check}")
    return numbers[nth]


def _renumbered(text: str, group: int) -> str:
    """A repeat's text, each child's NHS number its own: two children never share one."""
    numbers = _identifiers()
    return IDENTIFIER.sub(
        lambda m: (
            f'"consistent_identifier": "'
            f'{repeat_number((group - 1) * len(numbers) + numbers[m.group(1)])}"'
        ),
        text,
    )


def _reference(today: date, n: int) -> str:
    return f"MASH-{today.year}-{n:06d}"


def demo_bundle(count: int, today: date | None = None, start: int = 0) -> bytes:
    """A bundle of cases `start` to `start + count - 1` of the demo: the six in turn, each
    group of six with its own ids and sharing one adult and one place."""
    today = today or date.today()
    texts = _cases_as_text(today)
    parts = []
    for n in range(start, start + count):
        group, shape = divmod(n, SHAPES)
        text = texts[shape]
        if group:
            text = _renumbered(text.replace(FIRST_GROUP, f'"g{group + 1}-'), group)
        old = json.dumps(_template()[1]["cases"][shape]["reference"], ensure_ascii=False)
        parts.append(
            text.replace(f'"reference": {old}', f'"reference": "{_reference(today, n + 1)}"')
        )
    head = json.dumps({"format": FORMAT, "version": VERSION})[:-1]
    return f'{head}, "cases": [{", ".join(parts)}]}}'.encode()


def demo_cases(count: int, today: date | None = None) -> Iterator[Case]:
    """`count` demo cases, read through the bundle checks."""
    for start in range(0, count, CHUNK):
        yield from parse_bundle(demo_bundle(min(CHUNK, count - start), today, start)).cases


def _unsigned(bundle: Bundle) -> tuple[Bundle, list[str]]:
    """Signed minutes are made by signing, never by a status: the meetings the file calls
    signed start as drafts, to be signed once imported."""
    to_sign = []
    cases = []
    for case in bundle.cases:
        meetings = []
        for m in case.meetings:
            if m.status is MeetingStatus.SIGNED:
                to_sign.append(m.id)
                m = m.model_copy(update={"status": MeetingStatus.MINUTES_DRAFT})
            meetings.append(m)
        cases.append(case.model_copy(update={"meetings": meetings}))
    return bundle.model_copy(update={"cases": cases}), to_sign


def make_demo(
    folder: Path, passphrase: str, size: int = 6, progress: Callable[[int, int], None] | None = None
) -> list[tuple[str, str, str, str]]:
    """Make a demo workspace with its users; every user gets `passphrase`.

    The first six cases' past meetings are signed by the chair, as they would be in a real
    week. Returns (reference, meeting id, type, date) of those six cases' meetings.
    """
    from storage.bundles import import_bundle
    from storage.family_check import confirm_family_check
    from storage.minutes import sign_minutes

    first = DEMO_USERS[0]
    today = date.today()
    ws, _recovery = Workspace.create(folder, first[0], passphrase, first[1], first[3], first[2])
    shown: list[tuple[str, str, str, str]] = []
    with ws:
        for name, display, agency, roles in DEMO_USERS[1:]:
            access.add_user(
                ws, name, passphrase, display, roles, agency, admin_passphrase=passphrase
            )
        to_sign: list[str] = []
        for start in range(0, size, CHUNK):
            bundle = parse_bundle(demo_bundle(min(CHUNK, size - start), today, start))
            bundle, signed = _unsigned(bundle)
            if start == 0:  # the first six cases' meetings are shown, and signed if past
                first_six = {m.id for c in bundle.cases[:SHAPES] for m in c.meetings}
                to_sign = [m for m in signed if m in first_six]
                shown = [
                    (c.reference, m.id, m.type, m.date.isoformat())
                    for c in bundle.cases[:SHAPES]
                    for m in c.meetings
                ]
            import_bundle(ws, bundle, "demo")
            if progress:
                progress(start + len(bundle.cases), size)
        for meeting_id in to_sign:
            confirm_family_check(ws, meeting_id)
            sign_minutes(ws, meeting_id, passphrase)
    return shown
