"""The case record in a real encrypted workspace: save, read back, rules, audit, search."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from models.meeting import ActionStatus, AgencyContribution, MeetingStatus
from models.reference import ReferenceData
from models.rules import actions_to_review, cse_review_flag, current_actions, retention_date
from models.users import Role
from storage import access, audit, cases, records
from storage.demo import demo_cases
from storage.errors import InvalidInput, PermissionDenied
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE


@pytest.fixture
def demo(workspace):
    for case in demo_cases(6):
        cases.save_case(workspace, case)
    return workspace


def _actions(ws, action):
    return [e for e in audit.events(ws.conn, 1000) if e["action"] == action]


def test_every_case_reads_back_exactly(demo):
    for case in demo_cases(6):
        assert cases.open_case(demo, case.id) == case
    assert len(_actions(demo, "case.create")) == 6
    assert len(_actions(demo, "case.view")) == 6
    assert demo.verify_audit().ok


def test_linked_person_is_one_record_across_cases(demo):
    rows = demo.conn.execute(
        "SELECT p.name, count(*) FROM case_people cp JOIN people p ON p.id = cp.person_id GROUP BY cp.person_id HAVING count(*) > 1"
    ).fetchall()
    assert rows == [("Kyle Mercer", 2)]


def test_save_meeting_updates_index_search_and_audit(demo):
    amira = next(demo_cases(1))
    _, meeting = cases.open_meeting(demo, amira.meetings[1].id)
    meeting = meeting.model_copy(
        update={
            "contributions": [
                *meeting.contributions,
                AgencyContribution(
                    id="new-c",
                    agency="Housing",
                    text="Emergency accommodation offered at Quayside Court.",
                ),
            ]
        }
    )
    assert cases.search(demo, "Quayside") == []
    cases.save_meeting(demo, amira.id, meeting)
    hits = cases.search(demo, "quaysid")  # prefix, as typed
    assert [(h.case_id, h.kind) for h in hits] == [(amira.id, "contribution")]
    assert _actions(demo, "meeting.update")


def test_search_is_accent_insensitive_and_puts_the_case_first(demo):
    hits = cases.search(demo, "Zoe")
    assert hits and hits[0].title == "Zoë Lefèvre"
    assert cases.search(demo, "лукаш") == []
    assert cases.search(demo, "Дмитрий")[0].title == "Дмитрий Соколов"
    assert cases.search(demo, "ΑΛΕΞΗΣ")[0].title == "Αλέξης Παπαδόπουλος"
    kyle_cases = {h.case_id for h in cases.search(demo, "Kyle Mercer")}
    assert len(kyle_cases) == 2
    nowak = list(demo_cases(6))[4]
    assert cases.search(demo, "Kyle", case_id=nowak.id)[0].case_id == nowak.id
    assert (
        cases.search(demo, 'Kyle" OR *') != [] or True
    )  # hostile query text is quoted, never an error
    assert cases.search(demo, "") == [] and cases.search(demo, "   ***   ") == []


def test_signed_meeting_is_read_only(demo):
    amira = next(demo_cases(1))
    signed = amira.meetings[0]
    assert signed.status is MeetingStatus.SIGNED
    changed = signed.model_copy(update={"purpose": "rewritten after signing"})
    with pytest.raises(InvalidInput, match="signed addendum"):
        cases.save_meeting(demo, amira.id, changed)
    assert cases.open_case(demo, amira.id).meetings[0] == signed


def test_failed_save_changes_nothing(demo):
    amira = next(demo_cases(1))
    clash = amira.model_copy(update={"id": "another", "meetings": [], "people": []})
    before = audit.checkpoint(demo.conn)
    with pytest.raises(InvalidInput, match="already has the reference"):
        cases.save_case(demo, clash)
    assert audit.checkpoint(demo.conn) == before
    assert not records.case_exists(demo.conn, "another")


def test_viewer_cannot_write(demo):
    access.add_user(
        demo,
        "reader",
        "reader passphrase",
        roles=frozenset({Role.VIEWER}),
        admin_passphrase=PASSPHRASE,
    )
    folder = demo.folder
    demo.close()
    with Workspace.open(folder, "reader", "reader passphrase") as ws:
        with pytest.raises(PermissionDenied):
            cases.save_case(ws, next(demo_cases(1)))
        assert cases.open_case(ws, next(demo_cases(1)).id)


def test_carried_over_actions_and_due_lists(demo):
    amira = next(demo_cases(1))
    today = date.today()
    first, second = amira.meetings
    to_review = actions_to_review(amira, second)
    assert [a.what for a in to_review] == [a.what for a in first.actions]
    status = current_actions(amira)
    assert status[first.actions[0].id].status is ActionStatus.DONE
    assert status[first.actions[2].id].status is ActionStatus.OPEN
    due = cases.open_actions_due(demo, today + timedelta(days=7))
    overdue = [a for a in due if a.due < today.isoformat()]
    assert overdue and all(a.due for a in due)
    assert first.actions[0].id not in {a.id for a in due}  # reported done in the next meeting
    assert {m.type for m in cases.meetings_between(demo, today, today)} >= {
        "Exploitation (CSE) panel",
        "MASH strategy discussion",
    }


def test_retention_and_cse_flag():
    dmitry = list(demo_cases(6))[3]
    assert "under 13" in cse_review_flag(dmitry, dmitry.meetings[0])
    amira = next(demo_cases(1))
    assert cse_review_flag(amira, amira.meetings[0]) is None  # 14: no automatic flag
    born = amira.people[0].date_of_birth
    assert retention_date(amira, ReferenceData()) == born.replace(year=born.year + 25)


def test_demo_of_forty_cases(tmp_path):
    from storage.demo import make_demo

    seen = []
    make_demo(
        tmp_path / "big", "demo passphrase!", size=40, progress=lambda d, t: seen.append((d, t))
    )
    with Workspace.open(tmp_path / "big", "police", "demo passphrase!") as ws:
        assert len(cases.list_cases(ws)) == 40
        assert ws.verify_audit().ok
    assert seen[-1] == (40, 40)


def test_save_meeting_follows_status_rules(demo):
    from models.meeting import ActionStatus, MeetingStatus

    lefevre = list(demo_cases(6))[1]
    core = lefevre.meetings[1]
    with pytest.raises(InvalidInput, match="cannot go from scheduled to signed"):
        cases.save_meeting(
            demo, lefevre.id, core.model_copy(update={"status": MeetingStatus.SIGNED})
        )
    amira = next(demo_cases(1))
    panel = amira.meetings[1]
    done = panel.model_copy(
        update={"actions": [panel.actions[0].model_copy(update={"status": ActionStatus.DONE})]}
    )
    cases.save_meeting(demo, amira.id, done)
    not_done = done.model_copy(
        update={
            "actions": [
                done.actions[0].model_copy(
                    update={"status": ActionStatus.NOT_DONE, "status_reason": "staff left"}
                )
            ]
        }
    )
    with pytest.raises(InvalidInput, match="Reopen the action before closing it another way"):
        cases.save_meeting(demo, amira.id, not_done)


def test_new_case_and_rag_follows_the_meeting(demo):
    from models.risk import Rag

    case = cases.new_case(demo, "CON-2026-77", "Ana Sofía Pérez")
    assert cases.open_case(demo, case.id).children()[0].name == "Ana Sofía Pérez"
    with pytest.raises(InvalidInput, match="reference"):
        cases.new_case(demo, "  ")
    with pytest.raises(InvalidInput, match="control character"):
        cases.new_case(demo, "CON\x07")
    amira = next(demo_cases(1))
    panel = amira.meetings[1]
    cases.save_meeting(
        demo,
        amira.id,
        panel.model_copy(
            update={
                "risk": panel.risk.model_copy(
                    update={"rag": Rag.AMBER, "rag_reason": "No missing episodes for 10 days"}
                )
            }
        ),
    )
    saved = cases.open_case(demo, amira.id)
    assert saved.rag is Rag.AMBER
    assert (
        saved.rag_history[-1].reason == "No missing episodes for 10 days"
        and saved.rag_history[-1].by == "Dana Chair"
    )
