"""Every user-visible string goes through tr(), so the app can be translated."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

# pyside6-lupdate files a plain tr() call under the empty context: look it up there too.
CONTEXT = ""


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)
