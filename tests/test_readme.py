"""The README's two commands for a new machine: the set-up one makes and activates the venv that
Debian 12 requires (pip outside one: externally-managed-environment), the test one is what .ci/run
runs, and scripts/setup.sh refuses a Python older than 3.11 in one line."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
ACTIVATE = ". .venv/bin/activate"


def first_commands() -> list[str]:
    block = re.search(r"```bash\n(.*?)```", README, re.S)
    assert block is not None, "the README starts with no bash block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_the_readme_starts_with_two_commands() -> None:
    setup, tests = first_commands()
    assert setup.startswith(f"bash scripts/setup.sh && {ACTIVATE} && pip install -e . && dispute generate examples/")
    assert tests.startswith("pip install -e ") and tests.endswith("&& pytest")


def test_ci_runs_the_readmes_test_command() -> None:
    ci = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert ci[-1] == first_commands()[1]


def test_every_setup_in_the_readme_activates_the_venv_before_pip() -> None:
    uses = re.findall(r"bash scripts/setup\.sh && ([^`\n]*)", README)
    assert len(uses) >= 3, uses  # the first command, the page, the cluster
    assert all(use.startswith(f"{ACTIVATE} && pip install -e ") for use in uses), uses


def _setup(tmp_path: Path, fake: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """scripts/setup.sh in a copy of scripts/, with `fake` commands first on PATH."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "setup.sh", tmp_path / "scripts")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in fake.items():
        (bin_dir / name).write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    env.pop("DISPUTE_BROWSER_TESTS", None)
    return subprocess.run(["bash", str(tmp_path / "scripts" / "setup.sh")], env=env, capture_output=True,
                          text=True, timeout=300)


def test_setup_refuses_an_old_python_in_one_line(tmp_path: Path) -> None:
    run = _setup(tmp_path, {"python3": '[ "$1" = -V ] && echo "Python 3.9.2" && exit 0\nexit 1'})
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == ["dispute: needs Python 3.11 or newer; python3 here is Python 3.9.2"]
    assert not (tmp_path / ".venv").exists()


def test_setup_makes_the_venv_and_says_the_compile_step_is_next(tmp_path: Path) -> None:
    # Every system package reported installed: nothing is installed on the machine running the tests.
    run = _setup(tmp_path, {"dpkg-query": 'echo "install ok installed"'})
    assert run.returncode == 0, run.stderr
    assert (tmp_path / ".venv" / "bin" / "activate").is_file()
    assert (tmp_path / ".venv" / "bin" / "pip").exists()
    assert "pip install -e . compiles" in run.stdout and "30 s or more" in run.stdout, run.stdout


def _using_it() -> str:
    section = README[README.index("## Using it"):]
    block = re.search(r"```\n(.*?)```", section, re.S)
    assert block is not None
    return block.group(1)


def test_using_it_lists_every_command() -> None:
    from typer.main import get_command

    from generator.cli import app

    group = get_command(app)
    names = set(getattr(group, "commands", {}))
    assert {"version", "track", "serve"} <= names
    listed = set(re.findall(r"^dispute ([a-z]+)", _using_it(), re.M))
    assert names - listed == set(), "commands missing from the README's Using it"


def test_using_it_shows_every_track_option_and_recipient() -> None:
    from typer.main import get_command

    from generator.cli import app
    from generator.track import Recipient

    track = getattr(get_command(app), "commands", {})["track"]
    block = _using_it()
    lines = block[block.index("dispute track"):block.index("dispute status")]
    options = {opt for param in track.params for opt in param.opts if opt.startswith("--")} - {"--help"}
    assert options and all(opt in lines for opt in options), (options, lines)
    assert "|".join(Recipient.__args__) in lines


def test_the_readme_links_the_case_file_reference_and_the_documents_guide() -> None:
    for doc in ("docs/case-toml.md", "docs/documents.md"):
        assert f"]({doc})" in README and (ROOT / doc).is_file()
