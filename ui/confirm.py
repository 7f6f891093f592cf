"""Questions that guard a step the user cannot take back with one key."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ui.i18n import tr


def confirm(parent: QWidget, title: str, text: str, action: str) -> bool:
    """Ask before doing `action` (a verb: "Remove", "End the meeting"); the safe answer is
    the default, so a stray Enter or Space does nothing."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    yes = box.addButton("&" + action, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(tr("&Keep as it is"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.setAccessibleDescription(text)
    box.exec()
    return box.clickedButton() is yes
