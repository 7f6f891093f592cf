"""The demo's users: who signs in, with which roles (the cases are resources/demo/)."""

from __future__ import annotations

import secrets

from models.users import Role

SCL, POL, HEA, EDU = "Children's social care", "Police", "Health", "Education"
DEMO_USERS = [
    ("chair", "Dana Whitfield", SCL, frozenset({Role.ADMIN, Role.CHAIR})),
    ("socialcare", "Chinedu Okafor", SCL, frozenset({Role.MEMBER})),
    ("police", "DC Aoife Brennan", POL, frozenset({Role.MEMBER})),
    ("health", "Nguyễn Thị Mai", HEA, frozenset({Role.MEMBER})),
    ("education", "Mehmet Yılmaz", EDU, frozenset({Role.MEMBER})),
]


def new_passphrase() -> str:
    words = secrets.token_hex(12)
    return "-".join(words[i : i + 6] for i in range(0, 24, 6))
