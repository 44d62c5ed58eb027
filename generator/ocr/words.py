"""OCR lines to the words the layout readers take from a text layer (generator/pdf/words.py):
boxes in PDF points, origin top-left, one word per run of characters without a gap.

The engine reads a line at a time (``2025-03-10`` or ``财付通支付科技有限公司 美团外卖订单``) and
gives a box per character where it can; where it cannot (its box count differs from the text),
the line's box is shared out by character width, an ideograph counting twice a Latin letter.
A line splits at spaces and at gaps wider than half its height (less where a number meets an
ideograph), as a text layer's words split at gaps; every word of a line keeps the line's top and bottom, so the words of one printed line
stay on one line for the readers. Each word carries the line's confidence.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from generator.ocr.corrections import breaks, correct
from generator.ocr.engine import Box, OcrLine
from generator.pdf.words import RawWord

_GAP = 0.5  # of the line's height: a wider gap between two characters ends a word


def _width(ch: str) -> float:
    return 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55 if not ch.isspace() else 0.5


def char_boxes(line: OcrLine) -> list[Box]:
    """One box per character of `line.text` (spaces get the gap they stand in)."""
    text, chars = line.text, line.chars
    if chars is not None and len(chars) == len(text):
        return list(chars)
    solid = [i for i, ch in enumerate(text) if not ch.isspace()]
    if chars is not None and len(chars) == len(solid):
        return _fill_spaces(text, dict(zip(solid, chars)), line.box)
    x0, top, x1, bottom = line.box
    widths = [_width(ch) for ch in text]
    unit = (x1 - x0) / (sum(widths) or 1.0)
    out, at = [], x0
    for w in widths:
        out.append((at, top, at + w * unit, bottom))
        at += w * unit
    return out


def _fill_spaces(text: str, known: dict[int, Box], line: Box) -> list[Box]:
    out: list[Box] = []
    for i in range(len(text)):
        if i in known:
            out.append(known[i])
        else:
            left = out[-1][2] if out else line[0]
            out.append((left, line[1], left, line[3]))
    return out


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _apart(text: str, boxes: list[Box], i: int, limit: float) -> bool:
    """Characters i-1 and i stand apart: a gap over `limit`, or over 60% of it where a number
    meets an ideograph (``19,032.80`` and ``代发工资`` in neighbouring cells, read as one line)."""
    gap = boxes[i][0] - boxes[i - 1][2]
    return gap > limit or (gap > 0.6 * limit and _wide(text[i]) != _wide(text[i - 1]))


def line_words(line: OcrLine, scale: float) -> list[tuple[RawWord, float]]:
    """The words of one OCR line, corrected (generator/ocr/corrections.py), in points (`scale`
    points a pixel), each with the line's confidence."""
    text = correct(line.text)
    boxes = char_boxes(line if text == line.text else OcrLine(text, line.box, line.score,
                                                               line.chars if len(text) == len(line.text) else None,
                                                               line.quad))
    top, bottom = line.box[1] * scale, line.box[3] * scale
    limit = _GAP * (line.box[3] - line.box[1])
    cuts = breaks(text)
    out: list[tuple[RawWord, float]] = []
    start: int | None = None
    for i, ch in enumerate(text + " "):
        gap = start is not None and i < len(text) and (_apart(text, boxes, i, limit) or i in cuts)
        if start is not None and (ch.isspace() or gap):
            word = text[start:i]
            out.append(((word, boxes[start][0] * scale, top, boxes[i - 1][2] * scale, bottom), line.score))
            start = None
        if start is None and not ch.isspace() and i < len(text):
            start = i
    return out


def page_words(lines: Sequence[OcrLine], scale: float) -> tuple[list[RawWord], list[float]]:
    """Words of a page's lines in reading order (top-down, then left to right) with their
    confidences, aligned."""
    pairs = [p for line in lines for p in line_words(line, scale)]
    pairs.sort(key=lambda p: (round(p[0][2], 1), p[0][1]))
    return [p[0] for p in pairs], [p[1] for p in pairs]
