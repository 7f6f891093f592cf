"""The subcommands of `caseroom` for users, passphrases and keys: init, passwd, user,
recovery, trust-root and export-authority (main.py declares them and maps errors to exits).

Each `cmd_*` reads its passphrases, calls one use case in storage/ and prints its result;
what they share is in subcommands_shared.py.
"""

from __future__ import annotations

import argparse

from subcommands_shared import Passphrases, UsageError, _check_out, _new_passphrase, _open_with


def cmd_init(args: argparse.Namespace, asker: Passphrases) -> int:
    from models.users import Role
    from storage.workspace import Workspace

    roles = frozenset({Role.ADMIN, Role.CHAIR, Role(args.role)})
    passphrase = _new_passphrase(asker, args.user)
    ws, recovery = Workspace.create(
        args.workspace, args.user, passphrase, args.display_name or "", roles, args.agency or ""
    )
    with ws:
        print(f"Workspace created at {ws.folder} for {ws.user.name} ({', '.join(sorted(roles))}).")
        print(f"Recovery key: {recovery}")
        print(
            "Keep the recovery key safe, away from this computer (for example in the admin's safe):"
            " it is shown only this once, and it opens the workspace if every passphrase is lost."
        )
    return 0


def cmd_passwd(args: argparse.Namespace, asker: Passphrases) -> int:
    from storage import access
    from storage.keychain import Keychain
    from storage.workspace import Workspace

    if args.recovery:
        recovery = asker.ask("Recovery key: ")
        new = _new_passphrase(asker, args.user)
        with Workspace.open_with_recovery(args.workspace, recovery, args.user) as ws:
            access.reset_with_recovery(ws, recovery, args.user, new, Keychain())
            if args.rekey:
                access.rekey(ws, Keychain())
        print(
            f"Passphrase set for {args.user}, with a new signing identity (the old one is revoked)."
        )
        return 0
    old = asker.ask(f"Current passphrase for {args.user}: ")
    new = _new_passphrase(asker, args.user)
    with Workspace.open(args.workspace, args.user, old) as ws:
        access.change_passphrase(ws, old, new, Keychain())
        if args.rekey:
            access.rekey(ws, Keychain())
    print(
        f"Passphrase changed for {args.user}"
        + (" and the database rekeyed." if args.rekey else ".")
    )
    return 0


def cmd_user(args: argparse.Namespace, asker: Passphrases) -> int:
    from models.text import normalise_name
    from models.users import Role
    from storage import access
    from storage.keychain import Keychain
    from storage.workspace import Workspace

    if args.action in ("add", "remove") and not args.name:
        raise UsageError(f"user {args.action} needs a user NAME.")
    if args.action != "add" and (args.role or args.agency or args.display_name):
        raise UsageError("--role, --agency and --display-name go with user add.")
    if args.action == "add" and not args.role:
        raise UsageError("user add needs --role.")
    if args.action == "remove" and normalise_name(args.name) == normalise_name(args.user):
        raise UsageError("You cannot remove yourself; ask another admin.")
    passphrase = asker.ask(f"Passphrase for {args.user}: ")
    new = _new_passphrase(asker, args.name) if args.action == "add" else ""
    reads = args.action == "list"
    with Workspace.open(args.workspace, args.user, passphrase, read_only_if_locked=reads) as ws:
        if args.action == "list":
            for user, has_slot in access.users_with_slots(ws):
                roles = ",".join(sorted(r.value for r in user.roles))
                print(f"{user.name}\t{roles}\t{user.agency}\t{'' if has_slot else '(no key slot)'}")
            return 0
        if args.action == "add":
            user = access.add_user(
                ws,
                args.name,
                new,
                args.display_name or "",
                frozenset({Role(args.role)}),
                args.agency or "",
                admin_passphrase=passphrase,
            )
            print(
                f"Added {user.name} ({args.role}) with a signing certificate from this workspace."
            )
            return 0
        access.remove_user(ws, args.name, passphrase, Keychain())
    print(
        f"Removed {args.name}: their certificate is revoked and the database rekeyed; "
        "old key slot files and keys remembered on this computer no longer open it."
    )
    return 0


def cmd_recovery(args: argparse.Namespace, asker: Passphrases) -> int:
    from storage import access
    from storage.keychain import Keychain
    from storage.workspace import Workspace

    passphrase = asker.ask(f"Passphrase for {args.user}: ")
    with Workspace.open(args.workspace, args.user, passphrase) as ws:
        recovery = access.rotate_recovery(ws, passphrase, Keychain())
    print(f"New recovery key: {recovery}")
    print(
        "The old recovery key no longer opens this workspace. Keep this one safe; it is shown only once."
    )
    return 0


def cmd_trust_root(args: argparse.Namespace, asker: Passphrases) -> int:
    from storage.identities import add_organisation_root
    from storage.verification import read_certificate

    pem = read_certificate(args.file)  # checked before the workspace is touched
    passphrase = asker.ask(f"Passphrase for {args.user}: ")
    with _open_with(args, passphrase) as ws:
        subject = add_organisation_root(ws, pem, passphrase)
    print(f"This workspace now trusts certificates issued under {subject}.")
    return 0


def cmd_export_authority(args: argparse.Namespace, asker: Passphrases) -> int:
    from storage.verification import export_authority

    _check_out(args.out)
    export_authority(args.workspace, args.out)
    print(
        f"Wrote the workspace's root certificate to {args.out}; give it to partners who check signed minutes."
    )
    return 0
