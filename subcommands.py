"""The subcommands of `caseroom` for the record: audit, demo, import, export, minutes, report,
verify, backup, restore and app (main.py declares them and maps errors to exits).

Each `cmd_*` reads its passphrases, calls one use case in storage/ (or starts the Qt app) and
prints its result; what they share is in subcommands_shared.py, and the subcommands for
users, passphrases and keys are in subcommands_access.py.
"""

from __future__ import annotations

import argparse
import os

from subcommands_shared import (
    Passphrases,
    UsageError,
    _check_out,
    _new_passphrase,
    _open,
    _progress,
)


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
