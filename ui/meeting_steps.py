"""The steps of the meeting workspace, one per agenda item.

Each step shows part of the meeting, and `collect(data)` writes its part into the meeting's
dict. Item lists keep only valid items; `commit_pending()` adds or saves what is typed in a
step's form before the meeting is saved (and before the app locks).
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models.case import Case
from models.family_view import withholding_hint
from models.fields import step_fields
from models.meeting import (
    Action,
    ActionReview,
    ActionStatus,
    Meeting,
)
from models.messages import describe
from models.reference import ReferenceData
from models.rules import actions_to_review
from ui.choice_box import ChoiceBox
from ui.forms import ModelForm
from ui.i18n import tr
from ui.item_list import ItemListEditor
from ui.table_model import Column


def withheld_mark(value: bool) -> str:
    return tr("withheld") if value else ""


class Step(QWidget):
    changed = Signal()
    title = ""
    shortcut = ""

    def load(self, case: Case, meeting: Meeting, reference: ReferenceData) -> None:
        raise NotImplementedError

    def collect(self, data: dict[str, Any]) -> bool:
        raise NotImplementedError

    def commit_pending(self) -> bool:
        return True

    def refresh(self, meeting: Meeting) -> None:
        """Called each time the step is shown: update what depends on other steps."""

    def lists(self) -> list[ItemListEditor]:
        return []

    def forms(self) -> list[ModelForm]:
        """The step's own forms (not those of its lists)."""
        return [form] if isinstance(form := getattr(self, "form", None), ModelForm) else []

    def draft(self) -> dict[str, Any]:
        """What is typed in the step, valid or not, as plain data."""
        return {
            "forms": [form.draft() for form in self.forms()],
            "lists": [editor.draft() for editor in self.lists()],
        }

    def restore(self, draft: dict[str, Any]) -> None:
        for form, state in zip(self.forms(), draft.get("forms", []), strict=False):
            form.restore(state)
            if not form.is_blank():
                form.value()
        for editor, state in zip(self.lists(), draft.get("lists", []), strict=False):
            editor.restore(state)


def scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to what is inside, not the frame
    area.setWidget(widget)
    return area


def commit(editor: ItemListEditor) -> bool:
    return editor.commit_pending()


# What a list's item is called in the withholding nudge, and where its agency is typed.
KINDS = {
    "attendance": "attendance row",
    "contributions": "contribution",
    "sharing_decisions": "decision",
    "child_voice": "entry",
    "actions": "action",
}
AGENCY_KEYS = ("agency", "from_agency", "owner_agency")


class ListStep(Step):
    """A step that is one list of records in the meeting."""

    def __init__(
        self,
        title: str,
        attr: str,
        model: type,
        columns: list[Column],
        prefix: str,
        choices: dict[str, list[str]] | None = None,
        exclude: frozenset[str] = frozenset(),
        labels: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.title, self.attr = title, attr
        self.editor = ItemListEditor(
            title, model, columns, prefix, exclude=exclude, choices=choices or {}, labels=labels
        )
        self.editor.changed.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolled(self.body()))

    def body(self) -> QWidget:
        """What the step scrolls: its list (a step may add around it)."""
        return self.editor

    def load(self, case: Case, meeting: Meeting, reference: ReferenceData) -> None:
        self.editor.form.set_time_zone(reference.time_zone)
        self.refresh(meeting)
        self.editor.set_items(getattr(meeting, self.attr))

    def refresh(self, meeting: Meeting) -> None:
        kind = KINDS.get(self.attr, "item")

        def hint(raw: dict[str, Any], editing: int | None) -> str | None:
            agency = next(
                (str(raw.get(k) or "") for k in AGENCY_KEYS if str(raw.get(k) or "").strip()), ""
            )
            items = getattr(meeting, self.attr)
            current = items[editing] if editing is not None and editing < len(items) else None
            text = withholding_hint(
                meeting, agency, kind, bool(raw.get("withheld_from_family")), current
            )
            return tr(text) if text else None

        self.editor.hint_rule = hint
        dangers = [
            (f"{d.who_is_worried}: {d.worry}"[:90], d.id) for d in meeting.risk.danger_statements
        ]
        self.editor.form.set_choices("linked_danger_id", dangers)

    def collect(self, data: dict[str, Any]) -> bool:
        data[self.attr] = self.editor.items()
        return True

    def commit_pending(self) -> bool:
        return commit(self.editor)

    def lists(self) -> list[ItemListEditor]:
        return [self.editor]


