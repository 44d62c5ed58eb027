"""One printed row as a Transaction: date and time, the amount by the format's rule, balance,
counterparty, description. Compiled with mypyc (setup.py): it runs once per row of every statement."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from generator.dates import DateError, fold, parse_date, split_date_time
from generator.models import Finding, SourceRef, Transaction
from generator.parsers.common import CURRENCIES, RowReader, clean_cell, split_account_name, split_counterparty
from generator.parsers.layout import RawRow
from generator.parsers.table import Table, extra_keys
from dataclasses import dataclass
from generator.parsers.table_spec import (AMOUNT, BALANCE, COUNTERPARTY, COUNTERPARTY_ACCOUNT, CURRENCY, DATE,
                                          SEQUENCE, TIME, AmountRule, Flagged, Signed, Split, TableSpec)

_ANY_DATE = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}")
_CLOCK = re.compile(r"^(?P<h>[01]?\d|2[0-3]):?(?P<m>[0-5]\d):?(?P<s>[0-5]\d)?$")


@dataclass(frozen=True)
class Columns:
    """What the table's header showed, looked up once per row."""

    keys: frozenset[str]
    extras: tuple[str, ...]  # columns the spec does not know, for the description
    labels: dict[str, str]
    anchor: str
    description: tuple[str, ...]  # the spec's description columns the table has
    names_only: bool = False  # the counterparty column holds a name alone (spec.names_only)

    @classmethod
    def of(cls, table: Table, spec: TableSpec) -> Columns:
        keys = table.keys
        extras = tuple(extra_keys(keys)) if spec.extra_description else ()
        return cls(keys, extras, dict(table.labels), table.anchor, tuple(k for k in spec.description if k in keys),
                   spec.names_only)


def build_row(r: RowReader, table: Columns, rule: AmountRule, currency: str) -> tuple[str, Transaction]:
    """The row as a Transaction, with the flow text as printed (for printed totals)."""
    day, time = date_time(r, table)
    amount, flow, neutral = row_amount(r, table, rule)
    name, account = counterparty(r, table.keys, table.names_only)
    parts = [clean_cell(r.text(k)) for k in table.description]
    parts += [clean_cell(r.text(k)) for k in table.extras]
    description = " ".join([p for p in parts if p]) + (rule.mark if neutral and isinstance(rule, Flagged) else "")
    printed_currency = clean_cell(r.text(CURRENCY))
    return flow, Transaction(
        date=day, time=time, amount=amount, balance=_balance(r, table), counterparty=name,
        counterparty_account=account, description=description,
        source=SourceRef(r.file, r.row.page, r.number, r.row.bbox, _printed_seq(r, table)),
        currency=CURRENCIES.get(printed_currency, printed_currency or currency))


def _printed_seq(r: RowReader, table: Columns) -> str | None:
    return (clean_cell(r.text(SEQUENCE)) or None) if SEQUENCE in table.keys else None


def date_time(r: RowReader, table: Columns) -> tuple[date, str | None]:
    """The date cell may carry the time (``2025-03-09 14:03:22``, or wrapped ``2025-03-0914:03:22``);
    a time column may carry the date. Both are read strictly (dates.split_date_time): a cell whose
    day and hour cannot be told apart is refused, never guessed."""
    text = clean_cell(r.text(DATE))
    if len(_ANY_DATE.findall(fold(text))) > 1:
        raise r.fail("parse.two_records", text=text, column=table.labels.get(DATE, DATE),
                     anchor=table.labels.get(table.anchor, table.anchor))
    try:
        printed, time = split_date_time(text)
        day = parse_date(printed)
    except DateError:
        raise r.fail("parse.date", text=text, column=table.labels.get(DATE, DATE)) from None
    if time is None and TIME in table.keys:
        time = _time_cell(clean_cell(r.text(TIME)))
    return day, None if time is None else _clock(r, time, table.labels.get(TIME, DATE))


def _time_cell(text: str) -> str | None:
    """A time column's cell: a time alone (spaces inside it do not matter), or a date and time."""
    bare = fold(text).replace(" ", "")
    if not bare or _CLOCK.match(bare):
        return bare or None
    try:
        return split_date_time(text)[1]
    except DateError:
        return bare


