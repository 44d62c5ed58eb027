"""`dispute batch`: isolation, -x, interruption and resume, reruns, summaries, the Dask executor.

Each case takes a second or two to generate, so every test uses few cases and `--jobs 2`.
The command is mounted on a throwaway Typer app (cli.py registers it separately).
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from conftest import ROOT
from typer.testing import CliRunner, Result

from generator.cli import batch as cli_batch
from generator.batch import NEEDED_JSON, BatchError, find_cases
from generator.cli.batch import batch

EXAMPLES = ROOT / "examples"
DATE = "2026-09-10"  # after every example's last repayment: a 个人声明 is not dated before what it states
KINDS = {"on-time": "on-time-cmb", "late": "late-statement", "alipay": "alipay-insufficient"}

app = typer.Typer()
app.command("batch")(batch)


@app.callback()
def _root() -> None:
    """Two levels, as in the real CLI: `batch` is a sub-command."""


def make_cases(root: Path, *names: str) -> Path:
    """Copy an example per name: "01-on-time" copies examples/on-time-cmb, and so on."""
    import shutil

    for name in names:
        kind = name.split("-", 1)[1].removesuffix("-bad")
        shutil.copytree(EXAMPLES / KINDS[kind], root / name, ignore=shutil.ignore_patterns("out"))
        if name.endswith("-bad"):
            toml = root / name / "case.toml"
            toml.write_text(toml.read_text(encoding="utf-8").replace('phone = "', 'phone = "x'), encoding="utf-8")
    return root


def run(cases: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["batch", str(cases), "--date", DATE, "--jobs", "2", *args])


def summary(cases: Path) -> dict[str, dict[str, Any]]:
    data = json.loads((cases / "out-batch" / "summary.json").read_text(encoding="utf-8"))
    return {row["case"]: row for row in data["cases"]}


def statuses(cases: Path) -> dict[str, str]:
    return {name: row["status"] for name, row in summary(cases).items()}


def stamps(out: Path) -> dict[str, tuple[int, int]]:
    """(mtime, inode) of every case output: os.replace gives a rewritten file a new inode."""
    return {p.relative_to(out).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
            for p in out.rglob("*") if p.is_file() and p.parent != out}


def written(case_out: Path) -> list[str]:
    return sorted(p.name for p in case_out.iterdir() if p.name != "manifest.json")


def no_temp_files(out: Path) -> None:
    assert not list(out.rglob("*.tmp")), "a half-written file was left behind"


# ----------------------------------------------------------------------------- one run, many checks


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    cases = make_cases(tmp_path_factory.mktemp("batch"), "01-on-time", "02-late-bad", "03-late", "04-alipay")
    return cases, run(cases)


def test_a_failing_case_does_not_stop_the_others(first_run: tuple[Path, Result]) -> None:
    cases, result = first_run
    assert result.exit_code == 1, result.output
    assert statuses(cases) == {"01-on-time": "done", "02-late-bad": "failed", "03-late": "done", "04-alipay": "done"}
    bad = summary(cases)["02-late-bad"]
    assert "[borrower].phone" in bad["error"] and bad["error_kind"] == "input" and not bad["traceback"]
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "02-late-bad" in errors[0] and "Traceback" not in result.stderr
    assert not (cases / "out-batch" / "02-late-bad" / "manifest.json").exists()
    assert {p.suffix for p in (cases / "out-batch" / "01-on-time").iterdir()} == {".pdf", ".docx", ".json"}
    assert summary(cases)["01-on-time"]["outputs"] == written(cases / "out-batch" / "01-on-time")


def test_summary_records_verdicts_and_outputs(first_run: tuple[Path, Result]) -> None:
    cases, _ = first_run
    rows = summary(cases)
    assert [{k: v[k] for k in ("lender", "verdict")} for v in rows["01-on-time"]["verdicts"]] == [
        {"lender": "重庆蚂蚁消费金融有限公司", "verdict": "dispute"}]
    assert rows["03-late"]["loans"] == 1 and rows["03-late"]["outputs"] == [
        "个人声明-招联消费金融股份有限公司.docx", "个人声明-招联消费金融股份有限公司.pdf"]
    # A case with nothing to write still gets a manifest, so that a rerun can skip it.
    assert rows["04-alipay"]["outputs"] == [] and (cases / "out-batch" / "04-alipay" / "manifest.json").is_file()
    data = json.loads((cases / "out-batch" / "summary.json").read_text(encoding="utf-8"))
    assert data["counts"] == {"done": 3, "skipped": 0, "failed": 1, "not_run": 0} and not data["interrupted"]


def test_summary_csv_columns(first_run: tuple[Path, Result]) -> None:
    """The desk's sheet (tests/test_summary_sheet.py has the rest): a failed case keeps its row."""
    cases, _ = first_run
    raw = (cases / "out-batch" / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a BOM, so that Excel reads the Chinese as UTF-8"
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert list(rows[0]) == ["案件", "状态", "贷款机构", "贷款", "结论", "需补充材料", "已生成文件", "错误"]
    assert [r["案件"] for r in rows] == ["01-on-time", "02-late-bad", "03-late", "04-alipay"]
    assert rows[0]["贷款机构"] == "重庆蚂蚁消费金融有限公司" and rows[0]["结论"] == "可异议"
    assert rows[1]["状态"] == "失败" and "phone" in rows[1]["错误"] and rows[1]["贷款机构"] == ""



def test_the_sheets_errors_read_in_the_sheets_language(first_run: tuple[Path, Result], tmp_path: Path) -> None:
    """The tests run with DISPUTE_LANG=en; the Chinese sheet still says its errors in Chinese, and
    --lang en says them in English."""
    cases, _ = first_run
    zh = {r["案件"]: r["错误"] for r in csv.DictReader((cases / "out-batch" / "summary.csv")
                                                       .read_text(encoding="utf-8-sig").splitlines())}
    assert any("\u4e00" <= c <= "\u9fff" for c in zh["02-late-bad"]), zh["02-late-bad"]
    en_cases = make_cases(tmp_path, "01-late-bad")
    run(en_cases, "--lang", "en")
    en = list(csv.DictReader((en_cases / "out-batch" / "summary.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert "phone" in en[0]["error"] and not any("\u4e00" <= c <= "\u9fff" for c in en[0]["error"]), en[0]


def test_plan_jobs_names_a_file_given_as_the_cases_folder(tmp_path: Path) -> None:
    from datetime import datetime

    from generator.batch import plan_jobs
    from generator.render import Options

    file = tmp_path / "cases.txt"
    file.write_text("not a folder", encoding="utf-8")
    with pytest.raises(BatchError) as raised:
        plan_jobs(file, tmp_path / "out", Options(), force=False, generated_at=datetime(2026, 9, 10))
    assert str(raised.value) == f"{file}: a file, not a folder"
    with pytest.raises(BatchError) as missing:
        plan_jobs(tmp_path / "nowhere", tmp_path / "out", Options(), force=False, generated_at=datetime(2026, 9, 10))
    assert str(missing.value) == f"{tmp_path / 'nowhere'}: folder does not exist"


# ----------------------------------------------------------------------------- reruns


def test_rerun_skips_unchanged_cases_and_rewrites_nothing(tmp_path: Path) -> None:
    cases = make_cases(tmp_path, "01-on-time", "02-alipay")
    assert run(cases).exit_code == 0
    before = stamps(cases / "out-batch")
    second = run(cases)
    assert second.exit_code == 0, second.output
    assert statuses(cases) == {"01-on-time": "skipped", "02-alipay": "skipped"}
    assert stamps(cases / "out-batch") == before
    row = summary(cases)["01-on-time"]  # loans and verdicts come from the previous summary
    assert row["skipped"] is True and row["verdicts"][0]["verdict"] == "dispute"
    assert row["outputs"] == written(cases / "out-batch" / "01-on-time")


def test_force_regenerates_every_case(tmp_path: Path) -> None:
    cases = make_cases(tmp_path, "01-on-time", "02-alipay")
    assert run(cases).exit_code == 0
    before = stamps(cases / "out-batch")
    assert run(cases, "--force").exit_code == 0
    assert statuses(cases) == {"01-on-time": "done", "02-alipay": "done"}
    after = stamps(cases / "out-batch")
    assert after.keys() == before.keys() and all(after[f] != before[f] for f in before)


def test_a_changed_input_regenerates_only_that_case(tmp_path: Path) -> None:
    cases = make_cases(tmp_path, "01-on-time", "02-late")
    assert run(cases).exit_code == 0
    before = stamps(cases / "out-batch")
    with (cases / "02-late" / "case.toml").open("a", encoding="utf-8") as fh:
        fh.write("# 补充了备注\n")
    result = run(cases)
    assert result.exit_code == 0, result.output
    assert statuses(cases) == {"01-on-time": "skipped", "02-late": "done"}
    after = stamps(cases / "out-batch")
    assert all(after[f] == before[f] for f in before if f.startswith("01-"))
    assert all(after[f] != before[f] for f in before if f.startswith("02-"))


def test_outputs_the_new_inputs_no_longer_call_for_are_removed(tmp_path: Path) -> None:
    cases = make_cases(tmp_path, "01-late")
    assert run(cases).exit_code == 0
    out = cases / "out-batch" / "01-late"
    # Pretend the previous run (on other evidence) also wrote a dispute letter, untouched since.
    stale = out / "异议及更正申请-招联消费金融股份有限公司.pdf"
    stale.write_bytes(b"%PDF- old letter")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["outputs"].append({"file": stale.name, "sha256": hashlib.sha256(stale.read_bytes()).hexdigest(), "bytes": 16})
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    (cases / "01-late" / "case.toml").write_text((cases / "01-late" / "case.toml").read_text(encoding="utf-8") + "\n",
                                                 encoding="utf-8")
    assert run(cases).exit_code == 0
    assert not stale.exists() and summary(cases)["01-late"]["removed"] == [stale.name]


# ----------------------------------------------------------------------------- stopping early


def test_fail_fast_stops_starting_cases(tmp_path: Path) -> None:
    cases = make_cases(tmp_path, "01-late-bad", "02-alipay", "03-alipay", "04-alipay")
    result = CliRunner().invoke(app, ["batch", str(cases), "--date", DATE, "--jobs", "1", "-x"])
    assert result.exit_code == 1, result.output
    found = statuses(cases)
    assert found["01-late-bad"] == "failed"
    # One worker has two cases in flight: 02 may still finish, nothing after it starts.
    assert found["02-alipay"] in ("done", "not_run")
    assert found["03-alipay"] == found["04-alipay"] == "not_run"
    assert not (cases / "out-batch" / "04-alipay").exists()


@pytest.fixture
def interrupt_after_first_case(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C arriving in the parent while it waits for results (as in a terminal, where the
    workers, which ignore SIGINT, keep going)."""
    original: Callable[[Any, Any], None] = cli_batch._Display.update
    fired: list[bool] = []

    def update(self: Any, report: Any) -> None:
        original(self, report)
        if not fired:
            fired.append(True)
            raise KeyboardInterrupt

    monkeypatch.setattr(cli_batch._Display, "update", update)


def test_interrupted_run_writes_a_partial_summary_and_resumes(tmp_path: Path, interrupt_after_first_case: None,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    cases = make_cases(tmp_path, "01-alipay", "02-alipay", "03-late", "04-on-time")
    result = CliRunner().invoke(app, ["batch", str(cases), "--date", DATE, "--jobs", "1"])
    assert result.exit_code == 130, result.output
    data = json.loads((cases / "out-batch" / "summary.json").read_text(encoding="utf-8"))
    assert data["interrupted"] is True
    first = statuses(cases)
    assert first["01-alipay"] == "done" and first["04-on-time"] == "not_run"
    no_temp_files(cases / "out-batch")
    monkeypatch.undo()
    again = run(cases)
    assert again.exit_code == 0, again.output
    second = statuses(cases)
    assert all(second[c] == "skipped" for c, s in first.items() if s == "done")
    assert all(second[c] == "done" for c, s in first.items() if s != "done")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the patch reaches workers only through fork")
def test_a_killed_worker_fails_only_its_case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cases = make_cases(tmp_path, "01-alipay", "02-alipay", "03-alipay", "04-alipay")
    from generator.pipeline import generate_case as real

    def dies_on_03(folder: Path, *args: Any, **kwargs: Any) -> Any:
        if folder.name == "03-alipay":
            os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer would
        return real(folder, *args, **kwargs)

    monkeypatch.setattr("generator.batch.generate_case", dies_on_03)  # forked workers inherit it
    result = run(cases)
    assert result.exit_code == 1, result.output
    assert statuses(cases) == {"01-alipay": "done", "02-alipay": "done", "03-alipay": "failed", "04-alipay": "done"}
    assert summary(cases)["03-alipay"]["error_kind"] == "crash"
    monkeypatch.undo()
    assert run(cases).exit_code == 0
    assert statuses(cases) == {"01-alipay": "skipped", "02-alipay": "skipped", "03-alipay": "done", "04-alipay": "skipped"}


def test_ctrl_c_in_a_terminal_stops_cleanly(tmp_path: Path) -> None:
    """A real SIGINT to the whole process group, as a terminal sends it."""
    cases = make_cases(tmp_path / "cases", *(f"{n:02d}-late" for n in range(1, 7)))
    script = tmp_path / "batch_app.py"
    # A terminal never ignores SIGINT, but a job started in the background by a non-interactive
    # shell (as CI or nohup may run pytest) inherits it ignored, and Python then keeps it ignored.
    script.write_text("import signal, sys\nsignal.signal(signal.SIGINT, signal.default_int_handler)\n"
                      "sys.path.insert(0, sys.argv.pop(1))\nimport test_batch\ntest_batch.app()\n",
                      encoding="utf-8")
    cmd = [sys.executable, str(script), str(ROOT / "tests"), "batch", str(cases), "--date", DATE, "--jobs", "1"]
    proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        _wait_for(lambda: (cases / "out-batch" / "01-late" / "manifest.json").exists(), proc)
        os.killpg(proc.pid, signal.SIGINT)
        _, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, stderr.decode()
    assert "Traceback" not in stderr.decode()
    assert json.loads((cases / "out-batch" / "summary.json").read_text(encoding="utf-8"))["interrupted"] is True
    assert "not_run" in statuses(cases).values()
    no_temp_files(cases / "out-batch")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; only its parent (now init) has not reaped it


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers through /proc (Linux)")
def test_workers_exit_when_the_parent_is_killed(tmp_path: Path) -> None:
    cases = make_cases(tmp_path / "cases", *(f"{n:02d}-late" for n in range(1, 5)))
    cmd = [sys.executable, "-m", "generator", "batch", str(cases), "--date", DATE, "--jobs", "2"]
    proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    workers: list[int] = []
    try:
        _wait_for(lambda: len(_children(proc.pid)) >= 2, proc)
        workers = _children(proc.pid)
        time.sleep(0.5)  # into their first cases
        proc.kill()  # kill -9: the parent can do nothing about its workers
        proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if _alive(w)], "workers outlived the batch"
    finally:
        for w in workers:
            if _alive(w):
                os.kill(w, signal.SIGKILL)
    again = run(cases)  # a plain rerun finishes the job, whatever the workers were writing
    assert again.exit_code == 0, again.output
    assert set(statuses(cases).values()) <= {"done", "skipped"}
    left = [p for p in (cases / "out-batch").rglob(".*") if p.name != NEEDED_JSON]  # that one is the summary's
    assert not left, "a killed run's lock or staging folder was left"


def test_an_unknown_pdf_in_a_case_is_noted_not_fatal(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    cases = make_cases(tmp_path, "01-alipay")
    canvas = Canvas(str(cases / "01-alipay" / "借款合同.pdf"))
    canvas.drawString(100, 700, "Loan contract")
    canvas.save()
    result = run(cases)
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("note: 01-alipay: 借款合同.pdf: unrecognised document"), lines
    assert summary(cases)["01-alipay"]["ignored"][0]["file"] == "借款合同.pdf"


def _wait_for(condition: Callable[[], bool], proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert proc.poll() is None, "the batch ended before it could be interrupted"
        assert time.monotonic() < deadline, "the first case never finished"
        time.sleep(0.05)


# ----------------------------------------------------------------------------- cases and usage


def test_which_folders_are_cases(tmp_path: Path) -> None:
    for folder in ("a", "desk/b", "desk/c", "a/attachments", ".hidden/d", "out/e", "out-batch/f", "results/g"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    for case in ("a", "desk/b", "a/attachments", ".hidden/d", "out/e", "out-batch/f", "results/g"):
        (tmp_path / case / "case.toml").write_text("", encoding="utf-8")
    names = [name for name, _ in find_cases(tmp_path, tmp_path / "results")]
    # a's sub-folder holds its documents; hidden, out/, out-batch/ and the --out folder are skipped.
    assert names == ["a", "desk/b"]
    with pytest.raises(BatchError, match="holds a case.toml itself"):
        find_cases(tmp_path / "a", tmp_path / "results")


def test_output_folder_inside_a_case_is_refused(tmp_path: Path) -> None:
    cases = make_cases(tmp_path, "01-alipay")
    result = run(cases, "--out", str(cases / "01-alipay" / "results"))
    assert result.exit_code == 2 and "must not lie inside a case folder" in result.stderr
    assert not (cases / "01-alipay" / "results").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["--executor", "dask"], "--scheduler"),
    (["--scheduler", "tcp://127.0.0.1:1"], "--executor dask"),
    (["--date", "2026-13-01"], "--date"),
    (["--jobs", "0"], "--jobs"),
])
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["batch", str(make_cases(tmp_path, "01-alipay")), *args])
    assert result.exit_code == 2 and message in result.output + result.stderr


def test_missing_or_empty_cases_dir_exits_2(tmp_path: Path) -> None:
    missing = run(tmp_path / "nowhere")
    assert missing.exit_code == 2 and "nowhere" in missing.stderr
    empty = run(tmp_path)
    assert empty.exit_code == 2 and "no case folders" in empty.stderr


def test_every_case_failing_exits_2(tmp_path: Path) -> None:
    result = run(make_cases(tmp_path, "01-late-bad"))
    assert result.exit_code == 2 and statuses(tmp_path) == {"01-late-bad": "failed"}


# ----------------------------------------------------------------------------- Dask


@pytest.fixture(scope="module")
def dask_scheduler() -> Iterator[str]:
    if importlib.util.find_spec("distributed") is None:
        pytest.skip("distributed is not installed (optional extra: pip install 'dispute[cluster]')")
    distributed: Any = importlib.import_module("distributed")  # optional, and unannotated
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        yield str(cluster.scheduler_address)


@pytest.mark.filterwarnings("ignore:Port .* is already in use")  # the scheduler's HTTP port on a shared machine
def test_dask_executor_runs_the_same_cases(tmp_path: Path, dask_scheduler: str) -> None:
    cases = make_cases(tmp_path, "01-on-time", "02-late-bad", "03-alipay")
    result = run(cases, "--executor", "dask", "--scheduler", dask_scheduler)
    assert result.exit_code == 1, result.output
    assert statuses(cases) == {"01-on-time": "done", "02-late-bad": "failed", "03-alipay": "done"}
    assert "[borrower].phone" in summary(cases)["02-late-bad"]["error"]
    assert summary(cases)["01-on-time"]["outputs"] == written(cases / "out-batch" / "01-on-time")
    assert any(name.endswith(".pdf") for name in written(cases / "out-batch" / "01-on-time"))
    again = run(cases, "--executor", "dask", "--scheduler", dask_scheduler)
    assert statuses(cases)["01-on-time"] == "skipped" and again.exit_code == 1


def test_unreachable_scheduler_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if importlib.util.find_spec("distributed") is None:
        pytest.skip("distributed is not installed (optional extra: pip install 'dispute[cluster]')")
    monkeypatch.setattr("generator.batch_exec.DASK_CONNECT_TIMEOUT", "1s")
    result = run(make_cases(tmp_path, "01-alipay"), "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2 and "127.0.0.1:9" in result.stderr


def test_dask_without_distributed_installed_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed: import raises ImportError
    result = run(make_cases(tmp_path, "01-alipay"), "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2 and "dispute[cluster]" in result.stderr
