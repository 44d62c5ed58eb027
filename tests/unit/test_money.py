from decimal import Decimal

import pytest

from generator.money import AmountError, format_cny, parse_amount, require_amount, to_str, uppercase_cny


@pytest.mark.parametrize(("text", "expected"), [
    ("1,234.56", "1234.56"), ("-1,050.00", "-1050.00"), ("¥1,050.00", "1050.00"), ("￥12", "12.00"),
    ("CNY 1,000.5", "1000.50"), ("RMB-3.10", "-3.10"), ("(12.00)", "-12.00"), ("（12.00）", "-12.00"),
    ("１，０５０．００", "1050.00"), ("－５０.００", "-50.00"), ("+8.00", "8.00"), ("1050元", "1050.00"),
    ("-¥20.00", "-20.00"), ("-CNY 1,050.00", "-1050.00"), ("CNY -1,050.00", "-1050.00"), (" 0.005 ", "0.01"), ("−7.25", "-7.25"),
])
def test_parse_amount(text: str, expected: str) -> None:
    value = parse_amount(text)
    assert value == Decimal(expected) and str(value) == expected  # in cents, as the contract prints


@pytest.mark.parametrize("text", ["", "-", "--", "—", "/"])
def test_placeholders_are_no_amount(text: str) -> None:
    assert parse_amount(text) is None
    with pytest.raises(AmountError, match="no amount"):
        require_amount(text)


# A 28-digit order number once crashed rounding (Decimal's precision) instead of being refused.
@pytest.mark.parametrize("text", ["1,2O3.00", "abc", "1.2.3", "12-3", "2025012970179218216470415320",
                                  "-2025012970179218216470415320.5"])
def test_garbage_is_refused_with_the_text_quoted(text: str) -> None:
    with pytest.raises(AmountError, match="not an amount"):
        parse_amount(text)


def test_formats() -> None:
    assert to_str(Decimal("-1050")) == "-1050.00"
    assert format_cny(Decimal("12000")) == "12,000.00"
    assert uppercase_cny(Decimal("1060.30")) == "人民币壹仟零陆拾元叁角整"
    assert uppercase_cny(Decimal("12000.00")) == "人民币壹万贰仟元整"
    assert uppercase_cny(Decimal("1050.05")) == "人民币壹仟零伍拾元零伍分"


def test_no_float_in_generator() -> None:
    from pathlib import Path
    import re

    root = Path(__file__).resolve().parents[2] / "generator"
    offenders = [str(p) for p in root.rglob("*.py") if re.search(r"(^|[^a-zA-Z_])float\(", p.read_text())]
    assert offenders == []
