"""Hostile bundles and key slots: each fault its own plain message, nothing written."""

from __future__ import annotations

import base64
import json
import os
import time

import pytest

from models.bundle import dump_bundle
from storage import records
from storage.bundles import import_bundle, read_bundle_file
from storage.demo import demo_cases
from storage.errors import DamagedWorkspace, InvalidInput
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE, snapshot_files


def _new_cases():
    """Six cases the demo workspace does not have yet (the second group of the demo)."""
    return list(demo_cases(12))[6:]


def _import_refused(folder, tmp_path, bundle_cases, match):
    path = tmp_path / "bundle.json"
    path.write_bytes(dump_bundle(bundle_cases))
    bundle = read_bundle_file(path)
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        before = ws.checkpoint()
        count = len(records.case_ids(ws.conn))
        with pytest.raises(InvalidInput, match=match):
            import_bundle(ws, bundle, "bundle.json")
        assert ws.checkpoint() == before and len(records.case_ids(ws.conn)) == count


def test_a_place_that_differs_from_the_shared_one_is_refused(demo_folder, tmp_path):
    with Workspace.open(demo_folder, "chair", PASSPHRASE) as ws:
        shared = records.load_place(ws.conn, ws.conn.execute("SELECT id FROM places").fetchone()[0])
        untouched = ws.conn.execute("SELECT body FROM places WHERE id = ?", (shared.id,)).fetchone()
    new = _new_cases()
    case = new[0]
    hijack = shared.model_copy(update={"name": "Hijacked place"})
    new[0] = case.model_copy(update={"places": [*case.places, hijack]})
    _import_refused(demo_folder, tmp_path, new, rf"places\[\d+\]: place {shared.id!r} is already")
    with Workspace.open(demo_folder, "chair", PASSPHRASE) as ws:
        assert (
            ws.conn.execute("SELECT body FROM places WHERE id = ?", (shared.id,)).fetchone()
            == untouched
        )


def test_the_same_place_unchanged_is_welcome(demo_folder, tmp_path):
    with Workspace.open(demo_folder, "chair", PASSPHRASE) as ws:
        shared = records.load_place(ws.conn, ws.conn.execute("SELECT id FROM places").fetchone()[0])
        new = _new_cases()
        new[0] = new[0].model_copy(update={"places": [*new[0].places, shared]})
        path = tmp_path / "ok.json"
        path.write_bytes(dump_bundle(new))
        assert import_bundle(ws, read_bundle_file(path)).cases == 6


def _with_action_id(case, action_id):
    meeting = next(m for m in case.meetings if m.actions)
    actions = [*meeting.actions, meeting.actions[0].model_copy(update={"id": action_id})]
    meetings = [
        m.model_copy(update={"actions": actions}) if m.id == meeting.id else m
        for m in case.meetings
    ]
    return case.model_copy(update={"meetings": meetings})


def test_an_action_id_of_another_case_is_refused(demo_folder, tmp_path):
    with Workspace.open(demo_folder, "chair", PASSPHRASE) as ws:
        taken, owner = ws.conn.execute("SELECT id, case_id FROM actions LIMIT 1").fetchone()
    new = _new_cases()
    index = next(i for i, c in enumerate(new) if any(m.actions for m in c.meetings))
    new[index] = _with_action_id(new[index], taken)
    _import_refused(
        demo_folder, tmp_path, new, f"action {taken!r} already belongs to case {owner!r}"
    )


def test_an_action_id_used_by_two_cases_of_one_bundle_is_refused(demo_folder, tmp_path):
    new = _new_cases()
    with_actions = [i for i, c in enumerate(new) if any(m.actions for m in c.meetings)]
    first, second = with_actions[:2]
    new[first] = _with_action_id(new[first], "shared-action")
    new[second] = _with_action_id(new[second], "shared-action")
    _import_refused(demo_folder, tmp_path, new, "action 'shared-action' already belongs to case")


@pytest.mark.parametrize("salt_bytes", [0, 4, 7])
def test_a_key_slot_salt_under_8_bytes_is_damage_not_a_crash(demo_folder, salt_bytes):
    path = demo_folder / "keyslots.json"
    data = json.loads(path.read_text())
    data["slots"][0]["kdf"]["salt"] = base64.b64encode(b"s" * salt_bytes).decode()
    path.write_text(json.dumps(data))
    before = snapshot_files(demo_folder)
    with pytest.raises(DamagedWorkspace, match=r"keyslots\.json is damaged"):
        Workspace.open(demo_folder, "chair", PASSPHRASE)
    assert snapshot_files(demo_folder) == before


def test_verify_refuses_a_pdf_over_the_size_limit_at_once(tmp_path):
    from storage.verification import MAX_PDF_BYTES, verify_with_published

    big = tmp_path / "big.pdf"
    with open(big, "wb") as out:
        out.write(b"%PDF-1.7\n")
        out.truncate(MAX_PDF_BYTES + 1)  # sparse: nothing is really written
    started = time.perf_counter()
    with pytest.raises(InvalidInput, match="larger than signed minutes can be"):
        verify_with_published(None, big)
    assert time.perf_counter() - started < 1


def test_verify_of_20_mb_of_junk_is_quick(tmp_path):
    from reports.verify import Verdict
    from storage.verification import verify_with_published

    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.7\n" + os.urandom(20 * 2**20))
    started = time.perf_counter()
    assert verify_with_published(None, junk).verdict is Verdict.NOT_PDF
    assert time.perf_counter() - started < 2


def test_verify_is_bounded_in_time(tmp_path, monkeypatch):
    import storage.verification as verification

    monkeypatch.setattr(verification, "VERIFY_SECONDS", 0.05)
    slow = tmp_path / "slow.pdf"
    slow.write_bytes(b"%PDF-1.7\n" + b"\0" * (4 * 2**20) + b"\n%%EOF\n")
    started = time.perf_counter()
    with pytest.raises(InvalidInput, match="took longer than"):
        verification.verify_with_published(None, slow)
    assert time.perf_counter() - started < 1
