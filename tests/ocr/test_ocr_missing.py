"""Without the `ocr` extra a scan or an image is refused with one line saying how to install
it, and the other documents are still read (hidden here by making its import fail)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from generator.cli import app
from generator.ocr import engine

HINT = "pip install -e '.[ocr]'"


@pytest.fixture
def no_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # import raises ImportError
    monkeypatch.setattr(engine, "_engine", None)


def _png(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (400, 300), "white").save(path)
    return path


def _scanned_pdf(path: Path) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path))
    canvas.rect(100, 100, 300, 400, fill=1)  # marks on the page, no text layer
    canvas.save()
    return path


@pytest.mark.parametrize("make", [_png, _scanned_pdf], ids=["image", "scanned_pdf"])
def test_a_scan_is_refused_with_one_line_and_the_rest_is_read(tmp_path: Path, no_ocr: None, make: object) -> None:
    scan = make(tmp_path / ("scan.png" if make is _png else "scan.pdf"))  # type: ignore[operator]
    statement = FIXTURES / "statements" / "cmb" / "basic" / "input.pdf"
    result = CliRunner().invoke(app, ["parse", str(scan), str(statement), "--json"])
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(scan) in lines[0] and HINT in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert '"provider": "cmb"' in result.stdout and '"amount": "-99.17"' in result.stdout


def test_the_line_is_chinese_by_default(tmp_path: Path, no_ocr: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPUTE_LANG", "zh")
    scan = _png(tmp_path / "还款记录.png")
    result = CliRunner().invoke(app, ["parse", str(scan)])
    assert result.stderr.strip() == f"错误: {scan}: 扫描件或图片：需要文字识别（OCR）才能读取，但尚未安装；请运行 {HINT} 安装"


def test_a_case_leaves_the_scan_out_and_checks_the_rest(tmp_path: Path, no_ocr: None) -> None:
    case = tmp_path / "case"
    shutil.copytree(ROOT / "examples" / "on-time-cmb", case)
    _png(case / "还款记录截图.png")
    result = CliRunner().invoke(app, ["check", str(case), "--json"])
    assert result.exit_code in (0, 1), result.stderr
    assert "还款记录截图.png" in result.stdout + result.stderr and HINT in result.stdout + result.stderr
    assert '"verdict"' in result.stdout or '"loans"' in result.stdout, result.stdout[:500]


def test_the_page_keeps_an_uploaded_image_as_a_document() -> None:
    import io

    from PIL import Image

    pytest.importorskip("starlette", reason="the web extra is not installed")
    from generator.web.routes_files import document_suffix

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, format="JPEG")
    assert document_suffix("还款记录.jpg", buffer.getvalue()) == ".jpg"
    assert document_suffix("截图", buffer.getvalue()) == ".png"  # no suffix: one the case reads
