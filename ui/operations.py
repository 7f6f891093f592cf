"""Slow work off the UI thread; its success or failure comes back on the UI thread.

Unlock (Argon2id), PDF building, signing and big searches go through `run_in_background`.
The worker never touches a widget: it returns a value or raises, and the callbacks run in
the thread that owns `parent` once the work is done.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


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


def run_in_background(
    parent: QObject,
    work: Callable[[], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None],
) -> None:
    """Run `work()` on the thread pool; call back on `parent`'s thread."""
    relay = _Relay()
    relay.moveToThread(parent.thread())
    _live.add(relay)

    def done_ok(result: Any) -> None:
        _live.discard(relay)
        if shiboken6.isValid(parent):  # the screen may have gone (locked) while it ran
            on_success(result)

    def done_bad(exc: object) -> None:
        _live.discard(relay)
        if shiboken6.isValid(parent):
            on_failure(exc)  # type: ignore[arg-type]

    relay.succeeded.connect(done_ok)
    relay.failed.connect(done_bad)
    QThreadPool.globalInstance().start(_Job(work, relay))
