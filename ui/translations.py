"""Install the translations for the user's language: Qt's own (standard buttons and dialogs)
and Caseroom's, compiled by `make translations` into resources/translations/*.qm."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

import resources

FOLDER = resources.path("translations")


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Install what exists for `locale` (default: the system's); return what was installed.

    A language with no translation simply stays in English.
    """
    locale = locale or QLocale.system()
    loaded: list[QTranslator] = []
    for name, folder in (
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        ("caseroom", str(FOLDER)),
    ):
        translator = QTranslator(app)  # parented: it lives as long as the app
        if translator.load(locale, name, "_", folder, ".qm"):
            app.installTranslator(translator)
            loaded.append(translator)
        else:
            translator.deleteLater()
    return loaded
