"""Finding a statement table's header from its labels, wherever and however it is printed.

A header cell may hold its label on one line or wrapped over two or three, in Chinese, English
or both (English above the Chinese as 交通银行 prints it, below as 招商银行 does, or on the same line:
``余额Balance``); labels may be spaced (``日 志 号``); columns may come in any order, some optional
ones missing, and columns the format does not know may stand between them (they are kept, keyed
``extra:<label>``). The header is the first band of closely stacked header-like lines that names
every required column of the format.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generator.dates import is_date, is_time
from generator.money import parse_amount, AmountError
from generator.parsers.layout import Line
from generator.parsers.table_spec import TableSpec, norm_label
from generator.pdf import Word

MAX_BAND = 6  # lines a header may take: up to three of English and one of Chinese, staggered by cell
MAX_HEIGHT = 4.5  # and its height, in text lines
EXTRA = "extra:"
_LATIN = re.compile(r"[a-z.]+")
_WORDS = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class HeaderCell:
    """A column's label as printed, and the x-extent of its cell (all its label lines)."""

    key: str
    label: str
    x0: float
    x1: float

    @property
    def mid_x(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Header:
    cells: tuple[HeaderCell, ...]  # left to right
    first: int  # index of its first line on the page
    last: int  # index of its last line

    def keys(self) -> frozenset[str]:
        return frozenset(c.key for c in self.cells)

    def label(self, key: str) -> str:
        return next((c.label for c in self.cells if c.key == key), key)


class Vocabulary:
    """The labels of one spec, prepared for fast lookups on every page."""

    def __init__(self, spec: TableSpec) -> None:
        self.spec = spec
        self.zh = {label: col.key for col in spec.columns for label in col.zh}
        self.en = {label: col.key for col in spec.columns for label in col.en}
        self.fragments = {label[i:j] for label in self.zh for i in range(len(label)) for j in range(i + 1, len(label) + 1)}
        self.tokens = {t for col in spec.columns for label in col.labels for t in _WORDS.findall(label.lower())}

    def zh_part(self, word: Word) -> str:
        return _LATIN.sub("", norm_label(word.text))

    def header_like(self, line: Line) -> bool:
        """No date, time or amount, and every word a piece of a known label (or an English word of
        one); an unknown column's label is allowed beside at least two known pieces."""
        known = unknown = 0
        for word in line.words:
            text = norm_label(word.text)
            zh = _LATIN.sub("", text)
            if (zh and zh in self.fragments) or (not zh and text and set(_WORDS.findall(text)) <= self.tokens):
                known += 1
            elif _is_value(word.text):
                return False
            else:
                unknown += 1
        return known >= 2 and unknown <= known or known >= 1 and unknown == 0 and len(line.words) <= 2


def _is_value(text: str) -> bool:
    if is_date(text) or is_time(text):
        return True
    try:
        return any(ch.isdigit() for ch in text) and parse_amount(text) is not None
    except AmountError:
        return False


def find_header(lines: Sequence[Line], vocab: Vocabulary) -> Header | None:
    """The first header of the spec on a page, or None."""
    for i, line in enumerate(lines):
        if not vocab.header_like(line):
            continue
        band = [i]
        limit = line.top + MAX_HEIGHT * max(line.bottom - line.top, 1.0)
        while len(band) < MAX_BAND and band[-1] + 1 < len(lines) and _stacked(lines[band[-1]], lines[band[-1] + 1]) \
                and lines[band[-1] + 1].bottom <= limit and vocab.header_like(lines[band[-1] + 1]):
            band.append(band[-1] + 1)
        header = _read_band(lines, band, vocab)
        if header is not None:
            return header
    return None


def _stacked(upper: Line, lower: Line) -> bool:
    height = max(upper.bottom - upper.top, lower.bottom - lower.top, 1.0)
    return lower.top - upper.bottom <= 0.9 * height


@dataclass
class _Piece:
    text: str  # normalised label text
    x0: float
    x1: float
    line: int
    zh: bool
    key: str | None = None

    def overlaps(self, other: _Piece) -> bool:
        return min(self.x1, other.x1) - max(self.x0, other.x0) > 0.3 * min(self.x1 - self.x0, other.x1 - other.x0, 10.0)


def _read_band(lines: Sequence[Line], band: list[int], vocab: Vocabulary) -> Header | None:
    zh, en = [], []
    for i in band:
        zh += _zh_pieces(lines[i], i, vocab)
        en += _en_pieces(lines[i], i, vocab)
    zh = _join_vertical(zh, vocab)
    en = _join_english(en, vocab)
    cells = _assign(zh, en, vocab)
    if cells is None:
        return None
    used = [p.line for p in zh + en if p.key is not None]
    return Header(cells, min(used), max(band))


def _zh_pieces(line: Line, index: int, vocab: Vocabulary) -> list[_Piece]:
    """Runs of adjacent words that spell a label together (``日`` ``志`` ``号``), else single words."""
    words = [w for w in line.words if vocab.zh_part(w)]
    out: list[_Piece] = []
    i = 0
    while i < len(words):
        end = i + 1
        for j in range(min(len(words), i + 6), i + 1, -1):
            if "".join(vocab.zh_part(w) for w in words[i:j]) in vocab.zh:
                end = j
                break
        run = words[i:end]
        out.append(_Piece("".join(vocab.zh_part(w) for w in run), run[0].x0, run[-1].x1, index, True))
        i = end
    return out


def _join_vertical(pieces: list[_Piece], vocab: Vocabulary) -> list[_Piece]:
    """A label wrapped in its cell (``收入/支出`` over ``金额``): stacked pieces that spell it."""
    return _stack(pieces, lambda upper, lower: upper.text not in vocab.zh and upper.text + lower.text in vocab.fragments)


def _stack(pieces: list[_Piece], joins: Callable[[_Piece, _Piece], bool]) -> list[_Piece]:
    """Pieces on consecutive lines of one cell, read top to bottom, where `joins` says they continue."""
    out: list[_Piece] = []
    for piece in sorted(pieces, key=lambda p: (p.line, p.x0)):
        above = next((p for p in reversed(out) if p.line == piece.line - 1 and p.overlaps(piece)
                      and joins(p, piece)), None)
        if above is not None:
            above.text, above.x0, above.x1, above.line = (above.text + piece.text, min(above.x0, piece.x0),
                                                          max(above.x1, piece.x1), piece.line)
        else:
            out.append(piece)
    return out


def _en_pieces(line: Line, index: int, vocab: Vocabulary) -> list[_Piece]:
    """English words of a line, those close together (``Counter Party``) in one piece."""
    words = [w for w in line.words if not vocab.zh_part(w) and _WORDS.search(w.text.lower())]
    out: list[_Piece] = []
    for word in words:
        height = word.bottom - word.top
        if out and word.x0 - out[-1].x1 <= 0.6 * height:
            out[-1].text += norm_label(word.text)
            out[-1].x1 = word.x1
        else:
            out.append(_Piece(norm_label(word.text), word.x0, word.x1, index, False))
    return out


def _join_english(pieces: list[_Piece], vocab: Vocabulary) -> list[_Piece]:
    """English cells wrapped over lines (``Transaction`` over ``Amount``) become one piece."""
    return _stack(pieces, lambda upper, lower: upper.text not in vocab.en)


def _first(pieces: list[_Piece], labels: tuple[str, ...]) -> _Piece | None:
    """The free piece printed under the column's most specific label (labels come in that order)."""
    for label in labels:
        for piece in pieces:
            if piece.key is None and piece.text == label:
                return piece
    return None


def _assign(zh: list[_Piece], en: list[_Piece], vocab: Vocabulary) -> tuple[HeaderCell, ...] | None:
    spec = vocab.spec
    for col in spec.columns:
        piece = _first(zh, col.zh) or _first(en, col.en)
        if piece is not None:
            piece.key = col.key
    found = {p.key for p in zh + en if p.key is not None}
    if not all(k in found for k in spec.required_keys) or spec.anchor not in found \
            or not any(all(k in found for k in rule.needs) for rule in spec.amounts):
        return None
    cells: list[HeaderCell] = []
    for p in [p for p in zh if p.key is not None] + [p for p in en if p.key is not None]:
        cells.append(HeaderCell(str(p.key), p.text, p.x0, p.x1))
    lines_used = {p.line for p in zh + en if p.key is not None}
    for p in zh + en:
        if p.key is None and p.line in lines_used:
            owner = next((c for c in cells if min(c.x1, p.x1) - max(c.x0, p.x0) > 0), None)
            if owner is not None:
                cells[cells.index(owner)] = HeaderCell(owner.key, owner.label, min(owner.x0, p.x0), max(owner.x1, p.x1))
                p.key = owner.key
            elif p.zh:
                p.key = EXTRA + p.text
                cells.append(HeaderCell(p.key, p.text, p.x0, p.x1))
    return tuple(sorted(cells, key=lambda c: c.mid_x))
