"""The counting of the review of operations, in SQL over the workspace tables (docs/review.md).

`compute(conn, period)` is the whole count (no audit, no rights: for benchmarks and tests);
storage/review.py holds the use cases around it (rights, audit, the CSV and PDF outputs).
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

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
    working_days_between,
)
from storage import records
from storage.connection import Connection, read_transaction
from storage.review_lists import (
    SEP,
    late_conferences,
    late_decisions,
    not_done,
    not_shared,
    strategy_absences,
)


class _Query:
    """The meetings of the period: held (not only scheduled), of the type asked for; with
    `scoped`, also only those the agency asked for was on the attendance list of."""

    def __init__(self, period: Period, detail: bool = True) -> None:
        self.period = period
        self.detail = detail  # the meetings behind each figure, and the lists
        self.ids = "group_concat(m.id, char(31))" if detail else "NULL"

    def where(self, scoped: bool = True) -> tuple[str, list[Any]]:
        sql = "m.date BETWEEN ? AND ? AND m.status != 'scheduled'"
        params: list[Any] = [self.period.start.isoformat(), self.period.end.isoformat()]
        if self.period.meeting_type:
            sql += " AND m.type = ?"
            params.append(self.period.meeting_type)
        if scoped and self.period.agency:
            sql += (
                " AND EXISTS (SELECT 1 FROM review_attendance x"
                " WHERE x.meeting_id = m.id AND x.agency = ?)"
            )
            params.append(self.period.agency)
        return sql, params

    def agency(self, column: str) -> tuple[str, list[Any]]:
        """The agency filter on a row's own agency column (attendance, sharing, actions)."""
        if not self.period.agency:
            return "", []
        return f" AND {column} = ?", [self.period.agency]


def _ids(joined: str | None) -> tuple[str, ...]:
    return tuple(sorted(set(joined.split(SEP)))) if joined else ()


def _figures(section: str, rows: list[tuple[str, str, int, str | None]]) -> list[Figure]:
    """(measure, group, count, ids) rows -> figures, in the order given."""
    return [Figure(section, m, g or "(none)", int(n), _ids(ids)) for m, g, n, ids in rows]


def _measures(
    conn: Connection,
    q: _Query,
    section: str,
    group: str,
    base: str,
    args: list[Any],
    measures: list[tuple[str, str]],
) -> list[Figure]:
    """Several measures in one pass: each (name, SQL condition on a row) counted per `group`;
    a group with no row for a measure has no figure for it."""
    columns = ", ".join(
        f"sum({test}), "
        + (f"group_concat(CASE WHEN {test} THEN m.id END, char(31))" if q.detail else "NULL")
        for _name, test in measures
    )
    rows = conn.execute(f"SELECT {group}, {columns}{base} GROUP BY 1 ORDER BY 1", args).fetchall()
    figures = []
    for i, (name, _test) in enumerate(measures):
        for row in rows:
            count, ids = row[1 + 2 * i], row[2 + 2 * i]
            if count:
                figures.append(Figure(section, name, row[0] or "(none)", int(count), _ids(ids)))
    return figures


# --- the sections ----------------------------------------------------------------------
def _meetings(conn: Connection, q: _Query) -> list[Figure]:
    where, params = q.where()
    out: list[Figure] = []
    for measure, column in (("held", "m.type"), ("by_month", "substr(m.date, 1, 7)")):
        rows = conn.execute(
            f"SELECT ?, {column}, count(*), {q.ids} FROM meetings m"
            f" WHERE {where} GROUP BY 2 ORDER BY 2",
            [measure, *params],
        ).fetchall()
        out += _figures("meetings", rows)
    return out


