"""The text lines of a page, so that an excerpt is cut between lines and never through one.

Pure geometry: generator/render/excerpt.py reads the characters (pdfium) and renders the crop.
Coordinates are PDF points with the origin at the top-left of the page, like `BBox`.

Three shapes of excerpt, one per kind of cited place:

* a statement row: the row's lines, with a margin that stops half-way to the next line;
* a sentence of a letter-like document (结清证明): whole sentences. The cited line of
  ``写：壹万贰仟元整）。截至2026年01月09日，上述借款本息……双方债权债`` starts and ends inside
  sentences, so the crop grows to the lines where those sentences begin and end;
* a month of a report grid: the grid's rows down to the cell, plus the account's header (its
  heading ``账户1（授信协议标识：--）`` and the 管理机构 / 账户标识 row under it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.models import BBox

LINE_TOLERANCE_PT = 2.0  # characters whose vertical centres lie this close share a line
TOUCH_PT = 0.5  # a line reaching less than this into a band does not cross its edge
SENTENCE_STOPS = "。！？!?"
CLAUSE_STOPS = "：:；;"  # end a sentence only at the end of a line (``兹证明：``), not inside one
PARAGRAPH_GAP = 1.2  # a gap above a line wider than this many line heights starts a paragraph
WORD_GAP = 0.2  # between Latin letters, a gap this share of the line height is a space
INDENT = 1.0  # a line set in by this many line heights (a character) under another begins a paragraph
MAX_SENTENCE_LINES = 12  # beyond this the "sentence" is a layout the rules misread: show the line
STACKED_GAP = 0.5  # a line this close under the previous one (in line heights) is the same cell
MAX_HEADER_LINES = 8  # the 管理机构 row is within this many lines under the account heading


@dataclass(frozen=True)
class Glyph:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class TextLine:
    """Characters on one line, left to right; the line's box is theirs."""

    glyphs: tuple[Glyph, ...]
    x0: float = field(init=False)
    top: float = field(init=False)
    x1: float = field(init=False)
    bottom: float = field(init=False)

    def __post_init__(self) -> None:
        g = self.glyphs
        object.__setattr__(self, "x0", min(c.x0 for c in g))
        object.__setattr__(self, "top", min(c.top for c in g))
        object.__setattr__(self, "x1", max(c.x1 for c in g))
        object.__setattr__(self, "bottom", max(c.bottom for c in g))

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.glyphs)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def crosses(self, top: float, bottom: float) -> bool:
        return self.bottom > top + TOUCH_PT and self.top < bottom - TOUCH_PT


@dataclass(frozen=True)
class Sentence:
    """The cited sentence: its text, one highlight box per line it runs over, and the band of
    whole lines (whole sentences too) that shows it."""

    text: str
    marks: tuple[BBox, ...]
    band: BBox


def group_lines(glyphs: Sequence[Glyph]) -> list[TextLine]:
    """Lines top to bottom. Blank characters carry no ink and are left out."""
    order = sorted((g for g in glyphs if g.text.strip()), key=lambda g: ((g.top + g.bottom) / 2, g.x0))
    groups: list[list[Glyph]] = []
    first = 0.0
    for g in order:
        mid = (g.top + g.bottom) / 2
        if groups and mid - first <= LINE_TOLERANCE_PT:
            groups[-1].append(g)
        else:
            groups.append([g])
            first = mid
    return [TextLine(tuple(sorted(gs, key=lambda g: g.x0))) for gs in groups]


def snap(lines: Sequence[TextLine], box: BBox, margin: float, size: tuple[float, float]) -> BBox:
    """`box` grown until no line crosses its edges, widened to the whole of every line in it, with
    `margin` around it, but never more than half-way to the next line above or below."""
    x0, top, x1, bottom = box
    inside: set[int] = set()
    grew = True
    while grew:  # a line taken in can reach into a further one (a wrapped cell's stacked lines)
        grew = False
        for i, line in enumerate(lines):
            if i not in inside and line.crosses(top, bottom):
                inside.add(i)
                grew = True
                x0, top, x1, bottom = min(x0, line.x0), min(top, line.top), max(x1, line.x1), max(bottom, line.bottom)
    width, height = size
    above = max((ln.bottom for i, ln in enumerate(lines) if i not in inside and ln.bottom <= top + TOUCH_PT),
                default=top - 2 * margin)
    below = min((ln.top for i, ln in enumerate(lines) if i not in inside and ln.top >= bottom - TOUCH_PT),
                default=bottom + 2 * margin)
    return (max(0.0, x0 - margin), max(0.0, top - min(margin, max(0.0, (top - above) / 2))),
            min(width, x1 + margin), min(height, bottom + min(margin, max(0.0, (below - bottom) / 2))))


def widen(region: BBox, lines: Sequence[TextLine], margin: float, width: float) -> BBox:
    """`region` as wide as the page's text column: a table's ruling and a paragraph's indent
    reach to the column's edges, not to the end of the text in the lines shown."""
    if not lines:
        return region
    left, right = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    return max(0.0, min(region[0], left - margin)), region[1], min(width, max(region[2], right + margin)), region[3]


