"""Demo case: Дмитрий Соколов, 12: physical harm, red RAG (MASH strategy discussion today). Fictional."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

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
from models.rules import add_working_days, add_years
from storage.demo.common import (
    CONFIDENTIALITY,
    EDU,
    POL,
    Ids,
    attendance,
)


def build(ids: Ids, today: date, ref: str) -> Case:
    child = CasePerson(
        id=ids("p"),
        name="Дмитрий Соколов",
        known_as="Dima",
        date_of_birth=add_years(today, -12) - timedelta(days=30),
        gender="Male",
        first_language="Russian",
        interpreter_needed=False,
        school="Hillside Secondary",
        role=PersonRole.CHILD,
    )
    step = CasePerson(
        id=ids("p"),
        name="Сергей Волков",
        date_of_birth=date(1979, 11, 3),
        role=PersonRole.ALLEGED_PERPETRATOR,
        relationship="Mother's partner",
    )
    meeting = Meeting(
        id=ids("m"),
        type="MASH strategy discussion",
        date=today,
        start_time=time(9, 0),
        venue="MASH room 1",
        chair="Dana Whitfield",
        minute_taker="Priya Shah",
        status=MeetingStatus.MINUTES_DRAFT,
        trigger_reference="CON-88307",
        contact_received_at=datetime.combine(today, time(7, 15), UTC),
        purpose="Bruising to Dima's arm seen at school this morning; he says his mother's partner grabbed him.",
        confidentiality_statement=CONFIDENTIALITY,
        attendance=attendance(ids),
        contributions=[
            AgencyContribution(
                id=ids("c"),
                agency=EDU,
                given_by="Mehmet Yılmaz",
                text="Finger-tip bruising to the upper left arm, photographed by the school nurse at 08:45.",
                source="School body map",
            ),
            AgencyContribution(
                id=ids("c"),
                agency=POL,
                given_by="DC Aoife Brennan",
                text="Sergei Volkov has a caution for assault (2019).",
                withheld_from_family=True,
                withheld_reason="Third-party criminal record",
            ),
        ],
        child_voice=[
            ChildVoice(
                id=ids("v"),
                person_id=child.id,
                words="\"He grabbed me because I didn't tidy up. I don't want to go home tonight.\"",
                how_gathered="Said to the school nurse",
            )
        ],
        risk=RiskAssessment(
            rag=Rag.RED,
            threshold=Threshold.CHILD_PROTECTION,
            cse_screening=[
                CseIndicator(
                    domain="Missing",
                    indicator="Missing episodes from home or care",
                    present=Presence.POSSIBLE,
                    level=Level.HIGH,
                    basis=Basis.PROFESSIONAL_CONCERN,
                )
            ],
        ),
        decisions=Decisions(
            section_47=True,
            investigation=Investigation.JOINT,
            immediate_protection=True,
            initial_conference=True,
            why_not_yet="Parents to be told after the joint visit this afternoon.",
        ),
        actions=[
            Action(
                id=ids("a"),
                what="Joint visit and child protection medical today",
                owner="DC Aoife Brennan",
                owner_agency=POL,
                due=today,
                priority=Priority.HIGH,
            )
        ],
    )
    return Case(
        id=ids("case"),
        reference=ref,
        rag=Rag.RED,
        allocated_worker="Chinedu Okafor",
        opened_on=today,
        people=[child, step],
        meetings=[
            meeting,
            Meeting(
                id=ids("m"),
                type="Initial child protection conference",
                date=add_working_days(today, 10),
                start_time=time(10, 0),
                venue="Civic Centre, room 2",
                chair="Independent chair",
                purpose="To decide whether Dima needs a child protection plan.",
            ),
        ],
    )
