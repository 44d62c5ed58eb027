"""Reading exports: kinds sniffed from the bytes, decoding, the grid sources, strict headers,
the self-checks and the errors that name file, sheet and row."""

from __future__ import annotations

import codecs
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import FIXTURES
from generator.errors import AmbiguousDocument, StatementParseError, UnrecognizedDocument
from generator.exports.grid import clean_cell, text_sheet, workbook_sheets
from generator.exports.html import html_sheet
from generator.exports.sniff import Kind, UndecodableText, decode_text, sniff
from generator.exports.statement import ExportError, holds_table, read_export
from generator.models import Statement
from generator.parsers import parse_document
from generator.parsers.table_spec import norm_label
from synth import exports

PDF = FIXTURES / "statements" / "cmb" / "basic" / "input.pdf"


def _read(data: bytes, name: str = "x.csv") -> Statement:
    return read_export(data, name, "0" * 64)


# --------------------------------------------------------------------------- what a file is


@pytest.mark.parametrize(("data", "kind"), [
    (exports.cmb_csv(), Kind.TEXT), (exports.boc_utf16(), Kind.TEXT), (exports.abc_html(), Kind.HTML),
    (exports.login_page(), Kind.HTML), (exports.ccb_xls(), Kind.XLS), (exports.bocom_xlsx(), Kind.XLSX),
    (exports.alipay_zip(), Kind.ARCHIVE), (exports.truncated(), Kind.ARCHIVE), (b"%PDF-1.7\n", Kind.PDF),
    (bytes(range(256)) * 4, Kind.UNKNOWN)])
def test_sniffed_from_the_bytes(data: bytes, kind: Kind) -> None:
    assert sniff(data) is kind


def test_names_do_not_decide(tmp_path: Path) -> None:
    pdf = tmp_path / "流水.xls"
    pdf.write_bytes(PDF.read_bytes())
    assert parse_document(pdf).provider == "cmb"
    csv = tmp_path / "明细.txt"
    csv.write_bytes(exports.cmb_csv())
    doc = parse_document(csv)
    assert isinstance(doc, Statement) and doc.provider == "cmb" and doc.exported
    html = tmp_path / "abc.csv"
    html.write_bytes(exports.abc_html())
    assert parse_document(html).provider == "abc"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_decoding_by_mark_then_utf8_gb18030_utf16(encoding: str) -> None:
    text = "交易时间\t金额\r\n2025-03-09\t-1,060.30 借呗还款 重庆蚂蚁消费金融有限公司\r\n"
    assert decode_text(text.encode(encoding)) == text


def test_gb18030_beyond_gbk_and_a_declared_charset() -> None:
    assert decode_text("李𠇔明,10.00\n".encode("gb18030")) == "李𠇔明,10.00\n"
    page = '<meta charset="gb2312"><table><tr><td>户名</td></tr></table>'.encode("gb2312")
    assert "户名" in decode_text(page)


def test_undecodable_bytes_are_refused() -> None:
    with pytest.raises(UndecodableText):
        decode_text(codecs.BOM_UTF8 + b"\xff\xfe\xfd" * 10)
    with pytest.raises(ExportError, match="not a spreadsheet or text export"):
        _read(bytes(range(256)) * 4, "x.xls")


# --------------------------------------------------------------------------- grids


def test_cells_lose_padding_and_excel_wrappers() -> None:
    assert clean_cell("2025030922001412345678901234\t") == "2025030922001412345678901234"
    assert clean_cell('="6214830000001234"') == "6214830000001234"
    assert clean_cell("'6214830000001234") == "6214830000001234"
    assert clean_cell(" 借\u200b Dr\u202e ") == "借 Dr"


def test_the_delimiter_is_the_one_that_splits_the_header() -> None:
    text = "记账日期\t货币\t交易金额\t联机余额\n2025-03-10\t人民币\t-1,050.00\t8,950.12\n"
    labels = frozenset(map(norm_label, ("记账日期", "货币", "交易金额", "联机余额")))
    sheet = text_sheet(text, labels, norm_label)
    assert sheet.rows[1] == ("2025-03-10", "人民币", "-1,050.00", "8,950.12")


def test_html_tables_keep_columns_under_spans_and_text_outside() -> None:
    sheet, tables = html_sheet("<h3>中国农业银行</h3><table><tr><td colspan=2>户名：王</td><td>x</td></tr>"
                               "<tr><th>a</th><th>b<br>c</th><th>d</th></tr><script>var x='<tr>';</script></table>")
    assert tables == 1
    assert sheet.rows == (("中国农业银行",), ("户名：王", "", "x"), ("a", "b c", "d"))


