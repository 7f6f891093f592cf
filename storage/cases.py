"""Use cases of the case record: each is one transaction with its audit event."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import ValidationError

from models.base import new_id, wall_clock
from models.case import Case, RagChange
from models.meeting import Meeting
from models.messages import describe
from models.people import CasePerson, PersonRole
from models.protected_names import clash_with_children
from models.reference import ReferenceData
from models.rules import action_transition_problem, meeting_is_frozen, meeting_transition_problem
from models.users import Role
from storage import lists, records
from storage import search as search_module
from storage.errors import ChangedElsewhere, InvalidInput, PermissionDenied
from storage.reference_data import load_reference
from storage.workspace import Workspace

WRITERS = {Role.ADMIN, Role.CHAIR, Role.MEMBER}


def _require_writer(ws: Workspace) -> None:
    if not WRITERS & ws.user.roles:
        raise PermissionDenied("This account can read the record but not change it.")
    ws.require_writable()


CHANGED_ELSEWHERE = (
    "This {0} was changed elsewhere since you opened it, so your changes were not saved; "
    "they are still on the screen. Reload it to see the other change, then make yours again."
)


def _check_revision(ws: Workspace, key: str, kind: str) -> None:
    """Inside the save's transaction: refuse a save made against an older revision than
    the stored one (another window or program saved meanwhile)."""
    known = ws.seen.get(key)
    if known is None:
        return  # not read in this session (a command, an import): nothing to compare
    case_id = key.split(":", 1)[1] if kind == "case" else _case_of(ws, key)
    now = records.revisions(ws.conn, case_id).get(key) if case_id else None
    if now is not None and now != known:
        raise ChangedElsewhere(CHANGED_ELSEWHERE.format(kind))


def _case_of(ws: Workspace, key: str) -> str | None:
    found = records.load_meeting(ws.conn, key.split(":", 1)[1])
    return None if found is None else found[0]


def _remember(ws: Workspace, case_id: str) -> None:
    ws.seen.update(records.revisions(ws.conn, case_id))


def reference_data(ws: Workspace) -> ReferenceData:
    return load_reference(ws.conn)


def save_reference_data(ws: Workspace, reference: ReferenceData) -> None:
    ws.require(Role.ADMIN)
    with ws.transaction():
        records.store_reference(ws.conn, reference)
        ws.record("reference.update", "reference_data", "1")


def _guard_signed(before: Case | None, meetings: list[Meeting]) -> None:
    """Signed minutes are changed only by a signed addendum, and never removed."""
    stored = {m.id: m for m in (before.meetings if before else [])}
    kept = {m.id for m in meetings}
    for old in stored.values():
        if meeting_is_frozen(old) and old.id not in kept:
            raise InvalidInput(f"Meeting {old.id!r} has signed minutes; it cannot be removed.")
    for meeting in meetings:
        previous = stored.get(meeting.id)
        if previous is not None and meeting_is_frozen(previous) and previous != meeting:
            raise InvalidInput(
                f"The minutes of meeting {meeting.id!r} are signed; correct them with a signed addendum."
            )


def save_case(ws: Workspace, case: Case) -> None:
    """Create or update a whole case (people, places, chronology, meetings)."""
    _require_writer(ws)
    # Every rule again, on the whole, with the workspace's kinds of identifier.
    try:
        case = Case.model_validate(
            case.model_dump(), context=records.load_reference(ws.conn).identifier_context()
        )
    except ValidationError as exc:
        raise InvalidInput(describe(exc, Case).replace("\n", " ")) from exc
    with ws.transaction():
        existing = records.case_id_for_reference(ws.conn, case.reference)
        if existing is not None and existing != case.id:
            raise InvalidInput(f"Another case already has the reference {case.reference!r}.")
        before = records.load_case(ws.conn, case.id)
        _check_revision(ws, f"case:{case.id}", "case")
        _guard_signed(before, case.meetings)
        action = "case.create" if before is None else "case.update"
        records.store_case(ws.conn, case, records.load_reference(ws.conn))
        ws.record(action, "case", case.id, {"meetings": len(case.meetings)})
        _remember(ws, case.id)


def open_case(ws: Workspace, case_id: str) -> Case:
    """Read a case; every view is an audit event."""
    with ws.transaction():
        case = records.load_case(ws.conn, case_id)
        if case is None:
            raise InvalidInput(f"There is no case {case_id!r}.")
        ws.record("case.view", "case", case_id)
        _remember(ws, case_id)
    return case


def open_meeting(ws: Workspace, meeting_id: str) -> tuple[str, Meeting]:
    with ws.transaction():
        found = records.load_meeting(ws.conn, meeting_id)
        if found is None:
            raise InvalidInput(f"There is no meeting {meeting_id!r}.")
        ws.record("meeting.view", "meeting", meeting_id, {"case": found[0]})
        key = f"meeting:{meeting_id}"
        ws.seen[key] = records.revisions(ws.conn, found[0])[key]
    return found


def open_case_meeting(ws: Workspace, case_id: str, meeting_id: str) -> tuple[Case, Meeting]:
    """A meeting with its case, read once; both views are audit events."""
    with ws.transaction():
        case = records.load_case(ws.conn, case_id)
        meeting = next((m for m in case.meetings if m.id == meeting_id), None) if case else None
        if case is None or meeting is None:
            raise InvalidInput(f"There is no meeting {meeting_id!r} in case {case_id!r}.")
        ws.record("case.view", "case", case_id)
        ws.record("meeting.view", "meeting", meeting_id, {"case": case_id})
        _remember(ws, case_id)
    return case, meeting


def _check_changes(before: Meeting, after: Meeting) -> None:
    """Status changes follow the rules: a meeting's lifecycle, and how actions close."""
    problem = meeting_transition_problem(before.status, after.status)
    if problem:
        raise InvalidInput(problem)
    old = {a.id: a for a in before.actions}
    for action in after.actions:
        if action.id in old:
            problem = action_transition_problem(
                old[action.id].status, action.status, action.status_reason
            )
            if problem:
                raise InvalidInput(f"Action {action.what[:40]!r}: {problem}")


