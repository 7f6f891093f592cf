"""Text is checked on the way in; what the workspace gives back is trusted, not re-checked."""

from __future__ import annotations

import json

import pytest

from models.meeting import AgencyContribution
from storage import audit, cases, records
from storage.demo import demo_cases
from storage.errors import InvalidInput
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE


@pytest.fixture
def demo(demo_folder):
    with Workspace.open(demo_folder, "chair", PASSPHRASE) as ws:
        yield ws


def test_text_is_checked_on_saving_but_not_again_on_reading(demo):
    amira = next(demo_cases(1))
    meeting = amira.meetings[1]
    bad = meeting.model_copy(
        update={
            "contributions": [AgencyContribution(id="c-ok", agency="Health", text="fine")],
        }
    )
    # On the way in, a control character is refused (the model's own check).
    with pytest.raises(ValueError, match="control character"):
        AgencyContribution(id="c-bad", agency="Health", text="bell \x07")
    cases.save_meeting(demo, amira.id, bad)
    # Written behind the app's back (an insider with the key), the stored text is read back
    # as stored: reads do not run the per-character rules again.
    body = json.loads(
        demo.conn.execute("SELECT body FROM meetings WHERE id = ?", (meeting.id,)).fetchone()[0]
    )
    body["contributions"][0]["text"] = "bell \x07"
    with demo.transaction():
        demo.conn.execute(
            "UPDATE meetings SET body = ? WHERE id = ?", (json.dumps(body), meeting.id)
        )
    case, read = cases.open_case_meeting(demo, amira.id, meeting.id)
    assert read.contributions[0].text == "bell \x07"
    assert records.load_meeting(demo.conn, meeting.id)[1].contributions[0].text == "bell \x07"
    # Saving it again is the way in: the rule applies.
    with pytest.raises((ValueError, InvalidInput)):
        cases.save_case(demo, case)


def test_a_meeting_opens_with_its_case_in_one_read_and_both_views_audited(demo):
    amira = next(demo_cases(1))
    meeting_id = amira.meetings[1].id
    case, meeting = cases.open_case_meeting(demo, amira.id, meeting_id)
    assert case.id == amira.id and meeting == next(m for m in case.meetings if m.id == meeting_id)
    actions = [e["action"] for e in audit.events(demo.conn, 10)]
    assert "case.view" in actions and "meeting.view" in actions
    assert f"meeting:{meeting_id}" in demo.seen
    with pytest.raises(InvalidInput):
        cases.open_case_meeting(demo, "g1-nope", meeting_id)
