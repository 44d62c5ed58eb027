"""An export file as a Statement: sniff the bytes, read the grid, recognise the format, read the
table, run the self-checks its columns allow (balance chain, 序号, the printed summary).

The Statement is marked `exported`: the file is self-produced and unsealed, good for finding and
matching payments, weaker as evidence than a stamped 交易流水证明 or a bank's 流水.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.errors import AmbiguousDocument, InputError, StatementParseError, UnknownProvider, UnrecognizedDocument
from generator.exports.grid import GridError, Sheet, text_sheet, workbook_sheets
from generator.exports.html import html_sheet
from generator.exports.reader import Table, choose_layout, find_header, read_table, transactions
from generator.exports.registry import EXPORTS, labels
from generator.exports.sniff import Kind, UndecodableText, decode_text, sniff
from generator.exports.spec import ExportFormat
from generator.models import Statement
from generator.money import AmountError, require_amount
from generator.parsers import checks
from generator.parsers.common import CURRENCIES, PrintedTotal, booking_order, check_printed_totals
from generator.parsers.rows import row_sequence
from generator.parsers.table_spec import norm_label

SHEET_KINDS = (Kind.TEXT, Kind.HTML, Kind.XLS, Kind.XLSX, Kind.ODS)
_FLOW_TOTAL = r"(?P<flow>{flows})\s*[:：]\s*(?P<n>\d+)\s*笔[,，\s]*(?P<total>[\d,]+\.\d{{2}})\s*元"
_CJK_BEFORE = r"(?<![\u3400-\u9fff])"


class ExportError(InputError):
    """An export file cannot be read as a table (undecodable, damaged, a web page with no table)."""


def read_export(data: bytes, file: str, sha256: str, *, provider: str | None = None) -> Statement:
    sheets = read_sheets(data, file)
    found = find_header(file, sheets, labels())
    fmt = recognise(file, found.top, provider)
    layout, keys = choose_layout(file, fmt, found)
    table = read_table(file, sheets, found, layout, keys)
    if not table.rows:
        raise StatementParseError(file, "parse.no_rows", labels=" ".join(c for c in found.cells if c))
    spec = layout.spec
    currency = _currency(table.preamble, fmt)
    every, kept = transactions(file, fmt, table, currency)
    moved = [tx for _, tx in kept]
    status, findings = checks.balance_chain(booking_order(moved))
    results = {"balance_chain": status}
    if spec.sequence is not None and spec.sequence in keys.values():
        results["row_sequence"], more = row_sequence(table.rows, [tx for _, tx in every], spec.sequence)
        findings += more
    totals = printed_totals(fmt, table, found.sheet.number)
    if totals is not None:
        results["printed_totals"], more = check_printed_totals(file, totals, every)
        findings += more
    printed = [*table.preamble, *(row for _, row in table.outside)]  # 支付宝 2020 names the 用户 below the table
    holder = _value(printed, spec.holder_labels)
    account = _value(printed, spec.account_labels)
    return Statement(file, sha256, fmt.kind, fmt.provider, holder, account, currency, tuple(moved), results,
                     tuple(findings + table.findings), len(sheets), exported=True)


def read_sheets(data: bytes, file: str) -> list[Sheet]:
    kind = sniff(data)
    if kind not in SHEET_KINDS:
        raise ExportError(file, "export.not_sheet", kind=kind.value)
    try:
        if kind is Kind.TEXT:
            return [text_sheet(decode_text(data), labels(), norm_label)]
        if kind is Kind.HTML:
            sheet, tables = html_sheet(decode_text(data))
            if not tables:
                raise ExportError(file, "export.web_page")
            return [sheet]
        return workbook_sheets(data)
    except UndecodableText:
        raise ExportError(file, "export.undecodable") from None
    except GridError as exc:
        raise ExportError(file, exc.msg.code, **exc.msg.params) from None


def holds_table(data: bytes) -> bool:
    """Whether a text file may be a document: anything but text (a PDF or workbook under a .txt
    name), or text holding a known export's table header. A note beside the documents is neither."""
    if sniff(data) is not Kind.TEXT:
        return True
    try:
        sheet = text_sheet(decode_text(data, partial=True), labels(), norm_label)  # `data` may be a file's head
        find_header("", [sheet], labels())
    except (UndecodableText, GridError, UnrecognizedDocument):
        return False
    return True


def recognise(file: str, top: str, provider: str | None) -> type[ExportFormat]:
    if provider is not None:
        chosen = [f for f in EXPORTS if provider in (f.name, f.provider)]
        if not chosen:
            raise UnknownProvider("provider.unknown_export", name=provider, known=tuple(f.provider for f in EXPORTS))
        return chosen[0]
    claimed = [f for f in EXPORTS if f.identify(top)]
    if not claimed:
        raise UnrecognizedDocument(file, "export.unrecognised", tried=tuple(f.name for f in EXPORTS))
    if len(claimed) > 1:
        raise AmbiguousDocument(file, "export.ambiguous", formats=tuple(f.name for f in claimed))
    return claimed[0]


def printed_totals(fmt: type[ExportFormat], table: Table, first_sheet: int) -> list[PrintedTotal] | None:
    """``共12笔记录`` and each flow's ``支出：8笔 4,321.50元`` (or ``已支出:8笔,4321.50元`` over two
    cells), the first of each, from the preamble and the rows below the table."""
    totals = fmt.totals
    if totals is None:
        return None
    pattern = re.compile(_FLOW_TOTAL.format(flows="|".join(map(re.escape, sorted(totals.flows, key=len, reverse=True)))))
    seen: dict[str | None, PrintedTotal] = {}
    for page, row in [(first_sheet, r) for r in table.preamble] + table.outside:
        text = " ".join(c for c in row if c)
        count = totals.count.match(text)
        if count:
            seen.setdefault(None, PrintedTotal(None, int(count[1]), None, page))
        for m in pattern.finditer(text):
            try:
                total = require_amount(m["total"])
            except AmountError:
                continue
            flow = totals.flows[m["flow"]]
            seen.setdefault(flow, PrintedTotal(flow, int(m["n"]), total, page))
    return list(seen.values())


def _value(rows: Sequence[tuple[str, ...]], names: Sequence[str]) -> str | None:
    """The value printed after ``label：`` (``户名：张三``, ``账号:[6214…]``, or the label and its
    value in two cells); a label inside a longer one (户名 in 对方户名) does not count."""
    for name in names:
        pattern = re.compile(_CJK_BEFORE + r"\s*".join(map(re.escape, name)) + r"\s*[:：]\s*\[?\s*([^\]\s,，;；\[]+)")
        for row in rows:
            m = pattern.search(" ".join(c for c in row if c))
            if m:
                return m[1]
    return None


def _currency(rows: Sequence[tuple[str, ...]], fmt: type[ExportFormat]) -> str:
    printed = _value(rows, ("币种", "币别", "货币")) or ""
    return CURRENCIES.get(printed.removesuffix("元").split("/")[0], fmt.default_currency)

