"""`dispute batch`: the command line of generator.batch. Like commands.py, it prints and exits; the
library returns data. Register it with `app.command("batch")(batch)` in generator/cli/commands.py.

Exit codes (SPEC.md): 0 every case done or skipped; 1 some case failed or was not run (-x);
2 usage error, CASES_DIR missing or holding no case, or every case failed; 130 Ctrl-C.
"""

from __future__ import annotations

import os
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Self

import typer

from generator.catalogue import message
from generator.cli.errors import CommandLineError, error_line, failing, notice_line
from generator.cli.options import date_option, given_date
from generator.sheet import STATUS_CN, VERDICT_CN

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

    from generator.batch import BatchResult, CaseJob, CaseReport

EXIT_INTERRUPTED = 130  # the shell's 128 + SIGINT
TABLE_LIMIT = 100  # above this many cases the table lists only the ones that need attention


class SheetLang(StrEnum):
    ZH = "zh"
    EN = "en"


class ExecutorName(StrEnum):
    PROCESS = "process"
    DASK = "dask"


@failing
def batch(
    cases_dir: Annotated[Path, typer.Argument(metavar="案件总文件夹", help="其下每个含 case.toml 的文件夹是一个案件")],
    out: Annotated[Path | None, typer.Option("--out", metavar="文件夹", help="输出文件夹（默认 案件总文件夹/out-batch）")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, metavar="个数", help="本机并行进程数（默认 CPU 核数）")] = None,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", "-x", help="任一案件失败即停止")] = False,
    force: Annotated[bool, typer.Option("--force", help="全部重新生成，包括上次已完成的案件")] = False,
    on: Annotated[str | None, date_option("落款日期")] = None,
    executor: Annotated[ExecutorName, typer.Option("--executor", metavar="process|dask", help="本机多进程或 Dask 集群")] = ExecutorName.PROCESS,
    scheduler: Annotated[str | None, typer.Option("--scheduler", metavar="地址", help="Dask 调度器，如 tcp://10.0.0.5:8786")] = None,
    lang: Annotated[SheetLang, typer.Option("--lang", metavar="zh|en", help="汇总表 summary.csv/.xlsx：zh 中文，每笔贷款一行；en 英文旧格式，每案一行")] = SheetLang.ZH,
) -> None:
    """批量处理多个案件：并行生成，单个失败不影响其他；输入未变的案件自动跳过。

    案件总文件夹可以分层；输出文件夹中每个案件一个子文件夹。改了 --date 要重新生成，请加 --force。
    用 dask 时并行数由集群决定，--jobs 不起作用。
    """
    from generator.batch import DEFAULT_BATCH_OUT, plan_jobs
    from generator.render import Options

    address = _scheduler(executor, scheduler)
    letter_date = given_date(on)
    out_dir = out if out is not None else cases_dir / DEFAULT_BATCH_OUT
    planned = plan_jobs(cases_dir, out_dir, Options(letter_date=letter_date), force=force,
                        generated_at=datetime.now().replace(microsecond=0))
    result = _run(planned, jobs or os.cpu_count() or 1, address, fail_fast)
    _finish(result, out_dir, cases_dir, lang)


def _scheduler(executor: ExecutorName, scheduler: str | None) -> str | None:
    if executor is ExecutorName.DASK and not scheduler:
        raise CommandLineError("cli.dask_needs_scheduler")
    if executor is ExecutorName.PROCESS and scheduler:
        raise CommandLineError("cli.scheduler_needs_dask")
    return scheduler


def _run(jobs: list[CaseJob], workers: int, address: str | None, fail_fast: bool) -> BatchResult:
    from generator.batch_exec import run_batch

    display = _Display(len(jobs))
    with display:  # a DisputeError here means the batch could not start (no cluster, fonts missing)
        return run_batch(jobs, workers=workers, scheduler=address, fail_fast=fail_fast,
                         on_report=display.update)


class _Display:
    """The progress bar on stderr (a terminal only: quiet in scripts and logs) and one stderr line
    per failed case, as it happens."""

    def __init__(self, total: int) -> None:
        from rich.console import Console

        self.console: Console = Console(stderr=True)
        self.total, self.failed = total, 0
        self.progress: Progress | None = None
        self.task: TaskID | None = None

    def __enter__(self) -> Self:
        if self.console.is_terminal:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            # No auto-refresh: its thread would be running when the pool forks its workers.
            self.progress = Progress(TextColumn("案件"), BarColumn(), MofNCompleteColumn(),
                                     TextColumn("失败 {task.fields[failed]}"), TimeElapsedColumn(),
                                     TextColumn("剩余"), TimeRemainingColumn(),
                                     console=self.console, auto_refresh=False)
            self.progress.start()
            self.task = self.progress.add_task("batch", total=self.total, failed=0)
            self.progress.refresh()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def update(self, report: CaseReport) -> None:
        if report.failed:
            self.failed += 1
            self.console.print(_error_line(report), markup=False, highlight=False, soft_wrap=True)
        for file, why in report.ignored:  # the case went on without them: say so, as check does
            self.console.print(notice_line(message("error.located", location=f"{report.case}: {file}", problem=why)),
                               markup=False,
                               highlight=False, soft_wrap=True)
        if self.progress is not None and self.task is not None:
            self.progress.update(self.task, advance=1, failed=self.failed, refresh=True)


def _error_line(report: CaseReport) -> str:
    if report.error_kind == "bug":
        return message("cli.bug", case=report.case, error=report.error).render()
    from generator.batch import failure_text

    return error_line(message("error.located", location=report.case, problem=failure_text(report)))


def _finish(result: BatchResult, out_dir: Path, cases_dir: Path, lang: SheetLang) -> NoReturn:
    from generator.batch import Status, carry_over, write_summary

    result = type(result)(carry_over(result.reports, out_dir), result.interrupted, result.seconds)
    written = write_summary(result, out_dir, cases_dir, lang=lang.value)
    _print_table(result)
    counts = "，".join(f"{STATUS_CN[s.value]} {result.count(s)}" for s in Status)
    typer.echo(f"共 {len(result.reports)} 个案件：{counts}；用时 {result.seconds:.1f} 秒。")
    typer.echo("汇总: " + "  ".join(map(str, written)))
    if result.interrupted:
        typer.echo("已中断：已完成的案件已保存，再次运行同一命令会跳过它们、继续其余案件。", err=True)
        raise typer.Exit(code=EXIT_INTERRUPTED)
    failed = result.count(Status.FAILED)
    raise typer.Exit(code=2 if failed == len(result.reports) else 1 if failed or result.count(Status.NOT_RUN) else 0)


def _print_table(result: BatchResult) -> None:
    from rich.table import Table

    from generator.batch import Status

    rows = list(result.reports)
    if len(rows) > TABLE_LIMIT:
        rows = [r for r in rows if r.status in (Status.FAILED, Status.NOT_RUN)]
    # Errors are not repeated here: each was printed on one line as it happened, and is in the summary.
    table = Table("案件", "状态", "结论", "文件数", "用时(秒)",
                  title=None if len(rows) == len(result.reports) else "需要处理的案件（完整列表见 summary.csv）")
    for r in rows:
        verdicts = "；".join(VERDICT_CN.get(v, v) for _, v in r.verdicts)
        table.add_row(r.case, STATUS_CN[r.status.value], verdicts or "-", str(len(r.outputs)), f"{r.seconds:.1f}")
    _console().print(table)


def _console() -> Console:
    from rich.console import Console

    return Console()
