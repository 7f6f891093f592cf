"""The review of operations, counted over a workspace whose figures are stated by hand
(tests/review_bundle.py says why each meeting counts where it does)."""

from __future__ import annotations

from datetime import date

import pytest

from models.review import MEASURES, SECTIONS, Period, conference_outcome, working_days_between
from storage import review
from storage.errors import InvalidInput, PermissionDenied
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.review_bundle import (
    BANK_HOLIDAY,
    CSC,
    EDUCATION,
    END,
    HEALTH,
    ICPC,
    POLICE,
    START,
    review_workspace_copy,
)

NOVEMBER = Period(START, END)


@pytest.fixture
def review_folder(tmp_path_factory, tmp_path):
    return review_workspace_copy(tmp_path_factory, tmp_path)


@pytest.fixture
def ws(review_folder):
    with Workspace.open(review_folder, "chair", PASSPHRASE) as opened:
        yield opened


@pytest.fixture
def november(ws):
    return review.compute(ws.conn, NOVEMBER)


def figures(result, section):
    return {(f.measure, f.group): f.value for f in result.section(section)}


def behind(result, section, measure, group):
    return next(
        f.meetings for f in result.section(section) if (f.measure, f.group) == (measure, group)
    )


def test_meetings_held_by_type_and_month_first_and_last_day_in(november):
    assert figures(november, "meetings") == {
        ("held", "MASH strategy discussion"): 3,  # a1, b3 (30 Nov), c1
        ("held", ICPC): 2,  # a2, b2
        ("held", "Strategy meeting"): 1,  # b1 (b4 on 31 Oct is out)
        ("held", "Core group"): 1,  # c0 on 1 Nov (b5 on 1 Dec and b6, scheduled, are out)
        ("by_month", "2026-11"): 7,
    }
    assert behind(november, "meetings", "held", "Core group") == ("c0",)
    assert behind(november, "meetings", "held", "MASH strategy discussion") == ("a1", "b3", "c1")


def test_timeliness_a_decision_exactly_at_its_timescale_is_in_time(november):
    got = figures(november, "timeliness")
    assert got[("within", "red")] == 1 and got[("late", "red")] == 0  # a1: exactly 4 h
    assert got[("median_hours", "red")] == 4.0 and got[("worst_hours", "red")] == 4.0
    assert got[("late", "amber")] == 1 and got[("worst_hours", "amber")] == 25.0  # b1
    assert got[("within", "green")] == 1 and got[("median_hours", "green")] == 1.0  # c1
    (late,) = november.listings_of("timeliness")
    assert late.rows == (
        ("REV-B", "2026-11-02", "AMBER", "25.0", "Waited for the police check on [name]"),
    )
    assert late.meetings == ("b1",)


def test_strategy_to_conference_working_days_across_the_bank_holiday(november):
    assert figures(november, "conference") == {
        ("within", "all"): 1,  # a1 -> a2 on working day 15
        ("late", "all"): 1,  # b1 -> b2 on working day 16
        ("not_held", "all"): 1,  # c1
    }
    (late,) = november.listings_of("conference")
    assert late.rows == (("REV-B", "2026-11-02", "2026-11-25", "16"),)
    assert behind(november, "conference", "not_held", "all") == ("c1",)


def test_the_bank_holiday_decides_day_15_and_16():
    from models.reference import ReferenceData

    reference = ReferenceData(bank_holidays=[BANK_HOLIDAY])
    strategy = date(2026, 11, 2)
    holidays = {date.fromisoformat(BANK_HOLIDAY)}
    assert working_days_between(strategy, date(2026, 11, 24), holidays) == 15
    assert conference_outcome(strategy, date(2026, 11, 24), reference) == "within"
    assert conference_outcome(strategy, date(2026, 11, 25), reference) == "late"
    # Without the holiday the 24th is already day 16.
    assert conference_outcome(strategy, date(2026, 11, 24), ReferenceData()) == "late"


def test_attendance_by_agency_and_strategy_discussions_missing_an_agency(november):
    assert figures(november, "attendance") == {
        ("present", CSC): 5,  # a1, a2, b1, b3, c1
        ("present", HEALTH): 2,  # b1, c1
        ("present", POLICE): 3,  # a1, b1, c1
        ("apologies", HEALTH): 1,  # a1
        ("deputy", EDUCATION): 1,  # c0
        ("information_only", HEALTH): 1,  # c0
        ("did_not_attend", EDUCATION): 1,  # a2
        ("strategy_without", CSC): 0,
        ("strategy_without", POLICE): 1,  # b3
        ("strategy_without", HEALTH): 2,  # a1 (apologies), b3
    }
    assert behind(november, "attendance", "strategy_without", HEALTH) == ("a1", "b3")


