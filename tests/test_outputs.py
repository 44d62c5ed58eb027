"""Where `generate` writes, and what it leaves when it cannot (issue 13): an --out that is a file,
read-only or inside the case, a full disk, two runs into one folder; what a case folder holds that
is not evidence; what `verify` reports besides changed files; a machine without libharfbuzz-subset.

Every failure is exit 2 with one line naming the file or folder, and leaves no file under a
final name: a plain rerun (no --force) then succeeds.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from conftest import ROOT
from generator.cli import app

runner = CliRunner()
DATE = "2026-03-01"
LENDER = "重庆蚂蚁消费金融有限公司"


@pytest.fixture
def case(tmp_path: Path) -> Path:
    folder = tmp_path / "case"
    shutil.copytree(ROOT / "examples" / "on-time-cmb", folder, ignore=shutil.ignore_patterns("out"))
    return folder


def generate(case: Path, *args: str) -> Result:
    return runner.invoke(app, ["generate", str(case), "--date", DATE, *args])


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below `folder`, hidden ones too, with its SHA-256."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def one_error_line(result: Result, *parts: str) -> str:
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert all(part in lines[0] for part in parts), lines[0]
    assert "Traceback" not in result.stderr
    return lines[0]


def pdf(path: Path, text: str) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path))
    canvas.drawString(100, 700, text)
    canvas.save()
    return path


# ----------------------------------------------------------------------------- --out


def test_out_naming_an_existing_file(case: Path, tmp_path: Path) -> None:
    target = tmp_path / "letters.pdf"
    target.write_bytes(b"keep me")
    before = snapshot(tmp_path)
    result = generate(case, "--out", str(target))
    assert result.exit_code == 2
    one_error_line(result, str(target), "exists and is not a folder")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("where", ["CASE", "CASE/letters", "CASE/statements/out"])
def test_out_inside_the_case_is_refused(case: Path, where: str) -> None:
    out = Path(where.replace("CASE", str(case)))
    before = snapshot(case)
    result = generate(case, "--out", str(out))
    assert result.exit_code == 2
    one_error_line(result, str(out), "lies inside the case folder")
    assert snapshot(case) == before
    assert runner.invoke(app, ["check", str(case), "--date", DATE]).exit_code == 0


def test_the_default_out_inside_the_case_is_allowed(case: Path) -> None:
    before = {p.name for p in case.iterdir()}
    assert generate(case, "--out", str(case / "out")).exit_code == 0
    assert (case / "out" / "manifest.json").is_file()
    assert {p.name for p in case.iterdir()} == before | {"out"}, "no lock or staging folder left in the case"


class Mounts:
    """Small tmpfs file systems (root only; skipped with the reason where mounting is refused)."""

    def __init__(self) -> None:
        self.points: list[Path] = []

    def mount(self, point: Path, options: str) -> Path:
        if os.geteuid() != 0:
            pytest.skip("mounting a small tmpfs needs root")
        point.mkdir(exist_ok=True)
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
        self.points.append(point)
        return point

    def remount(self, point: Path, options: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{options}", str(point)], check=True)


@pytest.fixture
def mounts() -> Iterator[Mounts]:
    m = Mounts()
    yield m
    for point in reversed(m.points):
        subprocess.run(["umount", "-l", str(point)], check=False)


@pytest.mark.parametrize("exists", [False, True], ids=["new-folder", "existing-folder"])
def test_out_on_a_read_only_folder(case: Path, tmp_path: Path, mounts: Mounts, exists: bool) -> None:
    disk = tmp_path / "ro"
    if os.geteuid() == 0:  # root writes through any mode bits: only a read-only mount stops it
        mounts.mount(disk, "size=1m")
        if exists:
            (disk / "out").mkdir()
        mounts.remount(disk, "ro")
        why = "read-only file system"
    else:
        (disk / "out" if exists else disk).mkdir(parents=True)
        for folder in (disk / "out", disk):
            if folder.exists():
                folder.chmod(0o555)
        why = "permission denied"
    out = disk / "out"
    before = snapshot(disk)
    result = generate(case, "--out", str(out))
    assert result.exit_code == 2
    one_error_line(result, str(out), f"cannot write: {why}")
    assert snapshot(disk) == before and out.exists() == exists


def _sizes(case: Path, tmp_path: Path) -> list[int]:
    """The outputs' sizes in the order they are written, from a run on a roomy disk."""
    ref = tmp_path / "reference"
    assert generate(case, "--out", str(ref)).exit_code == 0
    manifest = json.loads((ref / "manifest.json").read_text(encoding="utf-8"))
    return [int(e["bytes"]) for e in manifest["outputs"]]


