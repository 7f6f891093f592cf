"""What each subcommand of `caseroom` does (main.py declares them and maps errors to exits).

Each `cmd_*` reads its passphrases, calls one use case in storage/ (or starts the Qt app) and
prints its result; `UsageError` is bad usage or bad input (main.py: exit 2 with its line).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

PROG = "caseroom"


class UsageError(Exception):
    """Bad usage or bad input: exit 2 with this one line."""


# --- passphrases: from a terminal prompt, or one line a time from standard input ---------
class Passphrases:
    def __init__(self, from_stdin: bool) -> None:
        self.from_stdin = from_stdin
        self._lines: Iterator[str] | None = None

    def ask(self, prompt: str, confirm: bool = False) -> str:
        if self.from_stdin:
            if self._lines is None:
                self._lines = iter(sys.stdin.readline, "")
            line = next(self._lines, "")
            if not line:
                raise UsageError(f"{prompt.rstrip(': ')}: no line on standard input.")
            return line.rstrip("\r\n")
        if not sys.stdin.isatty():
            raise UsageError("No terminal to ask for the passphrase; use --passphrase-stdin.")
        first = getpass.getpass(prompt)
        if confirm and getpass.getpass("Again, to confirm: ") != first:
            raise UsageError("The two passphrases differ; nothing was changed.")
        return first


def _open(args: argparse.Namespace, asker: Passphrases, changes: bool = True):
    """Unlock for a command. One that changes the record waits briefly for the app (or
    another command) to let go, then says busy; one that only reads opens alongside."""
    return _open_with(args, asker.ask(f"Passphrase for {args.user}: "), changes)


def _open_with(args: argparse.Namespace, passphrase: str, changes: bool = True):
    from storage.workspace import Workspace

    ws = Workspace.open(args.workspace, args.user, passphrase, read_only_if_locked=not changes)
    if ws.upgraded:  # made by an older Caseroom: say so, and where its backup is
        print(f"{PROG}: {ws.upgraded.describe()}", file=sys.stderr)
    return ws


def _check_out(out: Path) -> None:
    """Before unlocking (which writes an audit event): the output goes outside any workspace."""
    from storage.outputs import check_output

    check_output(out)


# --- subcommands -------------------------------------------------------------------------
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


def cmd_audit(args: argparse.Namespace, asker: Passphrases) -> int:
    from storage.anchors import hold_to_anchors, read_anchor

    anchors = [read_anchor(path) for path in args.against or []]  # bad files: exit 2, unlocked
    with _open(args, asker, changes=False) as ws:
        verdict = ws.verify_audit()
        print(verdict.describe())
        if not verdict.ok:
            return 1
        if anchors:
            held = hold_to_anchors(ws, anchors)
            print(held.describe())
            return 0 if held.ok else 1
        return 0


def _new_passphrase(asker: Passphrases, user: str) -> str:
    from models.users import passphrase_problem

    new = asker.ask(f"New passphrase for {user}: ", confirm=True)
    problem = passphrase_problem(new)
    if problem:  # checked before unlocking, so a refused passphrase writes nothing at all
        raise UsageError(problem)
    return new


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
    if not args.out.parent.is_dir():
        raise UsageError(f"{args.out.parent}: no such folder.")
    export_authority(args.workspace, args.out)
    print(
        f"Wrote the workspace's root certificate to {args.out}; give it to partners who check signed minutes."
    )
    return 0


def _progress(label: str) -> Callable[[int, int], None] | None:
    """A progress line on a terminal (stderr), nothing when output is redirected."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        print(f"\r{label}: {done:,} of {total:,}", end=end, file=sys.stderr, flush=True)

    return show


def cmd_demo(args: argparse.Namespace, asker: Passphrases) -> int:
    from storage.demo import make_demo
    from storage.demo.common import DEMO_USERS, new_passphrase

    if not 1 <= args.size <= 1_000_000:
        raise UsageError("--size must be between 1 and 1,000,000.")
    passphrase = _new_passphrase(asker, "the demo users") if asker.from_stdin else new_passphrase()
    meetings = make_demo(args.workspace, passphrase, args.size, _progress("Cases"))
    users = ", ".join(u[0] for u in DEMO_USERS)
    print(f"Demo workspace made at {args.workspace} with {args.size:,} cases; users: {users}.")
    for reference, meeting_id, kind, day in meetings:
        print(f"  {reference}  meeting {meeting_id:<10} {day}  {kind}")
    if not asker.from_stdin:
        print(f"Passphrase of every demo user: {passphrase}")
    return 0


def cmd_import(args: argparse.Namespace, asker: Passphrases) -> int:
    from storage.bundles import import_bundle, read_bundle_file

    bundle = read_bundle_file(args.file)  # checked whole before the workspace is touched
    with _open(args, asker) as ws:
        summary = import_bundle(ws, bundle, args.file.name, _progress("Cases"))
    print(summary.describe())
    return 0


