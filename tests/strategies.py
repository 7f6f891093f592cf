"""Hypothesis strategies for the case record: any script, any shape the rules allow."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from models.case import Case, ChronologyEntry
from models.meeting import (
    Action,
    ActionStatus,
    AgencyContribution,
    Attendance,
    AttendanceStatus,
    Meeting,
)
from models.people import CasePerson, PersonRole

# Any printable text in any script; no control characters, no surrogates.
text = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\x00"),
    min_size=1,
    max_size=40,
).filter(str.strip)
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))


@st.composite
def cases(draw, index: int = 0):
    n_people = draw(st.integers(0, 4))
    people = [
        CasePerson(
            id=f"c{index}p{i}",
            name=draw(text),
            date_of_birth=draw(st.none() | days),
            role=draw(st.sampled_from(list(PersonRole))),
            interpreter_needed=draw(st.booleans()),
        )
        for i in range(n_people)
    ]
    meetings = []
    for m in range(draw(st.integers(0, 3))):
        actions = [
            Action(
                id=f"c{index}m{m}a{a}",
                what=draw(text),
                owner=draw(text),
                owner_agency=draw(text),
                due=draw(st.none() | days),
                status=(status := draw(st.sampled_from(list(ActionStatus)))),
                status_reason="circumstances changed"
                if status in (ActionStatus.NOT_DONE, ActionStatus.NOT_POSSIBLE)
                else "",
            )
            for a in range(draw(st.integers(0, 3)))
        ]
        contributions = [
            AgencyContribution(
                id=f"c{index}m{m}k{k}",
                agency=draw(text),
                text=draw(text),
                withheld_from_family=(withheld := draw(st.booleans())),
                withheld_reason=draw(text) if withheld else "",
            )
            for k in range(draw(st.integers(0, 3)))
        ]
        attendance = [
            Attendance(
                id=f"c{index}m{m}t{t}",
                name=draw(text),
                status=draw(
                    st.sampled_from(
                        [s for s in AttendanceStatus if s is not AttendanceStatus.DEPUTY]
                    )
                ),
            )
            for t in range(draw(st.integers(0, 3)))
        ]
        meetings.append(
            Meeting(
                id=f"c{index}m{m}",
                type=draw(text),
                date=draw(days),
                actions=actions,
                contributions=contributions,
                attendance=attendance,
            )
        )
    chronology = [
        ChronologyEntry(id=f"c{index}h{h}", date=draw(days), event=draw(text))
        for h in range(draw(st.integers(0, 2)))
    ]
    return Case(
        id=f"case{index}",
        reference=f"REF-{index}-{draw(text)}",
        opened_on=date(1990, 1, 1),
        people=people,
        meetings=meetings,
        chronology=chronology,
    )


@st.composite
def case_lists(draw):
    return [draw(cases(i)) for i in range(draw(st.integers(1, 3)))]
