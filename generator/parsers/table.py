"""The one table reader: every statement format's rows, from its declared spec (table_spec.py).

On each page the header is found by its labels (table_header.py) or, where it is printed on
page 1 only, the last page's columns are kept. Column bands come from the header cells' positions
and the vertical gutters of the body. Rows start at anchor lines (a date in the date column);
the other lines of a row are its wrapped cells, printed above the anchor, below it, or both:
between two anchors, the widest vertical gap separates one row's lines from the next one's.
Where every gap is alike (rows printed with no padding), the alignment the document shows
elsewhere decides: cells that start on the anchor line (top-aligned) or straddle it (centred).
A note, total or end marker (`TableSpec.ends`) ends the table on its page; a footer is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from statistics import median

from generator.dates import is_date
from generator.errors import StatementParseError
from generator.parsers.layout import Column, Line, RawRow, _split_row, cells, group_lines, occupied_spans
from generator.parsers.table_header import EXTRA, Header, HeaderCell, Vocabulary, find_header
from generator.parsers.table_spec import TableSpec, norm_label
from generator.pdf import Page, PdfDocument, Word

FOOTER = re.compile(r"^[-—\s]*(第\s*\d+\s*页\s*[/／,，、]?\s*共\s*\d+\s*页|第\s*\d+\s*[/／]\s*\d+\s*页|\d+\s*[/／]\s*\d+|"
                    r"共\s*\d+\s*页\s*第\s*\d+\s*页|page\s*\d+(\s*(of|/)\s*\d+)?)[-—\s]*$", re.I)
TIE = 0.75  # points: gaps closer than this are alike


@dataclass
class Table:
    """What the reader found: page 1 above the header, the rows in printed order, the lines
    outside the table (from a note or total on) with their page, and each key's printed label."""

    anchor: str = "date"
    preamble: list[Line] = field(default_factory=list)
    rows: list[RawRow] = field(default_factory=list)
    outside: list[tuple[int, Line]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    carry: list[Word] = field(default_factory=list)  # a broken row's upper lines from the page before
    top_aligned: int = 0  # votes: rows whose wrapped lines all follow the anchor
    centred: int = 0  # rows with wrapped lines above their anchor

    order: list[str] = field(default_factory=list)  # keys left to right as page 1 prints them

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(self.labels)

    def ordered_labels(self) -> list[tuple[str, str]]:
        return [(k, self.labels[k]) for k in self.order]


# The lines a page's header was found from (each word's text and box), and the header.
_Prefix = tuple[tuple[tuple[str, float, float, float, float], ...], ...]
_Seen = tuple[_Prefix, Header]
Anchor = Callable[[dict[str, list[Word]]], bool]
_Layout = tuple[int, tuple[tuple[str, int, int], ...]]


def read_table(doc: PdfDocument, file: str, spec: TableSpec) -> Table:
    table = Table(spec.anchor)
    pages = _pages(doc, file, spec, table)
    # Pages whose header sits in the same places share one layout: their bands come from all
    # their rows together, so a page with two rows is cut where the pages with thirty are.
    bodies: dict[_Layout, list[Line]] = {}
    for page, body, header in pages:
        if header is not None:
            bodies.setdefault(_layout(header, page), []).extend(body)
    is_anchor = anchor_test(spec)
    known: dict[_Layout, list[Column]] = {}
    columns: list[Column] = []
    for page, body, header in pages:
        if header is not None:
            layout = _layout(header, page)
            if layout not in known:
                known[layout] = bands(header.cells, bodies[layout], page.width)
            columns = known[layout]
        _read_page(table, body, columns, page, is_anchor)
    return table


def _pages(doc: PdfDocument, file: str, spec: TableSpec, table: Table) -> list[tuple[Page, list[Line], Header | None]]:
    """Each page's table lines and header (None where the page prints none and the last page's
    columns go on); the preamble, labels and lines outside the table are recorded on `table`."""
    vocab = Vocabulary(spec)
    seen: _Seen | None = None
    out: list[tuple[Page, list[Line], Header | None]] = []
    for page in doc.pages():
        lines = group_lines(page.words)
        header, seen = _header(lines, vocab, seen)
        if header is None and not out:
            raise StatementParseError(file, "parse.no_header", page=page.number, columns=_expected(spec))
        if header is not None and page.number == 1:
            table.preamble = list(lines[:header.first])
        start = _repeated(lines, table.preamble) if header is None else header.last + 1
        body, outside = _body(lines[start:], spec)
        table.outside += [(page.number, line) for line in outside]
        for cell in header.cells if header is not None else ():
            if cell.key not in table.labels:
                table.labels[cell.key] = cell.label
                table.order.append(cell.key)
        out.append((page, body, header))
    return out


def _layout(header: Header, page: Page) -> _Layout:
    return (round(page.width), tuple((c.key, round(c.x0), round(c.x1)) for c in header.cells))


def _header(lines: list[Line], vocab: Vocabulary, seen: _Seen | None) -> tuple[Header | None, _Seen | None]:
    """The page's header, and what it was found from. A header printed on every page is found
    once: `find_header` reads the lines down to the header's last and asks of the next only
    whether it is header-like, so a page that begins with the same lines in the same places, and
    whose next line is no header line either, has the same header."""
    if seen is not None and _ends(lines, seen[1], vocab) and _prefix(lines, seen[1].last + 1) == seen[0]:
        return seen[1], seen
    header = find_header(lines, vocab)
    if header is None:
        return None, seen
    return header, ((_prefix(lines, header.last + 1), header) if _ends(lines, header, vocab) else None)


def _ends(lines: list[Line], header: Header, vocab: Vocabulary) -> bool:
    return header.last + 1 >= len(lines) or not vocab.header_like(lines[header.last + 1])


def _prefix(lines: list[Line], n: int) -> _Prefix:
    return tuple(tuple((w.text, w.x0, w.top, w.x1, w.bottom) for w in line.words) for line in lines[:n])


def _repeated(lines: list[Line], preamble: list[Line]) -> int:
    """How many of a headerless page's first lines repeat page 1's title or preamble: they are
    not the rest of a row, though they may sit as close above the first row as a wrapped cell."""
    printed = {line.text(" ").strip() for line in preamble}
    n = 0
    while n < len(lines) and lines[n].text(" ").strip() in printed:
        n += 1
    return n


def _expected(spec: TableSpec) -> str:
    return " ".join(spec.column(k).labels[0] for k in spec.required_keys)


def anchor_test(spec: TableSpec) -> Anchor:
    key = spec.anchor
    if spec.anchor_values:
        values = spec.anchor_values

        def flow(found: dict[str, list[Word]]) -> bool:
            words = found[key]
            if not words:
                return False
            text = norm_label(words[0].text)
            return any(v == text or (len(text) >= 2 and v.startswith(text)) for v in values)
        return flow

    def dated(found: dict[str, list[Word]]) -> bool:
        words = found[key]
        return bool(words) and is_date(words[0].text)
    return dated


def _body(lines: Sequence[Line], spec: TableSpec) -> tuple[list[Line], list[Line]]:
    """The table's lines on a page and, from the first note or total on, the lines outside it."""
    kept: list[Line] = []
    for i, line in enumerate(lines):
        text = line.text("").strip()
        if FOOTER.match(text):
            continue
        if spec.ends.match(text):
            return kept, [ln for ln in lines[i:] if not FOOTER.match(ln.text("").strip())]
        kept.append(line)
    return kept, []


# --------------------------------------------------------------------------- column bands


def bands(header: Sequence[HeaderCell], body: Sequence[Line], page_width: float) -> list[Column]:
    """Column boundaries: between two header cells, the body's vertical gutter whose sides carry
    the most aligned edges (left-aligned text starts there, right-aligned amounts end there) and
    the most words on the side of the label nearer to them, then the widest; with no gutter
    (every x covered), the middle between the two cells. A gutter no wider than the space between
    two words of one line is a phrase wrapped past its column (``…有限公司 24``), not a boundary."""
    words = [w for line in body for w in line.words]
    narrow = _narrow_gaps(body)
    spans = occupied_spans(words)
    bounds = [0.0]
    for a, b in zip(header, header[1:]):
        gutters = _gutters(spans, a.mid_x, b.mid_x)
        if not gutters:
            bounds.append((a.x1 + b.x0) / 2 if a.x1 < b.x0 else (a.mid_x + b.mid_x) / 2)
            continue
        if len(gutters) == 1:
            best = gutters[0]
        else:
            between = [w for w in words if a.mid_x - 1 < w.mid_x < b.mid_x + 1]
            best = max(gutters, key=lambda g: (not _splits_phrase(g, narrow), _score(g, a, b, between), g[1] - g[0]))
        bounds.append((best[0] + best[1]) / 2)
    bounds.append(max(page_width, bounds[-1] + 1))
    return [Column(cell.key, bounds[i], bounds[i + 1]) for i, cell in enumerate(header)]


def _gutters(spans: Sequence[tuple[float, float]], left: float, right: float) -> list[tuple[float, float]]:
    edges = [(-1e9, left), *spans, (right, 1e9)]
    out = []
    for (_, end), (start, _) in zip(edges, edges[1:]):
        lo, hi = max(end, left), min(start, right)
        if hi > lo:
            out.append((lo, hi))
    return out


def _narrow_gaps(body: Sequence[Line]) -> list[tuple[float, float]]:
    """The spaces between two words of one line no wider than a third of their height."""
    return [(left.x1, right.x0) for line in body for left, right in zip(line.words, line.words[1:])
            if right.x0 - left.x1 < 0.35 * (left.bottom - left.top)]


def _splits_phrase(gutter: tuple[float, float], narrow: Sequence[tuple[float, float]]) -> bool:
    lo, hi = gutter
    return any(abs(x1 - lo) <= 0.5 and abs(x0 - hi) <= 0.5 for x1, x0 in narrow)


def _score(gutter: tuple[float, float], a: HeaderCell, b: HeaderCell, words: Sequence[Word]) -> int:
    lo, hi = gutter
    cut = (lo + hi) / 2
    edges = sum(1 for w in words if abs(w.x0 - hi) <= 0.5 or abs(w.x1 - lo) <= 0.5)
    agree = 0
    for w in words:
        da = max(0.0, a.x0 - w.x1, w.x0 - a.x1)
        db = max(0.0, b.x0 - w.x1, w.x0 - b.x1)
        if da != db:
            agree += int((w.mid_x < cut) == (da < db))
    return edges + agree


# --------------------------------------------------------------------------- rows


def row_gap(page: Page) -> float:
    """How far a wrapped line may lie from the line before it in its row: 2.5 text heights."""
    heights = [w.bottom - w.top for w in page.words] or [10.0]
    return 2.5 * median(heights)


def _read_page(table: Table, body: list[Line], columns: list[Column], page: Page, is_anchor: Anchor) -> None:
    split = [cells(line.words, columns) for line in body]
    anchors = [i for i, found in enumerate(split) if is_anchor(found)]
    if not anchors:
        return
    gap = row_gap(page)
    groups: list[list[int]] = [[a] for a in anchors]
    pending: list[tuple[int, int, list[int]]] = []  # (row k, row k+1, lines between) decided by the document
    padding: list[float] = []  # the gaps found between rows on this page
    for k, (a, b) in enumerate(zip(anchors, anchors[1:])):
        between = list(range(a + 1, b))
        if not between:
            padding.append(_gap(body[a], body[b]))
        else:
            cut = _cut(body, a, b)
            if cut is None:
                pending.append((k, k + 1, between))
            else:
                padding.append(_gap(body[a + cut], body[a + cut + 1]))
                groups[k] += between[:cut]
                groups[k + 1][:0] = between[cut:]
                if cut < len(between):
                    table.centred += 1
                else:
                    table.top_aligned += 1
    centred = table.centred > table.top_aligned
    for k, k1, between in pending:
        cut = len(between) if not centred else _nearest_cut(body, anchors[k], anchors[k1], between)
        groups[k] += between[:cut]
        groups[k1][:0] = between[cut:]
    between_rows = median(padding) - TIE if padding else None
    _lead(table, body, groups, anchors[0], gap, centred, columns, between_rows)
    carry = _trail(body, groups[-1], anchors[-1], gap, between_rows, columns)
    for n, group in enumerate(groups):
        anchor = anchors[n]
        group = [i for i in sorted(group) if i == anchor or _near_row(body, group, i, gap)]
        parts = [(body[i], split[i]) for i in group]
        row = _split_row(parts, body[anchor], columns, page.number)
        table.rows.append(_prepend(row, table.carry, columns) if n == 0 and table.carry else row)
    table.carry = [w for i in carry for w in body[i].words]


def _gap(upper: Line, lower: Line) -> float:
    return lower.top - upper.bottom


def _cut(body: Sequence[Line], a: int, b: int) -> int | None:
    """How many of the lines between anchors a and b belong to a: the split at the widest gap;
    None when the widest gaps are alike (the table prints no space between rows)."""
    gaps = [_gap(body[i], body[i + 1]) for i in range(a, b)]
    widest = max(gaps)
    at = [i for i, g in enumerate(gaps) if widest - g <= TIE]
    if len(at) > 1:
        return None
    return at[0]


def _nearest_cut(body: Sequence[Line], a: int, b: int, between: list[int]) -> int:
    """Centred cells: each line goes to the anchor nearer to it (ties to the row below)."""
    return sum(1 for i in between if body[i].mid_y - body[a].mid_y < body[b].mid_y - body[i].mid_y)


def _prepend(row: RawRow, words: list[Word], columns: list[Column]) -> RawRow:
    """The upper lines of a row that the page before printed (a centred row broken by the page)."""
    texts = dict(row.texts)
    for key, found in cells(words, columns).items():
        if found:
            texts[key] = "".join(w.text for w in found) + texts.get(key, "")
    return RawRow(row.page, texts, row.bbox, row.anchor)


def _lead(table: Table, body: Sequence[Line], groups: list[list[int]], first: int, gap: float, centred: bool,
          columns: list[Column], between_rows: float | None) -> None:
    """Lines above the page's first anchor: the rest of the last row of the page before where that
    row lacks its amount (its date line was printed there), or in a top-aligned table; otherwise
    the first row's upper lines."""
    lead = list(range(first))
    chained: list[int] = []
    for i in reversed(lead):
        nxt = chained[0] if chained else first
        if _gap(body[i], body[nxt]) > gap:
            break
        chained.insert(0, i)
    if not chained:
        return
    broken = bool(table.rows) and not any(table.rows[-1].texts.get(k) for k in ("amount", "credit", "debit"))
    # A centred cell's top sits close over its anchor line; a line a row's spacing above it is the
    # rest of the row the page before began.
    above = _gap(body[chained[-1]], body[first])
    own = above < 0 if between_rows is None else above < between_rows
    if not broken and (not table.rows or (centred or above < 0) and own):
        split = _row_break(body, chained, between_rows) if table.rows and centred else 0
        groups[0][:0] = chained[split:]
        chained = chained[:split]
        if not chained:
            return
    # Only the rest of a row continues it; a page's repeated title or preamble above its rows does not.
    while chained and not _continues(body[chained[0]], columns, broken):
        chained.pop(0)
    if not chained:
        return
    last = table.rows[-1]
    words = [w for i in chained for w in body[i].words]
    extra = cells(words, columns)
    texts = dict(last.texts)
    for key, found in extra.items():
        if found:
            texts[key] = texts.get(key, "") + "".join(w.text for w in found)
    table.rows[-1] = RawRow(last.page, texts, last.bbox, last.anchor)


def _row_break(body: Sequence[Line], chained: list[int], between_rows: float | None) -> int:
    """Where, in the lines above a centred page's first anchor, the page's first row begins: after
    the one gap as wide as the page's gaps between rows (the lines before it end the row the page
    before broke, e.g. a counterparty's last character); 0 when there is no such gap."""
    if between_rows is None or len(chained) < 2:
        return 0
    gaps = [_gap(body[i], body[j]) for i, j in zip(chained, chained[1:])]
    widest = max(gaps)
    if widest < between_rows or sum(1 for g in gaps if widest - g <= TIE) > 1:
        return 0
    return gaps.index(widest) + 1


_FURNITURE = re.compile(r"[\u4e00-\u9fffA-Za-z][:：]|(银行|支付宝|微信|财付通).*(清单|明细|流水|对账单|证明|回单)|details|statement|transaction", re.I)
_VALUES = frozenset({"date", "time", "amount", "balance", "credit", "debit", "flag", "seq"})


def _continues(line: Line, columns: list[Column], values: bool) -> bool:
    """Whether a line at a page's top can be the rest of a row broken by the page: no label or
    title, and values only where the row lacks them."""
    if _FURNITURE.search(line.text(" ")):
        return False
    found = cells(line.words, columns)
    return values or not any(found[k] for k in found if k in _VALUES)


def _values(line: Line, columns: list[Column]) -> bool:
    found = cells(line.words, columns)
    return any(found[k] for k in found if k in _VALUES)


def _trail(body: Sequence[Line], group: list[int], last: int, gap: float, padding: float | None,
           columns: list[Column]) -> list[int]:
    """Lines below the page's last anchor, while each is close to the one above it. In a centred
    table, lines after a gap as wide as the page's gaps between rows are the upper lines of the
    next row, which the page broke: they are returned, for the next page's first row."""
    prev = last
    for i in range(last + 1, len(body)):
        step = _gap(body[prev], body[i])
        if step > gap:
            break
        if padding is not None and step >= padding and not _values(body[i], columns):
            ahead = [i]
            for j in range(i + 1, len(body)):
                if _gap(body[ahead[-1]], body[j]) > gap:
                    break
                ahead.append(j)
            return ahead
        group.append(i)
        prev = i
    return []


def _near_row(body: Sequence[Line], group: list[int], i: int, gap: float) -> bool:
    """A line more than `gap` from every other line of its row is not part of the table."""
    if len(group) == 1:
        return True
    return any(j != i and abs(body[j].mid_y - body[i].mid_y) <= gap + (body[j].bottom - body[j].top) for j in group)


def extra_keys(keys: frozenset[str]) -> list[str]:
    return sorted(k for k in keys if k.startswith(EXTRA))


__all__ = ["Header", "Table", "bands", "read_table", "row_gap", "extra_keys"]
