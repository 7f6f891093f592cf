"""Import and export of case bundles: all or nothing, each an audit event."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from models import identifiers
from models.bundle import (
    MAX_BUNDLE_BYTES,
    Bundle,
    BundleError,
    cycles_uncollected,
    dump_bundle,
    format_location,
    parse_bundle,
)
from models.case import Case
from models.identifiers import IdentifierKind
from models.people import CasePerson, Place
from models.reference import ReferenceData
from storage import records
from storage.cases import WRITERS
from storage.connection import Connection, IntegrityError
from storage.errors import InvalidInput, PermissionDenied
from storage.identifiers import check_identifier
from storage.outputs import check_output, write_output
from storage.review_tables import review_rows_in_bulk
from storage.workspace import Workspace


def read_bundle_file(path: Path) -> Bundle:
    """Read and check a bundle file; refuse a huge one before reading it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InvalidInput(f"{path}: {exc.strerror or 'cannot be read'}.") from exc
    if not path.is_file():
        raise InvalidInput(f"{path}: not a file.")
    if size > MAX_BUNDLE_BYTES:
        raise InvalidInput(
            f"{path}: {size:,} bytes is larger than the {MAX_BUNDLE_BYTES // 2**20} MiB a bundle may be."
        )
    try:
        return parse_bundle(path.read_bytes())
    except BundleError as exc:
        raise InvalidInput(f"{path.name}: {exc}") from exc


@dataclass(frozen=True)
class ImportSummary:
    cases: int
    people: int
    meetings: int
    actions: int

    def describe(self) -> str:
        return (
            f"Imported {self.cases} case{'s' * (self.cases != 1)}, {self.people} people, "
            f"{self.meetings} meeting{'s' * (self.meetings != 1)} and {self.actions} action{'s' * (self.actions != 1)}."
        )


