"""Demo case: Amira Haddad, 14: sexual exploitation by an adult (MASH strategy discussion, CSE panel). Fictional."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from models.case import Case, ChronologyEntry, ChronologyOrigin, RagChange
from models.meeting import (
    Action,
    ActionReview,
    ActionStatus,
    AgencyContribution,
    AttendanceStatus,
    ChildVoice,
    ContributionKind,
    Decisions,
    Investigation,
    Meeting,
    MeetingStatus,
    Priority,
    SharingDecision,
    SharingOutcome,
)
from models.people import CasePerson, PersonRole, Place
from models.risk import (
    AgencyScaling,
    Basis,
    CseIndicator,
    DangerStatement,
    Level,
    Presence,
    Rag,
    RiskAssessment,
    Threshold,
)
from models.rules import add_years
from storage.demo.common import (
    CONFIDENTIALITY,
    EDU,
    HEA,
    POL,
    SCL,
    Ids,
    attendance,
    checks,
)

SEXUAL_HEALTH = "Amira (14) refused consent to her sexual health care being shared with her mother; she understands the advice (Fraser competent)."


def build(ids: Ids, today: date, ref: str, kyle: CasePerson, hotel: Place) -> Case:
    child = CasePerson(
        id=ids("p"),
        name="Amira Haddad",
        known_as="Mira",
        date_of_birth=add_years(today, -14) - timedelta(days=40),
        gender="Female",
        ethnicity="Arab",
        first_language="English",
        school="Northgate Academy",
        gp="Riverside Medical Centre",
        address="14 Alder Road, Northgate",
        role=PersonRole.CHILD,
    )
    mother = CasePerson(
        id=ids("p"),
        name="Leila Haddad",
        date_of_birth=date(1986, 3, 2),
        first_language="Arabic",
        interpreter_needed=True,
        address=child.address,
        role=PersonRole.PARENT,
        relationship="Mother of Amira",
    )
    first = Meeting(
        id=ids("m"),
        type="MASH strategy discussion",
        date=today - timedelta(days=14),
        start_time=time(10, 0),
        end_time=time(11, 10),
        venue="MASH room 2",
        chair="Dana Whitfield",
        minute_taker="Priya Shah",
        status=MeetingStatus.SIGNED,
        trigger_reference="CON-88123",
        contact_received_at=datetime.combine(today - timedelta(days=14), time(7, 40), UTC),
        purpose="To share information following Amira's third missing episode in a month and decide whether the threshold for a section 47 enquiry is met.",
        confidentiality_statement=CONFIDENTIALITY,
        attendance=attendance(ids),
        contributions=[
            AgencyContribution(
                id=ids("c"),
                agency=POL,
                given_by="DC Aoife Brennan",
                text="Amira was found at 02:10 on Saturday in a car outside the Riverside Hotel with an adult male, Kyle Mercer (24). She had a new phone and £80 in cash.",
                source="Police log 4471",
                source_date=today - timedelta(days=16),
            ),
            AgencyContribution(
                id=ids("c"),
                agency=POL,
                given_by="DC Aoife Brennan",
                text="Kyle Mercer is subject to an ongoing police investigation into the exploitation of other children. Details must not be shared with the family.",
                kind=ContributionKind.FACT,
                withheld_from_family=True,
                withheld_reason="Risk of prejudicing a police investigation.",
            ),
            AgencyContribution(
                id=ids("c"),
                agency=EDU,
                given_by="Mehmet Yılmaz",
                text="Attendance has fallen to 61% this term; Amira has been seen being collected at the school gate by an older male in a black car.",
                source="School attendance record",
            ),
            AgencyContribution(
                id=ids("c"),
                agency=HEA,
                given_by="Nguyễn Thị Mai",
                text="Amira attended the sexual health clinic twice in six weeks. In my professional opinion she is at risk of sexual exploitation.",
                kind=ContributionKind.OPINION,
                withheld_from_family=True,
                withheld_reason=SEXUAL_HEALTH,
            ),
        ],
        sharing_decisions=[
            SharingDecision(
                id=ids("s"),
                information="Police intelligence about Kyle Mercer's other investigations",
                from_agency=POL,
                to_whom="Leila Haddad (mother)",
                to_family=True,
                decided_at=datetime.combine(today - timedelta(days=14), time(10, 40), UTC),
                purpose="To help the mother keep Amira safe",
                outcome=SharingOutcome.NOT_SHARED,
                reasons="Sharing now would prejudice the police investigation and may place Amira at increased risk from Mercer's associates.",
                decided_by="Dana Whitfield with DC Brennan",
                consent_sought=False,
                consent_not_sought_reason="Seeking consent would alert the suspect.",
                checks=checks(),
            ),
            SharingDecision(
                id=ids("s"),
                information="Sexual health clinic attendance dates",
                from_agency=HEA,
                to_whom="Police child protection team",
                decided_at=datetime.combine(today - timedelta(days=14), time(10, 50), UTC),
                purpose="Section 47 enquiry",
                lawful_basis=[
                    "UK GDPR Art. 6(1)(e) public task",
                    "DPA 2018 Sch. 1 para 18: safeguarding of children and individuals at risk",
                    "Children Act 1989 s47",
                ],
                outcome=SharingOutcome.SHARED,
                reasons="Necessary and proportionate to establish whether Amira is being sexually exploited.",
                decided_by="Nguyễn Thị Mai",
                how_sent="Secure email",
                consent_sought=False,
                consent_not_sought_reason="Seeking consent may place Amira at increased risk.",
                checks=checks(),
                withheld_from_family=True,
                withheld_reason=SEXUAL_HEALTH,
            ),
            SharingDecision(
                id=f"{ids.prefix}-s-health-to-mother",  # a fixed id: the demo's others stay put
                information="Details of Amira's sexual health clinic attendance",
                from_agency=HEA,
                to_whom="Leila Haddad (mother)",
                to_family=True,
                decided_at=datetime.combine(today - timedelta(days=14), time(10, 55), UTC),
                purpose="The mother asked what the clinic knows",
                outcome=SharingOutcome.NOT_SHARED,
                reasons="Amira refused consent; sharing is not needed to protect her and would be more detrimental to her (she may stop using the clinic).",
                decided_by="Nguyễn Thị Mai",
                consent_sought=True,
                consent_given=False,
                checks=checks(),
            ),
        ],
        child_voice=[
            ChildVoice(
                id=ids("v"),
                person_id=child.id,
                words='"Kyle\'s my boyfriend, he looks after me. Nobody at home listens to me anyway."',
                how_gathered="Return home interview with Chinedu Okafor",
            )
        ],
        risk=RiskAssessment(
            worries=[
                "Amira is being groomed and sexually exploited by an adult male.",
                "Repeated missing episodes at night.",
            ],
            complicating_factors=[
                "Amira does not see herself as at risk.",
                "Mother needs an interpreter and works nights.",
            ],
            working_well=["Amira has a good relationship with her form tutor."],
            existing_safety=["Mother reports every missing episode promptly."],
            danger_statements=[
                DangerStatement(
                    id=ids("d"),
                    who_is_worried="All agencies",
                    worry="Amira is spending nights with an adult male who gives her money and gifts.",
                    what_may_happen="If nothing changes Amira may be seriously sexually harmed and drawn further from her family.",
                    safety_goal="Amira is home every night and has a trusted adult she talks to about her relationships.",
                )
            ],
            scaling=[
                AgencyScaling(agency=SCL, score=3),
                AgencyScaling(agency=POL, score=2),
                AgencyScaling(agency=HEA, score=3),
                AgencyScaling(
                    agency=EDU,
                    score=5,
                    dissent=True,
                    dissent_reason="School sees Amira engaging well in class and feels the risk is lower during the day.",
                ),
            ],
            cse_screening=[
                CseIndicator(
                    domain="Missing",
                    indicator="Missing episodes from home or care",
                    present=Presence.YES,
                    level=Level.HIGH,
                    basis=Basis.EVIDENCE,
                ),
                CseIndicator(
                    domain="Relationships",
                    indicator="Older boyfriend, girlfriend or associate",
                    present=Presence.YES,
                    level=Level.HIGH,
                    basis=Basis.EVIDENCE,
                ),
                CseIndicator(
                    domain="Relationships",
                    indicator="Gifts, money or phone without explanation",
                    present=Presence.YES,
                    level=Level.MEDIUM,
                    basis=Basis.EVIDENCE,
                ),
                CseIndicator(
                    domain="Places",
                    indicator="Going to known hotspots",
                    present=Presence.YES,
                    level=Level.HIGH,
                    basis=Basis.EVIDENCE,
                ),
                CseIndicator(
                    domain="Health",
                    indicator="Sexual health concerns",
                    present=Presence.POSSIBLE,
                    level=Level.MEDIUM,
                    basis=Basis.PROFESSIONAL_CONCERN,
                    withheld_from_family=True,
                    withheld_reason=SEXUAL_HEALTH,
                ),
            ],
            rag=Rag.RED,
            rag_reason="Evidence of sexual exploitation by a named adult.",
            threshold=Threshold.CHILD_PROTECTION,
        ),
        decisions=Decisions(
            section_47=True,
            investigation=Investigation.JOINT,
            immediate_protection=False,
            legal_advice=False,
            initial_conference=False,
            who_tells_parents="Chinedu Okafor",
            when_tell_parents="Today, with an Arabic interpreter",
            notes="Refer to the exploitation panel in two weeks.",
        ),
        actions=[
            Action(
                id=ids("a"),
                what="Complete the return home interview and share it with police",
                owner="Chinedu Okafor",
                owner_agency=SCL,
                due=today - timedelta(days=7),
                priority=Priority.HIGH,
            ),
            Action(
                id=ids("a"),
                what="Serve a child abduction warning notice on Kyle Mercer",
                owner="DC Aoife Brennan",
                owner_agency=POL,
                due=today - timedelta(days=10),
                priority=Priority.HIGH,
                withheld_from_family=True,
                withheld_reason="Serving the notice must not be known in advance: it could alert Kyle Mercer.",
            ),
            Action(
                id=ids("a"),
                what="Daily attendance check with a call home by 10:00 on any absence",
                owner="Mehmet Yılmaz",
                owner_agency=EDU,
                due=today - timedelta(days=3),
            ),
        ],
        next_meeting_date=today,
    )
    first_actions = first.actions
    second = Meeting(
        id=ids("m"),
        type="Exploitation (CSE) panel",
        date=today,
        start_time=time(14, 0),
        venue="MASH room 2",
        chair="Dana Whitfield",
        minute_taker="Priya Shah",
        status=MeetingStatus.IN_PROGRESS,
        purpose="To review the exploitation risk to Amira and the progress of the plan.",
        confidentiality_statement=CONFIDENTIALITY,
        attendance=attendance(
            ids, [("Dr Kwame Mensah", HEA, "GP", AttendanceStatus.INFORMATION_ONLY)]
        ),
        action_reviews=[
            ActionReview(
                action_id=first_actions[0].id,
                reported_status=ActionStatus.DONE,
                note="Interview completed and shared.",
            ),
            ActionReview(action_id=first_actions[1].id, reported_status=ActionStatus.DONE),
        ],
        contributions=[
            AgencyContribution(
                id=ids("c"),
                agency=SCL,
                given_by="Chinedu Okafor",
                text="No missing episodes in the last 10 days. Amira agreed to meet the specialist exploitation worker.",
            )
        ],
        actions=[
            Action(
                id=ids("a"),
                what="Weekly sessions with the specialist exploitation worker",
                owner="Chinedu Okafor",
                owner_agency=SCL,
                due=today + timedelta(days=5),
            )
        ],
    )
    return Case(
        id=ids("case"),
        reference=ref,
        rag=Rag.RED,
        allocated_worker="Chinedu Okafor",
        opened_on=today - timedelta(days=30),
        rag_history=[
            RagChange(
                at=datetime.combine(today - timedelta(days=14), time(11, 0), UTC),
                rating=Rag.RED,
                reason="Strategy discussion",
                by="Dana Whitfield",
            )
        ],
        people=[child, mother, kyle],
        places=[hotel],
        chronology=[
            ChronologyEntry(
                id=ids("ch"),
                date=today - timedelta(days=30),
                event="Referral from school: older male collecting Amira at the gate.",
                source_agency=EDU,
                impact_on_child="Possible grooming.",
                action_taken="MASH enquiry opened.",
            ),
            ChronologyEntry(
                id=ids("ch"),
                date=today - timedelta(days=16),
                event="Missing overnight; found by police outside the Riverside Hotel.",
                source_agency=POL,
                impact_on_child="Exposed to an adult suspected of exploitation.",
                action_taken="Strategy discussion convened.",
                origin=ChronologyOrigin.ENTERED,
            ),
        ],
        meetings=[first, second],
    )
