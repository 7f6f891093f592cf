"""A meeting holding one item of every withholdable type, each marked by a unique word.

`build(withheld)` returns the case, the meeting and, per item kind, the word that item
carries. A test then checks that the word of every withheld item is absent from each family
output and that the word of every other item is present, so neither a leak nor an
empty output passes.
"""

from __future__ import annotations

from datetime import date, datetime, time

from models.case import Case
from models.meeting import (
    Action,
    ActionReview,
    ActionStatus,
    AgencyContribution,
    Attendance,
    ChildVoice,
    Decisions,
    Dissent,
    Meeting,
)
from models.people import CasePerson, PersonRole
from models.risk import (
    AgencyScaling,
    CseIndicator,
    DangerStatement,
    MapEntry,
    Presence,
    RiskAssessment,
)
from models.sharing import SharingDecision, SharingOutcome
from models.strategy import (
    ContingencyPlan,
    NotTold,
    PoliceInvestigation,
    Referral,
    StrategyDetails,
)

# Every kind of item the family may be kept from; a new kind belongs here.
KINDS = [
    "attendance",
    "contribution",
    "sharing",
    "voice",
    "worry",
    "complicating",
    "working_well",
    "existing_safety",
    "danger",
    "scaling",
    "cse",
    "decisions",
    "dissent",
    "action",
    "review",
    "police",
    "contingency",
    "referral",
]


def word(kind: str) -> str:
    """A word found nowhere else: letters only, so PDF text extraction keeps it whole."""
    return "Qz" + "".join(ch for ch in kind.title() if ch.isalpha()) + "Wx"


def build(withheld: dict[str, bool]) -> tuple[Case, Meeting]:
    def w(kind: str) -> dict[str, object]:
        on = withheld.get(kind, False)
        return {"withheld_from_family": on, "withheld_reason": f"reason for {kind}" if on else ""}

    def entry(kind: str) -> MapEntry:
        return MapEntry(text=f"A map entry {word(kind)} here", **w(kind))

    earlier = Meeting(
        id="m0",
        type="Strategy meeting",
        date=date(2026, 11, 1),
        actions=[Action(id="a0", what="Home visit weekly", owner="Sam Lee", owner_agency="Police")],
    )
    meeting = Meeting(
        id="m1",
        type="Strategy meeting",
        date=date(2026, 11, 20),
        start_time=time(14, 0),
        chair="Dana Whitfield",
        attendance=[
            Attendance(id="at0", name="Dana Whitfield", agency="Children's social care"),
            Attendance(
                id="at1", name=f"Pat {word('attendance')}", agency="Police", **w("attendance")
            ),
        ],
        contributions=[
            AgencyContribution(
                id="c1",
                agency="Health",
                text=f"Clinic note {word('contribution')}",
                **w("contribution"),
            )
        ],
        sharing_decisions=[
            SharingDecision(
                id="s1",
                information=f"School records {word('sharing')}",
                from_agency="Education",
                to_whom="Police",
                outcome=SharingOutcome.SHARED,
                lawful_basis=["Children Act 1989 s47"],
                reasons="Needed for the enquiry",
                decided_by="DSL",
                consent_not_sought_reason="Risk to the child",
                **w("sharing"),
            ),
            # A decision NOT to share, never marked: withheld by default all the same.
            SharingDecision(
                id="s2",
                information="Clinic attendance QzNotSharedWx",
                from_agency="Health",
                to_whom="Mother",
                to_family=True,
                outcome=SharingOutcome.NOT_SHARED,
                reasons="The child refused consent",
                decided_by="Named nurse",
                consent_sought=True,
                consent_given=False,
            ),
        ],
        child_voice=[ChildVoice(id="v1", words=f"I feel {word('voice')} at home", **w("voice"))],
        risk=RiskAssessment(
            worries=[entry("worry")],
            complicating_factors=[entry("complicating")],
            working_well=[entry("working_well")],
            existing_safety=[entry("existing_safety")],
            danger_statements=[
                DangerStatement(
                    id="d1",
                    who_is_worried="Police",
                    worry=f"the child {word('danger')} goes missing",
                    what_may_happen="and is hurt",
                    **w("danger"),
                )
            ],
            scaling=[
                AgencyScaling(
                    agency="Health",
                    score=3,
                    dissent=True,
                    dissent_reason=f"Scored lower {word('scaling')}",
                    **w("scaling"),
                )
            ],
            cse_screening=[
                CseIndicator(
                    domain="Health",
                    indicator="Sexual health concerns",
                    present=Presence.YES,
                    note=f"Seen {word('cse')}",
                    **w("cse"),
                )
            ],
        ),
        decisions=Decisions(
            section_47=True,
            notes=f"Decided after {word('decisions')}",
            dissent=[
                Dissent(agency="Police", reason=f"Disagree {word('dissent')}", **w("dissent"))
            ],
            **w("decisions"),
        ),
        actions=[
            Action(
                id="a1",
                what=f"Visit {word('action')} weekly",
                owner="Sam Lee",
                owner_agency="Police",
                **w("action"),
            )
        ],
        action_reviews=[
            ActionReview(
                action_id="a0",
                reported_status=ActionStatus.OPEN,
                note=f"Ongoing {word('review')}",
                **w("review"),
            )
        ],
        next_meeting_date=date(2026, 12, 1),
        strategy=StrategyDetails(
            police=PoliceInvestigation(
                officer_in_charge="DC Brennan",
                crime_reference=f"CR {word('police')}",
                abe_planned=True,
                **w("police"),
            ),
            contingency=ContingencyPlan(
                plan=f"Police protection {word('contingency')}", **w("contingency")
            ),
            not_told=NotTold(what=f"The interview date {NOT_TOLD_WORD}", why="Could be disrupted"),
            s47_lead="Chinedu Okafor",
            referrals=[
                Referral(
                    kind="National Referral Mechanism (NRM)",
                    made_on=date(2026, 11, 21),
                    note=f"Sent {word('referral')}",
                    **w("referral"),
                )
            ],
        ),
    )
    case = Case(
        id="case1",
        reference="REF-1",
        opened_on=date(2026, 10, 1),
        allocated_worker="Chinedu Okafor",
        people=[CasePerson(id="p1", name="Amira Haddad", role=PersonRole.CHILD)],
        meetings=[earlier, meeting],
    )
    return case, meeting


