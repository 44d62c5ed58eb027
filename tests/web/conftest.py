"""The page under test: an app on a fresh workspace, a client that carries the form token, and
the example case typed in as a person would."""

from __future__ import annotations

import re
import time
import tomllib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import warnings

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed: pip install -e '.[web]'")
# Starlette 1.x asks for httpx2 under its TestClient; httpx still works, and is what is installed.
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")

from starlette.testclient import TestClient  # noqa: E402

from conftest import ROOT  # noqa: E402
from generator.web.app import Settings, create_app  # noqa: E402

EXAMPLE = ROOT / "examples" / "on-time-cmb"
TODAY = date(2026, 6, 15)  # the letters' date: the page and `dispute generate --date` agree
HTMX = {"hx-request": "true"}


@pytest.fixture(autouse=True)
def chinese_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """The page speaks Chinese, as people see it (the suite's default is English errors)."""
    monkeypatch.setenv("DISPUTE_LANG", "zh")


class Client:
    """A TestClient that knows the page's form token, as a browser holding the page would."""

    def __init__(self, client: TestClient) -> None:
        self.http = client
        self.token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', client.get("/").text).group(1)  # type: ignore[union-attr]

    def post(self, url: str, data: dict[str, Any] | None = None, htmx: bool = True, **kw: Any) -> Any:
        return self.http.post(url, data={"csrf_token": self.token, **(data or {})},
                              headers=HTMX if htmx else {}, follow_redirects=False, **kw)

    def new_case(self) -> str:
        location = self.post("/cases", htmx=False).headers["location"]
        return str(location).rsplit("/", 1)[1]

    def fill_example(self, case_id: str) -> Any:
        return self.post(f"/cases/{case_id}/form", example_form())

    def upload(self, case_id: str, files: list[tuple[str, bytes]]) -> Any:
        return self.post(f"/cases/{case_id}/files", files=[("documents", (n, b, "application/pdf")) for n, b in files])

    def generate(self, case_id: str, timeout: float = 120) -> str:
        text = self.post(f"/cases/{case_id}/generate", {"to": ["lender", "bureau"], "format": ["pdf", "docx"]}).text
        job = re.search(r"/jobs/([0-9a-f]+)", text).group(1)  # type: ignore[union-attr]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.http.get(f"/cases/{case_id}/jobs/{job}", headers=HTMX).text
            if "every 1s" not in text:
                return str(text)
            time.sleep(0.3)
        raise AssertionError("generation did not finish")


def example_form() -> dict[str, str]:
    raw = tomllib.loads((EXAMPLE / "case.toml").read_text(encoding="utf-8"))
    form = {"loan_count": "1", **{f"borrower.{k}": str(v) for k, v in raw["borrower"].items()}}
    for key, value in raw["loans"][0].items():
        form[f"loans.0.{key}"] = "\n".join(value) if isinstance(value, list) else str(value)
    return form


def example_pdfs() -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(EXAMPLE.glob("*.pdf"))]


def settings(workspace: Path, **kw: Any) -> Settings:
    return Settings(workspace, today=lambda: TODAY, allowed_hosts=("testserver", "127.0.0.1"), **kw)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return tmp_path / "workspace"


@pytest.fixture
def client(workspace: Path) -> Iterator[Client]:
    with TestClient(create_app(settings(workspace))) as http:
        yield Client(http)


def pdf_text(path_or_bytes: Path | bytes) -> list[str]:
    """A PDF's text page by page, as pdfplumber reads it back (PDF bytes carry timestamps)."""
    import io

    import pdfplumber

    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    with pdfplumber.open(source) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def encrypted(source: Path, password: str = "123456") -> bytes:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned() -> bytes:
    """A page of marks and no text, as a scanner makes it."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.rect(100, 100, 300, 400, fill=1)
    canvas.save()
    return out.getvalue()
