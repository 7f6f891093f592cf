"""The room's screen: large type, the current agenda step and the live action plan.

Family mode hides everything withheld from the family; it is on by default whenever a
family member is recorded as present, says so in large type, and Ctrl+H switches it from
either window. What each step shows is decided by the step's identity (`AgendaStep`),
never by its translated title. It shows only what the meeting screen hands it, and is
cleared when the app locks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from models.case import Case
from models.family_copy import family_present
from models.family_view import AgendaStep, ViewLine, step_lines
from models.meeting import Action, Meeting
from models.rules import current_actions
from ui.family_check_dialog import STEP_TITLES
from ui.i18n import tr

BODY_PX_AT_1080 = 40  # readable at 4 m on a 55-inch screen


class PresenterView(QWidget):
    family_mode_changed = Signal(bool)

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle(tr("Caseroom — room screen"))
        self.setObjectName("presenter")
        self.meeting: Meeting | None = None
        self.case: Case | None = None
        self.step = AgendaStep.ATTENDANCE
        self.family_mode = False
        self.mode = QLabel()
        self.mode.setObjectName("presenterMode")
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
        self.plan_title = QLabel(tr("Joint action plan"))
        self.plan_title.setObjectName("presenterTitle")
        content = QWidget()
        column = QVBoxLayout(content)
        for label in (self.heading, self.body, self.plan_title, self.plan):
            column.addWidget(label)
        column.addStretch(1)
        # Long content scrolls (PgUp/PgDn, arrows): nothing is cut off.
        self.scroller = QScrollArea()
        self.scroller.setWidget(content)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.scroller.setAccessibleName(tr("Room screen content"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.mode)
        layout.addWidget(self.scroller, 1)
        QShortcut(QKeySequence("Ctrl+H"), self, self.toggle_family_mode)
        self.resize(1280, 720)
        self._scale_type()

    def _scale_type(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        height = screen.geometry().height() if screen is not None else 1080
        px = max(BODY_PX_AT_1080, round(BODY_PX_AT_1080 * height / 1080))
        body = QFont(self.font())
        body.setPixelSize(px)
        title = QFont(body)
        title.setPixelSize(round(px * 1.25))
        title.setBold(True)
        for label in (self.body, self.plan):
            label.setFont(body)
        for label in (self.heading, self.plan_title):
            label.setFont(title)
        self._mode_px = round(px * 0.9)

    def place_on(self, screen_index: int) -> None:
        screens = QGuiApplication.screens()
        if 0 <= screen_index < len(screens):
            self.setScreen(screens[screen_index])
            self.setGeometry(screens[screen_index].availableGeometry())
            self._scale_type()

    def set_family_mode(self, on: bool) -> None:
        if on != self.family_mode:
            self.family_mode = on
            self.family_mode_changed.emit(on)
        self.redraw()

    def toggle_family_mode(self) -> None:
        self.set_family_mode(not self.family_mode)

    def show_meeting(
        self, meeting: Meeting | None, step: AgendaStep | None = None, case: Case | None = None
    ) -> None:
        new = meeting is not None and (self.meeting is None or self.meeting.id != meeting.id)
        if case is not None:
            self.case = case
        self.meeting = meeting
        if step is not None:
            self.step = step
        if new and meeting is not None and self.case is not None:
            # On by default whenever the family is in the room.
            self.set_family_mode(self.family_mode or family_present(self.case, meeting))
        self.redraw()

    def clear(self) -> None:
        self.meeting = None
        self.case = None
        for label in (self.heading, self.body, self.plan):
            label.clear()

    def lines(self, step: AgendaStep, earlier: dict[str, Action] | None = None) -> list[ViewLine]:
        """What the screen shows for a step: every line, less the withheld in family mode."""
        if self.meeting is None:
            return []
        if earlier is None:
            earlier = current_actions(self.case) if self.case is not None else {}
        children = {p.id: p.name for p in self.case.children()} if self.case else {}
        lines = step_lines(self.meeting, step, earlier, children)
        return [line for line in lines if not (self.family_mode and line.withheld)]

    def visible_text(self) -> str:
        return "\n".join(
            w.text() for w in (self.mode, self.heading, self.body, self.plan_title, self.plan)
        )

    def redraw(self) -> None:
        self.mode.setText(
            tr("Family view: withheld items hidden")
            if self.family_mode
            else tr("Professional view: everything shown")
        )
        # Styled here, not in the stylesheet: its colour follows the mode, its size the screen.
        colours = (
            "background: #1d4f91; color: white;"
            if self.family_mode
            else "background: #e8e8e8; color: #111111;"
        )
        self.mode.setStyleSheet(
            f"padding: 6px 12px; border-radius: 6px; font-weight: 700; "
            f"font-size: {self._mode_px}px; {colours}"
        )
        meeting = self.meeting
        if meeting is None:
            self.clear()
            return
        self.heading.setText(f"{meeting.type} — {tr(STEP_TITLES[self.step])}")
        earlier = current_actions(self.case) if self.case is not None else {}
        if self.step is AgendaStep.MINUTES:
            body = [tr("The minutes are being prepared for the chair to sign.")]
        else:
            body = [line.text for line in self.lines(self.step, earlier)]
        self.body.setText("\n".join(body) or tr("Nothing recorded yet."))
        plan = self.lines(AgendaStep.ACTIONS, earlier)
        self.plan.setText("\n".join(f"• {line.text}" for line in plan) or tr("No actions yet."))
