"""Installed, Caseroom finds its own files: the wheel carries resources/ and the app reads them
beside its code, from any current folder.

The fast tests build the wheel (setuptools' own build backend, no network) and run its code
unpacked from another folder. The slow one installs it into a fresh venv and runs the
`caseroom` command as IT would (`make test-long`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[1]
MEETING = "g1-m73"  # a meeting of the default demo workspace (as `make run` uses)


def _source_files() -> list[str]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout to know which files are the source")
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [name for name in listed.split("\0") if name and (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from a clean copy of the source (what `python -m build` makes)."""
    base = tmp_path_factory.mktemp("wheel")
    src, out = base / "src", base / "out"
    for name in _source_files():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, src / name)
    build = (
        "import sys; from setuptools import build_meta; print(build_meta.build_wheel(sys.argv[1]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", build, str(out)],
        cwd=src,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return out / done.stdout.strip().splitlines()[-1]


def test_wheel_carries_every_resource_and_the_command(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {  # every file of resources/ but the translators' sources (the .qm are built)
        name
        for name in _source_files()
        if name.startswith("resources/") and not name.endswith(".ts")
    }
    assert "resources/fonts/DejaVuSans.ttf" in wanted
    assert wanted - names == set()
    top_level = {"main.py", "subcommands.py", "subcommands_access.py", "subcommands_shared.py"}
    assert top_level <= names  # the top-level modules (py-modules)
    entry_points = zipfile.ZipFile(wheel).read("caseroom-0.1.0.dist-info/entry_points.txt")
    assert b"caseroom = main:main" in entry_points


def test_unpacked_wheel_finds_its_files_from_another_folder(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        import main, resources
        from reports import archival, fonts
        from ui.app import app_icon, make_app, stylesheet
        assert Path(resources.__file__).is_relative_to(sys.argv[1]), resources.__file__
        fonts.register_fonts()
        assert archival.ICC_PROFILE.read_bytes()
        assert "font-size: 11.0pt" in stylesheet(11.0)
        make_app()
        assert not app_icon().pixmap(32, 32).isNull()
        sys.exit(main.main(["--version"]))
        """
    )
    env = dict(os.environ, PYTHONPATH=str(site), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", script, str(site)],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "caseroom 0.1.0"


def smoke_test(caseroom: str | Path, here: Path) -> None:
    """What IT checks after deploying: run from a folder that is not the source."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = str(here / "config")  # the window's preferences, not the user's

    def run(*args: object, stdin: str = "", **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(caseroom), *map(str, args)],
            input=stdin,
            cwd=here,
            env={**env, **extra},
            capture_output=True,
            text=True,
            timeout=300,
        )

    assert run("--version").stdout.strip() == "caseroom 0.1.0"
    ws, pdf = here / "ws", here / "minutes.pdf"
    done = run("demo", "-w", ws, "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert done.returncode == 0, done.stderr
    done = run(
        "minutes", "-w", ws, "--user", "chair", "--passphrase-stdin", "--meeting", MEETING,
        "--variant", "professional", "--out", pdf, "--sign", "--family-checked",
        stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    done = run("verify", pdf, "-w", ws)
    assert done.returncode == 0, done.stdout + done.stderr
    done = run("-w", ws, CASEROOM_SMOKE_TEST="1")
    assert done.returncode == 0, done.stderr
    assert "Caseroom started: UnlockScreen" in done.stdout


@pytest.mark.slow
def test_installed_wheel_works_from_another_folder(wheel, tmp_path):
    """Into a fresh venv (the test environment's libraries visible, its source not)."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # A plain path line: the dependencies, without the editable install's finder.
    Path(purelib, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps",
         "--no-index", str(wheel)],
        check=True,
        timeout=300,
    )  # fmt: skip
    caseroom = shutil.which("caseroom", path=str(bin_dir))
    assert caseroom is not None
    here = tmp_path / "elsewhere"
    here.mkdir()
    where = subprocess.run(
        [python, "-c", "import resources; print(resources.__file__)"],
        cwd=here,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(venv)
    smoke_test(caseroom, here)


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("CASEROOM_APP"), reason="`make package` sets CASEROOM_APP")
def test_self_contained_app_works_from_another_folder(tmp_path):
    """The one-folder app `make package` built: dist/caseroom/caseroom."""
    smoke_test(os.environ["CASEROOM_APP"], tmp_path)
