"""Home: cases with search as you type and filters; meetings this week; actions due."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.base import wall_clock
from storage import lists, search
from storage.errors import WorkspaceError
from storage.workspace import Workspace
from ui.i18n import tr
from ui.operations import run_in_background
from ui.read_only import guarded, writes
from ui.table_model import (
    Column,
    PagedTableModel,
    RecordFilter,
    RecordTableModel,
    fit_columns,
    object_at,
)

SEARCH_DELAY_MS = 250
LIST_LIMIT = 300  # meetings and actions shown on the home screen


def table(model: object, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)  # type: ignore[arg-type]
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # Rows come in the order the workspace keeps; a click on a header sorts. (Enabling
    # sorting with an indicator would sort every row at once, 100,000 of them on a big
    # workspace, before anything is shown.)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().hide()
    view.setAccessibleName(name)
    view.setTabKeyNavigation(False)
    return view


class HomeScreen(QWidget):
    open_case = Signal(str)
    open_meeting = Signal(str, str)  # case id, meeting id

    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, time_zone: str = ""
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.time_zone = time_zone  # the workspace's: "today" is the room's
        self._search_seq = 0
        self._count_pending = False
        title = QLabel(tr("Cases"))
        title.setObjectName("title")
        new_button = writes(QPushButton(tr("&New case (Ctrl+Shift+N)")))
        new_button.clicked.connect(self.new_case)
        QShortcut(QKeySequence("Ctrl+Shift+N"), self, guarded(new_button, self.new_case))
        self.message = QLabel()
        self.message.setObjectName("error")
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            tr("Search references, names, what agencies know, chronology… (Ctrl+F)")
        )
        self.search.setAccessibleName(tr("Search"))
        self.search.setClearButtonEnabled(True)
        self.rag = QComboBox()
        self.rag.addItems([tr("Any RAG"), "red", "amber", "green"])
        self.rag.setAccessibleName(tr("Filter by RAG"))
        self.status = QComboBox()
        self.status.addItems([tr("Open and closed"), "open", "closed"])
        self.status.setAccessibleName(tr("Filter by status"))
        self.next_meeting = QComboBox()
        self.next_meeting.addItems(
            [tr("Any next meeting"), tr("Next meeting this week"), tr("No next meeting set")]
        )
        self.next_meeting.setAccessibleName(tr("Filter by next meeting"))
        self.worker = QLineEdit()
        self.worker.setPlaceholderText(tr("Worker"))
        self.worker.setAccessibleName(tr("Filter by allocated worker"))

        self.case_model = PagedTableModel(
            [
                Column(tr("Reference"), lambda r: r.reference),
                Column(tr("Children"), lambda r: r.children),
                Column(tr("RAG"), lambda r: r.rag or ""),
                Column(tr("Status"), lambda r: r.status),
                Column(tr("Worker"), lambda r: r.allocated_worker),
                Column(tr("Next meeting"), lambda r: r.next_meeting or ""),
            ],
            self._fetch_cases,
            parent=self,
        )
        self.case_table = table(self.case_model, tr("Cases"))
        self.case_table.setSortingEnabled(False)  # newest first; filters run in the workspace
        # The first page of hits comes at once; scrolling to its end asks for the next.
        self._hits_text = ""
        self._hits_more: search.Cursor | None = None
        self.hit_model = PagedTableModel(
            [
                Column(tr("Case"), lambda h: h.reference),
                Column(tr("Found in"), lambda h: h.kind),
                Column(tr("Title"), lambda h: h.title),
                Column(tr("Text"), lambda h: h.snippet),
            ],
            self._more_hits,
            page=search.PAGE,
            parent=self,
            has_more=lambda: self._hits_more is not None,
        )
        self.hit_table = table(self.hit_model, tr("Search results"))
        self.hit_table.hide()
        self.meeting_model = RecordTableModel(
            [
                Column(tr("Date"), lambda m: m.date),
                Column(tr("Case"), lambda m: m.reference),
                Column(tr("Meeting"), lambda m: m.type),
                Column(tr("Status"), lambda m: m.status.replace("_", " ")),
            ],
            self,
        )
        self.meeting_table = table(self.meeting_model, tr("Meetings this week"))
        self.action_model = RecordTableModel(
            [
                Column(tr("Due"), lambda a: a.due),
                Column(tr("Agency"), lambda a: a.owner_agency),
                Column(tr("Owner"), lambda a: a.owner),
                Column(tr("Case"), lambda a: a.reference),
                Column(tr("Action"), lambda a: a.what),
            ],
            self,
        )
        self.action_filter = RecordFilter(self)
        self.action_filter.setSourceModel(self.action_model)
        self.action_table = table(self.action_filter, tr("Actions due and overdue"))

        filters = QHBoxLayout()
        filters.addWidget(self.rag)
        filters.addWidget(self.status)
        filters.addWidget(self.next_meeting)
        filters.addWidget(self.worker, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        heading = QHBoxLayout()
        heading.addWidget(title, 1)
        heading.addWidget(new_button)
        left_layout.addLayout(heading)
        left_layout.addWidget(self.message)
        left_layout.addWidget(self.search)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.hit_table, 1)
        left_layout.addWidget(self.case_table, 3)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        self.meetings_label = QLabel(tr("Meetings today and this week"))
        self.meetings_label.setObjectName("section")
        self.actions_label = QLabel()
        self.actions_label.setObjectName("section")
        right_layout.addWidget(self.meetings_label)
        right_layout.addWidget(self.meeting_table, 1)
        right_layout.addWidget(self.actions_label)
        right_layout.addWidget(self.action_table, 2)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([700, 500])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _: self.timer.start(SEARCH_DELAY_MS))
        self.rag.currentIndexChanged.connect(lambda _: self.reload_cases())
        self.status.currentIndexChanged.connect(lambda _: self.reload_cases())
        self.next_meeting.currentIndexChanged.connect(lambda _: self.reload_cases())
        self.worker.textChanged.connect(lambda _: self.reload_cases())
        self.case_table.activated.connect(lambda i: self._open(object_at(self.case_model, i)))
        self.hit_table.activated.connect(
            lambda i: self.open_case.emit(self.hit_model.rows[i.row()].case_id)
        )
        self.meeting_table.activated.connect(self._open_meeting)
        self.action_table.activated.connect(
            lambda i: self.open_case.emit(object_at(self.action_filter, i).case_id)
        )
        self.search.returnPressed.connect(self._enter_in_search)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        self.setFocusProxy(self.search)  # arriving at home, you can type a search at once
        self.refresh()

    def new_case(self) -> None:
        reference, ok = QInputDialog.getText(
            self, tr("New case"), tr("Reference (e.g. the contact or MASH number):")
        )
        if not ok:
            return
        child, ok = QInputDialog.getText(
            self, tr("New case"), tr("The child's name (you can add more people on the case):")
        )
        if not ok:
            return
        try:
            from storage import cases

            case = cases.new_case(self.workspace, reference, child)
        except WorkspaceError as exc:
            self.message.setText(str(exc))
            return
        self.message.clear()
        self.reload_cases()
        self.open_case.emit(case.id)

    def _fetch_cases(self, offset: int, limit: int) -> list[lists.CaseRow]:
        return lists.list_cases(
            self.workspace,
            rag=self.rag.currentText() if self.rag.currentIndex() else "",
            status=self.status.currentText() if self.status.currentIndex() else "",
            worker=self.worker.text(),
            next_meeting=[None, self._this_week(), "none"][self.next_meeting.currentIndex()],  # type: ignore[arg-type]
            limit=limit,
            offset=offset,
        )

    def reload_cases(self) -> None:
        self.case_model.reload()
        fit_columns(self.case_table)

    def _this_week(self) -> tuple[date, date]:
        """Today, on the room's calendar, and a week from it."""
        today = wall_clock(self.time_zone).date()
        return today, today + timedelta(days=7)

    def refresh(self) -> None:
        today, week = self._this_week()
        self.reload_cases()
        self.meeting_model.set_rows(
            lists.meetings_between(self.workspace, today, week, limit=LIST_LIMIT)
        )
        self.action_model.set_rows(lists.open_actions_due(self.workspace, week, limit=LIST_LIMIT))
        for view in (self.meeting_table, self.action_table):
            fit_columns(view)
        # Counting reads every open action (it grows with the workspace): after the first paint.
        if not self.actions_label.text():
            self.actions_label.setText(
                tr("Actions due this week: {0}, of which overdue: {1}").format("…", "…")
            )
        self._count_pending = True
        self.update()  # counted once this screen is painted (paintEvent)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._count_pending:  # (a timer set while painting fires once the frame is out)
            self._count_pending = False
            QTimer.singleShot(0, self, self._count_actions)  # (dropped if this screen is gone)

    def _count_actions(self) -> None:
        today, week = self._this_week()
        try:
            due, overdue = lists.count_open_actions(self.workspace, week, today)
        except WorkspaceError:
            return  # locked meanwhile
        shown = tr(" (the first {0} shown)").format(LIST_LIMIT) if due > LIST_LIMIT else ""
        self.actions_label.setText(
            tr("Actions due this week: {0}, of which overdue: {1}").format(due, overdue) + shown
        )

    def run_search(self) -> None:
        text = self.search.text()
        self._search_seq += 1
        seq, ws = self._search_seq, self.workspace
        if not text.strip():
            self.hit_table.hide()
            return

        def done(page: search.SearchPage) -> None:
            if seq == self._search_seq:  # a later keystroke wins
                self._hits_text, self._hits_more = text, page.more
                self.hit_model.set_rows(page.hits)
                self.hit_model.more = page.more is not None
                fit_columns(self.hit_table)
                self.hit_table.setVisible(True)

        page = self.hit_model.page
        run_in_background(
            self,
            lambda: search.search_page(ws, text, None, page),
            done,
            lambda exc: None,
            tr("searching"),
        )

    def _more_hits(self, _offset: int, limit: int) -> list[search.SearchHit]:
        if self._hits_more is None:
            return []
        page = search.search_page(self.workspace, self._hits_text, None, limit, self._hits_more)
        self._hits_more = page.more
        return page.hits

    def _enter_in_search(self) -> None:
        self.timer.stop()
        self.run_search()
        self.hit_table.setFocus()

    def _open(self, row: lists.CaseRow | None) -> None:
        if row is not None:
            self.open_case.emit(row.id)

    def _open_meeting(self, index: QModelIndex) -> None:
        row = self.meeting_model.rows[index.row()]
        self.open_meeting.emit(row.case_id, row.id)

    def save_pending(self) -> bool:
        return True
