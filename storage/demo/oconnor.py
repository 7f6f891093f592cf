"""Demo case: Siobhán O'Connor, 17, and her unborn baby: pre-birth (strategy meeting). Fictional."""

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
    VoiceSpeaker,
)
from models.people import CasePerson, PersonRole
from models.risk import (
    Rag,
    RiskAssessment,
    Threshold,
)
from models.rules import add_years
from storage.demo.common import (
    CONFIDENTIALITY,
    HEA,
    SCL,
    Ids,
    attendance,
)


def build(ids: Ids, today: date, ref: str) -> Case:
    mum = CasePerson(
        id=ids("p"),
        name="Siobhán O'Connor",
        date_of_birth=add_years(today, -17),
        role=PersonRole.PARENT,
        relationship="Mother (a child herself)",
    )
    baby = CasePerson(
        id=ids("p"),
        name="Unborn baby O'Connor",
        date_of_birth=today + timedelta(days=70),
        role=PersonRole.UNBORN_CHILD,
    )
    m1 = Meeting(
        id=ids("m"),
        type="Strategy meeting",
        date=today - timedelta(days=3),
        start_time=time(14, 0),
        venue="Maternity unit, meeting room",
        chair="Dana Whitfield",
        status=MeetingStatus.MINUTES_DRAFT,
        purpose="Pre-birth: Siobhán (17) is 30 weeks pregnant and lives with a partner known for domestic abuse.",
        confidentiality_statement=CONFIDENTIALITY,
        attendance=attendance(ids),
        contributions=[
            AgencyContribution(
                id=ids("c"),
                agency=HEA,
                given_by="Nguyễn Thị Mai",
                text="Missed three antenatal appointments; disclosed to the midwife that her partner checks her phone.",
            )
        ],
        child_voice=[
            ChildVoice(
                id=ids("v"),
                speaker=VoiceSpeaker.PARENT,
                words='"I want to keep my baby and I\'ll do whatever you need."',
                how_gathered="Midwife appointment",
            )
        ],
        risk=RiskAssessment(rag=Rag.AMBER, threshold=Threshold.CHILD_PROTECTION),
        decisions=Decisions(
            section_47=True, investigation=Investigation.SINGLE_AGENCY, initial_conference=True
        ),
        actions=[
            Action(
                id=ids("a"),
                what="Pre-birth assessment",
                owner="Chinedu Okafor",
                owner_agency=SCL,
                due=today + timedelta(days=14),
            ),
            Action(
                id=ids("a"),
                what="Referral to the domestic abuse service",
                owner="Nguyễn Thị Mai",
                owner_agency=HEA,
                due=today - timedelta(days=1),
            ),
        ],
    )
    return Case(
        id=ids("case"),
        reference=ref,
        rag=Rag.AMBER,
        allocated_worker="Chinedu Okafor",
        opened_on=today - timedelta(days=5),
        people=[mum, baby],
        meetings=[
            m1,
            Meeting(
                id=ids("m"),
                type="Initial child protection conference",
                date=today + timedelta(days=7),
                start_time=time(13, 30),
                venue="Maternity unit, meeting room",
                chair="Dana Whitfield",
                purpose="Pre-birth conference for Siobhán's baby.",
            ),
        ],
    )
