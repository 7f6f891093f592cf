"""The lists of the review of operations (docs/review.md): the rows behind its figures, with
the names and addresses of the people and places of each case kept out of the free text.

storage/review_counts.py counts the figures and calls these for the lists; nothing here
counts anything.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from models.review import Listing, Redactor, is_strategy
from storage.connection import Connection

SEP = "\x1f"  # between meeting ids in group_concat

# The names and addresses of the people and places of the row's case and the attendees of
# its meeting (`m`): kept out of the free text the report lists.
NAMES = (
    "(SELECT group_concat(p.name || char(31) || coalesce(json_extract(p.body, '$.known_as'), ''),"
    " char(31)) FROM case_people cp JOIN people p ON p.id = cp.person_id"
    " WHERE cp.case_id = m.case_id),"
    " (SELECT group_concat(name, char(31)) FROM review_attendance WHERE meeting_id = m.id),"
    " (SELECT group_concat(coalesce(json_extract(p.body, '$.address'), ''), char(31))"
    " FROM case_people cp JOIN people p ON p.id = cp.person_id WHERE cp.case_id = m.case_id),"
    " (SELECT group_concat(pl.name || char(31) || coalesce(json_extract(pl.body, '$.address'), ''),"
    " char(31)) FROM case_places cp JOIN places pl ON pl.id = cp.place_id"
    " WHERE cp.case_id = m.case_id)"
)


class _Clean:
    """Free text of a list's rows with the names and addresses of each row's case and
    meeting kept out (NAMES); one prepared Redactor per distinct set of names, for this
    list only (nothing of them outlives it)."""

    def __init__(self) -> None:
        self._prepared: dict[tuple[str | None, ...], Redactor] = {}

    def __call__(self, text: str | None, *blobs: str | None) -> str:
        redactor = self._prepared.get(blobs)
        if redactor is None:
            people, attendees, *places = blobs
            names = [*(people or "").split(SEP), *(attendees or "").split(SEP)]
            lines = [line for blob in places for line in _lines(blob or "")]
            redactor = self._prepared[blobs] = Redactor(names, tuple(lines))
        return redactor(text or "")


def _lines(blob: str) -> list[str]:
    """Each address whole, and each of its lines or comma-separated parts."""
    out = []
    for address in blob.split(SEP):
        out += [address, *address.replace("\n", ",").split(",")]
    return out


def _names_of(conn: Connection, meeting_ids: list[str]) -> dict[str, tuple[str | None, ...]]:
    """The names blobs (NAMES) of a few meetings."""
    found: dict[str, tuple[str | None, ...]] = {}
    for start in range(0, len(meeting_ids), 500):
        chunk = meeting_ids[start : start + 500]
        for row in conn.execute(
            f"SELECT m.id, {NAMES} FROM meetings m WHERE m.id IN ({', '.join('?' * len(chunk))})",
            chunk,
        ):
            found[row[0]] = tuple(row[1:])
    return found


def meeting_rows(conn: Connection, ids: list[str]) -> list[tuple[str, str, str, str]]:
    """(meeting id, case reference, date, type) of each meeting, by date."""
    rows: list[tuple[str, str, str, str]] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows += conn.execute(
            "SELECT m.id, c.reference, m.date, m.type FROM meetings m JOIN cases c"
            f" ON c.id = m.case_id WHERE m.id IN ({', '.join('?' * len(chunk))})",
            chunk,
        ).fetchall()
    return sorted(rows, key=lambda r: (r[2], r[1]))


# --- the lists, one per section that has one --------------------------------------------
def late_decisions(conn: Connection, late: list[tuple[str, str, str, str, str, float]]) -> Listing:
    """(meeting id, case reference, date, RAG, reason, hours) of each late decision."""
    names = _names_of(conn, [r[0] for r in late])
    _clean = _Clean()
    return Listing(
        "timeliness",
        "Late decisions and the reasons recorded",
        ("Case", "Meeting", "RAG", "Hours", "Reason recorded"),
        tuple(
            (
                ref,
                day,
                rag.upper(),
                f"{taken:.1f}",
                _clean(reason, *names[mid]) or "(none recorded)",
            )
            for mid, ref, day, rag, reason, taken in late
        ),
        tuple(r[0] for r in late),
    )


def late_conferences(conn: Connection, late: dict[str, tuple[str, str]], days: int) -> Listing:
    """The initial conferences held after `days` working days: strategy meeting id ->
    (conference date, working days)."""
    listed = meeting_rows(conn, list(late))
    late_rows = [(ref, day, *late[mid]) for mid, ref, day, _kind in listed]
    late_ids = [mid for mid, *_rest in listed]
    return Listing(
        "conference",
        f"Initial conferences held after {days} working days",
        ("Case", "Strategy discussion", "Initial conference", "Working days"),
        tuple(late_rows),
        tuple(late_ids),
    )


def strategy_absences(conn: Connection, absent: dict[str, list[str]]) -> Listing:
    """The strategy discussions each core agency in `absent` (agency -> meeting ids) missed."""
    missing: dict[str, list[str]] = defaultdict(list)
    for agency, ids in absent.items():
        for mid in ids:
            missing[mid].append(agency)
    listed = [
        (r[0], (r[1], r[2], r[3], ", ".join(missing[r[0]])))
        for r in meeting_rows(conn, list(missing))
        if is_strategy(r[3])
    ]
    return Listing(
        "attendance",
        "Strategy discussions without social care, police or health",
        ("Case", "Date", "Meeting", "Absent"),
        tuple(row for _mid, row in listed),
        tuple(mid for mid, _row in listed),
    )


def not_shared(conn: Connection, where: str, agency_sql: str, args: list[Any]) -> Listing:
    """Every decision not to share of the meetings `where` (with the agency filter)."""
    listed, listed_ids = [], []
    _clean = _Clean()
    for mid, ref, day, from_agency, to_whom, reasons, *names in conn.execute(
        f"SELECT m.id, c.reference, m.date, d.from_agency, d.to_whom, d.reasons, {NAMES}"
        " FROM meetings m JOIN cases c ON c.id = m.case_id"
        f" JOIN review_sharing d ON d.meeting_id = m.id WHERE {where}{agency_sql}"
        " AND d.outcome = 'not_shared' ORDER BY m.date, c.reference, d.position",
        args,
    ):
        listed.append((ref, day, from_agency, _clean(to_whom, *names), _clean(reasons, *names)))
        listed_ids.append(mid)
    return Listing(
        "sharing",
        "Every decision not to share",
        ("Case", "Date", "Agency", "To whom", "Reasons"),
        tuple(listed),
        tuple(listed_ids),
    )


def not_done(conn: Connection, where: str, agency_sql: str, args: list[Any]) -> Listing:
    """The actions not done, set at the meetings `where` (with the agency filter)."""
    listed, listed_ids = [], []
    _clean = _Clean()
    # The reason as last reported: the latest meeting of the case that says anything of it.
    for mid, ref, agency, due, reason, *names in conn.execute(
        "SELECT m.id, c.reference, a.owner_agency, a.due, (SELECT n.note FROM review_action_notes n"
        " JOIN meetings m2 ON m2.id = n.meeting_id WHERE n.action_id = a.id"
        " AND m2.case_id = a.case_id ORDER BY m2.date DESC, m2.position DESC LIMIT 1),"
        f" {NAMES} FROM actions a JOIN meetings m ON m.id = a.meeting_id"
        f" JOIN cases c ON c.id = a.case_id WHERE {where}{agency_sql} AND a.status = 'not_done'"
        " ORDER BY m.date, c.reference",
        args,
    ):
        listed.append((ref, agency, due or "", _clean(reason, *names)))
        listed_ids.append(mid)
    return Listing(
        "actions",
        "Actions not done by the agency, with the reasons",
        ("Case", "Agency", "Due", "Reason"),
        tuple(listed),
        tuple(listed_ids),
    )
