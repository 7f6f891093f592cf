"""A strategy meeting about two children with every field the 2023-2026 guidance added:
harm context, an end time, an absent discipline and its reason, the strategy details and a
decision record per child."""

from __future__ import annotations

from datetime import date, time

from models.case import Case
from models.meeting import (
    Attendance,
    AttendanceStatus,
    ChildDecisions,
    Decisions,
    HarmContext,
    Investigation,
    Meeting,
)
from models.people import CasePerson, PersonRole
from models.strategy import ContingencyPlan, NotTold, PoliceInvestigation, Referral, StrategyDetails


def strategy_case() -> tuple[Case, Meeting]:
    meeting = Meeting(
        id="m-strat",
        type="Strategy meeting",
        date=date(2026, 11, 20),
        start_time=time(14, 0),
        end_time=time(15, 10),
        chair="Dana Whitfield",
        harm_context=[HarmContext.OUTSIDE_HOME, HarmContext.ONLINE],
        attendance=[
            Attendance(
                id="at1",
                name="Dana Whitfield",
                agency="Children's social care",
                role="Lead child protection practitioner",
            ),
            Attendance(id="at2", name="DC Aoife Brennan", agency="Police"),
            Attendance(id="at3", name="Dr Rao", agency="Health"),
            Attendance(
                id="at4",
                name="Mehmet Yilmaz",
                agency="Education",
                status=AttendanceStatus.APOLOGIES,
            ),
        ],
        disciplines_absent_reason="The school's DSL was on a course; a written report was sent.",
        decisions=Decisions(section_47=True, investigation=Investigation.JOINT),
        child_decisions=[
            ChildDecisions(person_id="p1", section_47=True, investigation=Investigation.JOINT),
            ChildDecisions(person_id="p2", section_47=False, notes="No concerns for Sami yet."),
        ],
        strategy=StrategyDetails(
            police=PoliceInvestigation(
                officer_in_charge="DS Kaur",
                crime_reference="CR/2026/88317",
                abe_planned=True,
                abe_when="Monday 23 November",
                abe_by="DC Brennan and Chinedu Okafor",
                medical_examination=True,
                medical_details="Child protection medical at the hospital, Saturday",
            ),
            s47_lead="Chinedu Okafor",
            s47_timescale="15 working days",
            contingency=ContingencyPlan(plan="Police protection if the mother's partner returns."),
            family_told="That there will be a section 47 enquiry",
            family_told_by="Chinedu Okafor",
            family_told_when="Today after school",
            not_told=NotTold(what="The date of the ABE interview", why="It could be disrupted."),
            referrals=[
                Referral(
                    kind="National Referral Mechanism (NRM)",
                    made_on=date(2026, 11, 21),
                    by_whom="Chinedu Okafor",
                )
            ],
        ),
    )
    case = Case(
        id="case-s",
        reference="MASH-2026-000777",
        opened_on=date(2026, 11, 19),
        allocated_worker="Chinedu Okafor",
        people=[
            CasePerson(id="p1", name="Amira Haddad", role=PersonRole.CHILD),
            CasePerson(id="p2", name="Sami Haddad", role=PersonRole.CHILD),
        ],
        meetings=[meeting],
    )
    return case, meeting
