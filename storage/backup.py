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
import re
import shutil
import tarfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from storage import audit, identities
from storage.atomic import write_atomic
from storage.connection import Connection
from storage.errors import DamagedWorkspace, DiskFull, InvalidInput, WorkspaceExists
from storage.keyslot_file import FILE_NAME as SLOTS_NAME
from storage.outputs import check_new_workspace, check_output, write_output
from storage.staging import new_staging, remove_leftovers, staging
from storage.workspace import DB_NAME, Workspace

FORMAT = "caseroom-backup"
MANIFEST = "manifest.json"
MAX_BACKUP_BYTES = 8 * 1024**3


def make_backup(ws: Workspace, out: Path) -> dict[str, object]:
    """Write a backup of the open workspace to `out` (atomically); return its manifest."""

    def mark() -> audit.Checkpoint:
        with ws.transaction():
            return ws.record("workspace.backup", "workspace", ws.workspace_id, {"file": out.name})

    return write_backup(ws.conn, ws.key_hex(), ws.folder, ws.workspace_id, Path(out), mark)


def write_backup(
    conn: Connection,
    key_hex: str,
    folder: Path,
    workspace_id: str,
    out: Path,
    mark: Callable[[], audit.Checkpoint],
) -> dict[str, object]:
    """Write a backup of the workspace in `folder`, open on `conn`, to `out`.

    `mark` is called once the staging folder exists, just before the copy: it returns the
    audit event the backup is taken at (make_backup appends one; the backup made before an
    upgrade takes the last one, as no user is known yet).
    """
    out = check_output(Path(out))
    remove_leftovers(out.parent)
    with staging(out.parent, "backup") as tmp:
        copy = tmp / DB_NAME
        point = mark()
        conn.execute(f"ATTACH DATABASE ? AS backup KEY \"x'{key_hex}'\"", (str(copy),))
        try:
            conn.execute("SELECT sqlcipher_export('backup')")
        finally:
            conn.execute("DETACH DATABASE backup")
        members = {SLOTS_NAME: (folder / SLOTS_NAME).read_bytes(), DB_NAME: copy.read_bytes()}
        manifest = {
            "format": FORMAT,
            "version": 1,
            "workspace_id": workspace_id,
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


MAX_SMALL_MEMBER = 1024 * 1024  # manifest.json and keyslots.json are a few KiB
_MAX_MEMBERS = 16
_MEMBERS = (MANIFEST, SLOTS_NAME, DB_NAME)
_HEX64 = re.compile(r"[0-9a-f]{64}")


def _member_problem(member: tarfile.TarInfo, limit: int) -> str | None:
    """Why a member may not be read, judged on its header alone, before any byte of it."""
    if member.name not in _MEMBERS:
        return None  # never read
    if not member.isreg() or member.issparse():
        return f"{member.name} is not a plain file"
    if not 0 <= member.size <= limit:
        return f"{member.name} claims {member.size:,} bytes, more than the file holds"
    return None


def _find_members(archive: tarfile.TarFile, path: Path) -> dict[str, tarfile.TarInfo]:
    """The three members' headers, each checked before it is read, in a bounded walk."""
    total = path.stat().st_size
    found: dict[str, tarfile.TarInfo] = {}
    for count, member in enumerate(archive):
        if count >= _MAX_MEMBERS:
            raise DamagedWorkspace(f"{path.name} has more members than a Caseroom backup.")
        room = total - member.offset_data
        limit = room if member.name == DB_NAME else min(room, MAX_SMALL_MEMBER)
        problem = _member_problem(member, limit)
        if problem:
            raise DamagedWorkspace(f"{path.name} is not a whole Caseroom backup: {problem}.")
        if member.name in found:
            raise DamagedWorkspace(f"{path.name} holds {member.name} twice; it is not a backup.")
        if member.name in _MEMBERS:
            found[member.name] = member
    missing = sorted(set(_MEMBERS) - set(found))
    if missing:
        raise DamagedWorkspace(f"{path.name} is not a whole Caseroom backup (no {missing[0]}).")
    return found


def _manifest_hashes(raw: bytes, name: str) -> dict[str, str]:
    """The members' checksums from the manifest, every type checked."""
    try:
        manifest = json.loads(raw)
    except RecursionError as exc:
        raise DamagedWorkspace(f"{name}: its manifest is nested too deeply to be one.") from exc
    except ValueError as exc:
        raise DamagedWorkspace(f"{name}: its manifest is not readable JSON.") from exc
    if not isinstance(manifest, dict) or (manifest.get("format"), manifest.get("version")) != (
        FORMAT,
        1,
    ):
        raise DamagedWorkspace(f"{name} is not a Caseroom backup this version reads.")
    hashes = manifest.get("sha256")
    if not isinstance(hashes, dict) or not all(
        isinstance(hashes.get(member), str) and _HEX64.fullmatch(hashes[member])
        for member in (SLOTS_NAME, DB_NAME)
    ):
        raise DamagedWorkspace(
            f"{name}: its manifest's checksums are missing or malformed; the backup is damaged."
        )
    return {member: str(hashes[member]) for member in (SLOTS_NAME, DB_NAME)}


def _extract_checked(
    archive: tarfile.TarFile, member: tarfile.TarInfo, to: Path, expected: str, name: str
) -> None:
    """Copy one member to `to` in chunks, hashing as it goes; refuse a checksum mismatch."""
    handle = archive.extractfile(member)
    if handle is None:
        raise DamagedWorkspace(f"{name}: {member.name} is not a file.")
    digest = hashlib.sha256()
    fd = os.open(to, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    if digest.hexdigest() != expected:
        raise DamagedWorkspace(
            f"{name}: {member.name} does not match its checksum; the backup is damaged."
        )


def restore_backup(path: Path, folder: Path, user: str, passphrase: str) -> int:
    """Check a backup opens and is whole, then write it to the new folder `folder`.

    Returns the number of audit events in the restored workspace.
    """
    path = Path(path)
    folder = check_new_workspace(Path(folder))
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise WorkspaceExists(f"{folder} exists and is not an empty folder; nothing was written.")
    try:
        if path.stat().st_size > MAX_BACKUP_BYTES:
            raise InvalidInput(f"{path}: larger than a backup may be.")
        with tarfile.open(path, mode="r:") as archive:
            members = _find_members(archive, path)
            small = {}
            for name in (MANIFEST, SLOTS_NAME):
                handle = archive.extractfile(members[name])
                assert handle is not None  # _find_members let only plain files through
                small[name] = handle.read(MAX_SMALL_MEMBER + 1)
            hashes = _manifest_hashes(small[MANIFEST], path.name)
            if hashlib.sha256(small[SLOTS_NAME]).hexdigest() != hashes[SLOTS_NAME]:
                raise DamagedWorkspace(
                    f"{path.name}: {SLOTS_NAME} does not match its checksum; the backup is damaged."
                )
            parent = folder.parent
            parent.mkdir(parents=True, exist_ok=True)
            remove_leftovers(parent)
            stage = new_staging(parent, "restore")
            try:
                write_atomic(stage / SLOTS_NAME, small[SLOTS_NAME])
                _extract_checked(
                    archive, members[DB_NAME], stage / DB_NAME, hashes[DB_NAME], path.name
                )
            except BaseException:
                shutil.rmtree(stage, ignore_errors=True)
                raise
    except (tarfile.TarError, EOFError) as exc:
        raise DamagedWorkspace(
            f"{path.name} is not a whole Caseroom backup ({type(exc).__name__})."
        ) from exc
    except DiskFull:
        raise
    except OSError as exc:
        raise InvalidInput(f"{path}: {exc.strerror or 'cannot be read'}.") from exc
    try:
        events = _check_restored(stage, path, user, passphrase)
        if folder.exists():
            folder.rmdir()
        os.replace(stage, folder)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return events


def _check_restored(stage: Path, path: Path, user: str, passphrase: str) -> int:
    with Workspace.open(stage, user, passphrase) as ws:
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
            ws.record("workspace.restore", "workspace", ws.workspace_id, {"from": path.name})
        identities.publish_certificates(ws.conn, stage)
        return verdict.rows + 1
