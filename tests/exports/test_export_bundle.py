"""The evidence bundle shows what a case's exports and archives prove: an export's cited rows on a
page of their own (header, rows by the numbers the file shows, highlighted, marked self-exported),
and a PDF found in a ZIP archive with its pages, as one on disk, read without unpacking."""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pdfplumber
from typer.testing import CliRunner

from conftest import ROOT
from generator.cli import app
from synth import exports
from synth.alipay import AlipayProof, Repayment, make_rows, render_alipay_proof

runner = CliRunner()
DAY = "2026-01-10"
EXPORT = "支付宝.zip!支付宝交易明细(20250801-20250930).csv"


def _table(bundle: Path, page: int) -> list[list[str]]:
    with pdfplumber.open(bundle) as pdf:
        rows = pdf.pages[page - 1].extract_table() or []
    return [[(c or "").replace("\n", "") for c in row] for row in rows]


def _generate(tmp_path: Path, files: dict[str, bytes]) -> tuple[Path, list[str], str]:
    case = tmp_path / "case"
    shutil.copytree(ROOT / "examples" / "alipay-insufficient", case, ignore=shutil.ignore_patterns("out"))
    for name, data in files.items():
        (case / name).write_bytes(data)
    with (case / "case.toml").open("a", encoding="utf-8") as fh:
        fh.write(f'\n[passwords]\n"支付宝.zip" = "{exports.PASSWORD}"\n')
    before = sorted(case.rglob("*"))
    out = tmp_path / "out"
    result = runner.invoke(app, ["generate", str(case), "--date", DAY, "--out", str(out), "--format", "pdf"])
    assert result.exit_code == 0, result.output
    assert sorted(case.rglob("*")) == before  # nothing unpacked beside the inputs
    with pdfplumber.open(next(out.glob("证据材料-*.pdf"))) as pdf:
        pages = [(p.extract_text() or "").replace("\n", "") for p in pdf.pages]
    with pdfplumber.open(next(out.glob("征信异议申请书-*.pdf"))) as pdf:
        letter = "".join(p.extract_text() or "" for p in pdf.pages).replace("\n", "")
    return out, pages, letter


def test_an_exported_row_is_shown_on_its_own_page_and_the_letter_cites_that_page(tmp_path: Path) -> None:
    out, pages, letter = _generate(tmp_path, {"支付宝.zip": exports.alipay_zip()})
    [shown] = [n for n, text in enumerate(pages, start=1) if EXPORT in text and "自行导出" in text and "黄色标示" in text]
    text = pages[shown - 1]
    assert "未经出具方盖章" in text and "交易订单号" in text and "表头在第18行" in text
    # the header row and the cited row, each by its line in the file, as the file prints them
    header, *rows = _table(next(out.glob("证据材料-*.pdf")), shown)
    assert header[:3] == ["18", "交易时间", "交易分类"] and "交易订单号" in header
    assert rows == [["19", "2025-09-0410:21:07", "信用借还", "重庆蚂蚁消费金融有限公司", "jie***@antfin.com", "借呗还款", "支出",
                     "869.18", "招商银行储蓄卡(1234)", "还款成功", "2025090422001412345678901234", "JB2025090412345678", ""]]
    m = re.search(r"证据(\d)第19行，见证据材料第(\d+)页", letter)
    assert m and int(m[2]) == shown, letter
    assert "没有可附的原件页面" in pages[0]  # the cover says what an export's pages are
    index = next(t for t in pages if t.startswith("证据目录"))
    assert "文件摘录" in index and f"第{shown}页" in index  # 形式: 自行导出文件摘录 (wrapped)


def test_a_pdf_in_a_zip_archive_is_attached_like_one_on_disk(tmp_path: Path) -> None:
    rows = make_rows(3, 4, date(2025, 9, 1), date(2025, 9, 30),
                     [Repayment(datetime(2025, 9, 4, 10, 21, 7), Decimal("869.18"), "重庆蚂蚁消费金融有限公司")])
    proof = AlipayProof("周雨桐", "3301**********0022", "137****1111", "20251001110000123456", date(2025, 9, 1),
                        date(2025, 9, 30), rows)
    archive = exports.aes_zip([("支付宝交易流水证明.pdf", render_alipay_proof(proof))])
    _, pages, letter = _generate(tmp_path, {"支付宝.zip": archive})
    m = re.search(r"证据(\d)第1页第\d笔，见证据材料第(\d+)页", letter)
    assert m, letter
    excerpt = pages[int(m[2]) - 1]
    assert "支付宝.zip!支付宝交易流水证明.pdf" in excerpt and "原件共" in excerpt
    # its original page follows the excerpt, with the proof's own text
    assert any("20251001110000123456" in t for t in pages[int(m[2]):])


def test_a_workbook_export_is_printed_by_its_sheet_and_excel_rows(tmp_path: Path) -> None:
    from generator.exports.statement import read_export
    from generator.models import DocumentKind
    from generator.render.bundle import _ExhibitView
    from generator.render.env import render_html
    from generator.render.exhibits import CitedRow, ExhibitPlan
    from generator.render.originals import export_table, read_original

    rows = [["中国建设银行个人活期账户交易明细"], ["户名：王小明"], ["记账日", "交易日期", "交易时间", "支出", "收入", "账户余额", "币种", "摘要"],
            ["20250302", "20250302", "09:00:12", "", 4000, 12000.12, "人民币", "代发工资"],
            ["20250305", "20250305", "12:31:09", 1060.3, "", 10939.82, "人民币", "借呗还款"]]
    path = tmp_path / "建行.xlsx"
    path.write_bytes(exports.xlsx({"明细": rows}))
    doc = read_export(path.read_bytes(), path.name, "0" * 64)
    repaid = doc.transactions[1].source
    plan = ExhibitPlan(2, DocumentKind.BANK_STATEMENT.value, "中国建设银行", path.name, None, "0" * 64, None,
                       "repayments", (CitedRow(repaid.page, repaid.row, None, None, None, "", "row", repaid),),
                       exported=True, holder=path)
    table = export_table(read_original(plan, {}), plan)
    assert table.header_place.number == 3 and [(r.place.sheet, r.place.number) for r in table.rows if r.place] == [("明细", 5)]
    assert table.rows[0].cells[:4] == ("20250305", "20250305", "12:31:09", "1060.3")  # as the sheet holds it
    html = render_html("bundle/export.html.j2", x=_ExhibitView(plan, "exhibit-2", (6, 6), None, False, (), table),
                       names={"report_number": None})
    assert "工作表“明细”左侧所示的行号（表头在第3行）" in html and "证据2工作表“明细”第5行" in html
    assert "代发工资" not in html  # the row not cited stays out
    # a file changed since it was checked is named, not printed wrong
    import dataclasses

    import pytest

    from generator.errors import RenderError

    gone = dataclasses.replace(repaid, row=99)
    with pytest.raises(RenderError) as err:
        export_table(path.read_bytes(), dataclasses.replace(plan, cited=(CitedRow(1, 99, None, None, None, "", "row", gone),)))
    assert err.value.msg.code == "bundle.row_gone" and "建行.xlsx" in str(err.value)
