"""The pieces lender documents are read with, one variation at a time (issue 11): labels in
any punctuation, amounts with 大写 and 小写, institution names over two lines, wrapped
paragraphs, headers over several lines, column bounds, and the document's own totals."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from synth import fixtures_lender
from synth.lender_plans import render_schedule

from generator.documents import RepaymentSchedule, SettlementCertificate
from generator.errors import StatementParseError
from generator.parsers import parse_document
from generator.parsers.layout import Line, RawRow, group_lines
from generator.parsers.lender_amounts import amount_parts
from generator.parsers.lender_columns import Label, columns, find_header
from generator.parsers.lender_fields import table_cells
from generator.parsers.lender_schedule import _is_row, _row, total_findings
from generator.parsers.lender_settlement import _settlement
from generator.parsers.lender_text import DocText, PlacedLine, institution_lines
from generator.pdf import Word, open_pdf


def _path(name: str) -> Path:
    return FIXTURES / "statements" / name / "input.pdf"


def _parse(name: str) -> SettlementCertificate | RepaymentSchedule:
    doc = parse_document(_path(name), label=_path(name).relative_to(ROOT).as_posix())
    assert isinstance(doc, (SettlementCertificate, RepaymentSchedule))
    return doc


def _lines(*texts: str, x: float = 50.0) -> list[PlacedLine]:
    return [PlacedLine(1, Line((Word(t, x, 100.0 + 16 * i, x + 12 * len(t), 111.0 + 16 * i, 1),)))
            for i, t in enumerate(texts)]


def _doc_text(*lines: str) -> DocText:
    starts = [sum(len(t) + 1 for t in lines[:i]) for i in range(len(lines))]
    return DocText("\n".join(lines), tuple(starts), tuple(_lines(*lines)))


# --------------------------------------------------------------------------- 结清证明


@pytest.mark.parametrize(("lines", "field", "value"), [
    (("借款人: 张三丰", "结清日期为2025年6月30日"), "borrower", "张三丰"),
    (("借款人: 张三丰", "结清日期为2025年6月30日"), "settled_on", date(2025, 6, 30)),
    (("结清日期：20250630",), "settled_on", date(2025, 6, 30)),
    (("结清时间 2025.06.30", "借款日期 2024/1/5"), "disbursed_on", date(2024, 1, 5)),
    (("用户方李四，身份证号110***********0011，…截止 2025 年 6 月 30 日，用户方已支付本金和平台服务费共计"
      "3,000.00 元（大写：叁仟元整），现所有款项已全部结清。",), "borrower", "李四"),
    (("截止 2025 年 06 月 30 日，用户方已支付本金和平台服务费共计3,000.00 元（大写：叁仟元整），现所有款项已全部结清。",),
     "settled_on", date(2025, 6, 30)),
    (("截止 2025 年 06 月 30 日，用户方已支付本金和平台服务费共计3,000.00 元（大写：叁仟元整），现所有款项已全部结清。",),
     "principal", None),
    (("截止 2025 年 06 月 30 日，用户方已支付本金和平台服务费共计3,000.00 元（大写：叁仟元整），现所有款项已全部结清。",),
     "principal_uppercase", None),
    (("经核实，借款人王小明在我司的借款已于2025年1月2日结清。",), "borrower", "王小明"),
    (("借款金额人民币（大写）贰万肆仟柒佰元整（小写：¥24700.00），已于2025年1月2日结清",), "principal",
     Decimal("24700.00")),
    (("借款金额：¥24,451.69元（大写：人民币贰万肆仟肆佰伍拾壹元陆角玖分），已于2025年1月2日结清",), "principal_uppercase",
     "人民币贰万肆仟肆佰伍拾壹元陆角玖分"),
])
def test_labels_and_sentences_in_any_order_and_punctuation(lines: tuple[str, ...], field: str, value: object) -> None:
    settled = () if any("结清" in t for t in lines) else ("已于2025年7月1日结清",)
    s = _settlement("x.pdf", _doc_text(*lines, *settled), [])
    assert getattr(s, field) == value


@pytest.mark.parametrize(("clause", "parts"), [
    ("人民币12,000.00元（大写：壹万贰仟元整）", ("12,000.00", "壹万贰仟元整")),
    ("人民币（大写）贰万肆仟柒佰元整（小写：¥24700.00）", ("24700.00", "贰万肆仟柒佰元整")),
    ("¥24,451.69元（大写：人民币贰万肆仟肆佰伍拾壹元陆角玖分）", ("24,451.69", "人民币贰万肆仟肆佰伍拾壹元陆角玖分")),
    ("人民币12,918.28元（壹万贰仟玖佰壹拾捌元贰角捌分）", ("12,918.28", "壹万贰仟玖佰壹拾捌元贰角捌分")),
    ("8,000.00", ("8,000.00", None)),
    ("人民币叁仟伍佰元整", (None, "人民币叁仟伍佰元整")),
    ("及利息已全部结清", (None, None)),
])
def test_amount_parts(clause: str, parts: tuple[str | None, str | None]) -> None:
    assert amount_parts(clause) == parts


def _placed(*rows: tuple[float, tuple[tuple[str, float], ...]]) -> list[PlacedLine]:
    return [PlacedLine(1, Line(tuple(Word(t, x, top, x + 9.0 * len(t), top + 9.0, 1) for t, x in words)))
            for top, words in rows]


def test_a_one_row_table_joins_a_wrapped_cell() -> None:
    placed = _placed((100, (("借款编号", 60), ("借款金额(元)", 180), ("放款日期", 300), ("结清日期", 400))),
                     (118, (("ZL2023110500", 50), ("8,000.00", 185), ("2023-11-05", 295), ("2025-05-20", 395))),
                     (129, (("8812", 50),)))
    cells = {c.field: c.value for c in table_cells("x.pdf", placed)}
    assert cells == {"contract": "ZL20231105008812", "principal": "8,000.00", "disbursed": "2023-11-05",
                     "settled": "2025-05-20"}


def test_a_key_value_table_reads_two_and_four_columns_and_wrapped_values() -> None:
    placed = _placed((100, (("借款人姓名", 60), ("叶晓国", 160), ("身份证号", 300), ("4****6", 400))),
                     (122, (("2021042249", 160),)),
                     (131, (("借款合同编号", 55), ("借款金额（小写）", 280), ("10,000.00元", 400))),
                     (140, (("7647640", 160),)),
                     (160, (("结清时间", 60), ("2021/06/20", 160))))
    cells = {c.field: (c.qualifier, c.value) for c in table_cells("x.pdf", placed)}
    assert cells == {"borrower": ("", "叶晓国"), "id_number": ("", "4****6"), "contract": ("", "20210422497647640"),
                     "principal": ("小写", "10,000.00元"), "settled": ("", "2021/06/20")}


def test_an_issuer_keeps_its_former_name_and_its_wrapped_lines() -> None:
    names = [n for n, _ in institution_lines(_lines(
        "重庆市蚂蚁商诚信息技术有限公司", "（原：重庆市蚂蚁商诚小额贷款有限公司）", "2021年05月23日"))]
    assert names == ["重庆市蚂蚁商诚信息技术有限公司（原：重庆市蚂蚁商诚小额贷款有限公司）"]
    names = [n for n, _ in institution_lines(_lines("深圳前海微众银", "行股份有限公司"))]
    assert names == ["深圳前海微众银行股份有限公司"]


def test_two_institutions_on_consecutive_lines_stay_two() -> None:
    names = [n for n, _ in institution_lines(_lines("招联消费金融股份有限公司", "深圳前海微众银行股份有限公司"))]
    assert names == ["招联消费金融股份有限公司", "深圳前海微众银行股份有限公司"]


def test_the_platform_template_really_moves_its_total_to_the_next_line_whole() -> None:
    with open_pdf(_path("lender_settlement/platform")) as pdf:
        lines = group_lines(pdf.first_page().words)
    i = next(i for i, ln in enumerate(lines) if ln.words[0].text == "23,680.00")
    assert lines[i - 1].words[-1].x1 < max(ln.words[-1].x1 for ln in lines) - 30  # the line before ends short
    s = _parse("lender_settlement/platform")
    assert isinstance(s, SettlementCertificate)
    assert (s.settlement.settled_on, s.settlement.principal, s.settlement.principal_uppercase) == (
        date(2023, 3, 9), None, None)


def test_a_key_value_cell_really_wraps_and_is_read_whole() -> None:
    with open_pdf(_path("lender_settlement/kv_four_columns")) as pdf:
        texts = [w.text for w in pdf.first_page().words]
    assert "20220315883412907765530118" not in texts and any(t.startswith("2022031588341") for t in texts)
    s = _parse("lender_settlement/kv_four_columns")
    assert isinstance(s, SettlementCertificate)
    assert s.settlement.contract_number == "20220315883412907765530118"


# --------------------------------------------------------------------------- 还款计划


def _word(text: str, x0: float, top: float, width: float | None = None) -> Word:
    return Word(text, x0, top, x0 + (width if width is not None else 9.0 * len(text)), top + 9.0, 1)


def test_a_header_over_three_lines_reads_each_column_top_to_bottom() -> None:
    lines = group_lines([
        _word("应还总额", 150, 100), _word("实还金额", 320, 100),
        _word("期数", 50, 105), _word("应还日期", 90, 105), _word("实还", 240, 105), _word("时间", 258, 105),
        _word("(元)", 160, 110), _word("(元)", 330, 110),
        _word("1", 55, 130), _word("20240507", 90, 130)])
    header = find_header(lines)
    assert header is not None and (header.index, header.depth) == (0, 3)
    assert [(lab.key, lab.text) for lab in header.labels] == [
        ("number", "期数"), ("due_date", "应还日期"), ("amount_due", "应还总额(元)"), ("paid_at", "实还时间"),
        ("paid_amount", "实还金额(元)")]


def test_a_group_heading_over_several_labels_is_no_label() -> None:
    lines = group_lines([
        _word("应还", 200, 100, 20),
        _word("期数", 50, 112), _word("应还日期", 90, 112), _word("本金", 170, 112), _word("利息", 205, 112),
        _word("费用", 240, 112), _word("应还总额", 280, 112)])
    header = find_header(lines)
    assert header is not None and [lab.key for lab in header.labels] == [
        "number", "due_date", "principal", "interest", "fees", "amount_due"]


def test_a_letter_spaced_period_and_date_still_key_a_row() -> None:
    cells = {"number": [_word("第", 40, 200), _word("3", 50, 200), _word("期", 60, 200)],
             "due_date": [_word(t, 90 + 20 * i, 200) for i, t in enumerate(("2024", "年", "03", "月", "05", "日"))]}
    assert _is_row(cells)
    raw = RawRow(1, {"number": "第 3 期", "due_date": "2024 年 03 月 05 日", "amount_due": "100.00",
                     "paid_at": "2024 年 03 月 06 日 08:02:11"}, (40.0, 200.0, 500.0, 209.0), Line(tuple(cells["number"])))
    row = _row("x.pdf", raw, 1)
    assert (row.number, row.due_date, row.paid_at) == (3, date(2024, 3, 5), "2024-03-06 08:02:11")


def test_a_time_beside_its_date_stays_in_its_column() -> None:
    labels = [Label("paid_at", "实还时间", 411.5, 443.7), Label("paid_amount", "实还金额(元)", 490.6, 535.6)]
    body = [Line((_word("2024/01/26", 390.4, 200, 41.4), _word("12:19:43", 433.9, 200, 30.9),
                  _word("3215.03", 515.1, 200, 28.8)))]
    paid_at, paid_amount = columns(labels, body, 595.0)
    assert paid_at.right == paid_amount.left and 464.8 < paid_at.right < 490.6


def test_a_short_number_right_aligned_in_a_wide_column_stays_in_it() -> None:
    labels = [Label("amount_due", "应还总额", 240, 260), Label("account", "还款账户", 330, 350)]
    body = [Line((_word("0.00", 280, 200, 18), _word("工商银行储蓄卡", 304, 200, 70)))]
    amount, account = columns(labels, body, 595.0)
    assert amount.right == account.left and 298 < amount.right < 304


def test_a_printed_total_that_is_not_the_sum_is_kept_and_reported_once(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        doc = _parse("lender_schedule/unprinted_fee")
    assert isinstance(doc, RepaymentSchedule)
    src = fixtures_lender.schedule_unprinted_fee()
    assert [r.amount_due for r in doc.installments] == [r.amount_due for r in src.rows]
    findings = total_findings(doc.installments)
    assert len(findings) == 12 and {f.kind for f in findings} == {"schedule_total_mismatch"}
    assert "应还总额 358.92 but 本金+利息+费用 = 350.92" in findings[0].message
    assert len([r for r in caplog.records if "应还总额" in r.getMessage()]) == 1


def test_the_units_below_header_really_prints_over_three_lines() -> None:
    with open_pdf(_path("lender_schedule/units_below")) as pdf:
        lines = group_lines(pdf.first_page().words)
    tops = {w.text: ln.top for ln in lines for w in ln.words if w.text in ("应还总额", "期数", "(元)")}
    assert tops["应还总额"] < tops["期数"] < tops["(元)"]


def test_a_schedule_without_an_installment_row_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(render_schedule(replace(fixtures_lender.schedule_plan(), rows=(), total_row=False)))
    with pytest.raises(StatementParseError, match=r"plan\.pdf:p1: no installment row"):
        parse_document(path, label="plan.pdf")
