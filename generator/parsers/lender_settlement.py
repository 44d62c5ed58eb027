"""结清证明 / 贷款结清证明 / 还款结清证明 / 结清证明书: a lender's settlement certificate.

Wording differs by lender, so fields are read by label or by sentence, never by position:

    借款人林晓雨（身份证号：330***********2417）于2024年01月10日通过借呗向重庆蚂蚁消费金融有限公司申请借款，
    借款合同编号JB202401100012345678，借款金额人民币12,000.00元（大写：壹万贰仟元整）。截至2025年06月30日，
    上述借款本息及相关费用已全部结清，双方债权债务关系终止。
    借据号：WB2024020100056        贷款金额（大写）：人民币伍万元整
    | 借款编号 | 产品名称 | 借款金额(元) | 放款日期 | 结清日期 |   (a one-row table)

A field that is not printed stays None. The issuer is the name as printed (signature line first);
the lender table is used only to prefer a known lender among several printed names.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise
from statistics import median

from generator.dates import DateError, parse_date
from generator.documents import Settlement, SettlementCertificate
from generator.errors import StatementParseError
from generator.lenders import find_lender
from generator.models import DocumentKind, SourceRef
from generator.money import AmountError, parse_amount, uppercase_cny
from generator.parsers.base import DocumentParser
from generator.parsers.layout import FOOTER, Line, cells, group_lines, header_columns
from generator.pdf import Page, PdfDocument

logger = logging.getLogger(__name__)

TITLES = ("结清证明", "结清证明书")
WS, COLON = r"[ \t]*", r"[:：]"
SEP = rf"{WS}(?:{COLON}|为|是)?{WS}"
DATE = r"\d{4}[ \t]*年[ \t]*\d{1,2}[ \t]*月[ \t]*\d{1,2}[ \t]*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
NAME = r"[\u3400-\u4dbf\u4e00-\u9fff·]{2,8}"
NUMBER = r"[A-Za-z0-9][A-Za-z0-9-]{3,}"
AMOUNT = r"[0-9][0-9,]*(?:\.[0-9]{1,2})?"
UPPER = r"(?:人民币)?[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元圆角分整正]*[元圆][零壹贰叁肆伍陆柒捌玖角分整正]*"
AMOUNT_LABELS = "借款金额|贷款金额|借款本金|贷款本金|放款金额|发放金额|合同金额"
CONTRACT_LABELS = ("借款合同编号", "合同编号", "借据编号", "借据号", "借款编号")
_ENTITY = re.compile(r"^[^\s:：，,。；;]{2,60}?(?:公司|银行|分行|支行|个人信贷部|信贷部|营业部|中心)$")
_SEAL_MARK = re.compile(r"[（(]?(?:盖章|公章|签章|电子签章)[)）]?$")


# --------------------------------------------------------------------------- document text


@dataclass(frozen=True)
class PlacedLine:
    page: int
    line: Line


@dataclass(frozen=True)
class DocText:
    """The document as one string: a wrapped paragraph's lines joined with nothing (so a sentence
    or number broken across lines reads whole), other lines separated by a newline."""

    text: str
    starts: tuple[int, ...]
    lines: tuple[PlacedLine, ...]

    def line_at(self, offset: int) -> PlacedLine:
        index = max(i for i, start in enumerate(self.starts) if start <= offset)
        return self.lines[index]


def document_text(placed: Sequence[PlacedLine]) -> DocText:
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    margins = _margins(placed)
    for i, pl in enumerate(placed):
        if i:
            sep = "" if _continues(placed[i - 1], pl, margins[pl.page]) else "\n"
            parts.append(sep)
            offset += len(sep)
        starts.append(offset)
        text = pl.line.text(" ")
        parts.append(text)
        offset += len(text)
    return DocText("".join(parts), tuple(starts), tuple(placed))


_Margins = tuple[float, float, float]  # character size, left edge, right edge of the text


def _margins(placed: Sequence[PlacedLine]) -> dict[int, _Margins]:
    out: dict[int, _Margins] = {}
    for page in {pl.page for pl in placed}:
        lines = [pl.line for pl in placed if pl.page == page]
        out[page] = (median(w.bottom - w.top for ln in lines for w in ln.words),
                     min(ln.words[0].x0 for ln in lines), max(ln.words[-1].x1 for ln in lines))
    return out


def _continues(prev: PlacedLine, line: PlacedLine, margins: _Margins) -> bool:
    """A line continues the previous one when that one is a full-width run of text (a wrapped
    paragraph: from the left margin, or a first-line indent, to the right edge, without a column
    gap) and this one starts at the left margin."""
    if prev.page != line.page:
        return False
    char, left, right = margins
    words = prev.line.words
    widest_gap = max((b.x0 - a.x1 for a, b in pairwise(words)), default=0.0)
    return (words[0].x0 <= left + 3 * char and words[-1].x1 >= right - 1.5 * char and widest_gap < 2 * char
            and line.line.words[0].x0 <= left + 0.5 * char)


def page_lines(pages: Sequence[Page]) -> list[PlacedLine]:
    return [PlacedLine(p.number, ln) for p in pages for ln in group_lines(p.words)
            if not FOOTER.match(ln.text("").strip())]


def has_title(page: Page, titles: Sequence[str], *, top: float = 0.4, extra: int = 16) -> bool:
    """A short line in the top part of the page that ends with one of `titles` (an issuer name
    may stand before it on the same line: ``招联消费金融股份有限公司贷款结清证明``)."""
    for line in group_lines(page.words):
        spaced = all(len(w.text) <= 2 for w in line.words)  # a letter-spaced title: 结 清 证 明
        if line.top > page.height * top or (len(line.words) > 2 and not spaced):
            continue
        text = line.text("")
        if re.search(r"[，,。:：；]", text):
            continue
        if any(text.endswith(t) and len(text) - len(t) <= extra for t in titles):
            return True
    return False


def search(text: str, patterns: Sequence[str]) -> re.Match[str] | None:
    """The first pattern (in priority order) that matches; its earliest match."""
    for pattern in patterns:
        m = re.search(pattern, text, re.MULTILINE)
        if m:
            return m
    return None


def contract_number(text: str) -> str | None:
    m = search(text, [rf"{label}{SEP}({NUMBER})" for label in CONTRACT_LABELS])
    return m.group(1) if m else None


def entity_name(text: str) -> str | None:
    """A printed line that is an institution's name alone, without a seal marker."""
    name = _SEAL_MARK.sub("", text.replace(" ", ""))
    return name if _ENTITY.match(name) else None


