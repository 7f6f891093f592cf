"""Locking waits for running background work, says how much and what, and cuts nothing off.

A real signing (held just before its first signature) and a real search (held before it
reads) run when the user locks: the window says "Waiting for 2 operations to finish
(searching, signing minutes)…" for as long as they take (longer than the old 5 s limit),
then locks; the signed minutes are stored and the audit chain is whole.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QTimer

from storage import search as search_module
from storage.family_check import confirm_family_check
from storage.minutes import latest_signed
from storage.workspace import Workspace
from tests.storage.test_threads import PausedSigning
from tests.ui.test_concurrency import PASS, demo_template, window  # noqa: F401 - fixtures
from ui import operations

HOLD_SECONDS = 5.5  # longer than the 5 s the window used to wait before closing regardless


class PausedSearch:
    """Holds every search until the test says go."""

    def __init__(self, monkeypatch):
        self.started, self.go = threading.Event(), threading.Event()
        real = search_module.search_page  # what the home screen runs in the background

        def paused(*args, **kwargs):
            self.started.set()
            assert self.go.wait(30)
            return real(*args, **kwargs)

        monkeypatch.setattr(search_module, "search_page", paused)


def test_lock_waits_for_signing_and_a_search_and_counts_them(qtbot, window, monkeypatch):  # noqa: F811
    home = window.screens[-1]
    search = PausedSearch(monkeypatch)
    qtbot.keyClicks(home.search, "Smith")
    qtbot.waitUntil(search.started.is_set, timeout=10_000)

    window.show_case_by_reference("MASH-2026-000004")
    window.show_meeting(window.screens[-1].case.id, "g1-m73")
    meeting = window.screens[-1]
    minutes = meeting.minutes
    meeting.pages.setCurrentWidget(minutes)
    qtbot.waitUntil(lambda: minutes.document.pageCount() > 0, timeout=20_000)
    confirm_family_check(window.workspace, "g1-m73")
    signing = PausedSigning(monkeypatch)
    minutes.sign(PASS)
    qtbot.waitUntil(signing.started.is_set, timeout=20_000)
    assert sorted(operations.running()) == ["searching", "signing minutes"]

    said: list[str] = []
    began = time.monotonic()

    def watch() -> None:
        text = window.statusBar().currentMessage()
        if text and (not said or said[-1] != text):
            said.append(text)
        if time.monotonic() - began >= HOLD_SECONDS:
            search.go.set()
            signing.go.set()

    watcher = QTimer()
    watcher.timeout.connect(watch)
    watcher.start(50)
    folder = window.workspace.folder
    window.lock()  # returns once both have finished and landed
    watcher.stop()
    waited = time.monotonic() - began

    assert said[0] == "Waiting for 2 operations to finish (searching, signing minutes)…"
    assert waited >= HOLD_SECONDS
    assert said[1] == "Waiting for 1 operation to finish (signing minutes)…"
    # (the unlock screen, shown again, may already be looking for the keychain)
    assert not {"searching", "signing minutes"} & set(operations.running())
    assert window.workspace is None and window.stack.currentWidget() is window.unlock_screen
    with Workspace.open(folder, "chair", PASS) as ws:
        signed = latest_signed(ws, "g1-m73")
        assert signed is not None and signed.version == 1  # the signature was not cut off
        assert ws.verify_audit().ok


def test_the_waiting_words(qtbot):
    assert operations.waiting_text(["signing minutes"]) == (
        "Waiting for 1 operation to finish (signing minutes)…"
    )
    assert operations.waiting_text(["signing minutes", "signing minutes"]) == (
        "Waiting for 2 operations to finish (signing minutes)…"
    )
