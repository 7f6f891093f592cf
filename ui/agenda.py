"""The agenda of a meeting: its steps in order, each built only when first shown."""

from __future__ import annotations

from collections.abc import Callable

from models.case import Case
from models.meeting import (
    Action,
    AgencyContribution,
    ChildVoice,
    Meeting,
)
from models.reference import ReferenceData
from models.sharing import SharingDecision
from models.withholding import hidden_from_family
from ui.attendance_step import AttendanceStep
from ui.forms import PICK
from ui.i18n import tr
from ui.meeting_steps import DetailsStep, ListStep, NextMeetingStep, ReviewStep, Step, withheld_mark
from ui.risk_steps import DecisionsStep, RiskStep
from ui.table_model import Column

# The fields that name a person or an agency: they offer the names already known.
PEOPLE_FIELDS = frozenset(
    {
        "name",
        "deputy_for",
        "given_by",
        "decided_by",
        "owner",
        "who_tells_parents",
        "chair",
        "minute_taker",
    }
)
AGENCY_FIELDS = frozenset({"agency", "from_agency", "owner_agency"})
EITHER_FIELDS = frozenset({"to_whom", "who_is_worried"})


# SharingDecision's fields change with the golden-rules work: until they declare their titles
# (models/fields.py), these are its labels. Every other meeting field declares its own.
def agenda(reference: ReferenceData) -> list[tuple[str, Callable[[], Step]]]:
    """The agenda, in order: each step's title, and how to build it when it is first shown."""
    agencies = {"agency": reference.agencies}
    return [
        (
            tr("Attendance"),
            lambda: AttendanceStep(
                [
                    Column(tr("Name"), lambda a: a.name),
                    Column(tr("Agency"), lambda a: a.agency),
                    Column(tr("Role"), lambda a: a.role),
                    Column(tr("Attendance"), lambda a: a.status.value.replace("_", " ")),
                    Column(
                        tr("Confidentiality"),
                        lambda a: tr("acknowledged") if a.confidentiality_acknowledged else "",
                    ),
                    Column(tr("Family copy"), lambda a: withheld_mark(hidden_from_family(a))),
                ],
                {**agencies, "role": reference.attendance_roles},
            ),
        ),
        (tr("Purpose and confidentiality"), lambda: DetailsStep()),
        (tr("Review of earlier actions"), lambda: ReviewStep()),
        (
            tr("Agency contributions"),
            lambda: ListStep(
                tr("Agency contributions"),
                "contributions",
                AgencyContribution,
                [
                    Column(tr("Agency"), lambda c: c.agency),
                    Column(tr("What they know"), lambda c: c.text),
                    Column(tr("Family copy"), lambda c: withheld_mark(hidden_from_family(c))),
                ],
                "c",
                agencies,
            ),
        ),
        (
            tr("Information-sharing decisions"),
            lambda: ListStep(
                tr("Information-sharing decisions"),
                "sharing_decisions",
                SharingDecision,
                [
                    Column(tr("Decision"), lambda s: s.outcome.value.replace("_", " ")),
                    Column(tr("Information"), lambda s: s.information),
                    Column(tr("From → to"), lambda s: f"{s.from_agency} → {s.to_whom}"),
                    Column(tr("Family copy"), lambda s: withheld_mark(hidden_from_family(s))),
                ],
                "s",
                {"from_agency": reference.agencies, "lawful_basis": reference.lawful_bases},
            ),
        ),
        (
            tr("The child's voice"),
            lambda: ListStep(
                tr("The child's voice"),
                "child_voice",
                ChildVoice,
                [
                    Column(tr("Who"), lambda v: v.speaker.value),
                    Column(tr("Words"), lambda v: v.words),
                    Column(tr("Family copy"), lambda v: withheld_mark(hidden_from_family(v))),
                ],
                "v",
                None,
                frozenset({"person_id"}),
            ),
        ),
        (tr("Risk"), lambda: RiskStep()),
        (tr("Decisions"), lambda: DecisionsStep(reference)),
        (
            tr("Joint action plan"),
            lambda: ListStep(
                tr("Joint action plan"),
                "actions",
                Action,
                [
                    Column(tr("Action"), lambda a: a.what),
                    Column(tr("Owner"), lambda a: f"{a.owner} ({a.owner_agency})"),
                    Column(tr("Due"), lambda a: a.due),
                    Column(tr("Status"), lambda a: a.status.value.replace("_", " ")),
                    Column(tr("Family copy"), lambda a: withheld_mark(hidden_from_family(a))),
                ],
                "a",
                {"owner_agency": reference.agencies, "linked_danger_id": PICK},
            ),
        ),
        (tr("Next meeting"), lambda: NextMeetingStep()),
    ]


def offer_names(step: Step, case: Case, meeting: Meeting, reference: ReferenceData) -> None:
    """People and agencies are picked, not retyped: every such field of a step offers the
    meeting's attendance, the case's people and the workspace's agencies (a new name still
    goes)."""
    people = [a.name for a in meeting.attendance] + [p.name for p in case.people]
    people += [meeting.chair] if meeting.chair else []
    agencies = [*reference.agencies, *(a.agency for a in meeting.attendance)]
    for form in step.forms() + [editor.form for editor in step.lists()]:
        for name in form.editors:
            if name in PEOPLE_FIELDS:
                form.set_completions(name, people)
            elif name in AGENCY_FIELDS:
                form.set_completions(name, agencies)
            elif name in EITHER_FIELDS:
                form.set_completions(name, people + agencies)
