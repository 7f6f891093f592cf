"""The bench's workspaces, built once and kept in a cache folder between runs.

A workspace of N demo cases is built by the app's own demo code, with the bench's extra
records (a meeting of 30 attendees, 100 contributions and 60 actions; meetings to sign);
it is kept under the cache folder and copied for each run (a run writes audit events and
signs minutes). A newer schema is applied by opening the cached copy, as the app would.
Beside it: the same database exported with no key (the plain-SQLite baseline, made by the
same SQLCipher build), an empty workspace for imports, and a 2,000-case bundle.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASS = "bench passphrase"
BIG_CASE = "bench-case"
BIG_MEETING = "bench-meeting"
SIGN_ROUNDS = 5
IMPORT_CASES = 2_000


def cache_root() -> Path:
    from platformdirs import user_cache_dir

    return Path(os.environ.get("BENCH_CACHE") or user_cache_dir("caseroom-bench"))


def _demo_digest() -> str:
    """The demo's code: a change to it makes new workspaces (a schema change does not)."""
    digest = hashlib.sha256()
    for path in [*sorted((ROOT / "storage" / "demo").glob("*.py")), Path(__file__)]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def _schema() -> str:
    from storage.migrations import MIGRATIONS

    return hashlib.sha256(" ".join(n for n, _ in MIGRATIONS).encode()).hexdigest()[:10]


def cached_workspace(size: int, log) -> Path:
    """The folder of a cached N-case workspace at the current schema (built if missing)."""
    folder = cache_root() / f"ws-{size}-{_demo_digest()}"
    if not (folder / "done").exists():
        shutil.rmtree(folder, ignore_errors=True)
        _build(folder, size, log)
        (folder / "done").write_text("")
    stamp = folder / f"schema-{_schema()}"
    if not stamp.exists():
        log(f"(bringing the cached {size:,}-case workspace to the current schema)")
        from storage.workspace import Workspace

        with Workspace.open(folder, "chair", PASS) as ws:
            _export_plain(ws, folder / "plain.db")
        stamp.write_text("")
    return folder


def _build(folder: Path, size: int, log) -> None:
    import time

    from storage.demo import make_demo
    from storage.workspace import Workspace

    start = time.perf_counter()
    log(f"(building a {size:,}-case workspace in {folder}; it is kept for later runs)")
    make_demo(folder, PASS, size)
    with Workspace.open(folder, "chair", PASS) as ws:
        _add_big_meetings(ws)
    log(f"(built in {time.perf_counter() - start:.0f} s)")


def _export_plain(ws, out: Path) -> None:
    """The same database with no key: SQLCipher's own export, so the same build reads both."""
    for name in (out, Path(f"{out}-wal"), Path(f"{out}-shm")):
        name.unlink(missing_ok=True)
    ws.conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(out),))
    ws.conn.execute("SELECT sqlcipher_export('plain')")
    ws.conn.execute("DETACH DATABASE plain")


def copy_workspace(folder: Path, into: Path) -> Path:
    target = into / folder.name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(folder, target, ignore=shutil.ignore_patterns("plain.db*", "*.json.bench"))
    return target


def big_case(n: int = 0):
    """A case whose second meeting has 30 attendees, 100 contributions and 60 actions."""
    from models.meeting import Action, AgencyContribution, Attendance
    from storage.demo import demo_cases

    suffix = "" if n == 0 else f"-{n}"
    case = next(demo_cases(1)).model_copy(
        update={
            "id": BIG_CASE + suffix,
            "reference": f"BENCH-{n + 1}",
            "people": [],
            "places": [],
        }
    )
    meeting = case.meetings[1].model_copy(
        update={
            "id": BIG_MEETING + suffix,
            "attendance": [
                Attendance(id=f"bt{n}-{i}", name=f"Attendee {i}", agency="Police")
                for i in range(30)
            ],
            "contributions": [
                AgencyContribution(
                    id=f"bk{n}-{i}", agency="Health", text="What is known today. " * 50
                )
                for i in range(100)
            ],
            "actions": [
                Action(
                    id=f"ba{n}-{i}",
                    what=f"Action {i} " + "visit " * 20,
                    owner="Owner",
                    owner_agency="Health",
                )
                for i in range(60)
            ],
            "action_reviews": [],
        }
    )
    first = case.meetings[0].model_copy(
        update={
            "id": f"bench-first{suffix}",
            "attendance": [],
            "child_voice": [],
            "actions": [
                a.model_copy(update={"id": f"bf{n}-{a.id}"}) for a in case.meetings[0].actions
            ],
        }
    )
    return case.model_copy(update={"meetings": [first, meeting]})


def _add_big_meetings(ws) -> None:
    from storage import cases

    for n in range(SIGN_ROUNDS + 1):  # one to open on screen, the others to sign
        cases.save_case(ws, big_case(n))


def empty_workspace(log) -> Path:
    """A workspace with the demo's users and no cases (imports go into a copy of it)."""
    folder = cache_root() / f"ws-empty-{_demo_digest()}"
    if not (folder / "done").exists():
        shutil.rmtree(folder, ignore_errors=True)
        from storage.demo import make_demo

        make_demo(folder, PASS, 0)
        (folder / "done").write_text("")
    return folder


def import_bundle_file(log) -> Path:
    """A bundle of IMPORT_CASES demo cases (cached)."""
    path = cache_root() / f"bundle-{IMPORT_CASES}-{_demo_digest()}.json"
    if not path.exists():
        from models.bundle import dump_bundle
        from storage.demo import demo_cases

        log(f"(writing a {IMPORT_CASES:,}-case bundle)")
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(dump_bundle(list(demo_cases(IMPORT_CASES))))
        tmp.replace(path)
    return path
