"""Home: who is signed in, and (as the record grows) cases, meetings and actions."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from storage.workspace import Workspace


class HomeScreen(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Welcome, {0}").format(workspace.user.display_name))
        title.setObjectName("title")
        layout.addWidget(title)
        layout.addWidget(QLabel(self.tr("No cases yet.")))
        layout.addStretch(1)

    def save_pending(self) -> None:
        """Save any edit in progress (called before locking)."""
