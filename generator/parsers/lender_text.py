"""The text of a lender's document, read the way a person reads it: lines, wrapped paragraphs
joined, titles, dates as printed and the names of institutions.

Shared by the 结清证明 and 还款计划 readers. Nothing here knows one lender's template: a title is
a short line near the top, a paragraph is a run of full-width lines, an institution is a name
ending in 公司 / 银行 … that may carry its former name in brackets::

    重庆市蚂蚁商诚信息技术有限公司
    （原：重庆市蚂蚁商诚小额贷款有限公司）        ← one name, printed over two lines
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from statistics import median

from generator.dates import DateError, parse_date
from generator.parsers.layout import FOOTER, Line, group_lines
from generator.pdf import Page, Word

logger = logging.getLogger(__name__)

WS, COLON = r"[ \t]*", r"[:：]"
SEP = rf"{WS}(?:{COLON}|为|是)?{WS}"
DATE = (r"\d{4}[ \t]*年[ \t]*\d{1,2}[ \t]*月[ \t]*\d{1,2}[ \t]*日"
        r"|\d{4}[ \t]*[-/.][ \t]*\d{1,2}[ \t]*[-/.][ \t]*\d{1,2}(?!\d)")
LABEL_DATE = rf"{DATE}|(?<!\d)\d{{8}}(?!\d)"  # 20240105 only where a label says it is a date
NAME = r"[\u3400-\u4dbf\u4e00-\u9fff·•]{2,8}"
NUMBER = r"[A-Za-z0-9][A-Za-z0-9*＊-]{3,}"  # a masked run (****) kept: it matches its contract
_PART = r"[^\s:：，,。；;（）()]"
_PAREN = r"[（(][^（）()\n]{1,60}[)）]"
ENTITY_TEXT = rf"(?:{_PART}|{_PAREN}){{4,90}}"
_ENTITY = re.compile(rf"^(?:{_PART}|{_PAREN}){{2,80}}?"
                     rf"(?:公司|银行|分行|支行|个人信贷部|信贷部|营业部|中心)(?:{_PAREN})?$")
_SEAL_MARK = re.compile(r"[（(]?(?:盖章|公章|签章|电子签章|印章)[)）]?$")


@dataclass(frozen=True)
class PlacedLine:
    page: int
    line: Line


@dataclass(frozen=True)
class DocText:
    """The document as one string: a wrapped paragraph's lines joined with nothing (so a sentence
    or number broken across lines reads whole), other lines separated by a newline."""

    text: str
    starts: tuple[int, ...]
    lines: tuple[PlacedLine, ...]

    def line_at(self, offset: int) -> PlacedLine:
        index = max(i for i, start in enumerate(self.starts) if start <= offset)
        return self.lines[index]


def document_text(placed: Sequence[PlacedLine]) -> DocText:
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    margins = _margins(placed)
    for i, pl in enumerate(placed):
        if i:
            sep = "" if _continues(placed[i - 1], pl, margins[pl.page]) else "\n"
            parts.append(sep)
            offset += len(sep)
        starts.append(offset)
        text = pl.line.text(" ")
        parts.append(text)
        offset += len(text)
    return DocText("".join(parts), tuple(starts), tuple(placed))


_Margins = tuple[float, float, float]  # character size, left edge, right edge of the text


def _margins(placed: Sequence[PlacedLine]) -> dict[int, _Margins]:
    out: dict[int, _Margins] = {}
    for page in {pl.page for pl in placed}:
        lines = [pl.line for pl in placed if pl.page == page]
        out[page] = (char_size(lines), min(ln.words[0].x0 for ln in lines), max(ln.words[-1].x1 for ln in lines))
    return out


def char_size(lines: Sequence[Line]) -> float:
    return median([w.bottom - w.top for ln in lines for w in ln.words] or [10.0])


def _continues(prev: PlacedLine, line: PlacedLine, margins: _Margins) -> bool:
    """A line continues the previous one when that one is a run of text from the left margin (or a
    first-line indent) without a column gap, ending where the next line's first unbreakable run
    would not have fitted (a wrapped paragraph), and this one starts at the left margin."""
    if prev.page != line.page:
        return False
    char, left, right = margins
    words = prev.line.words
    widest_gap = max((b.x0 - a.x1 for a, b in pairwise(words)), default=0.0)
    return (words[0].x0 <= left + 3 * char and widest_gap < 2 * char
            and words[-1].x1 + _leading_run(line.line.words[0]) >= right - 0.5 * char
            and line.line.words[0].x0 <= left + 0.5 * char)


def _leading_run(word: Word) -> float:
    """The width of a word's first unbreakable run and the character after it: Chinese text
    breaks anywhere, a number or a Latin word does not (``34,500.00`` moves to the next line whole)."""
    run = re.match(r"[^\u3000-\u9fff\uff00-\uffef]*", word.text)
    chars = min(len(word.text), (len(run.group(0)) if run else 0) + 1)
    return (word.x1 - word.x0) * chars / max(1, len(word.text))


def page_lines(pages: Sequence[Page]) -> list[PlacedLine]:
    return [PlacedLine(p.number, ln) for p in pages for ln in group_lines(p.words)
            if not FOOTER.match(ln.text("").strip())]


def has_title(page: Page, titles: Sequence[str], *, top: float = 0.4, extra: int = 16) -> bool:
    """A short line in the top part of the page that ends with one of `titles` (an issuer name
    may stand before it on the same line: ``招联消费金融股份有限公司贷款结清证明``)."""
    for line in group_lines(page.words):
        spaced = all(len(w.text) <= 2 for w in line.words)  # a letter-spaced title: 结 清 证 明
        if line.top > page.height * top or (len(line.words) > 2 and not spaced):
            continue
        text = line.text("")
        if re.search(r"[，,。:：；]", text):
            continue
        if any(text.endswith(t) and len(text) - len(t) <= extra for t in titles):
            return True
    return False


def search(text: str, patterns: Sequence[str]) -> re.Match[str] | None:
    """The first pattern (in priority order) that matches; its earliest match."""
    for pattern in patterns:
        m = re.search(pattern, text, re.MULTILINE)
        if m:
            return m
    return None


def checked_date(raw: str) -> date | None:
    """A printed date in any of the accepted forms (spaces inside ignored); None, logged, if it is none."""
    try:
        return parse_date(re.sub(r"\s", "", raw))
    except DateError:
        logger.warning("not a date: %r", raw)
        return None


def labelled_number(text: str, labels: Sequence[str]) -> str | None:
    """The number after the first label (in priority order) that prints one: ``借款合同编号：JB…``."""
    m = search(text, [rf"{label}{SEP}({NUMBER})" for label in labels])
    return m.group(1) if m else None


# --------------------------------------------------------------------------- institutions


def entity_name(text: str) -> str | None:
    """A printed institution's name alone (a former name in brackets kept), without a seal marker."""
    name = _SEAL_MARK.sub("", re.sub(r"\s", "", text))
    return name if _ENTITY.match(name) else None


