"""还款计划 / 还款计划表 / 还款记录 / 还款明细: a lender's installment table.

Lenders name the same columns differently, so the header is read through synonyms:

    期数      应还日期    应还本金  应还利息  应还费用  应还总额  状态
    第1/12期  2025-07-18  500.06    90.00     0.00      590.06    待还
    期次  到期日      本金    利息   罚息  应还金额  还款状态  实际还款时间  实还金额  还款方式
    2/6   2025-03-10  491.03  30.18  1.62  521.21    已还      2025-03-13    522.83    主动还款
                                                                19:45:30

Rows are keyed by a line holding a period number and a due date; a 实还时间 cell that prints its
date over its time joins its row. The header repeats on every page; a 合计 row or a note ends the
table on its page. Columns the header names but the contract has no field for (罚息, 还款方式,
还款账户 …) bound their neighbours and are otherwise ignored.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from decimal import Decimal
from statistics import median

from generator.dates import DateError, is_date, parse_date
from generator.documents import RepaymentSchedule, ScheduleRow
from generator.errors import StatementParseError
from generator.models import DocumentKind, SourceRef
from generator.parsers.base import DocumentParser
from generator.parsers.common import RowReader
from generator.parsers.layout import Column, Line, RawRow, body_lines, group_lines, header_columns, rows_by_anchor
from generator.parsers.lender_settlement import TITLES as SETTLEMENT_TITLES
from generator.parsers.lender_settlement import (PlacedLine, contract_number, document_text, entity_name, has_title,
                                                 labelled_lender)
from generator.pdf import Page, PdfDocument, Word

logger = logging.getLogger(__name__)

TITLES = ("还款计划", "还款计划表", "还款记录", "还款明细", "还款计划明细")
SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": ("期数", "期次", "期号", "还款期数", "当前期数", "期"),
    "due_date": ("应还日期", "应还款日", "应还款日期", "还款日", "到期日", "到期日期", "计划还款日", "计划还款日期",
                 "最后还款日"),
    "principal": ("应还本金", "本金", "计划本金"),
    "interest": ("应还利息", "利息", "计划利息"),
    "fees": ("应还费用", "费用", "服务费", "应还服务费", "担保费", "应还担保费", "手续费"),
    "amount_due": ("应还总额", "应还金额", "应还款额", "应还款金额", "本期应还", "本期应还金额", "应还合计"),
    "status": ("状态", "还款状态", "本期状态"),
    "paid_at": ("实还时间", "实还日期", "实际还款时间", "实际还款日期", "实际还款日", "还款时间"),
    "paid_amount": ("实还金额", "实际还款金额", "已还金额", "实还总额"),
}
FIELD_OF = {label: key for key, labels in SYNONYMS.items() for label in labels}
REQUIRED = ("number", "due_date", "amount_due")
LENDER_LABELS = "放款机构|出资方|出资机构|贷款机构|资金方|资金提供方|出借人|贷款人|债权人"
_PERIOD = re.compile(r"^第?(\d{1,3})(?:[/／](\d{1,3}))?期?$")
_END_OF_TABLE = re.compile(r"^(?:合计|总计|小计|注|备注|说明|温馨提示|提示)")
_PAID_AT = re.compile(r"^(?P<date>\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{8})\s*(?P<time>\d{1,2}:\d{2}(?::\d{2})?)?$")
_PLACEHOLDERS = frozenset({"", "-", "--", "—", "——", "/"})


def _label(text: str) -> str:
    return re.sub(r"[（(](?:元|人民币)[)）]$", "", text.replace(" ", ""))


def header_keys(line: Line) -> list[str] | None:
    """Column keys for a header line (None if it is not one): a field name for each known label,
    ``fees``, ``fees2`` … for several fee columns, ``other<i>`` for a label we keep only as a bound."""
    keys: list[str] = []
    for i, word in enumerate(line.words):
        key = FIELD_OF.get(_label(word.text), f"other{i}")
        if key in keys:
            if key != "fees":
                return None  # two columns for one field: not a header we can read safely
            key = f"fees{sum(k.startswith('fees') for k in keys) + 1}"
        keys.append(key)
    return keys if all(k in keys for k in REQUIRED) else None


def find_header(lines: Sequence[Line]) -> tuple[int, list[str]] | None:
    for i, line in enumerate(lines):
        keys = header_keys(line)
        if keys is not None:
            return i, keys
    return None


class LenderSchedule(DocumentParser):
    name = "lender_schedule"
    provider = "lender"
    kind = DocumentKind.REPAYMENT_SCHEDULE
    title = "还款计划 / 还款记录 (lender repayment schedule)"
    identifiers = (TITLES,)

    @classmethod
    def identify(cls, first_page: Page) -> bool:
        return (has_title(first_page, TITLES) and not has_title(first_page, SETTLEMENT_TITLES)
                and find_header(group_lines(first_page.words)) is not None)

    @classmethod
    def describe(cls) -> str:
        return "title 还款计划 / 还款计划表 / 还款记录 / 还款明细 + a header with 期数, 应还日期, 应还总额 (synonyms)"

    def parse(self, doc: PdfDocument, file: str, sha256: str) -> RepaymentSchedule:
        lender = contract = None
        columns: list[Column] | None = None
        rows: list[ScheduleRow] = []
        for page in doc.pages():
            lines = group_lines(page.words)
            found = find_header(lines)
            if page.number == 1:
                preamble = document_text([PlacedLine(1, ln) for ln in lines[:found[0] if found else len(lines)]])
                lender = labelled_lender(preamble.text, LENDER_LABELS) or _letterhead(preamble.lines)
                contract = contract_number(preamble.text)
            if found is not None:
                body = _table_lines(page, lines, found[0])
                columns = header_columns(lines[found[0]], list(zip(found[1], (w.text for w in lines[found[0]].words))),
                                         page.width, body)
            elif columns is None:
                raise StatementParseError(file, "table header 期数…应还日期…应还总额 not found", page=page.number)
            else:
                body = _table_lines(page, lines, -1)
            for raw in rows_by_anchor(body, columns, page.number, _is_row, _max_gap(page)):
                rows.append(_row(file, raw, len(rows) + 1))
        if not rows:
            raise StatementParseError(file, "no installment rows under the table header", page=1)
        return RepaymentSchedule(file, sha256, lender, contract, tuple(rows), doc.page_count)


def _letterhead(lines: Sequence[PlacedLine]) -> str | None:
    return next((n for n in (entity_name(pl.line.text("")) for pl in lines) if n), None)


def _table_lines(page: Page, lines: list[Line], header: int) -> list[Line]:
    """The lines under the header up to a 合计 row or a note (which must not join the last row)."""
    body = body_lines(page, header, lines)
    end = next((i for i, ln in enumerate(body) if _END_OF_TABLE.match(ln.words[0].text)), len(body))
    return body[:end]


def _is_row(cells: dict[str, list[Word]]) -> bool:
    number, due = cells.get("number", []), cells.get("due_date", [])
    return (len(number) == 1 and bool(_PERIOD.match(number[0].text))
            and len(due) == 1 and is_date(due[0].text))


def _max_gap(page: Page) -> float:
    return 2.5 * median([w.bottom - w.top for w in page.words] or [10.0])


def _row(file: str, raw: RawRow, number: int) -> ScheduleRow:
    r = RowReader(file, raw, number)
    period = _PERIOD.match(r.text("number"))
    if period is None:  # pragma: no cover - anchors are period numbers
        raise r.fail(f"cannot read period {r.text('number')!r} in column 期数")
    row = ScheduleRow(
        number=int(period.group(1)), due_date=r.date("due_date", "应还日期"),
        amount_due=r.amount("amount_due", "应还总额"),
        principal=r.optional_amount("principal", "应还本金"), interest=r.optional_amount("interest", "应还利息"),
        fees=_fees(r), status=_text_or_none(r.text("status")), paid_at=_paid_at(r),
        paid_amount=r.optional_amount("paid_amount", "实还金额"),
        source=SourceRef(file, raw.page, number, raw.bbox))
    _check_sum(row)
    return row


def _fees(r: RowReader) -> Decimal | None:
    """应还费用, or the sum of several fee columns (服务费 + 担保费)."""
    keys = sorted(k for k in r.row.texts if k.startswith("fees"))
    values = [v for v in (r.optional_amount(k, "应还费用") for k in keys) if v is not None]
    return sum(values, Decimal("0.00")) if values else None


def _text_or_none(text: str) -> str | None:
    return None if text in _PLACEHOLDERS else text


def _paid_at(r: RowReader) -> str | None:
    """``2025-03-13 19:45:30`` or ``2025-03-13``, the date in ISO form. A cell that printed its
    date over its time comes back joined (``2025-03-1319:45:30``): the regex splits it again."""
    text = r.text("paid_at")
    if text in _PLACEHOLDERS:
        return None
    m = _PAID_AT.match(text)
    try:
        day = parse_date(m.group("date")) if m else None
    except DateError:
        day = None
    if m is None or day is None:
        raise r.fail(f"cannot parse paid time {text!r} in column 实还时间")
    time = m.group("time")
    return day.isoformat() + (f" {time.zfill(8) if time.count(':') == 2 else time.zfill(5)}" if time else "")


def _check_sum(row: ScheduleRow) -> None:
    """应还总额 = 本金 + 利息 + 费用 where all three are printed; a mismatch is logged, not raised
    (RepaymentSchedule has no findings field yet)."""
    parts = (row.principal, row.interest, row.fees or Decimal("0.00"))
    if row.principal is None or row.interest is None:
        return
    total = sum((p for p in parts if p is not None), Decimal("0.00"))
    if total != row.amount_due:
        logger.warning("%s: 应还总额 %s but 本金+利息+费用 = %s", row.source.location(), row.amount_due, total)
