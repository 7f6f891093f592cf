"""Bundle version 2 reads version 1 (tests/fixtures/bundle-v1.json, exported by version-1
Caseroom) by upgrading it; a field version 1 never had, or a version it does not know, is
refused with one line naming where."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from models.bundle import VERSION, BundleError, bundle_json_schema, dump_bundle, parse_bundle
from models.bundle_versions import frozen_schema, unknown_field
from tests.conftest import PASSPHRASE, snapshot_files
from tests.test_cli import cli, one_line_error

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
V1 = FIXTURES / "bundle-v1.json"


def _v1() -> dict:
    return json.loads(V1.read_bytes())


def _kept(old, new, path="") -> None:
    """Every value of `old` is in `new` unchanged (new may hold fields old did not have)."""
    if isinstance(old, dict):
        assert isinstance(new, dict), path
        for key, value in old.items():
            assert key in new, f"{path}.{key} was lost"
            _kept(value, new[key], f"{path}.{key}")
    elif isinstance(old, list):
        assert isinstance(new, list) and len(new) == len(old), path
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            _kept(a, b, f"{path}[{i}]")
    else:
        assert old == new, f"{path}: {old!r} became {new!r}"


def test_the_fixture_is_a_version_1_bundle_with_withheld_items():
    data = _v1()
    assert data["version"] == 1 and VERSION == 2
    text = V1.read_text()
    assert text.count('"withheld_from_family": true') >= 5
    assert unknown_field(data, 1) is None


def test_a_version_1_bundle_is_read_upgraded_and_loses_nothing():
    bundle = parse_bundle(V1.read_bytes())
    assert bundle.version == 2
    again = json.loads(dump_bundle(bundle.cases))
    assert again["version"] == 2
    _kept(_v1()["cases"], again["cases"])
    withheld = [
        item
        for case in bundle.cases
        for meeting in case.meetings
        for item in [*meeting.contributions, *meeting.sharing_decisions, *meeting.actions]
        if item.withheld_from_family
    ]
    assert len(withheld) == 5  # and a CSE indicator: six in the file


@pytest.mark.parametrize(
    ("where", "field"),
    [
        (["cases", 0, "people", 1], "consistent_identifier"),
        (["cases", 0, "meetings", 0, "risk", "cse_screening", 2], "sharing_basis"),
        (["cases", 1, "meetings", 0], "end_time_note"),
        ([], "generated_by"),
    ],
)
def test_a_version_1_bundle_with_a_field_version_1_never_had_is_refused(where, field):
    data = _v1()
    target = data
    for key in where:
        target = target[key]
    target[field] = "x"
    with pytest.raises(BundleError) as refused:
        parse_bundle(json.dumps(data).encode())
    path = "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in [*where, field])
    assert str(refused.value) == (f"{path.lstrip('.')}: a version-1 bundle has no field '{field}'")


def test_the_same_field_in_a_version_2_bundle_is_refused_by_the_models():
    data = json.loads(dump_bundle(parse_bundle(V1.read_bytes()).cases))
    data["cases"][0]["people"][1]["no_such_field"] = "x"
    with pytest.raises(BundleError, match=r"people\[1\]\.no_such_field: Extra inputs"):
        parse_bundle(json.dumps(data).encode())


@pytest.mark.parametrize("version", [3, 0, "1", True, None])
def test_a_version_it_does_not_read_is_refused(version):
    data = _v1()
    data["version"] = version
    with pytest.raises(BundleError) as refused:
        parse_bundle(json.dumps(data).encode())
    assert str(refused.value) == (
        f"version: this Caseroom reads versions 1 and 2, found {version!r}"
    )


def test_the_frozen_version_1_schema_is_not_the_current_one():
    # Version 1's schema is kept as it was; the current one moves on (maxLength, times).
    v1 = frozen_schema(1)
    assert v1["properties"]["version"]["const"] == 1
    assert bundle_json_schema()["properties"]["version"]["const"] == 2


def test_import_through_the_cli_reads_version_1_and_refuses_a_version_3(made_workspace, tmp_path):
    folder, _ = made_workspace
    bad = tmp_path / "v3.json"
    bad.write_text(V1.read_text().replace('"version": 1', '"version": 3', 1))
    before = snapshot_files(folder)
    code, _, err = cli(
        "import", bad, "-w", folder, "--user", "chair", "--passphrase-stdin", stdin=PASSPHRASE
    )
    assert code == 2
    assert one_line_error(err) == (
        "caseroom: v3.json: version: this Caseroom reads versions 1 and 2, found 3"
    )
    assert snapshot_files(folder) == before

    code, out, err = cli(
        "import", V1, "-w", folder, "--user", "chair", "--passphrase-stdin", stdin=PASSPHRASE
    )
    assert code == 0, err
    assert out.startswith("Imported 2 cases, 6 people, 4 meetings and 7 actions.")
    out_file = tmp_path / "out.json"
    code, _, err = cli(
        "export",
        "--all",
        "--out",
        out_file,
        "-w",
        folder,
        "--user",
        "chair",
        "--passphrase-stdin",
        stdin=PASSPHRASE,
    )
    assert code == 0, err
    exported = json.loads(out_file.read_bytes())
    assert exported["version"] == 2
    _kept(_v1()["cases"], exported["cases"])
