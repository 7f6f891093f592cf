"""A case: its children and people (with the other cases they appear in), chronology,
meetings, every action across meetings, and the RAG history."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.base import local_text, new_id, wall_clock
from models.case import ChronologyEntry
from models.people import CHILD_ROLES, CasePerson
from models.rules import current_actions, overdue, plan_next_meeting, retention_date
from storage import cases
from storage.errors import WorkspaceError
from storage.workspace import Workspace
from ui.forms import ModelForm
from ui.home_screen import table
from ui.i18n import tr
from ui.item_list import ItemListEditor
from ui.meeting_steps import scrolled
from ui.read_only import guarded, writes
from ui.table_model import Column, RecordFilter, RecordTableModel, fit_columns

IDENTIFIER_FIELDS = (
    "identifier_kind",
    "consistent_identifier",
    "identifier_verified",
    "identifier_verified_by",
    "identifier_verified_on",
)


def linked_cases(ws: Workspace, case_id: str, table: str, column: str) -> dict[str, list[str]]:
    """For each person (or place) of the case, the references of the other cases it is in."""
    assert (table, column) in (("case_people", "person_id"), ("case_places", "place_id"))
    rows = ws.conn.execute(
        f"SELECT mine.{column}, c.reference FROM {table} mine"
        f" JOIN {table} other ON other.{column} = mine.{column} AND other.case_id != mine.case_id"
        " JOIN cases c ON c.id = other.case_id WHERE mine.case_id = ?",
        (case_id,),
    )
    links: dict[str, list[str]] = {}
    for person_id, reference in rows:
        links.setdefault(person_id, []).append(reference)
    return links


class CaseScreen(QWidget):
    open_meeting = Signal(str, str)
    open_case_reference = Signal(str)

    def __init__(self, workspace: Workspace, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.case = cases.open_case(workspace, case_id)
        self.reference = cases.reference_data(workspace)
        links = linked_cases(workspace, case_id, "case_people", "person_id")
        place_links = linked_cases(workspace, case_id, "case_places", "place_id")
        self._links = {**links, **place_links}
        today = wall_clock(self.reference.time_zone).date()
        title = QLabel(
            f"{self.case.reference} · {', '.join(p.name for p in self.case.children()) or tr('no child recorded')}"
        )
        title.setObjectName("title")
        rag = self.case.rag.value.upper() if self.case.rag else tr("not rated")
        keep = retention_date(self.case, self.reference)
        retention = tr(" · keep until {0}").format(keep) if keep else ""
        facts = QLabel(
            tr("RAG {0} · {1} · allocated to {2} · opened {3}").format(
                rag, self.case.status.value, self.case.allocated_worker or "—", self.case.opened_on
            )
            + retention
        )

        self.people_editor = ItemListEditor(
            tr("People around the child (a person shared with other cases is one record)"),
            CasePerson,
            [
                Column(tr("Name"), lambda p: p.name + (f" ({p.known_as})" if p.known_as else "")),
                Column(tr("Role"), lambda p: p.role.value.replace("_", " ")),
                Column(tr("Relationship"), lambda p: p.relationship),
                Column(tr("Born"), lambda p: p.date_of_birth or ""),
                Column(
                    tr("Language"),
                    lambda p: (
                        p.first_language + (tr(" (interpreter)") if p.interpreter_needed else "")
                    ),
                ),
                Column(tr("Also in cases (Enter opens)"), lambda p: ", ".join(links.get(p.id, []))),
                Column(
                    tr("Identifier"),
                    lambda p: p.identifier_text() if p.role in CHILD_ROLES else "",
                ),
            ],
            "p",
            labels={
                "gp": tr("GP"),
                "date_of_birth": tr("Date of birth (expected date, if unborn)"),
                "role": tr("Role in this case"),
            },
            choices={"identifier_kind": [k.name for k in self.reference.identifier_kinds]},
            context=self.reference.identifier_context(),
        )
        self._offer_identifier_for_children()
        self.people_editor.set_items(self.case.people)
        self.people_editor.changed.connect(
            lambda: self._save({"people": self.people_editor.items()})
        )
        self.people = self.people_editor.table_model
        self.entry_form = ModelForm(
            ChronologyEntry,
            exclude={"origin"},
            labels={
                "source_agency": tr("Source agency"),
                "impact_on_child": tr("Impact on the child"),
            },
            choices={"source_agency": self.reference.agencies},
        )
        add_entry = writes(QPushButton(tr("Add to the chronolog&y")))
        add_entry.clicked.connect(self.add_entry)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.chronology = RecordTableModel(
            [
                Column(tr("Date"), lambda e: e.date),
                Column(tr("Agency"), lambda e: e.source_agency),
                Column(tr("Event"), lambda e: e.event),
                Column(tr("Impact on the child"), lambda e: e.impact_on_child),
                Column(tr("Action taken"), lambda e: e.action_taken),
            ],
            self,
        )
        self.chronology.set_rows(sorted(self.case.chronology, key=lambda e: e.date))
        self.chronology_filter = RecordFilter(self)
        self.chronology_filter.setSourceModel(self.chronology)
        self.agency = QComboBox()
        self.agency.addItems(
            [
                tr("All agencies"),
                *sorted({e.source_agency for e in self.case.chronology if e.source_agency}),
            ]
        )
        self.agency.setAccessibleName(tr("Filter chronology by agency"))
        self.agency.currentTextChanged.connect(
            lambda t: self.chronology_filter.set_exact(
                1, "" if self.agency.currentIndex() == 0 else t
            )
        )
        self.meetings = RecordTableModel(
            [
                Column(tr("Date"), lambda m: m.date),
                Column(tr("Meeting"), lambda m: m.type),
                Column(tr("Status"), lambda m: m.status.value.replace("_", " ")),
                Column(tr("Chair"), lambda m: m.chair),
            ],
            self,
        )
        self.meetings.set_rows(self.case.meetings_in_order())
        self.action_model = RecordTableModel(
            [
                Column(tr("Due"), lambda a: a.due or ""),
                Column(tr("Action"), lambda a: a.what),
                Column(tr("Owner"), lambda a: f"{a.owner} ({a.owner_agency})"),
                Column(
                    tr("Status"),
                    lambda a: (
                        tr("OVERDUE") if overdue(a, today) else a.status.value.replace("_", " ")
                    ),
                ),
            ],
            self,
        )
        self.action_model.set_rows(list(current_actions(self.case).values()))
        self.places = RecordTableModel(
            [
                Column(tr("Place"), lambda p: p.name),
                Column(tr("Kind"), lambda p: p.kind),
                Column(tr("Address"), lambda p: p.address),
                Column(tr("Also in cases"), lambda p: ", ".join(place_links.get(p.id, []))),
            ],
            self,
        )
        self.places.set_rows(self.case.places)
        self.rag_history = RecordTableModel(
            [
                Column(tr("When"), lambda r: local_text(r.at, self.reference.time_zone)),
                Column(tr("Rating"), lambda r: r.rating.value),
                Column(tr("Reason"), lambda r: r.reason),
                Column(tr("By"), lambda r: r.by),
            ],
            self,
        )
        self.rag_history.set_rows(self.case.rag_history)

        self.meeting_table = table(self.meetings, tr("Meetings"))
        self.meeting_table.activated.connect(
            lambda i: self.open_meeting.emit(self.case.id, self.meetings.rows[i.row()].id)
        )
        self.new_type = QComboBox()
        self.new_type.addItems(self.reference.meeting_types)
        self.new_type.setAccessibleName(tr("Type of the new meeting"))
        new_button = writes(QPushButton(tr("&New meeting (Ctrl+N)")))
        new_button.clicked.connect(self.new_meeting)
        QShortcut(QKeySequence.StandardKey.New, self, guarded(new_button, self.new_meeting))
        meetings_tab = QWidget()
        meetings_layout = QVBoxLayout(meetings_tab)
        row = QHBoxLayout()
        row.addWidget(self.new_type)
        row.addWidget(new_button)
        row.addStretch(1)
        meetings_layout.addLayout(row)
        meetings_layout.addWidget(self.meeting_table)
        chronology_tab = QWidget()
        chronology_layout = QVBoxLayout(chronology_tab)
        chronology_layout.addWidget(self.agency)
        chronology_layout.addWidget(table(self.chronology_filter, tr("Chronology")), 2)
        chronology_layout.addWidget(scrolled(self.entry_form), 1)
        chronology_layout.addWidget(add_entry)

        self.tabs = QTabWidget()
        self.tabs.addTab(meetings_tab, tr("&Meetings"))
        places_table = table(self.places, tr("Places"))
        self.people_editor.table.activated.connect(
            lambda i: self._follow(self.people.rows[i.row()].id)
        )
        places_table.activated.connect(lambda i: self._follow(self.places.rows[i.row()].id))
        self.tabs.addTab(scrolled(self.people_editor), tr("&People"))
        self.tabs.addTab(places_table, tr("P&laces"))
        self.tabs.addTab(chronology_tab, tr("C&hronology"))
        self.tabs.addTab(table(self.action_model, tr("Actions across meetings")), tr("Ac&tions"))
        self.tabs.addTab(table(self.rag_history, tr("RAG history")), tr("&RAG history"))
        for view in self.tabs.findChildren(QTableView):
            fit_columns(view)
        self.setFocusProxy(self.meeting_table)  # Enter opens the meeting under the cursor
        if self.meetings.rows:
            self.meeting_table.setCurrentIndex(self.meetings.index(len(self.meetings.rows) - 1, 0))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(facts)
        self.identifiers = QLabel(self._identifiers_text())
        self.identifiers.setObjectName("identifiers")
        self.identifiers.setWordWrap(True)
        layout.addWidget(self.identifiers)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)

    def _identifiers_text(self) -> str:
        """Each child's consistent identifier, or that none is recorded yet."""
        return "\n".join(
            tr("{0}: {1}").format(
                child.name, child.identifier_text() or tr("no consistent identifier recorded")
            )
            for child in self.case.children()
        )

    def _offer_identifier_for_children(self) -> None:
        """The identifier's fields show in the person form for a child's role only."""
        form = self.people_editor.form
        role = form.editors["role"]

        def follow() -> None:
            is_child = role.get() in CHILD_ROLES
            form.show_only(lambda name: is_child or name not in IDENTIFIER_FIELDS)

        role.widget.currentIndexChanged.connect(follow)  # type: ignore[attr-defined]
        follow()

    def _save(self, update: dict[str, object]) -> bool:
        """Save a change to the case; a broken rule is shown and nothing typed is lost."""
        self.message.clear()
        try:
            case = self.case.model_copy(update=update)
            cases.save_case(self.workspace, case)
        except (WorkspaceError, ValueError) as exc:
            self.message.setText(
                str(exc).split("\n")[-1] if isinstance(exc, ValueError) else str(exc)
            )
            return False
        self.case = case
        self.identifiers.setText(self._identifiers_text())
        return True

    def add_entry(self) -> None:
        entry = self.entry_form.value(id=new_id("ch"))
        if entry is None:
            return
        if self._save({"chronology": [*self.case.chronology, entry]}):
            self.chronology.set_rows(sorted(self.case.chronology, key=lambda e: e.date))
            self.entry_form.set_value(None)

    def _follow(self, record_id: str) -> None:
        """Open the first other case this person or place appears in (CSE work)."""
        references = self._links.get(record_id, [])
        if references:
            self.open_case_reference.emit(references[0])

    def new_meeting(self) -> None:
        now = wall_clock(self.reference.time_zone)
        kind = self.new_type.currentText()
        meeting = plan_next_meeting(
            self.case, new_id("m"), kind, now.date(), new_id("att") + "-", now.time()
        )
        cases.save_meeting(self.workspace, self.case.id, meeting)
        self.open_meeting.emit(self.case.id, meeting.id)

    def save_pending(self) -> bool:
        return True
