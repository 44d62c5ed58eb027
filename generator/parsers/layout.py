"""Borderless tables from word positions: lines, header columns, and rows keyed by a date.

Real statements draw no ruling lines, so `extract_tables()` finds nothing. We take the x bands
from the header words and key rows by the date column; a wrapped cell's other lines (printed
above or below the date line when the cell is vertically centred) join the nearest row.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from generator.models import BBox
from generator.pdf import Page, Word

FOOTER = re.compile(r"^第\s*\d+\s*页\s*[/／]?\s*共\s*\d+\s*页$|^\d+\s*/\s*\d+$|^Page\s*\d+", re.I)


class Line:
    """Words on one line, left to right. Read-only (`Final`). Not a frozen dataclass: mypyc
    compiles those to ordinary Python classes, and row grouping reads these fields for every line
    and anchor pair; equality, hash and repr are the dataclass's (by `words` only)."""

    def __init__(self, words: tuple[Word, ...]) -> None:
        self.words: Final = words
        top = min([w.top for w in words]) if words else 0.0
        bottom = max([w.bottom for w in words]) if words else 0.0
        self.top: Final = top
        self.bottom: Final = bottom
        self.mid_y: Final = (top + bottom) / 2

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Line):
            return NotImplemented
        return self.words == other.words

    def __hash__(self) -> int:
        return hash((self.words,))

    def __repr__(self) -> str:
        return f"Line(words={self.words!r})"

    def text(self, sep: str = " ") -> str:
        return sep.join(w.text for w in self.words)


def group_lines(words: Iterable[Word], tolerance: float = 2.0) -> list[Line]:
    """Words whose vertical centres lie within `tolerance` points form one line, left to right."""
    words = list(words)
    # Sorting plain tuples needs no key function; the index keeps the order of ties (a stable sort).
    order = sorted([((w.top + w.bottom) / 2, w.x0, i) for i, w in enumerate(words)])
    lines: list[list[Word]] = []
    first = 0.0  # mid_y of the open line's first word
    for mid, _, i in order:
        if lines and abs(first - mid) <= tolerance:
            lines[-1].append(words[i])
        else:
            lines.append([words[i]])
            first = mid
    return [Line(tuple(sorted(ws, key=_x0))) for ws in lines]


def _x0(word: Word) -> float:
    return word.x0


@dataclass(frozen=True)
class Column:
    key: str
    left: float
    right: float


def header_columns(line: Line, labels: Sequence[tuple[str, str]], page_width: float,
                   body: Sequence[Line] = ()) -> list[Column]:
    """Columns from a header line. `labels` pairs a column key with its printed label.

    Headers are often centred over left- or right-aligned data, so the boundary between two
    columns is the widest vertical gutter that no body word crosses between the two labels'
    centres; without one, the middle of the gap between the labels."""
    found: list[tuple[str, Word]] = []
    for key, label in labels:
        word = _find_label(line, label)
        if word is None:
            raise LookupError(label)
        found.append((key, word))
    found.sort(key=lambda kw: kw[1].x0)
    occupied = occupied_spans([w for ln in body for w in ln.words])
    bounds = [0.0]
    for (_, a), (_, b) in zip(found, found[1:]):
        gutter = _widest_gap(occupied, a.mid_x, b.mid_x)
        bounds.append(gutter if gutter is not None else (a.x1 + b.x0) / 2)
    bounds.append(page_width)
    return [Column(key, bounds[i], bounds[i + 1]) for i, (key, _) in enumerate(found)]


def occupied_spans(words: Sequence[Word]) -> list[tuple[float, float]]:
    """The x-intervals the words cover, merged where they touch (within half a point), left to right."""
    spans: list[tuple[float, float]] = []
    for x0, x1 in sorted((w.x0, w.x1) for w in words):
        if spans and x0 <= spans[-1][1] + 0.5:
            spans[-1] = (spans[-1][0], max(spans[-1][1], x1))
        else:
            spans.append((x0, x1))
    return spans


