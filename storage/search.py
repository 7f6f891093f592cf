"""Search as you type, stopping early: a page of hits without reading every match.

In order: input shaped like a case reference is answered from the references' unique
index; otherwise the current case's hits (a small query), then names and references, then
the longer texts (contributions, chronology), then what else is known of the people
(known as, relationship) and the case (worker), each newest first. A row's rowid grows with
each save, so `ORDER BY rowid DESC LIMIT n` lets SQLite's full-text index stop after n
matches however many there are. One or two letters search names and references only. The
text shown is read only for the rows of the page (docs/performance.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.text import TRUSTED, search_form
from storage.connection import Connection
from storage.workspace import Workspace

PAGE = 50


@dataclass(frozen=True)
class SearchHit:
    case_id: str
    reference: str
    kind: str
    title: str
    snippet: str


# Where the next page starts: (tier, after), after the last reference or rowid shown.
Cursor = tuple[int, str | int]
REFERENCES, CURRENT_CASE, NAMES, TEXTS, DETAILS = range(5)


@dataclass(frozen=True)
class SearchPage:
    hits: list[SearchHit]
    more: Cursor | None  # None: this was the last page


_TOKEN = re.compile(r"\w+", re.UNICODE)
_REFERENCE_SHAPED = re.compile(r"\S*\d\S*")  # one word with a digit in it: "MASH-2026-0007"
SHORT = 2  # a word this short is matched against names and references only


def _query_words(text: str) -> list[str]:
    return _TOKEN.findall(search_form(text))[:12]


def fts_query(words: list[str]) -> str:
    """What was typed as a safe FTS5 query: every word quoted (no syntax), as a prefix."""
    return " ".join(f'"{w}"*' for w in words)


def search(
    ws: Workspace, text: str, case_id: str | None = None, limit: int = PAGE
) -> list[SearchHit]:
    """The first page of hits (see search_page)."""
    return search_page(ws, text, case_id, limit).hits


def search_page(
    ws: Workspace,
    text: str,
    case_id: str | None = None,
    limit: int = PAGE,
    after: Cursor | None = None,
) -> SearchPage:
    """A page of hits for `text`; pass the page's `more` as `after` for the next one.

    Accent-insensitive ("Zoe" finds "Zoë"); a child's exact identifier finds the child
    first; then the hits of `case_id`.
    """
    page = _search_page(ws, text, case_id, limit, after)
    if after is not None:
        return page
    found = identifier_hits(ws, text)
    return SearchPage(found + page.hits[: max(0, limit - len(found))], page.more) if found else page


def identifier_hits(ws: Workspace, text: str) -> list[SearchHit]:
    """The child whose consistent identifier is exactly what was typed (spaces ignored),
    in each case they are in: one look-up in the people table's identifier index."""
    value = "".join(text.split()).upper()
    if len(value) < 4 or len(value) > 64:
        return []
    from models.people import Person  # (not before the home screen is drawn)
    from storage import identifiers

    hits = []
    for case_id, reference, name, body in identifiers.people_with_identifier(ws.reader, value):
        person = Person.model_validate_json(body, context=TRUSTED)
        hits.append(SearchHit(case_id, reference, "identifier", name, person.identifier_text()))
    return hits


def _search_page(
    ws: Workspace, text: str, case_id: str | None, limit: int, after: Cursor | None
) -> SearchPage:
    words = _query_words(text)
    if not words:
        return SearchPage([], None)
    conn = ws.reader
    tier, last = after or (REFERENCES, "")
    if tier == REFERENCES:
        if _REFERENCE_SHAPED.fullmatch(text.strip()):
            page = _references(conn, text.strip(), str(last), limit)
            if page.hits or last:
                return page
        tier, last = CURRENT_CASE, 0
    short = all(len(w) <= SHORT for w in words)
    query = fts_query(words)
    found: list[int] = []
    more: Cursor | None = None
    if tier == CURRENT_CASE:
        if case_id:
            found = _in_case(conn, query, case_id, short)[:limit]
        tier, last = NAMES, 0
    tiers = [
        (NAMES, "search_names", f"{{title}} : ({query})"),  # a name or reference
        (TEXTS, "search_text", query),  # what agencies know, the chronology
        (DETAILS, "search_names", f"{{body}} : ({query}) NOT {{title}} : ({query})"),
    ]
    for table_tier, table, match in tiers:
        if tier != table_tier or (table_tier != NAMES and short):
            continue
        need = limit - len(found)
        rows = _newest(conn, table, match, int(last), case_id, need + 1)
        found += rows[:need]
        if len(rows) > need:
            more = (table_tier, rows[need - 1]) if need else (table_tier, last)
            break
        tier, last = table_tier + 1, 0
    return SearchPage(_shown(conn, found, words), more)


