"""Every user-visible string goes through tr(), so the app can be translated."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tr(text: str) -> str:
    return QCoreApplication.translate("Caseroom", text)