def _widest_gap(spans: Sequence[tuple[float, float]], left: float, right: float) -> float | None:
    """The centre of the best free interval between `left` and `right`, if any. A gutter with
    body text on both sides is preferred: the free space between a centred label and short
    right-aligned numbers can be wider than the real gutter, but is bounded by the label, not text."""
    if not spans:
        return None
    edges = [(-1e9, left)] + [s for s in spans] + [(right, 1e9)]
    true_gaps: list[tuple[float, float]] = []
    clipped: list[tuple[float, float]] = []
    for (_, end), (start, _) in zip(edges, edges[1:]):
        lo, hi = max(end, left), min(start, right)
        if hi > lo:
            (true_gaps if (lo == end and hi == start and end != left and start != right) else clipped).append((lo, hi))
    pool = true_gaps or clipped
    if not pool:
        return None
    best = max(pool, key=lambda g: g[1] - g[0])
    return (best[0] + best[1]) / 2


def _find_label(line: Line, label: str) -> Word | None:
    compact = label.replace(" ", "")
    for word in line.words:
        if word.text.replace(" ", "") == compact:
            return word
    return None


def find_header(lines: Sequence[Line], labels: Sequence[str]) -> int | None:
    """Index of the first line that holds every label (spaces inside labels ignored)."""
    wanted = [label.replace(" ", "") for label in labels]
    for i, line in enumerate(lines):
        texts = {w.text.replace(" ", "") for w in line.words}
        if all(label in texts for label in wanted):
            return i
    return None


def cells(line_words: Iterable[Word], columns: Sequence[Column]) -> dict[str, list[Word]]:
    out: dict[str, list[Word]] = {c.key: [] for c in columns}
    for word in line_words:
        mid = word.mid_x
        for col in columns:
            if col.left <= mid < col.right:
                out[col.key].append(word)
                break
    return out


@dataclass(frozen=True)
class RawRow:
    """One table row: the text of each column, and where it was printed."""

    page: int
    texts: dict[str, str]
    bbox: BBox
    anchor: Line


def rows_by_anchor(lines: Sequence[Line], columns: Sequence[Column], page: int,
                   is_anchor: Callable[[dict[str, list[Word]]], bool],
                   max_gap: float) -> list[RawRow]:
    """Rows keyed by anchor lines (those with a date); other lines join the nearest anchor
    (ties go to the row below, since a centred cell's first line sits above its date).
    Lines farther than `max_gap` from every anchor are not part of the table."""
    split = [cells(line.words, columns) for line in lines]  # once per line: anchors and rows use it
    anchors = [i for i, found in enumerate(split) if is_anchor(found)]
    if not anchors:
        return []
    members: dict[int, list[int]] = {a: [a] for a in anchors}
    ys = [lines[a].mid_y for a in anchors]
    ordered = all(p <= q for p, q in zip(ys, ys[1:]))
    for i, line in enumerate(lines):
        if i in members:
            continue
        # Lines come sorted top to bottom, so only the anchors either side of a line can be nearest.
        pos = bisect_left(ys, line.mid_y) if ordered else 0
        candidates = anchors[max(0, pos - 1):pos + 1] if ordered else anchors
        nearest = min(candidates, key=lambda a: (abs(lines[a].mid_y - line.mid_y), -a))
        if abs(lines[nearest].mid_y - line.mid_y) <= max_gap:
            members[nearest].append(i)
    return [_split_row([(lines[i], split[i]) for i in members[a]], lines[a], columns, page) for a in anchors]


def _row(row_lines: list[Line], anchor: Line, columns: Sequence[Column], page: int) -> RawRow:
    return _split_row([(line, cells(line.words, columns)) for line in row_lines], anchor, columns, page)


def _split_row(parts: list[tuple[Line, dict[str, list[Word]]]], anchor: Line, columns: Sequence[Column],
               page: int) -> RawRow:
    """A row from its lines, each with its words already split into `columns`."""
    parts = sorted(parts, key=lambda part: part[0].mid_y)
    texts: dict[str, list[str]] = {c.key: [] for c in columns}
    for _, split in parts:
        for key, words in split.items():
            if words:
                texts[key].append(" ".join([w.text for w in words]))
    words = [w for line, _ in parts for w in line.words]
    bbox = (min([w.x0 for w in words]), min([line.top for line, _ in parts]),
            max([w.x1 for w in words]), max([line.bottom for line, _ in parts]))
    # A wrapped cell was split by width, often inside a token: rejoin its lines with nothing.
    return RawRow(page, {k: "".join(v) for k, v in texts.items()}, bbox, anchor)


def body_lines(page: Page, header_index: int, lines: Sequence[Line], header_depth: int = 1) -> list[Line]:
    """The lines below the header (which may span `header_depth` lines), without footers."""
    return [ln for ln in lines[header_index + header_depth:]
            if not FOOTER.match(ln.text("").strip())]
