"""Demo case: Αλέξης Παπαδόπουλος, 15: online grooming (strategy meetings). Fictional."""

from __future__ import annotations

from datetime import date, time, timedelta

from models.case import Case
from models.meeting import (
    Action,
    AgencyContribution,
    ChildVoice,
    Decisions,
    Investigation,
    Meeting,
    MeetingStatus,
    Priority,
    SharingDecision,
    SharingOutcome,
    VoiceSpeaker,
)
from models.people import CasePerson, PersonRole
from models.risk import (
    Basis,
    CseIndicator,
    Level,
    Presence,
    Rag,
    RiskAssessment,
    Threshold,
)
from models.rules import add_years
from storage.demo.common import (
    CONFIDENTIALITY,
    POL,
    SCL,
    Ids,
    attendance,
    checks,
)


def build(ids: Ids, today: date, ref: str) -> Case:
    child = CasePerson(
        id=ids("p"),
        name="Αλέξης Παπαδόπουλος",
        known_as="Alexis",
        date_of_birth=add_years(today, -15) - timedelta(days=100),
        gender="Male",
        first_language="Greek",
        school="Northgate Academy",
        role=PersonRole.CHILD,
    )
    mum = CasePerson(
        id=ids("p"),
        name="Ελένη Παπαδοπούλου",
        date_of_birth=date(1980, 1, 12),
        first_language="Greek",
        role=PersonRole.PARENT,
        relationship="Mother of Alexis",
    )
    m1 = Meeting(
        id=ids("m"),
        type="Strategy meeting",
        date=today - timedelta(days=40),
        start_time=time(13, 0),
        venue="Police station, conference room",
        chair="Dana Whitfield",
        status=MeetingStatus.SIGNED,
        purpose="Online contact from an unknown adult asking Alexis for images.",
        confidentiality_statement=CONFIDENTIALITY,
        attendance=attendance(ids),
        contributions=[
            AgencyContribution(
                id=ids("c"),
                agency=POL,
                given_by="DC Aoife Brennan",
                text="Alexis's phone was seized with his mother's consent; the account that contacted him is linked to an adult in another force area.",
                withheld_from_family=True,
                withheld_reason="Police investigation",
            )
        ],
        sharing_decisions=[
            SharingDecision(
                id=ids("s"),
                information="Findings from the phone examination",
                from_agency=POL,
                to_whom="School designated safeguarding lead",
                outcome=SharingOutcome.NOT_SHARED,
                reasons="Not necessary for the school to know the detail; the school has been told only that an investigation is under way.",
                decided_by="DC Aoife Brennan",
                consent_sought=True,
                consent_given=False,
                checks=checks(False),
            )
        ],
        child_voice=[
            ChildVoice(
                id=ids("v"),
                person_id=child.id,
                speaker=VoiceSpeaker.ADVOCATE,
                words="Alexis told his advocate he feels embarrassed and wants it to stop, and does not want his friends to find out.",
                how_gathered="Independent advocate",
            )
        ],
        risk=RiskAssessment(
            rag=Rag.AMBER,
            threshold=Threshold.CHILD_IN_NEED,
            cse_screening=[
                CseIndicator(
                    domain="Online",
                    indicator="Online contact with unknown adults",
                    present=Presence.YES,
                    level=Level.HIGH,
                    basis=Basis.EVIDENCE,
                )
            ],
        ),
        decisions=Decisions(
            section_47=True, investigation=Investigation.JOINT, initial_conference=False
        ),
        actions=[
            Action(
                id=ids("a"),
                what="Online safety work with Alexis and his mother (in Greek)",
                owner="Chinedu Okafor",
                owner_agency=SCL,
                due=today - timedelta(days=20),
            ),
            Action(
                id=ids("a"),
                what="Update the family on the investigation",
                owner="DC Aoife Brennan",
                owner_agency=POL,
                due=today - timedelta(days=5),
                priority=Priority.HIGH,
            ),
        ],
        next_meeting_date=today + timedelta(days=4),
    )
    m2 = Meeting(
        id=ids("m"),
        type="Strategy meeting",
        date=today + timedelta(days=4),
        start_time=time(10, 0),
        venue="MASH room 1",
        chair="Dana Whitfield",
        status=MeetingStatus.SCHEDULED,
        purpose="Review of the strategy and the investigation.",
    )
    return Case(
        id=ids("case"),
        reference=ref,
        rag=Rag.AMBER,
        allocated_worker="Chinedu Okafor",
        opened_on=today - timedelta(days=45),
        people=[child, mum],
        meetings=[m1, m2],
    )
