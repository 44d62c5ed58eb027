"""A 详版 cut into account blocks, and each block cut into its parts at the lines that open them.

Accounts live under the account sections of 信贷交易信息明细 (``（二）非循环贷账户``, ``循环贷账户一``,
``（五）贷记卡账户（共9笔）`` …, however numbered); a block runs from its ``账户N`` heading to the next
heading of any kind, across pages. 被追偿信息, 相关还款责任信息 and 授信协议信息 are not accounts of
the borrower's own and are passed over.

Inside a block the parts come in any order, each opened by its own line: the basic card (from the
heading), ``截至2025年01月10日`` (the status card), ``截至…，账户状态为“未激活”`` (a card never used),
the grid anchor ``…的还款记录``, a ``最近5年内的历史表现`` list, and the optional blocks 特殊交易,
标注及声明, 最新还款记录, 大额专项分期, a status-only 24-month grid and the code legend.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from generator.parsers.layout import Line
from generator.parsers.pboc_grid import LIST_TITLE, STATUS_ONLY, window
from generator.parsers.pboc_text import (
    DETAIL_TITLE,
    AccountHeading,
    account_heading,
    folded,
    section_of,
    sub_title,
    top_title,
)

CAPTION = re.compile(r"^截至(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?$")
SENTENCE = re.compile(r"^截至(\d{4})年(\d{1,2})月(\d{1,2})日[，,]账户状态为[“\"「]?([^”\"」。]+)[”\"」]?。?$")
LEGEND = re.compile(r"^(?:还款状态说明|[N*1-7CGDZBM#/]-(?:正常|结清|结束|逾期|当月|担保|以资|呆账|约定|账户|跳))")
TITLES = {"最新还款记录": "skip", "大额专项分期": "skip", "大额专项分期信息": "skip", "特殊事件说明": "skip",
          "特殊交易": "special", "特殊交易信息": "special", "标注及声明": "notes", "标注及声明信息": "notes"}
TABLE_HEADS = {"特殊交易类型": "special", "标注及声明类型": "notes"}
NO_CREDIT = ("没有信贷交易记录", "无信贷交易记录")
EMPTY = frozenset({"无", "暂无", "暂无记录", "无记录", "该类账户无记录", "--"})


@dataclass
class Block:
    """One account: its section, heading and the lines up to the next heading."""

    section: str
    heading: AccountHeading
    line: Line
    lines: list[Line] = field(default_factory=list)


def account_blocks(lines: Sequence[Line]) -> Iterator[Block]:
    section: str | None = None
    block: Block | None = None
    for line in lines:
        head = account_heading(line) if section else None
        opens = section_of(line)
        if head is None and opens is None and top_title(line) is None and sub_title(line) is None:
            if block is not None:
                block.lines.append(line)
            continue
        if block is not None:
            yield block
        block = Block(section, head, line) if head is not None and section is not None else None
        if head is None:
            section = opens
    if block is not None:
        yield block


def states_no_credit(lines: Sequence[Line]) -> bool:
    """The report says in its own words that there is no credit account: ``您没有信贷交易记录``, or a
    信贷交易信息明细 section that holds nothing but ``无`` / ``该类账户无记录`` under its headings."""
    if any(any(s in folded(ln) for s in NO_CREDIT) for ln in lines):
        return True
    start = next((i for i, ln in enumerate(lines) if DETAIL_TITLE in (top_title(ln) or "")), None)
    if start is None:
        return False
    body = []
    for line in lines[start + 1:]:
        if top_title(line) is not None:
            break
        if sub_title(line) is None and section_of(line) is None:
            body.append(folded(line))
    return bool(body) and all(text in EMPTY for text in body)


@dataclass
class Parts:
    """An account block cut at the lines that open its parts."""

    basic: list[Line] = field(default_factory=list)
    caption: Line | None = None
    status: list[Line] = field(default_factory=list)
    sentence: Line | None = None  # 截至…，账户状态为“未激活”
    anchor: Line | None = None
    grid: list[Line] = field(default_factory=list)
    history: list[Line] = field(default_factory=list)  # 历史表现 lists, with their titles
    special: list[Line] = field(default_factory=list)  # from the 特殊交易类型 header on
    notes: list[Line] = field(default_factory=list)  # from the 标注及声明类型 header on
    skipped: list[Line] = field(default_factory=list)


def opens(line: Line) -> str | None:
    """Which part `line` opens, if any: status, sentence, grid, history, special, notes, skip."""
    text = folded(line)
    if CAPTION.match(text):
        return "status"
    if SENTENCE.match(text):
        return "sentence"
    if window(line) is not None:
        return "grid"
    if LIST_TITLE.match(text):
        return "history"
    if STATUS_ONLY.match(text) or LEGEND.match(text):
        return "skip"
    if text in TITLES:
        return TITLES[text]
    return next((kind for label, kind in TABLE_HEADS.items() if label in text), None)


def split_block(block: Block) -> Parts:
    parts = Parts()
    target = parts.basic
    for line in block.lines:
        kind = opens(line)
        if kind is None:
            target.append(line)
        elif kind == "status":
            parts.caption, target = line, parts.status
        elif kind == "sentence":
            parts.sentence, target = line, parts.skipped
        elif kind == "grid":
            parts.anchor, target = line, parts.grid
        else:
            target = {"history": parts.history, "special": parts.special, "notes": parts.notes,
                      "skip": parts.skipped}[kind]
            if kind != "skip" and (kind == "history" or folded(line) not in TITLES):
                target.append(line)
    return parts
