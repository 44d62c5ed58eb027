"""还款记录 as a lender app's screenshot (read by OCR): no fixed layout, a line per installment or
a card of a few lines, the lender's name somewhere on the screen:

    重庆蚂蚁消费金融有限公司
    第3期  2025-03-10  已还  1,060.30
    3/12期   ¥1,060.30   已还款
             还款时间 2025-03-09 14:03:22
    3/12  2025/03/10  1,060.30  已还          (a table under a title lender_schedule does not know)

A line holding a period number (第N期, N/M期) starts an installment; the lines under it, up to
the next one, belong to it. Its first date is the due date, a date labelled 还款时间/还款日期/实还
(or a second date) is when it was paid; its first amount is what it is, and what was paid when its
status says so (已还, 已还款, 已结清, 提前还款). A paid status with no payment date gives no
paid_at: the screenshot alone does not say when the money moved.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.dates import DateError, parse_date
from generator.documents import RepaymentSchedule, ScheduleRow
from generator.errors import StatementParseError
from generator.models import DocumentKind, SourceRef
from generator.money import parse_amount
from generator.parsers.base import DocumentParser
from generator.parsers.layout import group_lines
from generator.parsers.lender_fields import LABELS
from generator.parsers.lender_schedule import LENDER_LABELS, LenderSchedule
from generator.parsers.lender_text import PlacedLine, entity_name, institution_lines, labelled_lender, labelled_number
from generator.pdf import Page, PdfDocument

_PERIOD = re.compile(r"第\s*(\d{1,3})\s*期|(?<![\d/])(\d{1,3})\s*/\s*\d{1,3}\s*期|^\s*(\d{1,3})\s*/\s*\d{1,3}(?![\d/])")
_DATE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?")
_TIME = re.compile(r"^\s*(\d{1,2}:\d{2}(?::\d{2})?)")
_AMOUNT = re.compile(r"(?<![\d.])[¥￥]?\s*(\d{1,3}(?:,\d{3})+\.\d{2}|\d+\.\d{2})(?![\d])")
_STATUS = re.compile(r"已结清|已还清|已还款|已还|提前还款|待还款|待还|未到期|未还款|未还|已逾期|逾期")
_PAID = ("已结清", "已还清", "已还款", "已还", "提前还款")
_PAID_LABEL = re.compile(r"(?:还款时间|还款日期|实还时间|实还日期|实际还款|扣款时间|到账时间)\s*[:：]?\s*$")
_MIN_ROWS = 2
# Points: an app's badge (已还 on a coloured pill) stands a little higher than the text beside it;
# OCR pages are sized so a line of text is about 10 pt tall (generator/ocr/scan.py).
_LINE_TOLERANCE = 4.0


def _is_installment(text: str) -> bool:
    return bool(_PERIOD.search(text)) and bool(_DATE.search(text) or _AMOUNT.search(text) or _STATUS.search(text))


class LenderScreenshot(DocumentParser):
    name = "lender_screenshot"
    provider = "lender"
    kind = DocumentKind.REPAYMENT_SCHEDULE
    title = "还款记录截图 (lender app screenshot)"
    identifiers = (("第N期 or N/M期", "a date or an amount"),)

    @classmethod
    def identify(cls, first_page: Page) -> bool:
        """A page read by OCR with at least two installment lines that lender_schedule does not
        take (a 还款计划 table under its title, even photographed, is its)."""
        if first_page.confidences is None:
            return False
        rows = sum(1 for ln in group_lines(first_page.words, _LINE_TOLERANCE) if _is_installment(ln.text(" ")))
        return rows >= _MIN_ROWS and not LenderSchedule.identify(first_page)

    @classmethod
    def describe(cls) -> str:
        return "a screenshot or photo (OCR) with lines 第N期 / N/M期 and a date or an amount, no table header"

    def parse(self, doc: PdfDocument, file: str, sha256: str) -> RepaymentSchedule:
        placed = [PlacedLine(p.number, ln) for p in doc.pages() for ln in group_lines(p.words, _LINE_TOLERANCE)]
        rows: list[ScheduleRow] = []
        for block in _blocks(placed):
            rows.append(_row(file, block, len(rows) + 1))
        if not rows:
            raise StatementParseError(file, "ocr.screenshot_no_rows", page=1)
        text = "\n".join(pl.line.text(" ") for pl in placed)
        return RepaymentSchedule(file, sha256, _lender(placed), labelled_number(text, LABELS["contract"]),
                                 tuple(rows), doc.page_count)


def _blocks(placed: Sequence[PlacedLine]) -> list[list[PlacedLine]]:
    out: list[list[PlacedLine]] = []
    for pl in placed:
        text = pl.line.text(" ")
        if _PERIOD.search(text):
            out.append([pl])
        elif out and pl.page == out[-1][0].page and not _lender_line(text):
            out[-1].append(pl)
    return out


def _lender_line(text: str) -> bool:
    return bool(re.search(r"(?:公司|银行)$", text))


def _lender(placed: Sequence[PlacedLine]) -> str | None:
    text = "\n".join(pl.line.text(" ") for pl in placed)
    label = re.compile(rf"^(?:{LENDER_LABELS})\s*[:：]?")
    alone = (entity_name(label.sub("", pl.line.text(""))) for pl in placed)  # short lines: one line, one name
    return (labelled_lender(text, LENDER_LABELS) or next((n for n in alone if n), None)
            or next((n for n, _ in institution_lines(placed)), None))


def _dates(text: str) -> tuple[list[str], list[str]]:
    """Unlabelled and payment dates (ISO, a payment date with its time where printed)."""
    plain, paid = [], []
    for m in _DATE.finditer(text):
        try:
            day = parse_date(re.sub(r"\s", "", m.group(0))).isoformat()
        except DateError:
            continue
        time = _TIME.match(text[m.end():])
        if _PAID_LABEL.search(re.sub(r"\s", "", text[:m.start()])):  # OCR may split 实 还时间
            paid.append(day + (f" {time.group(1).zfill(8 if time.group(1).count(':') == 2 else 5)}" if time else ""))
        else:
            plain.append(day)
    return plain, paid


def _row(file: str, block: list[PlacedLine], number: int) -> ScheduleRow:
    text = " ".join(pl.line.text(" ") for pl in block)
    page = block[0].page
    words = [w for pl in block for w in pl.line.words]
    bbox = (min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words), max(w.bottom for w in words))
    period = _PERIOD.search(text)
    assert period is not None
    plain, paid = _dates(_PERIOD.sub(" ", text, count=1))
    if not plain and not paid:
        raise StatementParseError(file, "ocr.screenshot_no_date", page=page, row=number, text=text)
    amount_match = _AMOUNT.search(_DATE.sub(" ", text))
    amount = parse_amount(amount_match.group(1)) if amount_match else None
    if amount is None:
        raise StatementParseError(file, "ocr.screenshot_no_amount", page=page, row=number, text=text)
    status_match = _STATUS.search(re.sub(r"\s", "", text))  # OCR may read 已 还 as two words
    status = status_match.group(0) if status_match else None
    paid_at = paid[0] if paid else (plain[1] if len(plain) > 1 else None)
    return ScheduleRow(number=int(next(g for g in period.groups() if g)), due_date=parse_date((plain or paid)[0][:10]),
                       amount_due=amount, principal=None, interest=None, fees=None, status=status,
                       paid_at=paid_at, paid_amount=amount if status in _PAID else None,
                       source=SourceRef(file, page, number, bbox))
