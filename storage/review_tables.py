"""The review of operations' derived tables: what it counts of each meeting, kept by triggers.

Made by migration 008_review (storage/migrations.py); an import fills them in bulk instead
of by trigger (`review_rows_in_bulk`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from storage.connection import Connection, run_script

# What the review of operations counts (storage/review.py), kept beside each meeting's body
# by triggers, so that a year over 100,000 cases is counted without parsing every body; and
# indexes that hold what it reads of meetings, actions and minutes, whose rows are large
# (a body, a snapshot, PDFs) and would otherwise be read and decrypted whole.
# {id} and {body} are the meeting's (NEW.id in a trigger); {one} is the FROM of a statement
# that reads one row per meeting, {each} what comes before a json_each.
_REVIEW_ROWS = """
    INSERT INTO review_facts (meeting_id, contact_received_at, rag, start_time, end_time,
        late_reason, initial_conference, child_views)
    SELECT {id}, json_extract({body}, '$.contact_received_at'),
        json_extract({body}, '$.risk.rag'), json_extract({body}, '$.start_time'),
        json_extract({body}, '$.end_time'), json_extract({body}, '$.late_decision_reason'),
        json_extract({body}, '$.decisions.initial_conference'),
        EXISTS (SELECT 1 FROM json_each({body}, '$.child_voice') v
                WHERE json_extract(v.value, '$.speaker') IN ('child', 'advocate')) {one};
    INSERT INTO review_attendance (meeting_id, agency, status, name)
    SELECT {id}, json_extract(a.value, '$.agency'), json_extract(a.value, '$.status'),
        json_extract(a.value, '$.name')
    FROM {each}json_each({body}, '$.attendance') a;
    INSERT INTO review_sharing (meeting_id, position, from_agency, outcome, consent_sought,
        consent_given, to_whom, reasons)
    SELECT {id}, d.key, json_extract(d.value, '$.from_agency'), json_extract(d.value, '$.outcome'),
        json_extract(d.value, '$.consent_sought'), json_extract(d.value, '$.consent_given'),
        json_extract(d.value, '$.to_whom'), json_extract(d.value, '$.reasons')
    FROM {each}json_each({body}, '$.sharing_decisions') d;
    INSERT INTO review_bases (meeting_id, from_agency, basis)
    SELECT {id}, json_extract(d.value, '$.from_agency'), b.value
    FROM {each}json_each({body}, '$.sharing_decisions') d, json_each(d.value, '$.lawful_basis') b;
    INSERT INTO review_action_notes (meeting_id, action_id, note)
    SELECT {id}, json_extract(r.value, '$.action_id'), json_extract(r.value, '$.note')
    FROM {each}json_each({body}, '$.action_reviews') r;
    INSERT INTO review_action_notes (meeting_id, action_id, note)
    SELECT {id}, json_extract(a.value, '$.id'), json_extract(a.value, '$.status_reason')
    FROM {each}json_each({body}, '$.actions') a;
"""
REVIEW_TABLES = (
    "review_facts",
    "review_attendance",
    "review_sharing",
    "review_bases",
    "review_action_notes",
)


@contextmanager
def review_rows_in_bulk(conn: Connection, meeting_ids: Callable[[], list[str]]) -> Iterator[None]:
    """Inside the open transaction: meetings inserted meanwhile get their review rows in one
    go at the end (those of `meeting_ids()`), by the insert trigger's own statements, each
    over every meeting at once and over their bodies parsed once (`jsonb`), not six times a
    meeting. The trigger is dropped for that time and made again from its own stored SQL;
    if anything fails, the transaction's rollback brings it back too."""
    trigger = conn.execute(
        "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'meetings_review_insert'"
    ).fetchone()
    if trigger is None:  # not this schema: let the trigger (if any) do its work
        yield
        return
    conn.execute("DROP TRIGGER meetings_review_insert")
    yield
    conn.execute("CREATE TEMP TABLE review_pending (id TEXT PRIMARY KEY, body BLOB)")
    conn.execute(
        "INSERT INTO temp.review_pending SELECT id, jsonb(body) FROM meetings"
        " WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(meeting_ids()),),
    )
    pending = "temp.review_pending m"
    run_script(
        conn,
        _REVIEW_ROWS.format(id="m.id", body="m.body", one=f"FROM {pending}", each=f"{pending}, "),
    )
    conn.execute("DROP TABLE temp.review_pending")
    conn.execute(trigger[0])


def create(conn: Connection) -> None:
    """The review's tables, triggers and indexes, filled from the meetings already stored."""
    forget = "".join(f"DELETE FROM {t} WHERE meeting_id = OLD.id;\n" for t in REVIEW_TABLES)
    rows = _REVIEW_ROWS.format(id="NEW.id", body="NEW.body", one="", each="")
    run_script(
        conn,
        f"""
        CREATE INDEX review_meetings ON meetings(date, status, type, case_id, id);
        CREATE INDEX review_meetings_case ON meetings(case_id, status, type, date);
        CREATE INDEX review_actions ON actions(meeting_id);
        CREATE INDEX review_minutes ON minutes(meeting_id, version, signed_at);
        CREATE TABLE review_facts (
            meeting_id TEXT PRIMARY KEY, contact_received_at TEXT, rag TEXT, start_time TEXT,
            end_time TEXT, late_reason TEXT, initial_conference INTEGER, child_views INTEGER
        );
        CREATE TABLE review_attendance (meeting_id TEXT NOT NULL, agency TEXT, status TEXT, name TEXT);
        CREATE INDEX review_attendance_meeting ON review_attendance(meeting_id, agency, status);
        CREATE TABLE review_sharing (
            meeting_id TEXT NOT NULL, position INTEGER, from_agency TEXT, outcome TEXT,
            consent_sought INTEGER, consent_given INTEGER, to_whom TEXT, reasons TEXT
        );
        CREATE INDEX review_sharing_meeting ON review_sharing(meeting_id);
        CREATE TABLE review_bases (meeting_id TEXT NOT NULL, from_agency TEXT, basis TEXT);
        CREATE INDEX review_bases_meeting ON review_bases(meeting_id);
        CREATE TABLE review_action_notes (meeting_id TEXT NOT NULL, action_id TEXT, note TEXT);
        CREATE INDEX review_action_notes_action ON review_action_notes(action_id);
        CREATE TRIGGER meetings_review_insert AFTER INSERT ON meetings
        BEGIN {rows} END;
        CREATE TRIGGER meetings_review_update AFTER UPDATE OF id, body ON meetings
        BEGIN {forget} {rows} END;
        CREATE TRIGGER meetings_review_delete AFTER DELETE ON meetings
        BEGIN {forget} END;
        """,
    )
    # The meetings already stored, read as they are (their rows are not rewritten).
    run_script(
        conn,
        _REVIEW_ROWS.format(id="m.id", body="m.body", one="FROM meetings m", each="meetings m, "),
    )
