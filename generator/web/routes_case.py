"""One case: the page, its form (case.toml), the decision (`check`), the letters (`generate`),
the filings (`track`, `status`) and deleting it."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from generator.case import CASE_FILE, DEFAULT_OUT
from generator.errors import DisputeError
from generator.web.app import Web, case_folder, checked_form, is_htmx, render, web
from generator.web.caseform import LOAN_FIELDS, form_state, merged, merged_contacts, read_raw, validate
from generator.web.tomlwrite import dumps
from generator.web.views import Decision, decision, error_lines

CHANGED = {"HX-Trigger": "case-changed"}  # the decision and files sections reload themselves


def page_context(w: Web, case_id: str, folder: Path, errors: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    """Everything the case page and its sections show; `extra` adds or overrides."""
    from generator.track_text import OUTCOME_CN, TO_CN
    from generator.render import FORMATS, LETTERS
    from generator.track import case_status
    from generator.web.routes_files import files_context
    from generator.web.views import job_view, outputs, track_footer

    filings: list[Any] = []
    track_error = ""
    if (folder / CASE_FILE).is_file():
        try:
            filings = list(case_status(folder, w.settings.today()).filings)
        except DisputeError as err:
            track_error = error_lines(err)[0]
    job = w.runner.latest(case_id, "generate")
    return {**files_context(w, case_id, folder), "label": w.workspace.meta(case_id).get("label") or case_id,
            "has_case_file": (folder / CASE_FILE).is_file(), "form": form_state(read_raw(folder), errors),
            "outputs": outputs(folder / DEFAULT_OUT), "letters": list(LETTERS), "formats": FORMATS,
            "job": job_view(job), "job_id": job.id if job else "", "filings": filing_views_of(filings),
            "track_footer": track_footer(filings), "track_error": track_error, "to_labels": TO_CN,
            "outcome_labels": OUTCOME_CN, "today": w.settings.today().isoformat(), "saved": False,
            "contact_errors": [], "track_message": "", "track_form_error": "", **extra}


def filing_views_of(filings: list[Any]) -> list[Any]:
    from generator.track import CaseStatus
    from generator.web.views import filing_views

    return filing_views(CaseStatus("", Path("."), tuple(filings)))


async def case_page(request: Request) -> Response:
    from generator.web.routes_files import recognised_all

    case_id, folder = case_folder(request)
    w = web(request)
    documents = await w.runner.call(recognised_all, folder)
    return render(request, "case.html.j2", **page_context(w, case_id, folder, documents=documents))


# ----------------------------------------------------------------------------- the form


async def save_form(request: Request) -> Response:
    case_id, folder = case_folder(request)
    form = await checked_form(request)
    fields = {k: str(v) for k, v in form.items() if isinstance(v, str)}
    count = max(1, min(20, _int(fields.get("loan_count"), 1)))
    if "add_loan" in fields:
        count += 1
    if "remove_loan" in fields and count > 1:
        count = _drop_loan(fields, _int(fields["remove_loan"], count - 1), count)
    w = web(request)
    data = merged(read_raw(folder), fields, count)
    w.workspace.replace_file(case_id, CASE_FILE, dumps(data).encode("utf-8"))
    errors = await w.runner.call(validate, folder)
    context = page_context(w, case_id, folder, errors, saved=not errors)
    if is_htmx(request):
        return render(request, "_form.html.j2", headers=CHANGED, **context)
    return RedirectResponse(request.url_for("case", case_id=case_id), status_code=303) if not errors else \
        render(request, "case.html.j2", **context)


def _int(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() else default


def _drop_loan(fields: dict[str, str], index: int, count: int) -> int:
    """Shift the later loans' fields down over the removed one."""
    for i in range(index, count - 1):
        for key, _ in LOAN_FIELDS:
            fields[f"loans.{i}.{key}"] = fields.get(f"loans.{i + 1}.{key}", "")
    return count - 1


