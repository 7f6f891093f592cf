"""Demo case: Łukasz and Oliwia Nowak: criminal exploitation (strategy meeting, CSE panel). Fictional."""

from __future__ import annotations

from datetime import date, time, timedelta

from models.case import Case
from models.meeting import (
    Action,
    ActionStatus,
    AgencyContribution,
    AttendanceStatus,
    Meeting,
    MeetingStatus,
    SharingDecision,
    SharingOutcome,
)
from models.people import CasePerson, PersonRole, Place
from models.risk import (
    Rag,
    RiskAssessment,
    Threshold,
)
from models.rules import add_years
from storage.demo.common import (
    CONFIDENTIALITY,
    POL,
    SCL,
    YJS,
    Ids,
    attendance,
    checks,
)


def build(ids: Ids, today: date, ref: str, kyle: CasePerson, hotel: Place) -> Case:
    lukasz = CasePerson(
        id=ids("p"),
        name="Łukasz Nowak",
        date_of_birth=add_years(today, -16),
        gender="Male",
        first_language="Polish",
        role=PersonRole.CHILD,
    )
    oliwia = CasePerson(
        id=ids("p"),
        name="Oliwia Nowak",
        date_of_birth=add_years(today, -13) + timedelta(days=50),
        gender="Female",
        first_language="Polish",
        role=PersonRole.CHILD,
    )
    m1 = Meeting(
        id=ids("m"),
        type="Strategy meeting",
        date=today - timedelta(days=10),
        start_time=time(11, 0),
        venue="MASH room 2",
        chair="Dana Whitfield",
        status=MeetingStatus.SIGNED,
        purpose="Łukasz arrested with cash and drugs 40 miles from home; concerns about criminal exploitation.",
        confidentiality_statement=CONFIDENTIALITY,
        attendance=attendance(
            ids, [("Youth offending officer", YJS, "Case manager", AttendanceStatus.PRESENT)]
        ),
        contributions=[
            AgencyContribution(
                id=ids("c"),
                agency=POL,
                given_by="DC Aoife Brennan",
                text="Łukasz was seen with Kyle Mercer at the Riverside Hotel last month.",
                withheld_from_family=True,
                withheld_reason="Police intelligence",
            )
        ],
        sharing_decisions=[
            SharingDecision(
                id=ids("s"),
                information="National Referral Mechanism referral",
                from_agency=SCL,
                to_whom="Home Office (NRM)",
                lawful_basis=["UK GDPR Art. 6(1)(e) public task"],
                outcome=SharingOutcome.SHARED,
                reasons="Łukasz shows indicators of modern slavery (criminal exploitation).",
                decided_by="Dana Whitfield",
                how_sent="NRM online form",
                consent_sought=True,
                consent_given=True,
                checks=checks(),
            )
        ],
        risk=RiskAssessment(rag=Rag.RED, threshold=Threshold.CHILD_PROTECTION),
        actions=[
            Action(
                id=ids("a"),
                what="Safety plan covering Oliwia too",
                owner="Chinedu Okafor",
                owner_agency=SCL,
                due=today - timedelta(days=2),
                status=ActionStatus.NOT_POSSIBLE,
                status_reason="Family moved address; plan rescheduled for the new home.",
            )
        ],
        next_meeting_date=today + timedelta(days=1),
    )
    m2 = Meeting(
        id=ids("m"),
        type="Exploitation (CSE) panel",
        date=today + timedelta(days=1),
        start_time=time(10, 0),
        venue="MASH room 2",
        chair="Dana Whitfield",
        status=MeetingStatus.SCHEDULED,
    )
    return Case(
        id=ids("case"),
        reference=ref,
        rag=Rag.RED,
        allocated_worker="Chinedu Okafor",
        opened_on=today - timedelta(days=12),
        people=[lukasz, oliwia, kyle],
        places=[hotel],
        meetings=[m1, m2],
    )
