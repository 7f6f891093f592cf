"""`report`: the review of operations as CSV and as signed PDF, run as a user would run it."""

from __future__ import annotations

import csv
import io
import json
import subprocess

import pypdf
import pytest

from models.review import MEASURES, SECTIONS
from reports.archival import read_signed_checkpoint
from storage import audit
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE, snapshot_files
from tests.review_bundle import (
    ADDRESSES,
    ATTENDEE_NAMES,
    BIRTH_DATES,
    PEOPLE_NAMES,
    review_workspace_copy,
)
from tests.test_cli import cli, one_line_error

RANGE = ["--from", "2026-11-01", "--to", "2026-11-30"]


@pytest.fixture
def review_folder(tmp_path_factory, tmp_path):
    return review_workspace_copy(tmp_path_factory, tmp_path)


def report(folder, out, *more, user="chair", stdin=PASSPHRASE + "\n"):
    return cli(
        "report", "-w", folder, "--user", user, "--passphrase-stdin", *RANGE, "--out", out, *more,
        stdin=stdin,
    )  # fmt: skip


def names_in_workspace(folder):
    """Every person's name the workspace holds (people and attendees), read back from it."""
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        people = [r[0] for r in ws.conn.execute("SELECT name FROM people")]
        attendees = [
            r[0]
            for r in ws.conn.execute(
                "SELECT DISTINCT json_extract(a.value, '$.name') FROM meetings m,"
                " json_each(m.body, '$.attendance') a"
            )
        ]
    assert set(PEOPLE_NAMES) <= set(people)
    return people, attendees


def assert_no_personal_details(text, folder):
    flat = " ".join(text.split()).casefold()
    people, attendees = names_in_workspace(folder)
    for name in people:  # the child and family: not even one word of a name
        for part in [name, *name.split()]:
            assert part.casefold() not in flat, part
    for name in attendees:
        assert name.casefold() not in flat, name
    for detail in [*PEOPLE_NAMES, *ATTENDEE_NAMES, *BIRTH_DATES, *ADDRESSES]:
        assert detail.casefold() not in flat.casefold(), detail


def last_event(folder):
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        return next(e for e in audit.events(ws.conn, 20) if e["action"] == "review.report")


def test_csv_is_tidy_known_names_no_personal_details_and_audited(review_folder, tmp_path):
    out = tmp_path / "review.csv"
    code, stdout, err = report(review_folder, out)
    assert code == 0, err
    assert "review of operations" in stdout
    text = out.read_text("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["section", "measure", "group", "value"]
    for section, measure, _group, value in rows[1:]:
        assert section in SECTIONS and measure in MEASURES[section]
        float(value)
    got = {(s, m, g): v for s, m, g, v in rows[1:]}
    assert got[("meetings", "held", "MASH strategy discussion")] == "3"
    assert got[("sharing", "not_shared", "Health")] == "1"
    assert got[("actions", "overdue", "Police")] == "1"
    assert got[("timeliness", "worst_hours", "amber")] == "25.0"
    assert {s for s, *_ in rows[1:]} == set(SECTIONS)
    assert_no_personal_details(text, review_folder)
    event = last_event(review_folder)
    detail = json.loads(event["detail"])
    assert event["user"] == "chair"
    assert (detail["from"], detail["to"], detail["format"]) == ("2026-11-01", "2026-11-30", "csv")


def test_signed_pdf_verifies_shows_each_section_and_no_personal_details(
    review_folder,
    tmp_path,
):
    out = tmp_path / "review.pdf"
    code, _, err = report(review_folder, out, "--sign", stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert code == 0, err
    code, verdict, _ = cli("verify", out, "-w", review_folder)
    assert code == 0 and "Intact and trusted" in verdict
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    for number, title in enumerate(SECTIONS.values(), start=1):
        assert f"{number}. {title}" in text, title
    assert "OFFICIAL-SENSITIVE" in text and "01 Nov 2026 to 30 Nov 2026" in text
    assert "REV-B" in text and "Not relevant to the enquiry" in text
    assert_no_personal_details(text, review_folder)
    # Also the text layer pypdf reads, and the document's metadata.
    reader = pypdf.PdfReader(out)
    assert_no_personal_details(
        " ".join(p.extract_text() for p in reader.pages) + str(reader.metadata), review_folder
    )
    checkpoint, _ = read_signed_checkpoint(out.read_bytes())
    event = last_event(review_folder)
    assert checkpoint.seq == event["seq"]
    assert json.loads(event["detail"])["format"] == "pdf"


@pytest.mark.parametrize(
    ("more", "user", "out_name", "message"),
    [
        (["--from", "2026-11-30", "--to", "2026-11-01"], "chair", "r.csv", "ends before it starts"),
        (["--from", "2026-02-30", "--to", "2026-03-01"], "chair", "r.csv", "'2026-02-30' is not a date"),
        (["--agency", "Fire service"], "chair", "r.csv", "no agency 'Fire service'"),
        (["--type", "Tea party"], "chair", "r.pdf", "no meeting type 'Tea party'"),
        ([], "member", "r.csv", "admin or a chair"),
        ([], "chair", "r.txt", ".pdf or a .csv"),
    ],
)  # fmt: skip
def test_bad_input_one_line_exit_2_nothing_written(
    review_folder,
    tmp_path,
    more,
    user,
    out_name,
    message,
):
    out = tmp_path / out_name
    args = ["report", "-w", review_folder, "--user", user, "--passphrase-stdin"]
    if not more or more[0] != "--from":
        args += RANGE
    code, _, err = cli(*args, *more, "--out", out, stdin=PASSPHRASE + "\n")
    assert code == 2 and message in one_line_error(err)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [review_folder]


def test_output_inside_the_workspace_is_refused_before_unlocking(review_folder):
    before = snapshot_files(review_folder)
    code, _, err = report(review_folder, review_folder / "review.csv")
    assert code == 2 and "inside the workspace folder" in one_line_error(err)
    assert snapshot_files(review_folder) == before