async def save_contacts(request: Request) -> Response:
    """The free-text parts of the letters (contact details, the 个人声明 reason), then the letters
    again, so what is downloaded carries them."""
    case_id, folder = case_folder(request)
    form = await checked_form(request)
    fields = {k: str(v) for k, v in form.items() if isinstance(v, str)}
    w = web(request)
    w.workspace.replace_file(case_id, CASE_FILE, dumps(merged_contacts(read_raw(folder), fields)).encode("utf-8"))
    errors = await w.runner.call(validate, folder)
    if not errors:
        _start_generate(request, case_id, folder, ["lender", "bureau"], ["pdf", "docx"])
    context = page_context(w, case_id, folder, errors, contact_errors=errors)
    if not is_htmx(request):
        return RedirectResponse(request.url_for("case", case_id=case_id), status_code=303)
    return render(request, "_letters.html.j2", headers=CHANGED, **context)


# ----------------------------------------------------------------------------- the decision


def compute(folder: Path, today: date) -> tuple[Decision, list[tuple[int, str, str]]]:
    """`dispute check` of the folder: the decision, and the loan facts the documents gave
    (loan number, key, value) for the fields case.toml leaves empty."""
    from generator.pipeline import check_folder

    try:
        checked = check_folder(folder, today)
    except DisputeError as err:
        return Decision(errors=error_lines(err)), []
    return decision(checked.result, checked.ignored), filled(folder, checked.result)


def filled(folder: Path, result: Any) -> list[tuple[int, str, str]]:
    tables = read_raw(folder).get("loans", [])
    out = []
    for i, loan in enumerate(result.case.loans):
        table = tables[i] if i < len(tables) and isinstance(tables[i], dict) else {}
        for key, _ in LOAN_FIELDS:
            value = getattr(loan, key, None)
            if key not in table and value not in (None, "", ()):
                out.append((i, key, _text(value)))
    return out


def _text(value: Any) -> str:
    if isinstance(value, tuple):
        return "、".join(str(v) for v in value)
    return value.isoformat() if isinstance(value, date) else str(getattr(value, "value", value))


async def decision_part(request: Request) -> Response:
    case_id, folder = case_folder(request)
    w = web(request)
    template = "_decision.html.j2" if is_htmx(request) else "decision.html.j2"
    if not (folder / CASE_FILE).is_file():
        return render(request, template, case_id=case_id, decision=None, filled=[])
    key = await w.runner.call(_inputs_key, folder, w.settings.today())
    cached = w.checked.get(case_id)
    if cached is None or cached[0] != key:
        found = await w.runner.call(compute, folder, w.settings.today())
        cached = w.checked[case_id] = (key, *found)
        w.workspace.write_meta(case_id, {"verdicts": cached[1].verdicts})
    return render(request, template, case_id=case_id, decision=cached[1], filled=cached[2])


def _inputs_key(folder: Path, today: date) -> tuple[Any, ...]:
    from generator.batch import input_digests

    try:
        return today, tuple(sorted(input_digests(folder).items()))
    except DisputeError:
        return today, datetime.now().isoformat()  # unreadable: never cached, check says why


# ----------------------------------------------------------------------------- letters


async def generate(request: Request) -> Response:
    from generator.render import FORMATS, LETTERS

    case_id, folder = case_folder(request)
    form = await checked_form(request)
    recipients = [r for r in form.getlist("to") if r in LETTERS] or ["lender", "bureau"]
    formats = [f for f in form.getlist("format") if f in FORMATS] or list(FORMATS)
    _start_generate(request, case_id, folder, recipients, formats)
    context = page_context(web(request), case_id, folder)
    if is_htmx(request):
        return render(request, "_letters.html.j2", **context)
    return RedirectResponse(request.url_for("case", case_id=case_id), status_code=303)


