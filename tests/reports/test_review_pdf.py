"""The review's PDF prints a long list whole, in order, across its tables."""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime

from models.review import Listing, Period, Review
from reports.review_pdf import LIST_ROWS_PER_TABLE, render_review


def test_a_long_list_is_printed_whole_and_in_order_across_its_tables(tmp_path):
    count = 2 * LIST_ROWS_PER_TABLE + 50  # three tables, the boundaries inside pages
    rows = tuple(
        (f"REF-{n:04d}", "2026-11-02", "Police", "School", f"reason {n}") for n in range(count)
    )
    listing = Listing(
        "sharing",
        "Every decision not to share",
        ("Case", "Date", "Agency", "To whom", "Reasons"),
        rows,
        tuple(f"m{n}" for n in range(count)),
    )
    review = Review(Period(date(2026, 11, 1), date(2026, 11, 30)), (), (listing,))
    rendered = render_review(
        review,
        marking="OFFICIAL-SENSITIVE",
        produced_by="Dana Chair",
        produced_at=datetime(2026, 11, 30, 12, tzinfo=UTC),
        audit_seq=1,
        audit_head="0" * 64,
        time_zone="Europe/London",
    )
    out = tmp_path / "review.pdf"
    out.write_bytes(rendered.pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = [word for word in text.split() if word.startswith("REF-")]
    assert found == [f"REF-{n:04d}" for n in range(count)]
