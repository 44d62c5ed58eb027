"""Money is Decimal, parsed in exactly one place.

Statements print amounts as ``-1,050.00``, ``¥1,050.00``, ``+¥19.00``, ``CNY 1050``, ``（12.00）`` for a debit,
full-width ``１，０５０．００``, or a bare ``-``/``--`` for "no amount".
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
# No statement, loan or repayment of a borrower reaches a trillion yuan (一万亿): a larger number is
# a misread reference number or a typing error, and 金额大写 (cn2an) stops at 16 digits anyway.
MAX_AMOUNT = Decimal(10) ** 12
# Amounts that agree to the cent are the same amount; this is the one place that says so.
AMOUNT_TOLERANCE = Decimal("0.00")

_PLACEHOLDERS = frozenset({"", "-", "--", "—", "——", "－", "/"})
_PREFIXES = ("人民币", "RMB", "CNY", "¥", "￥")
# No statement prints a sum of 10^18 yuan; longer digit runs are account or order numbers, which
# Decimal's 28 digits could not even round to the cent.
_LONGEST = 24
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
# ASCII digits with optional sign, commas and decimals (``-1,050.00``), nearly every cell: the full
# path below would only drop the commas, so this shape skips it with the same result.
_PLAIN = re.compile(r"[+-]?[0-9][0-9,]*(?:\.[0-9]+)?").fullmatch


class AmountError(ValueError):
    """The text is not an amount; the message quotes it."""


def _normalise(text: str) -> str:
    # NFKC folds full-width digits, comma, period and parentheses to ASCII.
    s = unicodedata.normalize("NFKC", text).strip()
    s = s.replace("−", "-").replace("—", "-").replace("–", "-")
    s = re.sub(r"\s+", "", s)
    return s


def parse_amount(text: str) -> Decimal | None:
    """Parse one printed amount; ``None`` for a placeholder meaning "no amount".

    >>> parse_amount("-1,050.00"), parse_amount("(12.00)"), parse_amount("--")
    (Decimal('-1050.00'), Decimal('-12.00'), None)
    """
    if _PLAIN(text) is not None and len(text) <= _LONGEST:
        value = Decimal(text.replace(",", ""))
        if abs(value) >= MAX_AMOUNT:
            raise AmountError(f"not an amount: {text!r} (at most {MAX_AMOUNT - 1:,})")
        return value if text[-3:-2] == "." else quantize(value)  # two decimals: already in cents
    raw = text
    s = _normalise(text)
    if s in _PLACEHOLDERS or text.strip() in _PLACEHOLDERS:
        return None
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1]
    # "-CNY 1,050.00", "+¥19.00": the sign before the currency
    if s[:1] in "+-" and s[1:] and not s[1:2].isdigit() and s[1:2] not in "+-":
        negative, s = negative ^ (s[0] == "-"), s[1:]
    for prefix in _PREFIXES:
        if s.upper().startswith(prefix):
            s = s[len(prefix):]
    s = s.removesuffix("元")
    if s.startswith("-") and len(s) > 1 and not s[1].isdigit():
        s = s[1:].lstrip("¥")
        negative = not negative
    s = s.replace(",", "")
    if not _NUMBER.match(s) or len(s) > _LONGEST:  # a reference number, not money
        raise AmountError(f"not an amount: {raw!r}")
    try:
        value = Decimal(s)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only valid numbers
        raise AmountError(f"not an amount: {raw!r}") from exc
    if value >= MAX_AMOUNT:
        raise AmountError(f"not an amount: {raw!r} (at most {MAX_AMOUNT - 1:,})")
    return quantize(-value if negative else value)


def require_amount(text: str) -> Decimal:
    """Like `parse_amount`, but a placeholder is an error: the column must hold a number."""
    value = parse_amount(text)
    if value is None:
        raise AmountError(f"no amount: {text!r}")
    return value


def quantize(value: Decimal) -> Decimal:
    """Round half-up to the cent, the rule Chinese lenders and banks print with."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def to_str(value: Decimal) -> str:
    """The contract's decimal string: ``-1050.00``."""
    return f"{quantize(value):.2f}"


def format_cny(value: Decimal) -> str:
    """Thousands separators for letters and tables: ``12,000.00``."""
    return f"{quantize(value):,.2f}"


def uppercase_cny(value: Decimal) -> str:
    """金额大写 as written on Chinese legal documents: ``人民币壹仟零伍拾元整``."""
    import cn2an  # imported here: it loads a large table and only letters need it

    q = quantize(abs(value))
    if q >= MAX_AMOUNT:  # inputs are bounded (parse_amount, case.toml): only a sum can get here
        from generator.errors import RenderError

        raise RenderError("value.implausible_amount", value=f"{q:,.2f}", limit=f"{MAX_AMOUNT - 1:,}")
    words: str = cn2an.an2cn(f"{q:.2f}", "rmb")
    if not words.endswith(("整", "分")):
        words += "整"
    return ("负" if value < 0 else "") + "人民币" + words


def amounts_equal(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= AMOUNT_TOLERANCE
