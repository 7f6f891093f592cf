"""The story of the minutes, section by section in the order of the agenda.

In the family variant every item withheld from the family becomes a visible note.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Spacer,
    Table,
)

from models.family_copy import FamilyDocument
from models.fields import step_fields, title_of
from models.meeting import Attendance, AttendanceStatus, Meeting
from models.minutes import WITHHELD_NOTE, MinutesSnapshot, Variant
from models.protected_names import PROTECTED_REASON, names_someone, protected_words
from models.withholding import Withholdable, hidden_from_family
from reports import risk_sections, sharing_section, strategy_section
from reports.family_sections import closing, family_check_line, glossary, outcome_letter
from reports.pdf_parts import (
    SignatureSpace,
    day,
    facts_table,
    grid,
    lay_time,
    para,
    shown,
    styles,
    words,
    yes_no,
)


class MinutesStory:
    """Builds the story of one variant."""

    def __init__(self, snap: MinutesSnapshot, variant: Variant) -> None:
        self.snap, self.variant, self.s = snap, variant, styles()
        self.story: list[Any] = []
        self.signature_space = SignatureSpace()
        # The family copy never gives the name of a person who could be harmed if identified.
        self.protected = protected_words(snap.meeting.sharing_decisions)

    def hidden(self, item: Any) -> bool:
        """Whether this copy leaves `item` out (the family copy, for a withheld item or one
        that names a person not to be named)."""
        if self.variant is not Variant.FAMILY:
            return False
        check = getattr(item, "hidden_from_family", None)
        withheld = bool(check()) if callable(check) else hidden_from_family(item)
        return withheld or names_someone(item, self.protected)

    def safe(self, text: str) -> str:
        """Text of the meeting as this copy prints it: left out if it names a person not to
        be named (family copy)."""
        family = self.variant is Variant.FAMILY
        return "" if family and names_someone(text, self.protected) else text

    def nothing(self, professional: str) -> str:
        """What an empty section says. The family copy says the same whether nothing was
        recorded or everything was withheld, so an empty section gives nothing away."""
        return "None in this copy." if self.variant is Variant.FAMILY else professional

    def withheld_tag(self, item: Any) -> str:
        """In the professional copy, why an item is left out of the family copy ("" if not)."""
        if self.variant is Variant.FAMILY:
            return ""
        if not hidden_from_family(item):
            return (
                f"Left out of the family copy: {PROTECTED_REASON[0].lower()}{PROTECTED_REASON[1:]}"
                if names_someone(item, self.protected)
                else ""
            )
        reason = item.withheld_reason if isinstance(item, Withholdable) else ""
        return f"Withheld from the family: {reason or 'a decision not to share (not released)'}"

    def tagged(self, item: Any) -> None:
        tag = self.withheld_tag(item)
        if tag:
            self.add(para(tag, self.s["small"]))

    def add(self, *flowables: Any) -> None:
        self.story.extend(flowables)

    def heading(self, text: str) -> None:
        self.add(para(text, self.s["h2"]))

    def table(self, header: list[str], rows: Iterable[list[Any]], widths: list[float]) -> Table:
        return grid(header, rows, widths, self.s["cell"])

    def facts(self, rows: list[tuple[str, str]]) -> None:
        table = facts_table(rows, self.s["small"], self.s["body"])
        if table is not None:
            self.add(table)

    # --- the sections, in the order of the agenda ------------------------------------------
    def build(self) -> list[Any]:
        return self._build()

    def _build(self) -> list[Any]:
        snap = self.snap
        family = self.variant is Variant.FAMILY
        if family and snap.family_document is FamilyDocument.OUTCOME_LETTER:
            return outcome_letter(self)
        copy = "Family copy" if family else "Professional copy"
        self.add(para(f"Minutes: {snap.meeting_type}", self.s["title"]))
        self.add(
            para(
                f"{copy} · version {snap.version}"
                + (f" (addendum to version {snap.amends_version})" if snap.amends_version else ""),
                self.s["small"],
            )
        )
        if family:
            self.add(para(WITHHELD_NOTE, self.s["withheld"]))
        self.add(Spacer(1, 3 * mm))
        children = "; ".join(
            c.name
            + (f" (known as {c.known_as})" if c.known_as else "")
            + (
                f", {'due' if c.unborn else 'born'} {day(c.date_of_birth)}"
                if c.date_of_birth
                else ""
            )
            + (f", {c.identifier_text()}" if c.identifier_text() else "")
            for c in snap.children
        )
        safe = self.safe
        self.facts(
            [
                ("Case reference", snap.case_reference),
                ("Child or children", children),
                *[
                    (
                        # a time is typed in UTC but printed in the workspace's zone, named
                        title_of(Meeting, name).removesuffix(" (UTC)"),
                        safe(shown(getattr(snap.meeting, name), snap.time_zone)),
                    )
                    for name in step_fields(Meeting, "details")
                    if name != "type"
                ],
            ]
        )
        if safe(snap.addendum):
            self.heading("Addendum")
            self.add(para(snap.addendum, self.s["body"]))
        self.voice()
        self.attendance()
        meeting = snap.meeting
        purpose, statement = safe(meeting.purpose), safe(meeting.confidentiality_statement)
        if purpose or statement:
            self.heading("Purpose and confidentiality")
            self.add(
                para(purpose, self.s["body"]),
                Spacer(1, 2 * mm),
                para(statement, self.s["small"]),
            )
        self.reviewed_actions()
        self.contributions()
        self.sharing()
        self.risk()
        self.decisions()
        strategy_section.strategy(self)
        self.action_plan()
        self.heading("Next meeting")
        self.add(para(day(snap.meeting.next_meeting_date) or "Not yet set.", self.s["body"]))
        if family:
            closing(self)
            glossary(self)
        else:
            family_check_line(self)
        self.signature_block()
        return self.story

    def voice(self) -> None:
        self.heading("The child's voice")
        shown = [v for v in self.snap.meeting.child_voice if not self.hidden(v)]
        if not shown:
            self.add(para(self.nothing("Not recorded for this meeting."), self.s["body"]))
        for v in shown:
            who = {
                "child": "The child",
                "advocate": "An advocate for the child",
                "parent": "Parent",
                "carer": "Carer",
            }[v.speaker.value]
            self.add(
                para(v.words, self.s["voice"]),
                para(
                    f"{who}; {v.how_gathered or 'how gathered not recorded'}; child attended: {yes_no(v.child_attended)}",
                    self.s["small"],
                ),
            )
            self.tagged(v)
            self.add(Spacer(1, 2 * mm))

    def attendance(self) -> None:
        self.heading("Attendance")

        def status(a: Attendance) -> str:
            text = words(a.status)
            if a.status is AttendanceStatus.DEPUTY:
                text += f" for {a.deputy_for}"
            if a.status is AttendanceStatus.INFORMATION_ONLY and a.information_received_on:
                text += f", received {day(a.information_received_on)}"
            times = "–".join(t.strftime("%H:%M") for t in (a.joined_at, a.left_at) if t)
            return " ".join(
                filter(
                    None,
                    [
                        text,
                        times and f"({times})",
                        a.excluded_from and f"excluded from: {a.excluded_from}",
                    ],
                )
            )

        rows = [
            [
                a.name,
                a.agency,
                "\n".join(filter(None, [a.role, self.withheld_tag(a)])),
                status(a),
                "Yes" if a.confidentiality_acknowledged else "No",
            ]
            for a in self.snap.meeting.attendance
            if not self.hidden(a)
        ]
        self.add(
            self.table(
                ["Name", "Agency", "Role", "Attendance", "Confidentiality"],
                rows,
                [36 * mm, 30 * mm, 32 * mm, 42 * mm, 34 * mm],
            )
        )
        # Professional copy only: who was missing is worked out from every attendee, those
        # withheld from the family too, so the family copy would give them away.
        absent = self.snap.disciplines_missing
        reason = self.snap.meeting.disciplines_absent_reason
        if self.variant is Variant.PROFESSIONAL and (absent or reason):
            self.facts(
                [
                    ("Disciplines not present", ", ".join(words(d) for d in absent)),
                    (title_of(Meeting, "disciplines_absent_reason"), reason),
                ]
            )

    def reviewed_actions(self) -> None:
        if not self.snap.reviewed_actions:
            return
        self.heading("Review of earlier actions")
        rows = [
            [
                "\n".join(filter(None, [r.action.what, self.withheld_tag(r.action)])),
                f"{r.action.owner} ({r.action.owner_agency})",
                day(r.action.due),
                f"{words(r.reported_status)}{': ' + r.note if r.note else ''}"
                + (f"\n{self.withheld_tag(r.review)}" if self.withheld_tag(r.review) else ""),
            ]
            for r in self.snap.reviewed_actions
            if not self.hidden(r)
        ]
        self.add(
            self.table(
                ["Action", "Owner", "Due", "Reported status"],
                rows,
                [70 * mm, 40 * mm, 22 * mm, 42 * mm],
            )
        )

    def contributions(self) -> None:
        self.heading("What each agency knows")
        shown = [c for c in self.snap.meeting.contributions if not self.hidden(c)]
        if not shown:
            self.add(para(self.nothing("No contributions recorded."), self.s["body"]))
        for c in shown:
            source = ", ".join(filter(None, [c.source, day(c.source_date)]))
            meta = (
                f"{c.agency}"
                + (f" — {c.given_by}" if c.given_by else "")
                + f" · {words(c.kind)}"
                + (f" · source: {source}" if source else "")
            )
            if self.withheld_tag(c):
                meta += f" · {self.withheld_tag(c)}"
            self.add(KeepTogether([para(meta, self.s["h3"]), para(c.text, self.s["body"])]))

    def sharing(self) -> None:
        sharing_section.sharing(self)

    def risk(self) -> None:
        risk_sections.risk(self)

    def decisions(self) -> None:
        risk_sections.decisions(self)

    def action_plan(self) -> None:
        self.heading("Joint action plan")
        rows = [
            [
                a.what
                + (f"\nWhy: {a.why}" if a.why else "")
                + (f"\n{self.withheld_tag(a)}" if self.withheld_tag(a) else ""),
                f"{a.owner}\n{a.owner_agency}",
                day(a.due),
                words(a.priority),
                words(a.status) + (f": {a.status_reason}" if a.status_reason else ""),
            ]
            for a in self.snap.meeting.actions
            if not self.hidden(a)
        ]
        if rows:
            self.add(
                self.table(
                    ["Action", "Owner", "Due", "Priority", "Status"],
                    rows,
                    [66 * mm, 38 * mm, 22 * mm, 20 * mm, 28 * mm],
                )
            )
        else:
            self.add(para(self.nothing("No actions agreed."), self.s["body"]))

    def signature_block(self) -> None:
        """Who approved the minutes and when, in words; the technical record in small print."""
        snap = self.snap
        if not snap.signer_name:
            self.add(
                KeepTogether(
                    [para("Draft: not yet approved or signed.", self.s["h2"]), self.signature_space]
                )
            )
            return
        role = snap.signer_role + (f" ({snap.signer_agency})" if snap.signer_agency else "")
        when = lay_time(snap.signed_at, snap.time_zone)
        self.add(
            KeepTogether(
                [
                    para("Approved and signed", self.s["h2"]),
                    para(f"Approved by {snap.signer_name}, {role}, {when}.", self.s["body"]),
                    para(
                        "To check it, open this file's signature panel in a PDF reader (or run"
                        " “caseroom verify” on it): it must say the document has not been changed"
                        f" since {snap.signer_name} signed it.",
                        self.s["body"],
                    ),
                    self.signature_space,
                    para(
                        f"Audit checkpoint: event {snap.audit_seq}, head {snap.audit_head}."
                        f" Snapshot SHA-256 {snap.sha256()}. The signature certifies this"
                        " document and permits no changes; its time is as claimed by the"
                        " signer's computer (no time-stamp authority).",
                        self.s["small"],
                    ),
                ]
            )
        )
