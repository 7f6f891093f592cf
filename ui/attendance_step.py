"""The attendance step: who is here, and a warning while a discipline is missing.

A multi-agency child protection team includes education, social work, health and police
(CWSA 2026 s16EA); a strategy discussion needs social care, police and health (Working
Together 2023). Each attendee counts for the discipline of their agency (reference data);
the warning stays until someone from each is present, and the reason is recorded below it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from models.case import Case
from models.disciplines import warnings
from models.fields import step_fields
from models.meeting import Attendance, AttendanceStatus, Meeting
from models.reference import ReferenceData
from ui.forms import ModelForm
from ui.i18n import tr
from ui.meeting_steps import ListStep
from ui.table_model import Column

PRESENT = (AttendanceStatus.PRESENT, AttendanceStatus.DEPUTY)


class AttendanceStep(ListStep):
    def __init__(self, columns: list[Column], choices: dict[str, list[str]]) -> None:
        super().__init__(
            tr("Attendance"),
            "attendance",
            Attendance,
            columns,
            "att",
            choices,
            frozenset({"person_id"}),
        )
        self.editor.changed.connect(self.show_warnings)

    def body(self) -> QWidget:
        """The warning, the list, then the reason a discipline is absent."""
        self.meeting_type = ""
        self.mapping: dict[str, Any] = {}
        self.warning = QLabel()
        self.warning.setObjectName("error")
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName(tr("Disciplines missing"))
        self.warning.hide()
        self.form = ModelForm(Meeting, include=step_fields(Meeting, "attendance"))
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.warning)
        column.addWidget(self.form)  # the reason, right under the warning (Tab: after the list)
        column.addWidget(self.editor)
        return body

    def load(self, case: Case, meeting: Meeting, reference: ReferenceData) -> None:
        self.mapping = dict(reference.agency_disciplines)
        super().load(case, meeting, reference)
        self.form.set_value(meeting)
        self.show_warnings()

    def refresh(self, meeting: Meeting) -> None:
        super().refresh(meeting)
        self.meeting_type = meeting.type
        self.show_warnings()

    def show_warnings(self) -> None:
        present = [a.agency for a in self.editor.items() if a.status in PRESENT]
        found = [tr(text) for text in warnings(present, self.mapping, self.meeting_type)]
        self.warning.setText("\n".join(found))
        self.warning.setVisible(bool(found))
        reason = self.form.editors["disciplines_absent_reason"].get()
        self.form.setVisible(bool(found) or bool(str(reason or "").strip()))

    def collect(self, data: dict[str, Any]) -> bool:
        super().collect(data)
        data.update({k: v for k, v in self.form.raw().items() if k in self.form.editors})
        return True
