"""One meeting shape: each field declares its title, help, step and meeting types, and
records made before the new fields still load."""

from __future__ import annotations

import json
from datetime import date

import pytest
from pydantic import ValidationError

from models.bundle import BundleError, bundle_json_schema, dump_bundle, parse_bundle
from models.disciplines import Discipline, missing, warnings
from models.family_view import AgendaStep, step_lines
from models.fields import applies, step_fields, title_of
from models.meeting import Decisions, HarmContext, Meeting
from models.reference import ReferenceData
from models.strategy import PoliceInvestigation, StrategyDetails
from models.withholding import hidden_from_family
from tests.strategy_meeting import strategy_case

MAPPING = ReferenceData().agency_disciplines


def test_details_fields_are_declared_once_with_their_titles():
    details = step_fields(Meeting, "details")
    assert details[:4] == ["type", "date", "start_time", "end_time"]
    assert "harm_context" in details and "purpose" not in details
    assert title_of(Meeting, "end_time") == "End time"
    assert step_fields(Meeting, "attendance") == ["disciplines_absent_reason"]
    schema = bundle_json_schema()["$defs"]["Meeting"]["properties"]
    assert schema["harm_context"]["title"] == "Where the harm happens"
    assert schema["harm_context"]["x-step"] == "details"
    assert schema["strategy"]["x-meeting-types"] == ["strategy"]


def test_decisions_belong_to_their_meeting_types():
    assert applies(Decisions, "section_47", "MASH strategy discussion")
    assert not applies(Decisions, "protection_plan", "MASH strategy discussion")
    assert applies(Decisions, "protection_plan", "Initial child protection conference")
    assert not applies(Decisions, "section_47", "Review child protection conference")
    assert applies(Decisions, "legal_advice", "Core group")  # undeclared: every type


def test_a_meeting_stored_before_the_new_fields_still_loads():
    old = {"id": "m1", "type": "Strategy meeting", "date": "2026-11-20", "decisions": {}}
    meeting = Meeting.model_validate_json(json.dumps(old))
    assert meeting.harm_context == [] and meeting.child_decisions == []
    assert meeting.strategy.is_blank() and meeting.disciplines_absent_reason == ""


def test_harm_context_holds_several_and_only_the_three():
    meeting = Meeting(
        id="m1",
        type="Strategy meeting",
        date=date(2026, 11, 20),
        harm_context=["online", "within_the_home"],
    )
    assert meeting.harm_context == [HarmContext.ONLINE, HarmContext.WITHIN_HOME]
    with pytest.raises(ValidationError):
        Meeting(id="m1", type="x", date=date(2026, 11, 20), harm_context=["at school"])


def test_police_specifics_are_withheld_by_default_and_a_crime_reference_is_plain_text():
    police = StrategyDetails().police
    assert hidden_from_family(police) and police.withheld_reason
    assert hidden_from_family(StrategyDetails().contingency)
    assert hidden_from_family(StrategyDetails().not_told)
    with pytest.raises(ValidationError, match="control character"):
        PoliceInvestigation(crime_reference="CR\x07123")


def test_the_four_disciplines_and_a_strategy_discussions_three():
    everyone = ["Children's social care", "Police", "Health", "Education"]
    assert missing(everyone, MAPPING, "Core group") == []
    assert warnings(everyone, MAPPING, "Strategy meeting") == []
    assert missing(["Police", "Health", "Education"], MAPPING, "Core group") == [
        Discipline.SOCIAL_WORK
    ]
    said = warnings(["Children's social care", "Education"], MAPPING, "MASH strategy discussion")
    assert "Working Together 2023" in said[0] and "police, health" in said[0]
    assert "CWSA 2026 s16EA" in said[1]
    only_school = warnings(["Children's social care", "Police", "Health"], MAPPING, "Core group")
    assert len(only_school) == 1 and "education" in only_school[0]


def test_room_and_family_check_lines_of_a_strategy_meeting():
    case, meeting = strategy_case()
    children = {p.id: p.name for p in case.children()}
    lines = step_lines(meeting, AgendaStep.DECISIONS, {}, children)
    texts = [line.text for line in lines]
    assert not any("Child protection plan" in t for t in texts)
    assert "Amira Haddad: Section 47 enquiry: yes" in texts
    assert "Sami Haddad: Section 47 enquiry: no" in texts
    withheld = {line.text.split(":")[0] for line in lines if line.withheld}
    assert {"Officer in charge", "Contingency plan", "What the family will not be told"} <= withheld
    shown = [line.text for line in lines if not line.withheld]
    assert not any("CR/2026/88317" in t for t in shown)
    assert any("National Referral Mechanism" in t for t in shown)


def test_a_crime_reference_with_a_control_character_is_refused_on_import_naming_it():
    case, _ = strategy_case()
    raw = json.loads(dump_bundle([case]))
    raw["cases"][0]["meetings"][0]["strategy"]["police"]["crime_reference"] = "CR\u0007 1"
    with pytest.raises(BundleError) as refused:
        parse_bundle(json.dumps(raw).encode())
    message = str(refused.value)
    assert "\n" not in message and "crime_reference" in message and "control character" in message


def test_decisions_per_child_name_children_of_the_case():
    case, meeting = strategy_case()
    other = meeting.child_decisions[0].model_copy(update={"person_id": "p-nobody"})
    data = case.model_dump()
    data["meetings"][0]["child_decisions"] = [other.model_dump()]
    with pytest.raises(ValidationError, match="not in this case"):
        type(case).model_validate(data)
    data["meetings"][0]["child_decisions"] = [meeting.child_decisions[0].model_dump()] * 2
    with pytest.raises(ValidationError, match="recorded twice"):
        type(case).model_validate(data)
