"""Where the cases of a batch run: a pool of local worker processes, or a Dask cluster.

Both run `generator.batch.run_case`, which returns a case's failure as data; what can still go
wrong here is a worker dying (killed, out of memory, a crash in a C library) and Ctrl-C.

Local workers are long-lived (no max_tasks_per_child), so the module-level caches (Jinja
environment, WeasyPrint font configuration) serve every case a worker takes; on Linux the pool
forks, after the parent has warmed those caches once. Workers ignore SIGINT: Ctrl-C in a
terminal reaches the whole process group, and only the parent decides what stops. Workers die
with the parent: a parent killed with SIGKILL cannot stop them, and they would wait for work
forever (each holding its caches, some 135 MB).
"""

from __future__ import annotations

import ctypes
import dataclasses
import importlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from multiprocessing.context import BaseContext
from typing import Any

from generator import __version__
from generator.batch import (
    WORKER_DIED,
    BatchError,
    BatchResult,
    CaseJob,
    CaseReport,
    Status,
    run_case,
)

Emit = Callable[[CaseReport], None]
DASK_CONNECT_TIMEOUT = "10s"  # a scheduler that does not answer by then is reported, not waited for


def run_batch(jobs: Sequence[CaseJob], *, workers: int = 1, scheduler: str | None = None,
              fail_fast: bool = False, on_report: Emit = lambda report: None) -> BatchResult:
    """Run the jobs on local processes, or on the Dask cluster at `scheduler`. Ctrl-C stops the
    run and returns what finished (`interrupted`); the caller writes the summary."""
    start = time.perf_counter()
    done: dict[str, CaseReport] = {}

    def emit(report: CaseReport) -> None:
        done[report.case] = report
        on_report(report)

    interrupted = False
    try:
        if scheduler is not None:
            _run_dask(jobs, scheduler, fail_fast, emit)
        else:
            _run_processes(jobs, workers, fail_fast, emit)
    except KeyboardInterrupt:
        interrupted = True
    reports = tuple(done.get(j.name) or CaseReport(j.name, Status.NOT_RUN) for j in jobs)
    return BatchResult(reports, interrupted, round(time.perf_counter() - start, 3))


def _crashed(job: CaseJob, error: str) -> CaseReport:
    return CaseReport(job.name, Status.FAILED, error=error, error_kind="crash")


def _run_processes(jobs: Sequence[CaseJob], workers: int, fail_fast: bool, emit: Emit) -> None:
    context = _fork_context()
    if context is not None:
        warm_caches()  # forked workers inherit the imports, Jinja environment and font configuration
    queue, suspects = list(jobs), []
    while queue:
        queue, crashed, stop = _pool_pass(queue, workers, context, fail_fast, emit)
        if stop:
            return
        suspects += crashed
    for job in suspects:  # each alone, so that a worker death is pinned on the case that caused it
        # Forced: a suspect may have finished writing before its result was lost with the pool,
        # and must be reported as done in this run, not as skipped.
        _, crashed, stop = _pool_pass([dataclasses.replace(job, force=True)], 1, context, fail_fast, emit)
        if crashed:
            emit(_crashed(job, WORKER_DIED))
        if stop or (crashed and fail_fast):
            return


def _pool_pass(jobs: list[CaseJob], workers: int, context: BaseContext | None, fail_fast: bool,
               emit: Emit) -> tuple[list[CaseJob], list[CaseJob], bool]:
    """Run `jobs` in one pool of long-lived workers (their caches serve every case they take).
    Returns (jobs never started, jobs in flight when a worker died, stop)."""
    size = min(workers, len(jobs))
    waiting = list(reversed(jobs))  # pop() takes them in order
    in_flight: dict[Future[CaseReport], CaseJob] = {}
    # The parent's pid where the workers are its own children (fork); elsewhere (spawn,
    # forkserver) a worker watches whichever process started it.
    parent = os.getpid() if context is not None else None
    pool = ProcessPoolExecutor(max_workers=size, mp_context=context, initializer=_start_worker,
                               initargs=(parent,))
    try:
        while waiting or in_flight:
            # Two cases in flight per worker (one running, one ready) keep every worker busy, and
            # bound what Ctrl-C or -x must wait for, and whom a dead worker casts suspicion on.
            _top_up(pool, waiting, in_flight, 2 * size)
            if not in_flight:  # the pool broke while idle: nothing to blame, run the rest alone
                return [], list(reversed(waiting)), False
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            if any(isinstance(f.exception(), BrokenProcessPool) for f in done):
                return list(reversed(waiting)), _after_break(in_flight, emit), False
            for future in done:
                report = _result(future, in_flight.pop(future))
                emit(report)
                if fail_fast and report.failed:
                    _drain(pool, in_flight, emit)
                    return [], [], True
    except KeyboardInterrupt:
        _drain(pool, in_flight, emit)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return [], [], False


