"""Workspace → Use my organisation's signing identity: a PKCS#12 file in place of the
workspace's own signing key for this user."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from storage.errors import WorkspaceError
from storage.identities import use_organisation_identity
from storage.workspace import Workspace
from ui.i18n import tr


def import_identity(parent: QWidget, workspace: Workspace) -> None:
    name, _ = QFileDialog.getOpenFileName(
        parent, tr("Signing identity"), "", "PKCS#12 (*.p12 *.pfx)"
    )
    if not name:
        return
    password, ok = QInputDialog.getText(
        parent, tr("Signing identity"), tr("The file's password:"), QLineEdit.EchoMode.Password
    )
    if not ok:
        return
    try:
        subject = use_organisation_identity(workspace, Path(name).read_bytes(), password)
    except (WorkspaceError, OSError) as exc:
        QMessageBox.warning(parent, tr("Signing identity"), str(exc))
        return
    QMessageBox.information(
        parent, tr("Signing identity"), tr("You now sign as {0}.").format(subject)
    )
