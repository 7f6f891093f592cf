"""Named, ordered migrations; each runs in its own transaction and is recorded.

A migration is a function of the connection. Add new ones at the end; never edit one that
has shipped. The tests keep a workspace per schema version to prove each upgrade.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import sqlcipher3.dbapi2 as sqlcipher

from storage import audit
from storage.connection import Connection, write_transaction

Migration = Callable[[Connection], None]


def run_script(conn: Connection, script: str) -> None:
    """Run a script statement by statement inside the open transaction.

    (``executescript`` would COMMIT first, breaking the migration's all-or-nothing.)
    """
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlcipher.complete_statement(current):
            if current.strip():
                conn.execute(current)
            current = ""
    if current.strip():
        raise ValueError(f"incomplete SQL statement in migration: {current.strip()[:60]}")


def _m001_core(conn: Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE users (
            name TEXT PRIMARY KEY,
            display_name TEXT NOT NULL,
            agency TEXT NOT NULL DEFAULT '',
            roles TEXT NOT NULL,
            created_at TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1
        );
        """
        + audit.SCHEMA,
    )


def _m002_record(conn: Connection) -> None:
    # Each aggregate is stored whole as validated JSON (`body`), beside the columns that
    # lists, filters and joins need. `actions` and the search tables are indexes derived
    # from the bodies and rewritten with them.
    run_script(
        conn,
        """
        CREATE TABLE reference_data (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL);
        CREATE TABLE cases (
            id TEXT PRIMARY KEY,
            reference TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL,
            rag TEXT,
            allocated_worker TEXT NOT NULL,
            children TEXT NOT NULL,
            opened_on TEXT NOT NULL,
            closed_on TEXT,
            next_meeting TEXT,
            retention_date TEXT,
            position INTEGER NOT NULL,
            updated_at TEXT NOT NULL,
            body TEXT NOT NULL
        );
        CREATE INDEX cases_position ON cases(position);
        CREATE TABLE people (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            date_of_birth TEXT,
            body TEXT NOT NULL
        );
        CREATE TABLE case_people (
            case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            person_id TEXT NOT NULL REFERENCES people(id),
            position INTEGER NOT NULL,
            role TEXT NOT NULL,
            relationship TEXT NOT NULL,
            PRIMARY KEY (case_id, person_id)
        );
        CREATE INDEX case_people_person ON case_people(person_id);
        CREATE TABLE places (id TEXT PRIMARY KEY, name TEXT NOT NULL, body TEXT NOT NULL);
        CREATE TABLE case_places (
            case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            place_id TEXT NOT NULL REFERENCES places(id),
            position INTEGER NOT NULL,
            PRIMARY KEY (case_id, place_id)
        );
        CREATE INDEX case_places_place ON case_places(place_id);
        CREATE TABLE meetings (
            id TEXT PRIMARY KEY,
            case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            type TEXT NOT NULL,
            date TEXT NOT NULL,
            status TEXT NOT NULL,
            body TEXT NOT NULL
        );
        CREATE INDEX meetings_case ON meetings(case_id, position);
        CREATE INDEX meetings_date ON meetings(date);
        CREATE TABLE actions (
            id TEXT PRIMARY KEY,
            case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            meeting_id TEXT NOT NULL,
            what TEXT NOT NULL,
            owner TEXT NOT NULL,
            owner_agency TEXT NOT NULL,
            due TEXT,
            status TEXT NOT NULL
        );
        CREATE INDEX actions_open ON actions(status, due);
        CREATE INDEX actions_case ON actions(case_id);
        CREATE TABLE search_rows (
            rowid INTEGER PRIMARY KEY,
            case_id TEXT NOT NULL,
            owner_id TEXT NOT NULL
        );
        CREATE INDEX search_rows_owner ON search_rows(owner_id);
        CREATE VIRTUAL TABLE search_index USING fts5(
            title, body, kind UNINDEXED, case_id UNINDEXED, shown_title UNINDEXED,
            shown_body UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
        );
        """,
    )


