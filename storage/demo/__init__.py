"""A synthetic workspace that reads like a MASH's week. Every person in it is fictional.

Dates are relative to today, so the demo always has meetings today, actions due this week
and actions overdue. `--size N` repeats the same six shapes with new ids and references.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from models.case import Case
from models.meeting import MeetingStatus
from models.people import CasePerson, PersonRole, Place
from models.rules import add_years
from storage import records
from storage.demo import alexis, amira, dmitry, lefevre, nowak, oconnor
from storage.demo.common import DEMO_USERS, Ids
from storage.workspace import Workspace

SHAPES: list[Callable[..., Case]] = [
    amira.build,
    lefevre.build,
    alexis.build,
    dmitry.build,
    nowak.build,
    oconnor.build,
]


def demo_cases(count: int, today: date | None = None) -> Iterator[Case]:
    """`count` cases: the six shapes in turn, each group sharing one adult and one place."""
    today = today or date.today()
    for group in range(0, count, len(SHAPES)):
        ids = Ids(f"g{group // len(SHAPES) + 1}")
        kyle = CasePerson(
            id=ids("p"),
            name="Kyle Mercer",
            date_of_birth=add_years(today, -24),
            gender="Male",
            role=PersonRole.ASSOCIATE,
            relationship="Adult associate",
        )
        hotel = Place(
            id=ids("pl"), name="Riverside Hotel", address="2 Quay Street, Northgate", kind="Hotspot"
        )
        for i, shape in enumerate(SHAPES[: count - group]):
            ref = f"MASH-{today.year}-{group + i + 1:06d}"
            args = (kyle, hotel) if shape in (amira.build, nowak.build) else ()
            yield shape(ids, today, ref, *args)


def _unsigned(case: Case) -> Case:
    """Signed minutes are made by signing, never by a status: start them as drafts."""
    meetings = [
        m.model_copy(update={"status": MeetingStatus.MINUTES_DRAFT})
        if m.status is MeetingStatus.SIGNED
        else m
        for m in case.meetings
    ]
    return case.model_copy(update={"meetings": meetings})


def make_demo(
    folder: Path, passphrase: str, size: int = 6, progress: Callable[[int, int], None] | None = None
) -> list[tuple[str, str, str, str]]:
    """Make a demo workspace with its users; every user gets `passphrase`.

    The first six cases' past meetings are signed by the chair, as they would be in a real
    week. Returns (reference, meeting id, type, date) of those six cases' meetings.
    """
    from storage.family_check import confirm_family_check
    from storage.minutes import sign_minutes

    first = DEMO_USERS[0]
    ws, _recovery = Workspace.create(folder, first[0], passphrase, first[1], first[3], first[2])
    with ws:
        for name, display, agency, roles in DEMO_USERS[1:]:
            ws.add_user(name, passphrase, display, roles, agency, admin_passphrase=passphrase)
        reference = records.load_reference(ws.conn)
        shapes = list(demo_cases(len(SHAPES)))
        to_sign = [m.id for c in shapes for m in c.meetings if m.status is MeetingStatus.SIGNED]
        cases = demo_cases(size)
        done = 0
        while done < size:
            with ws.transaction():
                count = 0
                for case in itertools.islice(cases, 500):
                    records.store_case(ws.conn, _unsigned(case), reference)
                    count += 1
                done += count
                ws.record("demo.create", "workspace", ws.workspace_id, {"cases": count})
            if progress:
                progress(done, size)
            if count == 0:
                break
        for meeting_id in to_sign:
            if records.load_meeting(ws.conn, meeting_id):
                confirm_family_check(ws, meeting_id)
                sign_minutes(ws, meeting_id, passphrase)
    return [
        (c.reference, m.id, m.type, m.date.isoformat()) for c in shapes[:size] for m in c.meetings
    ]
