"""The example case from an empty page to a downloaded letter, in a real browser (Debian's
chromium driven by Playwright), as a person with no terminal would do it; a screenshot of
each step. DISPUTE_WEB_SCREENSHOTS=docs/web writes them for the README (default: tmp_path).

The letter downloaded must read back exactly as the one `dispute generate` writes."""

from __future__ import annotations

import base64
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium); "
                ".ci/run installs it", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install -e '.[test]'")

from typer.testing import CliRunner  # noqa: E402

from conftest import ROOT  # noqa: E402
from generator.cli import app as cli  # noqa: E402
from generator.web.app import create_app  # noqa: E402
from web.conftest import EXAMPLE, TODAY, example_form, pdf_text, settings  # noqa: E402

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run", "--lang=zh-CN"]  # with --headless, which Playwright adds; the file picker in Chinese
WIDTH = 1000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from generator.web.server import bind

    os.environ["DISPUTE_LANG"] = "zh"  # the server thread reads it; the suite's default is English
    app = create_app(settings(tmp_path_factory.mktemp("browser") / "workspace"))
    sock = bind(0)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not running.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("DISPUTE_WEB_SCREENSHOTS") or tmp_path / "shots")
    folder = folder if folder.is_absolute() else ROOT / folder
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def shoot(page: Any, folder: Path, name: str, selector: str | None = None, height: int = 1100) -> Path:
    """A 1000-pixel-wide picture of the page from `selector`'s top, palette-reduced for the docs."""
    from PIL import Image

    top = 0.0
    if selector is not None:
        page.locator(selector).scroll_into_view_if_needed()
        top = max(0.0, page.evaluate(f"document.querySelector({selector!r}).getBoundingClientRect().top + scrollY") - 16)
    total = page.evaluate("document.documentElement.scrollHeight")
    clip = {"x": 0, "y": top, "width": WIDTH, "height": min(height, total - top)}
    raw = folder / f"{name}.raw.png"
    page.screenshot(path=str(raw), full_page=True, clip=clip)
    out = folder / f"{name}.png"
    Image.open(raw).convert("RGB").quantize(colors=64).save(out, optimize=True)
    raw.unlink()
    return out


def drop_files(page: Any, selector: str, files: list[Path]) -> None:
    """Drag the files onto the drop zone, as from a file manager."""
    payload = [{"name": f.name, "data": base64.b64encode(f.read_bytes()).decode()} for f in files]
    transfer = page.evaluate_handle("""(files) => {
        const dt = new DataTransfer();
        for (const f of files) {
            const bytes = Uint8Array.from(atob(f.data), c => c.charCodeAt(0));
            dt.items.add(new File([bytes], f.name, {type: "application/pdf"}));
        }
        return dt;
    }""", payload)
    page.dispatch_event(selector, "dragenter", {"dataTransfer": transfer})
    page.dispatch_event(selector, "drop", {"dataTransfer": transfer})


def fill_form(page: Any) -> None:
    form = page.locator("#case-form")
    values = example_form()
    for key, value in values.items():
        if key == "loan_count":
            continue
        field = form.locator(f"[name='{key}']")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)


def test_from_an_empty_page_to_a_downloaded_letter(server: str, browser: Any, shots: Path, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": WIDTH, "height": 900}, accept_downloads=True, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(f"{msg.text} {msg.location}") if msg.type == "error" else None)
    page.goto(server + "/")
    shoot(page, shots, "01-start")

    page.get_by_role("button", name="新建案件").click()
    page.wait_for_url("**/cases/*")
    fill_form(page)
    page.locator("#case-form").get_by_role("button", name="保存").click()
    page.locator("#case-form").get_by_text("已保存").wait_for()
    shoot(page, shots, "02-form", "#case-form", height=900)

    drop_files(page, "[data-drop]", sorted(EXAMPLE.glob("*.pdf")))
    page.get_by_text("案件中的文件（3）").wait_for(timeout=60_000)
    verdict = page.locator("#case-decision .verdict")
    verdict.wait_for(timeout=60_000)  # and with it what the documents filled in: the page is still
    assert verdict.inner_text() == "结论：可以提出异议"
    shoot(page, shots, "03-files", "#case-files", height=900)
    shoot(page, shots, "04-decision", "#case-decision", height=1300)

    page.locator("#case-letters").get_by_role("button", name="生成文书").click()
    page.get_by_text("生成完成").wait_for(timeout=120_000)
    shoot(page, shots, "05-letters", "#case-letters", height=900)

    letter = next(n for n in page.locator("#case-letters li strong").all_inner_texts()
                  if n.startswith("征信异议申请书") and n.endswith(".pdf"))
    with page.expect_download() as download:
        page.locator("#case-letters li", has_text=letter).get_by_role("link", name="下载").click()
    saved = tmp_path / letter
    download.value.save_as(saved)

    page.locator("#case-letters li", has_text=letter).get_by_role("link", name="预览").click()
    page.locator(".pages img").first.wait_for()
    # Polled from here: wait_for_function evaluates a string in the page, which its CSP forbids.
    for _ in range(200):
        if page.evaluate("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)"):
            break
        time.sleep(0.1)
    shoot(page, shots, "06-preview", ".pages", height=1300)

    out = tmp_path / "cli"
    result = CliRunner().invoke(cli, ["generate", str(EXAMPLE), "--out", str(out), "--date", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert pdf_text(saved) == pdf_text(out / letter)
    assert errors == [], "\n".join(errors)
    context.close()


def test_a_phone_sized_window_and_200_percent_zoom_need_no_sideways_scrolling(server: str, browser: Any) -> None:
    """At 200% zoom a 1000-pixel window lays out like a 500-pixel one; a phone is narrower still.
    Only the wide tables scroll, inside their own frame."""
    for width in (500, 360):
        context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=2)
        page = context.new_page()
        page.goto(server + "/")
        page.get_by_role("button", name="新建案件").click()
        page.wait_for_url("**/cases/*")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), width
        context.close()


def test_the_page_works_by_keyboard(server: str, browser: Any) -> None:
    context = browser.new_context(viewport={"width": WIDTH, "height": 900})
    page = context.new_page()
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "新建案件":
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**/cases/*")
    page.keyboard.press("Tab")
    labels = page.evaluate("Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))"
                           ".filter(e => !e.labels || e.labels.length === 0).map(e => e.name)")
    assert labels == []  # every field has a real label
    context.close()
