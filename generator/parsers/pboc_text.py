"""Text of a PBOC 个人信用报告: lines without page chrome, normalised labels, and the lines that
structure the report (headings, account headings, the markers inside an account block).

Nothing here keys on a section number or on one exact drawing of a heading: ``三 信贷交易信息明细``,
``三信贷交易信息明细`` and ``七 查询记录`` are read by their titles; ``（二）非循环贷账户(共3笔)`` by its
name; ``账户 37（授信协议标识：…）``, ``账户1(授信协议标识:…)`` and a bare ``账户2`` alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.models import BBox
from generator.parsers.layout import Line, group_lines
from generator.pdf import PdfDocument, Word

FOOTER = re.compile(r"^第\d+页[，,/／]?共\d+页$|^共\d+页[，,]?第\d+页$")
NUMERALS = "一二三四五六七八九十"
# Dashes and colons as text layers print them; labels and headings compare after this.
_FOLD = str.maketrans({"—": "-", "－": "-", "–": "-", "─": "-", "‐": "-", "~": "-", "～": "-", "(": "（",
                       ")": "）", ":": "："})
_SPACE = re.compile(r"\s+")

# 二代 prints 循环额度下分账户 / 循环贷账户; the 本人版 says 循环贷账户一 / 循环贷账户二 (FORMATS-REAL item 8).
SECTIONS = {"非循环贷账户": "非循环贷账户", "循环额度下分账户": "循环额度下分账户", "循环贷账户一": "循环额度下分账户",
            "循环贷账户": "循环贷账户", "循环贷账户二": "循环贷账户", "贷记卡账户": "贷记卡账户",
            "准贷记卡账户": "准贷记卡账户"}
# Top-level titles (numbered 一 … 十 in any order, some absent): "六 异议标注及本人声明" holds 本人声明.
TITLES = ("个人基本信息", "信息概要", "信贷交易信息明细", "非信贷交易信息明细", "公共信息明细", "本人声明",
          "异议标注", "标注及声明", "查询记录", "报告说明", "编制说明", "机构说明")
UNNUMBERED_ENDS = frozenset({"报告说明", "编制说明", "机构说明"})
DETAIL_TITLE = "信贷交易信息明细"

SUBHEADING = re.compile(r"^（([一二三四五六七八九十]+)）(.+?)(?:（共\d+笔）)?$")
TOP = re.compile(rf"^([{NUMERALS}]{{1,3}})[、.．]?(.{{2,16}})$")
ACCOUNT = re.compile(r"^账户(\d{1,3})((?:（[^（）]*）)*)$")
AGREEMENT = re.compile(r"授信协议标识：([^（）]*)")
CARD_TAIL = re.compile(r"卡片尾号：([^（）]*)")


def compact(line: Line) -> str:
    return "".join(w.text for w in line.words)


def fold(text: str) -> str:
    """``逾期 31—60 天未还本金`` → ``逾期31-60天未还本金``; half-width brackets and colons become full-width."""
    return _SPACE.sub("", text).translate(_FOLD)


def folded(line: Line) -> str:
    return fold(compact(line))


def line_page(line: Line) -> int:
    return line.words[0].page


def union(words: Sequence[Word]) -> BBox:
    return (min(w.x0 for w in words), min(w.top for w in words),
            max(w.x1 for w in words), max(w.bottom for w in words))


def bbox(line: Line) -> BBox:
    return union(line.words)


def report_lines(doc: PdfDocument) -> list[Line]:
    """Every line in reading order (page by page, top to bottom), without the page footer
    (``第4页，共56页``, ``第 8 页，共 8 页``) and without a running header that repeats 报告编号."""
    out: list[Line] = []
    for page in doc.pages():
        for line in group_lines(page.words):
            text = folded(line)
            if FOOTER.match(text) or (page.number > 1 and "报告编号" in text):
                continue
            out.append(line)
    return out


# --------------------------------------------------------------------------- headings


def top_title(line: Line) -> str | None:
    """The title of a top-level heading (``五 公共信息明细``, ``二信息概要``), or None."""
    if len(line.words) > 3:
        return None
    text = folded(line)
    m = TOP.match(text)
    if m and any(t in m[2] for t in TITLES):
        return m[2]
    return text if text in UNNUMBERED_ENDS else None


def sub_title(line: Line) -> str | None:
    """The name of a numbered sub-section heading: ``（二）非循环贷账户(共3笔)`` → ``非循环贷账户``."""
    m = SUBHEADING.match(folded(line))
    return m[2] if m else None


def section_of(line: Line) -> str | None:
    """The account section a heading opens, numbered or not (``循环贷账户一`` → 循环额度下分账户)."""
    name = sub_title(line)
    if name is None and len(line.words) <= 2:
        name = re.sub(r"（共\d+笔）$", "", folded(line))
    return SECTIONS.get(name) if name else None


def is_heading(line: Line) -> bool:
    return top_title(line) is not None or sub_title(line) is not None


@dataclass(frozen=True)
class AccountHeading:
    number: int
    agreement: str | None  # 授信协议标识; None when absent or "--"
    card_tail: str | None  # 卡片尾号


def account_heading(line: Line) -> AccountHeading | None:
    """``账户3``, ``账户 37（授信协议标识：SX…）``, ``账户1(授信协议标识:…)(卡片尾号:8493)``."""
    m = ACCOUNT.match(folded(line))
    if m is None:
        return None
    agreement, tail = AGREEMENT.search(m[2]), CARD_TAIL.search(m[2])
    return AccountHeading(int(m[1]), _given(agreement[1]) if agreement else None, _given(tail[1]) if tail else None)


def _given(text: str) -> str | None:
    text = text.strip()
    return None if text in ("", "-", "--", "—", "——") else text
