"""Rows <-> domain models for the case record. No transactions and no audit here: the use
cases in storage/cases.py and storage/bundles.py wrap these in both.

Text is checked on the way in (every save validates the whole case); what is read back is
built with the TRUSTED context, which skips the per-text rules (docs/performance.md)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from models.case import Case
from models.meeting import Meeting
from models.people import CasePerson, Person, Place
from models.reference import ReferenceData
from models.rules import current_actions, retention_date
from models.text import TRUSTED, search_form
from storage import identifiers, reference_data
from storage.connection import Connection
from storage.errors import InvalidInput

_CASE_PARTS = {"people", "places", "meetings"}
_CASE_ROLE = {"role", "relationship"}  # what a CasePerson adds to its Person


# --- reference data: storage/reference_data.py (kept here under their old names) -------
load_reference = reference_data.load_reference
store_reference = reference_data.store_reference


# --- cases ---------------------------------------------------------------------------
def case_exists(conn: Connection, case_id: str) -> bool:
    return conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone() is not None


def case_id_for_reference(conn: Connection, reference: str) -> str | None:
    row = conn.execute("SELECT id FROM cases WHERE reference = ?", (reference,)).fetchone()
    return None if row is None else str(row[0])


def revisions(conn: Connection, case_id: str) -> dict[str, int]:
    """The stored revision of a case ("case:ID") and of each of its meetings ("meeting:ID")."""
    found = {
        f"case:{case_id}": int(r[0])
        for r in conn.execute("SELECT revision FROM cases WHERE id = ?", (case_id,))
    }
    for meeting_id, revision in conn.execute(
        "SELECT id, revision FROM meetings WHERE case_id = ?", (case_id,)
    ):
        found[f"meeting:{meeting_id}"] = int(revision)
    return found


def load_person(conn: Connection, person_id: str) -> Person | None:
    row = conn.execute("SELECT body FROM people WHERE id = ?", (person_id,)).fetchone()
    return None if row is None else Person.model_validate_json(row[0], context=TRUSTED)


def load_place(conn: Connection, place_id: str) -> Place | None:
    row = conn.execute("SELECT body FROM places WHERE id = ?", (place_id,)).fetchone()
    return None if row is None else Place.model_validate_json(row[0], context=TRUSTED)


def action_case(conn: Connection, action_id: str) -> str | None:
    """The case whose action plan holds this action id (ids are unique across cases)."""
    row = conn.execute("SELECT case_id FROM actions WHERE id = ?", (action_id,)).fetchone()
    return None if row is None else str(row[0])


def store_case(
    conn: Connection,
    case: Case,
    reference: ReferenceData,
    batch: SearchBatch | None = None,
    *,
    new: bool = False,
) -> None:
    """Write the whole case: its row, people, places, meetings and the derived indexes.

    With a `batch`, the case's search rows are gathered there, to be written with those of
    the other cases (an import) by `batch.flush()` in the same transaction. `new` says the
    caller has checked that neither the case nor any of its meetings is in the workspace
    (an import): there is then nothing of theirs to look up, replace or unindex first.
    """
    now = datetime.now(UTC).isoformat(timespec="seconds")
    open_meetings = [
        m.date for m in case.meetings if m.status.value in ("scheduled", "in_progress")
    ]
    planned = [m.next_meeting_date for m in case.meetings if m.next_meeting_date]
    # The earliest meeting not yet held, else the date the last meeting set for the next one.
    next_meeting = min(open_meetings) if open_meetings else (max(planned) if planned else None)
    retention = retention_date(case, reference)
    position_row = (
        None
        if new
        else conn.execute("SELECT position FROM cases WHERE id = ?", (case.id,)).fetchone()
    )
    if position_row is None:
        position = conn.execute("SELECT coalesce(max(position), 0) + 1 FROM cases").fetchone()[0]
    else:
        position = position_row[0]
    conn.execute(
        "INSERT INTO cases (id, reference, status, rag, allocated_worker, children, opened_on,"
        " closed_on, next_meeting, retention_date, position, updated_at, body)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(id) DO UPDATE SET reference = excluded.reference, status = excluded.status,"
        " rag = excluded.rag, allocated_worker = excluded.allocated_worker,"
        " children = excluded.children, opened_on = excluded.opened_on,"
        " closed_on = excluded.closed_on, next_meeting = excluded.next_meeting,"
        " retention_date = excluded.retention_date, updated_at = excluded.updated_at,"
        " body = excluded.body, revision = cases.revision + 1",
        (
            case.id,
            case.reference,
            case.status.value,
            case.rag.value if case.rag else None,
            case.allocated_worker,
            ", ".join(p.name for p in case.children()),
            case.opened_on.isoformat(),
            _iso(case.closed_on),
            _iso(next_meeting),
            _iso(retention),
            position,
            now,
            case.model_dump_json(exclude=_CASE_PARTS),
        ),
    )
    if not new:
        conn.execute("DELETE FROM case_people WHERE case_id = ?", (case.id,))
    for p in case.people:
        identifiers.check_identifier(conn, p)  # a CasePerson is a Person: no copy without role
    conn.executemany(
        "INSERT INTO people (id, name, date_of_birth, body, identifier_kind,"
        " consistent_identifier) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(id) DO UPDATE SET name = excluded.name,"
        " date_of_birth = excluded.date_of_birth, body = excluded.body,"
        " identifier_kind = excluded.identifier_kind,"
        " consistent_identifier = excluded.consistent_identifier",
        [
            (
                d.id,
                d.name,
                _iso(d.date_of_birth),
                d.model_dump_json(exclude=_CASE_ROLE),  # the Person's JSON, as person() gives
                d.identifier_kind.casefold() if d.consistent_identifier else None,
                d.consistent_identifier or None,
            )
            for d in case.people
        ],
    )
    conn.executemany(
        "INSERT INTO case_people (case_id, person_id, position, role, relationship) VALUES (?, ?, ?, ?, ?)",
        [(case.id, p.id, i, p.role.value, p.relationship) for i, p in enumerate(case.people)],
    )
    if not new:
        conn.execute("DELETE FROM case_places WHERE case_id = ?", (case.id,))
    conn.executemany(
        "INSERT INTO places (id, name, body) VALUES (?, ?, ?)"
        " ON CONFLICT(id) DO UPDATE SET name = excluded.name, body = excluded.body",
        [(place.id, place.name, place.model_dump_json()) for place in case.places],
    )
    conn.executemany(
        "INSERT INTO case_places (case_id, place_id, position) VALUES (?, ?, ?)",
        [(case.id, place.id, i) for i, place in enumerate(case.places)],
    )
    kept = {m.id for m in case.meetings}
    stored = (
        {}
        if new
        else {
            meeting_id: (position, body)
            for meeting_id, position, body in conn.execute(
                "SELECT id, position, body FROM meetings WHERE case_id = ?", (case.id,)
            ).fetchall()
        }
    )
    for gone in set(stored) - kept:
        _unindex(conn, gone)
        conn.execute("DELETE FROM meetings WHERE id = ?", (gone,))
    for i, meeting in enumerate(case.meetings):
        body = meeting.model_dump_json()
        if stored.get(meeting.id) == (i, body):
            continue  # unchanged: saving one meeting does not rewrite or reindex the others
        _store_meeting_row(conn, case.id, meeting, i, body, new)
        _index_meeting_text(conn, case.id, meeting, batch, new=new)
    _index_actions(conn, case, new=new)
    _index_case_text(conn, case, batch, new=new)


def _store_meeting_row(
    conn: Connection, case_id: str, meeting: Meeting, position: int, body: str, new: bool = False
) -> None:
    conn.execute(
        "INSERT INTO meetings (id, case_id, position, type, date, status, body) VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(id) DO UPDATE SET position = excluded.position, type = excluded.type,"
        " date = excluded.date, status = excluded.status, body = excluded.body,"
        " revision = meetings.revision + 1"
        " WHERE meetings.case_id = excluded.case_id",
        (
            meeting.id,
            case_id,
            position,
            meeting.type,
            meeting.date.isoformat(),
            meeting.status.value,
            body,
        ),
    )
    if new:
        return  # the caller checked that no other case holds this meeting id
    owner = conn.execute("SELECT case_id FROM meetings WHERE id = ?", (meeting.id,)).fetchone()
    if owner[0] != case_id:
        raise InvalidInput(f"The meeting id {meeting.id!r} already belongs to another case.")


def load_case(conn: Connection, case_id: str) -> Case | None:
    row = conn.execute("SELECT body FROM cases WHERE id = ?", (case_id,)).fetchone()
    if row is None:
        return None
    people = [
        CasePerson.model_validate(
            {**json.loads(body), "role": role, "relationship": rel}, context=TRUSTED
        )
        for body, role, rel in conn.execute(
            "SELECT p.body, cp.role, cp.relationship FROM case_people cp JOIN people p ON p.id = cp.person_id"
            " WHERE cp.case_id = ? ORDER BY cp.position",
            (case_id,),
        )
    ]
    places = [
        Place.model_validate_json(body, context=TRUSTED)
        for (body,) in conn.execute(
            "SELECT pl.body FROM case_places cp JOIN places pl ON pl.id = cp.place_id"
            " WHERE cp.case_id = ? ORDER BY cp.position",
            (case_id,),
        )
    ]
    meetings = [
        Meeting.model_validate_json(body, context=TRUSTED)
        for (body,) in conn.execute(
            "SELECT body FROM meetings WHERE case_id = ? ORDER BY position", (case_id,)
        )
    ]
    data = json.loads(row[0])
    data.update(people=people, places=places, meetings=meetings)
    # The whole case again, so its cross-checks run; its text was checked when it was saved.
    return Case.model_validate(data, context=TRUSTED)


def case_ids(conn: Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT id FROM cases ORDER BY position")]


def delete_case(conn: Connection, case_id: str) -> None:
    _unindex(conn, case_id, all_of_case=True)
    conn.execute("DELETE FROM cases WHERE id = ?", (case_id,))
    conn.execute("DELETE FROM people WHERE id NOT IN (SELECT person_id FROM case_people)")
    conn.execute("DELETE FROM places WHERE id NOT IN (SELECT place_id FROM case_places)")


# --- meetings ------------------------------------------------------------------------
def load_meeting(conn: Connection, meeting_id: str) -> tuple[str, Meeting] | None:
    row = conn.execute("SELECT case_id, body FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
    return (
        None if row is None else (str(row[0]), Meeting.model_validate_json(row[1], context=TRUSTED))
    )


# --- derived indexes -----------------------------------------------------------------
def _index_actions(conn: Connection, case: Case, *, new: bool = False) -> None:
    if not new:
        conn.execute("DELETE FROM actions WHERE case_id = ?", (case.id,))
    origin = {a.id: m.id for m in case.meetings for a in m.actions}
    conn.executemany(
        "INSERT INTO actions (id, case_id, meeting_id, what, owner, owner_agency, due, status)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                a.id,
                case.id,
                origin[a.id],
                a.what[:500],
                a.owner,
                a.owner_agency,
                _iso(a.due),
                a.status.value,
            )
            for a in current_actions(case).values()
        ],
    )


NAME_KINDS = ("case", "person")  # indexed in search_names; the longer texts in search_text


def _unindex(conn: Connection, owner_id: str, all_of_case: bool = False) -> None:
    column = "case_id" if all_of_case else "owner_id"
    rows = conn.execute(
        f"SELECT rowid, kind FROM search_entries WHERE {column} = ?", (owner_id,)
    ).fetchall()
    names = [(r,) for r, kind in rows if kind in NAME_KINDS]
    conn.executemany("DELETE FROM search_names WHERE rowid = ?", names)
    conn.executemany(
        "DELETE FROM search_text WHERE rowid = ?",
        [(r,) for r, kind in rows if kind not in NAME_KINDS],
    )
    conn.executemany("DELETE FROM search_entries WHERE rowid = ?", [(r,) for r, _ in rows])


class SearchBatch:
    """Search rows of many cases, written with one executemany per table."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.rows: list[tuple[int, str, str, str, str, str]] = []
        self.next = conn.execute(
            "SELECT coalesce(max(rowid), 0) + 1 FROM search_entries"
        ).fetchone()[0]

    def add(self, case_id: str, owner_id: str, entries: list[tuple[str, str, str]]) -> None:
        for kind, title, body in entries:
            self.rows.append((self.next, case_id, owner_id, kind, title, body))
            self.next += 1

    def flush(self) -> None:
        """Write the gathered rows, newest rowids last: search reads them newest first."""
        self.conn.executemany(
            "INSERT INTO search_entries (rowid, case_id, owner_id, kind, title, body)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            self.rows,
        )
        for table, names in (("search_names", True), ("search_text", False)):
            self.conn.executemany(
                f"INSERT INTO {table} (rowid, title, body) VALUES (?, ?, ?)",
                [
                    (rowid, search_form(title), search_form(body))
                    for rowid, _case, _owner, kind, title, body in self.rows
                    if (kind in NAME_KINDS) == names
                ],
            )
        self.rows.clear()


