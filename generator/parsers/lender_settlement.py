"""结清证明 / 贷款结清证明 / 还款结清证明 / 结清证明书: a lender's settlement certificate.

Wording differs by lender, so every field is read by its label first (a key/value table, a
one-row table, ``label：value`` in any order and punctuation), and only then from a sentence:

    借款人林晓雨（身份证号：330***********2417）于2024年01月10日通过借呗向重庆蚂蚁消费金融有限公司申请借款，
    借款合同编号JB202401100012345678，借款金额人民币12,000.00元（大写：壹万贰仟元整）。截至2025年06月30日，
    上述借款本息及相关费用已全部结清，双方债权债务关系终止。
    用户方〈姓名〉，身份证号〈〉，…截止 2022 年 06 月 08 日，用户方已支付本金和平台服务费共计 N 元（大写：…）…
    借据号：WB2024020100056        贷款金额（大写）：人民币伍万元整
    借款人姓名 | 叶晓国 | 身份证号 | 4****************6        (a key/value table, two or four columns)

An amount counts as the principal only under a principal label (借款金额, 借款本金 …): "本金和平台
服务费共计 N 元" is a total paid, not the loan. A field that is not printed stays None; a
certificate without a settlement date is refused. The issuer is the name as printed, its
former name in brackets and its wrapped lines included.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal

from generator.documents import Settlement, SettlementCertificate
from generator.errors import StatementParseError
from generator.lenders import find_lender
from generator.models import DocumentKind, SourceRef
from generator.money import AmountError, parse_amount
from generator.parsers.base import DocumentParser
from generator.parsers.lender_amounts import amount_parts, clause_after, uppercase_value
from generator.parsers.lender_fields import LABELS, Cell, best, table_cells
from generator.parsers.lender_text import (COLON, DATE, LABEL_DATE, NAME, NUMBER, SEP, WS, DocText, PlacedLine,
                                           checked_date, document_text, entity_name, has_title, institution_lines,
                                           labelled_lender, labelled_number, page_lines, search)
from generator.pdf import Page, PdfDocument

__all__ = ["TITLES", "DocText", "LenderSettlement", "PlacedLine", "uppercase_value"]

logger = logging.getLogger(__name__)

TITLES = ("结清证明", "结清证明书")
_ROLE = r"(?:借款人|用户方|客户|用户|申请人)"


class LenderSettlement(DocumentParser):
    name = "lender_settlement"
    provider = "lender"
    kind = DocumentKind.SETTLEMENT_CERTIFICATE
    title = "结清证明 (lender settlement certificate)"
    identifiers = (TITLES,)

    @classmethod
    def identify(cls, first_page: Page) -> bool:
        return has_title(first_page, TITLES)

    @classmethod
    def describe(cls) -> str:
        return "title 结清证明 / 贷款结清证明 / 还款结清证明 / 结清证明书 at the top of page 1"

    def parse(self, doc: PdfDocument, file: str, sha256: str) -> SettlementCertificate:
        placed = page_lines(list(doc.pages()))
        settlement = _settlement(file, document_text(placed), table_cells(file, placed))
        return SettlementCertificate(file, sha256, settlement, doc.page_count)


def _settlement(file: str, dt: DocText, cells: Sequence[Cell]) -> Settlement:
    t = dt.text
    settled, where = _dated(t, cells, "settled", _SETTLED)
    if settled is None:
        raise StatementParseError(file, "certificate.no_settlement_date", page=1)
    lowercase, uppercase = _principal(file, t, cells)
    return Settlement(
        lender=_issuer(dt, cells), borrower=_text_field(t, cells, "borrower", _BORROWER, _name),
        id_number=_text_field(t, cells, "id_number", _ID, _id),
        contract_number=_cell(cells, "contract", _number) or labelled_number(t, LABELS["contract"]),
        principal=lowercase, principal_uppercase=uppercase,
        disbursed_on=_dated(t, cells, "disbursed", _DISBURSED)[0], settled_on=settled,
        issued_on=_issued(t, cells), source=_source(file, dt, where))


def _labelled(field: str, value: str, *, colon: bool = False) -> tuple[str, ...]:
    sep = rf"{WS}{COLON}{WS}" if colon else SEP
    return tuple(rf"{label}{sep}({value})" for label in LABELS[field])


_BORROWER = (*_labelled("borrower", NAME, colon=True),
             rf"(?:兹证明|尊敬的)(?:{WS}{COLON})?{WS}{_ROLE}?{WS}({NAME}){WS}(?:先生|女士)?{WS}[（(，,：:]",
             rf"{_ROLE}{WS}({NAME}){WS}(?:先生|女士)?[（(，,]",
             rf"{_ROLE}{WS}([\u4e00-\u9fff·]{{2,4}}?)(?=在|于|通过|向)")
_ID = tuple(rf"{label}{WS}{COLON}?{WS}([0-9Xx*＊]{{6,18}})" for label in LABELS["id_number"])
_DISBURSED = (*_labelled("disbursed", LABEL_DATE),
              rf"于{WS}({DATE}){WS}(?:在|通过|向)(?:(?!结清)[^。；;\n]){{0,40}}?(?:借款|贷款)",
              rf"于{WS}({DATE}){WS}(?:发放|放款)")
_SETTLED = (*_labelled("settled", LABEL_DATE),
            rf"截[至止]{WS}({DATE})[^。]{{0,120}}?(?:结清|还清|清偿)",
            rf"于{WS}({DATE}){WS}(?:全部|已经|已)?{WS}(?:结清|还清)")
_ISSUED = (*_labelled("issued", LABEL_DATE), rf"^{WS}日期{WS}{COLON}{WS}({DATE}){WS}$")


def _name(value: str) -> str | None:
    v = re.sub(r"\s|先生$|女士$", "", value)
    return v if re.fullmatch(NAME, v) else None


def _id(value: str) -> str | None:
    v = re.sub(r"\s", "", value)
    return v if re.fullmatch(r"[0-9Xx*＊]{6,18}", v) else None


def _number(value: str) -> str | None:
    v = re.sub(r"\s", "", value)
    return v if re.fullmatch(NUMBER, v) else None


Check = Callable[[str], str | None]


def _cell(cells: Sequence[Cell], field: str, check: Check) -> str | None:
    """The first cell of `field` (best label first) whose value passes `check`."""
    return next((v for v in (check(c.value) for c in best(cells, field)) if v), None)


def _text_field(text: str, cells: Sequence[Cell], field: str, patterns: Sequence[str], check: Check) -> str | None:
    found = _cell(cells, field, check)
    if found is None:
        m = search(text, patterns)
        found = m.group(1) if m else None
    return found


def _dated(text: str, cells: Sequence[Cell], field: str,
           patterns: Sequence[str]) -> tuple[date | None, int | PlacedLine | None]:
    """A date from a table cell, else by label (``结清日期：…``), else from a sentence; with where it
    was printed (the cell's line or the text offset)."""
    for cell in best(cells, field):
        day = checked_date(cell.value)
        if day is not None:
            return day, cell.line
    m = search(text, patterns)
    return (None, None) if m is None else (checked_date(m.group(1)), m.start(1))


def _issued(text: str, cells: Sequence[Cell]) -> date | None:
    day, _ = _dated(text, cells, "issued", _ISSUED)
    if day is None:
        alone = re.findall(rf"^{WS}({DATE}){WS}$", text, re.MULTILINE)
        day = checked_date(alone[-1]) if alone else None  # the date under the signature
    return day


def _issuer(dt: DocText, cells: Sequence[Cell]) -> str | None:
    labelled = _cell(cells, "lender", entity_name) or labelled_lender(dt.text, "|".join(LABELS["lender"]))
    if labelled:
        return labelled
    names = [name for name, _ in reversed(institution_lines(dt.lines))]
    known = [n for n in names if find_lender(n) is not None]
    return next(iter(known or names), None)


_PRINCIPAL_LABEL = rf"(?:{'|'.join(LABELS['principal'])})(?:[（(](小写|大写|元|人民币)[)）])?{SEP}"


def _principal(file: str, text: str, cells: Sequence[Cell]) -> tuple[Decimal | None, str | None]:
    """The 小写 and 大写 amounts under a principal label, from the tables first, then the text."""
    clauses = [(c.qualifier, c.value) for c in best(cells, "principal")]
    clauses += [(m.group(1) or "", clause_after(text, m.end())) for m in re.finditer(_PRINCIPAL_LABEL, text)]
    lower = upper = None
    for qualifier, clause in clauses:
        low, up = amount_parts(clause)
        lower = lower or (low if qualifier != "大写" else None)
        upper = upper or (up if qualifier != "小写" else None)
    try:
        value = None if lower is None else parse_amount(lower)
    except AmountError:
        raise StatementParseError(file, "certificate.loan_amount", text=lower) from None
    from_upper = None if upper is None else uppercase_value(upper)
    if value is not None and upper is not None and from_upper != value:
        logger.warning("%s: 大写 %r does not equal 小写 %s", file, upper, value)
    return (value if value is not None else from_upper), upper


def _source(file: str, dt: DocText, where: int | PlacedLine | None) -> SourceRef:
    """Where the settlement is stated: the sentence or label line, else the table row."""
    placed = dt.line_at(where) if isinstance(where, int) else (where or dt.lines[0])
    words = placed.line.words
    bbox = (min(w.x0 for w in words), placed.line.top, max(w.x1 for w in words), placed.line.bottom)
    return SourceRef(file, placed.page, 1, bbox)
