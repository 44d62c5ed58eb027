"""What a statement format's table is, declared: the one table reader (table.py) does the rest.

A format lists its columns, each with the labels it is printed under in Chinese and English
(spaces, full-width forms and case do not count; a cell may print its label over one to three
lines, English above or below the Chinese, or both on one line: ``余额Balance``), says which
columns a header must show, which column starts a row, and how money's direction is printed.
Sample (交通银行)::

    TableSpec(columns=(Col("seq", ("序号", "Serial Num")), Col("date", ("交易日期", "Trans Date"), True),
                       ..., Col("flag", ("借贷", "Dc Flg")), Col("amount", ("交易金额", "Trans Amt"), True)),
              amounts=(Flagged(),), sequence="seq")
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

# Keys with a meaning to the reader; any other key is a column kept for the description.
DATE, TIME, AMOUNT, CREDIT, DEBIT, FLAG, BALANCE = "date", "time", "amount", "credit", "debit", "flag", "balance"
COUNTERPARTY, COUNTERPARTY_ACCOUNT, CURRENCY, SEQUENCE = "counterparty", "counterparty_account", "currency", "seq"

# Debit/credit flags as printed (spaces removed, upper-cased): ``借 Dr`` is money out.
OUT_FLAGS = ("借", "借方", "借DR", "DR", "D", "支出", "支", "出", "付", "转出")
IN_FLAGS = ("贷", "贷方", "贷CR", "CR", "C", "收入", "收", "入", "存", "转入")


_UNIT = re.compile(r"\((元|人民币|rmb|cny)\)$")


@lru_cache(maxsize=8192)
def norm_label(text: str) -> str:
    """A label as compared: NFKC, no whitespace, ASCII lower-cased, without a trailing colon or a
    unit suffix (``交易金额（元）`` is 交易金额)."""
    text = re.sub(r"\s", "", unicodedata.normalize("NFKC", text)).lower()
    return _UNIT.sub("", text.rstrip(":"))


@dataclass(frozen=True)
class Col:
    """One column: its key, every label it is printed under (Chinese and English), and whether a
    header without it is not this format's header."""

    key: str
    labels: tuple[str, ...]
    required: bool = False

    def __post_init__(self) -> None:
        if not self.labels:
            raise ValueError(f"column {self.key!r}: needs at least one label")

    @cached_property
    def zh(self) -> tuple[str, ...]:
        return tuple(n for n in map(norm_label, self.labels) if not n.isascii())

    @cached_property
    def en(self) -> tuple[str, ...]:
        return tuple(n for n in map(norm_label, self.labels) if n.isascii())


@dataclass(frozen=True)
class Signed:
    """One signed amount column: ``-1,060.30`` is money out."""

    column: str = AMOUNT

    @property
    def needs(self) -> tuple[str, ...]:
        return (self.column,)


@dataclass(frozen=True)
class Flagged:
    """An unsigned amount beside a flag: ``借 Dr`` / ``支出`` out, ``贷 Cr`` / ``收入`` in; `neutral`
    flags (``不计收支``, ``其他``, ``/``) keep the amount unsigned and mark the description."""

    column: str = AMOUNT
    flag: str = FLAG
    out: tuple[str, ...] = OUT_FLAGS
    into: tuple[str, ...] = IN_FLAGS
    neutral: tuple[str, ...] = ()
    mark: str = ""  # appended to the description of a neutral row: ``（不计收支）``

    @property
    def needs(self) -> tuple[str, ...]:
        return (self.column, self.flag)

    def sign(self, text: str) -> int | None:
        key = re.sub(r"\s", "", unicodedata.normalize("NFKC", text)).upper()
        if key in self.out:
            return -1
        if key in self.into:
            return 1
        if key in self.neutral:
            return 0
        return None


@dataclass(frozen=True)
class Split:
    """Money in and money out in two columns, the unused one blank, ``--`` or ``0.00``."""

    credit: str = CREDIT
    debit: str = DEBIT

    @property
    def needs(self) -> tuple[str, ...]:
        return (self.credit, self.debit)


AmountRule = Signed | Flagged | Split

NOTE_LINES = re.compile(
    r"^(温馨提示|提示[:：]|特别提示|说明[:：]?|注[:：]|注意[:：]|备注[:：]|本页|合计|总计|本期合计|当前时间段|本清单|本明细|本证明|"
    r"本回单|以下空白|以下无|交易笔数|借方发生|贷方发生|[-—*＊\s]*END[-—*＊\s]*$|[*＊\s]{4,}$|[-—]{6,})")


@dataclass(frozen=True)
class TableSpec:
    """A statement table. `anchor` is the column whose cell starts a row (a date, or 收/支);
    `amounts` are tried in order, the first whose columns the header shows wins; `description`
    lists the columns joined into a row's description (columns the spec does not know are added
    after them); `ends` are lines that end the table on their page (notes, totals, end markers)."""

    columns: tuple[Col, ...]
    amounts: tuple[AmountRule, ...] = (Signed(),)
    anchor: str = DATE
    anchor_values: tuple[str, ...] = ()  # the anchor cell reads one of these (or their start), not a date
    description: tuple[str, ...] = ()
    sequence: str | None = None
    ends: re.Pattern[str] = NOTE_LINES
    holder_labels: tuple[str, ...] = ("户名", "户 名", "客户姓名", "客户名称", "账户名称", "账户名", "姓名")
    account_labels: tuple[str, ...] = ("卡号/账号", "账号/卡号", "借记卡号", "客户账号", "账号", "卡号", "账户")
    extra_description: bool = True
    # The counterparty column holds a name alone (微信's and 支付宝's 交易对方): digits it ends in are
    # the name's (中国铁路12306, 美团1234), never an account number to split off.
    names_only: bool = False
    required_keys: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        keys = [c.key for c in self.columns]
        if len(set(keys)) != len(keys):
            raise ValueError(f"duplicate column keys in {keys}")
        for rule in self.amounts:
            missing = [k for k in rule.needs if k not in keys]
            if missing:
                raise ValueError(f"amount rule {rule} needs columns {missing}")
        if self.anchor not in keys:
            raise ValueError(f"anchor column {self.anchor!r} is not a column")
        object.__setattr__(self, "required_keys", tuple(c.key for c in self.columns if c.required))

    def column(self, key: str) -> Col:
        return next(c for c in self.columns if c.key == key)