def save_meeting(ws: Workspace, case_id: str, meeting: Meeting) -> None:
    """Save one meeting of a case, checked against the whole case's rules."""
    _require_writer(ws)
    with ws.transaction():
        case = records.load_case(ws.conn, case_id)
        if case is None:
            raise InvalidInput(f"There is no case {case_id!r}.")
        stored = next((m for m in case.meetings if m.id == meeting.id), None)
        _check_revision(ws, f"meeting:{meeting.id}", "meeting")
        before_save = records.revisions(ws.conn, case_id)
        _guard_signed(case, [meeting if m.id == meeting.id else m for m in case.meetings])
        if stored is not None and not meeting_is_frozen(stored):
            _check_changes(stored, meeting)
        clash = clash_with_children(meeting.sharing_decisions, [p.name for p in case.children()])
        if clash and (stored is None or not meeting_is_frozen(stored)):
            raise InvalidInput(clash)
        # The family-copy check is set only by the chair's confirmation, never by a save.
        meeting = meeting.model_copy(
            update={"family_check": stored.family_check if stored is not None else None}
        )
        case = _follow_rag(ws, case, meeting)
        others = [m for m in case.meetings if m.id != meeting.id]
        is_new = len(others) == len(case.meetings)
        meetings = (
            [*others, meeting]
            if is_new
            else [meeting if m.id == meeting.id else m for m in case.meetings]
        )
        updated = Case.model_validate(
            {**case.model_dump(exclude={"meetings"}), "meetings": meetings}
        )
        records.store_case(ws.conn, updated, records.load_reference(ws.conn))
        ws.record(
            "meeting.create" if is_new else "meeting.update",
            "meeting",
            meeting.id,
            {"case": case_id},
        )
        after = records.revisions(ws.conn, case_id)
        ws.note_saved(before_save, after)
        ws.seen[f"meeting:{meeting.id}"] = after[f"meeting:{meeting.id}"]  # saved here: current


def _follow_rag(ws: Workspace, case: Case, meeting: Meeting) -> Case:
    """A meeting's RAG rating becomes the case's, and the change joins the RAG history."""
    if meeting.risk.rag is None or meeting.risk.rag == case.rag:
        return case
    change = RagChange(
        at=datetime.now(UTC).replace(microsecond=0),
        rating=meeting.risk.rag,
        reason=meeting.risk.rag_reason or f"{meeting.type}, {meeting.date:%d %b %Y}",
        by=ws.user.display_name,
    )
    return case.model_copy(
        update={"rag": meeting.risk.rag, "rag_history": [*case.rag_history, change]}
    )


def new_case(ws: Workspace, reference: str, child_name: str = "") -> Case:
    """Open a case for a referral: its reference and, when known, the child's name."""
    people = (
        [CasePerson(id=new_id("p"), name=child_name, role=PersonRole.CHILD)]
        if child_name.strip()
        else []
    )
    # (opened on the room's calendar, whatever zone this computer is set to)
    today = wall_clock(load_reference(ws.conn).time_zone).date()
    try:
        case = Case(id=new_id("case"), reference=reference, opened_on=today, people=people)
    except ValidationError as exc:
        raise InvalidInput(describe(exc, Case).replace("\n", " ")) from exc
    save_case(ws, case)
    return case


def delete_case(ws: Workspace, case_id: str) -> None:
    ws.require(Role.ADMIN)
    with ws.transaction():
        if not records.case_exists(ws.conn, case_id):
            raise InvalidInput(f"There is no case {case_id!r}.")
        records.delete_case(ws.conn, case_id)
        ws.record("case.delete", "case", case_id)


# --- lists for the home screen: storage/lists.py (kept here under their old names) ------
CaseRow = lists.CaseRow
list_cases = lists.list_cases
ActionRow = lists.ActionRow
open_actions_due = lists.open_actions_due
count_open_actions = lists.count_open_actions
MeetingRow = lists.MeetingRow
meetings_between = lists.meetings_between


# --- search: storage/search.py (kept here under their old names) ----------------------
SearchHit = search_module.SearchHit
search = search_module.search
search_page = search_module.search_page
identifier_hits = search_module.identifier_hits