def labelled_lender(text: str, labels: str) -> str | None:
    m = re.search(rf"(?:{labels}){WS}{COLON}{WS}([^\s:：，,。；;]{{4,60}})", text)
    return entity_name(m.group(1)) if m else None


def to_date(text: str) -> date:
    return parse_date(re.sub(r"[ \t]", "", text))


# --------------------------------------------------------------------------- the parser


@dataclass(frozen=True)
class _Table:
    """The one value row of a small table under a header such as 借款编号 借款金额(元) 放款日期."""

    values: dict[str, str]
    line: PlacedLine


TABLE_FIELDS = {**{label: "contract" for label in CONTRACT_LABELS},
                **{label: "principal" for label in ("借款金额", "贷款金额", "借款本金", "放款金额")},
                **{label: "disbursed" for label in ("放款日期", "借款日期", "发放日期", "放款日")},
                **{label: "settled" for label in ("结清日期", "结清日")}}


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
        pages = list(doc.pages())
        placed = page_lines(pages)
        dt = document_text(placed)
        table = _table(file, placed)
        settlement = _settlement(file, dt, table)
        return SettlementCertificate(file, sha256, settlement, doc.page_count)


def _settlement(file: str, dt: DocText, table: _Table | None) -> Settlement:
    t = dt.text
    values = table.values if table else {}
    cell = values.get
    settled, where = _dated(t, _SETTLED, cell("settled"))
    lowercase, uppercase = _principal(file, t, cell("principal"))
    fields = Settlement(
        lender=_issuer(dt), borrower=_group(t, _BORROWER), id_number=_group(t, _ID),
        contract_number=contract_number(t) or cell("contract"),
        principal=lowercase, principal_uppercase=uppercase,
        disbursed_on=_date(t, _DISBURSED, cell("disbursed")), settled_on=settled,
        issued_on=_issued(t), source=_source(file, dt, where, table))
    if fields.settled_on is None and fields.contract_number is None and fields.lender is None:
        raise StatementParseError(file, "no settlement date, contract number or lender found in the certificate",
                                  page=1)
    return fields


