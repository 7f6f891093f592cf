"""Help → About: the version, and the licences of what Caseroom ships with it."""

from __future__ import annotations

import html

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QMenuBar,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

import resources
from ui.i18n import tr

# What is bundled with the app and under which licence (each package's own terms apply).
LIBRARIES = (
    ("Qt / PySide6", "LGPL-3.0"),
    ("SQLCipher (sqlcipher3)", "BSD-3-Clause / zlib"),
    ("ReportLab", "BSD-3-Clause"),
    ("pyHanko, pyhanko-certvalidator", "MIT"),
    ("cryptography", "Apache-2.0 / BSD-3-Clause"),
    ("argon2-cffi", "MIT"),
    ("pydantic", "MIT"),
    ("keyring", "MIT"),
    ("platformdirs", "MIT"),
    ("fontTools", "MIT"),
    ("uharfbuzz / HarfBuzz", "Apache-2.0 / MIT"),
    ("Pillow", "MIT-CMU"),
    ("DejaVu fonts", "Bitstream Vera / Arev font licence (free); text below"),
    ("sRGB ICC profile (ICC Profiles Free)", "Zlib; text below"),
)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("About Caseroom"))
        layout = QVBoxLayout(self)
        self.heading = QLabel(
            tr(
                "<h2>Caseroom {0}</h2><p>Multi-agency safeguarding meetings on one screen, "
                "with an encrypted local record and signed minutes.</p>"
            ).format(html.escape(resources.version()))
        )
        self.heading.setAccessibleName(tr("Caseroom version"))
        layout.addWidget(self.heading)
        self.licences = QTextBrowser()
        self.licences.setAccessibleName(tr("Licences"))
        self.licences.setHtml(licences_html())
        layout.addWidget(self.licences)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 520)


def licences_html() -> str:
    import platform

    rows = "".join(
        f"<tr><td>{html.escape(name)}</td><td>{html.escape(terms)}</td></tr>"
        for name, terms in LIBRARIES
    )
    runtime = tr("Qt {0}, PySide6 {1}, Python {2}").format(
        qVersion(), pyside_version, platform.python_version()
    )
    texts = "".join(
        f"<h3>{html.escape(title)}</h3><pre>"
        f"{html.escape(resources.path(*where).read_text(encoding='utf-8'))}</pre>"
        for title, where in (
            (tr("DejaVu fonts"), ("fonts", "LICENSE-DejaVu.txt")),
            (tr("sRGB ICC profile"), ("icc", "LICENSE-sRGB.txt")),
        )
    )
    return f"<p>{html.escape(runtime)}</p><table cellpadding='3'>{rows}</table>{texts}"


def add_about_action(menu_bar: QMenuBar, parent: QWidget) -> QAction:
    """Add Help → About to the window's Help menu (made here if the window has none yet)."""
    help_menu = next(
        (m for m in menu_bar.findChildren(QMenu) if m.title().replace("&", "") == tr("Help")),
        None,
    )
    if help_menu is None:
        help_menu = menu_bar.addMenu(tr("H&elp"))
    about = QAction(tr("&About Caseroom"), parent)
    about.setMenuRole(QAction.MenuRole.AboutRole)
    about.triggered.connect(lambda: AboutDialog(parent).exec())
    help_menu.addAction(about)
    return about
