"""Three cases whose review figures for November 2026 are counted by hand in the tests.

Strategy discussions on Monday 2 November; a bank holiday on Wednesday 11 November makes
Tuesday 24 November the 15th working day (in time) and Wednesday 25 November the 16th (late).
Meetings fall on 31 October (outside), 1 November (first day), 30 November (last day) and
1 December (outside). `workspace_with_bundle` imports the bundle as a user would and stores
the signing times of three meetings' minutes.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, time
from pathlib import Path

from models.bundle import dump_bundle
from models.case import Case
from models.meeting import (
    Action,
    ActionReview,
    ActionStatus,
    Attendance,
    AttendanceStatus,
    ChildVoice,
    Decisions,
    Meeting,
    MeetingStatus,
    VoiceSpeaker,
)
from models.people import CasePerson, PersonRole
from models.risk import Rag, RiskAssessment
from models.sharing import SharingDecision, SharingOutcome

CSC, POLICE, HEALTH, EDUCATION = "Children's social care", "Police", "Health", "Education"
MASH, STRATEGY, ICPC, CORE = (
    "MASH strategy discussion",
    "Strategy meeting",
    "Initial child protection conference",
    "Core group",
)
BANK_HOLIDAY = "2026-11-11"
START, END = date(2026, 11, 1), date(2026, 11, 30)

# Everyone named anywhere in the workspace, and the children's dates of birth and addresses:
# none of it may reach a report.
PEOPLE_NAMES = [
    "Zelda Quartermaine",
    "Morwenna Quartermaine",
    "Bartholomew Ynysforth",
    "Cressida Vantongeren",
]
ATTENDEE_NAMES = [
    "Dana Whitfield",
    "Ravi Osei",
    "Hallam Brightwater",
    "Tamsin Rook",
    "Ilse Marchbank",
    "Oluwaseun Pemberton",
    "Idris Fenwick",
]
BIRTH_DATES = ["2015-03-04", "04 Mar 2015", "2012-07-08", "08 Jul 2012"]
ADDRESSES = ["12 Quince Lane", "Otterby"]


def _at(agency: str, name: str, status: AttendanceStatus = AttendanceStatus.PRESENT, **more):
    return Attendance(id=f"at-{name.split()[-1]}", name=name, agency=agency, status=status, **more)


def _child(pid: str, name: str, born: date | None, **more) -> CasePerson:
    return CasePerson(id=pid, name=name, role=PersonRole.CHILD, date_of_birth=born, **more)


def case_a() -> Case:
    a1 = Meeting(
        id="a1",
        type=MASH,
        date=date(2026, 11, 2),
        start_time=time(10, 0),
        end_time=time(11, 0),  # exactly 4 hours after the contact: a red decision in time
        status=MeetingStatus.SIGNED,
        contact_received_at=datetime(2026, 11, 2, 7, 0, tzinfo=UTC),
        risk=RiskAssessment(rag=Rag.RED),
        decisions=Decisions(section_47=True, initial_conference=True),
        attendance=[
            _at(CSC, "Dana Whitfield"),
            _at(POLICE, "PC Ravi Osei"),
            _at(HEALTH, "Nurse Hallam Brightwater", AttendanceStatus.APOLOGIES),
        ],
        sharing_decisions=[
            SharingDecision(
                id="s1",
                information="Clinic visits",
                from_agency=HEALTH,
                to_whom="Morwenna Quartermaine",
                to_family=True,
                outcome=SharingOutcome.NOT_SHARED,
                reasons="Zelda Quartermaine asked that her visits to 12 Quince Lane clinic stay private",
                decided_by="Named nurse",
                consent_sought=True,
                consent_given=False,
            ),
            SharingDecision(
                id="s2",
                information="Police records",
                from_agency=POLICE,
                to_whom="Children's social care",
                outcome=SharingOutcome.SHARED,
                lawful_basis=["Children Act 1989 s47"],
                reasons="Needed for the enquiry",
                decided_by="DS on duty",
                consent_not_sought_reason="Risk to the child",
            ),
        ],
        child_voice=[ChildVoice(id="v1", person_id="pa1", words="I want to stay at school")],
        actions=[
            Action(
                id="act1",
                what="Check the address",
                owner="PC Ravi Osei",
                owner_agency=POLICE,
                due=date(2026, 11, 20),
            ),
            Action(
                id="act2",
                what="Visit",
                owner="Dana Whitfield",
                owner_agency=CSC,
                due=date(2026, 12, 10),
            ),
        ],
    )
    a2 = Meeting(
        id="a2",
        type=ICPC,
        date=date(2026, 11, 24),  # the 15th working day after a1, across the bank holiday
        status=MeetingStatus.SIGNED,
        attendance=[
            _at(CSC, "Dana Whitfield"),
            _at(EDUCATION, "Ms Tamsin Rook", AttendanceStatus.DID_NOT_ATTEND),
        ],
        action_reviews=[
            ActionReview(
                action_id="act1",
                reported_status=ActionStatus.NOT_DONE,
                note="Zelda Quartermaine moved and the officer was on leave",
            )
        ],
    )
    return Case(
        id="case-a",
        reference="REV-A",
        opened_on=date(2026, 10, 1),
        people=[
            _child(
                "pa1", "Zelda Quartermaine", date(2015, 3, 4), address="12 Quince Lane, Otterby"
            ),
            CasePerson(id="pa2", name="Morwenna Quartermaine", role=PersonRole.PARENT),
        ],
        meetings=[a1, a2],
    )


def case_b() -> Case:
    b1 = Meeting(
        id="b1",
        type=STRATEGY,
        date=date(2026, 11, 2),
        start_time=time(9, 0),
        end_time=time(10, 0),  # 25 hours after the contact: an amber decision, late
        status=MeetingStatus.SIGNED,
        contact_received_at=datetime(2026, 11, 1, 9, 0, tzinfo=UTC),
        late_decision_reason="Waited for the police check on Bartholomew",
        risk=RiskAssessment(rag=Rag.AMBER),
        decisions=Decisions(initial_conference=True),
        attendance=[
            _at(CSC, "Dana Whitfield"),
            _at(POLICE, "DS Ilse Marchbank"),
            _at(HEALTH, "Dr Oluwaseun Pemberton"),
        ],
        sharing_decisions=[
            SharingDecision(
                id="s3",
                information="Attendance record",
                from_agency=EDUCATION,
                to_whom="Police",
                outcome=SharingOutcome.NOT_SHARED,
                reasons="Not relevant to the enquiry",
                decided_by="DSL",
                consent_not_sought_reason="Would prejudice the enquiry",
            )
        ],
        child_voice=[
            ChildVoice(id="v2", speaker=VoiceSpeaker.PARENT, words="We are coping")
        ],  # a parent's view only: no child's view
        actions=[
            Action(
                id="act3",
                what="Health check",
                owner="Dr Oluwaseun Pemberton",
                owner_agency=HEALTH,
                status=ActionStatus.DONE,
            ),
            Action(
                id="act4",
                what="School place",
                owner="DSL",
                owner_agency=EDUCATION,
                status=ActionStatus.NOT_POSSIBLE,
                status_reason="The family moved away",
            ),
        ],
    )
    b2 = Meeting(
        id="b2",
        type=ICPC,
        date=date(2026, 11, 25),  # the 16th working day after b1: late
        status=MeetingStatus.IN_PROGRESS,
    )
    b3 = Meeting(
        id="b3",
        type=MASH,
        date=END,  # the last day of the range: counted
        status=MeetingStatus.IN_PROGRESS,
        attendance=[_at(CSC, "Dana Whitfield")],  # no police, no health
    )
    b4 = Meeting(
        id="b4",
        type=STRATEGY,
        date=date(2026, 10, 31),  # the day before the range: not counted
        status=MeetingStatus.MINUTES_DRAFT,
        attendance=[_at(POLICE, "DS Ilse Marchbank")],
        actions=[Action(id="act0", what="Outside", owner="DS Ilse Marchbank", owner_agency=POLICE)],
    )
    b5 = Meeting(
        id="b5",
        type=CORE,
        date=date(2026, 12, 1),  # the day after the range: not counted
        status=MeetingStatus.MINUTES_DRAFT,
    )
    b6 = Meeting(
        id="b6",
        type=CORE,
        date=date(2026, 11, 15),  # in the range but only scheduled: not held, not counted
    )
    return Case(
        id="case-b",
        reference="REV-B",
        opened_on=date(2026, 10, 1),
        people=[_child("pb1", "Bartholomew Ynysforth", date(2012, 7, 8))],
        meetings=[b1, b2, b3, b4, b5, b6],
    )


def case_c() -> Case:
    c0 = Meeting(
        id="c0",
        type=CORE,
        date=START,  # the first day of the range: counted
        status=MeetingStatus.MINUTES_DRAFT,
        attendance=[
            _at(
                HEALTH,
                "Nurse Hallam Brightwater",
                AttendanceStatus.INFORMATION_ONLY,
                information_received_on=date(2026, 10, 30),
            ),
            _at(
                EDUCATION, "Mr Idris Fenwick", AttendanceStatus.DEPUTY, deputy_for="Ms Tamsin Rook"
            ),
        ],
    )
    c1 = Meeting(
        id="c1",
        type=MASH,
        date=date(2026, 11, 10),
        start_time=time(9, 0),  # no end time: the start dates the decision, 1 hour: in time
        status=MeetingStatus.MINUTES_DRAFT,
        contact_received_at=datetime(2026, 11, 10, 8, 0, tzinfo=UTC),
        risk=RiskAssessment(rag=Rag.GREEN),
        decisions=Decisions(initial_conference=True),  # and none held since
        attendance=[
            _at(CSC, "Dana Whitfield"),
            _at(POLICE, "PC Ravi Osei"),
            _at(HEALTH, "Dr Oluwaseun Pemberton"),
        ],
        sharing_decisions=[
            SharingDecision(
                id="s4",
                information="Case summary",
                from_agency=CSC,
                to_whom="Health",
                outcome=SharingOutcome.SHARED,
                lawful_basis=["UK GDPR Art. 6(1)(e) public task", "Children Act 1989 s47"],
                reasons="For the health assessment",
                decided_by="Team manager",
                consent_sought=True,
                consent_given=True,
            )
        ],
        child_voice=[
            ChildVoice(id="v3", speaker=VoiceSpeaker.ADVOCATE, words="She wants her own room")
        ],
        actions=[
            Action(
                id="act5",
                what="Report",
                owner="PC Ravi Osei",
                owner_agency=POLICE,
                due=date(2026, 11, 29),
            ),
            Action(
                id="act6", what="Review", owner="PC Ravi Osei", owner_agency=POLICE, due=END
            ),  # due on the last day: not overdue
        ],
    )
    return Case(
        id="case-c",
        reference="REV-C",
        opened_on=date(2026, 10, 1),
        people=[_child("pc1", "Cressida Vantongeren", None)],
        meetings=[c0, c1],
    )


# Minutes signed (UTC; the workspace's Europe/London is UTC in November).
SIGNED = {
    "a1": "2026-11-02T16:00:00+00:00",  # the same day
    "a2": "2026-12-01T10:00:00+00:00",  # the 5th working day after 24 November
    "b1": "2026-12-09T10:00:00+00:00",  # later
}


def workspace_with_bundle(folder: Path, passphrase: str) -> None:
    """Make a workspace at `folder` (admin and chair 'chair', member 'member'), with the
    bank holiday in its reference data and the three cases imported from a bundle file."""
    from models.users import Role
    from storage import access, cases
    from storage.bundles import import_bundle, read_bundle_file
    from storage.workspace import Workspace

    ws, _ = Workspace.create(folder, "chair", passphrase, "Dana Chair")
    with ws:
        reference = cases.reference_data(ws)
        cases.save_reference_data(
            ws, reference.model_copy(update={"bank_holidays": [BANK_HOLIDAY]})
        )
        bundle = folder.parent / "review-bundle.json"
        bundle.write_bytes(dump_bundle([case_a(), case_b(), case_c()]))
        import_bundle(ws, read_bundle_file(bundle))
        bundle.unlink()
        with ws.transaction():
            for meeting_id, signed_at in SIGNED.items():
                # Only the signing time is read by the review; signing itself is tested elsewhere.
                ws.conn.execute(
                    "INSERT INTO minutes (meeting_id, version, snapshot, snapshot_sha256, signer,"
                    " signed_at, professional_pdf, family_pdf) VALUES (?, 1, '{}', '', 'chair', ?, x'', x'')",
                    (meeting_id, signed_at),
                )
        access.add_user(
            ws,
            "member",
            passphrase,
            "Mo Member",
            frozenset({Role.MEMBER}),
            "Police",
            admin_passphrase=passphrase,
        )


_template: list[Path] = []


def review_workspace_copy(tmp_path_factory, tmp_path: Path) -> Path:
    """A fresh copy (closed) of the review workspace, which is made once per session (key
    derivations are slow)."""
    from tests.conftest import PASSPHRASE

    if not _template:
        folder = tmp_path_factory.mktemp("review") / "ws"
        workspace_with_bundle(folder, PASSPHRASE)
        _template.append(folder)
    copy = tmp_path / "ws"
    shutil.copytree(_template[0], copy)
    return copy