def union(a: BBox, b: BBox) -> BBox:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def band_of(lines: Sequence[TextLine]) -> BBox:
    return (min(ln.x0 for ln in lines), min(ln.top for ln in lines), max(ln.x1 for ln in lines),
            max(ln.bottom for ln in lines))


# ---- sentences ---------------------------------------------------------------------------------

Pos = tuple[int, int]  # (line index, glyph index)


def _breaks(lines: Sequence[TextLine]) -> list[list[Pos]]:
    """The page's text cut into sentences: after 。！？, and at the end of a line that ends a
    clause (``兹证明：``), has a wide gap under it, or has an indented line under it. A line that
    merely stops short goes on in the next: a long number that does not fit wraps early."""
    out: list[list[Pos]] = [[]]
    for i, line in enumerate(lines):
        for j, g in enumerate(line.glyphs):
            out[-1].append((i, j))
            if g.text in SENTENCE_STOPS:
                out.append([])
        if out[-1] and _ends_paragraph(lines, i):
            out.append([])
    return [s for s in out if s]


def _ends_paragraph(lines: Sequence[TextLine], i: int) -> bool:
    line = lines[i]
    if line.glyphs[-1].text in CLAUSE_STOPS or i + 1 == len(lines):
        return True
    after = lines[i + 1]
    return after.top - line.bottom > PARAGRAPH_GAP * line.height or after.x0 > line.x0 + INDENT * line.height


def sentence(lines: Sequence[TextLine], box: BBox, marker: re.Pattern[str] | None) -> Sentence | None:
    """The sentence the cited line `box` states: the one holding `marker` (the date it proves),
    else the first that begins on the line, else the one the line begins in. None when the page
    has no line there or the text there is no sentence (no full stop ends it)."""
    cited = {i for i, ln in enumerate(lines) if ln.crosses(box[1], box[3])}
    if not cited:
        return None
    sentences = _breaks(lines)
    touching = [s for s in sentences if any(i in cited for i, _ in s)]
    chosen = next((s for s in touching if marker and marker.search(_text(lines, s))), None)
    chosen = chosen or next((s for s in touching if s[0][0] in cited), touching[0])
    first, last = _closure(sentences, chosen)
    if last - first + 1 > MAX_SENTENCE_LINES:
        first, last = min(cited), max(cited)
    text = _text(lines, chosen)
    if text[-1] not in SENTENCE_STOPS:  # a table row or a label line: shown as a row, not quoted
        return None
    return Sentence(text, _marks(lines, chosen), band_of(lines[first:last + 1]))


def _text(lines: Sequence[TextLine], s: Sequence[Pos]) -> str:
    """Blank characters are not read, so the space between two Latin words comes from their gap."""
    out: list[str] = []
    for n, (i, j) in enumerate(s):
        g = lines[i].glyphs[j]
        before = lines[i].glyphs[j - 1] if n and s[n - 1] == (i, j - 1) else None
        if before and before.text.isascii() and g.text.isascii() and g.x0 - before.x1 > WORD_GAP * lines[i].height:
            out.append(" ")
        out.append(g.text)
    return "".join(out)


def _closure(sentences: Sequence[Sequence[Pos]], chosen: Sequence[Pos]) -> tuple[int, int]:
    """First and last line of the whole sentences around `chosen`: a line that begins inside an
    earlier sentence takes that sentence in too, and so on; the same at the end."""
    first, last = chosen[0][0], chosen[-1][0]
    grew = True
    while grew:
        grew = False
        for s in sentences:
            lines = {i for i, _ in s}
            if (first in lines and s[0][0] < first) or (last in lines and s[-1][0] > last):
                first, last = min(first, s[0][0]), max(last, s[-1][0])
                grew = True
    return first, last


def _marks(lines: Sequence[TextLine], s: Sequence[Pos]) -> tuple[BBox, ...]:
    marks = []
    for i in dict.fromkeys(i for i, _ in s):
        glyphs = [lines[i].glyphs[j] for k, j in s if k == i]
        marks.append((glyphs[0].x0, lines[i].top, glyphs[-1].x1, lines[i].bottom))
    return tuple(marks)


# ---- a report account's header -------------------------------------------------------------------

def header_band(lines: Sequence[TextLine], heading: BBox, keys: Sequence[str]) -> BBox | None:
    """The account's heading line down to the row that prints `keys` (its 账户标识, or the start of
    its 管理机构), that row's wrapped cells included. Without the keys in reach: the heading, the
    label line and the first line of values."""
    start = next((i for i, ln in enumerate(lines) if ln.crosses(heading[1], heading[3])), None)
    if start is None:
        return None
    reach = lines[start:start + MAX_HEADER_LINES + 1]
    compact = [re.sub(r"\s", "", ln.text) for ln in reach]
    wanted = [k for k in (re.sub(r"\s", "", k) for k in keys) if k]
    end = next((n for n in range(len(reach)) if wanted and any(k in "".join(compact[:n + 1]) for k in wanted)),
               min(2, len(reach) - 1))
    while end + 1 < len(reach) and reach[end + 1].top - reach[end].bottom < STACKED_GAP * reach[end].height:
        end += 1
    return band_of(reach[:end + 1])
