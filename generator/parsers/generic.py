"""The fallback for any other text-based bank statement whose header can be mapped.

It reads a header holding a date column (交易日期, 记账日期 …) and an amount column (交易金额 / 金额 /
发生额, or both 收入 … and 支出 … columns, optionally with a 借贷 flag), the other labels it knows
(余额, 摘要, 对方户名, 对方账号 …), with the same table reader as every other format. A header it
cannot map is refused, never guessed, and it never claims a document whose title names an issuer
that has a reader of its own (a 建设银行 statement in a layout we do not know is refused as such,
not read as "some bank"), nor a payment platform's proof. Sample header (平安银行):
``交易日期  交易金额  余额  交易地点  摘要  备注``. Which label became which field is reported as a
Finding of kind ``generic_columns`` ("date=交易日期, amount=交易金额, …").
"""

from __future__ import annotations

from dataclasses import replace

from generator.errors import StatementParseError
from generator.models import DocumentKind, Finding, Statement
from generator.parsers.layout import Line, group_lines
from generator.parsers.statement import StatementFormat, top_text
from generator.parsers.table import Table
from generator.parsers.table_header import Vocabulary, find_header
from generator.parsers.table_spec import Col, Flagged, Signed, Split, TableSpec
from generator.pdf import Page, PdfDocument

# Issuers and platforms with a reader of their own: their documents are never "some bank's".
KNOWN_ISSUERS = ("招商银行", "工商银行", "建设银行", "农业银行", "农业银⾏", "中国银行", "交通银行", "Bocom",
                 "China Merchants Bank", "支付宝", "微信", "财付通", "个人信用报告", "征信中心")
DESCRIPTIONS = ("summary", "type", "purpose", "memo", "note")
SPEC = TableSpec(
    columns=(Col("date", ("交易日期", "记账日期", "入账日期", "日期", "记账日", "交易日", "Date", "Transaction Date",
                          "交易时间"), True),
             Col("time", ("交易时间", "记账时间", "时间", "Time")),
             Col("credit", ("收入金额", "收入", "存入金额", "存入", "贷方发生额", "贷方金额", "Credit")),
             Col("debit", ("支出金额", "支出", "取出金额", "取出", "借方发生额", "借方金额", "Debit")),
             Col("amount", ("交易金额", "金额", "发生额", "交易额", "Amount", "Transaction Amount")),
             Col("flag", ("借贷", "借贷标志", "借/贷", "借贷方向", "收/支", "收支")),
             Col("balance", ("余额", "账户余额", "本次余额", "联机余额", "可用余额", "Balance")),
             Col("counterparty", ("对方户名", "对方名称", "交易对方", "对手信息", "对方账户名", "交易对手名称", "对手户名")),
             Col("counterparty_account", ("对方账号", "对方卡号/账号", "交易对手账号", "对方账户", "对方卡号")),
             Col("currency", ("币种", "币别", "货币", "Currency")),
             Col("summary", ("摘要", "交易摘要", "Description")), Col("type", ("交易类型",)), Col("purpose", ("用途",)),
             Col("memo", ("附言",)), Col("note", ("备注", "Remark"))),
    amounts=(Split(), Flagged(), Signed()), description=DESCRIPTIONS, extra_description=False,
    holder_labels=("户名", "账户名称", "客户姓名", "姓名"), account_labels=("账号", "卡号", "客户账号", "账户号码"))


class GenericStatement(StatementFormat):
    name = "generic"
    fallback = True
    kind = DocumentKind.BANK_STATEMENT
    title = "其他银行流水（按表头识别）"
    issuer = ""
    identifiers = (("日期", "金额"),)
    spec = SPEC

    @classmethod
    def identify(cls, first_page: Page) -> bool:
        """A mappable header on page 1, and a title naming no issuer that has its own reader."""
        title = top_text(first_page).replace(" ", "")
        if any(name.replace(" ", "") in title for name in KNOWN_ISSUERS):
            return False
        return find_header(group_lines(first_page.words), Vocabulary(SPEC)) is not None

    @classmethod
    def describe(cls) -> str:
        return "日期… + 金额… | 日期… + 收入… + 支出… (fallback: any header with these columns)"

    def parse(self, doc: PdfDocument, file: str, sha256: str) -> Statement:
        try:
            read = super().parse(doc, file, sha256)
        except StatementParseError as exc:
            if exc.msg.code != "parse.no_header":
                raise
            seen = ", ".join(w.text for w in max(group_lines(doc.first_page().words), key=_labels).words)
            if not seen:
                raise StatementParseError(file, "parse.no_columns_seen", page=1) from None
            raise StatementParseError(file, "parse.no_columns", page=1, seen=seen) from None
        return read

    def parsed(self, statement: Statement, table: Table) -> Statement:
        mapped = ", ".join(f"{'description' if k in DESCRIPTIONS else k}={label}"
                           for k, label in table.ordered_labels() if not k.startswith("extra:"))
        unused = [label for k, label in table.ordered_labels() if k.startswith("extra:")]
        message = "columns mapped: " + mapped + ("; not used: " + ", ".join(unused) if unused else "")
        findings = tuple(f for f in statement.findings if f.kind != "unknown_columns")
        return replace(statement, findings=(Finding("generic_columns", message), *findings))


def _labels(line: Line) -> int:
    labels = {label for col in SPEC.columns for label in col.labels}
    return sum(1 for w in line.words if w.text in labels)
