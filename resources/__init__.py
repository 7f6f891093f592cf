"""The files Caseroom reads at run time: fonts, stylesheet, ICC profile, icon, desktop file.

They are found beside this file, so the same call works from a source checkout, an installed
wheel and a frozen (PyInstaller) app, whatever the current folder is. This package imports
nothing of the app, so every layer may use it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
DISTRIBUTION = "caseroom"


def path(*parts: str) -> Path:
    """The bundled file `parts` (e.g. `path("fonts", "DejaVuSans.ttf")`); absolute."""
    return HERE.joinpath(*parts)


def version() -> str:
    """The app's version: pyproject.toml in a source checkout, else the installed metadata."""
    pyproject = HERE.parent / "pyproject.toml"
    try:
        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
        if project.get("name") == DISTRIBUTION:
            return str(project["version"])
    except (OSError, tomllib.TOMLDecodeError, KeyError):
        pass
    from importlib import metadata  # (only where there is no pyproject: importing it is slow)

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown"
