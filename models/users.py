"""Local user accounts and the rules for names and passphrases."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, field_validator

from models.text import ShortText, normalise_name, text_problem

PASSPHRASE_MIN_LENGTH = 10
PASSPHRASE_MAX_LENGTH = 1024
USER_NAME_MAX_LENGTH = 64


class Role(StrEnum):
    ADMIN = "admin"  # users and reference data
    CHAIR = "chair"  # runs meetings and signs minutes
    MEMBER = "member"  # contributes
    VIEWER = "viewer"  # reads only


class User(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    display_name: ShortText
    agency: ShortText = ""
    roles: frozenset[Role]
    created_at: datetime

    @field_validator("name")
    @classmethod
    def _name_rule(cls, value: str) -> str:
        problem = user_name_problem(value)
        if problem:
            raise ValueError(problem)
        return normalise_name(value)

    def can(self, role: Role) -> bool:
        return role in self.roles


def user_name_problem(name: str) -> str | None:
    """Why a user name cannot be used, or None. Names in any script are welcome."""
    norm = normalise_name(name)
    if not norm:
        return "User name is empty."
    if len(norm) > USER_NAME_MAX_LENGTH:
        return f"User name is longer than {USER_NAME_MAX_LENGTH} characters."
    if any(unicodedata.category(ch).startswith(("C", "Z")) and ch != " " for ch in norm):
        return "User name may not contain control characters, tabs or line breaks."
    return None


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase is not acceptable, or None."""
    if len(passphrase) < PASSPHRASE_MIN_LENGTH:
        return f"Passphrase must be at least {PASSPHRASE_MIN_LENGTH} characters."
    if len(passphrase) > PASSPHRASE_MAX_LENGTH:
        return f"Passphrase must be at most {PASSPHRASE_MAX_LENGTH} characters."
    problem = text_problem(passphrase, PASSPHRASE_MAX_LENGTH, multiline=False)
    if problem:
        return f"Passphrase {problem}."
    return None
