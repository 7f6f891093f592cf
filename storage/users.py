"""The users table: who may act in the workspace, with which roles.

Adding and removing users, passphrases and rekeying are use cases in storage/access.py;
this module reads and writes the rows themselves.
"""

from __future__ import annotations

from datetime import datetime

from models.users import Role, User, passphrase_problem, user_name_problem
from storage.connection import Connection
from storage.errors import InvalidInput


def check_new_user(name: str, passphrase: str) -> None:
    problem = user_name_problem(name) or passphrase_problem(passphrase)
    if problem:
        raise InvalidInput(problem)


def insert_user(conn: Connection, user: User) -> None:
    conn.execute(
        "INSERT INTO users (name, display_name, agency, roles, created_at) VALUES (?, ?, ?, ?, ?)",
        (
            user.name,
            user.display_name,
            user.agency,
            ",".join(sorted(r.value for r in user.roles)),
            user.created_at.isoformat(),
        ),
    )


def load_user(conn: Connection, name: str) -> User | None:
    row = conn.execute(
        "SELECT name, display_name, agency, roles, created_at FROM users WHERE name = ? AND active = 1",
        (name,),
    ).fetchone()
    if row is None:
        return None
    return User(
        name=row[0],
        display_name=row[1],
        agency=row[2],
        roles=frozenset(Role(r) for r in row[3].split(",") if r),
        created_at=datetime.fromisoformat(row[4]),
    )


def active_users(conn: Connection) -> list[User]:
    """Every user who may open the workspace, by name."""
    rows = conn.execute("SELECT name FROM users WHERE active = 1 ORDER BY name").fetchall()
    return [u for r in rows if (u := load_user(conn, r[0])) is not None]
