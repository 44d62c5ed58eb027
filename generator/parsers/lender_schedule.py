"""还款计划 / 还款计划表 / 还款记录 / 还款明细: a lender's installment table.

Lenders name the same columns differently, so the header is read through synonyms, over as
many lines as it prints (lender_columns.py):

    期数      应还日期    应还本金  应还利息  应还费用  应还总额  状态
    第1/12期  2025-07-18  500.06    90.00     0.00      590.06    待还
    期次  到期日      本金    利息   罚息  应还金额  还款状态  实际还款时间  实还金额  还款方式
    2/6   2025-03-10  491.03  30.18  1.62  521.21    已还      2025-03-13    522.83    主动还款
                                                                19:45:30

Rows are keyed by a line holding a period number and a due date; a 实还时间 cell that prints its
date over its time joins its row. The header repeats on every page or stands on page 1 only; a
合计 row or a note ends the table on its page. Columns the header names but the contract has no
field for (罚息, 还款方式, 还款账户 …) bound their neighbours and are otherwise ignored.

Each row's 应还总额 is what the document prints. Where 本金 + 利息 + 费用 differs, the row is
kept as printed and the difference reported (`total_findings`), never corrected or refused.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from decimal import Decimal

from generator.dates import DateError, is_date, parse_date
from generator.documents import RepaymentSchedule, ScheduleRow
from generator.errors import StatementParseError
from generator.models import DocumentKind, Finding, SourceRef
from generator.parsers.base import DocumentParser
from generator.parsers.common import RowReader
from generator.parsers.table import row_gap
from generator.parsers.layout import FOOTER, Column, Line, RawRow, group_lines, rows_by_anchor
from generator.parsers.lender_columns import Header, columns, find_header
from generator.parsers.lender_fields import LABELS
from generator.parsers.lender_settlement import TITLES as SETTLEMENT_TITLES
from generator.parsers.lender_text import (PlacedLine, document_text, has_title, institution_lines, labelled_lender,
                                           labelled_number)
from generator.pdf import Page, PdfDocument, Word

logger = logging.getLogger(__name__)

TITLES = ("还款计划", "还款计划表", "还款记录", "还款明细", "还款计划明细")
LENDER_LABELS = "出具机构|放款机构|出资方|出资机构|贷款机构|资金方|资金提供方|出借人|贷款人|债权人"
_PERIOD = re.compile(r"^第?(\d{1,3})(?:[/／](\d{1,3}))?期?$")
_END_OF_TABLE = re.compile(r"^(?:合计|总计|小计|注|备注|说明|温馨提示|提示)")
_PAID_AT = re.compile(r"^(?P<date>\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{8})\s*(?P<time>\d{1,2}:\d{2}(?::\d{2})?)?$")
_PLACEHOLDERS = frozenset({"", "-", "--", "—", "——", "/", "／"})


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
        cols: list[Column] | None = None
        rows: list[ScheduleRow] = []
        for page in doc.pages():
            lines = group_lines(page.words)
            header = find_header(lines)
            if page.number == 1:
                lender, contract = _preamble(lines[:header.index if header else len(lines)])
            if header is not None:
                body = _table_lines(lines[header.index + header.depth:])
                cols = columns(header.labels, body, page.width)
            elif cols is None:
                raise StatementParseError(file, "schedule.no_header", page=page.number)
            else:
                body = _table_lines(lines)
            for raw in rows_by_anchor(body, cols, page.number, _is_row, row_gap(page)):
                rows.append(_row(file, raw, len(rows) + 1))
        if not rows:
            raise StatementParseError(file, "schedule.no_rows", page=1)
        _log_findings(file, total_findings(rows))
        return RepaymentSchedule(file, sha256, lender, contract, tuple(rows), doc.page_count)


def _preamble(lines: Sequence[Line]) -> tuple[str | None, str | None]:
    """The lender (by label, else the letterhead) and the contract number above the table."""
    placed = [PlacedLine(1, ln) for ln in lines]
    text = document_text(placed).text if placed else ""
    lender = labelled_lender(text, LENDER_LABELS) or next((n for n, _ in institution_lines(placed)), None)
    return lender, labelled_number(text, LABELS["contract"])


def _table_lines(lines: Sequence[Line]) -> list[Line]:
    """The lines under the header, without footers, up to a 合计 row or a note (which must not
    join the last row)."""
    body = [ln for ln in lines if not FOOTER.match(ln.text("").strip())]
    end = next((i for i, ln in enumerate(body) if _END_OF_TABLE.match(ln.words[0].text)), len(body))
    return body[:end]


def _is_row(cells: dict[str, list[Word]]) -> bool:
    """A line with a period number and a due date (either may be letter-spaced: ``第 3 期``,
    ``2024 年 03 月 05 日``)."""
    number, due = cells.get("number", []), cells.get("due_date", [])
    return (0 < len(number) <= 3 and bool(_PERIOD.match("".join(w.text for w in number)))
            and 0 < len(due) <= 6 and is_date("".join(w.text for w in due)))


def _row(file: str, raw: RawRow, number: int) -> ScheduleRow:
    r = RowReader(file, _unspaced(raw, ("number", "due_date", "paid_at")), number)
    period = _PERIOD.match(r.text("number"))
    if period is None:  # pragma: no cover - anchors are period numbers
        raise r.fail("parse.period", text=r.text("number"))
    return ScheduleRow(
        number=int(period.group(1)), due_date=r.date("due_date", "应还日期"),
        amount_due=r.amount("amount_due", "应还总额"),
        principal=r.optional_amount("principal", "应还本金"), interest=r.optional_amount("interest", "应还利息"),
        fees=_fees(r), status=_text_or_none(r.text("status")), paid_at=_paid_at(r),
        paid_amount=_optional(r, "paid_amount", "实还金额"),
        source=SourceRef(file, raw.page, number, raw.bbox))


def _unspaced(raw: RawRow, keys: Sequence[str]) -> RawRow:
    """The row with the spaces inside its period, date and time cells removed (``2024 年 03 月
    05 日 08:02:11`` → ``2024年03月05日08:02:11``, which `_PAID_AT` splits again)."""
    texts = {k: re.sub(r"\s", "", v) if k in keys else v for k, v in raw.texts.items()}
    return RawRow(raw.page, texts, raw.bbox, raw.anchor)


def _optional(r: RowReader, key: str, label: str) -> Decimal | None:
    return None if r.text(key) in _PLACEHOLDERS else r.optional_amount(key, label)


def _fees(r: RowReader) -> Decimal | None:
    """应还费用, or the sum of several fee columns (服务费 + 担保费)."""
    keys = sorted(k for k in r.row.texts if k.startswith("fees"))
    values = [v for v in (_optional(r, k, "应还费用") for k in keys) if v is not None]
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
        raise r.fail("parse.paid_time", text=text)
    time = m.group("time")
    return day.isoformat() + (f" {time.zfill(8) if time.count(':') == 2 else time.zfill(5)}" if time else "")


def total_findings(rows: Sequence[ScheduleRow]) -> tuple[Finding, ...]:
    """Rows whose printed 应还总额 is not 本金 + 利息 + 费用 (where 本金 and 利息 are printed)."""
    out = []
    for row in rows:
        if row.principal is None or row.interest is None:
            continue
        parts = row.principal + row.interest + (row.fees or Decimal("0.00"))
        if parts != row.amount_due:
            out.append(Finding("schedule_total_mismatch",
                               f"{row.source.location()}: 应还总额 {row.amount_due} but 本金+利息+费用 = {parts}",
                               (row.source,)))
    return tuple(out)


def _log_findings(file: str, findings: Sequence[Finding]) -> None:
    """One warning per document (RepaymentSchedule has no findings field yet)."""
    if findings:
        logger.warning("%s: %d installment(s) print an 应还总额 other than 本金+利息+费用, kept as printed; first: %s",
                       file, len(findings), findings[0].message)
