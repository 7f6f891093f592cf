"""The assessment steps of the meeting: the joint risk assessment and the decisions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QGroupBox, QTabWidget, QVBoxLayout, QWidget

from models.case import Case
from models.fields import applies, title_of
from models.meeting import ChildDecisions, Decisions, Dissent, Meeting
from models.reference import ReferenceData
from models.risk import AgencyScaling, CseIndicator, DangerStatement, MapEntry, RiskAssessment
from models.strategy import Referral, StrategyDetails
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
    """The decisions (one record per child when the case has several), their dissent and,
    for a strategy discussion, its own details. A decision declared for other meeting types
    is not offered (unless it was recorded)."""

    title = "Decisions"

    def __init__(self, reference: ReferenceData | None = None) -> None:
        super().__init__()
        reference = reference or ReferenceData()
        self.meeting_type = ""
        self.form = ModelForm(Decisions, exclude={"dissent"})
        self.child_boxes = QWidget()  # one box per child, when there are several
        QVBoxLayout(self.child_boxes).setContentsMargins(0, 0, 0, 0)
        self.child_boxes.hide()
        self.child_forms: list[tuple[str, ModelForm]] = []
        self.shared: dict[str, Any] = {}
        self.untouched: list[dict[str, Any]] | None = None  # the per-child forms, as prefilled
        self.dissent = ItemListEditor(
            tr("Dissent"),
            Dissent,
            [
                Column(tr("Agency"), lambda d: d.agency),
                Column(tr("Reason"), lambda d: d.reason),
                Column(tr("Family copy"), lambda d: withheld_mark(hidden_from_family(d))),
            ],
        )
        self.strategy_box = QGroupBox(tr(title_of(Meeting, "strategy")))
        self.strategy_form = ModelForm(StrategyDetails, exclude={"referrals"})
        self.referrals = ItemListEditor(
            tr("Referrals"),
            Referral,
            [
                Column(tr("Referral to"), lambda r: r.kind),
                Column(tr("Date"), lambda r: r.made_on or ""),
                Column(tr("By"), lambda r: r.by_whom),
                Column(tr("Family copy"), lambda r: withheld_mark(hidden_from_family(r))),
            ],
            choices={"kind": reference.referral_kinds},
        )
        box = QVBoxLayout(self.strategy_box)
        box.addWidget(self.strategy_form)
        box.addWidget(self.referrals)
        for editor in self.lists():
            editor.changed.connect(self.changed)
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.form)
        column.addWidget(self.child_boxes)
        column.addWidget(self.dissent)
        column.addWidget(self.strategy_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolled(body))

    def load(self, case: Case, meeting: Meeting, reference: ReferenceData) -> None:
        self.form.set_value(meeting.decisions)
        self.shared = meeting.decisions.model_dump(exclude={"dissent"})
        self._child_forms(case, meeting)
        self.dissent.set_items(meeting.decisions.dissent)
        self.strategy_form.set_value(meeting.strategy)
        self.referrals.set_items(meeting.strategy.referrals)
        self.refresh(meeting)

    def _child_forms(self, case: Case, meeting: Meeting) -> None:
        """One decisions form per child when there are several (each starts from the
        meeting's shared decisions until it has its own)."""
        children = case.children()
        boxes = self.child_boxes.layout()
        assert boxes is not None
        while boxes.count():
            item = boxes.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        self.child_forms = []
        self.untouched = None
        if len(children) < 2:
            self.form.show()
            self.child_boxes.hide()
            return
        own = {d.person_id: d for d in meeting.child_decisions}
        for child in children:
            form = ModelForm(ChildDecisions, exclude={"dissent", "person_id"})
            form.set_value(own.get(child.id) or ChildDecisions(person_id=child.id, **self.shared))
            form.edited.connect(self.changed)
            box = QGroupBox(tr("Decisions for {0}").format(child.name))
            QVBoxLayout(box).addWidget(form)
            boxes.addWidget(box)
            self.child_forms.append((child.id, form))
        self.form.hide()
        self.child_boxes.show()
        # Shown from the shared decisions: stored per child only once one is changed.
        self.untouched = None if own else [f.raw() for _, f in self.child_forms]

    def refresh(self, meeting: Meeting) -> None:
        self.meeting_type = meeting.type
        for form in (self.form, *(f for _, f in self.child_forms)):
            form.show_only(self._belongs(form))
        self.strategy_box.setVisible(
            applies(Meeting, "strategy", meeting.type) or not meeting.strategy.is_blank()
        )

    def _belongs(self, form: ModelForm) -> Callable[[str], bool]:
        """Whether a decision is offered: it belongs to the meeting type, or was recorded."""

        def belongs(name: str) -> bool:
            recorded = form.editors[name].get() not in (None, "")
            return applies(Decisions, name, self.meeting_type) or recorded

        return belongs

    def forms(self) -> list[ModelForm]:
        return [self.form, *(f for _, f in self.child_forms), self.strategy_form]

    def collect(self, data: dict[str, Any]) -> bool:
        shared = self.shared if self.child_forms else self.form.raw()
        data["decisions"] = {**shared, "dissent": self.dissent.items()}
        typed = [form.raw() for _, form in self.child_forms]
        data["child_decisions"] = (
            []
            if typed == self.untouched
            else [
                {**raw, "person_id": pid}
                for raw, (pid, _) in zip(typed, self.child_forms, strict=True)
            ]
        )
        data["strategy"] = {**self.strategy_form.raw(), "referrals": self.referrals.items()}
        return True

    def commit_pending(self) -> bool:
        return commit(self.dissent) and commit(self.referrals)

    def lists(self) -> list[ItemListEditor]:
        return [self.dissent, self.referrals]
