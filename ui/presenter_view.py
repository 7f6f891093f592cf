"""The room's screen: large type, the current agenda step and the live action plan.

One toggle hides everything withheld from the family, for when parents are in the room.
It shows only what the meeting screen hands it, and is cleared when the app locks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from models.meeting import Meeting
from ui.i18n import tr


class PresenterView(QWidget):
    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle(tr("Caseroom — room screen"))
        self.setObjectName("presenter")
        self.meeting: Meeting | None = None
        self.step = ""
        self.family_safe = QCheckBox(tr("&Hide information withheld from the family (Ctrl+H)"))
        self.family_safe.setAccessibleName(tr("Hide information withheld from the family"))
        self.heading = QLabel()
        self.heading.setObjectName("presenterTitle")
        self.heading.setWordWrap(True)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.plan = QLabel()
        self.plan.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.plan.setWordWrap(True)
        self.plan.setTextFormat(Qt.TextFormat.PlainText)
        plan_title = QLabel(tr("Joint action plan"))
        plan_title.setObjectName("presenterTitle")
        layout = QVBoxLayout(self)
        layout.addWidget(self.family_safe)
        layout.addWidget(self.heading)
        layout.addWidget(self.body, 2)
        layout.addWidget(plan_title)
        layout.addWidget(self.plan, 3)
        self.family_safe.toggled.connect(lambda _: self.redraw())
        self.resize(1280, 720)

    def place_on(self, screen_index: int) -> None:
        screens = QGuiApplication.screens()
        if 0 <= screen_index < len(screens):
            self.setScreen(screens[screen_index])
            self.setGeometry(screens[screen_index].availableGeometry())

    def show_meeting(self, meeting: Meeting | None, step: str | None = None) -> None:
        self.meeting = meeting
        if step is not None:
            self.step = step
        self.redraw()

    def clear(self) -> None:
        self.meeting = None
        self.step = ""
        for label in (self.heading, self.body, self.plan):
            label.clear()

    def _hidden(self, item: object) -> bool:
        return self.family_safe.isChecked() and bool(getattr(item, "withheld_from_family", False))

    def redraw(self) -> None:
        meeting = self.meeting
        if meeting is None:
            self.clear()
            return
        self.heading.setText(f"{meeting.type} — {tr(self.step) if self.step else ''}")
        lines: list[str] = []
        if self.step in ("Agency contributions", tr("Agency contributions")):
            lines = [f"{c.agency}: {c.text}" for c in meeting.contributions if not self._hidden(c)]
        elif self.step in ("The child's voice", tr("The child's voice")):
            lines = [v.words for v in meeting.child_voice if not self._hidden(v)]
        elif self.step in ("Attendance", tr("Attendance")):
            lines = [
                f"{a.name} — {a.agency} ({a.status.value.replace('_', ' ')})"
                for a in meeting.attendance
            ]
        elif self.step in ("Information-sharing decisions", tr("Information-sharing decisions")):
            lines = [
                f"{s.outcome.value.replace('_', ' ').upper()}: {s.information}"
                for s in meeting.sharing_decisions
                if not self._hidden(s)
            ]
        elif self.step in ("Risk", tr("Risk")):
            risk = meeting.risk
            lines = [
                f"RAG: {risk.rag.value.upper() if risk.rag else '—'}",
                *[f"Worry: {w}" for w in risk.worries],
                *[f"Working well: {w}" for w in risk.working_well],
            ]
            lines += [
                f"{d.who_is_worried}: {d.worry}"
                for d in risk.danger_statements
                if not self._hidden(d)
            ]
        else:
            lines = [meeting.purpose] if meeting.purpose else []
        self.body.setText("\n".join(lines))
        actions = [a for a in meeting.actions if not self._hidden(a)]
        self.plan.setText(
            "\n".join(
                f"• {a.what} — {a.owner} ({a.owner_agency}), due {a.due or '—'}" for a in actions
            )
            or tr("No actions yet.")
        )