def _start_generate(request: Request, case_id: str, folder: Path, recipients: list[str], formats: list[str]) -> None:
    from generator.batch import CaseJob
    from generator.render import Options
    from generator.web.routes_desk import remember

    w = web(request)
    options = Options(recipients, formats, w.settings.today())
    job = CaseJob(case_id, folder, folder / DEFAULT_OUT, options, True, datetime.now().replace(microsecond=0))
    w.runner.start_generate(case_id, job, on_report=remember(w.workspace))


async def letters_part(request: Request) -> Response:
    case_id, folder = case_folder(request)
    return render(request, "_letters.html.j2", **page_context(web(request), case_id, folder))


async def track_part(request: Request) -> Response:
    case_id, folder = case_folder(request)
    return render(request, "_track.html.j2", **page_context(web(request), case_id, folder))


async def job_part(request: Request) -> Response:
    case_id, folder = case_folder(request)
    w = web(request)
    job = w.runner.job(request.path_params["job_id"])
    if job is None or job.case != case_id:
        raise HTTPException(404, "no_job")
    from generator.web.views import job_view

    return render(request, "_letters.html.j2", **page_context(w, case_id, folder, job=job_view(job), job_id=job.id))


# ----------------------------------------------------------------------------- filings


async def track(request: Request) -> Response:
    case_id, folder = case_folder(request)
    form = await checked_form(request)
    fields = {k: str(v).strip() for k, v in form.items() if isinstance(v, str)}
    w = web(request)
    message, error = _record(folder, fields, w.settings.today())
    context = page_context(w, case_id, folder, track_message=message, track_form_error=error)
    if not is_htmx(request):
        return RedirectResponse(request.url_for("case", case_id=case_id), status_code=303)
    return render(request, "_track.html.j2", **context)


def _record(folder: Path, fields: dict[str, str], today: date) -> tuple[str, str]:
    """(confirmation, error): the error is track's own message, or the key of the form's own
    check (_track.html.j2): a date not in YYYY-MM-DD, or after today, as `dispute track` refuses."""
    from generator.track import Filing, load_filings, parse_iso_date, record_filing, status_of
    from generator.web.views import confirmation

    try:
        filed = parse_iso_date(fields.get("filed", ""))
        reply = parse_iso_date(fields["reply"]) if fields.get("reply") else None
    except ValueError:
        return "", "bad_date"
    try:
        new = Filing(to=fields.get("to", ""), filed=filed, ticket=fields.get("ticket") or None,  # type: ignore[arg-type]
                     reply=reply, outcome=fields.get("outcome") or None,  # type: ignore[arg-type]
                     loan=fields.get("loan") or None)
        if new.after_today(today) is not None:
            return "", "future_date"
        existed = any(f.key == new.key for f in load_filings(folder))
        saved = next(f for f in record_filing(folder, new) if f.key == new.key)
    except DisputeError as err:
        return "", err.render()
    return confirmation(status_of(saved, today), today, updated=existed), ""


async def delete_case(request: Request) -> Response:
    case_id, _ = case_folder(request)
    form = await checked_form(request)
    if form.get("confirm") != "yes":
        raise HTTPException(400, "confirm")
    w = web(request)
    await w.runner.call(w.workspace.delete, case_id)
    w.checked.pop(case_id, None)
    return RedirectResponse(request.url_for("index"), status_code=303)


ROUTES = [
    Route("/cases/{case_id}", case_page, name="case"),
    Route("/cases/{case_id}/form", save_form, methods=["POST"], name="save_form"),
    Route("/cases/{case_id}/contacts", save_contacts, methods=["POST"], name="save_contacts"),
    Route("/cases/{case_id}/decision", decision_part, name="decision"),
    Route("/cases/{case_id}/generate", generate, methods=["POST"], name="generate"),
    Route("/cases/{case_id}/jobs/{job_id}", job_part, name="job"),
    Route("/cases/{case_id}/letters", letters_part, name="letters"),
    Route("/cases/{case_id}/track", track_part, name="track_part"),
    Route("/cases/{case_id}/track", track, methods=["POST"], name="track"),
    Route("/cases/{case_id}/delete", delete_case, methods=["POST"], name="delete_case"),
]
