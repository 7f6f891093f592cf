"""Who can open the workspace: adding and removing users, passphrases, rekeying, recovery.

Each use case changes keyslots.json through `KeySlots.change` (a locked read-modify-write
of one slot), and the database in one transaction with its audit event. Removing a user,
`passwd --rekey` and rotating the recovery key re-encrypt the database under a new key
(docs/security.md, "Taking access back"), in three steps that a crash cannot break:

1. every remaining slot gets the new key sealed to it as `next_db_key` (the leaver's slot
   is dropped in the same write);
2. SQLCipher re-encrypts the database (`PRAGMA rekey`);
3. every slot's `db_key` becomes the new key and `next_db_key` goes.

Unlocking tries `db_key`, then `next_db_key`, so after a crash between any two steps the
workspace still opens for everyone who should open it, and never for the leaver.
"""

from __future__ import annotations

from datetime import UTC, datetime

from models.text import normalise_name
from models.users import Role, User, passphrase_problem
from storage import identities
from storage.errors import InvalidInput, PermissionDenied, UnknownUser
from storage.keychain import Keychain
from storage.keyslot_file import Slot
from storage.keyslots import DB_KEY, new_recovery_key, random_db_key
from storage.users import check_new_user, insert_user, load_user
from storage.workspace import Workspace


def _authority_key(ws: Workspace, admin_passphrase: str) -> bytes:
    """The authority's key, opened with this admin's passphrase (WrongPassphrase if not)."""
    ws.require(Role.ADMIN)
    ws.slots.refresh()
    opened = ws.slots.open_user(ws.user.name, admin_passphrase)
    try:
        key = ws.slots.authority_key(opened)
    finally:
        opened.wipe()
    if key is None:
        raise PermissionDenied("Your key slot holds no authority key: ask another admin.")
    return key


def _replace(slots: list[Slot], slot: Slot) -> list[Slot]:
    return [slot if s.id == slot.id else s for s in slots]


def add_user(
    ws: Workspace,
    name: str,
    passphrase: str,
    display_name: str = "",
    roles: frozenset[Role] = frozenset({Role.MEMBER}),
    agency: str = "",
    *,
    admin_passphrase: str,
) -> User:
    """Add a user (admin only; the admin's passphrase opens the authority's key)."""
    check_new_user(name, passphrase)
    key = _authority_key(ws, admin_passphrase)
    norm = normalise_name(name)
    if ws.slots.has_user(norm) or load_user(ws.conn, norm) is not None:
        raise InvalidInput(f"There is already a user {norm!r}.")
    if ws.conn.execute("SELECT 1 FROM users WHERE name = ?", (norm,)).fetchone():
        raise InvalidInput(f"The name {norm!r} belonged to a removed user; choose another.")
    user = User(
        name=norm,
        display_name=display_name or name.strip(),
        agency=agency,
        roles=roles,
        created_at=datetime.now(UTC),
    )
    slot = ws.slots.new_slot(norm, passphrase, ws.key_bytes(), key if Role.ADMIN in roles else None)

    def add(slots: list[Slot]) -> list[Slot]:
        if any(s.id == slot.id for s in slots):
            raise InvalidInput(f"There is already a user {norm!r}.")
        return [*slots, slot]

    with ws.transaction():
        insert_user(ws.conn, user)
        issuer = identities.authority(ws.conn, key)
        identities.issue_identity(ws.conn, ws.slots, slot, issuer, user, "made with the account")
        ws.record("user.create", "user", norm, {"roles": sorted(roles), "agency": agency})
        ws.slots.change(add)
    return user


def _forget(keychain: Keychain | None, ws: Workspace, slot_ids: list[str]) -> None:
    keychain = keychain or Keychain()
    for slot_id in slot_ids:
        keychain.forget(ws.workspace_id, slot_id)


def change_passphrase(ws: Workspace, old: str, new: str, keychain: Keychain | None = None) -> None:
    """Rewrap this user's slot under `new`; the database itself is not re-encrypted. A key
    remembered on this computer for this user is forgotten."""
    problem = passphrase_problem(new)
    if problem:
        raise InvalidInput(problem)
    slot_id = ws.slots.slot_id(ws.user.name)

    def rewrap(slots: list[Slot]) -> list[Slot]:
        slot = next((s for s in slots if s.id == slot_id), None)
        if slot is None:
            raise UnknownUser("Your key slot has been removed from this workspace.")
        opened = ws.slots.open_slot(slot, old)  # WrongPassphrase: nothing is written
        try:
            return _replace(slots, ws.slots.rewrap(slot, opened, new))
        finally:
            opened.wipe()

    with ws.transaction():
        ws.record("passphrase.change", "user", ws.user.name)
        ws.slots.change(rewrap)
    _forget(keychain, ws, [slot_id])


