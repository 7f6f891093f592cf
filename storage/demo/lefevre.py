"""Demo case: Zoë and Théo Lefèvre: neglect (ICPC, core group). Fictional."""

from __future__ import annotations

from datetime import date, time, timedelta

from models.case import Case, ChronologyEntry, ChronologyOrigin
from models.meeting import (
    Action,
    AgencyContribution,
    AttendanceStatus,
    ChildVoice,
    Decisions,
    Dissent,
    Meeting,
    MeetingStatus,
    PlanCategory,
)
from models.people import CasePerson, PersonRole
from models.risk import (
    AgencyScaling,
    Rag,
    RiskAssessment,
    Threshold,
)
from models.rules import add_years
from storage.demo.common import (
    CONFIDENTIALITY,
    EDU,
    HEA,
    SCL,
    Ids,
    attendance,
)


def build(ids: Ids, today: date, ref: str) -> Case:
    zoe = CasePerson(
        id=ids("p"),
        name="Zoë Lefèvre",
        date_of_birth=add_years(today, -9),
        gender="Female",
        school="St Anne's Primary",
        role=PersonRole.CHILD,
    )
    theo = CasePerson(
        id=ids("p"),
        name="Théo Lefèvre",
        date_of_birth=add_years(today, -6) + timedelta(days=20),
        gender="Male",
        school="St Anne's Primary",
        role=PersonRole.CHILD,
    )
    dad = CasePerson(
        id=ids("p"),
        name="Jérôme Lefèvre",
        date_of_birth=date(1988, 7, 19),
        role=PersonRole.PARENT,
        relationship="Father of Zoë and Théo",
    )
    icpc = Meeting(
        id=ids("m"),
        type="Initial child protection conference",
        date=today - timedelta(days=21),
        start_time=time(9, 30),
        end_time=time(11, 30),
        venue="Civic Centre, room 4",
        chair="Dana Whitfield",
        minute_taker="Priya Shah",
        status=MeetingStatus.SIGNED,
        purpose="To decide whether Zoë and Théo need a child protection plan because of neglect.",
        confidentiality_statement=CONFIDENTIALITY,
        attendance=[
            *attendance(
                ids,
                [
                    ("Jérôme Lefèvre", "Family", "Father", AttendanceStatus.PRESENT),
                    ("Dr Ruth Adebayo's deputy", HEA, "Health visitor", AttendanceStatus.DEPUTY),
                    ("Housing officer", "Housing", "Housing", AttendanceStatus.APOLOGIES),
                ],
            )
        ],
        contributions=[
            AgencyContribution(
                id=ids("c"),
                agency=EDU,
                given_by="Mehmet Yılmaz",
                text="Zoë and Théo often arrive hungry and in the same clothes; Théo has had untreated head lice for six weeks.",
            ),
            AgencyContribution(
                id=ids("c"),
                agency=HEA,
                given_by="Nguyễn Thị Mai",
                text="Théo missed two dental appointments; there is visible tooth decay.",
            ),
            AgencyContribution(
                id=ids("c"),
                agency=SCL,
                given_by="Chinedu Okafor",
                text="A neighbour told us the father drinks heavily in the evenings. The neighbour asked not to be identified.",
                withheld_from_family=True,
                withheld_reason="Third-party information: risk to the source.",
            ),
        ],
        child_voice=[
            ChildVoice(
                id=ids("v"),
                person_id=zoe.id,
                words='"Sometimes there\'s no dinner so I make toast for Théo."',
                how_gathered="Drawing and talking with the school learning mentor",
            )
        ],
        risk=RiskAssessment(
            worries=["The children's basic needs are not met."],
            working_well=["Father loves the children and attends every meeting."],
            rag=Rag.AMBER,
            threshold=Threshold.CHILD_PROTECTION,
            scaling=[AgencyScaling(agency=SCL, score=4), AgencyScaling(agency=EDU, score=3)],
        ),
        decisions=Decisions(
            protection_plan=True,
            plan_category=PlanCategory.NEGLECT,
            who_tells_parents="Chair, in the meeting",
            dissent=[Dissent(agency=HEA, reason="Health would prefer a child in need plan first.")],
        ),
        actions=[
            Action(
                id=ids("a"),
                what="Father to register the children with a dentist",
                owner="Jérôme Lefèvre",
                owner_agency="Family",
                due=today - timedelta(days=7),
            ),
            Action(
                id=ids("a"),
                what="Breakfast club place for both children",
                owner="Mehmet Yılmaz",
                owner_agency=EDU,
                due=today - timedelta(days=14),
            ),
            Action(
                id=ids("a"),
                what="Referral to the alcohol service",
                owner="Chinedu Okafor",
                owner_agency=SCL,
                due=today + timedelta(days=2),
            ),
        ],
        next_meeting_date=today + timedelta(days=2),
    )
    core = Meeting(
        id=ids("m"),
        type="Core group",
        date=today + timedelta(days=2),
        start_time=time(15, 30),
        venue="St Anne's Primary",
        chair="Chinedu Okafor",
        status=MeetingStatus.SCHEDULED,
        purpose="First core group: agree the detail of the child protection plan.",
    )
    return Case(
        id=ids("case"),
        reference=ref,
        rag=Rag.AMBER,
        allocated_worker="Chinedu Okafor",
        opened_on=today - timedelta(days=60),
        people=[zoe, theo, dad],
        meetings=[icpc, core],
        chronology=[
            ChronologyEntry(
                id=ids("ch"),
                date=today - timedelta(days=21),
                event="Initial child protection conference: plan under the category of neglect.",
                source_agency=SCL,
                origin=ChronologyOrigin.MEETING,
            )
        ],
    )
