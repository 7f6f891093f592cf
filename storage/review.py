"""The review of operations, counted in SQL over the workspace tables (docs/review.md).

`compute(conn, period)` is the whole count (no audit, no rights: for benchmarks and tests);
`produce` checks the role and the period and records who looked at what; `write_csv` and
`write_pdf` write the outputs, each an audit event. A meeting behind a figure opens through
`open_meeting`, with the same rights and audit as opening its case.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from models.case import Case
from models.reference import ReferenceData
from models.review import (
    ALL,
    Figure,
    Listing,
    Period,
    Review,
    conference_outcome,
    core_agencies,
    decision_time,
    holidays_of,
    hours_to_decision,
    is_initial_conference,
    is_strategy,
    median,
    minutes_outcome,
    period_problem,
    redact,
    working_days_between,
)
from models.users import Role
from storage import audit, cases, records
from storage.connection import Connection, read_transaction
from storage.errors import InvalidInput, PermissionDenied
from storage.outputs import check_output, write_output
from storage.workspace import Workspace

REVIEWERS = {Role.ADMIN, Role.CHAIR}
CSV_HEADER = ("section", "measure", "group", "value")
_SEP = "\x1f"  # between meeting ids in group_concat


class _Query:
    """The meetings of the period: held (not only scheduled), of the type asked for; with
    `scoped`, also only those the agency asked for was on the attendance list of."""

    def __init__(self, period: Period) -> None:
        self.period = period

    def where(self, scoped: bool = True) -> tuple[str, list[Any]]:
        sql = "m.date BETWEEN ? AND ? AND m.status != 'scheduled'"
        params: list[Any] = [self.period.start.isoformat(), self.period.end.isoformat()]
        if self.period.meeting_type:
            sql += " AND m.type = ?"
            params.append(self.period.meeting_type)
        if scoped and self.period.agency:
            sql += (
                " AND EXISTS (SELECT 1 FROM json_each(m.body, '$.attendance') x"
                " WHERE json_extract(x.value, '$.agency') = ?)"
            )
            params.append(self.period.agency)
        return sql, params


def _ids(joined: str | None) -> tuple[str, ...]:
    return tuple(sorted(set(joined.split(_SEP)))) if joined else ()


def _figures(section: str, rows: list[tuple[str, str, int, str | None]]) -> list[Figure]:
    """(measure, group, count, ids) rows -> figures, in the order given."""
    return [Figure(section, m, g or "(none)", int(n), _ids(ids)) for m, g, n, ids in rows]


# --- the sections ----------------------------------------------------------------------
def _meetings(conn: Connection, q: _Query) -> list[Figure]:
    where, params = q.where()
    out: list[Figure] = []
    for measure, column in (("held", "m.type"), ("by_month", "substr(m.date, 1, 7)")):
        rows = conn.execute(
            f"SELECT ?, {column}, count(*), group_concat(m.id, char(31)) FROM meetings m"
            f" WHERE {where} GROUP BY 2 ORDER BY 2",
            [measure, *params],
        ).fetchall()
        out += _figures("meetings", rows)
    return out


def _timeliness(
    conn: Connection, q: _Query, reference: ReferenceData, names: _Names
) -> tuple[list[Figure], list[Listing]]:
    where, params = q.where()
    rows = conn.execute(
        "SELECT m.id, c.reference, m.date, json_extract(m.body, '$.start_time'),"
        " json_extract(m.body, '$.end_time'), json_extract(m.body, '$.contact_received_at'),"
        " json_extract(m.body, '$.risk.rag'), json_extract(m.body, '$.late_decision_reason'),"
        " m.case_id FROM meetings m JOIN cases c ON c.id = m.case_id"
        f" WHERE {where} AND json_extract(m.body, '$.contact_received_at') IS NOT NULL"
        " ORDER BY m.date, c.reference",
        params,
    ).fetchall()
    hours: dict[str, list[tuple[float, str]]] = defaultdict(list)
    counts: dict[tuple[str, str], list[str]] = defaultdict(list)
    late_rows: list[tuple[str, ...]] = []
    late_ids: list[str] = []
    for mid, ref, day, start, end, contact, rag, reason, case_id in rows:
        if rag is None:
            counts[("no_rating", ALL)].append(mid)
            continue
        decided = decision_time(
            date.fromisoformat(day),
            time.fromisoformat(start) if start else None,
            time.fromisoformat(end) if end else None,
            reference.time_zone,
        )
        if decided is None:
            counts[("no_meeting_time", ALL)].append(mid)
            continue
        taken = hours_to_decision(datetime.fromisoformat(contact), decided)
        hours[rag].append((taken, mid))
        late = taken > reference.rag_hours[rag]
        counts[("late" if late else "within", rag)].append(mid)
        if late:
            late_ids.append(mid)
            late_rows.append(
                (
                    ref,
                    day,
                    rag.upper(),
                    f"{taken:.1f}",
                    names.clean(case_id, mid, reason or "") or "(no reason recorded)",
                )
            )
    figures: list[Figure] = []
    for rag in reference.rag_hours:
        for measure in ("within", "late"):
            ids = counts.get((measure, rag), [])
            figures.append(Figure("timeliness", measure, rag, len(ids), tuple(ids)))
        if hours.get(rag):
            spans = [h for h, _ in hours[rag]]
            worst = max(hours[rag])
            behind = tuple(m for _, m in hours[rag])
            figures.append(
                Figure("timeliness", "median_hours", rag, round(median(spans), 1), behind)
            )
            figures.append(
                Figure("timeliness", "worst_hours", rag, round(worst[0], 1), (worst[1],))
            )
    for measure in ("no_rating", "no_meeting_time"):
        ids = counts.get((measure, ALL), [])
        if ids:
            figures.append(Figure("timeliness", measure, ALL, len(ids), tuple(ids)))
    listing = Listing(
        "timeliness",
        "Late decisions and the reasons recorded",
        ("Case", "Meeting", "RAG", "Hours", "Reason recorded"),
        tuple(late_rows),
        tuple(late_ids),
    )
    return figures, [listing]


def _conference(
    conn: Connection, q: _Query, reference: ReferenceData
) -> tuple[list[Figure], list[Listing]]:
    where, params = q.where()
    strategies = [
        r
        for r in conn.execute(
            "SELECT m.id, m.case_id, c.reference, m.date, m.type FROM meetings m"
            f" JOIN cases c ON c.id = m.case_id WHERE {where}"
            " AND json_extract(m.body, '$.decisions.initial_conference') = 1"
            " ORDER BY m.date, c.reference",
            params,
        ).fetchall()
        if is_strategy(r[4])
    ]
    later: dict[str, list[date]] = defaultdict(list)
    if strategies:
        for case_id, kind, day in conn.execute(
            "SELECT case_id, type, date FROM meetings WHERE status != 'scheduled' AND case_id IN"
            f" (SELECT m.case_id FROM meetings m WHERE {where}"
            " AND json_extract(m.body, '$.decisions.initial_conference') = 1)",
            params,
        ):
            if is_initial_conference(kind):
                later[case_id].append(date.fromisoformat(day))
    holidays = holidays_of(reference)
    counts: dict[str, list[str]] = {"within": [], "late": [], "not_held": []}
    late_rows: list[tuple[str, ...]] = []
    late_ids: list[str] = []
    for mid, case_id, ref, day, _kind in strategies:
        held = date.fromisoformat(day)
        icpc = min((d for d in later[case_id] if d >= held), default=None)
        outcome = conference_outcome(held, icpc, reference)
        counts[outcome].append(mid)
        if outcome == "late" and icpc is not None:
            late_ids.append(mid)
            late_rows.append(
                (ref, day, icpc.isoformat(), str(working_days_between(held, icpc, holidays)))
            )
    figures = [Figure("conference", m, ALL, len(ids), tuple(ids)) for m, ids in counts.items()]
    listing = Listing(
        "conference",
        f"Initial conferences held after {reference.initial_conference_working_days} working days",
        ("Case", "Strategy discussion", "Initial conference", "Working days"),
        tuple(late_rows),
        tuple(late_ids),
    )
    return figures, [listing]


_ATTENDANCE = ("present", "apologies", "deputy", "information_only", "did_not_attend")


def _attendance(
    conn: Connection, q: _Query, reference: ReferenceData
) -> tuple[list[Figure], list[Listing]]:
    where, params = q.where(scoped=False)
    agency_sql, agency_params = "", []
    if q.period.agency:
        agency_sql, agency_params = " AND json_extract(a.value, '$.agency') = ?", [q.period.agency]
    rows = conn.execute(
        "SELECT json_extract(a.value, '$.status'), json_extract(a.value, '$.agency'), count(*),"
        " group_concat(m.id, char(31)) FROM meetings m, json_each(m.body, '$.attendance') a"
        f" WHERE {where}{agency_sql} GROUP BY 1, 2",
        [*params, *agency_params],
    ).fetchall()
    order = {s: i for i, s in enumerate(_ATTENDANCE)}
    rows.sort(key=lambda r: (order.get(r[0], 99), r[1] or ""))
    figures = _figures("attendance", rows)
    core = core_agencies(reference)
    if q.period.agency:
        core = [a for a in core if a == q.period.agency]
    absent: dict[str, list[str]] = {a: [] for a in core}
    listed: list[tuple[str, ...]] = []
    listed_ids: list[str] = []
    for mid, ref, day, kind, present in conn.execute(
        "SELECT m.id, c.reference, m.date, m.type, (SELECT group_concat("
        "json_extract(a.value, '$.agency'), char(31)) FROM json_each(m.body, '$.attendance') a"
        " WHERE json_extract(a.value, '$.status') IN ('present', 'deputy'))"
        f" FROM meetings m JOIN cases c ON c.id = m.case_id WHERE {where}"
        " ORDER BY m.date, c.reference",
        params,
    ):
        if not is_strategy(kind):
            continue
        there = set((present or "").split(_SEP))
        missing = [a for a in core if a not in there]
        for agency in missing:
            absent[agency].append(mid)
        if missing:
            listed.append((ref, day, kind, ", ".join(missing)))
            listed_ids.append(mid)
    figures += [
        Figure("attendance", "strategy_without", a, len(ids), tuple(ids))
        for a, ids in absent.items()
    ]
    listing = Listing(
        "attendance",
        "Strategy discussions without social care, police or health",
        ("Case", "Date", "Meeting", "Absent"),
        tuple(listed),
        tuple(listed_ids),
    )
    return figures, [listing]


def _sharing(conn: Connection, q: _Query, names: _Names) -> tuple[list[Figure], list[Listing]]:
    where, params = q.where(scoped=False)
    agency_sql, agency_params = "", []
    if q.period.agency:
        agency_sql = " AND json_extract(d.value, '$.from_agency') = ?"
        agency_params = [q.period.agency]
    base = f" FROM meetings m, json_each(m.body, '$.sharing_decisions') d WHERE {where}{agency_sql}"
    agency = "json_extract(d.value, '$.from_agency')"
    ids = "group_concat(m.id, char(31))"
    rows = conn.execute(
        f"SELECT json_extract(d.value, '$.outcome'), {agency}, count(*), {ids}{base}"
        " GROUP BY 1, 2 ORDER BY 1 DESC, 2",
        [*params, *agency_params],
    ).fetchall()
    figures = _figures("sharing", rows)
    for measure, test in (
        ("consent_sought", "json_extract(d.value, '$.consent_sought') = 1"),
        ("consent_given", "json_extract(d.value, '$.consent_given') = 1"),
        ("consent_not_sought", "json_extract(d.value, '$.consent_sought') = 0"),
    ):
        rows = conn.execute(
            f"SELECT ?, {agency}, count(*), {ids}{base} AND {test} GROUP BY 2 ORDER BY 2",
            [measure, *params, *agency_params],
        ).fetchall()
        figures += _figures("sharing", rows)
    rows = conn.execute(
        f"SELECT 'basis', b.value, count(*), {ids} FROM meetings m,"
        " json_each(m.body, '$.sharing_decisions') d, json_each(d.value, '$.lawful_basis') b"
        f" WHERE {where}{agency_sql} GROUP BY 2 ORDER BY 2",
        [*params, *agency_params],
    ).fetchall()
    figures += _figures("sharing", rows)
    listed, listed_ids = [], []
    for mid, case_id, ref, day, from_agency, to_whom, reasons in conn.execute(
        "SELECT m.id, m.case_id, c.reference, m.date, json_extract(d.value, '$.from_agency'),"
        " json_extract(d.value, '$.to_whom'), json_extract(d.value, '$.reasons')"
        " FROM meetings m JOIN cases c ON c.id = m.case_id,"
        f" json_each(m.body, '$.sharing_decisions') d WHERE {where}{agency_sql}"
        " AND json_extract(d.value, '$.outcome') = 'not_shared' ORDER BY m.date, c.reference",
        [*params, *agency_params],
    ):
        listed.append(
            (
                ref,
                day,
                from_agency,
                names.clean(case_id, mid, to_whom or ""),
                names.clean(case_id, mid, reasons or ""),
            )
        )
        listed_ids.append(mid)
    listing = Listing(
        "sharing",
        "Every decision not to share",
        ("Case", "Date", "Agency", "To whom", "Reasons"),
        tuple(listed),
        tuple(listed_ids),
    )
    return figures, [listing]


def _actions(conn: Connection, q: _Query, names: _Names) -> tuple[list[Figure], list[Listing]]:
    where, params = q.where(scoped=False)
    agency_sql, agency_params = "", []
    if q.period.agency:
        agency_sql, agency_params = " AND a.owner_agency = ?", [q.period.agency]
    end = q.period.end.isoformat()
    base = f" FROM actions a JOIN meetings m ON m.id = a.meeting_id WHERE {where}{agency_sql}"
    ids = "group_concat(m.id, char(31))"
    figures = _figures(
        "actions",
        conn.execute(
            f"SELECT 'set', a.owner_agency, count(*), {ids}{base} GROUP BY 2 ORDER BY 2",
            [*params, *agency_params],
        ).fetchall(),
    )
    order = {"done": 0, "open": 1, "not_possible": 3, "not_done": 4}
    rows = conn.execute(
        f"SELECT a.status, a.owner_agency, count(*), {ids}{base} GROUP BY 1, 2",
        [*params, *agency_params],
    ).fetchall()
    rows += conn.execute(
        f"SELECT 'overdue', a.owner_agency, count(*), {ids}{base}"
        " AND a.status = 'open' AND a.due < ? GROUP BY 2",
        [*params, *agency_params, end],
    ).fetchall()
    rows.sort(key=lambda r: (order.get(r[0], 2), r[1]))
    figures += _figures("actions", rows)
    listed, listed_ids = [], []
    for action_id, mid, case_id, ref, agency, due in conn.execute(
        "SELECT a.id, m.id, a.case_id, c.reference, a.owner_agency, a.due FROM actions a"
        " JOIN meetings m ON m.id = a.meeting_id JOIN cases c ON c.id = a.case_id"
        f" WHERE {where}{agency_sql} AND a.status = 'not_done' ORDER BY m.date, c.reference",
        [*params, *agency_params],
    ):
        reason = _action_reason(conn, case_id, mid, action_id)
        listed.append((ref, agency, due or "", names.clean(case_id, mid, reason)))
        listed_ids.append(mid)
    listing = Listing(
        "actions",
        "Actions not done by the agency, with the reasons",
        ("Case", "Agency", "Due", "Reason"),
        tuple(listed),
        tuple(listed_ids),
    )
    return figures, [listing]


def _action_reason(conn: Connection, case_id: str, meeting_id: str, action_id: str) -> str:
    """The reason as last reported: the latest review of the action, else its own."""
    row = conn.execute(
        "SELECT json_extract(r.value, '$.note') FROM meetings m,"
        " json_each(m.body, '$.action_reviews') r WHERE m.case_id = ?"
        " AND json_extract(r.value, '$.action_id') = ? ORDER BY m.date DESC LIMIT 1",
        (case_id, action_id),
    ).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT json_extract(a.value, '$.status_reason') FROM meetings m,"
            " json_each(m.body, '$.actions') a WHERE m.id = ?"
            " AND json_extract(a.value, '$.id') = ?",
            (meeting_id, action_id),
        ).fetchone()
    return str(row[0] or "") if row else ""


def _minutes(conn: Connection, q: _Query, reference: ReferenceData) -> list[Figure]:
    where, params = q.where()
    zone = ZoneInfo(reference.time_zone)
    holidays = holidays_of(reference)
    counts: dict[str, list[str]] = {
        "same_day": [],
        "within_5_days": [],
        "later": [],
        "not_signed": [],
    }
    for mid, day, signed_at in conn.execute(
        "SELECT m.id, m.date, (SELECT signed_at FROM minutes x WHERE x.meeting_id = m.id"
        f" ORDER BY x.version LIMIT 1) FROM meetings m WHERE {where}",
        params,
    ):
        signed_on = None
        if signed_at:
            when = datetime.fromisoformat(signed_at)
            signed_on = (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(zone).date()
        counts[minutes_outcome(date.fromisoformat(day), signed_on, holidays)].append(mid)
    return [Figure("minutes", m, ALL, len(ids), tuple(ids)) for m, ids in counts.items()]


def _voice(conn: Connection, q: _Query) -> list[Figure]:
    where, params = q.where()
    rows = dict(
        (r[0], r[1:])
        for r in conn.execute(
            "SELECT EXISTS (SELECT 1 FROM json_each(m.body, '$.child_voice') v"
            " WHERE json_extract(v.value, '$.speaker') IN ('child', 'advocate')),"
            f" count(*), group_concat(m.id, char(31)) FROM meetings m WHERE {where} GROUP BY 1",
            params,
        )
    )
    return [
        Figure(
            "voice",
            measure,
            ALL,
            int(rows.get(has, (0, None))[0]),
            _ids(rows.get(has, (0, None))[1]),
        )
        for measure, has in (("with_views", 1), ("without_views", 0))
    ]


class _Names:
    """The names (and addresses) of a case's people, places and attendees, to keep out of
    the free text the report lists."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._cases: dict[str, tuple[list[str], list[str]]] = {}

    def clean(self, case_id: str, meeting_id: str, text: str) -> str:
        if not text:
            return text
        if case_id not in self._cases:
            names: list[str] = []
            places: list[str] = []
            for name, body in self.conn.execute(
                "SELECT p.name, p.body FROM case_people cp JOIN people p ON p.id = cp.person_id"
                " WHERE cp.case_id = ?",
                (case_id,),
            ):
                names.append(name)
                for key in ("known_as",):
                    names.append(str(_json(body).get(key) or ""))
                places += _lines(str(_json(body).get("address") or ""))
            for name, body in self.conn.execute(
                "SELECT p.name, p.body FROM case_places cp JOIN places p ON p.id = cp.place_id"
                " WHERE cp.case_id = ?",
                (case_id,),
            ):
                places += [name, *_lines(str(_json(body).get("address") or ""))]
            names += [
                r[0]
                for r in self.conn.execute(
                    "SELECT DISTINCT json_extract(a.value, '$.name') FROM meetings m,"
                    " json_each(m.body, '$.attendance') a WHERE m.case_id = ?",
                    (case_id,),
                )
                if r[0]
            ]
            self._cases[case_id] = (names, places)
        names, places = self._cases[case_id]
        return redact(text, names, tuple(places))


