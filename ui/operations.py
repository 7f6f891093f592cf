"""Slow work off the UI thread; its success or failure comes back on the UI thread.

Unlock (Argon2id), PDF building, signing and big searches go through `run_in_background`.
The worker never touches a widget: it returns a value or raises, and the callbacks run in
the thread that owns `parent` once the work is done.

Every operation is counted, with what it does, from its start until its callback has run.
Locking or closing calls `finish_all`, which waits for all of them, saying how many and
what ("Waiting for 2 operations to finish (signing minutes)…"): a signature, a preview or a
search is never cut off, and its result lands before the workspace closes.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.i18n import tr

POLL_MS = 50


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # every failure is reported, none is lost in a thread
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


_live: set[_Relay] = set()
# What each running operation does, by its number; changed on the UI thread only (an
# operation is added where it starts and removed in its callback, both on the UI thread).
_running: dict[int, str] = {}
_numbers = itertools.count()


def run_in_background(
    parent: QObject,
    work: Callable[[], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None],
    what: str = "",
) -> None:
    """Run `work()` on the thread pool; call back on `parent`'s thread. `what` says what it
    does, in a few words ("signing minutes"), for the wait when locking."""
    relay = _Relay()
    relay.moveToThread(parent.thread())
    _live.add(relay)
    number = next(_numbers)
    _running[number] = what or tr("background work")

    def done_ok(result: Any) -> None:
        _live.discard(relay)
        try:
            if shiboken6.isValid(parent):  # the screen may have gone (locked) while it ran
                on_success(result)
        finally:
            _running.pop(number, None)

    def done_bad(exc: object) -> None:
        _live.discard(relay)
        try:
            if shiboken6.isValid(parent):
                on_failure(exc)  # type: ignore[arg-type]
        finally:
            _running.pop(number, None)

    relay.succeeded.connect(done_ok)
    relay.failed.connect(done_bad)
    QThreadPool.globalInstance().start(_Job(work, relay))


def running() -> list[str]:
    """What each operation still running does (one entry per operation)."""
    return list(_running.values())


def waiting_text(whats: list[str]) -> str:
    """'Waiting for 2 operations to finish (signing minutes, searching)…'"""
    kinds = ", ".join(dict.fromkeys(whats))
    if len(whats) == 1:
        return tr("Waiting for 1 operation to finish ({0})…").format(kinds)
    return tr("Waiting for {0} operations to finish ({1})…").format(len(whats), kinds)


def finish_all(window: QWidget, show: Callable[[str], None] | None = None) -> int:
    """Wait, with the window's events still handled, until every operation has come back and
    its callback has run; meanwhile a window-modal note says how many and what (also given to
    `show`). Returns how many there were when the wait began."""
    if not _running:
        return 0
    from PySide6.QtCore import Qt  # (its first use takes 14 ms: not before the first paint)

    began = len(_running)
    note = QProgressDialog(window)
    note.setWindowTitle(tr("Finishing"))
    note.setCancelButton(None)  # nothing is cut off
    note.setRange(0, 0)
    note.setMinimumDuration(0)
    note.setWindowModality(Qt.WindowModality.WindowModal)
    loop = QEventLoop()
    timer = QTimer()

    def check() -> None:
        if not _running:
            loop.quit()
            return
        text = waiting_text(running())
        if note.labelText() != text:
            note.setLabelText(text)
            if show is not None:
                show(text)

    timer.timeout.connect(check)
    timer.start(POLL_MS)
    check()
    note.show()
    if _running:
        loop.exec()
    timer.stop()
    note.close()
    note.deleteLater()
    return began
