"""Characters to words exactly as pdfplumber's `extract_words(x_tolerance=1.5, y_tolerance=2)` does,
for backends that read characters themselves (generator/pdf/pdfium.py).

pdfplumber's rule, reproduced here: characters keep content-stream order, consecutive runs of
upright / rotated characters are handled apart; lines are clusters of `top` values (each value
within 2 pt of the previous one), sorted top-down; characters in a line are stably sorted by `x0`;
a word ends at a whitespace character, at a gap wider than 1.5 pt after the previous character's
`x1`, when `x0` goes backwards, or when `top` jumps by more than 2 pt. Rotated characters use the
transposed rule (lines by `x0` within 1.5, characters by `top`).

`words_fast` works on whole runs (one text object's characters) and covers ordinary pages at a
fraction of the per-character cost; it returns None when a page needs `words_general`, the
per-character port of the rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby, pairwise, repeat
from typing import Final, NamedTuple

X_TOLERANCE = 1.5
Y_TOLERANCE = 2.0

# pdfplumber expands these ligatures when it joins characters into words.
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st",
                            "ﬅ": "st"})
_HAS_LIGATURE = re.compile("[ﬀﬃﬄﬁﬂﬆﬅ]")
_NON_SPACE = re.compile(r"\S+")  # \S is the complement of str.isspace(), pdfplumber's word break
_HAS_SPACE = re.compile(r"\s").search

RawWord = tuple[str, float, float, float, float]  # text, x0, top, x1, bottom


class Char(NamedTuple):
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    upright: bool


class Run:
    """Characters of one text object, in content order, with pdfplumber's boxes.

    `aligned` runs are upright and unrotated: one `top`/`bottom` for all, `x0` never decreasing.
    Other runs carry per-character `tops`/`bottoms` and their `upright` flag. `gaps` marks runs
    whose characters may stand apart (character or word spacing, kerning), so that they are split
    character by character rather than only at whitespace.

    A plain class, not a dataclass: mypyc compiles its constructor (a dataclass's generated
    __init__ stays Python, called once per text object: 5% of a statement's parse)."""

    __slots__ = ("text", "x0", "x1", "top", "bottom", "order", "aligned", "gaps", "upright", "tops", "bottoms")

    def __init__(self, text: str, x0: list[float], x1: list[float], top: float, bottom: float, order: int,
                 aligned: bool = True, gaps: bool = False, upright: bool = True,
                 tops: list[float] | None = None, bottoms: list[float] | None = None) -> None:
        self.text = text
        self.x0 = x0
        self.x1 = x1
        self.top = top
        self.bottom = bottom
        self.order = order
        self.aligned = aligned
        self.gaps = gaps
        self.upright = upright
        self.tops = tops
        self.bottoms = bottoms

    def chars(self) -> Iterable[Char]:
        tops = self.tops or repeat(self.top)
        bottoms = self.bottoms or repeat(self.bottom)
        return map(Char, self.text, self.x0, tops, self.x1, bottoms, repeat(self.upright))


def extract_words(runs: Sequence[Run]) -> list[RawWord]:
    fast = words_fast(runs)
    return fast if fast is not None else words_general([c for r in runs for c in r.chars()])


# Some PDF producers map ideographs to radical code points; NFKC fixes the Kangxi block
# (U+2F00–U+2FD5) but not these supplement forms, which real statements use.
_RADICALS = str.maketrans({
    "⺠": "民", "⻚": "页", "⻓": "长", "⻔": "门", "⻅": "见", "⻆": "角", "⻋": "车",
    "⻢": "马", "⻛": "风", "⻜": "飞", "⻝": "食", "⻰": "龙", "⻘": "青", "⻥": "鱼",
    "⻉": "贝", "⻈": "讠", "⻊": "足", "⻄": "西", "⻩": "黄", "⻬": "齐",
    "⼾": "户",  # Kangxi 户 radical: NFKC gives 戶, but simplified prints (农业银行 账⼾) mean 户
})


_KANGXI = re.compile("[\u2f00-\u2fd5]")
_ANY_RADICAL = re.compile("[\u2e80-\u2fd5]").search  # the supplement (_RADICALS) and Kangxi blocks

def fix_radicals(text: str) -> str:
    if _ANY_RADICAL(text) is None:  # nearly every word: one regex scan, no copy
        return text
    out = text.translate(_RADICALS)
    if _KANGXI.search(out):
        out = "".join(_kangxi(ch) for ch in out)
    return out


def _kangxi(ch: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", ch) if "\u2f00" <= ch <= "\u2fd5" else ch


class Word:
    """A run of characters without a gap, with its box in points (origin top-left). Read-only
    (`Final`: mypy rejects assignments). Not a frozen dataclass: mypyc compiles those to ordinary
    Python classes, and the parsers' layout code reads these fields about a million times a
    parse; equality, hash and repr are a dataclass's."""

    def __init__(self, text: str, x0: float, top: float, x1: float, bottom: float, page: int) -> None:
        self.text: Final = text
        self.x0: Final = x0
        self.top: Final = top
        self.x1: Final = x1
        self.bottom: Final = bottom
        self.page: Final = page

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def mid_x(self) -> float:
        return (self.x0 + self.x1) / 2

    def _fields(self) -> tuple[str, float, float, float, float, int]:
        return (self.text, self.x0, self.top, self.x1, self.bottom, self.page)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Word):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (f"Word(text={self.text!r}, x0={self.x0!r}, top={self.top!r}, x1={self.x1!r}, "
                f"bottom={self.bottom!r}, page={self.page!r})")


def page_words(raw: list[RawWord], number: int) -> tuple[Word, ...]:
    return tuple([Word(fix_radicals(t), x0, top, x1, bottom, number) for t, x0, top, x1, bottom in raw])


# --- fast path: whole runs ------------------------------------------------------------------

def words_fast(runs: Sequence[Run]) -> list[RawWord] | None:
    """Words of a page whose runs are all aligned, and whose runs on a line do not interleave
    (then sorting a line's characters by x0 is sorting its runs); None otherwise."""
    if not all(r.aligned for r in runs):
        return None
    out: list[RawWord] = []
    for line in _run_lines(runs):
        if len(line) > 1:
            line.sort(key=lambda r: (r.x0[0], r.order))
            for a, b in pairwise(line):
                # A stable sort by x0 keeps content order on ties: concatenation is only right
                # if the earlier run in the line also comes first in the content stream.
                if a.x0[-1] > b.x0[0] or (a.x0[-1] == b.x0[0] and a.order > b.order):
                    return None
        _line_words(line, out)
    return out


def _run_lines(runs: Sequence[Run]) -> list[list[Run]]:
    """pdfplumber's `cluster_objects(chars, top, 2)`: chain distinct tops within tolerance."""
    cluster = _chain({r.top for r in runs}, Y_TOLERANCE)
    lines: dict[int, list[Run]] = {}
    for run in runs:
        lines.setdefault(cluster[run.top], []).append(run)
    return [lines[k] for k in sorted(lines)]


def _chain(values: set[float], tolerance: float) -> dict[float, int]:
    """pdfplumber's `cluster_list`: sorted distinct values, a new cluster after a step > tolerance."""
    index: dict[float, int] = {}
    cluster, last = -1, 0.0
    for value in sorted(values):
        if cluster < 0 or value > last + tolerance:
            cluster += 1
        index[value] = cluster
        last = value
    return index


def _line_words(line: list[Run], out: list[RawWord]) -> None:
    parts: list[str] = []  # text of the open word; empty when no word is open
    x0 = top = x1 = bottom = last_x1 = last_top = 0.0
    for run in line:
        text, xs0, xs1, rtop, rbottom = run.text, run.x0, run.x1, run.top, run.bottom
        segments = _segments(run)
        if parts and (not segments or segments[0][0] != 0):  # the run starts with whitespace
            out.append(_word(parts, x0, top, x1, bottom))
            parts = []
        for s, e in segments:
            seg_x1 = max(xs1[s:e])
            if parts and s == 0 and not (xs0[0] > last_x1 + X_TOLERANCE
                                         or abs(rtop - last_top) > Y_TOLERANCE):
                parts.append(text[s:e])
                top, x1, bottom = min(top, rtop), max(x1, seg_x1), max(bottom, rbottom)
            else:
                if parts:
                    out.append(_word(parts, x0, top, x1, bottom))
                parts, x0, top, x1, bottom = [text[s:e]], xs0[s], rtop, seg_x1, rbottom
            if e < len(text):  # whitespace or a gap follows inside the run: the word is complete
                out.append(_word(parts, x0, top, x1, bottom))
                parts = []
            else:
                last_x1, last_top = xs1[e - 1], rtop
    if parts:
        out.append(_word(parts, x0, top, x1, bottom))


def _segments(run: Run) -> list[tuple[int, int]]:
    """Index ranges of the run's words-to-be: split at whitespace, and at gaps if it may have any."""
    if not run.gaps and _HAS_SPACE(run.text) is None:  # most runs: one table cell, one word
        return [(0, len(run.text))]
    spans = [m.span() for m in _NON_SPACE.finditer(run.text)]
    if not run.gaps:
        return spans
    out: list[tuple[int, int]] = []
    xs0, xs1 = run.x0, run.x1
    for s, e in spans:
        start = s
        for k in range(s + 1, e):
            if xs0[k] > xs1[k - 1] + X_TOLERANCE:
                out.append((start, k))
                start = k
        out.append((start, e))
    return out


def _word(parts: list[str], x0: float, top: float, x1: float, bottom: float) -> RawWord:
    text = "".join(parts)
    if _HAS_LIGATURE.search(text):
        text = text.translate(_LIGATURES)
    return (text, x0, top, x1, bottom)


# --- general path: character by character -----------------------------------------------------

@dataclass(frozen=True)
class _Direction:
    """pdfplumber's per-direction rule: which coordinate makes lines, which orders characters,
    and the gap (`start` past the previous `end`) and offset (`across`) that end a word."""

    line: Callable[[Char], float]
    line_tolerance: float
    order: Callable[[Char], tuple[float, float]]
    start: Callable[[Char], float]
    end: Callable[[Char], float]
    across: Callable[[Char], float]
    gap_tolerance: float
    across_tolerance: float


_UPRIGHT = _Direction(lambda c: c.top, Y_TOLERANCE, lambda c: (c.x0, c.x0), lambda c: c.x0,
                      lambda c: c.x1, lambda c: c.top, X_TOLERANCE, Y_TOLERANCE)
# Rotated characters: lines by x0 within x_tolerance, read top to bottom, tolerances swapped.
_ROTATED = _Direction(lambda c: c.x0, X_TOLERANCE, lambda c: (c.top, c.bottom), lambda c: c.top,
                      lambda c: c.bottom, lambda c: c.x0, Y_TOLERANCE, X_TOLERANCE)


def words_general(chars: Sequence[Char]) -> list[RawWord]:
    """The per-character rule, for rotated text and interleaved runs."""
    out: list[RawWord] = []
    for upright, group in groupby(chars, key=lambda c: c.upright):
        rule = _UPRIGHT if upright else _ROTATED
        for line in _cluster(list(group), rule):
            line.sort(key=rule.order)
            _char_words(line, rule, out)
    return out


def _cluster(chars: list[Char], rule: _Direction) -> list[list[Char]]:
    index = _chain({rule.line(c) for c in chars}, rule.line_tolerance)
    ordered = sorted(chars, key=lambda c: index[rule.line(c)])  # stable: content order within a line
    return [list(g) for _, g in groupby(ordered, key=lambda c: index[rule.line(c)])]


def _char_words(line: list[Char], rule: _Direction, out: list[RawWord]) -> None:
    word: list[Char] = []
    for ch in line:
        if ch.text.isspace():
            _flush(word, out)
            word = []
        elif word and (rule.start(ch) < rule.start(word[-1])
                       or rule.start(ch) > rule.end(word[-1]) + rule.gap_tolerance
                       or abs(rule.across(ch) - rule.across(word[-1])) > rule.across_tolerance):
            _flush(word, out)
            word = [ch]
        else:
            word.append(ch)
    _flush(word, out)


def _flush(word: list[Char], out: list[RawWord]) -> None:
    if word:
        out.append(_word([c.text for c in word], min(c.x0 for c in word), min(c.top for c in word),
                         max(c.x1 for c in word), max(c.bottom for c in word)))
