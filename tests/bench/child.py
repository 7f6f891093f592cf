"""What the bench runs in a fresh process: `python -m tests.bench.child MODE [FOLDER]`.

bare    the same PySide6 showing an empty QMainWindow, until a frame of it is painted;
home    the app's window: its unlock screen until painted; then, once it is ready (what
        unlocking and home need is loaded while a passphrase would be typed), unlocked as
        the chair until the home screen's case list is painted. The time waited for the
        unlock screen to be ready ("idle") and the key derivation ("kdf") are printed, for
        the parent to leave out;
memory  home, then 20 searches typed into the home screen, then a big meeting open; prints
        the peak resident memory.

Each prints "painted" the moment the frame was drawn; the parent times from starting the
process to reading that line.
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SEARCHES = ["Haddad", "a", "am", "Zoe", "attendance", "Kyle Mercer", "lukasz", "MASH"]


def wait_painted(app, widget, timeout: float = 30.0) -> None:
    """Process events until `widget` has been sent a paint event (checked, not assumed)."""
    from PySide6.QtCore import QEvent, QObject

    class Watch(QObject):
        painted = False

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                Watch.painted = True
            return False

    watch = Watch()
    widget.installEventFilter(watch)
    widget.update()
    end = time.monotonic() + timeout
    while not Watch.painted:
        if time.monotonic() > end:
            raise SystemExit(f"no frame painted within {timeout} s")
        app.processEvents()
        time.sleep(0.0005)
    widget.removeEventFilter(watch)


def peak_mb() -> float:
    """Peak resident memory of this process (VmHWM: ru_maxrss would carry the parent's over
    fork and exec)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def quiet_qt() -> None:
    """The offscreen platform warns on every window about size hints it does not support."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_kind, _context, message):
        if "propagateSizeHints" not in message:
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


def bare() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([])
    window = QMainWindow()
    window.resize(1280, 820)
    window.show()
    wait_painted(app, window)
    print("painted", flush=True)


def home(folder: str):
    from pathlib import Path

    from ui.app import make_app
    from ui.main_window import MainWindow

    app = make_app()
    window = MainWindow(Path(folder))
    window.resize(1280, 820)
    window.show()
    wait_painted(app, window.unlock_screen)
    print("unlock-painted", flush=True)
    start = time.perf_counter()
    while not window.unlock_screen.ready:  # a person types meanwhile
        app.processEvents()
        time.sleep(0.0005)
    print(f"idle {time.perf_counter() - start}", flush=True)
    from storage.keyslots import KeySlots
    from storage.workspace import Workspace

    start = time.perf_counter()
    slots = KeySlots.load(Path(folder))
    key = slots.unlock("chair", "bench passphrase")
    print(f"kdf {time.perf_counter() - start}", flush=True)
    ws = Workspace._open(Path(folder), slots, key, "chair", "passphrase", 0)
    window.on_unlocked(ws)
    screen = window.stack.currentWidget()
    wait_painted(app, screen.case_table.viewport())
    assert screen.case_model.rowCount() > 0, "the home screen shows no cases"
    print("painted", flush=True)
    return app, window, screen


def memory(folder: str) -> None:
    from tests.bench.workspaces import BIG_CASE, BIG_MEETING

    app, window, screen = home(folder)
    for n in range(20):
        screen.search.setText(SEARCHES[n % len(SEARCHES)] + " " * (n // len(SEARCHES)))
        seq = screen._search_seq + 1
        screen.run_search()
        end = time.monotonic() + 30
        while screen._search_seq == seq and not screen.hit_table.isVisible():
            if time.monotonic() > end:
                break
            app.processEvents()
            time.sleep(0.001)
        screen.hit_table.hide()
    window.show_meeting(BIG_CASE, BIG_MEETING)
    wait_painted(app, window.stack.currentWidget())
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone()
    print(f"rss {peak_mb()}", flush=True)


def main() -> None:
    mode = sys.argv[1]
    quiet_qt()
    if mode == "bare":
        bare()
    elif mode == "bare-memory":
        bare()
        print(f"rss {peak_mb()}", flush=True)
    elif mode == "home":
        home(sys.argv[2])
    elif mode == "memory":
        memory(sys.argv[2])
    os._exit(0)  # the parent has its line; no teardown to time


if __name__ == "__main__":
    main()
