"""The command line contract (DESIGN.md section 6), run as a user would run it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from storage import audit
from storage.connection import open_keyed
from storage.keyslots import KeySlots
from tests.conftest import PASSPHRASE, snapshot_files

ROOT = Path(__file__).resolve().parents[1]


def cli(*args, stdin=""):
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    return result.returncode, result.stdout, result.stderr


def cli_import(folder, bundle):
    """`caseroom import` of the BUNDLE file into the workspace FOLDER, as the chair."""
    return cli(
        "import", "-w", folder, "--user", "chair", "--passphrase-stdin", bundle, stdin=PASSPHRASE
    )


def one_line_error(stderr):
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_init_prints_recovery_key_once_and_audit_verifies(tmp_path):
    ws = tmp_path / "ws"
    code, out, err = cli(
        "init", "-w", ws, "--user", "Zoë", "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    )
    assert code == 0, err
    assert "Recovery key:" in out and "Keep the recovery key safe" in out
    recovery = out.split("Recovery key: ")[1].split()[0]
    assert len(KeySlots.load(ws).unlock_with_recovery(recovery)) == 32
    code, out, err = cli(
        "audit", "-w", ws, "--user", "zoë", "--passphrase-stdin", "verify", stdin=PASSPHRASE
    )
    assert code == 0 and "intact" in out


def test_passwd_reads_old_then_new(made_workspace):
    folder, recovery = made_workspace
    code, _out, err = cli(
        "passwd",
        "-w",
        folder,
        "--user",
        "chair",
        "--passphrase-stdin",
        stdin=f"{PASSPHRASE}\nnew passphrase here\n",
    )
    assert code == 0, err
    code, _, err = cli(
        "audit", "-w", folder, "--user", "chair", "--passphrase-stdin", "verify", stdin=PASSPHRASE
    )
    assert code == 2 and one_line_error(err) == "caseroom: Wrong passphrase."
    code, _, err = cli(
        "passwd",
        "-w",
        folder,
        "--user",
        "chair",
        "--recovery",
        "--passphrase-stdin",
        stdin=f"{recovery}\nthird passphrase!\n",
    )
    assert code == 0, err
    code, _, _ = cli(
        "audit",
        "-w",
        folder,
        "--user",
        "chair",
        "--passphrase-stdin",
        "verify",
        stdin="third passphrase!",
    )
    assert code == 0


def test_broken_chain_exits_1(made_workspace):
    folder, _ = made_workspace
    conn = open_keyed(folder / "caseroom.db", KeySlots.load(folder).unlock("chair", PASSPHRASE))
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET action = 'nothing' WHERE seq = 1")
    conn.execute(audit.PROTECTION["audit_log_no_update"])  # put back, to hide the edit
    conn.close()
    code, out, _ = cli(
        "audit", "-w", folder, "--user", "chair", "--passphrase-stdin", "verify", stdin=PASSPHRASE
    )
    assert code == 1 and "broken at event 1" in out


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (
            ["audit", "-w", "{ws}", "--user", "chair", "--passphrase-stdin", "verify"],
            "wrong passphrase",
            "Wrong passphrase",
        ),
        (
            ["audit", "-w", "{ws}", "--user", "ghost", "--passphrase-stdin", "verify"],
            PASSPHRASE,
            "no user 'ghost'",
        ),
        (
            ["audit", "-w", "{tmp}/missing", "--user", "chair", "--passphrase-stdin", "verify"],
            PASSPHRASE,
            "no workspace",
        ),
        (
            ["audit", "-w", "{tmp}", "--user", "chair", "--passphrase-stdin", "verify"],
            PASSPHRASE,
            "not a Caseroom workspace",
        ),
        (
            ["init", "-w", "{ws}", "--user", "x", "--passphrase-stdin"],
            PASSPHRASE,
            "already a workspace",
        ),
        (["audit", "-w", "{ws}", "--user", "chair", "verify"], "", "use --passphrase-stdin"),
        (
            ["audit", "-w", "{ws}", "--user", "chair", "--passphrase-stdin", "verify"],
            "",
            "no line on standard input",
        ),
        (["audit", "-w", "{ws}", "--user", "chair", "explode"], "", "invalid choice"),
        (
            ["init", "-w", "{tmp}/new", "--user", "a\tb", "--passphrase-stdin"],
            PASSPHRASE,
            "control characters",
        ),
        (["init", "-w", "{tmp}/new", "--user", "ok", "--passphrase-stdin"], "short", "at least 10"),
        (
            ["passwd", "-w", "{ws}", "--user", "chair", "--passphrase-stdin"],
            f"{PASSPHRASE}\nbad\x01passphrase!\n",
            "control character",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line_and_changes_nothing(
    made_workspace, tmp_path, args, stdin, message
):
    folder, _ = made_workspace
    before = snapshot_files(folder)
    args = [a.format(ws=folder, tmp=tmp_path) for a in args]
    code, _, err = cli(*args, stdin=stdin)
    assert code == 2
    assert message in one_line_error(err)
    assert snapshot_files(folder) == before
    assert not (tmp_path / "new").exists()


def test_damaged_keyslots_and_database_exit_2(made_workspace):
    folder, _ = made_workspace
    (folder / "keyslots.json").write_text('{"format": "caseroom-keyslots"')
    code, _, err = cli(
        "audit", "-w", folder, "--user", "chair", "--passphrase-stdin", "verify", stdin=PASSPHRASE
    )
    assert code == 2 and "keyslots.json is damaged" in one_line_error(err)


def test_truncated_database_exit_2(made_workspace):
    folder, _ = made_workspace
    db = folder / "caseroom.db"
    db.write_bytes(db.read_bytes()[:5000])
    code, _, err = cli(
        "audit", "-w", folder, "--user", "chair", "--passphrase-stdin", "verify", stdin=PASSPHRASE
    )
    assert code == 2 and "damaged" in one_line_error(err)


def test_busy_workspace_says_busy(made_workspace):
    folder, _ = made_workspace
    # Read the files first: closing any descriptor of the database in this process would
    # drop the holder's POSIX locks (SQLite's well-known pitfall), so no reads while it holds.
    before = snapshot_files(folder)
    holder = open_keyed(folder / "caseroom.db", KeySlots.load(folder).unlock("chair", PASSPHRASE))
    holder.execute("BEGIN IMMEDIATE")
    try:
        code, _, err = cli(
            "passwd",
            "-w",
            folder,
            "--user",
            "chair",
            "--passphrase-stdin",
            stdin=f"{PASSPHRASE}\nanother passphrase\n",
        )
        assert code == 2 and "busy" in one_line_error(err)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert snapshot_files(folder) == before


def test_help_for_every_command():
    for command in ("init", "audit", "passwd"):
        code, out, _ = cli(command, "--help")
        assert code == 0 and "--passphrase-stdin" in out


def test_the_app_command_parses_and_says_when_there_is_no_display(made_workspace):
    folder, _ = made_workspace
    code, _, err = cli("-w", folder, "--user", "chair")  # the tests run with no display
    assert code == 2 and "No display" in one_line_error(err)
