"""Errors a user can act on. Each carries one clear sentence, shown as it is."""

from __future__ import annotations


class WorkspaceError(Exception):
    """Base class: the message is for the user; no traceback is ever shown for these."""


class NotAWorkspace(WorkspaceError):
    pass


class WorkspaceExists(WorkspaceError):
    pass


class WrongPassphrase(WorkspaceError):
    pass


class UnknownUser(WorkspaceError):
    pass


class DamagedWorkspace(WorkspaceError):
    pass


class WorkspaceBusy(WorkspaceError):
    pass


class PermissionDenied(WorkspaceError):
    pass


class InvalidInput(WorkspaceError):
    pass


class WorkspaceLocked(WorkspaceError):
    pass


class DiskFull(WorkspaceError):
    pass


class ChangedElsewhere(WorkspaceError):
    pass
