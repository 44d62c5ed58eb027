"""The Starlette application of `dispute serve`: state, templates, and the guard around it.

Routes live in routes_desk.py (the list of cases, new cases, batches), routes_case.py (one
case: its form, decision, letters and filings) and routes_files.py (documents in, outputs out).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from generator import __version__
from generator.web.jobs import Runner
from generator.web.security import COOKIE, Csrf, Guard, TooLarge
from generator.web.workspace import UnknownCase, Workspace

MB = 1 << 20
STATIC = Path(__file__).with_name("static")


@dataclass(frozen=True)
class Settings:
    workspace: Path
    today: Callable[[], date] = date.today
    max_file: int = 40 * MB  # one document; a 500-page statement is a few MB
    max_request: int = 120 * MB  # one upload of several documents
    max_zip: int = 200 * MB  # a desk's folder of cases
    workers: int = max(1, min(2, os.cpu_count() or 1))
    allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost")


@dataclass
class Web:
    settings: Settings
    workspace: Workspace
    runner: Runner
    csrf: Csrf
    env: Environment
    checked: dict[str, Any] = field(default_factory=dict)  # case id -> (inputs key, Checked view)


def environment() -> Environment:
    from generator.paths import templates_dir

    # Rooted where the letters' templates are, as render.env is: a page names "web/…" templates.
    env = Environment(loader=FileSystemLoader(templates_dir()), undefined=StrictUndefined,
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["version"] = __version__
    return env


def web(request: Request) -> Web:
    state: Web = request.app.state.web
    return state


def render(request: Request, template: str, status: int = 200, headers: dict[str, str] | None = None,
           **context: Any) -> HTMLResponse:
    """A page or a fragment, with the CSRF token its forms carry (a new cookie if none yet)."""
    w = web(request)
    cookie = w.csrf.cookie(request)
    fresh = not cookie
    if fresh:
        import secrets

        cookie = secrets.token_hex(32)
    html = w.env.get_template(f"web/{template}").render(request=request, csrf=w.csrf.token(cookie),
                                               url=request.url_for, **context)
    response = HTMLResponse(html, status_code=status, headers=headers)
    response.headers["cache-control"] = "no-store"
    if fresh:
        response.set_cookie(COOKIE, cookie, httponly=True, samesite="strict", path="/")
    return response


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def case_folder(request: Request) -> tuple[str, Path]:
    case_id = request.path_params["case_id"]
    try:
        return case_id, web(request).workspace.folder(case_id)
    except UnknownCase:
        raise HTTPException(404, "no_case") from None


async def checked_form(request: Request) -> Any:
    """The submitted form, once its CSRF token is checked; a request without a valid one
    changes nothing."""
    w = web(request)
    form = await request.form(max_files=200, max_fields=400)
    if not w.csrf.valid(request, str(form.get("csrf_token", "") or request.headers.get("x-csrf-token", ""))):
        raise HTTPException(403, "csrf")
    return form


def _limit(settings: Settings) -> Callable[[str], int]:
    def limit(path: str) -> int:
        if path.startswith("/batches"):
            return settings.max_zip
        return settings.max_request if path.endswith("/files") else MB

    return limit


def _error(request: Request, status: int, key: str, limit: int = 0) -> Response:
    """An error in the page's words (templates/web/_error.html.j2, by `key`): a page of its own,
    or for a partial update the fragment app.js shows in the page's alert area."""
    template = "_error.html.j2" if is_htmx(request) else "error.html.j2"
    return render(request, template, status=status, code=status, key=key, limit_mb=limit >> 20)


async def _too_large(request: Request, exc: Exception) -> Response:
    return _error(request, 413, "too_large", exc.limit if isinstance(exc, TooLarge) else 0)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return _error(request, exc.status_code, str(exc.detail))


def create_app(settings: Settings) -> Starlette:
    from generator.web import routes_case, routes_desk, routes_files

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        app.state.web.runner.shutdown()

    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    routes = [*routes_desk.ROUTES, *routes_case.ROUTES, *routes_files.ROUTES,
              Mount("/static", StaticFiles(directory=STATIC), name="static")]
    app = Starlette(routes=routes, lifespan=lifespan,
                    middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts)),
                                Middleware(Guard, limit=_limit(settings))],
                    exception_handlers={TooLarge: _too_large, HTTPException: _http_error})
    app.state.web = Web(settings, Workspace(settings.workspace), Runner(settings.workers), Csrf(), environment())
    return app
