"""Each thread its own connection: the UI saves while a worker signs, and both land."""

from __future__ import annotations

import threading

import pytest

import reports.signing
from models.meeting import MeetingStatus
from models.minutes import Variant
from storage import audit, cases, records
from storage.demo import demo_cases
from storage.errors import InvalidInput
from storage.family_check import confirm_family_check
from storage.minutes import (
    draft_pdf,
    latest_signed,
    sign_minutes,
    stored_snapshot,
)
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE


@pytest.fixture
def ws(demo_folder):
    with Workspace.open(demo_folder, "chair", PASSPHRASE) as opened:
        yield opened


def _meeting_to_sign(ws):
    """The fourth demo case's first meeting (it has attendance, so it can be signed), its
    family copy checked."""
    case_id = list(demo_cases(6))[3].id
    confirm_family_check(ws, records.load_case(ws.conn, case_id).meetings[0].id)
    case = records.load_case(ws.conn, case_id)
    return case, case.meetings[0]


class PausedSigning:
    """Holds the first signature until the test says go, so work lands while signing runs."""

    def __init__(self, monkeypatch):
        self.started, self.go = threading.Event(), threading.Event()
        real = reports.signing.sign_pdf

        def paused(*args, **kwargs):
            self.started.set()
            assert self.go.wait(30)
            return real(*args, **kwargs)

        monkeypatch.setattr(reports.signing, "sign_pdf", paused)


def _sign_in_thread(ws, meeting_id):
    outcome = {}

    def work():
        try:
            with ws.for_thread() as worker:
                outcome["signed"] = sign_minutes(worker, meeting_id, PASSPHRASE)
        except BaseException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=work)
    thread.start()
    return thread, outcome


def test_a_save_while_signing_runs_lands_and_so_does_the_signature(ws, monkeypatch):
    case, meeting = _meeting_to_sign(ws)
    other = next(c for c in cases.list_cases(ws) if c.id != case.id)
    pause = PausedSigning(monkeypatch)
    thread, outcome = _sign_in_thread(ws, meeting.id)
    assert pause.started.wait(30)
    # The UI thread saves another case on its own connection while signing is under way.
    changed = cases.open_case(ws, other.id)
    cases.save_case(ws, changed.model_copy(update={"allocated_worker": "Saved during signing"}))
    pause.go.set()
    thread.join(60)
    assert "error" not in outcome, outcome.get("error")
    assert records.load_case(ws.conn, other.id).allocated_worker == "Saved during signing"
    signed = latest_signed(ws, meeting.id)
    assert signed == outcome["signed"] and signed.version == 1
    assert records.load_meeting(ws.conn, meeting.id)[1].status is MeetingStatus.SIGNED
    # The signed PDF's checkpoint is the signing event itself, made after the save.
    snapshot = stored_snapshot(ws, meeting.id, 1)
    sign_event = next(e for e in audit.events(ws.conn, 50) if e["action"] == "minutes.sign")
    save_event = next(e for e in audit.events(ws.conn, 50) if e["action"] == "case.update")
    assert snapshot.audit_seq == sign_event["seq"] > save_event["seq"]
    assert ws.verify_audit().ok


def test_a_change_to_the_meeting_being_signed_stops_the_signing(ws, monkeypatch):
    case, meeting = _meeting_to_sign(ws)
    pause = PausedSigning(monkeypatch)
    thread, outcome = _sign_in_thread(ws, meeting.id)
    assert pause.started.wait(30)
    cases.save_meeting(ws, case.id, meeting.model_copy(update={"purpose": "Changed meanwhile"}))
    pause.go.set()
    thread.join(60)
    assert isinstance(outcome.get("error"), InvalidInput)
    assert "changed while its minutes were being signed" in str(outcome["error"])
    assert latest_signed(ws, meeting.id) is None
    assert records.load_meeting(ws.conn, meeting.id)[1].purpose == "Changed meanwhile"
    assert ws.verify_audit().ok


def test_the_draft_preview_reads_on_its_own_connection(ws):
    _case, meeting = _meeting_to_sign(ws)
    with ws.transaction():  # the UI thread is inside a write
        ws.record("test.hold", "workspace")
        with ws.for_thread() as worker:
            pdf = draft_pdf(worker, meeting.id, Variant.FAMILY)
    assert pdf.startswith(b"%PDF-")