def _newest(
    conn: Connection, table: str, query: str, before: int, case_id: str | None, limit: int
) -> list[int]:
    """Rowids of `table` matching `query`, newest first, below `before` (0: from the top);
    the current case's rows were shown first and are left out here."""
    where = f"{table} MATCH ?"
    params: list[object] = [query]
    if before:
        where += " AND rowid < ?"
        params.append(before)
    if case_id:
        where += " AND rowid NOT IN (SELECT rowid FROM search_entries WHERE case_id = ?)"
        params.append(case_id)
    rows = conn.execute(
        f"SELECT rowid FROM {table} WHERE {where} ORDER BY rowid DESC LIMIT ?", (*params, limit)
    )
    return [r[0] for r in rows]


def _in_case(conn: Connection, query: str, case_id: str, short: bool) -> list[int]:
    """The current case's hits: its own few rows, matched."""
    found: list[int] = []
    for table in ("search_names",) if short else ("search_names", "search_text"):
        # (names and their details together here: a case's own rows are few)
        found += [
            r[0]
            for r in conn.execute(
                f"SELECT rowid FROM {table} WHERE {table} MATCH ?"
                " AND rowid IN (SELECT rowid FROM search_entries WHERE case_id = ?)"
                " ORDER BY rowid DESC",
                (query, case_id),
            )
        ]
    return found


def _references(conn: Connection, typed: str, after: str, limit: int) -> SearchPage:
    """Cases whose reference starts with what was typed (as typed, else in capitals), in
    reference order, read from the references' unique index."""
    rows: list[tuple[str, str, str]] = []
    for prefix in dict.fromkeys((typed, typed.upper())):
        rows = conn.execute(
            "SELECT id, reference, allocated_worker FROM cases"
            " WHERE reference >= ? AND reference < ? AND reference > ?"
            " ORDER BY reference LIMIT ?",
            (prefix, prefix + "\U0010ffff", after, limit + 1),
        ).fetchall()
        if rows:
            break
    hits = [SearchHit(cid, ref, "case", ref, worker) for cid, ref, worker in rows[:limit]]
    more = (REFERENCES, hits[-1].reference) if len(rows) > limit else None
    return SearchPage(hits, more)


def _shown(conn: Connection, rowids: list[int], words: list[str]) -> list[SearchHit]:
    """The text of the rows shown, read only for them, in the order found."""
    if not rowids:
        return []
    marks = ", ".join("?" * len(rowids))
    rows = {
        r[0]: r[1:]
        for r in conn.execute(
            "SELECT e.rowid, e.case_id, c.reference, e.kind, e.title, e.body"
            " FROM search_entries e JOIN cases c ON c.id = e.case_id"
            f" WHERE e.rowid IN ({marks})",
            rowids,
        )
    }
    return [
        SearchHit(cid, ref, kind, title, _snippet(body, words))
        for cid, ref, kind, title, body in (rows[r] for r in rowids if r in rows)
    ]


def _snippet(body: str, words: list[str], width: int = 14) -> str:
    """A few words of the original text around the first word that matched."""
    shown = body.split()
    at = next(
        (
            i
            for i, w in enumerate(shown)
            if any(search_form(w).strip("\"'.,;:()").startswith(q) for q in words)
        ),
        0,
    )
    start = max(0, at - width // 3)
    text = " ".join(shown[start : start + width])
    return ("…" if start else "") + text + ("…" if start + width < len(shown) else "")
