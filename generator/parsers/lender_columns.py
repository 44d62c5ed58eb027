"""The header and columns of a lender's installment table.

A header may print over several lines: a money column's unit under its label, a long label
wrapped, the one-line labels centred between them::

              应还总额            实还金额
    期数  应还日期       状态  实还时间       还款方式  还款账户
               (元)                (元)

Its words are grouped into columns by horizontal overlap, and each column's words read top to
bottom (``应还总额(元)``). A column's extent is its label widened by the body words that overlap
it alone (a centred label over a wider date-and-time cell); the boundary between two columns is
the widest free gutter between their extents, so a time printed beside its date stays in its
column and a short right-aligned number is not pulled into its neighbour.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.parsers.layout import Column, Line, occupied_spans
from generator.parsers.lender_text import char_size
from generator.pdf import Word

SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": ("期数", "期次", "期号", "还款期数", "当前期数", "期", "序号"),
    "due_date": ("应还日期", "应还款日", "应还款日期", "还款日", "还款日期", "到期日", "到期日期", "计划还款日",
                 "计划还款日期", "最后还款日"),
    "principal": ("应还本金", "本金", "计划本金"),
    "interest": ("应还利息", "利息", "计划利息"),
    "fees": ("应还费用", "费用", "服务费", "应还服务费", "担保费", "应还担保费", "手续费"),
    "amount_due": ("应还总额", "应还金额", "应还款额", "应还款金额", "本期应还", "本期应还金额", "应还合计"),
    "status": ("状态", "还款状态", "本期状态"),
    "paid_at": ("实还时间", "实还日期", "实际还款时间", "实际还款日期", "实际还款日", "还款时间"),
    "paid_amount": ("实还金额", "实际还款金额", "已还金额", "实还总额"),
}
FIELD_OF = {label: key for key, labels in SYNONYMS.items() for label in labels}
REQUIRED = ("number", "due_date", "amount_due")
MAX_DEPTH = 4  # header lines


@dataclass(frozen=True)
class Label:
    key: str
    text: str
    x0: float
    x1: float


@dataclass(frozen=True)
class Header:
    index: int  # the header's first line
    depth: int  # lines it spans
    labels: tuple[Label, ...]  # left to right


def normal_label(text: str) -> str:
    return re.sub(r"[（(](?:元|人民币|人民币元|RMB)[)）]$", "", re.sub(r"\s", "", text))


def find_header(lines: Sequence[Line]) -> Header | None:
    """The first run of up to MAX_DEPTH tight label lines whose columns name 期数, 应还日期 and
    应还总额 (synonyms), the deepest such run at that place."""
    for i in range(len(lines)):
        for depth in range(min(MAX_DEPTH, len(lines) - i), 0, -1):
            band = lines[i:i + depth]
            if not all(_label_line(ln) for ln in band) or not _tight(band):
                continue
            labels = header_labels(band)
            if labels is not None:
                return Header(i, depth, labels)
    return None


def _label_line(line: Line) -> bool:
    """Header words print no digits and no ``label：value``."""
    return not any(re.search(r"\d|[:：]", w.text) for w in line.words)


def _tight(band: Sequence[Line]) -> bool:
    char = char_size(band)
    return all(b.top - a.bottom < 0.8 * char for a, b in zip(band, band[1:]))


def header_labels(band: Sequence[Line]) -> tuple[Label, ...] | None:
    """Column labels of a header band, keyed by field (``fees``, ``fees2`` … for several fee
    columns, ``other<i>`` for a label we keep only as a bound); None if it is not a header."""
    keys: list[str] = []
    labels: list[Label] = []
    rows = [_joined(ln.words) for ln in band]
    words = [w for row in rows for w in row if not _spans_several(w, rows)]
    for i, words in enumerate(_stacks(words)):
        text = "".join(w.text for w in sorted(words, key=lambda w: (w.top, w.x0)))
        key = FIELD_OF.get(normal_label(text), f"other{i}")
        if key in keys:
            if key != "fees":
                return None  # two columns for one field: not a header we can read safely
            key = f"fees{sum(k.startswith('fees') for k in keys) + 1}"
        keys.append(key)
        labels.append(Label(key, text, min(w.x0 for w in words), max(w.x1 for w in words)))
    return tuple(labels) if all(k in keys for k in REQUIRED) else None


def _spans_several(word: Word, rows: Sequence[Sequence[Word]]) -> bool:
    """A group heading over several labels (``应还`` over ``本金 利息 费用``) is no label itself."""
    return any(sum(1 for w in row if w.x0 < word.x1 and w.x1 > word.x0) >= 2 for row in rows if word not in row)


def _stacks(words: Sequence[Word]) -> list[list[Word]]:
    """Words grouped by horizontal overlap (a label over its unit), left to right."""
    stacks: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.x0):
        if stacks and word.x0 < max(w.x1 for w in stacks[-1]):
            stacks[-1].append(word)
        else:
            stacks.append([word])
    return stacks


def _joined(words: Sequence[Word]) -> list[Word]:
    """Neighbouring words that are one label only together (``实还 时间``) as one word."""
    out: list[Word] = []
    for word in words:
        prev = out[-1] if out else None
        both = normal_label(prev.text + word.text) if prev else ""
        if prev and both in FIELD_OF and not (normal_label(prev.text) in FIELD_OF and normal_label(word.text) in FIELD_OF):
            out[-1] = Word(prev.text + word.text, prev.x0, min(prev.top, word.top), word.x1,
                           max(prev.bottom, word.bottom), prev.page)
        else:
            out.append(word)
    return out


def columns(labels: Sequence[Label], body: Sequence[Line], page_width: float) -> list[Column]:
    extents = [_Extent(lab.x0, lab.x1) for lab in labels]
    for line in body:
        for w in line.words:
            hits = [k for k, lab in enumerate(labels) if w.x0 < lab.x1 and w.x1 > lab.x0]
            if len(hits) == 1:
                extents[hits[0]].widen(w)
    spans = occupied_spans([w for ln in body for w in ln.words])
    bounds = [0.0]
    for a, b, la, lb in zip(extents, extents[1:], labels, labels[1:]):
        if a.right < b.left:
            bounds.append(_gutter(spans, a.right, b.left, a.right_text, b.left_text))
        else:
            bounds.append(_gutter(spans, la.x1, lb.x0, False, False))
    bounds.append(page_width)
    return [Column(lab.key, bounds[k], bounds[k + 1]) for k, lab in enumerate(labels)]


class _Extent:
    """A column's label widened by the body words under it alone; whether each edge is text."""

    def __init__(self, left: float, right: float) -> None:
        self.left, self.right = left, right
        self.left_text = self.right_text = False

    def widen(self, w: Word) -> None:
        if w.x0 <= self.left:
            self.left, self.left_text = w.x0, True
        if w.x1 >= self.right:
            self.right, self.right_text = w.x1, True


def _gutter(spans: Sequence[tuple[float, float]], left: float, right: float, left_text: bool,
            right_text: bool) -> float:
    """The middle of the widest free stretch between `left` and `right`, preferring one with body
    text on both sides (the space between a centred label and a short right-aligned number is
    not a gutter: it is bounded by the label)."""
    inside = [(max(a, left), min(b, right)) for a, b in spans if b > left and a < right]
    edges = [(left, left_text)] + [e for a, b in inside for e in ((a, True), (b, True))] + [(right, right_text)]
    gaps = [(b - a, (a + b) / 2, ta and tb) for (a, ta), (b, tb) in zip(edges[::2], edges[1::2]) if b > a]
    best = max((g for g in gaps if g[2]), default=None) or max(gaps, default=None)
    return best[1] if best else (left + right) / 2