def test_sharing_by_agency_basis_consent_and_every_decision_not_to_share(november):
    assert figures(november, "sharing") == {
        ("shared", POLICE): 1,  # s2
        ("shared", CSC): 1,  # s4
        ("not_shared", HEALTH): 1,  # s1
        ("not_shared", EDUCATION): 1,  # s3
        ("consent_sought", HEALTH): 1,
        ("consent_sought", CSC): 1,
        ("consent_given", CSC): 1,
        ("consent_not_sought", POLICE): 1,
        ("consent_not_sought", EDUCATION): 1,
        ("basis", "Children Act 1989 s47"): 2,
        ("basis", "UK GDPR Art. 6(1)(e) public task"): 1,
    }
    (not_shared,) = november.listings_of("sharing")
    assert not_shared.rows == (
        (
            "REV-A",
            "2026-11-02",
            HEALTH,
            "[name]",
            "[name] asked that her visits to [address] clinic stay private",
        ),
        ("REV-B", "2026-11-02", EDUCATION, "Police", "Not relevant to the enquiry"),
    )


def test_actions_by_owner_agency_with_reasons_for_not_done(november):
    assert figures(november, "actions") == {
        ("set", POLICE): 3,  # act1, act5, act6 (act0 of 31 Oct is out)
        ("set", CSC): 1,
        ("set", HEALTH): 1,
        ("set", EDUCATION): 1,
        ("done", HEALTH): 1,  # act3
        ("open", CSC): 1,  # act2, due in December
        ("open", POLICE): 2,  # act5, act6
        ("overdue", POLICE): 1,  # act5 due 29 Nov; act6 due on the last day is not
        ("not_possible", EDUCATION): 1,  # act4
        ("not_done", POLICE): 1,  # act1, as reviewed in a2
    }
    (not_done,) = november.listings_of("actions")
    assert not_done.rows == (
        ("REV-A", POLICE, "2026-11-20", "[name] moved and the officer was on leave"),
    )


def test_minutes_signed_same_day_within_five_working_days_later_or_not(november):
    assert figures(november, "minutes") == {
        ("same_day", "all"): 1,  # a1
        ("within_5_days", "all"): 1,  # a2: 1 December is the 5th working day
        ("later", "all"): 1,  # b1
        ("not_signed", "all"): 4,  # b2, b3, c0, c1
    }


def test_child_voice(november):
    assert figures(november, "voice") == {
        ("with_views", "all"): 2,  # a1 (the child), c1 (an advocate)
        ("without_views", "all"): 5,  # b1 has a parent's view only
    }


def test_every_figure_has_a_known_section_and_measure(november):
    for f in november.figures:
        assert f.section in SECTIONS and f.measure in MEASURES[f.section], f


def test_filters_by_agency_and_type(ws):
    police = review.compute(ws.conn, Period(START, END, agency=POLICE))
    # Meetings Police was invited to: a1, b1, c1.
    assert sum(f.value for f in police.section("meetings") if f.measure == "held") == 3
    assert figures(police, "sharing")[("shared", POLICE)] == 1
    assert {g for (_m, g) in figures(police, "actions")} == {POLICE}
    icpc = review.compute(ws.conn, Period(START, END, meeting_type=ICPC))
    assert figures(icpc, "meetings") == {("held", ICPC): 2, ("by_month", "2026-11"): 2}


def test_bad_periods_and_roles_are_refused(ws, review_folder):
    with pytest.raises(InvalidInput, match="ends before it starts"):
        review.produce(ws, Period(END, START))
    with pytest.raises(InvalidInput, match="no agency 'Fire service'"):
        review.produce(ws, Period(START, END, agency="Fire service"))
    with pytest.raises(InvalidInput, match="no meeting type 'Tea party'"):
        review.produce(ws, Period(START, END, meeting_type="Tea party"))
    ws.close()
    with (
        Workspace.open(review_folder, "member", PASSPHRASE) as member,
        pytest.raises(PermissionDenied, match="admin or a chair"),
    ):
        review.produce(member, NOVEMBER)