def _json(body: str) -> dict[str, Any]:
    import json

    value = json.loads(body)
    return value if isinstance(value, dict) else {}


def _lines(address: str) -> list[str]:
    return [address, *(part for part in address.replace("\n", ",").split(","))]


# --- the use cases -----------------------------------------------------------------------
def compute(conn: Connection, period: Period) -> Review:
    """Every figure of the review for `period`, read in one consistent transaction."""
    with read_transaction(conn):
        reference = records.load_reference(conn)
        q = _Query(period)
        names = _Names(conn)
        figures: list[Figure] = _meetings(conn, q)
        listings: list[Listing] = []
        for part in (
            _timeliness(conn, q, reference, names),
            _conference(conn, q, reference),
            _attendance(conn, q, reference),
            _sharing(conn, q, names),
            _actions(conn, q, names),
        ):
            figures += part[0]
            listings += part[1]
        figures += _minutes(conn, q, reference)
        figures += _voice(conn, q)
    return Review(period, tuple(figures), tuple(listings))


def require_reviewer(ws: Workspace) -> None:
    if not REVIEWERS & ws.user.roles:
        raise PermissionDenied("Only an admin or a chair may produce the review of operations.")


def check_period(ws: Workspace, period: Period) -> None:
    """The role and the period, before anything is computed or written."""
    require_reviewer(ws)
    problem = period_problem(period, records.load_reference(ws.conn))
    if problem:
        raise InvalidInput(problem)


