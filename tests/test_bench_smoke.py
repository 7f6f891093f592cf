"""The bench's start-up measure still runs (it drives the unlock screen until it says it is
ready, then unlocks): `make test-long`. No timing is judged here; `make bench` does that."""

from __future__ import annotations

import pytest

from tests.bench import measures, workspaces


@pytest.mark.slow
def test_bench_start_up_and_memory_children_run(tmp_path, monkeypatch):
    monkeypatch.setenv("BENCH_CACHE", str(tmp_path / "cache"))
    lines: list[str] = []
    folder = workspaces.copy_workspace(workspaces.cached_workspace(50, lines.append), tmp_path)
    ratio, home, bare = measures.startup(folder, 1, lines.append)
    assert ratio > 0 and home.samples[0] > 0 and bare.samples[0] > 0
    assert any("unlock painted" in line for line in lines)
    assert measures.memory(folder, lines.append) > 0
