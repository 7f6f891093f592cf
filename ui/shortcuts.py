"""Every keyboard shortcut, declared once: Help → Keyboard shortcuts (F1) shows this list and
docs/guide.md holds the same one (a test keeps the two in step)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import tr

SHORTCUTS: list[tuple[str, str, str]] = [
    ("Anywhere", "F1", "This list of keyboard shortcuts"),
    ("Anywhere", "Ctrl+L", "Lock now (what is typed is kept)"),
    ("Anywhere", "Ctrl+Q", "Quit (locks first)"),
    ("Anywhere", "Alt+Home", "Home"),
    ("Anywhere", "Alt+Left", "Back"),
    ("Anywhere", "Ctrl+Shift+A", "Administration"),
    ("Anywhere", "Ctrl+R", "Review of operations (admin and chair)"),
    ("Anywhere", "Ctrl+Shift+I", "Use my organisation's signing identity"),
    ("Anywhere", "F5", "Show or hide the room screen"),
    (
        "Anywhere, and on the room screen",
        "Ctrl+H",
        "Family view on the room screen: hide what is withheld from the family",
    ),
    ("Home", "Ctrl+F", "Search"),
    ("Home", "Ctrl+Shift+N", "New case"),
    ("Case", "Ctrl+N", "New meeting"),
    ("Meeting", "Ctrl+1 … Ctrl+9", "Go to agenda step 1 to 9"),
    ("Meeting", "Ctrl+0", "Minutes"),
    ("Meeting", "Ctrl+PgDown / Ctrl+PgUp", "Next / previous agenda step"),
    ("Meeting", "Ctrl+Tab", "Next part of a step (Risk)"),
    ("Meeting", "Ctrl+S", "Save the meeting"),
    ("Meeting", "Ctrl+Shift+E", "Start the meeting, or end it (asks first)"),
    ("Meeting", "Ctrl+Shift+O", "Reopen the meeting (until the minutes are signed; asks first)"),
    ("Meeting", "Alt+letter", "Go to the field whose label has that letter underlined"),
    ("Lists", "Tab / Shift+Tab", "Leave the list (arrows move between its rows)"),
    ("Lists", "Enter or F2", "Edit the focused row in the form below"),
    ("Lists", "Ctrl+Return", "Add the form as a new row, or save the row being edited"),
    ("Lists", "Escape", "Cancel editing"),
    ("Lists", "Insert or Ctrl+N", "Start a new row"),
    ("Lists", "Delete", "Remove the focused row (asks first, naming it)"),
    ("Forms", "a letter", "In a choice box: the next choice with a word starting with it"),
    ("Forms", "Space", "Tick or untick a check box or a ticked list's entry"),
    ("Forms", "Down", "In a name or agency field: the names known (type to narrow)"),
]


def as_markdown() -> str:
    """The list as the guide's table."""
    rows = ["| Where | Keys | What they do |", "|---|---|---|"]
    rows += [f"| {where} | {keys} | {what} |" for where, keys, what in SHORTCUTS]
    return "\n".join(rows)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Keyboard shortcuts"))
        table = QTableWidget(len(SHORTCUTS), 3)
        table.setHorizontalHeaderLabels([tr("Where"), tr("Keys"), tr("What they do")])
        table.setAccessibleName(tr("Keyboard shortcuts"))
        table.setTabKeyNavigation(False)
        table.verticalHeader().hide()
        for row, values in enumerate(SHORTCUTS):
            for column, text in enumerate(values):
                table.setItem(row, column, QTableWidgetItem(tr(text)))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
        self.resize(820, 640)
