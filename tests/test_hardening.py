"""No secrets in core dumps: a started Caseroom process has a core limit of 0 and, on
Linux, is not dumpable, even when started with `ulimit -c unlimited`."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux /proc and prctl")


def _unlimited_cores():
    """As `ulimit -c unlimited` in the shell that starts Caseroom."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
    resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))


@linux
def test_cli_waiting_for_a_passphrase_cannot_dump_core(made_workspace):
    folder, _ = made_workspace
    command = ["audit", "-w", str(folder), "--user", "chair", "--passphrase-stdin", "verify"]
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *command],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        preexec_fn=_unlimited_cores,
    )
    try:
        limits = Path(f"/proc/{process.pid}/limits")
        deadline = time.monotonic() + 60
        line = ""
        while time.monotonic() < deadline:  # until main() has started: then it waits on stdin
            line = next(x for x in limits.read_text().splitlines() if "core file" in x)
            if line.split()[-3:-1] == ["0", "0"]:
                break
            time.sleep(0.05)
        assert line.split()[-3:-1] == ["0", "0"], line  # soft and hard limit both 0
    finally:
        process.communicate(input=b"", timeout=60)


def test_started_process_reports_no_core_and_not_dumpable():
    code = (
        "import resource, main\n"
        "main.main(['audit', '--help'])\n"
        "from storage.hardening import is_dumpable\n"
        "print(resource.getrlimit(resource.RLIMIT_CORE), is_dumpable())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        preexec_fn=_unlimited_cores,
        timeout=60,
        check=True,
    ).stdout.splitlines()[-1]
    expected = "False" if sys.platform.startswith("linux") else "None"
    assert out == f"(0, 0) {expected}"


def test_without_hardening_the_same_process_could_dump():
    """The check above is not vacuous: a plain child process keeps its core limit."""
    code = "import resource\nprint(resource.getrlimit(resource.RLIMIT_CORE)[0])\n"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        preexec_fn=_unlimited_cores,
        timeout=60,
        check=True,
    ).stdout.strip()
    assert out == str(resource.getrlimit(resource.RLIMIT_CORE)[1])
    if resource.getrlimit(resource.RLIMIT_CORE)[1] != 0:
        assert out != "0"


def test_forbid_core_dumps_says_what_it_did():
    code = (
        "from storage.hardening import forbid_core_dumps, is_dumpable\n"
        "print(forbid_core_dumps(), is_dumpable())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout.strip()
    if sys.platform.startswith("linux"):
        assert out == "['core limit 0', 'not dumpable'] False"
    else:
        assert out.startswith("['core limit 0']")
