"""docs/security.md's table "fault → what the user sees → what is kept": every row names its
test, and every test it names exists (a renamed or deleted test fails here, not silently)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADING = "## When something goes wrong: fault → what the user sees → what is kept"
REFERENCE = re.compile(r"`(tests/[\w/]+\.py)(?:::(\w+))?`")


def _rows() -> list[str]:
    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    assert HEADING in text
    section = text.split(HEADING, 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    return rows[1:]  # less the header row


def _tests_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test")
    }


def test_every_row_names_a_test_that_exists():
    rows = _rows()
    assert len(rows) >= 25
    for row in rows:
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        assert len(cells) == 4, row
        found = REFERENCE.findall(cells[3])
        assert found, f"no test named in: {cells[0]}"
        for file, name in found:
            path = ROOT / file
            assert path.is_file(), f"{file} (named for: {cells[0][:60]}) does not exist"
            tests = _tests_in(path)
            assert tests, f"{file} holds no test"
            if name:
                assert name in tests, f"{file}::{name} (named for: {cells[0][:60]}) does not exist"
