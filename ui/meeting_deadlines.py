"""What the meeting screen says of its deadlines: the notes (CSE screening review, initial
conference due) and the RAG decision's deadline, with whether it has passed while open."""

from __future__ import annotations

from datetime import UTC, datetime

from models.base import local_text
from models.case import Case
from models.meeting import Meeting, MeetingStatus
from models.reference import ReferenceData
from models.rules import cse_review_due, cse_review_flag, initial_conference_due, rag_deadline
from ui.i18n import tr


def deadline_notes(case: Case, meeting: Meeting, reference: ReferenceData) -> list[str]:
    notes = []
    flag = cse_review_flag(case, meeting)
    if flag:
        notes.append(flag)
    if any(i.present.value != "no" for i in meeting.risk.cse_screening):
        review = cse_review_due(meeting, reference)
        notes.append(tr("CSE screening to be reviewed by {0:%d %b %Y}.").format(review))
    if any(d.initial_conference for d in meeting.decision_records()):
        due = initial_conference_due(meeting.date, reference)
        notes.append(tr("Initial child protection conference due by {0:%d %b %Y}.").format(due))
    return notes


def decision_deadline(meeting: Meeting, reference: ReferenceData) -> tuple[str, bool]:
    """The sentence on the RAG decision's deadline, and whether it has passed while the
    meeting is still open (shown in red)."""
    rag, contact = meeting.risk.rag, meeting.contact_received_at
    if rag is None or contact is None:
        return tr("Set the RAG rating and the contact time to see when a decision is due."), False
    due = rag_deadline(contact, rag, reference)
    at = local_text(due, reference.time_zone)
    if meeting.status not in (MeetingStatus.SCHEDULED, MeetingStatus.IN_PROGRESS):
        return tr("{0}: the decision was due {1}.").format(rag.value.upper(), at), False
    left = (due - datetime.now(UTC)).total_seconds()
    if left > 0:
        when = tr("{0} h {1} min left").format(int(left // 3600), int(left % 3600 // 60))
    else:
        when = tr(
            "the deadline has passed: say why the decision was late, in Purpose and confidentiality"
        )
    text = tr("{0}: decision due {1} — {2}").format(rag.value.upper(), at, when)
    return text, left <= 0