def test_workbook_numbers_are_written_back_exactly() -> None:
    rows: exports.Rows = [["a", 1060.3, 0.1 + 0.2, 20250310.0, 12, 1e-7]]
    [sheet] = workbook_sheets(exports.xlsx({"s": rows}))
    assert sheet.rows[0] == ("a", "1060.3", "0.30000000000000004", "20250310", "12", "0.0000001")


def test_a_damaged_workbook_is_an_error_not_a_crash() -> None:
    for data in (exports.ccb_xls()[:3000], exports.bocom_xlsx()[:-200], exports.ccb_xls()[:512] + b"\0" * 4096):
        with pytest.raises(ExportError):
            _read(data, "x.xls")


# --------------------------------------------------------------------------- recognition and headers


def test_a_text_with_no_table_is_unrecognised_and_no_document() -> None:
    with pytest.raises(UnrecognizedDocument, match="no transaction table found"):
        _read("今天去银行打印流水\n".encode())
    assert not holds_table("今天去银行打印流水\n".encode())
    assert holds_table(exports.boc_utf16()) and holds_table(exports.ccb_xls())


def test_a_table_no_format_claims_is_unrecognised() -> None:
    with pytest.raises(UnrecognizedDocument, match=r"unrecognised export \(tried: alipay_export"):
        _read("某某银行明细\n交易日期,交易金额,余额\n2025-03-01,1.00,2.00\n".encode())


def test_two_formats_claiming_one_export_is_ambiguous() -> None:
    with pytest.raises(AmbiguousDocument, match="recognised by cmb_export, icbc_export"):
        _read(exports.cmb_csv().decode("gb18030").replace("招商银行交易流水", "招商银行 中国工商银行").encode("gb18030"))


def test_a_changed_header_names_the_row_and_the_layouts_known() -> None:
    with pytest.raises(StatementParseError) as caught:
        _read(exports.alipay_header_changed(), "a.csv")
    assert caught.value.location() == "a.csv:p1:r18"
    assert "交易金额(元) | 优惠金额" in caught.value.message and "known layouts: 2023:" in caught.value.message


def test_the_layout_is_the_one_whose_columns_are_the_headers() -> None:
    """Both of these 工商银行 headers split 记账金额(收入)/(支出): the split layout is chosen, never the
    one signed 收入/支出金额 (FORMATS.md's list), and an unprinted 对方账户 leaves the account empty."""
    v1 = _read(exports.icbc_csv(1))
    v2 = _read(exports.icbc_csv(2))
    assert [tx.counterparty_account for tx in v1.transactions][:1] == [""]
    assert v2.transactions[0].counterparty_account == "6217000011112222"


def test_the_user_may_leave_columns_out() -> None:
    text = exports.cmb_csv().decode("gb18030").replace(",客户摘要", "")
    lines = [ln.rsplit(",", 1)[0] if ln.startswith("2025-") else ln for ln in text.splitlines()]
    doc = _read("\n".join(lines).encode("gb18030"))
    assert len(doc.transactions) == 4 and doc.checks["balance_chain"] == "ok"


def test_a_header_without_rows_is_refused() -> None:
    with pytest.raises(StatementParseError, match="no transaction rows found under the table header"):
        _read("招商银行交易流水\n记账日期,货币,交易金额,联机余额\n".encode())


# --------------------------------------------------------------------------- rows and self-checks


def test_a_bad_amount_names_file_sheet_and_row() -> None:
    data = exports.cmb_csv().decode("gb18030").replace("-1,060.30", "-1,O60.30").encode("gb18030")
    with pytest.raises(StatementParseError) as caught:
        _read(data, "cmb.csv")
    assert str(caught.value) == "cmb.csv:p1:r8: cannot parse amount '-1,O60.30' in column 交易金额"


def test_a_broken_balance_chain_is_a_finding() -> None:
    data = exports.cmb_csv().decode("gb18030").replace("10,904.32", "10,994.32").encode("gb18030")
    doc = _read(data)
    assert doc.checks["balance_chain"] == "failed" and doc.findings[0].kind == "balance_chain_failed"


def test_a_cut_export_fails_its_printed_count() -> None:
    lines = exports.alipay_2023().decode("gbk").splitlines()
    doc = _read("\n".join(lines[:-1]).encode("gbk"))
    assert doc.checks["printed_totals"] == "failed"
    assert any("printed 全部 5笔, but the rows give 4笔" in f.message for f in doc.findings)


def test_closed_payments_are_not_counted_but_reported() -> None:
    doc = _read(exports.alipay_2023(), "a.csv")
    assert [tx.date.isoformat() for tx in doc.transactions if tx.amount == Decimal("-869.18")] == ["2025-09-04"]
    [void] = [f for f in doc.findings if f.kind == "void_rows"]
    assert void.sources[0].row == 23 and "交易关闭" in void.message