def cmd_export(args: argparse.Namespace, asker: Passphrases) -> int:
    from storage import records
    from storage.bundles import export_bundle

    _check_out(args.out)
    if not args.out.parent.is_dir():
        raise UsageError(f"{args.out.parent}: no such folder.")
    with _open(args, asker, changes=False) as ws:
        ids = None
        if args.case:
            ids = [
                args.case
                if records.case_exists(ws.conn, args.case)
                else records.case_id_for_reference(ws.conn, args.case) or args.case
            ]
        count = export_bundle(ws, args.out, ids)
    print(f"Exported {count} case{'s' * (count != 1)} to {args.out}.")
    return 0


def cmd_minutes(args: argparse.Namespace, asker: Passphrases) -> int:
    from models.minutes import Variant
    from storage.family_check import confirm_family_check
    from storage.minutes import export_minutes, latest_signed

    _check_out(args.out)
    if not args.out.parent.is_dir():
        raise UsageError(f"{args.out.parent}: no such folder.")
    if args.family_checked and not args.sign:
        raise UsageError("--family-checked goes with --sign.")
    with _open(args, asker, changes=args.sign) as ws:
        again = asker.ask(f"Passphrase again, to sign as {args.user}: ") if args.sign else None
        if args.family_checked and latest_signed(ws, args.meeting) is None:
            confirm_family_check(ws, args.meeting)
        what = export_minutes(ws, args.meeting, Variant(args.variant), args.out, again)
    print(f"Wrote the {args.variant} minutes ({what}) to {args.out}.")
    return 0


def cmd_report(args: argparse.Namespace, asker: Passphrases) -> int:
    from datetime import date

    from models.review import Period, date_problem
    from storage import review

    fmt = args.out.suffix.lower()
    if fmt not in (".pdf", ".csv"):
        raise UsageError("--out must name a .pdf or a .csv file.")
    if args.sign and fmt != ".pdf":
        raise UsageError("--sign goes with a .pdf.")
    for label, text in (("--from", args.date_from), ("--to", args.date_to)):
        problem = date_problem(label, text)
        if problem:
            raise UsageError(problem)
    period = Period(
        date.fromisoformat(args.date_from.strip()),
        date.fromisoformat(args.date_to.strip()),
        args.agency or "",
        args.type or "",
    )
    if period.end < period.start:
        raise UsageError("The period ends before it starts: check the dates.")
    _check_out(args.out)
    if not args.out.parent.is_dir():
        raise UsageError(f"{args.out.parent}: no such folder.")
    with _open(args, asker, changes=False) as ws:
        review.check_period(ws, period)  # role, agency, type: before the second passphrase
        if fmt == ".csv":
            review.write_csv(ws, period, args.out)
        else:
            again = asker.ask(f"Passphrase again, to sign as {args.user}: ") if args.sign else None
            review.write_pdf(ws, period, args.out, again)
    what = "signed PDF" if args.sign else fmt[1:].upper()
    print(f"Wrote the review of operations ({period.describe()}) as {what} to {args.out}.")
    return 0


def cmd_verify(args: argparse.Namespace, asker: Passphrases) -> int:
    from reports.verify import Verdict
    from storage.verification import (
        verify_in_workspace,
        verify_with_published,
        verify_with_trust,
    )

    if args.trust is not None:
        if args.user or args.workspace_given:
            raise UsageError(
                "--trust is for checking without a workspace: leave out -w and --user."
            )
        result = verify_with_trust(args.trust, args.file)
    elif args.user:
        if not args.workspace_given:
            raise UsageError("--user needs -w.")
        with _open(args, asker, changes=False) as ws:
            result = verify_in_workspace(ws, args.file)
    else:
        result = verify_with_published(args.workspace, args.file)
    print(result.describe())
    return 0 if result.verdict is Verdict.TRUSTED else 1


def cmd_backup(args: argparse.Namespace, asker: Passphrases) -> int:
    from storage.backup import make_backup

    _check_out(args.out)
    if not args.out.parent.is_dir():
        raise UsageError(f"{args.out.parent}: no such folder.")
    with _open(args, asker, changes=False) as ws:
        manifest = make_backup(ws, args.out)
    print(
        f"Backup written to {args.out} (audit event {manifest['audit_seq']}); it opens only with this workspace's passphrases."
    )
    return 0


def cmd_restore(args: argparse.Namespace, asker: Passphrases) -> int:
    from storage.backup import restore_backup
    from storage.outputs import check_new_workspace

    check_new_workspace(args.workspace)
    events = restore_backup(
        args.file, args.workspace, args.user, asker.ask(f"Passphrase for {args.user}: ")
    )
    print(
        f"Restored to {args.workspace}: the database opens, its pages check and its {events} audit events chain."
    )
    return 0


def cmd_app(args: argparse.Namespace, asker: Passphrases) -> int:
    from ui.display import has_display

    if not has_display() and not os.environ.get("CASEROOM_SMOKE_TEST"):
        raise UsageError(
            "No display to open the app on (DISPLAY is not set); the subcommands work without one."
        )
    from ui.app import run_app

    return run_app(args.workspace, args.user or "", folder_given=args.workspace_given)