def _clock(r: RowReader, text: str, label: str) -> str:
    m = _CLOCK.match(text)
    if m is None:
        raise r.fail("parse.time", text=text, column=label)
    return f"{int(m['h']):02d}:{m['m']}:{m['s'] or '00'}" if m["s"] or ":" not in text else f"{int(m['h']):02d}:{m['m']}"


def row_amount(r: RowReader, table: Columns, rule: AmountRule) -> tuple[Decimal, str, bool]:
    """The signed amount, the flow as printed, and whether the row is neutral (不计收支)."""
    labels = table.labels
    if isinstance(rule, Split):
        return _split(r, rule, labels), "", False
    if isinstance(rule, Signed):
        return r.amount(rule.column, labels.get(rule.column, AMOUNT)), "", False
    flow = clean_cell(r.text(rule.flag)).replace(" ", "") or r.text(rule.flag)
    sign = rule.sign(flow)
    if sign is None:
        raise r.fail("parse.flag", text=r.text(rule.flag), column=labels.get(rule.flag, rule.flag),
                     choices=rule.out[:2] + rule.into[:2] + rule.neutral[:2])
    amount = r.amount(rule.column, labels.get(rule.column, AMOUNT))
    if amount < 0:
        raise r.fail("parse.signed_amount", text=r.text(rule.column), column=labels.get(rule.column, rule.column),
                     flow=flow)
    return (-amount if sign < 0 and amount else amount), flow, sign == 0


def _split(r: RowReader, rule: Split, labels: dict[str, str]) -> Decimal:
    credit = r.optional_amount(rule.credit, labels[rule.credit]) if clean_cell(r.text(rule.credit)) else None
    debit = r.optional_amount(rule.debit, labels[rule.debit]) if clean_cell(r.text(rule.debit)) else None
    if credit and debit:
        raise r.fail("parse.both_amounts", credit=labels[rule.credit], credit_text=r.text(rule.credit),
                     debit=labels[rule.debit], debit_text=r.text(rule.debit))
    if credit:
        return abs(credit)
    if debit:
        return -abs(debit)
    if credit is None and debit is None:
        raise r.fail("parse.no_amount", credit=labels[rule.credit], debit=labels[rule.debit])
    return Decimal("0.00")


def _balance(r: RowReader, table: Columns) -> Decimal | None:
    if BALANCE not in table.keys or not clean_cell(r.text(BALANCE)):
        return None
    return r.optional_amount(BALANCE, table.labels[BALANCE])


def counterparty(r: RowReader, keys: frozenset[str], names_only: bool = False) -> tuple[str, str]:
    """The name and account: from their two columns, or from one cell holding both
    (``重庆蚂蚁消费金融有限公司 2088…`` or ``50050107…/重庆蚂蚁消费金融有限公司``); a column of names
    alone keeps the digits a name ends in (``中国铁路12306``)."""
    name = clean_cell(r.text(COUNTERPARTY))
    if COUNTERPARTY_ACCOUNT in keys:
        return name, clean_cell(r.text(COUNTERPARTY_ACCOUNT))
    if names_only:
        return name, ""
    if "/" in name:
        return split_account_name(name)
    return split_counterparty(name)


def row_sequence(rows: Sequence[RawRow], transactions: Sequence[Transaction], key: str) -> tuple[str, list[Finding]]:
    """序号 must run 1, 2, 3 … over the printed rows (or down to 1 where the newest is printed first)."""
    printed = [row.texts.get(key, "").strip() for row in rows]
    expected = [str(n) for n in range(1, len(rows) + 1)]
    if printed == expected or printed == expected[::-1]:
        return "ok", []
    ascending = printed[:1] != [str(len(rows))] or len(rows) == 1
    for n, (text, tx) in enumerate(zip(printed, transactions), start=1):
        want = str(n if ascending else len(rows) + 1 - n)
        if text != want:
            return "failed", [Finding("row_sequence_broken", f"{tx.source.location()}: 序号 {text!r} where {want} "
                                      "was expected (a row is missing, repeated or unreadable)", (tx.source,))]
    return "failed", []
