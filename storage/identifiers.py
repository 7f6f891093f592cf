"""A child's consistent identifier in the people index: one holder per identifier of one
kind, and the cases of the person holding exactly an identifier."""

from __future__ import annotations

from models.people import Person
from storage.connection import Connection
from storage.errors import InvalidInput


def check_identifier(conn: Connection, person: Person) -> None:
    """Two children must not share one identifier of one kind within the workspace."""
    if not person.consistent_identifier:
        return
    row = conn.execute(
        "SELECT p.name, (SELECT group_concat(c.reference, ', ') FROM case_people cp"
        " JOIN cases c ON c.id = cp.case_id WHERE cp.person_id = p.id)"
        " FROM people p WHERE p.consistent_identifier = ? AND p.identifier_kind = ? AND p.id != ?",
        (person.consistent_identifier, person.identifier_kind.casefold(), person.id),
    ).fetchone()
    if row is not None:
        where = f" (case {row[1]})" if row[1] else ""
        raise InvalidInput(
            f"{person.identifier_label()} is already the identifier of {row[0]}{where}: two children cannot share one "
            "identifier. Check the number; nothing was saved."
        )


def people_with_identifier(conn: Connection, value: str) -> list[tuple[str, str, str, str]]:
    """(case id, case reference, name, body) of each case of the person holding exactly this
    identifier (of any kind), from the index."""
    return [
        (str(r[0]), str(r[1]), str(r[2]), str(r[3]))
        for r in conn.execute(
            "SELECT cp.case_id, c.reference, p.name, p.body FROM people p"
            " JOIN case_people cp ON cp.person_id = p.id JOIN cases c ON c.id = cp.case_id"
            " WHERE p.consistent_identifier = ? ORDER BY c.position DESC",
            (value,),
        )
    ]
