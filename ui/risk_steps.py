"""The assessment steps of the meeting: the joint risk assessment and the decisions."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from models.case import Case
from models.meeting import Decisions, Dissent, Meeting
from models.reference import ReferenceData
from models.risk import AgencyScaling, CseIndicator, DangerStatement, MapEntry, RiskAssessment
from models.withholding import hidden_from_family
from ui.forms import ModelForm
from ui.i18n import tr
from ui.item_list import ItemListEditor
from ui.meeting_steps import Step, commit, scrolled, withheld_mark
from ui.table_model import Column

# The Signs of Safety map: each a list of entries, each entry withholdable.
MAP = {
    "worries": tr("What we are worried about"),
    "complicating_factors": tr("Complicating factors"),
    "working_well": tr("What is working well"),
    "existing_safety": tr("Existing safety"),
}


class RiskStep(Step):
    title = "Risk"

    def __init__(self) -> None:
        super().__init__()
        self.form = ModelForm(
            RiskAssessment, exclude={"danger_statements", "scaling", "cse_screening", *MAP}
        )
        self.map = {
            name: ItemListEditor(
                title,
                MapEntry,
                [
                    Column(title, lambda e: e.text),
                    Column(tr("Family copy"), lambda e: withheld_mark(hidden_from_family(e))),
                ],
            )
            for name, title in MAP.items()
        }
        self.dangers = ItemListEditor(
            tr("Danger statements and safety goals"),
            DangerStatement,
            [
                Column(tr("Who is worried"), lambda d: d.who_is_worried),
                Column(tr("Worry"), lambda d: d.worry),
                Column(tr("Family copy"), lambda d: withheld_mark(hidden_from_family(d))),
            ],
            "d",
        )
        self.scaling = ItemListEditor(
            tr("Scaling by agency (0–10)"),
            AgencyScaling,
            [
                Column(tr("Agency"), lambda s: s.agency),
                Column(tr("Score"), lambda s: s.score),
                Column(tr("Dissent"), lambda s: s.dissent_reason if s.dissent else ""),
                Column(tr("Family copy"), lambda s: withheld_mark(hidden_from_family(s))),
            ],
        )
        self.cse = ItemListEditor(
            tr("CSE screening"),
            CseIndicator,
            [
                Column(tr("Domain"), lambda i: i.domain),
                Column(tr("Indicator"), lambda i: i.indicator),
                Column(tr("Present"), lambda i: i.present.value),
                Column(tr("Level"), lambda i: i.level.value if i.level else ""),
                Column(tr("Family copy"), lambda i: withheld_mark(hidden_from_family(i))),
            ],
        )
        signs = QWidget()
        column = QVBoxLayout(signs)
        for editor in self.map.values():
            column.addWidget(editor)
        tabs = QTabWidget()
        tabs.setAccessibleName(tr("Parts of the risk assessment (Ctrl+Tab: next)"))
        tabs.tabBar().setAccessibleName(tabs.accessibleName())
        tabs.tabBar().setUsesScrollButtons(False)
        column.addWidget(self.form)  # the overall rating and threshold, after the map
        tabs.addTab(scrolled(signs), tr("Signs of Safety and RAG"))
        tabs.addTab(scrolled(self.dangers), tr("Danger statements"))
        tabs.addTab(scrolled(self.scaling), tr("Scaling"))
        tabs.addTab(scrolled(self.cse), tr("CSE screening"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(tabs)
        for editor in self.lists():
            editor.changed.connect(self.changed)

    def load(self, case: Case, meeting: Meeting, reference: ReferenceData) -> None:
        risk = meeting.risk
        if not risk.cse_screening:  # start from the workspace's indicator list
            risk = risk.model_copy(
                update={
                    "cse_screening": [
                        CseIndicator(domain=i.domain, indicator=i.indicator)
                        for i in reference.cse_indicators
                    ]
                }
            )
        self.form.set_value(risk)
        for name, editor in self.map.items():
            editor.set_items(getattr(risk, name))
        self.dangers.set_items(risk.danger_statements)
        self.scaling.set_items(risk.scaling)
        self.cse.set_items(risk.cse_screening)

    def collect(self, data: dict[str, Any]) -> bool:
        data["risk"] = {
            **self.form.raw(),
            **{name: editor.items() for name, editor in self.map.items()},
            "danger_statements": self.dangers.items(),
            "scaling": self.scaling.items(),
            "cse_screening": self.cse.items(),
        }
        return True

    def commit_pending(self) -> bool:
        return all(commit(e) for e in self.lists())

    def lists(self) -> list[ItemListEditor]:
        return [*self.map.values(), self.dangers, self.scaling, self.cse]


class DecisionsStep(Step):
    title = "Decisions"

    def __init__(self) -> None:
        super().__init__()
        self.form = ModelForm(
            Decisions, exclude={"dissent"}, labels={"section_47": tr("Section 47 enquiry")}
        )
        self.dissent = ItemListEditor(
            tr("Dissent"),
            Dissent,
            [
                Column(tr("Agency"), lambda d: d.agency),
                Column(tr("Reason"), lambda d: d.reason),
                Column(tr("Family copy"), lambda d: withheld_mark(hidden_from_family(d))),
            ],
        )
        self.dissent.changed.connect(self.changed)
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.form)
        column.addWidget(self.dissent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolled(body))

    def load(self, case: Case, meeting: Meeting, reference: ReferenceData) -> None:
        self.form.set_value(meeting.decisions)
        self.dissent.set_items(meeting.decisions.dissent)

    def collect(self, data: dict[str, Any]) -> bool:
        data["decisions"] = {**self.form.raw(), "dissent": self.dissent.items()}
        return True

    def commit_pending(self) -> bool:
        return commit(self.dissent)

    def lists(self) -> list[ItemListEditor]:
        return [self.dissent]