_BORROWER = (rf"(?:借款人姓名|借款人|客户姓名|姓名){WS}{COLON}{WS}({NAME})",
             rf"(?:兹证明|尊敬的)(?:{WS}{COLON})?{WS}(?:借款人|客户|用户)?{WS}({NAME}){WS}(?:先生|女士)?{WS}[（(，,]",
             rf"借款人{WS}({NAME}){WS}[（(，,]")
_ID = (rf"(?:身份证号码|身份证号|证件号码|证件号|身份证){WS}{COLON}?{WS}([0-9Xx*＊]{{6,18}})",)
_DISBURSED = (rf"(?:放款日期|放款日|借款日期|发放日期|贷款发放日|借款日|贷款日期){SEP}({DATE})",
              rf"于{WS}({DATE}){WS}(?:在|通过|向)(?:(?!结清)[^。；;\n]){{0,40}}?(?:借款|贷款)",
              rf"于{WS}({DATE}){WS}(?:发放|放款)")
_SETTLED = (rf"(?:结清日期|结清日|还清日期){SEP}({DATE})",
            rf"截[至止]{WS}({DATE})[^。\n]{{0,40}}?(?:已全部结清|已结清|全部结清|已全部还清|已还清)",
            rf"于{WS}({DATE}){WS}(?:全部|已经|已)?{WS}(?:结清|还清)")
_ISSUED = (rf"(?:开具日期|出具日期|开立日期|证明日期|打印日期|签发日期){SEP}({DATE})",
           rf"^{WS}日期{WS}{COLON}{WS}({DATE}){WS}$")
_LOWER = (rf"(?:{AMOUNT_LABELS}){WS}(?:[（(](?:小写|元)[)）])?{SEP}(?:人民币|RMB|CNY|[¥￥])?{WS}({AMOUNT}){WS}元?",
          rf"借款{WS}(?:人民币|[¥￥]){WS}({AMOUNT}){WS}元")
_UPPER = (rf"(?:{AMOUNT_LABELS}){WS}[（(]大写[)）]{WS}{COLON}?{WS}({UPPER})",
          rf"[（(]大写{WS}{COLON}{WS}({UPPER})",
          rf"(?:{AMOUNT_LABELS}){SEP}({UPPER})")


def _group(text: str, patterns: Sequence[str]) -> str | None:
    m = search(text, patterns)
    return m.group(1) if m else None


def _date(text: str, patterns: Sequence[str], cell: str | None) -> date | None:
    return _dated(text, patterns, cell)[0]


def _dated(text: str, patterns: Sequence[str], cell: str | None) -> tuple[date | None, int | None]:
    """A date by label (``结清日期：…``), else from the table, else from a sentence; with the
    text offset where it was printed (None for the table)."""
    m = search(text, patterns[:1])
    if m is None and cell:
        return _checked_date(cell), None
    m = m or search(text, patterns[1:])
    return (None, None) if m is None else (_checked_date(m.group(1)), m.start(1))


def _checked_date(raw: str) -> date | None:
    try:
        return to_date(raw)
    except DateError:
        logger.warning("not a date: %r", raw)
        return None


def _issued(text: str) -> date | None:
    raw = _group(text, _ISSUED)
    if raw is None:
        alone = re.findall(rf"^{WS}({DATE}){WS}$", text, re.MULTILINE)
        raw = alone[-1] if alone else None  # the date under the signature
    return None if raw is None else _checked_date(raw)