def _top_up(pool: ProcessPoolExecutor, waiting: list[CaseJob], in_flight: dict[Future[CaseReport], CaseJob],
            window: int) -> None:
    while waiting and len(in_flight) < window:
        try:
            future = pool.submit(run_case, waiting[-1])
        except BrokenProcessPool:
            return  # the futures in flight report the break
        in_flight[future] = waiting.pop()


def _after_break(in_flight: dict[Future[CaseReport], CaseJob], emit: Emit) -> list[CaseJob]:
    """Keep what finished before a worker died; the rest were in flight and are suspects."""
    wait(in_flight)  # a broken pool fails all of them at once
    suspects = []
    for future, job in in_flight.items():
        if isinstance(future.exception(), BrokenProcessPool):
            suspects.append(job)
        else:
            emit(_result(future, job))
    return suspects


def _drain(pool: ProcessPoolExecutor, in_flight: dict[Future[CaseReport], CaseJob], emit: Emit) -> None:
    """Stop: cancel what has not started, let running cases finish, and keep their results."""
    pool.shutdown(wait=True, cancel_futures=True)
    for future, job in in_flight.items():
        if not future.cancelled() and not isinstance(future.exception(), BrokenProcessPool):
            emit(_result(future, job))


def _result(future: Future[CaseReport], job: CaseJob) -> CaseReport:
    try:
        return future.result()
    except BaseException as exc:  # noqa: BLE001  SystemExit or the like escaped the case: still only that case's
        return replace(_crashed(job, f"{type(exc).__name__}: {exc}"), error_kind="bug")


PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
WATCHDOG_SECONDS = 1.0


def _start_worker(parent: int | None) -> None:
    # Ctrl-C reaches the whole process group; only the parent decides what to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent if parent is not None else os.getppid())


def _die_with_parent(parent: int) -> None:
    """Linux kills the worker the moment the parent dies (PR_SET_PDEATHSIG); elsewhere, or if
    prctl is unavailable, a thread notices within a second that the worker was orphaned."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watchdog below still covers it
    if os.getppid() != parent:
        os._exit(1)  # the parent died before the signal was armed
    threading.Thread(target=_watch_parent, args=(parent,), name="parent-watchdog", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCHDOG_SECONDS)
    os._exit(1)  # orphaned: nobody will collect this worker's result


def _fork_context() -> BaseContext | None:
    import multiprocessing

    # fork lets the parent warm the caches once for every worker; other platforms use their default.
    return multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None


def warm_caches() -> None:
    """Import the heavy modules and render one tiny letter, so the Jinja environment and the
    WeasyPrint font configuration (module-level caches) exist before the workers fork."""
    import generator.render.docx  # noqa: F401  (python-docx import, paid once)
    from generator.render.env import environment
    from generator.render.pdf import render_pdf

    environment()
    # Chinese text, so that the CJK font faces of letter.css are loaded and registered too.
    render_pdf('<html><head><link rel="stylesheet" href="styles/letter.css"></head><body><p>预热</p></body></html>')


def _run_dask(jobs: Sequence[CaseJob], address: str, fail_fast: bool, emit: Emit) -> None:
    try:
        # Optional dependency; typed as Any because distributed's API is largely unannotated.
        dist: Any = importlib.import_module("distributed")
    except ImportError:
        raise BatchError("dask.not_installed") from None
    try:
        client = dist.Client(address, timeout=DASK_CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise BatchError("dask.unreachable", address=address, detail=str(exc)) from None
    with client:
        _check_workers(client)
        # pure=False: a rerun must run again, not be served a result the cluster still holds.
        futures = {client.submit(run_case, job, pure=False): job for job in jobs}
        try:
            for future in dist.as_completed(futures):
                report = _dask_result(future, futures[future])
                emit(report)
                if fail_fast and report.failed:
                    client.cancel(list(futures))
                    return
        except KeyboardInterrupt:
            client.cancel(list(futures))  # tasks already running still finish their atomic writes
            raise


def _dask_result(future: Any, job: CaseJob) -> CaseReport:
    try:
        report: CaseReport = future.result()
        return report
    except Exception as exc:  # noqa: BLE001  KilledWorker, a worker that cannot import generator, ...
        return _crashed(job, f"{type(exc).__name__}: {exc}")


def tool_version() -> str:
    return __version__


def _check_workers(client: Any) -> None:
    try:
        versions: dict[str, str] = client.run(tool_version)
    except Exception as exc:  # noqa: BLE001  a worker without `dispute` installed cannot even unpickle the call
        raise BatchError("dask.workers_cannot_run", detail=f"{type(exc).__name__}: {exc}") from None
    if not versions:
        raise BatchError("dask.no_workers")
    other = {w: v for w, v in versions.items() if v != __version__}
    if other:
        raise BatchError("dask.version", version=__version__, other=str(other))
    try:
        # Each worker pays its imports and font set-up now, in parallel, and a worker without the
        # fonts or templates is named here rather than in a failure of every case it takes.
        client.run(warm_caches)
    except Exception as exc:  # noqa: BLE001  whatever a worker raised, the batch cannot use it
        raise BatchError("dask.cannot_render", detail=f"{type(exc).__name__}: {exc}") from None