def _pages(size: int) -> int:
    return -(-size // 4096) * 4096


def test_a_full_disk_leaves_nothing_and_a_plain_rerun_succeeds(case: Path, tmp_path: Path, mounts: Mounts) -> None:
    sizes = _sizes(case, tmp_path)
    assert len(sizes) >= 5
    # Room for the first three outputs and half the fourth: the run fails partway, as in the issue.
    room = sum(_pages(s) for s in sizes[:3]) + _pages(sizes[3]) // 2
    disk = mounts.mount(tmp_path / "disk", f"size={room}")
    out = disk / "out"
    failed = generate(case, "--out", str(out))
    assert failed.exit_code == 2
    one_error_line(failed, str(out) + os.sep, "cannot write: the disk is full")
    assert snapshot(disk) == {} and list(disk.iterdir()) == [], "nothing under a final name, no staging left"
    mounts.remount(disk, "size=16m")  # the user frees space
    again = generate(case, "--out", str(out))  # no --force
    assert again.exit_code == 0, again.output
    assert runner.invoke(app, ["verify", str(out), "--case", str(case)]).exit_code == 0
    assert [p.name for p in disk.iterdir()] == ["out"]


def test_a_write_failing_partway_leaves_nothing(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same without a small disk: the fourth file's write raises ENOSPC."""
    import generator.paths as paths

    real, calls = paths._write_staged, []

    def fourth_fails(tmp: Path, data: bytes, final: Path) -> None:
        calls.append(final)
        if len(calls) == 4:
            raise paths.cannot_write(final, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
        real(tmp, data, final)

    monkeypatch.setattr(paths, "_write_staged", fourth_fails)
    out = tmp_path / "out"
    failed = generate(case, "--out", str(out))
    assert failed.exit_code == 2
    one_error_line(failed, str(calls[3]), "cannot write: the disk is full")
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == ["case"]
    monkeypatch.undo()
    assert generate(case, "--out", str(out)).exit_code == 0


def test_a_failed_force_rerun_keeps_the_previous_outputs(case: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Into a folder that holds a run: the files replaced are put back when a move fails."""
    out = tmp_path / "out"
    assert generate(case, "--out", str(out)).exit_code == 0
    before = snapshot(out)
    real, calls = os.replace, []

    def third_fails(src: Any, dst: Any) -> None:
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(dst))
        real(src, dst)

    monkeypatch.setattr(os, "replace", third_fails)
    failed = runner.invoke(app, ["generate", str(case), "--date", "2026-03-02", "--out", str(out), "--force"])
    monkeypatch.undo()
    assert failed.exit_code == 2
    one_error_line(failed, str(out), "cannot write")
    assert snapshot(out) == before
    assert runner.invoke(app, ["verify", str(out), "--case", str(case)]).exit_code == 0


# ----------------------------------------------------------------------------- two runs at once

DELAYED = """
import sys, time
import generator.pipeline as pipeline
delay, real = float(sys.argv.pop(1)), pipeline.check_folder
def slow(*args, **kwargs):
    time.sleep(delay)  # holds the lock long enough for the second run to meet it
    return real(*args, **kwargs)
pipeline.check_folder = slow
from generator.cli import app
app()
"""


def test_two_runs_into_one_folder(case: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    first = subprocess.Popen([sys.executable, "-c", DELAYED, "6", "generate", str(case), "--date", DATE,
                              "--out", str(out)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not (tmp_path / ".out.dispute-lock").exists():
            assert first.poll() is None and time.monotonic() < deadline, "the first run never took the lock"
            time.sleep(0.05)
        second = subprocess.run([sys.executable, "-m", "generator", "generate", str(case), "--date", DATE,
                                 "--out", str(out)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
        assert first.poll() is None, "the second run was not refused at once"
        _, first_err = first.communicate(timeout=120)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 0, first_err.decode()
    assert second.returncode == 2
    lines = [ln for ln in second.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(out) in lines[0] and "another dispute run is writing there" in lines[0], second.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {e["file"] for e in manifest["outputs"]} == {p.name for p in out.iterdir()} - {"manifest.json"}
    assert runner.invoke(app, ["verify", str(out), "--case", str(case)]).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case", "out"], "the lock file is removed"


# ----------------------------------------------------------------------------- what a case holds


def check_json(case: Path) -> tuple[Result, Any]:
    result = runner.invoke(app, ["check", str(case), "--date", DATE, "--json"])
    assert result.exit_code == 0, result.output
    return result, json.loads(result.stdout)


def test_an_unknown_pdf_is_reported_and_skipped(case: Path) -> None:
    _, baseline = check_json(case)
    pdf(case / "借款合同.pdf", "Loan contract No. 1")
    result, data = check_json(case)
    line = one_error_line(result, "借款合同.pdf", "unrecognised document", "skipped, not read as evidence")
    assert line.startswith("note: ")
    assert data == baseline
    out = case / "out"
    generated = generate(case)
    assert generated.exit_code == 0 and (out / "manifest.json").is_file()
    one_error_line(generated, "借款合同.pdf", "skipped")


def test_a_folder_written_by_generate_is_never_evidence(case: Path, tmp_path: Path) -> None:
    _, baseline = check_json(case)
    assert generate(case, "--out", str(tmp_path / "old")).exit_code == 0
    shutil.copytree(tmp_path / "old", case / "letters-2025")  # an older version let --out point here
    result, data = check_json(case)
    assert data == baseline and result.stderr == ""
    for p in (tmp_path / "old").iterdir():  # and an older `--out CASE`: its listed outputs only
        shutil.copy(p, case / p.name)
    result, data = check_json(case)
    assert data == baseline and result.stderr == ""


# ----------------------------------------------------------------------------- verify


def test_verify_names_files_the_manifest_does_not_list(case: Path) -> None:
    assert generate(case).exit_code == 0
    out = case / "out"
    assert runner.invoke(app, ["verify", str(out)]).exit_code == 0
    added = pdf(case / "补充流水.pdf", "added after generation")
    foreign = out / "征信异议申请书-另一个借款人.pdf"
    foreign.write_bytes(b"%PDF-1.4 another borrower")
    result = runner.invoke(app, ["verify", str(out)])
    assert result.exit_code == 1
    lines = sorted(ln for ln in result.stderr.splitlines() if ln.strip())
    assert len(lines) == 2, result.stderr
    assert {Path(ln.split(": ")[0]).resolve() for ln in lines} == {added.resolve(), foreign.resolve()}
    assert all("not listed in manifest.json" in ln for ln in lines)
    assert "全部" not in result.stdout


# ----------------------------------------------------------------------------- optional libraries

HIDE_HARFBUZZ_SUBSET = """
import logging, sys
import cffi
real = cffi.FFI.dlopen
def dlopen(self, name, *args, **kwargs):
    if name and "harfbuzz-subset" in str(name):
        raise OSError(f"{name}: hidden by the test")  # as on a machine without the package
    return real(self, name, *args, **kwargs)
cffi.FFI.dlopen = dlopen
seen = []
class Seen(logging.Handler):
    def emit(self, record):
        seen.append(record.getMessage())
logging.getLogger("weasyprint").addHandler(Seen())
from generator.cli import app
try:
    app()
finally:
    from weasyprint.text import ffi
    print(f"TEST: harfbuzz_subset={ffi.harfbuzz_subset} fonttools_warnings="
          f"{sum('Using fontTools instead of HarfBuzz-Subset' in m for m in seen)}", file=sys.stderr)
"""


def test_generate_without_libharfbuzz_subset(case: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-c", HIDE_HARFBUZZ_SUBSET, "generate", str(case), "--date", DATE,
                           "--out", str(out)], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, timeout=300)
    report = [ln for ln in done.stderr.splitlines() if ln.startswith("TEST: ")]
    assert report and "harfbuzz_subset=None" in report[0], done.stderr
    assert int(report[0].rsplit("=", 1)[1]) > 0, "WeasyPrint did not take the fontTools path"
    assert done.returncode == 0, done.stderr
    assert [ln for ln in done.stderr.splitlines() if ln.strip() and not ln.startswith("TEST: ")] == []
    assert runner.invoke(app, ["verify", str(out), "--case", str(case)]).exit_code == 0