def reset_with_recovery(
    ws: Workspace, recovery_key: str, user_name: str, new: str, keychain: Keychain | None = None
) -> None:
    """Give a user a new passphrase, proving the recovery key. Their old signing key was
    never the recovery key's to open: they get a new identity, the old one revoked."""
    problem = passphrase_problem(new)
    if problem:
        raise InvalidInput(problem)
    norm = normalise_name(user_name)
    user = load_user(ws.conn, norm)
    if user is None:
        raise UnknownUser(f"There is no user {norm!r} in this workspace.")
    ws.slots.refresh()
    opened = ws.slots.open_recovery(recovery_key)  # WrongPassphrase
    try:
        key = ws.slots.authority_key(opened)
    finally:
        opened.wipe()
    assert key is not None  # parsing refuses a recovery slot without it
    slot = ws.slots.new_slot(norm, new, ws.key_bytes(), key if user.can(Role.ADMIN) else None)

    def put(slots: list[Slot]) -> list[Slot]:
        if not any(s.id == slot.id for s in slots):
            return [*slots, slot]
        return _replace(slots, slot)

    with ws.transaction():
        issuer = identities.authority(ws.conn, key)
        identities.issue_identity(ws.conn, ws.slots, slot, issuer, user, "reset with recovery key")
        ws.record("passphrase.reset", "user", norm, {"new_identity": True})
        ws.slots.change(put)
    identities.publish(ws.conn, ws.folder, key)
    _forget(keychain, ws, [slot.id])


def rekey(ws: Workspace, keychain: Keychain | None = None, drop: str | None = None) -> None:
    """Re-encrypt the database under a new key; `drop` is a slot id to remove meanwhile.

    Every keychain entry of this workspace on this computer is forgotten: each held the old key.
    """
    new_key = random_db_key()
    before = [s.id for s in ws.slots.slots]

    def stage(slots: list[Slot]) -> list[Slot]:
        return [
            s.model_copy(update={"next_db_key": ws.slots.seal_to(s, new_key, DB_KEY)})
            for s in slots
            if s.id != drop
        ]

    def finish(slots: list[Slot]) -> list[Slot]:
        return [
            s.model_copy(
                update={"db_key": ws.slots.seal_to(s, new_key, DB_KEY), "next_db_key": None}
            )
            for s in slots
            if s.id != drop
        ]

    ws.slots.change(stage)
    ws.rekey_database(new_key)
    ws.slots.change(finish)
    with ws.transaction():
        ws.record("workspace.rekey", "workspace", ws.workspace_id, {"slots": len(ws.slots.slots)})
    _forget(keychain, ws, before)
    for i in range(len(new_key)):
        new_key[i] = 0


def remove_user(
    ws: Workspace, name: str, admin_passphrase: str, keychain: Keychain | None = None
) -> None:
    """Take a user's access away: their slot goes, the database is rekeyed, their
    certificate is revoked as of now (their earlier signatures still verify)."""
    key = _authority_key(ws, admin_passphrase)
    norm = normalise_name(name)
    if norm == ws.user.name:
        raise InvalidInput("You cannot remove yourself; ask another admin.")
    slot_id = ws.slots.slot_id(norm)
    # A removal cut short after the database step leaves the slot: running it again finishes it.
    if load_user(ws.conn, norm) is None and ws.slots.find(slot_id) is None:
        raise UnknownUser(f"There is no user {norm!r} in this workspace.")
    with ws.transaction():
        ws.conn.execute("UPDATE users SET active = 0 WHERE name = ?", (norm,))
        identities.revoke_user(ws.conn, norm)
        ws.record("user.remove", "user", norm)
    identities.publish(ws.conn, ws.folder, key)
    rekey(ws, keychain, drop=slot_id)


def rotate_recovery(ws: Workspace, admin_passphrase: str, keychain: Keychain | None = None) -> str:
    """A new recovery key (returned, to show once); the old slot is replaced, and the
    database rekeyed so the old key with an old copy of keyslots.json opens nothing."""
    key = _authority_key(ws, admin_passphrase)
    recovery = new_recovery_key()
    slot = ws.slots.new_recovery_slot(recovery, ws.key_bytes(), key)

    def put(slots: list[Slot]) -> list[Slot]:
        return [s for s in slots if s.kind != "recovery"] + [slot]

    with ws.transaction():
        ws.record("recovery.rotate", "workspace", ws.workspace_id)
        ws.slots.change(put)
    rekey(ws, keychain)
    return recovery


def users_with_slots(ws: Workspace) -> list[tuple[User, bool]]:
    """Every active user and whether they have a key slot (a list for admins)."""
    return [(u, ws.slots.has_user(u.name)) for u in ws.users()]