def _timeliness(
    conn: Connection, q: _Query, reference: ReferenceData
) -> tuple[list[Figure], list[Listing]]:
    where, params = q.where()
    rows = conn.execute(
        "SELECT m.id, c.reference, m.date, f.start_time, f.end_time, f.contact_received_at,"
        " f.rag, f.late_reason FROM meetings m JOIN review_facts f ON f.meeting_id = m.id"
        f" JOIN cases c ON c.id = m.case_id WHERE {where} AND f.contact_received_at IS NOT NULL"
        " ORDER BY m.date, c.reference",
        params,
    ).fetchall()
    hours: dict[str, list[tuple[float, str]]] = defaultdict(list)
    counts: dict[tuple[str, str], list[str]] = defaultdict(list)
    late: list[tuple[str, str, str, str, str, float]] = []
    for mid, ref, day, start, end, contact, rag, reason in rows:
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
        is_late = taken > reference.rag_hours[rag]
        counts[("late" if is_late else "within", rag)].append(mid)
        if is_late:
            late.append((mid, ref, day, rag, reason or "", taken))
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
    if not q.detail:
        return figures, []
    return figures, [late_decisions(conn, late)]


def _conference(
    conn: Connection, q: _Query, reference: ReferenceData
) -> tuple[list[Figure], list[Listing]]:
    where, params = q.where()
    decided = (
        f"FROM meetings m JOIN review_facts f ON f.meeting_id = m.id WHERE {where}"
        " AND f.initial_conference = 1"
    )
    strategies = [
        r
        for r in conn.execute(
            f"SELECT m.id, m.case_id, m.date, m.type {decided} ORDER BY m.date",
            params,
        ).fetchall()
        if is_strategy(r[3])
    ]
    later: dict[str, list[date]] = defaultdict(list)
    if strategies:
        for case_id, kind, day in conn.execute(  # (the cases of those strategy meetings)
            "SELECT case_id, type, date FROM meetings WHERE status != 'scheduled'"
            " AND case_id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted({r[1] for r in strategies})),),
        ):
            if is_initial_conference(kind):
                later[case_id].append(date.fromisoformat(day))
    holidays = holidays_of(reference)
    counts: dict[str, list[str]] = {"within": [], "late": [], "not_held": []}
    late: dict[str, tuple[str, str]] = {}
    for mid, case_id, day, _kind in strategies:
        held = date.fromisoformat(day)
        icpc = min((d for d in later[case_id] if d >= held), default=None)
        outcome = conference_outcome(held, icpc, reference)
        counts[outcome].append(mid)
        if outcome == "late" and icpc is not None:
            late[mid] = (icpc.isoformat(), str(working_days_between(held, icpc, holidays)))
    figures = [Figure("conference", m, ALL, len(ids), tuple(ids)) for m, ids in counts.items()]
    days = reference.initial_conference_working_days
    return figures, [late_conferences(conn, late if q.detail else {}, days)]


_ATTENDANCE = ("present", "apologies", "deputy", "information_only", "did_not_attend")


def _attendance(
    conn: Connection, q: _Query, reference: ReferenceData
) -> tuple[list[Figure], list[Listing]]:
    where, params = q.where(scoped=False)
    agency_sql, agency_params = q.agency("a.agency")
    rows = conn.execute(
        f"SELECT a.status, a.agency, count(*), {q.ids} FROM meetings m"
        f" JOIN review_attendance a ON a.meeting_id = m.id WHERE {where}{agency_sql}"
        " GROUP BY 1, 2",
        [*params, *agency_params],
    ).fetchall()
    order = {s: i for i, s in enumerate(_ATTENDANCE)}
    rows.sort(key=lambda r: (order.get(r[0], 99), r[1] or ""))
    figures = _figures("attendance", rows)
    core = core_agencies(reference)
    if q.period.agency:
        core = [a for a in core if a == q.period.agency]
    absent: dict[str, list[str]] = {agency: [] for agency in core}
    if core:
        # One look at each strategy meeting's attendance (not one per core agency).
        for mid, there in conn.execute(
            "SELECT m.id, (SELECT group_concat(a.agency, char(31)) FROM review_attendance a"
            " WHERE a.meeting_id = m.id AND a.status IN ('present', 'deputy'))"
            f" FROM meetings m WHERE {where} AND m.type LIKE '%strategy%' ORDER BY m.date",
            params,
        ):
            present = set(there.split(SEP)) if there else set()
            for agency in core:
                if agency not in present:
                    absent[agency].append(mid)
    figures += [
        Figure("attendance", "strategy_without", a, len(ids), tuple(ids))
        for a, ids in absent.items()
    ]
    if not q.detail:
        return figures, []
    return figures, [strategy_absences(conn, absent)]


