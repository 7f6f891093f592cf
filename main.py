"""Caseroom: the composition root and the command line (DESIGN.md section 6).

Thin by design: parse arguments, read passphrases, call one use case in storage/ (or start
the Qt app), print its result; what each subcommand does is in subcommands.py (the record)
and subcommands_access.py (users, passphrases, keys), what they share in
subcommands_shared.py. Exit codes: 0 success; 1 a check found a problem; 2 bad usage, bad
input, wrong passphrase, busy, locked or damaged workspace, with one line on stderr and
nothing written.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path

os.umask(0o077)  # before anything is created: the -wal and -shm SQLite makes later are 0600 too

from subcommands import (  # noqa: E402 - after the umask, like every module of ours
    cmd_app,
    cmd_audit,
    cmd_backup,
    cmd_demo,
    cmd_export,
    cmd_import,
    cmd_minutes,
    cmd_report,
    cmd_restore,
    cmd_verify,
)
from subcommands_access import (  # noqa: E402
    cmd_export_authority,
    cmd_init,
    cmd_passwd,
    cmd_recovery,
    cmd_trust_root,
    cmd_user,
)
from subcommands_shared import PROG, Passphrases, UsageError  # noqa: E402

ROLES = ("admin", "chair", "member", "viewer")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see {self.prog} --help)")


def default_folder() -> Path:
    import platformdirs

    from storage import policy

    folder = policy.current().workspace_folder  # set by the organisation
    return folder or Path(platformdirs.user_data_dir("Caseroom", appauthor=False)) / "workspace"


def _version() -> str:
    import resources

    return resources.version()


# --- the parser --------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG, description="Run a multi-agency safeguarding meeting on one screen."
    )
    parser.add_argument(
        "-w", "--workspace", type=Path, help="workspace folder (default: your data folder)"
    )
    parser.add_argument("--user", help="the user name to fill in on the unlock screen")
    parser.add_argument("--version", action="version", version=f"{PROG} {_version()}")
    parser.set_defaults(handler=cmd_app, needs_user=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add(
        name: str, handler: Callable[..., int], help_text: str, user: bool = True
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("-w", "--workspace", type=Path, required=True, help="workspace folder")
        if user:
            p.add_argument("--user", required=True, help="your user name")
        p.add_argument(
            "--passphrase-stdin",
            action="store_true",
            help="read passphrases from standard input, one line each, instead of prompting",
        )
        p.set_defaults(handler=handler, needs_user=user)
        return p

    p = add("init", cmd_init, "Make a new workspace; the first user is admin and chair.")
    p.add_argument("--display-name", help="the name shown on screen and in minutes")
    p.add_argument("--agency", help="the user's agency")
    p.add_argument("--role", choices=ROLES, default="chair", help="an extra role (default: chair)")

    p = add(
        "audit",
        cmd_audit,
        "Check the audit log: its protecting triggers and hash chain, and with --against the "
        "checkpoints that signed minutes PDFs and backups carry. Exit 0 intact, 1 not.",
    )
    p.add_argument("action", choices=("verify",), help="what to do with the audit log")
    p.add_argument(
        "--against",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="signed minutes PDFs or backups whose checkpoint must be in the chain",
    )

    p = add(
        "passwd",
        cmd_passwd,
        "Change your passphrase (reads the current one, then the new one). With --recovery, "
        "set a user's passphrase with the workspace's recovery key.",
    )
    p.add_argument("--recovery", action="store_true", help="use the recovery key instead")
    p.add_argument(
        "--rekey",
        action="store_true",
        help="also re-encrypt the database under a new key (after a suspected compromise)",
    )

    p = add(
        "user",
        cmd_user,
        "Add, remove or list users (admin; asks for your passphrase, which opens the workspace "
        "authority). Removing a user revokes their certificate and rekeys the database.",
    )
    p.add_argument("action", choices=("add", "remove", "list"), help="what to do")
    p.add_argument("name", nargs="?", metavar="NAME", help="the user to add or remove")
    p.add_argument("--role", choices=ROLES, help="the new user's role (add)")
    p.add_argument("--agency", help="the new user's agency (add)")
    p.add_argument("--display-name", help="the new user's name as shown in minutes (add)")

    p = add(
        "recovery",
        cmd_recovery,
        "Make a new recovery key (shown once); the old one stops working and the database is rekeyed.",
    )
    p.add_argument("action", choices=("rotate",), help="what to do")

    p = add(
        "export-authority",
        cmd_export_authority,
        "Write the workspace's root certificate (no personal names) for partners to check signatures.",
        user=False,
    )
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help="where to write it")

    p = add(
        "trust-root",
        cmd_trust_root,
        "Trust an organisation's root certificate (admin), so its members can sign with the "
        "organisation's PKCS#12 identity.",
    )
    p.add_argument("file", type=Path, metavar="ROOT.pem", help="the organisation's root")

    p = add(
        "demo",
        cmd_demo,
        "Make a synthetic demo workspace (users chair, socialcare, police, health, education). "
        "With --passphrase-stdin the line read is every demo user's passphrase; without it, "
        "one is made and printed.",
        user=False,
    )
    p.add_argument(
        "--size", type=int, default=6, help="how many cases (default 6; 100000 for benchmarks)"
    )

    p = add("import", cmd_import, "Import a case bundle: all of it, or nothing.")
    p.add_argument("file", type=Path, metavar="FILE", help="the bundle (.json)")

    p = add("export", cmd_export, "Export cases as a bundle, written atomically.")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--case", metavar="ID", help="one case, by id or reference")
    which.add_argument("--all", action="store_true", help="every case")
    p.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="where to write the bundle"
    )

    p = add(
        "minutes",
        cmd_minutes,
        "Write a meeting's minutes as PDF: the signed version if there is one, else a draft.",
    )
    p.add_argument("--meeting", required=True, metavar="ID", help="the meeting")
    p.add_argument(
        "--variant", required=True, choices=("professional", "family"), help="which copy"
    )
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help="where to write the PDF")
    p.add_argument(
        "--sign", action="store_true", help="sign first (chair only; asks for the passphrase again)"
    )
    p.add_argument(
        "--family-checked",
        action="store_true",
        help="with --sign: I have checked what the family will receive (recorded in the audit "
        "log and printed in the professional copy)",
    )

    p = add(
        "report",
        cmd_report,
        "Write the review of operations for a period (admin or chair): .pdf or .csv by the "
        "name of --out (docs/review.md lists every measure).",
    )
    p.add_argument(
        "--from", dest="date_from", required=True, metavar="DATE", help="first day, YYYY-MM-DD"
    )
    p.add_argument(
        "--to", dest="date_to", required=True, metavar="DATE", help="last day, YYYY-MM-DD"
    )
    p.add_argument("--agency", help="only this agency (as named in the reference data)")
    p.add_argument("--type", help="only this meeting type (as named in the reference data)")
    p.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="the .pdf or .csv to write"
    )
    p.add_argument(
        "--sign", action="store_true", help="sign the PDF (asks for the passphrase again)"
    )

    p = add("backup", cmd_backup, "Write an encrypted backup of the workspace to one file.")
    p.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="where to write the backup"
    )

    p = add(
        "restore", cmd_restore, "Check a backup opens and is whole, then write it to a new folder."
    )
    p.add_argument("file", type=Path, metavar="FILE", help="the backup")

    p = sub.add_parser(
        "verify",
        help="Check a signed PDF: exit 0 intact and trusted, 1 any other verdict.",
        description="Check a signed PDF against the workspace's authority (authority.pem beside the "
        "database; with --user, the workspace's own register of certificates, roles and "
        "revocations), or with --trust against a root certificate file and no workspace. "
        "Exit 0 intact and trusted; 1 otherwise.",
    )
    p.add_argument("file", type=Path, metavar="FILE", help="the PDF")
    p.add_argument("-w", "--workspace", type=Path, help="workspace whose authority to trust")
    p.add_argument("--trust", type=Path, metavar="ROOT.pem", help="a root certificate to trust")
    p.add_argument("--user", help="unlock the workspace and use the certificates inside it")
    p.add_argument(
        "--passphrase-stdin", action="store_true", help="read the passphrase from standard input"
    )
    p.set_defaults(handler=cmd_verify)
    return parser


def main(argv: list[str] | None = None) -> int:
    from storage.hardening import forbid_core_dumps

    forbid_core_dumps()  # before any key or passphrase is in memory
    from storage.errors import WorkspaceError

    try:
        args = build_parser().parse_args(argv)
        _warn_about_policy()
        args.workspace_given = args.workspace is not None
        if args.workspace is None:
            args.workspace = default_folder()
        asker = Passphrases(getattr(args, "passphrase_stdin", False))
        return int(args.handler(args, asker))
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    except (UsageError, WorkspaceError) as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail("Interrupted; nothing more was changed.")
    except Exception as exc:
        if not _said(exc):  # a defect: still one line, never a traceback
            if os.environ.get("CASEROOM_DEBUG"):  # (set it to see the traceback)
                raise
            _fail(f"Unexpected error ({type(exc).__name__}: {exc}); please report it.")
    return 2


def _said(exc: Exception) -> bool:
    """One line for an error the user can act on; False for a defect. (pydantic and SQLite
    are imported here, when needed, not before the app's first window is painted.)"""
    from pydantic import ValidationError

    from models.messages import describe
    from storage.connection import DatabaseError

    if isinstance(exc, ValidationError):  # a record breaks a rule: the rules' own sentences
        _fail(describe(exc).replace("\n", " "))
    elif isinstance(exc, DatabaseError):
        if "is full" in str(exc):  # SQLITE_FULL outside a transaction (a backup's copy)
            _fail(
                "The disk is full: nothing of this change was saved. Free some space and try again."
            )
        else:
            _fail(f"The workspace database is damaged or unreadable ({exc}).")
    elif isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            _fail("The disk is full: nothing was written. Free some space and try again.")
        else:
            _fail(f"{exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}.")
    else:
        return False
    return True


def _warn_about_policy() -> None:
    from storage import policy

    if policy.current().problem:  # malformed: one clear line, and the defaults apply
        print(f"{PROG}: {policy.current().problem}", file=sys.stderr)


def _fail(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
