"""Outputs never land inside a workspace: every command that writes, directly and via links."""

from __future__ import annotations

import io
import os

import pytest

import main
from storage import minutes
from storage.bundles import export_bundle
from storage.errors import InvalidInput
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE, snapshot_files


def run(monkeypatch, capsys, *args, stdin=PASSPHRASE + "\n"):
    """The command line, in this process: (exit code, stdout, stderr)."""
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _meeting(folder):
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        return ws.conn.execute("SELECT id FROM meetings ORDER BY id LIMIT 1").fetchone()[0]


def _targets(folder, tmp_path):
    """Paths that resolve into the workspace: plainly, through `..`, a linked folder and a
    linked file."""
    (tmp_path / "linked-folder").symlink_to(folder, target_is_directory=True)
    (tmp_path / "linked-file").symlink_to(folder / "keyslots.json")
    return {
        "keyslots": folder / "keyslots.json",
        "database": folder / "caseroom.db",
        "new file": folder / "export.out",
        "dotdot": folder / ".." / folder.name / "export.out",
        "linked folder": tmp_path / "linked-folder" / "export.out",
        "linked file": tmp_path / "linked-file",
    }


COMMANDS = {
    "export": ["export", "-w", "{ws}", "--user", "chair", "--passphrase-stdin", "--all"],
    "minutes": [
        *("minutes", "-w", "{ws}", "--user", "chair", "--passphrase-stdin"),
        *("--meeting", "{meeting}", "--variant", "professional"),
    ],
    "backup": ["backup", "-w", "{ws}", "--user", "chair", "--passphrase-stdin"],
    "export-authority": ["export-authority", "-w", "{ws}"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_out_into_the_workspace_is_refused(demo_folder, tmp_path, monkeypatch, capsys, command):
    meeting = _meeting(demo_folder) if command == "minutes" else ""
    for label, target in _targets(demo_folder, tmp_path).items():
        before = snapshot_files(demo_folder)
        args = [a.format(ws=demo_folder, meeting=meeting) for a in COMMANDS[command]]
        code, out, err = run(monkeypatch, capsys, *args, "--out", target)
        assert code == 2, (label, out, err)
        assert len(err.strip().splitlines()) == 1 and "inside the workspace folder" in err, label
        assert snapshot_files(demo_folder) == before, label
        assert not (demo_folder / "export.out").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".caseroom")]


def test_restore_into_a_workspace_is_refused(demo_folder, tmp_path, monkeypatch, capsys):
    backup = tmp_path / "b.tar"
    code, _, err = run(
        monkeypatch,
        capsys,
        *("backup", "-w", demo_folder, "--user", "chair", "--passphrase-stdin"),
        *("--out", backup),
    )
    assert code == 0, err
    (tmp_path / "linked-folder").symlink_to(demo_folder, target_is_directory=True)
    for target in (demo_folder / "restored", tmp_path / "linked-folder" / "restored"):
        before = snapshot_files(demo_folder)
        code, _, err = run(
            monkeypatch,
            capsys,
            *("restore", backup, "-w", target, "--user", "chair", "--passphrase-stdin"),
        )
        assert code == 2 and "inside the workspace folder" in err
        assert snapshot_files(demo_folder) == before
        assert not (demo_folder / "restored").exists()


def test_out_beside_the_workspace_still_works(demo_folder, tmp_path, monkeypatch, capsys):
    code, _, err = run(
        monkeypatch,
        capsys,
        *("export", "-w", demo_folder, "--user", "chair", "--passphrase-stdin", "--all"),
        *("--out", tmp_path / "cases.json"),
    )
    assert code == 0, err
    assert (tmp_path / "cases.json").stat().st_size > 1000


def test_the_use_cases_refuse_too(demo_folder, tmp_path):
    """The app calls these directly with the file chosen in its dialog."""
    (tmp_path / "linked").symlink_to(demo_folder, target_is_directory=True)
    with Workspace.open(demo_folder, "chair", PASSPHRASE) as ws:
        events = ws.checkpoint().seq
        with pytest.raises(InvalidInput, match="inside the workspace"):
            export_bundle(ws, tmp_path / "linked" / "keyslots.json")
        meeting = ws.conn.execute("SELECT id FROM meetings LIMIT 1").fetchone()[0]
        with pytest.raises(InvalidInput, match="inside the workspace"):
            minutes.export_minutes(ws, meeting, minutes.Variant.FAMILY, demo_folder / "m.pdf")
        assert ws.checkpoint().seq == events
    assert os.path.getsize(demo_folder / "keyslots.json") > 100


def test_relative_workspace_and_output_paths_work(demo_folder, monkeypatch, capsys):
    """`-w ws --out out.pdf` from the folder that holds them, as people type it."""
    folder = demo_folder
    meeting = _meeting(folder)
    monkeypatch.chdir(folder.parent)
    code, _out, err = run(
        monkeypatch,
        capsys,
        "minutes",
        "-w",
        folder.name,
        "--user",
        "chair",
        "--passphrase-stdin",
        "--meeting",
        meeting,
        "--variant",
        "professional",
        "--out",
        "minutes.pdf",
    )
    assert code == 0, err
    assert (folder.parent / "minutes.pdf").read_bytes().startswith(b"%PDF-")
