"""Tests of the synthetic CMB statement generator itself."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from . import fonts
from .cmb import (
    CmbRow,
    CmbStatement,
    format_amount,
    make_rows,
    render_cmb_statement,
    write_cmb_statement,
)

OPENING = Decimal("3456.78")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
LOAN = "重庆蚂蚁消费金融有限公司 2088101234567890"
REPAYMENTS = tuple((date(2025, m, 15), Decimal("1050.00"), LOAN) for m in range(1, 7))


def _statement(rows: list[CmbRow], **kw: Any) -> CmbStatement:
    return CmbStatement(
        holder="张三",
        account="6214********1234",
        start=date(2025, 1, 1),
        end=date(2025, 6, 30),
        rows=rows,
        **kw,
    )


def _words(pdf_path: Path, page: int = 0) -> list[dict[str, Any]]:
    with pdfplumber.open(pdf_path) as pdf:
        return list(pdf.pages[page].extract_words())


def _only(words: list[dict[str, Any]], text: str) -> dict[str, Any]:
    hits = [w for w in words if w["text"] == text]
    assert len(hits) == 1, (text, hits)
    return hits[0]


def test_same_input_gives_identical_bytes(tmp_path: Path) -> None:
    stmt = _statement(make_rows(3, 40, date(2025, 1, 2), OPENING, repayments=REPAYMENTS))
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    write_cmb_statement(stmt, a)
    write_cmb_statement(stmt, b)
    assert a.read_bytes() == b.read_bytes() == render_cmb_statement(stmt)


def test_text_reads_back(tmp_path: Path) -> None:
    rows = make_rows(11, 60, date(2025, 1, 2), OPENING, repayments=REPAYMENTS)
    path = tmp_path / "cmb.pdf"
    write_cmb_statement(_statement(rows), path)
    with pdfplumber.open(path) as pdf:
        pages = [p.extract_text() for p in pdf.pages]
        assert pdf.metadata["Title"] == "招商银行交易流水"
    first = pages[0]
    assert "招商银行交易流水" in first
    assert "Transaction Statement of China Merchants Bank" in first
    assert f"第1页/共{len(pages)}页" in first
    assert "户名：张三" in first and "账号：6214********1234" in first
    assert "2025-01-01 -- 2025-06-30" in first
    text = "\n".join(pages)
    for row in rows:
        assert format_amount(row.amount) in text
        assert format_amount(row.balance) in text
    assert "-1,050.00" in text


def test_wrapped_counterparty_is_centred_on_the_row(tmp_path: Path) -> None:
    order = "2025031012345678901234"
    rows = [
        CmbRow(
            date(2025, 3, 9),
            Decimal("-12.00"),
            Decimal("988.00"),
            "银联消费",
            "北京麦当劳食品有限公司",
        ),
        CmbRow(
            date(2025, 3, 10),
            Decimal("-35.50"),
            Decimal("952.50"),
            "快捷支付",
            f"财付通支付科技有限公司 美团外卖订单 {order}",
        ),
        CmbRow(
            date(2025, 3, 11),
            Decimal("-66.60"),
            Decimal("885.90"),
            "快捷支付",
            "支付宝（中国）网络技术有限公司 上海拉扎斯信息科技有限公司 2025031122001234567890",
        ),
    ]
    path = tmp_path / "wrap.pdf"
    write_cmb_statement(_statement(rows), path)
    words = _words(path)

    # single-line cell: on the date line
    assert _only(words, "北京麦当劳食品有限公司")["top"] == pytest.approx(
        _only(words, "2025-03-09")["top"], abs=0.5
    )
    # two lines: the first above the date line, the second below it
    date_top = _only(words, "2025-03-10")["top"]
    assert _only(words, "-35.50")["top"] == pytest.approx(date_top, abs=0.5)
    assert _only(words, "财付通支付科技有限公司")["top"] < date_top - 2
    assert _only(words, order)["top"] > date_top + 2
    # three lines: first above, middle on, last below the date line
    date_top = _only(words, "2025-03-11")["top"]
    assert _only(words, "支付宝（中国）网络技术有限公司")["top"] < date_top - 2
    assert _only(words, "上海拉扎斯信息科技有限公司")["top"] == pytest.approx(date_top, abs=0.5)
    assert _only(words, "2025031122001234567890")["top"] > date_top + 2


def test_pages_repeat_title_header_and_footer(tmp_path: Path) -> None:
    rows = make_rows(5, 30, date(2025, 1, 2), OPENING)
    path = tmp_path / "paged.pdf"
    write_cmb_statement(_statement(rows, rows_per_page=10), path)
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 3
        for number, page in enumerate(pdf.pages, start=1):
            text = page.extract_text()
            assert "招商银行交易流水" in text
            assert "记账日期 货币 交易金额 联机余额 交易摘要 对手信息" in text
            assert "Counter Party" in text
            assert f"第{number}页/共3页" in text
            assert ("户名：张三" in text) == (number == 1)
            dates = [w for w in page.extract_words() if DATE.fullmatch(w["text"]) and w["x0"] < 50]
            assert len(dates) == 10


def test_landscape_page(tmp_path: Path) -> None:
    path = tmp_path / "land.pdf"
    write_cmb_statement(
        _statement(make_rows(2, 5, date(2025, 1, 2), OPENING), landscape=True), path
    )
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        assert page.width > page.height


def test_make_rows_balance_chain_and_repayments() -> None:
    rows = make_rows(7, 120, date(2025, 1, 2), OPENING, repayments=REPAYMENTS)
    assert len(rows) == 120
    balance = OPENING
    for row in rows:
        assert isinstance(row.amount, Decimal) and isinstance(row.balance, Decimal)
        assert row.amount.as_tuple().exponent == -2
        balance += row.amount
        assert row.balance == balance
        assert row.balance >= 0
    assert [r.date for r in rows] == sorted(r.date for r in rows)
    repaid = [r for r in rows if r.counterparty == LOAN]
    assert [(r.date, r.amount, r.summary) for r in repaid] == [
        (d, -a, "快捷支付") for d, a, _ in REPAYMENTS
    ]
    summaries = {r.summary for r in rows}
    assert {"代发工资", "转账汇款", "快捷支付", "银联消费"} <= summaries
    assert len({r.date for r in rows}) < len(rows)  # several rows on some days


def test_make_rows_is_deterministic() -> None:
    args = (date(2025, 1, 2), OPENING)
    assert make_rows(9, 50, *args) == make_rows(9, 50, *args)
    assert make_rows(9, 50, *args) != make_rows(10, 50, *args)


def test_missing_font_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "FONT_CANDIDATES", (Path("/nonexistent/wqy-microhei.ttc"),))
    with pytest.raises(fonts.FontNotFoundError, match="apt-get install fonts-wqy-microhei"):
        fonts.find_cjk_font()
