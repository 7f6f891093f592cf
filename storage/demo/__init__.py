"""A synthetic workspace that reads like a MASH's week. Every person in it is fictional.

Dates are relative to today, so the demo always has meetings today, actions due this week
and actions overdue. `--size N` repeats the same six shapes with new ids and references.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from models.case import Case
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


def make_demo(
    folder: Path, passphrase: str, size: int = 6, progress: Callable[[int, int], None] | None = None
) -> Path:
    """Make a demo workspace with its users; every user gets `passphrase`."""
    first = DEMO_USERS[0]
    ws, _recovery = Workspace.create(folder, first[0], passphrase, first[1], first[3], first[2])
    with ws:
        for name, display, agency, roles in DEMO_USERS[1:]:
            ws.add_user(name, passphrase, display, roles, agency)
        reference = records.load_reference(ws.conn)
        batch = 500
        done = 0
        cases = demo_cases(size)
        while done < size:
            with ws.transaction():
                count = 0
                for case in cases:
                    records.store_case(ws.conn, case, reference)
                    count += 1
                    if count == batch:
                        break
                done += count
                ws.record("demo.create", "workspace", ws.workspace_id, {"cases": count})
            if progress:
                progress(done, size)
            if count == 0:
                break
    return folder