NOT_SHARED_WORD = "QzNotSharedWx"
NOT_TOLD_WORD = "QzNotToldWx"  # what the family will not be told: never in a family output
SIGNED_AT = datetime(2026, 11, 20, 15, 34)


# Golden rule 5: a neighbour who told the police, named in several places of the meeting.
PROTECTED_NAME = "Ruth Okonjo"
CHILD_NHS_NUMBER = "9434765919"


def police_sharing(**fields) -> SharingDecision:
    """The police's decision to share a neighbour's account with children's social care, for
    the enquiry and without asking her; FIELDS add to it or replace its own."""
    given = {
        "id": "s1",
        "information": "The neighbour's account",
        "from_agency": "Police",
        "to_whom": "Children's social care",
        "outcome": SharingOutcome.SHARED,
        "lawful_basis": ["Children Act 1989 s47"],
        "reasons": "Needed for the enquiry",
        "decided_by": "DS Kaur",
        "consent_not_sought_reason": "Risk to the neighbour",
    }
    return SharingDecision(**{**given, **fields})


def protected(case: Case, meeting: Meeting) -> tuple[Case, Meeting, Meeting]:
    """The case (its child with an NHS number) and the meeting naming PROTECTED_NAME in its
    attendance, a contribution, the child's voice, an action and its purpose, with the
    decision not to name her; and the same meeting with all of that deleted."""
    protecting = police_sharing(
        id="s9",
        information="The neighbour's account of the night of 3 November",
        child_told=True,
        carers_told=False,
        not_told_reason="The neighbour could be harmed if the family knew she spoke",
        do_not_name=[PROTECTED_NAME],
        advice_sought_from="Force data protection officer",
        advice_sought_on=date(2026, 11, 19),
    )
    named = meeting.model_copy(
        update={
            "purpose": f"To consider what {PROTECTED_NAME} told the police.",
            "attendance": [
                *meeting.attendance,
                Attendance(id="at9", name=PROTECTED_NAME, agency="Neighbour", role="Witness"),
            ],
            "contributions": [
                *meeting.contributions,
                AgencyContribution(
                    id="c9", agency="Police", text="Mrs Okonjo heard shouting at 2am."
                ),
            ],
            "child_voice": [*meeting.child_voice, ChildVoice(id="v9", words="Ruth is kind.")],
            "actions": [
                *meeting.actions,
                Action(id="a9", what="Call back okonjo", owner="DS Kaur", owner_agency="Police"),
            ],
            "sharing_decisions": [*meeting.sharing_decisions, protecting],
        }
    )
    child = case.people[0].model_copy(
        update={
            "identifier_kind": "NHS number",
            "consistent_identifier": CHILD_NHS_NUMBER,
            "identifier_verified": True,
            "identifier_verified_by": "Named nurse, PDS check",
        }
    )
    case = case.model_copy(
        update={
            "people": [child],
            "meetings": [named if m.id == meeting.id else m for m in case.meetings],
        }
    )
    return case, named, meeting
