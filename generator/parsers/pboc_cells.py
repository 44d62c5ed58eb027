"""The ruled tables of a PBOC report, read from word positions alone (the text layer has no rules).

A label cell is found by its text: a known label, possibly split into several words on one line
(``逾期 31-60 天未还本``) and wrapped over lines inside its cell (``最近一次还款日`` over ``期``;
``被查询者证件类`` over ``型``). The other labels of its row sit vertically centred between those
lines, so a label row is the set of label cells whose vertical spans overlap.

Label/value tables (an account's cards, the report header): each label row is followed by a value
row; a value belongs to the label whose column it falls in (boundaries halfway between neighbouring
label centres: ruled cells centre both). A value wrapped over lines (an institution name over up to
four lines, an account ID over two) is joined top to bottom without spaces. The header-row tables
(特殊交易, 标注及声明) are read from the same label rows in pboc_notes.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from generator.catalogue import Message
from generator.parsers.layout import Line
from generator.parsers.pboc_text import fold, line_page
from generator.pdf import Word

WRAP = 1.7  # the most a wrapped cell's next line lies below the previous one, in line heights
Key = tuple[int, int]  # (line index, word index) within the lines being read


class TableError(LookupError):
    """A table that cannot be read as printed; `line` locates it (the caller adds the file)."""

    def __init__(self, code: str, line: Line, **params: Any) -> None:
        self.msg = Message(code, params)
        super().__init__(str(self.msg))
        self.line = line


@dataclass(frozen=True)
class Vocabulary:
    labels: frozenset[str]
    prefixes: frozenset[str]

    @classmethod
    def of(cls, labels: Iterable[str]) -> Vocabulary:
        folded = frozenset(fold(x) for x in labels)
        return cls(folded, frozenset(x[:n] for x in folded for n in range(1, len(x) + 1)))

    def __or__(self, other: Vocabulary) -> Vocabulary:
        return Vocabulary(self.labels | other.labels, self.prefixes | other.prefixes)


@dataclass(frozen=True)
class Cell:
    text: str  # "" for an empty cell
    page: int


@dataclass(frozen=True)
class LabelCell:
    label: str  # folded, as in the vocabulary
    keys: tuple[Key, ...]
    words: tuple[Word, ...]

    @property
    def mid_x(self) -> float:
        return (min(w.x0 for w in self.words) + max(w.x1 for w in self.words)) / 2

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)


# --------------------------------------------------------------------------- finding labels


def find_labels(lines: Sequence[Line], vocab: Vocabulary) -> list[LabelCell]:
    """Every label cell in `lines`, top to bottom; a word belongs to at most one cell."""
    used: set[Key] = set()
    out: list[LabelCell] = []
    for i, line in enumerate(lines):
        for j in range(len(line.words)):
            if (i, j) in used:
                continue
            found = _grow(lines, i, j, vocab, used)
            if found is not None:
                label, keys = found
                used.update(keys)
                out.append(LabelCell(label, tuple(keys), tuple(lines[a].words[b] for a, b in keys)))
    return out


def _grow(lines: Sequence[Line], i: int, j: int, vocab: Vocabulary, used: set[Key]) -> tuple[str, list[Key]] | None:
    """The longest label that starts with word j of line i: words to its right, then lines below."""
    best: tuple[str, list[Key]] | None = None
    text = ""
    for k in range(j, len(lines[i].words)):
        if (i, k) in used:
            break
        text += fold(lines[i].words[k].text)
        if text not in vocab.prefixes:
            break
        best = _longer(best, _down(lines, i, [(i, n) for n in range(j, k + 1)], text, vocab, used))
    return best


def _down(lines: Sequence[Line], i: int, keys: list[Key], text: str, vocab: Vocabulary, used: set[Key],
          depth: int = 0) -> tuple[str, list[Key]] | None:
    best = (text, keys) if text in vocab.labels else None
    part = [lines[a].words[b] for a, b in keys if a == i]
    below = _below(lines, i, part, used) if depth < 3 else None
    if below is None:
        return best
    m, n = below
    right = max(w.x1 for w in part) + max(w.bottom - w.top for w in part)
    more = text
    for k in range(n, len(lines[m].words)):
        word = lines[m].words[k]
        if (m, k) in used or word.x0 > right:
            break
        more += fold(word.text)
        if more not in vocab.prefixes:
            break
        best = _longer(best, _down(lines, m, keys + [(m, q) for q in range(n, k + 1)], more, vocab, used, depth + 1))
    return best


def _below(lines: Sequence[Line], i: int, part: Sequence[Word], used: set[Key]) -> Key | None:
    """The first word under `part` (overlapping it in x) on the next lines of a wrapped cell."""
    x0, x1 = min(w.x0 for w in part), max(w.x1 for w in part)
    reach = WRAP * max(w.bottom - w.top for w in part)
    page, mid = line_page(lines[i]), lines[i].mid_y
    for m in range(i + 1, len(lines)):
        if line_page(lines[m]) != page or lines[m].mid_y - mid > reach:
            return None
        for n, word in enumerate(lines[m].words):
            if word.x1 >= x0 and word.x0 <= x1:
                return None if (m, n) in used else (m, n)
    return None


def _longer(a: tuple[str, list[Key]] | None, b: tuple[str, list[Key]] | None) -> tuple[str, list[Key]] | None:
    if a is None or (b is not None and len(b[0]) > len(a[0])):
        return b
    return a


# --------------------------------------------------------------------------- label rows


@dataclass
class LabelRow:
    cells: list[LabelCell]
    first: int  # first and last line index the row's labels occupy
    last: int
    page: int
    top: float
    bottom: float

    def bounds(self) -> list[float]:
        return [(a.mid_x + b.mid_x) / 2 for a, b in pairwise(self.cells)]


def label_rows(lines: Sequence[Line], vocab: Vocabulary) -> list[LabelRow]:
    """Label cells grouped into rows (overlapping vertical spans on one page), cells left to right."""
    rows: list[LabelRow] = []
    for cell in find_labels(lines, vocab):
        first, last = cell.keys[0][0], cell.keys[-1][0]
        page = cell.words[0].page
        row = rows[-1] if rows else None
        if row is not None and row.page == page and cell.top <= row.bottom and cell.bottom >= row.top:
            row.cells.append(cell)
            row.first, row.last = min(row.first, first), max(row.last, last)
            row.top, row.bottom = min(row.top, cell.top), max(row.bottom, cell.bottom)
        else:
            rows.append(LabelRow([cell], first, last, page, cell.top, cell.bottom))
    for row in rows:
        row.cells.sort(key=lambda c: c.mid_x)
    return rows


# --------------------------------------------------------------------------- label/value tables


@dataclass
class _Column:
    lines: list[tuple[Line, list[Word]]] = field(default_factory=list)

    def text(self) -> str:
        return "".join(" ".join(w.text for w in words) for _, words in self.lines)


def label_values(lines: Sequence[Line], vocab: Vocabulary) -> dict[str, Cell]:
    """Label → value of every label/value row in `lines` (a table and nothing else). Raises
    TableError for text that is neither (an unknown label), a label printed twice, or a value
    cell that is not one block of lines."""
    rows = label_rows(lines, vocab)
    in_labels = {key for row in rows for cell in row.cells for key in cell.keys}
    out: dict[str, Cell] = {}
    for n, row in enumerate(rows):
        end = rows[n + 1].first if n + 1 < len(rows) else len(lines)
        for i in range(row.first, row.last + 1):
            if any((i, j) not in in_labels for j in range(len(lines[i].words))):
                raise TableError("report.label_row_text", lines[i])
        for label, cell in _row_values(row, lines[row.last + 1:end]).items():
            if label in out:
                raise TableError("report.label_twice", lines[row.first], label=label)
            out[label] = cell
    if lines and (not rows or rows[0].first > 0):
        raise TableError("report.text_above_labels", lines[0])
    return out


def _row_values(row: LabelRow, values: Sequence[Line]) -> dict[str, Cell]:
    bounds = row.bounds()
    columns = [_Column() for _ in row.cells]
    for line in values:
        for index in sorted({bisect_right(bounds, w.mid_x) for w in line.words}):
            columns[index].lines.append((line, [w for w in line.words if bisect_right(bounds, w.mid_x) == index]))
    out: dict[str, Cell] = {}
    for cell, column in zip(row.cells, columns):
        for (a, wa), (b, wb) in pairwise(column.lines):
            if b.words[0].page == a.words[0].page and b.mid_y - a.mid_y > WRAP * (a.bottom - a.top):
                raise TableError("report.two_values", b, label=cell.label)
        page = column.lines[0][1][0].page if column.lines else row.page
        out[cell.label] = Cell(column.text(), page)
    return out
