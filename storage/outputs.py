"""Where the app may write a file the user chose: never inside a workspace folder.

An export, a minutes PDF or a backup written into a workspace would sit there in plain
text, or replace `keyslots.json` or `caseroom.db` and lose every key. The check resolves the
target as the operating system will (symbolic links, `..`, and on case-blind file systems a
name in any case), then looks at every folder above it for a workspace's files.
"""

from __future__ import annotations

import os
from pathlib import Path

from storage.atomic import write_atomic
from storage.errors import InvalidInput

# The files that make a folder a workspace (keyslot_file.FILE_NAME and workspace.DB_NAME; named
# here so this module stays below both).
WORKSPACE_FILES = ("keyslots.json", "caseroom.db")


def workspace_holding(path: Path) -> Path | None:
    """The workspace folder that `path` would land in, or None."""
    target = Path(os.path.realpath(Path(path).expanduser()))
    for folder in (target, *target.parents):
        # exists() asks the file system, so a name in another case matches where the file
        # system ignores case, and a link to a workspace file counts as that file.
        if any(os.path.lexists(folder / name) for name in WORKSPACE_FILES):
            return folder
    return None


def check_output(path: Path) -> Path:
    """Refuse an output path inside a workspace; return the path unchanged otherwise."""
    path = Path(path)
    found = workspace_holding(path)
    if found is None and os.path.lexists(path) and os.path.isdir(path):
        raise InvalidInput(f"{path} is a folder; name a file to write.")
    if found is not None:
        raise InvalidInput(
            f"{path} is inside the workspace folder {found}; "
            "choose a place outside it. Nothing was written."
        )
    return path


def write_output(path: Path, data: bytes) -> None:
    """Write a file the user chose, atomically, after `check_output`."""
    write_atomic(check_output(path), data)


def check_new_workspace(folder: Path) -> Path:
    """Refuse a new workspace (a restore) inside another workspace's folder."""
    folder = Path(folder)
    found = workspace_holding(Path(os.path.realpath(folder)).parent)
    if found is not None:
        raise InvalidInput(
            f"{folder} is inside the workspace folder {found}; "
            "choose a place outside it. Nothing was written."
        )
    return folder
