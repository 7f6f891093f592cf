"""What the demo cases share: the professionals, ids, attendance and checks."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import date, timedelta

from models.meeting import (
    Attendance,
    AttendanceStatus,
    SharingChecks,
)
from models.users import Role

SCL, POL, HEA, EDU, YJS = "Children's social care", "Police", "Health", "Education", "Youth justice"
DEMO_USERS = [
    ("chair", "Dana Whitfield", SCL, frozenset({Role.ADMIN, Role.CHAIR})),
    ("socialcare", "Chinedu Okafor", SCL, frozenset({Role.MEMBER})),
    ("police", "DC Aoife Brennan", POL, frozenset({Role.MEMBER})),
    ("health", "Nguyễn Thị Mai", HEA, frozenset({Role.MEMBER})),
    ("education", "Mehmet Yılmaz", EDU, frozenset({Role.MEMBER})),
]
PROFESSIONALS = {u[2]: u[1] for u in reversed(DEMO_USERS)}
CONFIDENTIALITY = (
    "Information shared in this meeting is confidential to the agencies present and is shared "
    "to safeguard the child. It must not be passed on without the agreement of the chair."
)


def new_passphrase() -> str:
    words = secrets.token_hex(12)
    return "-".join(words[i : i + 6] for i in range(0, 24, 6))


class Ids:
    def __init__(self, prefix: str) -> None:
        self.prefix, self.n = prefix, 0

    def __call__(self, kind: str) -> str:
        self.n += 1
        return f"{self.prefix}-{kind}{self.n}"


def attendance(
    ids: Ids, extra: Sequence[tuple[str, str, str, AttendanceStatus]] = ()
) -> list[Attendance]:
    people = [
        ("Dana Whitfield", SCL, "Chair, team manager", AttendanceStatus.PRESENT),
        ("Chinedu Okafor", SCL, "Allocated social worker", AttendanceStatus.PRESENT),
        ("DC Aoife Brennan", POL, "Child protection investigator", AttendanceStatus.PRESENT),
        ("Nguyễn Thị Mai", HEA, "Named nurse for safeguarding", AttendanceStatus.PRESENT),
        ("Mehmet Yılmaz", EDU, "Designated safeguarding lead", AttendanceStatus.PRESENT),
        *extra,
    ]
    rows = []
    for name, agency, role, status in people:
        rows.append(
            Attendance(
                id=ids("att"),
                name=name,
                agency=agency,
                role=role,
                status=status,
                confidentiality_acknowledged=status is AttendanceStatus.PRESENT,
                information_received_on=date.today() - timedelta(days=1)
                if status is AttendanceStatus.INFORMATION_ONLY
                else None,
                deputy_for="Dr Ruth Adebayo" if status is AttendanceStatus.DEPUTY else "",
            )
        )
    return rows


def checks(all_true: bool = True) -> SharingChecks:
    return SharingChecks(**dict.fromkeys(SharingChecks.model_fields, all_true))