def _detail(period: Period, fmt: str, **more: Any) -> dict[str, Any]:
    return {
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "agency": period.agency,
        "type": period.meeting_type,
        "format": fmt,
        **more,
    }


def record_shown(ws: Workspace, period: Period) -> None:
    """The review was shown on screen: an audit event (who, which period, "screen")."""
    require_reviewer(ws)
    with ws.transaction():
        ws.record("review.report", "review", "", _detail(period, "screen"))


def produce(ws: Workspace, period: Period) -> Review:
    """The review on screen: checked, computed and recorded in the audit log."""
    check_period(ws, period)
    review = compute(ws.conn, period)
    record_shown(ws, period)
    return review


def csv_bytes(review: Review) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(review.csv_rows())
    return buffer.getvalue().encode("utf-8")


def write_csv(ws: Workspace, period: Period, out: Path) -> Review:
    check_output(out)
    check_period(ws, period)
    review = compute(ws.conn, period)
    with ws.transaction():
        ws.record("review.report", "review", "", _detail(period, "csv", file=out.name))
        write_output(out, csv_bytes(review))
    return review


def write_pdf(ws: Workspace, period: Period, out: Path, passphrase: str | None = None) -> Review:
    """The review as PDF, signed by the user when the passphrase is given; it carries the
    checkpoint of the audit event that records it."""
    from reports.review_pdf import render_review
    from reports.signing import sign_pdf

    check_output(out)
    check_period(ws, period)
    identity = None
    if passphrase is not None:
        from storage import identities

        ws.slots.refresh()
        opened = ws.slots.open_user(ws.user.name, passphrase)  # WrongPassphrase
        try:
            identity = identities.unseal_identity(ws.conn, ws.slots, opened, ws.user.name)
        finally:
            opened.wipe()
        if identity is None:
            raise InvalidInput("You have no signing identity: ask the admin to make or import one.")
    review = compute(ws.conn, period)
    reference = records.load_reference(ws.conn)
    with ws.transaction():
        event = audit.prepare(
            ws.conn,
            ws.user.name,
            "review.report",
            "review",
            "",
            _detail(period, "pdf", file=out.name, signed=identity is not None),
        )
        now = datetime.now(UTC).replace(microsecond=0)
        rendered = render_review(
            review,
            marking=reference.protective_marking,
            produced_by=ws.user.display_name,
            produced_at=now,
            audit_seq=event["seq"],
            audit_head=event["hash"],
            time_zone=reference.time_zone,
        )
        data = rendered.pdf
        if identity is not None:
            data = sign_pdf(
                data,
                identity,
                page=rendered.signature_page,
                box=rendered.signature_box,
                reason=f"Review of operations, {period.describe()}",
                location="Caseroom",
                signer_name=ws.user.display_name,
                signed_at=now,
                time_zone=reference.time_zone,
            )
        audit.insert(ws.conn, event)
        write_output(out, data)
    return review


def meetings_behind(conn: Connection, ids: tuple[str, ...]) -> list[tuple[str, str, str, str]]:
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


def open_meeting(ws: Workspace, meeting_id: str) -> tuple[Case, str]:
    """The case of a meeting behind a figure, opened as the case screen opens it (the
    same rights; a case.view event in the audit log)."""
    found = records.load_meeting(ws.conn, meeting_id)
    if found is None:
        raise InvalidInput(f"There is no meeting {meeting_id!r}.")
    return cases.open_case(ws, found[0]), meeting_id
