"""Benchmarks: each a ratio against a baseline measured in the same run, with the figures.

    python -m tests.bench [--size 100000]

- storage: encrypted workspace vs plain SQLite, the same rows written and scanned;
- start-up: app window with the home screen of an N-case workspace vs a bare PySide6 window
  (in fresh processes; the key derivation is measured apart and left out);
- search: one query over N cases vs listing the cases;
- meeting: open a meeting of 30 attendees, 100 contributions and 60 actions;
- minutes: sign and export both variants of a ~30-page meeting vs building one plain page.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.umask(0o077)

import storage  # noqa: F401
from storage.connection import open_keyed

ROOT = Path(__file__).resolve().parents[2]
PASS = "bench passphrase"


def best(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def report(name: str, value: float, baseline: float, note: str = "") -> None:
    print(
        f"{name:<44} {value * 1000:9.1f} ms   baseline {baseline * 1000:9.1f} ms   ratio {value / baseline:6.2f}  {note}"
    )


def bench_storage(tmp: Path) -> None:
    rows = [(i, f"contribution {i} " + "x" * 400) for i in range(50_000)]

    def fill(conn):
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO t VALUES (?, ?)", rows)
        conn.execute("COMMIT")

    plain = sqlite3.connect(tmp / "plain.db", isolation_level=None)
    plain.execute("PRAGMA journal_mode=WAL")
    enc = open_keyed(tmp / "enc.db", os.urandom(32), new=True)
    write_plain = best(lambda: (plain.execute("DROP TABLE IF EXISTS t"), fill(plain)), 3)
    write_enc = best(lambda: (enc.execute("DROP TABLE IF EXISTS t"), fill(enc)), 3)
    report("storage: write 50,000 rows (encrypted)", write_enc, write_plain, "vs plain SQLite")
    scan = "SELECT count(*), sum(length(body)) FROM t WHERE body LIKE '%99%'"
    scan_plain = best(lambda: plain.execute(scan).fetchone())
    scan_enc = best(lambda: enc.execute(scan).fetchone())
    report("storage: full scan, warm cache (encrypted)", scan_enc, scan_plain, "vs plain SQLite")


def startup_seconds(script: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


BARE = """
import time; t = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([]); w = QMainWindow(); w.resize(1280, 820); w.show(); app.processEvents()
print(time.perf_counter() - t)
"""
HOME = """
import time; t = time.perf_counter()
import storage
from pathlib import Path
from storage.keyslots import KeySlots
from storage.workspace import Workspace
from ui.app import make_app
from ui.main_window import MainWindow
app = make_app(); w = MainWindow(Path({folder!r})); w.show(); app.processEvents()
k = time.perf_counter(); slots = KeySlots.load(Path({folder!r})); key = slots.unlock("chair", {pw!r}); kdf = time.perf_counter() - k
ws = Workspace._open(Path({folder!r}), slots, key, "chair", "passphrase", 0)
w.on_unlocked(ws); app.processEvents()
print(time.perf_counter() - t - kdf)
"""


def bench_startup(folder: Path, size: int) -> None:
    bare = statistics.median(startup_seconds(BARE) for _ in range(3))
    home = statistics.median(
        startup_seconds(HOME.format(folder=str(folder), pw=PASS)) for _ in range(3)
    )
    report(
        f"start-up: home with {size:,} cases (no KDF)",
        home,
        bare,
        "vs bare PySide6 window (target < 3)",
    )


def bench_workspace(folder: Path, size: int) -> None:
    from storage import cases
    from storage.workspace import Workspace

    with Workspace.open(folder, "chair", PASS) as ws:
        listing = best(lambda: cases.list_cases(ws), 3)
        search = best(lambda: cases.search(ws, "Zoe"), 5)
        report(f"search: 'Zoe' over {size:,} cases", search, listing, "vs listing every case")
        meeting = _big_meeting(ws)
        opened = best(lambda: cases.open_meeting(ws, meeting.id), 5)
        report(
            "meeting: read 30 attendees, 120 contr., 60 actions",
            opened,
            0.100,
            "vs the 100 ms budget",
        )
        report(
            "meeting: open it on screen",
            _open_on_screen(ws, meeting.id),
            0.100,
            "vs the 100 ms budget",
        )


def _open_on_screen(ws, meeting_id: str) -> float:
    from ui.app import make_app
    from ui.main_window import MainWindow

    app = make_app()
    window = MainWindow(ws.folder)
    window.show()
    window.on_unlocked(ws)
    window.show_case("bench-case")
    app.processEvents()

    def open_and_back() -> None:
        window.show_meeting("bench-case", meeting_id)
        app.processEvents()
        window.go_back()
        app.processEvents()

    return best(open_and_back, 3)


def _big_meeting(ws):
    from models.meeting import Action, AgencyContribution, Attendance
    from storage import cases
    from storage.demo import demo_cases

    case = next(demo_cases(1)).model_copy(
        update={"id": "bench-case", "reference": "BENCH-1", "people": [], "places": []}
    )
    meeting = case.meetings[1].model_copy(
        update={
            "id": "bench-meeting",
            "attendance": [
                Attendance(id=f"bt{i}", name=f"Attendee {i}", agency="Police") for i in range(30)
            ],
            "contributions": [
                AgencyContribution(id=f"bk{i}", agency="Health", text="What is known. " * 60)
                for i in range(120)
            ],
            "actions": [
                Action(
                    id=f"ba{i}",
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
            "id": "bench-first",
            "attendance": [],
            "child_voice": [],
            "actions": [a.model_copy(update={"id": "bf" + a.id}) for a in case.meetings[0].actions],
        }
    )
    cases.save_case(ws, case.model_copy(update={"meetings": [first, meeting]}))
    return meeting


def bench_minutes(folder: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    from storage.family_check import confirm_family_check
    from storage.minutes import sign_minutes
    from storage.workspace import Workspace

    def plain_page() -> None:
        c = Canvas(str(Path(tempfile.gettempdir()) / "bench-plain.pdf"))
        c.drawString(100, 700, "baseline")
        c.save()

    baseline = best(plain_page)
    importlib.import_module("reports.minutes_pdf")  # loaded once per session (the preview
    importlib.import_module("reports.signing")  # does it first): not part of signing's time

    with Workspace.open(folder, "chair", PASS) as ws:
        confirm_family_check(ws, "bench-meeting")  # the chair's check comes before signing
        start = time.perf_counter()
        signed = sign_minutes(ws, "bench-meeting", PASS)
        spent = time.perf_counter() - start
    import io

    import pypdf

    pages = len(pypdf.PdfReader(io.BytesIO(signed.professional_pdf)).pages)
    report(
        f"minutes: sign both copies ({pages} pages)",
        spent,
        baseline,
        "vs one plain page; target < 1.5 s absolute",
    )


def open_keyed_count(folder: Path) -> range:
    from storage.workspace import Workspace

    with Workspace.open(folder, "chair", PASS) as ws:
        return range(ws.conn.execute("SELECT count(*) FROM cases").fetchone()[0])


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench")
    parser.add_argument("--size", type=int, default=int(os.environ.get("BENCH_SIZE", "100000")))
    parser.add_argument(
        "--from",
        dest="source",
        type=Path,
        help="copy this demo workspace (passphrase 'bench passphrase') instead of making one",
    )
    args = parser.parse_args()
    size = args.size
    import shutil

    from storage.demo import make_demo

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        bench_storage(tmp)
        folder = tmp / "ws"
        start = time.perf_counter()
        if args.source:
            shutil.copytree(args.source, folder)
            size = sum(1 for _ in open_keyed_count(folder))
            print(f"(demo workspace of {size:,} cases copied from {args.source})")
        else:
            make_demo(folder, PASS, size)
            print(f"(demo workspace of {size:,} cases made in {time.perf_counter() - start:.1f} s)")
        bench_startup(folder, size)
        bench_workspace(folder, size)
        bench_minutes(folder)


if __name__ == "__main__":
    main()
