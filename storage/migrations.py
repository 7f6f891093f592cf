"""Named, ordered migrations; each runs in its own transaction and is recorded.

A migration is a function of the connection. Add new ones at the end; never edit one that
has shipped. The tests keep a workspace per schema version to prove each upgrade.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from storage import audit, review_tables
from storage.connection import Connection, run_script, write_transaction

Migration = Callable[[Connection], None]


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


def _m008_review(conn: Connection) -> None:
    review_tables.create(conn)


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


def _m010_action_notes_meeting(conn: Connection) -> None:
    # The review's triggers delete a meeting's action notes by its id on every save of the
    # meeting; without this index each save read the whole table (7 ms a save, up to 89 ms,
    # at 100,000 cases; now 0.2 ms).
    conn.execute("CREATE INDEX review_action_notes_meeting ON review_action_notes(meeting_id)")


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
    ("010_action_notes_meeting", _m010_action_notes_meeting),
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
