"""What every subcommand of `caseroom` shares: the program's name, `UsageError`, reading
passphrases, unlocking the workspace, checking where an output goes, the progress line.

`UsageError` is bad usage or bad input (main.py: exit 2 with its line).
"""

from __future__ import annotations

import argparse
import getpass
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
    """Before unlocking (which writes an audit event): the output goes outside any workspace,
    into a folder that is there."""
    from storage.outputs import check_output

    check_output(out)
    if not out.parent.is_dir():
        raise UsageError(f"{out.parent}: no such folder.")


def _new_passphrase(asker: Passphrases, user: str) -> str:
    from models.users import passphrase_problem

    new = asker.ask(f"New passphrase for {user}: ", confirm=True)
    problem = passphrase_problem(new)
    if problem:  # checked before unlocking, so a refused passphrase writes nothing at all
        raise UsageError(problem)
    return new


def _progress(label: str) -> Callable[[int, int], None] | None:
    """A progress line on a terminal (stderr), nothing when output is redirected."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        print(f"\r{label}: {done:,} of {total:,}", end=end, file=sys.stderr, flush=True)

    return show
