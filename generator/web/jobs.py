"""Work that outlasts a request: rendering a case's letters, and batches. The page starts a job
and polls it; a job keeps what a person needs to see (how far, what failed) as plain data.

Everything that reads or draws PDFs in this process runs on one worker thread (`Runner.call`):
pdfium is not thread-safe, and one case at a time is what one desk needs. A batch runs in a
process of its own, started fresh (spawn, not fork: this process has threads), which runs
generator.batch_exec.run_batch exactly as `dispute batch` does and sends back each case's
report as it finishes.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import queue
import secrets
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, TypeVar

from generator.batch import BatchResult, CaseJob, CaseReport

T = TypeVar("T")
Emit = Callable[[CaseReport], None]
_POLL_SECONDS = 0.5


@dataclass
class Job:
    id: str
    kind: str  # "generate" | "batch"
    case: str | None = None
    total: int = 1
    state: str = "queued"  # queued | running | done | failed
    reports: list[CaseReport] = field(default_factory=list)
    error: str = ""  # the job itself could not run (not one case's failure)
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    summary_dir: Path | None = None

    @property
    def done(self) -> int:
        return len(self.reports)

    @property
    def failed(self) -> int:
        return sum(r.failed for r in self.reports)

    @property
    def seconds(self) -> float:
        return round((self.finished or time.monotonic()) - self.started, 1)

    @property
    def over(self) -> bool:
        return self.state in ("done", "failed")


class Runner:
    def __init__(self, workers: int = 1) -> None:
        self._pdf = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dispute-web-pdf")
        self._jobs: dict[str, Job] = {}
        self._children: list[BaseProcess] = []
        self._lock = threading.Lock()
        self.workers = workers

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn` on the PDF thread and wait for it without holding up other requests."""
        return await asyncio.get_running_loop().run_in_executor(self._pdf, partial(fn, *args))

    def job(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def latest(self, case: str, kind: str) -> Job | None:
        with self._lock:
            found = [j for j in self._jobs.values() if j.case == case and j.kind == kind]
        return found[-1] if found else None

    def _new(self, kind: str, case: str | None, total: int) -> Job:
        job = Job(secrets.token_hex(8), kind, case, total)
        with self._lock:
            self._jobs[job.id] = job
        return job

    def start_generate(self, case: str, case_job: CaseJob, on_report: Emit = lambda report: None) -> Job:
        """One case, as a batch runs it (generator.batch.run_case): the outputs of the previous
        run that the new result no longer calls for are removed, never left to contradict it."""
        job = self._new("generate", case, 1)
        self._pdf.submit(self._generate, job, case_job, on_report)
        return job

    @staticmethod
    def _generate(job: Job, case_job: CaseJob, on_report: Emit) -> None:
        from generator.batch import run_case

        job.state = "running"
        report = run_case(case_job)
        on_report(report)
        job.reports.append(report)
        job.state, job.finished = ("failed" if report.failed else "done"), time.monotonic()

    def start_batch(self, jobs: Sequence[CaseJob], summary_dir: Path, cases_dir: Path,
                    on_report: Emit = lambda report: None) -> Job:
        job = self._new("batch", None, len(jobs))
        job.summary_dir = summary_dir
        context = multiprocessing.get_context("spawn")
        reports: multiprocessing.Queue[Any] = context.Queue()
        child = context.Process(target=batch_child, args=(list(jobs), self.workers, reports),
                                name="dispute-web-batch")
        child.start()
        with self._lock:
            self._children.append(child)
        threading.Thread(target=_follow, args=(job, child, reports, cases_dir, on_report), daemon=True,
                         name="dispute-web-batch-follow").start()
        return job

    def shutdown(self) -> None:
        with self._lock:
            children = list(self._children)
        for child in children:
            if child.is_alive():
                child.terminate()  # its workers die with it (batch_exec arms PR_SET_PDEATHSIG)
            child.join(timeout=5)
        self._pdf.shutdown(wait=False, cancel_futures=True)


def batch_child(jobs: list[CaseJob], workers: int, reports: multiprocessing.Queue[Any]) -> None:
    """The batch process: `dispute batch` without its terminal."""
    from generator.batch_exec import run_batch

    result = run_batch(jobs, workers=workers, on_report=reports.put)
    reports.put(result)


def _follow(job: Job, child: BaseProcess, reports: multiprocessing.Queue[Any], cases_dir: Path,
            on_report: Emit) -> None:
    job.state = "running"
    result: BatchResult | None = None
    while result is None:
        try:
            item = reports.get(timeout=_POLL_SECONDS)
        except queue.Empty:
            if child.is_alive():
                continue
            break
        if isinstance(item, CaseReport):
            on_report(item)
            job.reports.append(item)
        else:
            result = item
    child.join()
    if result is None:
        job.error = f"batch process exited with code {child.exitcode} before it finished"
    else:
        _write_summary(job, result, cases_dir)
    job.state, job.finished = ("failed" if job.error else "done"), time.monotonic()


def _write_summary(job: Job, result: BatchResult, cases_dir: Path) -> None:
    from generator.batch import write_summary

    if job.summary_dir is not None:
        try:
            write_summary(result, job.summary_dir, cases_dir)
        except OSError as exc:
            job.error = f"{job.summary_dir}: cannot write the summary ({exc.strerror})"
