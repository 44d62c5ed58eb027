"""The fallback for any other text-based bank statement whose header row can be mapped.

It looks on page 1 for a line holding a date column (交易日期, 记账日期 …) and an amount column
(交易金额 / 金额 / 发生额, or both 收入 … and 支出 … columns, optionally with a 借贷 flag), maps
the other labels it knows (余额, 摘要, 对方户名, 对方账号 …) and reads the rows by those columns.
A header it cannot map is refused, never guessed. Sample header (平安银行):
``交易日期  交易金额  余额  交易地点  摘要  备注``. Which label became which field is reported as a
Finding of kind ``generic_columns`` ("date=交易日期, amount=交易金额, …"), so a reader of the
output knows the statement was read by its header alone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from generator.dates import is_date, is_time, parse_date
from generator.errors import StatementParseError
from generator.models import DocumentKind, Finding, SourceRef, Statement, Transaction
from generator.parsers import checks
from generator.parsers.base import DocumentParser
from generator.parsers.common import (
    row_gap,
    CURRENCIES,
    RowReader,
    clean_cell,
    flag_sign,
    preamble_field,
    split_counterparty,
    table_extent,
)
from generator.parsers.layout import (
    Column,
    Line,
    RawRow,
    body_lines,
    find_header,
    group_lines,
    header_columns,
    rows_by_anchor,
)
from generator.pdf import Page, PdfDocument, Word

# Field → the labels that mean it, most specific first. `description` may map several columns.
SYNONYMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("date", ("交易日期", "记账日期", "入账日期", "日期", "记账日", "交易日", "交易时间")),
    ("time", ("交易时间", "记账时间", "时间")),
    ("credit", ("收入金额", "收入", "存入金额", "存入", "贷方发生额", "贷方金额")),
    ("debit", ("支出金额", "支出", "取出金额", "取出", "借方发生额", "借方金额")),
    ("amount", ("交易金额", "金额", "发生额", "交易额")),
    ("flag", ("借贷", "借贷标志", "借/贷", "借贷方向", "收/支", "收支")),
    ("balance", ("余额", "账户余额", "本次余额", "联机余额", "可用余额")),
    ("counterparty", ("对方户名", "对方名称", "交易对方", "对手信息", "对方账户名", "交易对手名称", "对手户名")),
    ("counterparty_account", ("对方账号", "对方卡号/账号", "交易对手账号", "对方账户", "对方卡号")),
    ("currency", ("币种", "币别", "货币")),
)
DESCRIPTIONS = ("摘要", "交易摘要", "用途", "附言", "备注", "交易类型")
HOLDER_LABELS = ("户名", "账户名称", "客户姓名", "姓名")
ACCOUNT_LABELS = ("账号", "卡号", "客户账号", "账户号码")


def _norm(label: str) -> str:
    """``交易金额(元)`` → ``交易金额``: NFKC, no spaces, no unit suffix."""
    text = re.sub(r"\s", "", unicodedata.normalize("NFKC", label))
    return re.sub(r"\((元|人民币|RMB|CNY)\)$", "", text)


@dataclass(frozen=True)
class HeaderMap:
    """Which header word (by index in its line) became which field; the rest are not used."""

    line: Line
    fields: dict[int, str]  # word index → field key ("date", "description", …)

    def has(self, key: str) -> bool:
        return key in self.fields.values()

    @property
    def readable(self) -> bool:
        return self.has("date") and (self.has("amount") or (self.has("credit") and self.has("debit")))

    def keys(self) -> list[str]:
        """One column key per header word, unique: mapped fields keep their name, descriptions
        are numbered (``description#4``), other words become ``unused#i`` so that their text
        stays out of every field."""
        out = []
        for i in range(len(self.line.words)):
            key = self.fields.get(i, "unused")
            out.append(f"{key}#{i}" if key in ("description", "unused") else key)
        return out

    def labels(self) -> dict[str, str]:
        """Field key → printed label, for error messages (descriptions excluded)."""
        return {k: self.line.words[i].text for i, k in self.fields.items() if k != "description"}

    def message(self) -> str:
        pairs = [f"{self.fields[i]}={w.text}" for i, w in enumerate(self.line.words) if i in self.fields]
        unused = [w.text for i, w in enumerate(self.line.words) if i not in self.fields]
        return "columns mapped: " + ", ".join(pairs) + ("; not used: " + ", ".join(unused) if unused else "")


def map_header(line: Line) -> HeaderMap:
    labels = [_norm(w.text) for w in line.words]
    fields: dict[int, str] = {}
    for key, synonyms in SYNONYMS:
        for synonym in synonyms:
            free = [i for i, label in enumerate(labels) if label == synonym and i not in fields]
            if free:
                fields[free[0]] = key
                break
    if "credit" in fields.values() and "debit" in fields.values():
        fields = {i: k for i, k in fields.items() if k != "amount"}  # split columns win over a total
    for i, label in enumerate(labels):
        if label in DESCRIPTIONS and i not in fields:
            fields[i] = "description"
    return HeaderMap(line, fields)


def find_mapped_header(lines: list[Line]) -> HeaderMap | None:
    for line in lines:
        mapped = map_header(line)
        if mapped.readable:
            return mapped
    return None


def _columns_seen(lines: list[Line]) -> str:
    """The words of the line that looks most like a header, for the refusal message."""
    best = max(lines, key=lambda ln: len(map_header(ln).fields), default=None)
    if best is None or not map_header(best).fields:
        return "none"
    return ", ".join(w.text for w in best.words)


class GenericStatement(DocumentParser):
    name = "generic"
    fallback = True
    kind = DocumentKind.BANK_STATEMENT
    title = "其他银行流水（按表头识别）"
    identifiers = (("日期", "金额"),)

    @classmethod
    def identify(cls, first_page: Page) -> bool:
        """A mappable header on page 1, and no dedicated parser claims the document."""
        if find_mapped_header(group_lines(first_page.words)) is None:
            return False
        from generator.parsers import PARSERS  # the registry imports this module

        return not any(p.identify(first_page) for p in PARSERS if not p.fallback)

    @classmethod
    def describe(cls) -> str:
        return "日期… + 金额… | 日期… + 收入… + 支出… (fallback: any header with these columns)"

    def parse(self, doc: PdfDocument, file: str, sha256: str) -> Statement:
        first = group_lines(doc.first_page().words)
        header = find_mapped_header(first)
        if header is None:
            raise StatementParseError(file, f"no date and amount columns found; columns seen: {_columns_seen(first)}",
                                      page=1)
        start = first.index(header.line)
        preamble = first[:start]
        holder = next((v for v in (preamble_field(preamble, lb) for lb in HOLDER_LABELS) if v), None)
        account = next((v for v in (preamble_field(preamble, lb) for lb in ACCOUNT_LABELS) if v), None)
        transactions = self._rows(doc, file, header)
        status, findings = checks.balance_chain(transactions)
        mapping = Finding("generic_columns", header.message())
        currency = transactions[0].currency if transactions else "CNY"
        return Statement(file, sha256, self.kind, self.provider, holder, account, currency, tuple(transactions),
                         {"balance_chain": status}, (mapping, *findings), doc.page_count)

    def _rows(self, doc: PdfDocument, file: str, header: HeaderMap) -> list[Transaction]:
        labels = [w.text for w in header.line.words]
        columns: list[Column] | None = None
        transactions: list[Transaction] = []
        for page in doc.pages():
            lines = group_lines(page.words)
            at = find_header(lines, labels)
            body = body_lines(page, -1 if at is None else at, lines)
            if at is not None and len(lines[at].words) == len(labels):
                columns = _columns(header, lines[at], page, table_extent(body, _has_date, row_gap(page)))
            elif columns is None:
                raise StatementParseError(file, "table header not found", page=page.number)
            for raw in rows_by_anchor(body, columns, page.number, _is_row, row_gap(page)):
                transactions.append(_transaction(file, raw, len(transactions) + 1, header.labels()))
        return transactions


def _columns(header: HeaderMap, line: Line, page: Page, body: list[Line]) -> list[Column]:
    # Header words are renamed to their index so that repeated labels stay distinct.
    indexed = Line(tuple(Word(f"#{i}", w.x0, w.top, w.x1, w.bottom, w.page) for i, w in enumerate(line.words)))
    keys = header.keys()
    return header_columns(indexed, [(keys[i], f"#{i}") for i in range(len(keys))], page.width, body)


def _has_date(line: Line) -> bool:
    return any(is_date(w.text) for w in line.words)


def _is_row(cells: dict[str, list[Word]]) -> bool:
    words = cells["date"]
    return bool(words) and is_date(words[0].text)



# --------------------------------------------------------------------------- one row

_DATETIME = re.compile(r"^(?P<date>\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{8})\s*(?P<time>\d{2}:\d{2}(?::\d{2})?)?$")


def _transaction(file: str, raw: RawRow, number: int, labels: dict[str, str]) -> Transaction:
    r = RowReader(file, raw, number)
    day, time = _date_time(r, labels)
    name, account = _counterparty(r, labels)
    currency = r.text("currency") if "currency" in labels else ""
    description = " ".join(t for k, v in raw.texts.items() if k.startswith("description#") and (t := clean_cell(v)))
    return Transaction(
        date=day, time=time, amount=_amount(r, labels),
        balance=r.optional_amount("balance", labels["balance"]) if "balance" in labels else None,
        counterparty=name, counterparty_account=account, description=description,
        source=SourceRef(file, raw.page, number, raw.bbox), currency=CURRENCIES.get(currency, currency or "CNY"))


def _date_time(r: RowReader, labels: dict[str, str]) -> tuple[date, str | None]:
    """The date column may hold a time too (``2025-03-10 14:03:22`` under 交易时间)."""
    m = _DATETIME.match(r.text("date"))
    if m is None or not is_date(m["date"]):
        raise r.fail(f"cannot parse date {r.text('date')!r} in column {labels['date']}")
    day = parse_date(m["date"])
    time = m["time"] or _time_part(r.text("time") if "time" in labels else "")
    if time is not None and not is_time(time):
        raise r.fail(f"cannot parse time {time!r} in column {labels['time']}")
    return day, time


def _time_part(text: str) -> str | None:
    """A time column may print the date too (兴业 交易时间 ``2025-03-10 14:03:22``)."""
    m = _DATETIME.match(text)
    return (m["time"] if m else text) or None


def _amount(r: RowReader, labels: dict[str, str]) -> Decimal:
    if "credit" in labels and "debit" in labels:
        return _split_amount(r, labels)
    amount = r.amount("amount", labels["amount"])
    if "flag" not in labels:
        return amount
    sign = flag_sign(r.text("flag"))
    if sign is None:
        raise r.fail(f"cannot read debit/credit flag {r.text('flag')!r} in column {labels['flag']}")
    if amount < 0:
        raise r.fail(f"signed amount {r.text('amount')!r} in column {labels['amount']} beside a debit/credit flag")
    return -amount if sign < 0 and amount else amount


def _split_amount(r: RowReader, labels: dict[str, str]) -> Decimal:
    """Money in and out in two columns; the unused one is blank, ``--`` or ``0.00``."""
    credit = r.optional_amount("credit", labels["credit"])
    debit = r.optional_amount("debit", labels["debit"])
    if credit is None and debit is None:
        raise r.fail(f"no amount in column {labels['credit']} or {labels['debit']}")
    if credit and debit:
        raise r.fail(f"amounts in both {labels['credit']} ({r.text('credit')!r}) and {labels['debit']} "
                     f"({r.text('debit')!r})")
    if credit:
        return abs(credit)
    return -abs(debit) if debit else Decimal("0.00")


def _counterparty(r: RowReader, labels: dict[str, str]) -> tuple[str, str]:
    name = clean_cell(r.text("counterparty"))
    if "counterparty_account" in labels:
        return name, clean_cell(r.text("counterparty_account"))
    return split_counterparty(name)  # one column holding "name account" (对手信息)