class DetailsStep(Step):
    """Meeting facts, purpose and the confidentiality statement."""

    title = "Purpose and confidentiality"
    FIELDS = tuple(step_fields(Meeting, "details", "purpose"))  # declared on the fields

    def __init__(self) -> None:
        super().__init__()
        self.form = ModelForm(Meeting, include=self.FIELDS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolled(self.form))

    def load(self, case: Case, meeting: Meeting, reference: ReferenceData) -> None:
        self.form.set_time_zone(reference.time_zone)
        self.form.set_value(meeting)

    def collect(self, data: dict[str, Any]) -> bool:
        data.update({k: v for k, v in self.form.raw().items() if k in self.FIELDS})
        return self.form.check_typed()


class ReviewStep(Step):
    """The actions still open from earlier meetings, with the status reported today."""

    title = "Review of earlier actions"

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[Action, QComboBox, QLineEdit, QLabel]] = []
        self.body = QWidget()
        self.grid = QFormLayout(self.body)
        self.note = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(scrolled(self.body))

    def load(self, case: Case, meeting: Meeting, reference: ReferenceData) -> None:
        while self.grid.rowCount():
            self.grid.removeRow(0)
        self.rows = []
        reviews = {r.action_id: r for r in meeting.action_reviews}
        due = actions_to_review(case, meeting)
        ids = {a.id for a in due}
        earlier = {a.id: a for m in case.meetings for a in m.actions}
        due += [earlier[i] for i in reviews if i not in ids and i in earlier]
        self.note.setText(
            tr("{0} action(s) carried over from earlier meetings.").format(len(due))
            if due
            else tr("No actions are carried over from earlier meetings.")
        )
        for action in due:
            status = ChoiceBox()
            status.addItems(
                [tr("not reviewed"), *[s.value.replace("_", " ") for s in ActionStatus]]
            )
            note = QLineEdit()
            note.setPlaceholderText(tr("Note (needed when not done or not possible)"))
            error = QLabel()
            error.setObjectName("error")
            error.hide()
            if action.id in reviews:
                status.setCurrentIndex(
                    list(ActionStatus).index(reviews[action.id].reported_status) + 1
                )
                note.setText(reviews[action.id].note)
            label = QLabel(
                f"{action.what}\n{action.owner} ({action.owner_agency}) · {tr('due')} {action.due or '—'}"
            )
            label.setWordWrap(True)
            status.setAccessibleName(tr("Status reported for: {0}").format(action.what[:60]))
            note.setAccessibleName(tr("Note for: {0}").format(action.what[:60]))
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(status)
            column.addWidget(note)
            column.addWidget(error)
            self.grid.addRow(label, box)
            status.currentIndexChanged.connect(self.changed)
            self.rows.append((action, status, note, error))

    def draft(self) -> dict[str, Any]:
        return {
            "reviews": [
                [action.id, status.currentIndex(), note.text()]
                for action, status, note, _ in self.rows
            ]
        }

    def restore(self, draft: dict[str, Any]) -> None:
        typed = {row[0]: row[1:] for row in draft.get("reviews", []) if len(row) == 3}
        for action, status, note, _ in self.rows:
            if action.id in typed:
                status.setCurrentIndex(int(typed[action.id][0]))
                note.setText(str(typed[action.id][1]))
        self.collect({})  # show the messages of what breaks a rule

    def collect(self, data: dict[str, Any]) -> bool:
        reviews, ok = [], True
        for action, status, note, error in self.rows:
            error.hide()
            if status.currentIndex() == 0:
                continue
            try:
                reviews.append(
                    ActionReview(
                        action_id=action.id,
                        reported_status=list(ActionStatus)[status.currentIndex() - 1],
                        note=note.text(),
                    )
                )
            except ValidationError as exc:
                error.setText(describe(exc, ActionReview))
                error.show()
                ok = False
        data["action_reviews"] = reviews
        return ok


class NextMeetingStep(Step):
    title = "Next meeting"

    def __init__(self) -> None:
        super().__init__()
        self.form = ModelForm(Meeting, include=["next_meeting_date"])
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(
            QLabel(tr("The next meeting opens with the review of every action still open."))
        )
        layout.addStretch(1)

    def load(self, case: Case, meeting: Meeting, reference: ReferenceData) -> None:
        self.form.set_value(meeting)

    def collect(self, data: dict[str, Any]) -> bool:
        data["next_meeting_date"] = self.form.raw()["next_meeting_date"]
        return True
