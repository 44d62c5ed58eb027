"""Amounts as lenders print them: 小写 (``¥24,451.69元``, ``人民币12,000.00元``, a bare number under a
label) and 大写 (``人民币贰万肆仟肆佰伍拾壹元陆角玖分``), found in the clause after a label."""

from __future__ import annotations

import re
from decimal import Decimal

from generator.money import uppercase_cny
from generator.parsers.lender_text import WS

NUM = r"\d[\d,]*(?:\.\d{1,2})?"
_UPPER_DIGITS = "零壹贰叁肆伍陆柒捌玖"
UPPER = rf"(?:人民币)?[壹贰叁肆伍陆柒捌玖拾][{_UPPER_DIGITS}拾佰仟万亿]*[元圆][{_UPPER_DIGITS}角分整正]*"
_MARKED = re.compile(rf"(?:[¥￥]|人民币|RMB|CNY|小写{WS}[:：]?){WS}({NUM})|({NUM}){WS}[元圆]")
_PLAIN = re.compile(rf"[¥￥]?{WS}({NUM}){WS}元?")


def amount_parts(clause: str) -> tuple[str | None, str | None]:
    """The 小写 and the 大写 forms an amount clause prints, as printed (``¥24,451.69元（大写：人民币
    贰万肆仟肆佰伍拾壹元陆角玖分）`` → ``24,451.69``, ``人民币贰万…玖分``); a bare number counts as 小写."""
    upper = re.search(UPPER, clause)
    marked = _MARKED.search(clause)
    plain = _PLAIN.fullmatch(clause.strip())
    lower = (marked.group(1) or marked.group(2)) if marked else (plain.group(1) if plain else None)
    return lower, (upper.group(0) if upper else None)


def clause_after(text: str, start: int, limit: int = 90) -> str:
    """The text from `start` to the end of its clause: a full stop, a comma outside brackets and
    numbers, a line end, or the next ``label：`` after a space."""
    depth = 0
    for i in range(start, min(len(text), start + limit)):
        ch = text[i]
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        comma = ch == "，" or (ch == "," and not text[i + 1:i + 2].isdigit())
        if ch in "。；;\n" or (depth == 0 and comma) or (ch == " " and re.match(r" +\S{2,10}[:：]", text[i:])):
            return text[start:i]
    return text[start:start + limit]


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
