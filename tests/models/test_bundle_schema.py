"""The published bundle schema validates the app's own export under a strict validator
(check-jsonschema, which checks formats: `date`, `date-time`, `time`), and says every limit
of text the models enforce."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from models.bundle import bundle_json_schema
from models.text import LONG_TEXT_MAX, SHORT_TEXT_MAX
from storage.bundles import export_bundle
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "bundle.schema.json"


def check_jsonschema(instance: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA), str(instance)],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory, _demo_template) -> dict:
    out = tmp_path_factory.mktemp("export") / "demo.json"
    with Workspace.open(_demo_template, "chair", PASSPHRASE) as ws:
        assert export_bundle(ws, out) == 6
    return json.loads(out.read_bytes())


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_demo_export_is_valid_under_check_jsonschema(demo_export, tmp_path):
    meeting = demo_export["cases"][0]["meetings"][0]
    assert meeting["start_time"] == "10:00:00"  # the time that used to fail the `time` format
    result = check_jsonschema(_write(tmp_path, demo_export))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (["meetings", 0, "date"], "2026-02-30", "is not a 'date'"),  # formats are checked
        (["meetings", 0, "start_time"], "25:00", "does not match"),
        (["meetings", 0, "start_time"], "10:00:00Z", "does not match"),
        (["meetings", 0, "venue"], "x" * (SHORT_TEXT_MAX + 1), "is too long"),
        (["meetings", 0, "purpose"], "x" * (LONG_TEXT_MAX + 1), "is too long"),
        (["meetings", 0, "venue"], "Room 1\nRoom 2", "does not match"),
        (["meetings", 0, "purpose"], "bell\x07", "does not match"),
        (["meetings", 0, "type"], "", "should be non-empty"),
    ],
)
def test_what_the_models_refuse_the_schema_refuses_too(
    demo_export, tmp_path, path, value, expected
):
    from models.bundle import BundleError, parse_bundle

    data = json.loads(json.dumps(demo_export))
    target = data["cases"][0]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    bundle = _write(tmp_path, data)
    result = check_jsonschema(bundle)
    assert result.returncode == 1
    assert expected in result.stdout, result.stdout
    with pytest.raises(BundleError):
        parse_bundle(bundle.read_bytes())


def test_the_same_text_the_models_accept_the_schema_accepts(demo_export, tmp_path):
    data = json.loads(json.dumps(demo_export))
    meeting = data["cases"][0]["meetings"][0]
    meeting["venue"] = "Ζ" * SHORT_TEXT_MAX  # characters, not bytes
    meeting["purpose"] = "Line one\n\tLine two " + "é" * (LONG_TEXT_MAX - 19)
    assert len(meeting["purpose"]) == LONG_TEXT_MAX
    meeting["start_time"], meeting["end_time"] = "09:05", "23:59:59.5"
    from models.bundle import parse_bundle

    bundle = _write(tmp_path, data)
    parse_bundle(bundle.read_bytes())
    result = check_jsonschema(bundle)
    assert result.returncode == 0, result.stdout


def _strings(node, path=""):
    if isinstance(node, dict):
        if node.get("type") == "string":
            yield path, node
        for key, value in node.items():
            yield from _strings(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, f"{path}/{i}")


def test_every_string_in_the_schema_is_bounded_and_no_time_needs_an_offset():
    schema = bundle_json_schema()
    loose = [
        path
        for path, node in _strings(schema)
        if not ({"maxLength", "enum", "const", "pattern"} & node.keys())
        and node.get("format") not in ("date", "date-time")
    ]
    assert loose == []
    assert '"format": "time"' not in json.dumps(schema)
    meeting = schema["$defs"]["Meeting"]["properties"]
    assert meeting["venue"]["maxLength"] == SHORT_TEXT_MAX
    assert meeting["purpose"]["maxLength"] == LONG_TEXT_MAX
