"""The family sees only what may be disclosed: every item type, every family output."""

from __future__ import annotations

import io
import re
import zlib
from datetime import UTC, datetime

import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from models.family_copy import FamilyDocument
from models.family_view import AGENDA, step_lines, withheld_items
from models.meeting import Decisions
from models.minutes import WITHHELD_NOTE, Variant, build_snapshot
from models.reference import ReferenceData
from models.rules import current_actions
from models.sharing import SharingDecision, SharingOutcome
from models.withholding import hidden_from_family
from reports.minutes_pdf import render_minutes
from storage.demo import demo_cases
from tests.family_meeting import KINDS, NOT_SHARED_WORD, NOT_TOLD_WORD, build, protected, word


def _snapshot(case, meeting, letter=False):
    reference = ReferenceData(
        strategy_family_document=(
            FamilyDocument.OUTCOME_LETTER if letter else FamilyDocument.MINUTES
        )
    )
    return build_snapshot(
        case,
        meeting,
        version=1,
        reference=reference,
        protective_marking="OFFICIAL-SENSITIVE",
        signer_name="Dana Whitfield",
        signer_role="Chair",
        signed_at=datetime(2026, 11, 20, 15, 34, tzinfo=UTC),
        audit_seq=3,
        audit_head="cd" * 32,
    )


def _everything(pdf: bytes) -> str:
    """The extracted text, the metadata and every stream inflated: wherever a word could hide."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    chunks = [page.extract_text() for page in reader.pages]
    chunks.append(str(reader.metadata))
    chunks.append(str(reader.outline))
    raw = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            raw.append(zlib.decompress(match.group(1)))
        except zlib.error:
            raw.append(match.group(1))
    chunks.append(b"".join(raw).decode("latin-1"))
    return re.sub(r"\s+", "", "\n".join(chunks))


def _text(pdf: bytes) -> str:
    """The pages' text, less the snapshot's hash (the whole record's, so it always differs)."""
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"SHA-256\s+[0-9a-f]{64}", "SHA-256", text)


def _room_lines(case, meeting) -> str:
    earlier = current_actions(case)
    return "\n".join(
        line.text
        for step in AGENDA
        for line in step_lines(meeting, step, earlier)
        if not line.withheld
    )


def _check(withheld: dict[str, bool]) -> None:
    case, meeting = build(withheld)
    family = _everything(render_minutes(_snapshot(case, meeting), Variant.FAMILY).pdf)
    letter = _everything(render_minutes(_snapshot(case, meeting, True), Variant.FAMILY).pdf)
    professional = _everything(render_minutes(_snapshot(case, meeting), Variant.PROFESSIONAL).pdf)
    room = _room_lines(case, meeting)
    for kind in KINDS:
        secret = word(kind)
        assert secret in professional, kind
        if withheld.get(kind):
            assert secret not in family, f"family copy shows withheld {kind}"
            assert secret not in letter, f"outcome letter shows withheld {kind}"
            assert secret not in room, f"room screen shows withheld {kind}"
            assert f"reasonfor{kind}" not in family, f"family copy shows why {kind} is withheld"
            assert f"Withheldfromthefamily:reasonfor{kind}" in professional
        else:
            assert secret in family, f"family copy lost {kind}"
            assert secret in room, f"room screen lost {kind}"
    for text in (family, letter, room):
        assert NOT_SHARED_WORD not in text.replace(" ", "")
        assert NOT_TOLD_WORD not in text.replace(" ", "")
    assert NOT_SHARED_WORD in professional and NOT_TOLD_WORD in professional
    note = re.sub(r"\s+", "", WITHHELD_NOTE)
    assert note in family and note in letter  # every family copy says it, withheld or not
    assert note not in professional
    # A withheld item leaves no trace: not a note in its place, not a count, not a gap. (A
    # withheld review hides its earlier action's row, where a deleted one reads "not reviewed".)
    stripped = _without_withheld(meeting)
    assert withheld.get("review") or _text(
        render_minutes(_snapshot(case, meeting), Variant.FAMILY).pdf
    ) == _text(render_minutes(_snapshot(case, stripped), Variant.FAMILY).pdf)


def test_every_kind_withheld_at_once():
    _check(dict.fromkeys(KINDS, True))


def test_nothing_withheld_shows_everything_but_the_decision_not_to_share():
    _check({})


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({kind: st.booleans() for kind in KINDS}))
def test_random_withholding_never_leaks(withheld):
    _check(withheld)


def test_not_shared_is_withheld_by_default_and_released_only_with_a_reason():
    base = dict(
        id="s1",
        information="Police intelligence",
        from_agency="Police",
        to_whom="Education",
        outcome=SharingOutcome.NOT_SHARED,
        reasons="Would prejudice the investigation",
        decided_by="DS Kaur",
        consent_not_sought_reason="Would prejudice the investigation",
    )
    decision = SharingDecision(**base)
    assert decision.hidden_from_family()
    with pytest.raises(ValidationError, match="needs the reason"):
        SharingDecision(**base, released_to_family=True)
    released = SharingDecision(**base, released_to_family=True, release_reason="Parents know")
    assert not released.hidden_from_family()
    with pytest.raises(ValidationError, match="cannot be released to the family"):
        SharingDecision(
            **{**base, "to_whom": "Mother"},
            to_family=True,
            released_to_family=True,
            release_reason="x",
        )
    shared = SharingDecision(**{**base, "outcome": SharingOutcome.SHARED}, lawful_basis=["s47"])
    assert not shared.hidden_from_family()


