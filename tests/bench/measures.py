"""The measures: each several rounds, against a baseline timed in the same run."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tests.bench.workspaces import (
    BIG_CASE,
    BIG_MEETING,
    IMPORT_CASES,
    PASS,
    ROOT,
    SIGN_ROUNDS,
    copy_workspace,
)


@dataclass
class Timing:
    samples: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    def __str__(self) -> str:
        return (
            f"median {self.median * 1000:8.1f} ms  p95 {self.p95 * 1000:8.1f} ms"
            f"  (n={len(self.samples)})"
        )


def timed(fn, rounds: int) -> Timing:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return Timing(samples)


class Plain:
    """The workspace's connection role for code that takes a workspace: plain SQLite."""

    def __init__(self, conn) -> None:
        self.conn = self.reader = conn


def open_plain(path: Path):
    """The same SQLCipher build, no key, the workspace's own settings."""
    from storage.connection import BUSY_TIMEOUT_MS, configure, connect

    conn = connect(str(path))
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    configure(conn)
    return conn


# --- storage: the app's own workload, encrypted vs plain --------------------------------
def storage(rounds: int, log) -> float:
    """Write 1,000 demo cases, reopen, read each back, list and search: the ratio of the
    slowest part (encrypted / plain)."""
    from storage import cases, migrations, records
    from storage.connection import open_keyed
    from storage.demo import demo_cases

    demo = list(demo_cases(1000))
    key = os.urandom(32)
    parts: dict[str, dict[str, list[float]]] = {}

    def run(kind: str, folder: Path) -> None:
        path = folder / f"{kind}.db"
        opener = (
            (lambda new: open_keyed(path, key, new=new))
            if kind == "encrypted"
            else (lambda new: open_plain(path))
        )
        conn = opener(True)
        migrations.migrate(conn)
        reference = records.load_reference(conn)
        start = time.perf_counter()
        for i in range(0, len(demo), 250):
            conn.execute("BEGIN IMMEDIATE")
            for case in demo[i : i + 250]:
                records.store_case(conn, case, reference)
            conn.execute("COMMIT")
        took = {"write": time.perf_counter() - start}
        conn.close()
        conn = opener(False)
        start = time.perf_counter()
        for case_id in records.case_ids(conn):
            records.load_case(conn, case_id)
        took["read after reopen"] = time.perf_counter() - start
        ws = Plain(conn)
        start = time.perf_counter()
        for _ in range(5):
            cases.list_cases(ws, limit=500)  # type: ignore[arg-type]
            for word in ("Haddad", "am", "attendance", "Zoe"):
                cases.search(ws, word)  # type: ignore[arg-type]
        took["list and search"] = time.perf_counter() - start
        conn.close()
        for part, spent in took.items():
            parts.setdefault(part, {}).setdefault(kind, []).append(spent)

    for n in range(rounds):
        # In pairs, side by side, the order swapped each round: load from other programs
        # then falls on both of a pair alike.
        for kind in ("plain", "encrypted") if n % 2 == 0 else ("encrypted", "plain"):
            with tempfile.TemporaryDirectory() as tmp:
                run(kind, Path(tmp))
    worst = 0.0
    for part, kinds in parts.items():
        enc, plain = statistics.median(kinds["encrypted"]), statistics.median(kinds["plain"])
        ratio = paired_ratio(kinds["encrypted"], kinds["plain"])
        log(
            f"  storage {part:<18} encrypted {enc * 1000:8.1f} ms  plain {plain * 1000:8.1f} ms"
            f"  ratio {ratio:5.2f} (median of {rounds} pairs)"
        )
        worst = max(worst, ratio)
    return worst


def paired_ratio(measured: list[float], baseline: list[float]) -> float:
    """The median of each round's ratio (a round's two runs shared the machine's load)."""
    return statistics.median(m / b for m, b in zip(measured, baseline, strict=True))


# --- start-up and memory, in fresh processes --------------------------------------------
def _child(mode: str, folder: Path | None = None) -> tuple[float, dict[str, float]]:
    """Seconds from starting the process to its "painted" line, and its other figures."""
    args = [sys.executable, "-m", "tests.bench.child", mode]
    if folder is not None:
        args.append(str(folder))
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    figures: dict[str, float] = {}
    painted = 0.0
    for line in proc.stdout:
        if line.strip() == "painted":
            painted = time.perf_counter() - start
        elif line.strip() == "unlock-painted":
            figures["unlock"] = time.perf_counter() - start
        elif " " in line:
            name, value = line.split()
            figures[name] = float(value)
    if proc.wait() != 0 or not painted:
        raise SystemExit(f"the {mode} process failed")
    return painted, figures


def startup(folder: Path, rounds: int, log) -> tuple[float, Timing, Timing]:
    """What a user waits for: from starting the app to its unlock screen painted, plus from
    unlocking to home painted. Left out: the key derivation (slow by design) and the time
    the unlock screen waits to be ready (loading what unlocking and home need, done while
    the passphrase is typed: logged, as is the figure with it included)."""
    bare, home, first, sequential = [], [], [], []
    for n in range(rounds):  # in pairs, the order swapped each round
        for mode in ("bare", "home") if n % 2 == 0 else ("home", "bare"):
            if mode == "bare":
                bare.append(_child("bare")[0])
            else:
                took, figures = _child("home", folder)
                home.append(took - figures["kdf"] - figures["idle"])
                first.append(figures["unlock"])
                sequential.append(took - figures["kdf"])
    b, h = Timing(bare), Timing(home)
    ratio = paired_ratio(home, bare)
    log(f"  start-up bare window      {b}")
    log(f"  start-up unlock painted   {Timing(first)}")
    log(f"  start-up home (no KDF)    {h}  ratio {ratio:.2f} (median of {rounds} pairs)")
    log(
        f"  (with the loading done while the passphrase is typed: {Timing(sequential)},"
        f" ratio {paired_ratio(sequential, bare):.2f})"
    )
    return ratio, h, b