def import_bundle(
    ws: Workspace,
    bundle: Bundle,
    source: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> ImportSummary:
    """Add every case of the bundle in one transaction, or nothing at all."""
    if not WRITERS & ws.user.roles:
        raise PermissionDenied("This account can read the record but not change it.")
    try:
        with cycles_uncollected():
            return _import(ws, bundle, source, progress)
    except IntegrityError as exc:  # a clash the checks above did not foresee: still words
        raise InvalidInput(
            f"The bundle clashes with a record already in this workspace ({exc}); "
            "nothing was imported."
        ) from exc


def _import(
    ws: Workspace,
    bundle: Bundle,
    source: str,
    progress: Callable[[int, int], None] | None,
) -> ImportSummary:
    conn = ws.conn
    with ws.transaction():
        reference = records.load_reference(conn)
        known = _Known(conn, bundle)
        with review_rows_in_bulk(conn, lambda: [m.id for c in bundle.cases for m in c.meetings]):
            _write(conn, bundle, reference, known, progress)
        summary = ImportSummary(
            cases=len(bundle.cases),
            people=len({p.id for c in bundle.cases for p in c.people}),
            meetings=sum(len(c.meetings) for c in bundle.cases),
            actions=sum(len(m.actions) for c in bundle.cases for m in c.meetings),
        )
        ws.record(
            "bundle.import", "workspace", ws.workspace_id, {"source": source, **summary.__dict__}
        )
    return summary


def _write(
    conn: Connection,
    bundle: Bundle,
    reference: ReferenceData,
    known: _Known,
    progress: Callable[[int, int], None] | None,
) -> None:
    """Check and write each case in turn (inside the import's transaction)."""
    total = len(bundle.cases)
    places_seen: dict[str, Place] = {}
    actions_seen: dict[str, str] = {}
    search_rows = records.SearchBatch(conn)
    for i, case in enumerate(bundle.cases):
        where = f"cases[{i}]"
        if case.id in known.cases and records.case_exists(conn, case.id):
            raise InvalidInput(
                f"{where}.id: this workspace already has a case {case.id!r}; nothing was imported."
            )
        if (
            case.reference in known.references
            and records.case_id_for_reference(conn, case.reference) is not None
        ):
            raise InvalidInput(
                f"{where}.reference: this workspace already has a case {case.reference!r}; nothing was imported."
            )
        _check_kinds(case, where, reference)
        for j, person in enumerate(case.people):
            if person.consistent_identifier in known.identifiers:
                try:
                    check_identifier(conn, person)
                except InvalidInput as exc:
                    raise InvalidInput(f"{where}.people[{j}].consistent_identifier: {exc}") from exc
            stored = records.load_person(conn, person.id) if person.id in known.people else None
            if stored is not None and stored != person.person():
                raise InvalidInput(
                    f"{where}.people[{j}]: person {person.id!r} is already in this workspace with other details; nothing was imported."
                )
        _check_shared(conn, case, where, places_seen, actions_seen, known)
        for j, meeting in enumerate(case.meetings):
            if meeting.id in known.meetings and records.load_meeting(conn, meeting.id) is not None:
                raise InvalidInput(
                    f"{where}.meetings[{j}].id: this workspace already has a meeting {meeting.id!r}; nothing was imported."
                )
        records.store_case(conn, case, reference, search_rows, new=True)
        known.add(case)
        if i % 500 == 499 or i == total - 1:
            search_rows.flush()  # the search rows of 500 cases at a time
            if progress:
                progress(i + 1, total)


class _Known:
    """Which of the bundle's ids may already be in the workspace: those found by one query
    each before the first case, and those of the cases written since. Only an id in here
    is looked up one by one (with the same query and message as before)."""

    def __init__(self, conn: Connection, bundle: Bundle) -> None:
        cases = bundle.cases
        people = [p for c in cases for p in c.people]
        meetings = [m for c in cases for m in c.meetings]

        def found(table: str, column: str, values: list[str]) -> set[str]:
            rows = conn.execute(
                f"SELECT {column} FROM {table} WHERE {column} IN (SELECT value FROM json_each(?))",
                (json.dumps(values),),
            )
            return {str(r[0]) for r in rows}

        self.cases = found("cases", "id", [c.id for c in cases])
        self.references = found("cases", "reference", [c.reference for c in cases])
        self.people = found("people", "id", [p.id for p in people])
        self.identifiers = found(
            "people",
            "consistent_identifier",
            [p.consistent_identifier for p in people if p.consistent_identifier],
        )
        self.places = found("places", "id", [p.id for c in cases for p in c.places])
        self.meetings = found("meetings", "id", [m.id for m in meetings])
        self.actions = found("actions", "id", [a.id for m in meetings for a in m.actions])

    def add(self, case: Case) -> None:
        """What writing `case` put in the workspace."""
        self.cases.add(case.id)
        self.references.add(case.reference)
        self.people.update(p.id for p in case.people)
        self.identifiers.update(p.consistent_identifier for p in case.people)
        self.places.update(p.id for p in case.places)
        self.meetings.update(m.id for m in case.meetings)
        self.actions.update(a.id for m in case.meetings for a in m.actions)


def _check_kinds(case: Case, where: str, reference: ReferenceData) -> None:
    """The case's identifiers are of kinds this workspace knows (the bundle alone cannot
    say: its maker's workspace may know others). Only a person's identifier depends on the
    workspace (the rest of the case was checked when the bundle was read), so only people
    with an identifier or its kind are checked again, with the workspace's kinds."""
    context = reference.identifier_context()
    kinds = identifiers.kinds_from(context)
    for j, person in enumerate(case.people):
        if not (person.identifier_kind or person.consistent_identifier):
            continue
        if _kind_unchanged(person, kinds):
            continue  # validating again would give the very same person: nothing to say
        try:
            CasePerson.model_validate(person.model_dump(), context=context)
        except ValidationError as exc:
            error = exc.errors(include_url=False)[0]
            path = format_location(("people", j, *error["loc"]))
            message = str(error["msg"]).removeprefix("Value error, ")
            raise InvalidInput(f"{where}.{path}: {message} Nothing was imported.") from exc


def _kind_unchanged(person: CasePerson, kinds: list[IdentifierKind] | None) -> bool:
    """The workspace's kinds accept the person's identifier kind and leave the identifier
    as the bundle's reading stored it (the only checks that depend on them)."""
    if identifiers.kind_problem(person.identifier_kind, kinds) is not None:
        return False
    try:
        again = identifiers.normalise(person.consistent_identifier, person.identifier_kind, kinds)
    except ValueError:
        return False
    return again == person.consistent_identifier


def _check_shared(
    conn: Connection,
    case: Case,
    where: str,
    places_seen: dict[str, Place],
    actions_seen: dict[str, str],
    known: _Known,
) -> None:
    """Places are shared between cases and action ids are unique across them: a bundle may
    neither change a place other cases use nor reuse another case's action id."""
    for j, place in enumerate(case.places):
        stored = places_seen.get(place.id) or (
            records.load_place(conn, place.id) if place.id in known.places else None
        )
        if stored is not None and stored != place:
            raise InvalidInput(
                f"{where}.places[{j}]: place {place.id!r} is already in this workspace (or this "
                "bundle) with other details; nothing was imported."
            )
        places_seen[place.id] = place
    for j, meeting in enumerate(case.meetings):
        for k, action in enumerate(meeting.actions):
            owner = actions_seen.get(action.id) or (
                records.action_case(conn, action.id) if action.id in known.actions else None
            )
            if owner is not None and owner != case.id:
                raise InvalidInput(
                    f"{where}.meetings[{j}].actions[{k}].id: action {action.id!r} already belongs "
                    f"to case {owner!r}; nothing was imported."
                )
            actions_seen[action.id] = case.id


def export_bundle(ws: Workspace, out: Path, case_ids: list[str] | None = None) -> int:
    """Write the chosen cases (all when None) to `out`, atomically; return how many."""
    check_output(out)
    conn = ws.conn
    ids = records.case_ids(conn) if case_ids is None else case_ids
    cases = []
    for case_id in ids:
        case = records.load_case(conn, case_id)
        if case is None:
            raise InvalidInput(f"There is no case {case_id!r}; nothing was written.")
        cases.append(case)
    data = dump_bundle(cases)
    with ws.transaction():
        ws.record(
            "bundle.export",
            "workspace",
            ws.workspace_id,
            {"cases": ids if len(ids) <= 20 else len(ids), "file": out.name},
        )
        write_output(out, data)
    return len(cases)