def _issuer(dt: DocText) -> str | None:
    labelled = labelled_lender(dt.text, "出具机构|开具机构|出具单位|贷款机构|放款机构|贷款人|出借人|债权人")
    if labelled:
        return labelled
    names = [n for n in (entity_name(pl.line.text("")) for pl in reversed(dt.lines)) if n]
    known = [n for n in names if find_lender(n) is not None]
    return next(iter(known or names), None)


def _principal(file: str, text: str, cell: str | None) -> tuple[Decimal | None, str | None]:
    raw = _group(text, _LOWER) or cell
    upper = _group(text, _UPPER)
    try:
        lower = None if raw is None else parse_amount(raw)
    except AmountError:
        raise StatementParseError(file, f"cannot parse the loan amount {raw!r}") from None
    from_upper = None if upper is None else uppercase_value(upper)
    if lower is not None and upper is not None and from_upper != lower:
        logger.warning("%s: 大写 %r does not equal 小写 %s", file, upper, lower)
    return (lower if lower is not None else from_upper), upper


_DIGITS = dict(zip("零壹贰叁肆伍陆柒捌玖", range(10)))


def uppercase_value(text: str) -> Decimal | None:
    """``人民币壹万贰仟元整`` → 12000.00 with cn2an, accepted only if writing the value back in
    大写 gives the printed text again (so a misread character cannot pass as a number)."""
    import cn2an  # a large table: only certificates need it

    s = text.removeprefix("人民币").replace("圆", "元").replace("正", "整")
    yuan, _, rest = s.partition("元")
    m = re.fullmatch(r"(?:零?([零壹贰叁肆伍陆柒捌玖])角)?(?:零?([零壹贰叁肆伍陆柒捌玖])分)?整?", rest)
    try:
        whole = cn2an.cn2an(yuan, "strict") if yuan else 0
    except ValueError:
        return None
    if m is None or not isinstance(whole, int):
        return None
    value = Decimal(whole) + Decimal(_DIGITS.get(m.group(1) or "零", 0)) / 10 + Decimal(
        _DIGITS.get(m.group(2) or "零", 0)) / 100
    again = uppercase_cny(value).removeprefix("人民币").removesuffix("整")
    return value.quantize(Decimal("0.01")) if again == s.removesuffix("整") else None


def _source(file: str, dt: DocText, offset: int | None, table: _Table | None) -> SourceRef:
    """Where the settlement is stated: the sentence or label line, else the table row."""
    placed = dt.line_at(offset) if offset is not None else (table.line if table else dt.lines[0])
    words = placed.line.words
    bbox = (min(w.x0 for w in words), placed.line.top, max(w.x1 for w in words), placed.line.bottom)
    return SourceRef(file, placed.page, 1, bbox)


def _table(file: str, placed: Sequence[PlacedLine]) -> _Table | None:
    for i, pl in enumerate(placed):
        labels = [_label(w.text) for w in pl.line.words]
        if sum(label in TABLE_FIELDS for label in labels) < 3 or any(re.search(COLON, w.text) for w in pl.line.words):
            continue
        rows = [p for p in placed[i + 1:i + 3] if p.page == pl.page and len(p.line.words) >= 3]
        if not rows:
            return None
        columns = header_columns(pl.line, [(f"c{k}", w.text) for k, w in enumerate(pl.line.words)], 1e4,
                                 [r.line for r in rows])
        if len(rows) > 1:
            raise StatementParseError(file, "the certificate lists several loans; one loan per certificate is "
                                      f"supported ({rows[1].line.text()!r})", page=pl.page)
        texts = {k: " ".join(w.text for w in ws) for k, ws in cells(rows[0].line.words, columns).items()}
        values = {TABLE_FIELDS[lab]: texts[f"c{k}"] for k, lab in enumerate(labels) if lab in TABLE_FIELDS}
        return _Table(values, rows[0])
    return None


def _label(text: str) -> str:
    return re.sub(r"[（(](?:元|人民币)[)）]$", "", text.replace(" ", ""))