def memory(folder: Path, log) -> float:
    bare = _child("bare-memory")[1]["rss"]
    peak = _child("memory", folder)[1]["rss"]
    log(f"  memory: bare window {bare:.0f} MB; home, 20 searches and a big meeting {peak:.0f} MB")
    return peak


# --- search ------------------------------------------------------------------------------
def queries() -> dict[str, str]:
    return {
        "common name": "Haddad",
        "one letter": "a",
        "two letters": "am",
        "reference": f"MASH-{date.today().year}-000777",
        "accented": "Zoe",
        "contribution word": "attendance",
        "two words": "Kyle Mercer",
    }


def search(ws, plain_path: Path, rounds: int, log) -> Timing:
    from storage import cases

    plain = Plain(open_plain(plain_path))
    every: list[float] = []
    for label, text in queries().items():
        cases.search(ws, text)  # warm the cache once, as typing does
        cases.search(plain, text)  # type: ignore[arg-type]
        t = timed(lambda text=text: cases.search(ws, text), rounds)
        b = timed(lambda text=text: cases.search(plain, text), rounds)  # type: ignore[arg-type]
        shown = len(cases.search(ws, text))
        log(
            f"  search {label:<17} {text!r:<20} {t.median * 1000:7.1f} ms"
            f"  (plain SQLite {b.median * 1000:6.1f} ms; {shown} shown)"
        )
        every += t.samples
    plain.conn.close()
    return Timing(every)


# --- a meeting opened on screen ----------------------------------------------------------
def meeting(ws, rounds: int, log) -> Timing:
    from storage import cases
    from tests.bench.child import wait_painted
    from ui.app import make_app
    from ui.main_window import MainWindow

    app = make_app()
    window = MainWindow(ws.folder)
    window.resize(1280, 820)
    window.show()
    window.on_unlocked(ws)
    window.show_case(BIG_CASE)
    wait_painted(app, window.stack.currentWidget())

    def open_it() -> None:
        window.show_meeting(BIG_CASE, BIG_MEETING)
        wait_painted(app, window.stack.currentWidget())

    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        open_it()
        samples.append(time.perf_counter() - start)
        window.go_back()
        wait_painted(app, window.stack.currentWidget())
    read = timed(lambda: cases.open_meeting(ws, BIG_MEETING), rounds)
    t = Timing(samples)
    log(f"  meeting on screen         {t}")
    log(f"  meeting storage read only {read}")
    window.go_home()
    window.hide()  # (closing would lock the workspace the next measures use)
    return t


# --- minutes ------------------------------------------------------------------------------
def minutes(ws, log) -> Timing:
    import io

    import pypdf

    from storage.family_check import confirm_family_check
    from storage.minutes import sign_minutes

    kdf = timed(lambda: ws.slots.open_user(ws.user.name, PASS).wipe(), 2).median
    samples, pages = [], 0
    for n in range(1, SIGN_ROUNDS + 1):
        meeting_id = f"{BIG_MEETING}-{n}"
        confirm_family_check(ws, meeting_id)  # the chair's check comes before signing
        start = time.perf_counter()
        signed = sign_minutes(ws, meeting_id, PASS)
        samples.append(time.perf_counter() - start - kdf)
        pages = len(pypdf.PdfReader(io.BytesIO(signed.professional_pdf)).pages)
    t = Timing(samples)
    log(f"  minutes: sign both copies of {pages} pages (KDF {kdf:.2f} s left out)  {t}")
    return t


# --- import -------------------------------------------------------------------------------
def bundle_import(empty: Path, bundle: Path, rounds: int, log) -> float:
    import json

    from models.bundle import parse_bundle
    from storage.bundles import import_bundle
    from storage.workspace import Workspace

    raw = bundle.read_bytes()
    parse_floor = timed(lambda: json.loads(raw), rounds)
    samples = []
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as tmp:
            folder = copy_workspace(empty, Path(tmp))
            with Workspace.open(folder, "chair", PASS) as ws:
                start = time.perf_counter()
                import_bundle(ws, parse_bundle(raw), "bench")
                samples.append(time.perf_counter() - start)
    t = Timing(samples)
    log(
        f"  import {IMPORT_CASES:,} cases ({len(raw) / 2**20:.0f} MB), parsing included {t};"
        f" json.loads alone {parse_floor.median * 1000:.0f} ms"
    )
    return IMPORT_CASES / t.median


# --- review ------------------------------------------------------------------------------
def review(ws, rounds: int, log) -> float | None:
    """The one-year review report: its figures (what the CSV holds and the screen shows
    first), then, for the record, with the meetings behind each figure and the lists."""
    from datetime import timedelta

    from models.review import Period
    from storage import review as module

    today = date.today()
    period = Period(start=today - timedelta(days=365), end=today)
    t = timed(lambda: module.compute(ws.conn, period, detail=False), rounds)
    log(f"  review: one year, figures {t}")
    detail = timed(lambda: module.compute(ws.conn, period, detail=True), max(1, rounds - 2))
    log(f"  review: with every list   {detail}")
    return t.median
