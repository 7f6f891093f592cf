"""The workspace's reference data (one row): read on unlock, before the home screen is
drawn, so this module imports no case or meeting model."""

from __future__ import annotations

from models.reference import ReferenceData
from models.text import TRUSTED
from storage.connection import Connection


def load_reference(conn: Connection) -> ReferenceData:
    row = conn.execute("SELECT body FROM reference_data WHERE id = 1").fetchone()
    from storage import policy  # the organisation's values win over the workspace's

    stored = (
        ReferenceData()
        if row is None
        else ReferenceData.model_validate_json(row[0], context=TRUSTED)
    )
    return policy.apply(stored)


def store_reference(conn: Connection, reference: ReferenceData) -> None:
    conn.execute(
        "INSERT INTO reference_data (id, body) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body",
        (reference.model_dump_json(),),
    )


# Built when this module is imported (while the passphrase is typed: ui/preload.py), not
# when unlocking reads the reference data on the way to the home screen.
ReferenceData.model_rebuild()