def _sharing(conn: Connection, q: _Query) -> tuple[list[Figure], list[Listing]]:
    where, params = q.where(scoped=False)
    agency_sql, agency_params = q.agency("d.from_agency")
    base = (
        f" FROM meetings m JOIN review_sharing d ON d.meeting_id = m.id WHERE {where}{agency_sql}"
    )
    args = [*params, *agency_params]
    ids = q.ids
    figures = _measures(
        conn,
        q,
        "sharing",
        "d.from_agency",
        base,
        args,
        [
            ("shared", "d.outcome = 'shared'"),
            ("not_shared", "d.outcome = 'not_shared'"),
            ("consent_sought", "d.consent_sought = 1"),
            ("consent_given", "d.consent_given = 1"),
            ("consent_not_sought", "d.consent_sought = 0"),
        ],
    )
    basis_sql, _ = q.agency("b.from_agency")
    rows = conn.execute(
        f"SELECT 'basis', b.basis, count(*), {ids} FROM meetings m"
        f" JOIN review_bases b ON b.meeting_id = m.id WHERE {where}{basis_sql}"
        " GROUP BY 2 ORDER BY 2",
        args,
    ).fetchall()
    figures += _figures("sharing", rows)
    if not q.detail:
        return figures, []
    return figures, [not_shared(conn, where, agency_sql, args)]


def _actions(conn: Connection, q: _Query) -> tuple[list[Figure], list[Listing]]:
    where, params = q.where(scoped=False)
    agency_sql, agency_params = q.agency("a.owner_agency")
    args = [*params, *agency_params]
    end = q.period.end.isoformat()
    base = f" FROM actions a JOIN meetings m ON m.id = a.meeting_id WHERE {where}{agency_sql}"
    figures = _measures(
        conn,
        q,
        "actions",
        "a.owner_agency",
        base,
        args,
        [
            ("set", "1"),
            ("done", "a.status = 'done'"),
            ("open", "a.status = 'open'"),
            ("overdue", f"a.status = 'open' AND a.due < '{end}'"),
            ("not_possible", "a.status = 'not_possible'"),
            ("not_done", "a.status = 'not_done'"),
        ],
    )
    if not q.detail:
        return figures, []
    return figures, [not_done(conn, where, agency_sql, args)]


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
        if not signed_at:
            counts["not_signed"].append(mid)
            continue
        when = datetime.fromisoformat(signed_at)
        signed_on = (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(zone).date()
        counts[minutes_outcome(date.fromisoformat(day), signed_on, holidays)].append(mid)
    return [Figure("minutes", m, ALL, len(ids), tuple(ids)) for m, ids in counts.items()]


def _voice(conn: Connection, q: _Query) -> list[Figure]:
    where, params = q.where()
    rows = {
        r[0]: (r[1], r[2])
        for r in conn.execute(
            f"SELECT coalesce(f.child_views, 0), count(*), {q.ids}"
            f" FROM meetings m LEFT JOIN review_facts f ON f.meeting_id = m.id WHERE {where}"
            " GROUP BY 1",
            params,
        )
    }
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


# --- the count ---------------------------------------------------------------------------
def compute(conn: Connection, period: Period, detail: bool = True) -> Review:
    """Every figure of the review for `period`, read in one consistent transaction; with
    `detail`, also the meetings behind each figure and the lists (screen and PDF), which
    the CSV does without."""
    with read_transaction(conn):
        reference = records.load_reference(conn)
        q = _Query(period, detail)
        figures: list[Figure] = _meetings(conn, q)
        listings: list[Listing] = []
        for part in (
            _timeliness(conn, q, reference),
            _conference(conn, q, reference),
            _attendance(conn, q, reference),
            _sharing(conn, q),
            _actions(conn, q),
        ):
            figures += part[0]
            listings += part[1]
        figures += _minutes(conn, q, reference)
        figures += _voice(conn, q)
    return Review(period, tuple(figures), tuple(listings))
