"""The chair's check of the family copy before signing.

Shows everything of the meeting step by step, as the family copy will hold it: withheld
items struck out with the reason beside them. The chair ticks "I have checked what the
family will receive" and confirms; the confirmation is an audit event, and any later edit
of the meeting undoes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from models.family_view import AgendaStep, meeting_lines
from models.meeting import Action, Meeting
from ui.i18n import tr

STEP_TITLES = {
    AgendaStep.ATTENDANCE: "Attendance",
    AgendaStep.PURPOSE: "Purpose and confidentiality",
    AgendaStep.REVIEW: "Review of earlier actions",
    AgendaStep.CONTRIBUTIONS: "Agency contributions",
    AgendaStep.SHARING: "Information-sharing decisions",
    AgendaStep.VOICE: "The child's voice",
    AgendaStep.RISK: "Risk",
    AgendaStep.DECISIONS: "Decisions",
    AgendaStep.ACTIONS: "Joint action plan",
    AgendaStep.NEXT_MEETING: "Next meeting",
    AgendaStep.MINUTES: "Minutes",
}


def family_check_html(meeting: Meeting, earlier: Mapping[str, Action]) -> str:
    """The meeting as the family copy will hold it, withheld items struck out (HTML)."""
    parts = []
    for step, lines in meeting_lines(meeting, earlier):
        if not lines:
            continue
        parts.append(f"<h3>{escape(tr(STEP_TITLES[step]))}</h3><ul>")
        for line in lines:
            if line.withheld:
                parts.append(
                    f"<li><s style='color:#666'>{escape(line.text)}</s> "
                    f"<b>{escape(tr('Withheld from the family'))}:</b> {escape(line.reason)}</li>"
                )
            else:
                parts.append(f"<li>{escape(line.text)}</li>")
        parts.append("</ul>")
    return "".join(parts)


class FamilyCheckDialog(QDialog):
    confirmed = Signal()

    def __init__(
        self,
        meeting: Meeting,
        earlier: Mapping[str, Action],
        parent: QWidget,
        letter: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Check the family copy"))
        intro = QLabel(
            tr(
                "This is everything the family copy will hold. Struck-out items are withheld "
                "from the family, with the reason beside them. Read it as the family will."
            )
        )
        if letter:
            intro.setText(
                intro.text()
                + " "
                + tr(
                    "After this meeting the family receives an outcome letter: the decisions, "
                    "the actions not struck out and their contact. Strike out any action whose "
                    "words could put someone at risk if read at home."
                )
            )
        intro.setWordWrap(True)
        self.view = QTextBrowser()
        self.view.setAccessibleName(tr("What the family will receive"))
        self.view.setHtml(family_check_html(meeting, earlier))
        self.view.setTabChangesFocus(True)
        self.checked = QCheckBox(tr("I have &checked what the family will receive"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(tr("C&onfirm and continue to signing"))
        self.ok.setEnabled(False)
        self.checked.toggled.connect(self.ok.setEnabled)
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.checked)
        layout.addWidget(self.buttons)
        self.resize(760, 640)

    def _confirm(self) -> None:
        if self.checked.isChecked():
            self.accept()
            self.confirmed.emit()