def labelled_lender(text: str, labels: str) -> str | None:
    m = re.search(rf"(?:{labels}){WS}{COLON}{WS}({ENTITY_TEXT})", text)
    return entity_name(m.group(1)) if m else None


def institution_lines(placed: Sequence[PlacedLine]) -> list[tuple[str, PlacedLine]]:
    """The institution names printed on lines of their own, top to bottom. A name wrapped over
    two lines is one name: the second line continues it when the first is no name yet, or when
    the second is a bracket (``（原：…）``)."""
    out: list[tuple[str, PlacedLine]] = []
    skip = False
    for i, pl in enumerate(placed):
        if skip:
            skip = False
            continue
        text = pl.line.text("")
        nxt = placed[i + 1] if i + 1 < len(placed) else None
        if nxt is not None and _close_below(pl, nxt):
            joined = entity_name(text + nxt.line.text(""))
            if joined and (entity_name(text) is None or re.match(r"\s*[（(]", nxt.line.text(""))):
                out.append((joined, pl))
                skip = True
                continue
        name = entity_name(text)
        if name:
            out.append((name, pl))
    return out


def _close_below(a: PlacedLine, b: PlacedLine) -> bool:
    height = a.line.bottom - a.line.top
    return a.page == b.page and 0 <= b.line.top - a.line.bottom < 1.2 * height