def _index(
    conn: Connection,
    case_id: str,
    owner_id: str,
    entries: list[tuple[str, str, str]],
    batch: SearchBatch | None,
) -> None:
    if batch is not None:
        batch.add(case_id, owner_id, entries)
        return
    now = SearchBatch(conn)
    now.add(case_id, owner_id, entries)
    now.flush()


def _index_case_text(
    conn: Connection, case: Case, batch: SearchBatch | None = None, *, new: bool = False
) -> None:
    if not new:
        _unindex(conn, case.id)
    entries = [("case", case.reference, case.allocated_worker)]
    entries += [
        ("person", p.name, " ".join(filter(None, [p.known_as, p.relationship])))
        for p in case.people
    ]
    entries += [
        ("chronology", e.date.isoformat(), f"{e.event} {e.impact_on_child}")
        for e in case.chronology
    ]
    _index(conn, case.id, case.id, entries, batch)


def _index_meeting_text(
    conn: Connection,
    case_id: str,
    meeting: Meeting,
    batch: SearchBatch | None = None,
    *,
    new: bool = False,
) -> None:
    if not new:
        _unindex(conn, meeting.id)
    _index(
        conn,
        case_id,
        meeting.id,
        [("contribution", c.agency, c.text) for c in meeting.contributions],
        batch,
    )


# --- small helpers -------------------------------------------------------------------
def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()
