"""The desk: every case in the workspace with its verdict and where its filings stand, a new
case, and a folder of cases (a ZIP) run as `dispute batch` runs it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from generator.batch import CaseReport, Status
from generator.case import CASE_FILE, DEFAULT_OUT
from generator.web.app import checked_form, is_htmx, render, web
from generator.web.jobs import Job
from generator.web.workspace import Workspace

BATCHES = ".batches"  # hidden: the summaries of the desk's batches, beside the cases


@dataclass(frozen=True)
class CaseRow:
    id: str
    label: str
    borrower: str
    verdicts: list[str]
    status: str
    error: str


def case_rows(workspace: Workspace, today_: object) -> list[CaseRow]:
    from datetime import date

    from generator.errors import DisputeError
    from generator.track import case_status
    from generator.web.caseform import read_raw
    from generator.web.views import status_summary

    assert isinstance(today_, date)
    rows = []
    for case_id in workspace.cases():
        folder, meta = workspace.folder(case_id), workspace.meta(case_id)
        borrower = read_raw(folder).get("borrower", {})
        status, error = "", ""
        if (folder / CASE_FILE).is_file():
            try:
                status = status_summary(case_status(folder, today_))
            except DisputeError as err:
                error = str(err)
        rows.append(CaseRow(case_id, str(meta.get("label") or ""),
                            str(borrower.get("name", "")) if isinstance(borrower, dict) else "",
                            [str(v) for v in meta.get("verdicts", [])], status, error))
    return rows


async def index(request: Request) -> Response:
    from generator.summary import LOAN_VERDICT

    w = web(request)
    return render(request, "index.html.j2", cases=case_rows(w.workspace, w.settings.today()),
                  verdict_text=LOAN_VERDICT, zip_error="")


async def new_case(request: Request) -> Response:
    await checked_form(request)
    case_id = web(request).workspace.new_case()
    return RedirectResponse(request.url_for("case", case_id=case_id), status_code=303)


async def upload_batch(request: Request) -> Response:
    from generator.web.zipimport import ZipRefused, import_zip

    w = web(request)
    form = await checked_form(request)
    upload = form.get("archive")
    if upload is None or isinstance(upload, str) or not upload.filename:
        raise HTTPException(400, "no_zip")
    try:
        imported = await w.runner.call(import_zip, w.workspace, upload.file)
    except ZipRefused as exc:
        from generator.summary import LOAN_VERDICT

        return render(request, "index.html.j2", status=400, cases=case_rows(w.workspace, w.settings.today()),
                      verdict_text=LOAN_VERDICT, zip_error=exc.msg.render())
    job = start_batch(request, [case_id for case_id, _ in imported.cases])
    return RedirectResponse(request.url_for("batch", job_id=job.id), status_code=303)


def start_batch(request: Request, case_ids: list[str]) -> Job:
    from generator.batch import CaseJob
    from generator.render import Options

    w = web(request)
    now = datetime.now().replace(microsecond=0)
    options = Options(letter_date=w.settings.today())
    jobs = [CaseJob(case_id, w.workspace.folder(case_id), w.workspace.folder(case_id) / DEFAULT_OUT, options,
                    False, now) for case_id in case_ids]
    summary = w.workspace.root / BATCHES / now.strftime("%Y%m%d-%H%M%S")
    return w.runner.start_batch(jobs, summary, w.workspace.root, on_report=remember(w.workspace))


def remember(workspace: Workspace) -> Callable[[CaseReport], None]:
    """Keep each case's verdicts for the list (a skipped case keeps the ones it had)."""
    def record(report: CaseReport) -> None:
        if report.status is Status.DONE:
            try:
                workspace.write_meta(report.case, {"verdicts": [v for _, v in report.verdicts]})
            except OSError:
                pass  # the case was deleted while the batch ran
    return record


async def run_all(request: Request) -> Response:
    """Every case with a case.toml, again: unchanged ones are skipped, as `dispute batch` does."""
    await checked_form(request)
    w = web(request)
    ids = [c for c in w.workspace.cases() if (w.workspace.folder(c) / CASE_FILE).is_file()]
    if not ids:
        raise HTTPException(400, "no_cases")
    job = start_batch(request, ids)
    return RedirectResponse(request.url_for("batch", job_id=job.id), status_code=303)


async def batch(request: Request) -> Response:
    from generator.web.views import batch_rows

    w = web(request)
    job = w.runner.job(request.path_params["job_id"])
    if job is None or job.kind != "batch":
        raise HTTPException(404, "no_job")
    template = "_batch.html.j2" if is_htmx(request) else "batch.html.j2"
    return render(request, template, job=job, rows=batch_rows(job.reports), labels=_labels(w.workspace))


def _labels(workspace: Workspace) -> dict[str, str]:
    return {c: str(workspace.meta(c).get("label") or c) for c in workspace.cases()}


async def batch_summary(request: Request) -> Response:
    from generator.batch import SUMMARY_CSV

    job = web(request).runner.job(request.path_params["job_id"])
    if job is None or job.summary_dir is None or not (job.summary_dir / SUMMARY_CSV).is_file():
        raise HTTPException(404, "no_summary")
    return FileResponse(job.summary_dir / SUMMARY_CSV, media_type="text/csv; charset=utf-8",
                        filename=SUMMARY_CSV)


ROUTES = [
    Route("/", index, name="index"),
    Route("/cases", new_case, methods=["POST"], name="new_case"),
    Route("/batches", upload_batch, methods=["POST"], name="upload_batch"),
    Route("/batches/all", run_all, methods=["POST"], name="run_all"),
    Route("/batches/{job_id}", batch, name="batch"),
    Route("/batches/{job_id}/summary.csv", batch_summary, name="batch_summary"),
]
