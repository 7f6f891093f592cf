"""The demo is data (resources/demo/cases.json, a case bundle): its dates follow today, it goes
through the bundle checks and import like any bundle, and it shows a week's work with
items of several kinds withheld from the family, none of which reaches a family copy."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pypdf
import pytest
from pydantic import BaseModel

import resources
from models.bundle import VERSION, parse_bundle
from models.meeting import ActionStatus, MeetingStatus
from models.withholding import hidden_from_family
from storage.cases import open_case
from storage.demo import demo_cases, make_demo
from storage.workspace import Workspace

CASES = resources.path("demo", "cases.json")
ANCHOR = date.fromisoformat(
    json.loads(resources.path("demo", "about.json").read_text())["dates_as_of"]
)
SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "bundle.schema.json"


def _withheld(node, path=""):
    """(kind, item) of every item withheld from the family, anywhere in a record."""
    if isinstance(node, BaseModel):
        if hidden_from_family(node):
            yield type(node).__name__, node
        for name in type(node).model_fields:
            yield from _withheld(getattr(node, name), f"{path}.{name}")
    elif isinstance(node, list):
        for item in node:
            yield from _withheld(item, path)


def test_the_demo_is_a_plain_bundle_file_the_schema_accepts():
    data = json.loads(CASES.read_text(encoding="utf-8"))
    assert data["format"] == "caseroom-bundle" and data["version"] == VERSION
    assert len(data["cases"]) == 6
    assert parse_bundle(CASES.read_bytes()).cases[0].reference == "MASH-2026-000001"
    ids = re.findall(r'"(?:id|person_id|action_id|linked_danger_id)": "([^"]+)"', CASES.read_text())
    assert ids and all(i.startswith("g1-") for i in ids)
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA), str(CASES)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("days", [0, 1, 97, 366 * 3])
def test_every_date_keeps_its_distance_from_today(days):
    then = list(demo_cases(6, ANCHOR))
    now = list(demo_cases(6, ANCHOR + timedelta(days=days)))
    moved = timedelta(days=days)
    for a, b in zip(then, now, strict=True):
        assert b.opened_on - a.opened_on == moved
        for p, q in zip(a.people, b.people, strict=True):
            if p.date_of_birth:
                assert q.date_of_birth - p.date_of_birth == moved
        for m, n in zip(a.meetings, b.meetings, strict=True):
            assert (n.date - m.date, n.start_time) == (moved, m.start_time)
            if m.contact_received_at:
                assert n.contact_received_at - m.contact_received_at == moved
            for x, y in zip(m.actions, n.actions, strict=True):
                assert (x.due is None and y.due is None) or y.due - x.due == moved
    assert now[0].reference == f"MASH-{(ANCHOR + moved).year}-000001"


def test_the_demo_reads_like_a_week_at_a_mash():
    today = date.today()
    cases = list(demo_cases(6, today))
    meetings = [m for c in cases for m in c.meetings]
    assert any(m.date == today for m in meetings)
    assert any(m.date > today and m.status is MeetingStatus.SCHEDULED for m in meetings)
    assert sum(m.status is MeetingStatus.SIGNED for m in meetings) == 4  # signed when made
    open_actions = [
        a for m in meetings for a in m.actions if a.status is ActionStatus.OPEN and a.due
    ]
    assert any(a.due < today for a in open_actions)  # overdue
    assert any(today <= a.due <= today + timedelta(days=7) for a in open_actions)
    ages = {
        p.name: (today - p.date_of_birth).days // 365
        for c in cases
        for p in c.people
        if p.date_of_birth and p.role.value == "child"
    }
    assert ages["Amira Haddad"] == 14
    names = " ".join(p.name for c in cases for p in c.people)
    for script in ("Zoë", "Αλέξης", "Дмитрий", "Łukasz", "Siobhán"):  # every script it shows
        assert script in names


def test_withheld_items_of_several_kinds():
    kinds = {kind for case in demo_cases(6) for kind, _ in _withheld(case)}
    assert {
        "Attendance",
        "AgencyContribution",
        "SharingDecision",
        "ChildVoice",
        "CseIndicator",
        "Action",
    } <= kinds
    assert len(kinds) >= 7, kinds  # and a Signs of Safety entry
    for case in demo_cases(6):
        for _, item in _withheld(case):  # (a decision not to share is withheld by itself)
            assert item.withheld_reason.strip() or not item.withheld_from_family


def test_more_than_six_cases_repeat_the_six_with_their_own_ids():
    cases = list(demo_cases(13, ANCHOR))
    assert [c.reference for c in cases] == [f"MASH-2026-{n:06d}" for n in range(1, 14)]
    assert len({c.id for c in cases}) == 13
    first, seventh = cases[0], cases[6]
    assert seventh.id == first.id.replace("g1-", "g2-", 1)
    assert seventh.people[0].name == first.people[0].name
    shared = {p.id for p in cases[0].people} & {p.id for p in cases[4].people}
    assert [p.name for p in cases[0].people if p.id in shared] == ["Kyle Mercer"]
    assert shared.isdisjoint({p.id for p in cases[6].people})


def _pdf_text(pdf: bytes) -> str:
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", text)


def test_make_demo_imports_the_bundle_signs_the_past_and_the_family_copy_discloses_nothing_withheld(
    tmp_path,
):
    folder = tmp_path / "demo"
    shown = make_demo(folder, "demo passphrase!", size=7)
    assert [r for r, *_ in shown][:2] == [f"MASH-{date.today().year}-000001"] * 2
    with Workspace.open(folder, "chair", "demo passphrase!") as ws:
        conn = ws.conn
        imports = [
            json.loads(d)
            for (d,) in conn.execute(
                "SELECT detail FROM audit_log WHERE action = 'bundle.import' ORDER BY seq"
            )
        ]
        assert [(i["source"], i["cases"]) for i in imports] == [("demo", 7)]
        signed = dict(conn.execute("SELECT meeting_id, family_pdf FROM minutes"))
        assert sorted(signed) == ["g1-m37", "g1-m5", "g1-m58", "g1-m87"]  # not g2's
        professional = dict(conn.execute("SELECT meeting_id, professional_pdf FROM minutes"))
        cases = {c.id: c for c in demo_cases(6)}
        checked = 0
        for case in cases.values():
            for meeting in case.meetings:
                if meeting.id not in signed:
                    continue
                family = _pdf_text(signed[meeting.id])
                full = _pdf_text(professional[meeting.id])
                for _, item in _withheld(meeting):
                    words = getattr(item, "text", "") or getattr(item, "words", "")
                    words = words or getattr(item, "what", "") or getattr(item, "indicator", "")
                    sample = " ".join(words.split()[:5])
                    if sample:
                        assert sample in full, (meeting.id, sample)
                        assert sample not in family, (meeting.id, sample)
                        checked += 1
        assert checked >= 5
        # Amira's strategy discussion, as signed: what the family reads and what it does not.
        for pdf in (signed["g1-m5"], professional["g1-m5"]):  # the number on one line
            lines = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
            assert re.search(r"999[ \u00a0]737[ \u00a0]1771", lines)
        family, full = _pdf_text(signed["g1-m5"]), _pdf_text(professional["g1-m5"])
        for both in ("NHS number 999 737 1771 (verified)", "National Referral Mechanism"):
            assert both in family and both in full, both
        for police_only in ("NG-26-044871", "Marcus Hale", "Jade", "Thornton", "on video"):
            assert police_only in full and police_only not in family, police_only
        assert "More detrimental to the child (CWSA 2026 s4)" in full
        # the contact time is printed in the workspace's zone, and its label says no other
        assert "Contact received" in family and "(UTC)" not in family
        assert "outside the home" in family.casefold() and "online" in family.casefold()
        first, again = (open_case(ws, f"{g}-case31").people[0] for g in ("g1", "g2"))
        assert first.name == again.name == "Amira Haddad"
        assert again.consistent_identifier != first.consistent_identifier  # her own number