def test_showing_it_is_an_audit_event_and_opening_a_meeting_is_a_case_view(ws):
    from storage import audit

    review.produce(ws, NOVEMBER)
    event = audit.events(ws.conn, 1)[-1]
    assert event["action"] == "review.report" and '"format":"screen"' in event["detail"]
    assert '"from":"2026-11-01"' in event["detail"] and event["user"] == "chair"
    case, _ = review.open_meeting(ws, "b1")
    assert case.reference == "REV-B"
    assert audit.events(ws.conn, 1)[-1]["action"] == "case.view"


def test_the_counted_rows_follow_every_save_and_delete(ws):
    from storage import cases

    case = cases.open_case(ws, "case-c")
    c1 = next(m for m in case.meetings if m.id == "c1")
    cases.save_meeting(ws, "case-c", c1.model_copy(update={"sharing_decisions": []}))
    after = review.compute(ws.conn, NOVEMBER)
    assert ("shared", CSC) not in figures(after, "sharing")
    assert figures(after, "sharing")[("basis", "Children Act 1989 s47")] == 1
    cases.delete_case(ws, "case-c")
    after = review.compute(ws.conn, NOVEMBER)
    assert sum(f.value for f in after.section("meetings") if f.measure == "held") == 5
    for table in ("review_facts", "review_attendance", "review_sharing", "review_bases"):
        assert not ws.conn.execute(
            f"SELECT 1 FROM {table} WHERE meeting_id LIKE 'c%'"
        ).fetchall(), table


def test_the_migration_counts_the_meetings_already_stored(review_folder):
    """A workspace from before 008_review: its meetings are counted once it is upgraded."""
    with Workspace.open(review_folder, "chair", PASSPHRASE) as ws:
        before = review.compute(ws.conn, NOVEMBER)
        with ws.transaction():
            for name in ("insert", "update", "delete"):
                ws.conn.execute(f"DROP TRIGGER meetings_review_{name}")
            for table in ("facts", "attendance", "sharing", "bases", "action_notes"):
                ws.conn.execute(f"DROP TABLE review_{table}")
            for index in ("meetings", "meetings_case", "actions", "minutes"):
                ws.conn.execute(f"DROP INDEX review_{index}")
            ws.conn.execute("DELETE FROM schema_migrations WHERE name = '008_review'")
    with Workspace.open(review_folder, "chair", PASSPHRASE) as ws:
        assert review.compute(ws.conn, NOVEMBER) == before


def test_the_figures_alone_are_the_same_figures(ws, november):
    alone = review.compute(ws.conn, NOVEMBER, detail=False)
    assert alone.csv_rows() == november.csv_rows()
    assert alone.listings_of("sharing") == []


def test_saving_a_meeting_finds_its_review_rows_by_index(ws):
    """Every save of a meeting deletes and makes again its review rows (the triggers): each
    delete is found through an index, not by reading a whole table (which grows with the
    workspace)."""
    from storage.review_tables import REVIEW_TABLES

    for table in REVIEW_TABLES:
        plan = " ".join(
            str(row[3])
            for row in ws.conn.execute(
                f"EXPLAIN QUERY PLAN DELETE FROM {table} WHERE meeting_id = ?", ("m",)
            )
        )
        assert "USING" in plan and "INDEX" in plan, (table, plan)


def test_a_pdf_is_laid_out_without_the_write_lock_and_again_after_another_change(
    ws, tmp_path, monkeypatch
):
    """Another window saves while the PDF is laid out (a year of a large workspace takes
    minutes): the save is not held up, and the PDF is made again on the new head, so that it
    still carries the checkpoint of the event that records it."""
    import reports.review_pdf as review_pdf
    from storage import audit

    laid_out: list[int] = []
    real = review_pdf.render_review

    def render(review_, **kw):
        laid_out.append(kw["audit_seq"])
        if len(laid_out) == 1:
            with ws.for_thread() as other, other.transaction():  # another window saves
                other.record("case.view", "case", "elsewhere")
        return real(review_, **kw)

    monkeypatch.setattr(review_pdf, "render_review", render)
    review.write_pdf(ws, NOVEMBER, tmp_path / "review.pdf")
    events = audit.events(ws.conn, 5)
    report = next(e for e in events if e["action"] == "review.report")
    other = next(e for e in events if e["entity_id"] == "elsewhere")
    assert laid_out == [other["seq"], report["seq"]] and report["seq"] == other["seq"] + 1
    assert (tmp_path / "review.pdf").read_bytes().startswith(b"%PDF")
    assert audit.verify(ws.conn).ok
