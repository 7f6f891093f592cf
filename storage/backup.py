"""Backups: one file holding the encrypted database and the key slots, restorable with the
same passphrases (or the recovery key). Nothing in a backup is readable without them.

The file is a tar of three members, `manifest.json`, `keyslots.json` and `caseroom.db`;
the database copy is made with `sqlcipher_export` under the same key, so it is consistent
even while the app has the workspace open. Restore reads only those three members (never a
path from the archive), checks their hashes, opens the copy with the user's passphrase,
checks the pages and the audit chain, and only then moves it into place.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from storage import audit, identities
from storage.atomic import write_atomic
from storage.errors import DamagedWorkspace, InvalidInput, WorkspaceExists
from storage.keyslots import FILE_NAME as SLOTS_NAME
from storage.outputs import check_new_workspace, check_output, write_output
from storage.workspace import DB_NAME, Workspace

FORMAT = "caseroom-backup"
MANIFEST = "manifest.json"
MAX_BACKUP_BYTES = 8 * 1024**3


def make_backup(ws: Workspace, out: Path) -> dict[str, object]:
    """Write a backup of the open workspace to `out` (atomically); return its manifest."""
    out = check_output(Path(out))
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".caseroom-backup-") as tmp:
        copy = Path(tmp) / DB_NAME
        key_hex = ws.key_hex()  # the same key: the copy stays encrypted as it is
        with ws.transaction():
            point = ws.record("workspace.backup", "workspace", ws.workspace_id, {"file": out.name})
        ws.conn.execute(f"ATTACH DATABASE ? AS backup KEY \"x'{key_hex}'\"", (str(copy),))
        try:
            ws.conn.execute("SELECT sqlcipher_export('backup')")
        finally:
            ws.conn.execute("DETACH DATABASE backup")
        members = {SLOTS_NAME: (ws.folder / SLOTS_NAME).read_bytes(), DB_NAME: copy.read_bytes()}
        manifest = {
            "format": FORMAT,
            "version": 1,
            "workspace_id": ws.workspace_id,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "audit_seq": point.seq,
            "audit_head": point.head,
            "sha256": {name: hashlib.sha256(data).hexdigest() for name, data in members.items()},
        }
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w") as archive:
            for name, data in [
                (MANIFEST, json.dumps(manifest, indent=1).encode()),
                *members.items(),
            ]:
                info = tarfile.TarInfo(name)
                info.size, info.mode = len(data), 0o600
                archive.addfile(info, io.BytesIO(data))
        write_output(out, buffer.getvalue())
    return manifest


def _read_members(path: Path) -> dict[str, bytes]:
    try:
        if path.stat().st_size > MAX_BACKUP_BYTES:
            raise InvalidInput(f"{path}: larger than a backup may be.")
        with tarfile.open(path, mode="r:") as archive:
            found: dict[str, bytes] = {}
            for name in (MANIFEST, SLOTS_NAME, DB_NAME):
                member = archive.getmember(name)
                if not member.isfile():
                    raise DamagedWorkspace(f"{path.name}: {name} is not a file.")
                handle = archive.extractfile(member)
                assert handle is not None
                found[name] = handle.read()
            return found
    except (tarfile.TarError, KeyError, EOFError) as exc:
        raise DamagedWorkspace(
            f"{path.name} is not a whole Caseroom backup ({type(exc).__name__})."
        ) from exc
    except OSError as exc:
        raise InvalidInput(f"{path}: {exc.strerror or 'cannot be read'}.") from exc


def restore_backup(path: Path, folder: Path, user: str, passphrase: str) -> int:
    """Check a backup opens and is whole, then write it to the new folder `folder`.

    Returns the number of audit events in the restored workspace.
    """
    folder = check_new_workspace(Path(folder))
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise WorkspaceExists(f"{folder} exists and is not an empty folder; nothing was written.")
    members = _read_members(Path(path))
    try:
        manifest = json.loads(members[MANIFEST])
        hashes = manifest["sha256"]
        if manifest.get("format") != FORMAT or manifest.get("version") != 1:
            raise DamagedWorkspace(
                f"{Path(path).name} is not a Caseroom backup this version reads."
            )
    except (ValueError, KeyError, TypeError) as exc:
        raise DamagedWorkspace(f"{Path(path).name}: its manifest is damaged.") from exc
    for name in (SLOTS_NAME, DB_NAME):
        if hashlib.sha256(members[name]).hexdigest() != hashes.get(name):
            raise DamagedWorkspace(
                f"{Path(path).name}: {name} does not match its checksum; the backup is damaged."
            )
    parent = folder.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=parent, prefix=".caseroom-restore-"))
    try:
        os.chmod(staging, 0o700)
        for name in (SLOTS_NAME, DB_NAME):
            write_atomic(staging / name, members[name])
        with Workspace.open(staging, user, passphrase) as ws:
            pages = ws.conn.execute("PRAGMA cipher_integrity_check").fetchall()
            if pages:
                raise DamagedWorkspace(
                    f"The backup's database fails its page check ({len(pages)} problem(s))."
                )
            if ws.conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise DamagedWorkspace("The backup's database fails SQLite's integrity check.")
            verdict = audit.verify(ws.conn)
            if not verdict.ok:
                raise DamagedWorkspace(f"The backup's audit log is broken: {verdict.describe()}")
            with ws.transaction():
                ws.record(
                    "workspace.restore", "workspace", ws.workspace_id, {"from": Path(path).name}
                )
            identities.publish_certificates(ws.conn, staging)
            events = verdict.rows + 1
        if folder.exists():
            folder.rmdir()
        os.replace(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return events
