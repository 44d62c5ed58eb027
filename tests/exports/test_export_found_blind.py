"""The eight kinds of file the blind export variants found read wrong (issue 15's report), each by
its smallest example: the cell as the file prints it and the value it must give."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pytest

from generator.dates import DateError, parse_date, split_date_time
from generator.errors import StatementParseError
from generator.exports.statement import read_export
from generator.models import Statement
from generator.money import parse_amount
from synth import exports


def _read(data: bytes, name: str = "x.csv") -> Statement:
    return read_export(data, name, "0" * 64)


def _csv(rows: Sequence[Sequence[object]], encoding: str = "gbk") -> bytes:
    return "".join(",".join(f'"{c}"' if "," in str(c) else str(c) for c in row) + "\r\n" for row in rows).encode(encoding)


def _wechat(old: str, new: str) -> Statement:
    text = exports.wechat_csv().decode("utf-8-sig")
    assert old in text
    return _read(text.replace(old, new).encode("utf-8-sig"))


def _alipay_2020(old: str, new: str) -> Statement:
    text = exports.alipay_2020().decode("gbk")
    assert old in text
    return _read(text.replace(old, new).encode("gbk"))


# --------------------------------------------------------------------------- 1. Excel-saved times


@pytest.mark.parametrize(("cell", "day", "time"), [
    ("2025/3/1 01:20", "2025/3/1", "01:20"), ("2025/3/1 11:20", "2025/3/1", "11:20"),
    ("2025/3/3 15:24", "2025/3/3", "15:24"), ("2025/3/5 17:14", "2025/3/5", "17:14"),
    ("2025/3/10 10:20", "2025/3/10", "10:20"), ("2025/3/1 9:20", "2025/3/1", "9:20"),
    ("2025/3/10 10:20:30", "2025/3/10", "10:20:30"), ("2025-03-0914:03:22", "2025-03-09", "14:03:22"),
    ("2025年3月1日01:20", "2025年3月1日", "01:20"), ("20250310 140322", "20250310", "140322"),
    ("2025/3/1", "2025/3/1", None)])
def test_a_date_ends_at_a_separator_and_a_time_is_its_own_token(cell: str, day: str, time: str | None) -> None:
    assert split_date_time(cell) == (day, time)


@pytest.mark.parametrize("cell", ["2025/3/101:20", "2025/3/111:20", "2025-3-91:20", "2025/03/0914:3", "2025/3/1 01",
                                  "2025/3/1 01:20 x"])
def test_a_day_and_hour_run_together_are_refused_not_guessed(cell: str) -> None:
    with pytest.raises(DateError):
        split_date_time(cell)


def test_an_excel_saved_wechat_time_keeps_its_one_digit_day() -> None:
    doc = _wechat("2025-03-02 09:05:33", "2025/3/1 11:20")
    [tx] = [tx for tx in doc.transactions if tx.amount == Decimal("-12.50")]
    assert (tx.date.isoformat(), tx.time) == ("2025-03-01", "11:20")


def test_a_glued_day_and_hour_refuse_the_file_naming_the_cell() -> None:
    with pytest.raises(StatementParseError, match=r"cannot parse date '2025/3/111:20' in column 交易时间"):
        _wechat("2025-03-02 09:05:33", "2025/3/111:20")


# --------------------------------------------------------------------------- 2. 微信 refunds


@pytest.mark.parametrize("status", ["已全额退款", "对方已退还"])
def test_a_fully_refunded_or_returned_wechat_payment_is_void(status: str) -> None:
    doc = _wechat("¥12.50,招商银行储蓄卡(1234),支付成功", f"¥12.50,招商银行储蓄卡(1234),{status}")
    assert Decimal("-12.50") not in [tx.amount for tx in doc.transactions]
    [void] = [f for f in doc.findings if f.kind == "void_rows"]
    assert status in void.message and void.sources[0].row == 21


def test_a_partly_refunded_wechat_payment_is_kept() -> None:
    doc = _wechat("¥12.50,招商银行储蓄卡(1234),支付成功", "¥12.50,招商银行储蓄卡(1234),已退款(￥5.00)")
    assert Decimal("-12.50") in [tx.amount for tx in doc.transactions]


# --------------------------------------------------------------------------- 3. names ending in digits


@pytest.mark.parametrize("name", ["中国铁路12306", "美团1234"])
def test_a_wechat_counterparty_keeps_the_digits_it_ends_in(name: str) -> None:
    doc = _wechat("北京某某便利店", name)
    [tx] = [tx for tx in doc.transactions if tx.amount == Decimal("-12.50")]
    assert (tx.counterparty, tx.counterparty_account) == (name, "")


def test_an_alipay_2020_counterparty_keeps_the_digits_it_ends_in() -> None:
    doc = _alipay_2020("李娜", "中国铁路12306")
    assert [tx.counterparty for tx in doc.transactions if tx.amount == Decimal("300.00")] == ["中国铁路12306"]


# --------------------------------------------------------------------------- 4. bilingual headers in two rows

_BOCOM_ZH = ["序号", "交易日期", "交易时间", "交易类型", "借贷", "交易金额", "余额", "对方账号", "对方户名", "交易地点", "摘要"]
_BOCOM_EN = ["Serial Num", "Trans Date", "Trans Time", "Trading Type", "Dc Flg", "Trans Amt", "Balance",
             "Payment Receipt Account", "Payment Receipt Account Name", "Trading Place", "Abstract"]


def _bocom(header: Sequence[Sequence[str]], time: str = "20:38:21") -> bytes:
    rows = [["交通银行个人客户交易清单"], ["户名Account Name: 王小明"], *header,
            [1, "2025-03-02", "09:00:12", "代发工资", "贷 Cr", "4000.00", "12000.12", "4000020209200012345", "深圳某某科技有限公司",
             "批量代发", "工资"],
            [2, "2025-03-09", time, "快捷支付", "借 Dr", "1060.30", "10939.82", "50001234567890123456",
             "重庆蚂蚁消费金融有限公司", "网上支付", "借呗还款"]]
    return _csv(rows)


@pytest.mark.parametrize("header", [[_BOCOM_EN, _BOCOM_ZH], [_BOCOM_ZH, _BOCOM_EN]], ids=["en-above", "zh-above"])
def test_an_english_header_row_and_a_chinese_one_are_one_header(header: Sequence[Sequence[str]]) -> None:
    doc = _read(_bocom(header))
    assert [tx.amount for tx in doc.transactions] == [Decimal("4000.00"), Decimal("-1060.30")]
    assert doc.checks == {"balance_chain": "ok", "row_sequence": "ok"}
    assert doc.transactions[0].source.row == 5


# --------------------------------------------------------------------------- 5. 工商银行's columns

_ICBC_V1 = ["交易日期", "账号", "储种", "序号", "币种", "钞汇", "摘要", "地区", "收入/支出金额", "余额", "对方户名", "对方账号", "渠道"]
_ICBC_V2 = ["交易日期", "摘要", "交易详情", "交易场所", "交易国家或地区简称", "钱/钞", "交易金额(收入)", "交易金额(支出)", "交易币种",
            "记账金额(收入)", "记账金额(支出)", "记账币种", "余额", "对方户名", "对方账户"]


def _icbc(header: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    return _csv([["中国工商银行借记账户历史明细（电子版）"], ["卡号: 6222****1234  户名：王小明"], header, *rows])


def test_icbc_reads_the_column_list_formats_md_gives() -> None:
    doc = _read(_icbc(_ICBC_V1, [
        ["2025-03-09", "62220000", "活期", "00000", "人民币", "钞", "快捷支付", "0200", "-1,060.30", "10,939.82",
         "重庆蚂蚁消费金融有限公司", "50001234567890123456", "网上银行"],
        ["2025-03-02", "62220000", "活期", "00000", "人民币", "钞", "工资", "0200", "+4,000.00", "12,000.12",
         "深圳某某科技有限公司", "4000020209200012345", "网上银行"]]))
    assert [tx.amount for tx in doc.transactions] == [Decimal("-1060.30"), Decimal("4000.00")]
    assert doc.transactions[0].counterparty_account == "50001234567890123456"
    assert doc.checks["balance_chain"] == "ok"


def test_icbc_v2_as_drawn_and_a_column_no_layout_knows() -> None:
    header = [*_ICBC_V2, "备用字段"]
    doc = _read(_icbc(header, [["2025-03-09", "快捷支付", "快捷支付", "", "CHN", "钞", "", "1,060.30", "人民币", "", "1,060.30",
                                "人民币", "10,939.82", "重庆蚂蚁消费金融有限公司", "50001234567890123456", "x"]]))
    [tx] = doc.transactions
    assert (tx.amount, tx.counterparty_account) == (Decimal("-1060.30"), "50001234567890123456")


def test_icbc_without_its_amounts_is_still_refused() -> None:
    header = [c for c in _ICBC_V1 if c != "收入/支出金额"]
    with pytest.raises(StatementParseError, match="the table header is not one icbc_export has printed"):
        _read(_icbc(header, [["2025-03-09", *["x"] * (len(header) - 1)]]))


# --------------------------------------------------------------------------- 6. 全角 dates and times


def test_a_full_width_date_is_read() -> None:
    text = exports.cmb_csv().decode("gb18030")
    doc = _read(text.replace("2025-03-20", "２０２５／０３／２０").encode("gb18030"))
    assert doc.transactions[-1].date.isoformat() == "2025-03-20"
    assert parse_date("２０２５／６／２０").isoformat() == "2025-06-20"


def test_a_full_width_time_is_read() -> None:
    doc = _read(_bocom([_BOCOM_ZH], time="０２：２９：０２"))
    assert doc.transactions[1].time == "02:29:02"


# --------------------------------------------------------------------------- 7. a plus sign before the currency


@pytest.mark.parametrize(("cell", "value"), [("+¥19559.87", "19559.87"), ("+￥29.42", "29.42"),
                                             ("+CNY 11778.41", "11778.41"), ("-¥12.00", "-12.00")])
def test_a_sign_before_the_currency(cell: str, value: str) -> None:
    assert parse_amount(cell) == Decimal(value)


def test_an_abc_credit_with_its_plus_before_the_yuan_sign() -> None:
    doc = _read(exports.abc_html().decode("gb2312").replace("+4000.00", "+¥4000.00").encode("gb18030"), "abc.xls")
    assert doc.transactions[0].amount == Decimal("4000.00")


# --------------------------------------------------------------------------- 8. 支付宝 2020: when the money moved


def test_alipay_2020_dates_a_row_by_its_payment_time() -> None:
    doc = _read(exports.alipay_2020())
    assert [tx.time for tx in doc.transactions][:1] == ["10:00:02"]  # created 10:00:01, paid 10:00:02


def test_alipay_2020_falls_back_to_the_creation_time_when_unpaid() -> None:
    doc = _alipay_2020("2020-03-31 10:00:02,2020-03-31 10:00:02,", ",2020-03-31 10:00:02,")
    assert [tx.time for tx in doc.transactions][:1] == ["10:00:01"]


def test_a_cmb_header_with_its_english_row_below() -> None:
    text = exports.cmb_csv().decode("gb18030")
    english = "Date,Currency,Transaction Amount,Balance,Transaction Type,Counter Party,Customer Type"
    doc = _read(text.replace("客户摘要\r\n", "客户摘要\r\n" + english + "\r\n").encode("gb18030"))
    assert len(doc.transactions) == 4 and doc.checks["balance_chain"] == "ok"
