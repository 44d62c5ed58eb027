"""Documents in (upload, password, removal) and outputs out (download, page preview, one ZIP).

Uploaded documents are never served back: the page shows what each was recognised as. Only
the outputs the case's manifest.json lists are served, under the case's own address, as
attachments (a PDF cannot run in the page's origin) or as PNG pages drawn from them.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from generator.case import CASE_FILE, DEFAULT_OUT, DOCUMENT_SUFFIXES
from generator.catalogue import message
from generator.exports.sniff import ZIP_MAGICS, Kind, sniff
from generator.syntax import toml_problem
from generator.web.app import Web, case_folder, checked_form, is_htmx, render, web
from generator.web.caseform import read_raw
from generator.web.recognise import Recognised, recognise
from generator.web.tomlwrite import dumps

ZIP_STEM = "文书"  # a file name, like render.LETTERS' stems: what the downloaded ZIP is called
_HEAD = 1 << 20  # what case.find_documents reads of a text file to tell a table from a note
_TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".xls", ".xlsx", ".ods", ".htm", ".html"})
_KIND_SUFFIX = {Kind.PDF: ".pdf", Kind.ARCHIVE: ".zip", Kind.XLSX: ".xlsx", Kind.ODS: ".ods", Kind.XLS: ".xls",
                Kind.HTML: ".html", Kind.TEXT: ".csv", Kind.IMAGE: ".png"}  # PIL reads an image by its bytes


@dataclass(frozen=True)
class Refused:
    """An upload that was not stored, and why, in the page's words (its template's key)."""

    name: str
    reason: str  # "empty" | "too_large" | "not_document" | "bad_toml"
    detail: str = ""


def files_context(w: Web, case_id: str, folder: Path, **extra: Any) -> dict[str, Any]:
    passwords = read_raw(folder).get("passwords", {})
    passwords = passwords if isinstance(passwords, dict) else {}
    return {"case_id": case_id, "documents": [], "passwords": passwords, "max_mb": w.settings.max_file >> 20,
            "refused": [], "stored": [], **extra}


def recognised_all(folder: Path) -> list[Recognised]:
    """Every document of the case, each read on its own (one bad file never hides the others)."""
    from generator.case import find_documents
    from generator.errors import InputError

    passwords = read_raw(folder).get("passwords", {})
    passwords = passwords if isinstance(passwords, dict) else {}
    try:
        paths = find_documents(folder)
    except InputError as err:
        return [Recognised(err.file, problem=None, message=str(err))]
    out = []
    for path in paths:
        label = path.relative_to(folder).as_posix()
        password = passwords.get(label)
        out.append(recognise(path, label, password if isinstance(password, str) else None))
    return out


async def files_part(request: Request) -> Response:
    case_id, folder = case_folder(request)
    w = web(request)
    documents = await w.runner.call(recognised_all, folder)
    return render(request, "_files.html.j2", **files_context(w, case_id, folder, documents=documents))


async def upload(request: Request) -> Response:
    case_id, folder = case_folder(request)
    form = await checked_form(request)
    w = web(request)
    stored: list[str] = []
    refused: list[Refused] = []
    for item in form.getlist("documents"):
        if isinstance(item, UploadFile) and item.filename:
            outcome = await w.runner.call(_take, w, case_id, item)
            (refused if isinstance(outcome, Refused) else stored).append(outcome)  # type: ignore[arg-type]
    return await _after_change(request, w, case_id, folder, stored=stored, refused=refused)


def _take(w: Web, case_id: str, item: UploadFile) -> str | Refused:
    name = item.filename or ""
    size = item.size if item.size is not None else _size(item)
    if size == 0:
        return Refused(name, "empty")
    if size > w.settings.max_file:
        return Refused(name, "too_large", str(w.settings.max_file >> 20))
    if name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].lower() == CASE_FILE:
        return _take_case_file(w, case_id, item)
    item.file.seek(0)
    head = item.file.read(_HEAD)
    if head.startswith(ZIP_MAGICS):  # an archive or a workbook: which, its directory says
        head += item.file.read()
    item.file.seek(0)
    suffix = document_suffix(name, head)
    if suffix is None:
        return Refused(name, "not_document")
    return w.workspace.store(case_id, name, item.file, suffix).name


def document_suffix(name: str, head: bytes) -> str | None:
    """The suffix an upload is stored under if it is a document the case reads (case.find_documents),
    judged by its bytes as the command line judges them: a PDF, an image (PNG, JPEG: read by OCR), a
    workbook, a web page, a ZIP, or text that is a table (a known export's header, or a name that
    says table, like .csv); None for anything else (a note). The upload's own suffix is kept where the case reads it (a
    bank's ".xls" that is really a web page stays .xls); else the content's is given."""
    from generator.exports.statement import holds_table

    kind = sniff(head)
    own = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    if kind is Kind.UNKNOWN or (kind is Kind.TEXT and own not in _TABLE_SUFFIXES and not holds_table(head)):
        return None
    return own if own in DOCUMENT_SUFFIXES else _KIND_SUFFIX[kind]


def _size(item: UploadFile) -> int:
    item.file.seek(0, io.SEEK_END)
    size = item.file.tell()
    item.file.seek(0)
    return size


def _take_case_file(w: Web, case_id: str, item: UploadFile) -> str | Refused:
    """A CLI case's case.toml dropped with its documents: it becomes this case's, as written,
    if it is TOML at all (the rules then judge it, as for one typed into the form)."""
    import tomllib

    item.file.seek(0)
    data = item.file.read()
    try:
        tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return Refused(item.filename or CASE_FILE, "bad_toml", message("file.not_utf8").render())
    except tomllib.TOMLDecodeError as exc:
        return Refused(item.filename or CASE_FILE, "bad_toml", toml_problem(exc).render())
    w.workspace.replace_file(case_id, CASE_FILE, data)
    return CASE_FILE


async def _after_change(request: Request, w: Web, case_id: str, folder: Path, **extra: Any) -> Response:
    documents = await w.runner.call(recognised_all, folder)
    context = files_context(w, case_id, folder, documents=documents, **extra)
    if is_htmx(request):
        return render(request, "_files.html.j2", headers={"HX-Trigger": "case-changed"}, **context)
    return RedirectResponse(request.url_for("case", case_id=case_id), status_code=303)


async def set_password(request: Request) -> Response:
    case_id, folder = case_folder(request)
    form = await checked_form(request)
    w = web(request)
    name, password = str(form.get("name", "")), str(form.get("password", ""))
    if name not in w.workspace.documents(case_id):
        raise HTTPException(404, "no_document")
    raw = read_raw(folder)
    passwords: dict[str, Any] = raw["passwords"] if isinstance(raw.get("passwords"), dict) else {}
    raw["passwords"] = {**passwords, name: password} if password else {k: v for k, v in passwords.items() if k != name}
    if not raw["passwords"]:
        del raw["passwords"]
    if (folder / CASE_FILE).is_file() or password:
        w.workspace.replace_file(case_id, CASE_FILE, dumps(raw).encode("utf-8"))
    return await _after_change(request, w, case_id, folder)


async def remove(request: Request) -> Response:
    case_id, folder = case_folder(request)
    form = await checked_form(request)
    w = web(request)
    try:
        w.workspace.remove_document(case_id, str(form.get("name", "")))
    except LookupError:
        raise HTTPException(404, "no_document") from None
    return await _after_change(request, w, case_id, folder)


# ----------------------------------------------------------------------------- outputs


def _output(request: Request) -> tuple[str, Path, Path]:
    from generator.web.views import served

    case_id, folder = case_folder(request)
    path = served(folder / DEFAULT_OUT, request.path_params["name"])
    if path is None:
        raise HTTPException(404, "no_output")
    return case_id, folder, path


def _disposition(name: str, inline: bool = False) -> str:
    # RFC 6266: an ASCII fallback and the real (Chinese) name, percent-encoded.
    ascii_name = "".join(c if c.isascii() and c.isalnum() or c in "-_." else "_" for c in name)
    return f"{'inline' if inline else 'attachment'}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


async def download(request: Request) -> Response:
    _, _, path = _output(request)
    media = {".pdf": "application/pdf", ".json": "application/json",
             ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
    return FileResponse(path, media_type=media.get(path.suffix.lower(), "application/octet-stream"),
                        headers={"content-disposition": _disposition(path.name), "cache-control": "no-store"})


async def preview(request: Request) -> Response:
    from generator.web.views import outputs

    case_id, folder, path = _output(request)
    listed = {o.name: o for o in outputs(folder / DEFAULT_OUT)}
    if path.suffix.lower() != ".pdf":
        raise HTTPException(404, "no_preview")
    return render(request, "preview.html.j2", case_id=case_id, output=listed[path.name],
                  others=[o for o in listed.values() if o.kind == "pdf"])


async def page_image(request: Request) -> Response:
    from generator.web.preview import page_png

    _, _, path = _output(request)
    png = await web(request).runner.call(page_png, path, int(request.path_params["page"]))
    if png is None:
        raise HTTPException(404, "no_page")
    return Response(png, media_type="image/png", headers={"cache-control": "private, max-age=300"})


async def everything(request: Request) -> Response:
    """Every output of the last run and its manifest.json, as one ZIP."""
    from generator.web.views import outputs, served

    case_id, folder = case_folder(request)
    files = [served(folder / DEFAULT_OUT, o.name) for o in outputs(folder / DEFAULT_OUT)]
    if not files:
        raise HTTPException(404, "nothing_yet")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            if path is not None:
                archive.write(path, path.name)
    name = f"{web(request).workspace.meta(case_id).get('label') or case_id}-{ZIP_STEM}.zip".replace("/", "_")
    return Response(buffer.getvalue(), media_type="application/zip",
                    headers={"content-disposition": _disposition(name), "cache-control": "no-store"})


ROUTES = [
    Route("/cases/{case_id}/files", files_part, name="files"),
    Route("/cases/{case_id}/files", upload, methods=["POST"], name="upload"),
    Route("/cases/{case_id}/files/password", set_password, methods=["POST"], name="set_password"),
    Route("/cases/{case_id}/files/remove", remove, methods=["POST"], name="remove_file"),
    Route("/cases/{case_id}/out/{name}", download, name="download"),
    Route("/cases/{case_id}/preview/{name}", preview, name="preview"),
    Route("/cases/{case_id}/page/{name}/{page:int}", page_image, name="page"),
    Route("/cases/{case_id}/everything.zip", everything, name="everything"),
]
