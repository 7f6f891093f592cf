"""A writer to be killed: runs one kind of change over and over, acknowledging each one.

    python -m tests.crash.writer FOLDER KIND OUTDIR

prints "READY" once set up, then "ACK <what>" after each change has returned (committed),
flushing each line, until it is killed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from models.minutes import signing_problem
from storage import access, cases, records
from storage.backup import make_backup, restore_backup
from storage.bundles import import_bundle
from storage.demo import demo_cases
from storage.minutes import sign_minutes
from storage.workspace import Workspace

PASSPHRASE = "correct horse battery staple"
OTHER = "another passphrase here"
# passwd rotates through these, so after a kill exactly two of them may open the workspace.
ROTATION = (PASSPHRASE, OTHER, "a third passphrase")


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def bundles() -> list[object]:
    from models.bundle import FORMAT, VERSION, Bundle

    groups = list(demo_cases(6 * 8))
    return [
        Bundle(format=FORMAT, version=VERSION, cases=groups[6 * g : 6 * g + 6]) for g in range(1, 8)
    ]


def main(folder: Path, kind: str, outdir: Path) -> None:
    ws = Workspace.open(folder, "chair", PASSPHRASE)
    if kind == "import":
        todo = bundles()
        say("READY")
        for i, bundle in enumerate(todo):
            import_bundle(ws, bundle, f"bundle-{i}")  # type: ignore[arg-type]
            say(f"ACK {i}")
    elif kind == "save":
        case_id = records.case_ids(ws.conn)[0]
        say("READY")
        for i in range(100_000):
            case = records.load_case(ws.conn, case_id)
            assert case is not None
            cases.save_case(ws, case.model_copy(update={"allocated_worker": f"save-{i}"}))
            say(f"ACK {i}")
    elif kind == "sign":
        todo = [
            m.id
            for c in cases.list_cases(ws)
            for m in (records.load_case(ws.conn, c.id) or c).meetings
            if signing_problem(m) is None
        ]
        say("READY")
        for meeting_id in todo:
            sign_minutes(ws, meeting_id, PASSPHRASE)
            say(f"ACK {meeting_id}")
    elif kind == "passwd":
        say("READY")
        for i in range(100_000):
            old, new = ROTATION[i % 3], ROTATION[(i + 1) % 3]
            access.change_passphrase(ws, old, new)
            say(f"ACK {new}")
    elif kind == "backup":
        say("READY")
        for i in range(100_000):
            make_backup(ws, outdir / f"backup-{i}.tar")
            say(f"ACK {i}")
    elif kind == "restore":
        make_backup(ws, outdir / "source.tar")
        ws.close()
        say("READY")
        for i in range(100_000):
            restore_backup(outdir / "source.tar", outdir / f"restored-{i}", "chair", PASSPHRASE)
            say(f"ACK {i}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))
