"""Administration: users, a passphrase reset with the recovery key, and reference data."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.identifiers import IdentifierKind
from models.reference import CseIndicatorDefinition, ReferenceData
from models.users import Role
from storage import access, cases
from storage.errors import WorkspaceError
from storage.workspace import Workspace
from ui.forms import ModelForm
from ui.home_screen import table
from ui.i18n import tr
from ui.item_list import ItemListEditor
from ui.meeting_steps import scrolled
from ui.read_only import writes
from ui.table_model import Column, RecordTableModel, fit_columns


def _secret(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(name)
    return edit


# Reference data with editors of their own (lists of records), left out of the plain form.
EDITED_APART = frozenset({"rag_hours", "cse_indicators", "family_glossary", "identifier_kinds"})


class AdminScreen(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        title = QLabel(tr("Administration"))
        title.setObjectName("title")
        tabs = QTabWidget()
        tabs.addTab(self._users_tab(), tr("&Users"))
        tabs.addTab(scrolled(self._reference_tab()), tr("&Reference data"))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(tabs, 1)
        self.refresh_users()

    # --- users ---------------------------------------------------------------------------
    def _users_tab(self) -> QWidget:
        self.user_model = RecordTableModel(
            [
                Column(tr("User"), lambda u: u.name),
                Column(tr("Name"), lambda u: u.display_name),
                Column(tr("Agency"), lambda u: u.agency),
                Column(tr("Roles"), lambda u: ", ".join(sorted(r.value for r in u.roles))),
            ],
            self,
        )
        self.user_table = table(self.user_model, tr("Users"))
        self.new_name, self.new_display, self.new_agency = QLineEdit(), QLineEdit(), QComboBox()
        self.new_agency.setEditable(True)
        self.new_agency.addItems(cases.reference_data(self.workspace).agencies)
        self.new_role = QComboBox()
        self.new_role.addItems([r.value for r in Role])
        self.new_role.setCurrentText(Role.MEMBER.value)
        self.new_pass, self.new_pass2 = _secret(tr("Passphrase")), _secret(tr("Passphrase again"))
        # The admin's own passphrase opens the workspace authority that issues the new
        # user's signing certificate (it is never kept open).
        self.admin_pass = _secret(tr("Your passphrase"))
        add = writes(QPushButton(tr("&Add user")))
        add.clicked.connect(self.add_user)
        self.user_message = QLabel()
        self.user_message.setObjectName("error")
        self.user_message.setWordWrap(True)
        form = QFormLayout()
        for label, widget in (
            (tr("User name"), self.new_name),
            (tr("Display name"), self.new_display),
            (tr("Agency"), self.new_agency),
            (tr("Role"), self.new_role),
            (tr("Passphrase"), self.new_pass),
            (tr("Passphrase again"), self.new_pass2),
            (tr("Your passphrase"), self.admin_pass),
        ):
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        form.addRow("", add)
        form.addRow("", self.user_message)
        adding = QGroupBox(tr("Add a user (a signing identity is made with the account)"))
        adding.setLayout(form)

        self.reset_user, self.recovery = QLineEdit(), _secret(tr("Recovery key"))
        self.reset_pass = _secret(tr("New passphrase"))
        reset = writes(QPushButton(tr("Set &passphrase")))
        reset.clicked.connect(self.reset_passphrase)
        reset_form = QFormLayout()
        for label, widget in (
            (tr("User name"), self.reset_user),
            (tr("Recovery key"), self.recovery),
            (tr("New passphrase"), self.reset_pass),
        ):
            widget.setAccessibleName(label)
            reset_form.addRow(label, widget)
        reset_form.addRow("", reset)
        resetting = QGroupBox(tr("Reset a passphrase with the workspace's recovery key"))
        resetting.setLayout(reset_form)

        self.remove_name, self.remove_pass = QLineEdit(), _secret(tr("Your passphrase"))
        remove = writes(QPushButton(tr("Re&move user")))
        remove.clicked.connect(self.remove_user)
        remove_form = QFormLayout()
        for label, widget in (
            (tr("User name"), self.remove_name),
            (tr("Your passphrase"), self.remove_pass),
        ):
            widget.setAccessibleName(label)
            remove_form.addRow(label, widget)
        remove_form.addRow("", remove)
        trust = writes(QPushButton(tr("&Trust an organisation's root certificate…")))
        trust.clicked.connect(self.ask_trust_root)
        remove_form.addRow("", trust)
        removing = QGroupBox(tr("Remove a user (revokes their certificate, rekeys the database)"))
        removing.setLayout(remove_form)

        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.user_table, 1)
        row = QHBoxLayout()
        row.addWidget(adding)
        row.addWidget(resetting)
        row.addWidget(removing)
        layout.addLayout(row)
        return tab

    def refresh_users(self) -> None:
        self.user_model.set_rows(self.workspace.users())
        fit_columns(self.user_table)

    def add_user(self) -> None:
        if self.new_pass.text() != self.new_pass2.text():
            self.user_message.setText(tr("The two passphrases differ."))
            return
        try:
            access.add_user(
                self.workspace,
                self.new_name.text(),
                self.new_pass.text(),
                self.new_display.text(),
                frozenset({Role(self.new_role.currentText())}),
                self.new_agency.currentText(),
                admin_passphrase=self.admin_pass.text(),
            )
        except WorkspaceError as exc:
            self.user_message.setText(str(exc))
            return
        finally:
            self.admin_pass.clear()
        self.user_message.setText(tr("User added."))
        for edit in (self.new_name, self.new_display, self.new_pass, self.new_pass2):
            edit.clear()
        self.refresh_users()

    def remove_user(self) -> None:
        from storage.access import remove_user

        name = self.remove_name.text()
        try:
            remove_user(self.workspace, name, self.remove_pass.text())
        except WorkspaceError as exc:
            self.user_message.setText(str(exc))
            return
        finally:
            self.remove_pass.clear()
        self.user_message.setText(tr("Removed {0}; the database was rekeyed.").format(name))
        self.remove_name.clear()
        self.refresh_users()

    def ask_trust_root(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QInputDialog

        name, _ = QFileDialog.getOpenFileName(
            self, tr("Organisation root"), "", tr("Certificate (*.pem *.crt)")
        )
        if not name:
            return
        passphrase, ok = QInputDialog.getText(
            self, tr("Organisation root"), tr("Your passphrase:"), QLineEdit.EchoMode.Password
        )
        if ok:
            self.trust_root(Path(name), passphrase)

    def trust_root(self, path: Path, passphrase: str) -> None:
        """Trust an organisation's root, so its members' PKCS#12 identities can sign."""
        from storage.identities import add_organisation_root
        from storage.verification import read_certificate

        try:
            subject = add_organisation_root(self.workspace, read_certificate(path), passphrase)
        except WorkspaceError as exc:
            self.user_message.setText(str(exc))
            return
        self.user_message.setText(tr("Now trusted: {0}.").format(subject))

    def reset_passphrase(self) -> None:
        try:
            access.reset_with_recovery(
                self.workspace, self.recovery.text(), self.reset_user.text(), self.reset_pass.text()
            )
        except WorkspaceError as exc:
            self.user_message.setText(str(exc))
            return
        finally:
            self.recovery.clear()
            self.reset_pass.clear()
        self.user_message.setText(
            tr(
                "Passphrase set for {0}, with a new signing certificate (the old one is revoked)."
            ).format(self.reset_user.text())
        )

    # --- reference data ------------------------------------------------------------------
    def _reference_tab(self) -> QWidget:
        reference = cases.reference_data(self.workspace)
        self.reference_form = ModelForm(
            ReferenceData,
            exclude=EDITED_APART,
            labels={
                "idle_lock_minutes": tr("Lock after idle minutes"),
                "retention_years_after_youngest_birth": tr(
                    "Keep until the youngest child is (years)"
                ),
            },
        )
        self.reference_form.set_value(reference)
        from ui.policy_notice import show_policy

        show_policy(self.reference_form)  # what the organisation's policy file sets
        self.rag_hours = {}
        hours = QFormLayout()
        for rating in ("red", "amber", "green"):
            spin = QSpinBox()
            spin.setRange(1, 24 * 30)
            spin.setValue(reference.rag_hours[rating])
            spin.setSuffix(tr(" hours"))
            spin.setAccessibleName(tr("{0} timescale").format(rating))
            hours.addRow(tr("{0}: decision within").format(rating.capitalize()), spin)
            self.rag_hours[rating] = spin
        self.indicators = ItemListEditor(
            tr("CSE indicators"),
            CseIndicatorDefinition,
            [
                Column(tr("Domain"), lambda i: i.domain),
                Column(tr("Indicator"), lambda i: i.indicator),
            ],
        )
        self.indicators.set_items(reference.cse_indicators)
        self.identifier_kinds = ItemListEditor(
            tr("Kinds of a child's consistent identifier"),
            IdentifierKind,
            [
                Column(tr("Kind"), lambda k: k.name),
                Column(tr("Checked by"), lambda k: k.check.value.replace("_", " ")),
            ],
        )
        self.identifier_kinds.set_items(reference.identifier_kinds)
        save = writes(QPushButton(tr("&Save reference data")))
        save.clicked.connect(self.save_reference)
        self.reference_message = QLabel()
        self.reference_message.setWordWrap(True)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.reference_form)
        layout.addLayout(hours)
        layout.addWidget(self.indicators)
        layout.addWidget(self.identifier_kinds)
        layout.addWidget(save)
        layout.addWidget(self.reference_message)
        return tab

    def save_reference(self) -> None:
        value = self.reference_form.value(
            rag_hours={k: s.value() for k, s in self.rag_hours.items()},
            cse_indicators=self.indicators.items(),
            identifier_kinds=self.identifier_kinds.items(),
        )
        if value is None:
            return
        try:
            cases.save_reference_data(self.workspace, value)  # type: ignore[arg-type]
        except WorkspaceError as exc:
            self.reference_message.setText(str(exc))
            return
        self.reference_message.setText(
            tr("Saved. New meetings use these lists; the idle lock applies from the next unlock.")
        )

    def save_pending(self) -> bool:
        return True
