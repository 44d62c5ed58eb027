"""Known OCR confusions, fixed in OCR text only (never in a text layer), in one table.

Every entry but the last replaces characters one for one, so that a line's per-character boxes
still belong to its characters afterwards (tests/unit/test_ocr_corrections.py checks it).

    结消               → 结清          (清 read as 消 in 账户状态)
    营理机构           → 管理机构      (a label of every account card)
    12O0, 2025-O3-1O   → 1200, 2025-03-10  (the letter O inside a number)
    1l0, I,060.30      → 110, 1,060.30     (l or I inside a number)
    1，060.30           → 1,060.30      (a full-width comma between thousands)
    1.060.30           → 1,060.30      (a dot between thousands, before the decimals)
    1,060,30 / 1060，30 → 1,060.30 / 1060.30  (a comma before the two decimals)
    15：35              → 15:35         (a full-width colon in a time)
    己还, 巳逾期        → 已还, 已逾期  (已 read as 己 or 巳 before a status)
    二 (a cell alone)   → --            (a grid's empty amount, two dashes read as 二)

and where a word ends that the engine joined to the next (`BREAKS`, no character changes):

    2025-08-0110:15:30 → 2025-08-01 | 10:15:30  (a date and a time printed a space apart)
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Correction:
    why: str
    pattern: re.Pattern[str]
    replacement: str


# X next to a digit (or before a separator and a digit), not touching another letter; the
# letters X stands for may touch each other (1OO is 100).
_NUMBER_NEIGHBOUR = r"(?<![A-Za-z])X(?=[,.]?\d)|(?<=\d)X(?![A-Za-z])"


def _beside_digits(letters: str) -> re.Pattern[str]:
    others = "".join(c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" if c not in letters)
    return re.compile(_NUMBER_NEIGHBOUR.replace("X", f"[{letters}]").replace("A-Za-z", others))


CORRECTIONS: tuple[Correction, ...] = (
    Correction("清 read as 消", re.compile("结消"), "结清"),
    Correction("管 read as 营", re.compile("营理机构"), "管理机构"),
    Correction("the letter O inside a number", _beside_digits("Oo"), "0"),
    Correction("l or I inside a number", _beside_digits("lI"), "1"),
    Correction("a full-width comma between thousands", re.compile(r"(?<=\d)，(?=\d{3}(?!\d))"), ","),
    Correction("a dot between thousands", re.compile(r"(?<=\d)\.(?=\d{3}(?:[.,]\d{3})*[.,]\d{2}(?!\d))"), ","),
    Correction("a comma before the two decimals", re.compile(r"(?<=\d)[,，](?=\d{2}(?![\d.,，]))"), "."),
    Correction("a full-width colon in a time", re.compile(r"(?<=\d)：(?=\d{2})"), ":"),
    Correction("已 read as 己 or 巳", re.compile(r"[己巳](?=还|逾期|结清|到期)"), "已"),
    # A whole line (one table cell) only, and the one entry that changes the length: the words
    # module then shares the cell's box out again.
    Correction("a cell's -- read as 二 or 一", re.compile(r"^[二一=]$"), "--"),
)


# A word ends where each pattern's match ends.
BREAKS: tuple[Correction, ...] = (
    Correction("a date and its time", re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{2}(?=\d{1,2}:\d{2})"), ""),
)


def breaks(text: str) -> set[int]:
    """Positions in `text` where a new word starts though no space is read."""
    return {m.end() for rule in BREAKS for m in rule.pattern.finditer(text)}


def correct(text: str) -> str:
    """`text` with every correction applied; the letter rules run until nothing changes, since a
    run of them (``1OO``) needs a digit on one side each time."""
    for fix in CORRECTIONS:
        for _ in range(4):
            fixed = fix.pattern.sub(fix.replacement, text)
            if fixed == text:
                break
            text = fixed
    return text