def _m003_minutes(conn: Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE signing_identities (
            id INTEGER PRIMARY KEY,
            user TEXT NOT NULL REFERENCES users(name),
            key_pem BLOB NOT NULL,
            cert_pem BLOB NOT NULL,
            source TEXT NOT NULL,
            created_at TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX signing_identities_user ON signing_identities(user, active);
        CREATE TABLE minutes (
            id INTEGER PRIMARY KEY,
            meeting_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            amends_version INTEGER,
            snapshot TEXT NOT NULL,
            snapshot_sha256 TEXT NOT NULL,
            signer TEXT NOT NULL,
            signed_at TEXT NOT NULL,
            professional_pdf BLOB NOT NULL,
            family_pdf BLOB NOT NULL,
            UNIQUE (meeting_id, version)
        );
        CREATE TRIGGER minutes_no_update BEFORE UPDATE ON minutes
        BEGIN SELECT RAISE(ABORT, 'signed minutes are never changed'); END;
        CREATE TRIGGER minutes_no_delete BEFORE DELETE ON minutes
        BEGIN SELECT RAISE(ABORT, 'signed minutes are never deleted'); END;
        CREATE TABLE distribution (
            id INTEGER PRIMARY KEY,
            meeting_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            variant TEXT NOT NULL,
            recipient TEXT NOT NULL,
            received_on TEXT NOT NULL,
            how TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        );
        """,
    )


def _m004_authority(conn: Connection) -> None:
    # signing_identities held every user's private key unencrypted under the shared database
    # key: it goes (secure_delete zeroes its pages). Signing keys are now sealed to their
    # owner's key slot; certificates are issued by the workspace's authority.
    run_script(
        conn,
        """
        DROP TABLE IF EXISTS signing_identities;
        CREATE TABLE signers (
            id INTEGER PRIMARY KEY,
            user TEXT NOT NULL REFERENCES users(name),
            cert_pem BLOB NOT NULL,
            chain_pem BLOB NOT NULL DEFAULT '',
            serial TEXT NOT NULL UNIQUE,
            sealed_key TEXT NOT NULL,
            source TEXT NOT NULL,
            created_at TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1,
            revoked_at TEXT
        );
        CREATE INDEX signers_user ON signers(user, active);
        CREATE TABLE trust_anchors (
            id INTEGER PRIMARY KEY,
            cert_pem BLOB NOT NULL,
            source TEXT NOT NULL,
            added_by TEXT NOT NULL,
            added_at TEXT NOT NULL
        );
        """,
    )


def _m005_drafts(conn: Connection) -> None:
    # What was typed but not yet saved (a rule broken, or the app locked first), per user.
    run_script(
        conn,
        """
        CREATE TABLE drafts (
            user TEXT NOT NULL,
            key TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (user, key)
        );
        """,
    )


def _m006_revisions(conn: Connection) -> None:
    # Each save of a case or meeting counts up its revision; a save made against an older
    # revision than the one stored is refused (storage/cases.py), never silently last-wins.
    conn.execute("ALTER TABLE cases ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE meetings ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")


def _m007_identifiers(conn: Connection) -> None:
    # A child's consistent identifier (Children Act 2004 s16LC), beside the person's body:
    # an exact identifier finds the child at once, and one identifier of one kind belongs to
    # one person only. Earlier bodies have none, so nothing is filled in.
    run_script(
        conn,
        """
        ALTER TABLE people ADD COLUMN identifier_kind TEXT;
        ALTER TABLE people ADD COLUMN consistent_identifier TEXT;
        CREATE UNIQUE INDEX people_identifier ON people(consistent_identifier, identifier_kind)
            WHERE consistent_identifier IS NOT NULL;
        """,
    )


# Search stops early (docs/performance.md): hits come newest first (a row's rowid grows with
# each save, so ORDER BY rowid DESC LIMIT reads only the first page's matches), names and
# references apart from the longer texts, the text shown kept in an ordinary table and read
# only for the rows shown. The full-text tables hold no copy of the text (contentless).
SEARCH_TOKENIZER = "tokenize = 'unicode61 remove_diacritics 2'"
SEARCH_TABLES = f"""
    CREATE TABLE search_entries (
        rowid INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL,
        owner_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL
    );
    CREATE INDEX search_entries_owner ON search_entries(owner_id);
    CREATE INDEX search_entries_case ON search_entries(case_id);
    CREATE VIRTUAL TABLE search_names USING fts5(
        title, body, content = '', contentless_delete = 1, detail = 'column',
        prefix = '1 2', {SEARCH_TOKENIZER}
    );
    CREATE VIRTUAL TABLE search_text USING fts5(
        title, body, content = '', contentless_delete = 1, detail = 'none', {SEARCH_TOKENIZER}
    );
"""


def _m009_search(conn: Connection) -> None:
    run_script(conn, SEARCH_TABLES)
    conn.execute(
        "INSERT INTO search_entries (rowid, case_id, owner_id, kind, title, body)"
        " SELECT r.rowid, r.case_id, r.owner_id, s.kind, s.shown_title, s.shown_body"
        " FROM search_index s JOIN search_rows r ON r.rowid = s.rowid"
    )
    for table, kinds in (("search_names", "IN"), ("search_text", "NOT IN")):
        conn.execute(
            f"INSERT INTO {table} (rowid, title, body) SELECT rowid, title, body"
            f" FROM search_index WHERE kind {kinds} ('case', 'person')"
        )
    conn.execute("DROP TABLE search_index")
    conn.execute("DROP TABLE search_rows")


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
_REVIEW_TABLES = (
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


def _m008_review(conn: Connection) -> None:
    forget = "".join(f"DELETE FROM {t} WHERE meeting_id = OLD.id;\n" for t in _REVIEW_TABLES)
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


MIGRATIONS: list[tuple[str, Migration]] = [
    ("001_core", _m001_core),
    ("002_record", _m002_record),
    ("003_minutes", _m003_minutes),
    ("004_authority", _m004_authority),
    ("005_drafts", _m005_drafts),
    ("006_revisions", _m006_revisions),
    ("007_identifiers", _m007_identifiers),
    ("008_review", _m008_review),
    ("009_search", _m009_search),
]


def _ensure_table(conn: Connection) -> None:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )


def pending(conn: Connection) -> list[str]:
    _ensure_table(conn)
    done = {r[0] for r in conn.execute("SELECT name FROM schema_migrations")}
    return [name for name, _ in MIGRATIONS if name not in done]


def migrate(conn: Connection) -> list[str]:
    """Apply every pending migration, each in its own transaction; return their names."""
    applied = []
    todo = set(pending(conn))
    for name, step in MIGRATIONS:
        if name not in todo:
            continue
        with write_transaction(conn):
            step(conn)
            conn.execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat()),
            )
        applied.append(name)
    return applied