def test_neutral_rows_keep_their_amount_and_are_marked_like_the_proofs() -> None:
    alipay = _read(exports.alipay_2023())
    wechat = _read(exports.wechat_csv())
    assert [tx.description for tx in alipay.transactions if tx.amount == Decimal("500.00")] == ["余额宝-转入（不计收支）"]
    assert [tx.description for tx in wechat.transactions if tx.amount == Decimal("100.00")] == ["零钱提现（其他）"]


def test_bocom_flags_and_sequence() -> None:
    doc = _read(exports.bocom_xlsx(), "b.xlsx")
    assert [tx.amount for tx in doc.transactions] == [Decimal("4000.00"), Decimal("-1060.30"), Decimal("-2000.00")]
    assert doc.checks == {"balance_chain": "ok", "row_sequence": "ok"}
    assert [tx.source.seq for tx in doc.transactions] == ["1", "2", "3"]


def test_a_later_sheet_with_the_header_continues_the_table() -> None:
    rows = [["中国建设银行个人活期账户交易明细"], ["记账日", "交易日期", "交易时间", "支出", "收入", "账户余额", "币种", "摘要"],
            ["20250302", "20250302", "09:00:12", "", 4000, 12000.12, "人民币", "代发工资"]]
    more = [rows[1], ["20250305", "20250305", "12:31:09", 35.5, "", 11964.62, "人民币", "消费"]]
    doc = _read(exports.xlsx({"1": rows, "2": more, "3": [["备注"]]}), "c.xlsx")
    assert [(tx.source.page, tx.source.row) for tx in doc.transactions] == [(1, 3), (2, 2)]
    assert doc.checks["balance_chain"] == "ok"
    assert [f.kind for f in doc.findings] == ["sheet_not_read"]


def test_provider_forced_by_name() -> None:
    text = exports.cmb_csv().decode("gb18030").replace("招商银行交易流水", "流水")
    with pytest.raises(UnrecognizedDocument):
        _read(text.encode("gb18030"))
    doc = read_export(text.encode("gb18030"), "x.csv", "0" * 64, provider="cmb")
    assert doc.provider == "cmb"
    with pytest.raises(KeyError, match="unknown export provider 'nope'"):
        read_export(text.encode("gb18030"), "x.csv", "0" * 64, provider="nope")


# --------------------------------------------------------------------------- where a row is in its file


def test_a_csv_row_is_placed_on_its_line_even_after_a_quoted_line_break() -> None:
    text = exports.alipay_2023().decode("gbk").replace(",午餐,", ',"午餐\n加饮料",', 1)
    doc = _read(text.encode("gbk"))
    lines = [(tx.source.place.kind.value, tx.source.place.number) for tx in doc.transactions if tx.source.place]
    # the 午餐 row takes lines 20-21: the rows under it start a line later than their row count says
    assert lines == [("line", 19), ("line", 20), ("line", 22), ("line", 23)]
    assert [tx.source.row for tx in doc.transactions] == [19, 20, 21, 22]
    assert text.splitlines()[21].startswith("2025-08-15")  # line 22, 1-based


def test_a_workbook_row_is_placed_by_its_sheet_name_and_excel_row() -> None:
    rows = [["中国建设银行个人活期账户交易明细"], [], ["记账日", "交易日期", "交易时间", "支出", "收入", "账户余额", "币种", "摘要"],
            ["20250302", "20250302", "09:00:12", "", 4000, 12000.12, "人民币", "代发工资"]]
    more = [rows[2], [], ["20250305", "20250305", "12:31:09", 35.5, "", 11964.62, "人民币", "消费"]]
    doc = _read(exports.xlsx({"三月": rows, "续": more}), "c.xlsx")
    assert [(p.kind.value, p.sheet, p.number) for tx in doc.transactions if (p := tx.source.place)] == [
        ("sheet_row", "三月", 4), ("sheet_row", "续", 3)]


def test_a_web_page_row_is_placed_in_its_own_table() -> None:
    page = ('<html><h3>中国农业银行账户活期交易明细清单</h3><table><tr><td>户名：王小明</td></tr></table>'
            '<table><tr><th>交易日期</th><th>交易时间</th><th>交易摘要</th><th>交易金额</th><th>本次余额</th></tr>'
            '<tr><td>20250310</td><td>10:00:00</td><td>转账</td><td>-100.00</td><td>900.00</td></tr></table></html>')
    sheet, tables = html_sheet(page)
    assert tables == 2
    index = next(i for i, r in enumerate(sheet.rows) if r[:1] == ("20250310",))
    place = sheet.place(index)
    assert (place.kind.value, place.table, place.number) == ("table_row", 2, 2)
