"""Translations: the app installs the user's language, and no user-visible text in ui/
bypasses tr() (so nothing is left in English by accident)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QLocale

import ui.translations
from ui.i18n import tr

ROOT = Path(__file__).resolve().parents[2]
LRELEASE = Path(sys.executable).parent / "pyside6-lrelease"

WELSH = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB">
<context>
    <name></name>
    <message>
        <source>About Caseroom</source>
        <translation>Ynglŷn â Caseroom</translation>
    </message>
</context>
</TS>
"""


def test_the_users_language_is_installed(qapp, tmp_path, monkeypatch):
    (tmp_path / "caseroom_cy.ts").write_text(WELSH, encoding="utf-8")
    subprocess.run(
        [LRELEASE, tmp_path / "caseroom_cy.ts", "-qm", tmp_path / "caseroom_cy.qm"],
        check=True,
        capture_output=True,
    )
    monkeypatch.setattr(ui.translations, "FOLDER", tmp_path)
    installed = ui.translations.install_translators(qapp, QLocale("cy_GB"))
    try:
        assert tr("About Caseroom") == "Ynglŷn â Caseroom"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
    assert tr("About Caseroom") == "About Caseroom"


def test_a_language_without_translation_stays_english(qapp):
    for translator in ui.translations.install_translators(qapp, QLocale("fi_FI")):
        qapp.removeTranslator(translator)
    assert tr("About Caseroom") == "About Caseroom"


# Calls whose text argument the user reads.
SETTERS = {
    "setText", "setWindowTitle", "setToolTip", "setPlaceholderText", "setTitle", "addMenu",
    "addTab", "setStatusTip", "setWhatsThis", "showMessage", "setAccessibleName",
    "setAccessibleDescription", "setHtml", "setPlainText", "addItem", "setHeaderLabels",
    "setLabelText", "setInformativeText", "information", "warning", "critical", "question",
    "about", "addAction", "addButton", "addRow", "setTabText", "setSuffix", "setPrefix",
    "QLabel", "QPushButton", "QCheckBox", "QGroupBox", "QAction", "QRadioButton",
    "QToolButton", "QMenu",
}  # fmt: skip
NOT_WORDS = {"Ctrl+Return"}  # key names: Qt shows them in the user's language itself
DEVELOPER_TOOLS = {"screenshots.py"}  # fills in fictional names for the pictures


def _words(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    else:
        return None
    return text if re.search(r"[A-Za-z]{2}", text) and text not in NOT_WORDS else None


def test_no_user_visible_literal_bypasses_tr():
    bypasses = []
    for path in sorted((ROOT / "ui").glob("*.py")):
        if path.name in DEVELOPER_TOOLS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in SETTERS:
                bypasses += [
                    f"ui/{path.name}:{node.lineno}: {name}({text!r})"
                    for text in map(_words, node.args)
                    if text
                ]
    assert bypasses == []
