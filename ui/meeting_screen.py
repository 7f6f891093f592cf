"""The meeting workspace: the agenda on the left, one step at a time on the right.

Moving between steps, Ctrl+S and locking all save the meeting through the same use case
(`cases.save_meeting`); a rule broken anywhere is shown beside its field and nothing typed
is dropped.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from models.case import Case
from models.family_view import AGENDA
from models.meeting import (
    Meeting,
    MeetingStatus,
)
from models.messages import problems
from models.rules import meeting_is_frozen
from storage import cases, meeting_status
from storage.errors import ChangedElsewhere, WorkspaceError
from storage.workspace import Workspace
from ui.agenda import agenda, offer_names
from ui.confirm import confirm
from ui.i18n import tr
from ui.meeting_deadlines import deadline_notes, decision_deadline
from ui.meeting_drafts import MeetingDrafts
from ui.meeting_steps import DetailsStep, Step
from ui.minutes_step import MinutesStep
from ui.mnemonics import give_mnemonics
from ui.read_only import guarded, hold_within, writes

NEXT_STATUS = {
    MeetingStatus.SCHEDULED: (MeetingStatus.IN_PROGRESS, "Start the meeting"),
    MeetingStatus.IN_PROGRESS: (MeetingStatus.MINUTES_DRAFT, "End the meeting"),
}
ADVANCE_KEY, REOPEN_KEY = "Ctrl+Shift+E", "Ctrl+Shift+O"


def _off_the_tab_order(button: QPushButton) -> None:
    """A button that changes the meeting's status is pressed by its own keys, never by a
    stray Space on the way through a form."""
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)


class MeetingScreen(QWidget):
    step_changed = Signal(str)
    meeting_changed = Signal(object)  # Meeting, after every save

    def __init__(
        self, workspace: Workspace, case_id: str, meeting_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.reference = cases.reference_data(workspace)
        self.case: Case
        self.case, self.meeting = cases.open_case_meeting(workspace, case_id, meeting_id)
        self.plan = agenda(self.reference)
        self.built: dict[int, Step] = {}  # steps are built when first shown (opening is fast)
        self.drafts = MeetingDrafts(self)
        self.minutes_row = len(self.plan)
        self.title = QLabel()
        self.title.setObjectName("title")
        self.title.setWordWrap(True)
        self.status = QLabel()
        self.deadline = QLabel()
        self.deadline.setObjectName("hint")
        self.deadline.setWordWrap(True)  # a long sentence wraps; it never widens the window
        self.notes = QLabel()
        self.notes.setObjectName("error")
        self.notes.setWordWrap(True)
        self.banner = QLabel()
        self.banner.setObjectName("error")
        self.banner.setWordWrap(True)
        self.banner.hide()
        # Offered when a save meets a newer revision: what is typed stays until this is pressed.
        self.reload_button = QPushButton(tr("Reload the saved meeting (drops what is typed here)"))
        self.reload_button.hide()
        self.reload_button.clicked.connect(self.reload_saved)
        self.advance_button = writes(QPushButton())
        self.advance_button.clicked.connect(self.advance_status)
        self.reopen_button = writes(QPushButton(tr("Reopen the meeting ({0})").format(REOPEN_KEY)))
        self.reopen_button.clicked.connect(self.reopen)
        self.save_button = writes(QPushButton(tr("Save (Ctrl+S)")))
        self.save_button.clicked.connect(self.save)
        for button in (self.advance_button, self.reopen_button, self.save_button):
            _off_the_tab_order(button)
        QShortcut(
            QKeySequence(ADVANCE_KEY), self, guarded(self.advance_button, self.advance_status)
        )
        QShortcut(QKeySequence(REOPEN_KEY), self, guarded(self.reopen_button, self.reopen))
        self.agenda_list = QListWidget()
        self.agenda_list.setAccessibleName(tr("Agenda"))
        # As wide as its longest step at any system font: the agenda is never clipped.
        self.agenda_list.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.agenda_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.agenda_list.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.pages = QStackedWidget()
        titles = [title for title, _ in self.plan] + [tr("Minutes")]
        for number, title in enumerate(titles, start=1):
            row = number - 1
            key = (
                f"Ctrl+{number}"
                if number <= 9
                else ("Ctrl+0" if row == self.minutes_row else "Ctrl+PgDown")
            )
            self.agenda_list.addItem(f"{number}. {title}")
            self.agenda_list.item(row).setToolTip(key)
            self.pages.addWidget(QWidget())  # replaced by the step when it is first shown
            if number <= 9:
                QShortcut(QKeySequence(key), self, lambda n=row: self.agenda_list.setCurrentRow(n))
        QShortcut(
            QKeySequence("Ctrl+0"), self, lambda: self.agenda_list.setCurrentRow(self.minutes_row)
        )
        keys = QLabel(
            tr("Ctrl+1…9: go to a step · Ctrl+0: minutes\nCtrl+PgDown / Ctrl+PgUp: next / previous")
        )
        keys.setObjectName("hint")
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence("Ctrl+PgDown"), self, lambda: self._move(1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self, lambda: self._move(-1))
        self.agenda_list.currentRowChanged.connect(self._go_to)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.status)
        top.addWidget(self.advance_button)
        top.addWidget(self.reopen_button)
        top.addWidget(self.save_button)
        body = QHBoxLayout()
        side = QVBoxLayout()
        side.addWidget(self.agenda_list, 1)
        side.addWidget(keys)
        body.addLayout(side)
        body.addWidget(self.pages, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.deadline)
        layout.addWidget(self.notes)
        layout.addWidget(self.banner)
        layout.addWidget(self.reload_button)
        layout.addLayout(body, 1)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._show_deadline)
        self.timer.start(30_000)
        self._load_all()
        self.agenda_list.setCurrentRow(0)
        self.restore_draft()

    # --- the steps -------------------------------------------------------------------------
    def step(self, row: int) -> Step:
        """The step at `row`, built and loaded the first time it is asked for."""
        if row not in self.built:
            if row == self.minutes_row:
                step: Step = MinutesStep(self.workspace)
                step.signed.connect(self.after_signing)  # type: ignore[attr-defined]
            else:
                step = self.plan[row][1]()
            step.changed.connect(self._edited)
            self.built[row] = step
            give_mnemonics(step)
            for form in step.forms() + [editor.form for editor in step.lists()]:
                form.edited.connect(self.drafts.soon)
            placeholder = self.pages.widget(row)
            assert placeholder is not None
            self.pages.insertWidget(row, step)
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
            self._load_step(row, step)
            hold_within(step)  # in a session that reads only, its write buttons say why
        return self.built[row]

    @property
    def minutes(self) -> MinutesStep:
        return self.step(self.minutes_row)  # type: ignore[return-value]

    def _load_step(self, row: int, step: Step) -> None:
        step.load(self.case, self.meeting, self.reference)
        step.setEnabled(row == self.minutes_row or not meeting_is_frozen(self.meeting))

    def _edited_steps(self) -> list[Step]:
        return [step for row, step in sorted(self.built.items()) if row != self.minutes_row]

    # --- showing ---------------------------------------------------------------------------
    def _load_all(self) -> None:
        for row, step in self.built.items():
            self._load_step(row, step)
        frozen = meeting_is_frozen(self.meeting)
        self.save_button.setEnabled(not frozen)
        self.title.setText(
            f"{self.meeting.type} · {self.case.reference} · {self.meeting.date:%d %b %Y}"
        )
        self.status.setText(tr("Status: {0}").format(self.meeting.status.value.replace("_", " ")))
        nxt = NEXT_STATUS.get(self.meeting.status)
        self.advance_button.setVisible(nxt is not None)
        if nxt:
            self.advance_button.setText(tr("{0} ({1})").format(tr(nxt[1]), ADVANCE_KEY))
        self.reopen_button.setVisible(self.meeting.status is MeetingStatus.MINUTES_DRAFT)
        self._show_deadline()

    def _show_deadline(self) -> None:
        notes = deadline_notes(self.case, self.meeting, self.reference)
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))
        text, passed = decision_deadline(self.meeting, self.reference)
        self.deadline.setText(text)
        self._set_deadline_style("error" if passed else "hint")  # red while passed and open

    def _set_deadline_style(self, name: str) -> None:
        if self.deadline.objectName() != name:
            self.deadline.setObjectName(name)
            self.deadline.style().unpolish(self.deadline)
            self.deadline.style().polish(self.deadline)

    def current_step(self) -> Step:
        return self.step(self.pages.currentIndex())

    def _move(self, by: int) -> None:
        self.agenda_list.setCurrentRow(
            max(0, min(self.agenda_list.count() - 1, self.agenda_list.currentRow() + by))
        )

    def _go_to(self, row: int) -> None:
        if not meeting_is_frozen(self.meeting) and self.pages.currentIndex() != row:
            self.save()
            if self.agenda_list.currentRow() != row:
                return  # the save went to the page where a rule is broken, and stays there
        step = self.step(row)
        step.refresh(self.meeting)
        offer_names(step, self.case, self.meeting, self.reference)
        self.pages.setCurrentIndex(row)
        self.step_changed.emit(AGENDA[row].value)  # the step's identity, not its title
        if row == self.minutes_row:
            step.load(self.case, self.meeting, self.reference)
        step.setFocus()
        step.focusNextChild()

    def _edited(self) -> None:
        self.banner.hide()

    # --- saving ----------------------------------------------------------------------------
    def collect(self) -> Meeting | None:
        data: dict[str, Any] = self.meeting.model_dump()
        ok = all([step.collect(data) for step in self._edited_steps()])
        if not ok:
            details = self.built.get(1)
            typed = details.form.typed_problems() if isinstance(details, DetailsStep) else []
            if typed:  # a time the clocks skip or repeat: said as a rule broken there is
                self.agenda_list.setCurrentRow(1)
                self.banner.setText(tr("Not saved: {0}").format(typed[0][1]))
            else:
                self.banner.setText(
                    tr("A rule is broken on this page: see the message beside the field.")
                )
            self.banner.show()
            return None
        try:
            return Meeting.model_validate(data)
        except ValidationError as exc:
            details = self.step(1)
            assert isinstance(details, DetailsStep)
            self.agenda_list.setCurrentRow(1)
            details.form.show_errors(exc)
            self.banner.setText(tr("Not saved: {0}").format(problems(exc, Meeting)[0][1]))
            self.banner.show()
            return None

    def save(self, commit_forms: bool = False) -> bool:
        """Save the meeting; with `commit_forms`, first add what is typed in open forms.

        When it cannot be saved, what is typed is kept as an encrypted draft."""
        if meeting_is_frozen(self.meeting):
            return True
        if commit_forms and not all([s.commit_pending() for s in self._edited_steps()]):
            self.banner.setText(
                tr(
                    "Something typed breaks a rule; it is kept on the page and as a draft, "
                    "not yet in the meeting."
                )
            )
            self.banner.show()
            self.keep_draft()
            return False
        meeting = self.collect()
        if meeting is None:
            self.keep_draft()
            return False
        if meeting == self.meeting:
            self._drop_draft()
            return True
        try:
            cases.save_meeting(self.workspace, self.case.id, meeting)
        except WorkspaceError as exc:
            self.banner.setText(str(exc))
            self.banner.show()
            self.reload_button.setVisible(isinstance(exc, ChangedElsewhere))
            self.keep_draft()
            return False
        self.reload_button.hide()
        self._drop_draft()
        self.meeting = meeting
        self.case = self.case.model_copy(
            update={"meetings": [meeting if m.id == meeting.id else m for m in self.case.meetings]}
        )
        self.banner.hide()
        self._show_deadline()  # a RAG rating or contact time just saved moves the deadline
        self.meeting_changed.emit(meeting)
        return True

    def save_pending(self) -> bool:
        return self.save(commit_forms=True)

    def advance_status(self) -> None:
        nxt = NEXT_STATUS.get(self.meeting.status)
        if nxt is None:
            return
        if nxt[0] is MeetingStatus.MINUTES_DRAFT and not confirm(
            self,
            tr("End the meeting?"),
            tr(
                "End the meeting? Its record becomes the draft minutes, ready for signing. "
                "It can be reopened until the minutes are signed."
            ),
            tr("End the meeting"),
        ):
            return
        self._change_status(nxt[0])

    def reopen(self) -> None:
        if self.meeting.status is not MeetingStatus.MINUTES_DRAFT or not confirm(
            self,
            tr("Reopen the meeting?"),
            tr("Reopen the meeting? It goes back to in progress; the reopening is recorded."),
            tr("Reopen the meeting"),
        ):
            return
        self._change_status(MeetingStatus.IN_PROGRESS)

    def _change_status(self, status: MeetingStatus) -> None:
        if not self.save(commit_forms=True):
            return
        try:
            meeting = meeting_status.change(self.workspace, self.case.id, self.meeting, status)
        except WorkspaceError as exc:
            self.banner.setText(str(exc))
            self.banner.show()
            return
        self.meeting = meeting
        self.case = self.case.model_copy(
            update={"meetings": [meeting if m.id == meeting.id else m for m in self.case.meetings]}
        )
        self._load_all()
        self.meeting_changed.emit(meeting)

    def reload_saved(self) -> None:
        """Show the meeting as saved elsewhere (after a save was refused as out of date)."""
        self.case, self.meeting = cases.open_case_meeting(
            self.workspace, self.case.id, self.meeting.id
        )
        self._load_all()
        self.banner.hide()
        self.reload_button.hide()

    def after_signing(self) -> None:
        _, self.meeting = cases.open_meeting(self.workspace, self.meeting.id)
        self._load_all()
        self.meeting_changed.emit(self.meeting)

    # --- drafts: what is typed is never lost -----------------------------------------------
    def keep_draft(self) -> None:
        self.drafts.keep()

    def _drop_draft(self) -> None:
        self.drafts.drop()

    def restore_draft(self) -> None:
        """Put back what was typed when the meeting was last left unsaved, with its messages."""
        if meeting_is_frozen(self.meeting) or not self.drafts.restore():
            return
        self.banner.setText(
            tr("What you typed before is back, not yet saved: check it and press Ctrl+S.")
        )
        self.banner.show()
