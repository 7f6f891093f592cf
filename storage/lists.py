"""The home screen's lists: rows read straight from the indexed columns of the tables.

Kept apart from storage/cases.py, so the home screen is drawn without importing the case
and meeting models (start-up: docs/performance.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from storage.workspace import Workspace


@dataclass(frozen=True)
class CaseRow:
    id: str
    reference: str
    status: str
    rag: str | None
    allocated_worker: str
    children: str
    next_meeting: str | None


def list_cases(
    ws: Workspace,
    *,
    rag: str = "",
    status: str = "",
    worker: str = "",
    next_meeting: tuple[date, date] | Literal["none"] | None = None,
    limit: int = 1_000_000,
    offset: int = 0,
) -> list[CaseRow]:
    """Cases, newest first, filtered in SQL so a page of a huge workspace is quick.

    `next_meeting` is a (from, to) date range, or "none" for cases with no meeting set.
    """
    where, params = ["1 = 1"], []
    if next_meeting == "none":
        where.append("next_meeting IS NULL")
    elif next_meeting is not None:
        where.append("next_meeting BETWEEN ? AND ?")
        params += [next_meeting[0].isoformat(), next_meeting[1].isoformat()]
    for column, value in (("rag", rag), ("status", status)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if worker.strip():
        where.append("allocated_worker LIKE ? ESCAPE '\\'")
        params.append(
            "%" + worker.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        )
    rows = ws.conn.execute(
        "SELECT id, reference, status, rag, allocated_worker, children, next_meeting FROM cases"
        f" WHERE {' AND '.join(where)} ORDER BY position DESC LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )
    return [CaseRow(*r) for r in rows]


@dataclass(frozen=True)
class ActionRow:
    id: str
    case_id: str
    reference: str
    what: str
    owner: str
    owner_agency: str
    due: str | None


def open_actions_due(ws: Workspace, by: date, limit: int = 1_000_000) -> list[ActionRow]:
    """Open actions due on or before `by` (overdue ones first), by agency."""
    rows = ws.conn.execute(
        "SELECT a.id, a.case_id, c.reference, a.what, a.owner, a.owner_agency, a.due FROM actions a"
        " JOIN cases c ON c.id = a.case_id WHERE a.status = 'open' AND a.due <= ?"
        " ORDER BY a.due LIMIT ?",  # the index order: a page of a huge list stops early
        (by.isoformat(), limit),
    )
    return [ActionRow(*r) for r in rows]


def count_open_actions(ws: Workspace, by: date, today: date) -> tuple[int, int]:
    """(open actions due by `by`, of which overdue before `today`)."""
    row = ws.conn.execute(
        "SELECT count(*), coalesce(sum(due < ?), 0) FROM actions WHERE status = 'open' AND due <= ?",
        (today.isoformat(), by.isoformat()),
    ).fetchone()
    return int(row[0]), int(row[1])


@dataclass(frozen=True)
class MeetingRow:
    id: str
    case_id: str
    reference: str
    type: str
    date: str
    status: str


def meetings_between(
    ws: Workspace, start: date, end: date, limit: int = 1_000_000
) -> list[MeetingRow]:
    rows = ws.conn.execute(
        "SELECT m.id, m.case_id, c.reference, m.type, m.date, m.status FROM meetings m"
        " JOIN cases c ON c.id = m.case_id WHERE m.date BETWEEN ? AND ? ORDER BY m.date LIMIT ?",
        (start.isoformat(), end.isoformat(), limit),
    )
    return [MeetingRow(*r) for r in rows]