def test_family_copy_speaks_to_a_parent():
    case, meeting = build({})
    text = _everything(render_minutes(_snapshot(case, meeting), Variant.FAMILY).pdf)
    for heading in ("Whathappensnext", "Yourcontact:ChineduOkafor", "wanttocomplain", "Wordsused"):
        assert heading.casefold() in text.casefold(), heading
    assert "Section47enquiry(s47)" in text  # the glossary explains the term


def test_outcome_letter_holds_decisions_and_next_steps_only():
    case, meeting = build({})
    letter = _everything(render_minutes(_snapshot(case, meeting, True), Variant.FAMILY).pdf)
    assert "Outcomeofthemeeting:Strategymeeting" in letter and word("action") in letter
    assert "notdecided" not in letter  # what was not decided is left out
    assert word("contribution") not in letter and word("worry") not in letter


def _without_withheld(model):
    """The model with every item hidden from the family deleted (no validation)."""
    if not isinstance(model, BaseModel):
        return model
    update = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, list):
            update[name] = [_without_withheld(v) for v in value if not hidden_from_family(v)]
        elif isinstance(value, BaseModel):
            update[name] = _without_withheld(value)
    if isinstance(model, Decisions) and model.hidden_from_family():
        update.update(notes="", why_not_yet="")
    return model.model_copy(update=update)


@pytest.mark.parametrize("case", list(demo_cases(6)), ids=lambda c: c.reference)
def test_demo_family_copies_disclose_nothing_withheld(case):
    """No four words in a row of a withheld demo item reach the family copy, unless the
    same words come from what is not withheld."""
    for meeting in case.meetings:
        family = _everything(render_minutes(_snapshot(case, meeting), Variant.FAMILY).pdf)
        allowed = _everything(
            render_minutes(_snapshot(case, _without_withheld(meeting)), Variant.FAMILY).pdf
        )
        for line in [line for step in AGENDA for line in step_lines(meeting, step)]:
            if line.withheld:
                words = line.text.split()
                runs = {"".join(words[i : i + 4]) for i in range(max(1, len(words) - 3))}
                leaked = [run for run in runs if run in family and run not in allowed]
                assert not leaked, (meeting.id, line.text, leaked)
        if any(d.outcome is SharingOutcome.NOT_SHARED for d in meeting.sharing_decisions):
            assert "NOTSHARED:" not in family.upper()


# Abbreviations a parent meets every day, which a glossary would only clutter.
EVERYDAY = {"UK", "GP", "NHS", "PC", "DC", "DS", "DI", "GMT", "BST", "UTC", "SHA", "PDF"}
EMPHASIS = {"RED", "AMBER", "GREEN", "SHARED", "NOT"}  # plain words printed in capitals


@pytest.mark.parametrize("case", list(demo_cases(6)), ids=lambda c: c.reference)
def test_every_abbreviation_a_parent_reads_is_explained(case):
    """The family copy's words of the professions (s47 aside, which is spelt out) are in its
    glossary: an acronym printed there and explained nowhere is a door shut on a parent."""
    glossary = " ".join(f"{t.term} {t.meaning}" for t in ReferenceData().family_glossary)
    for meeting in case.meetings:
        text = _text(render_minutes(_snapshot(case, meeting), Variant.FAMILY).pdf)
        # (a reference such as CON-88123 is a number, not a word)
        acronyms = set(re.findall(r"\b[A-Z]{2,}(?:-[A-Z]{2,})*\b(?!-\d)", text))
        unexplained = sorted(a for a in acronyms - EVERYDAY - EMPHASIS if a not in glossary)
        assert not unexplained, (meeting.id, unexplained)


def test_a_person_not_to_be_named_leaves_no_trace_in_the_family_copy():
    """Golden rule 5: her name is nowhere in the family copy, the letter or the room's family
    view; the family copy reads exactly as if what names her had never been recorded; the
    professional copy keeps every mention, and says not to name her."""
    case, named, plain = protected(*build({}))
    family = _everything(render_minutes(_snapshot(case, named), Variant.FAMILY).pdf)
    letter = _everything(render_minutes(_snapshot(case, named, True), Variant.FAMILY).pdf)
    professional = _everything(render_minutes(_snapshot(case, named), Variant.PROFESSIONAL).pdf)
    room = _room_lines(case, named)
    for text in (family, letter, room):
        for part in ("Ruth", "Okonjo"):
            assert part.casefold() not in text.casefold()
    for mention in ("RuthOkonjo", "MrsOkonjoheard", "Ruthiskind", "Callbackokonjo"):
        assert mention in professional, mention
    assert "Donotname(couldbeharmedifidentified)RuthOkonjo" in professional
    assert "thechild:Yes;thecarers:No—whynot:Theneighbourcouldbeharmed" in professional
    assert "Advicesoughtfrom" in professional and "Forcedataprotectionofficer" in professional
    # No trace: the same text as the meeting where none of it was ever recorded.
    unnamed = case.model_copy(
        update={"meetings": [plain if m.id == plain.id else m for m in case.meetings]}
    )
    assert _text(render_minutes(_snapshot(case, named), Variant.FAMILY).pdf) == _text(
        render_minutes(_snapshot(unnamed, plain), Variant.FAMILY).pdf
    )
    # The chair's check lists each of them as left out, with the reason.
    reasons = {line.reason for line in withheld_items(named)}
    assert "Names a person who could be harmed if identified (do not name)." in reasons


def test_the_childs_identifier_is_in_both_copies():
    case, named, _ = protected(*build({}))
    for variant in Variant:
        text = _everything(render_minutes(_snapshot(case, named), variant).pdf)
        assert "NHSnumber9434765919(verified)" in text, variant
    letter = _everything(render_minutes(_snapshot(case, named, True), Variant.FAMILY).pdf)
    assert "AmiraHaddad(NHSnumber9434765919(verified))" in letter
