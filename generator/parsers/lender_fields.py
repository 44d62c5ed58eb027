"""Labelled values of a lender's document, wherever the label stands: in ``label：value`` prose,
in a key/value table of two or four columns, or over a one-row table::

    借款人姓名   叶晓国            身份证号          4****************6
    借款合同编号 20210422494800999  借款金额（小写）  10,000.00元          ← a value cell wrapped
                 7647640                                                     over two lines
    | 借款编号 | 产品名称 | 借款金额(元) | 放款日期 | 结清日期 |
    | ZL2023…  | 好期贷   | 8,000.00     | 2023-11-05 | 2025-05-20 |

A label cell is a word that is a known label alone (``借款金额（大写）``: the qualifier says which
form the value takes). Its value is the words right of it, up to the next label column, on the
lines nearest its own. Labels we have no field for (产品名称, 借款期限 …) still bound their
neighbours. Amounts are read by `amount_parts` from the value or from the clause after a label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.errors import StatementParseError
from generator.parsers.layout import cells, header_columns
from generator.parsers.lender_text import WS, PlacedLine, char_size
from generator.pdf import Word

LABELS: dict[str, tuple[str, ...]] = {  # field → labels, in priority order
    "borrower": ("借款人姓名", "借款人名称", "客户姓名", "用户姓名", "借款人", "客户名称", "姓名"),
    "id_number": ("身份证号码", "身份证号", "证件号码", "证件号", "身份证"),
    "contract": ("借款合同编号", "贷款合同编号", "合同编号", "合同号", "借据编号", "借据号", "借款编号", "贷款编号"),
    "principal": ("借款金额", "贷款金额", "借款本金", "贷款本金", "放款金额", "发放金额", "合同金额"),
    "disbursed": ("放款日期", "放款日", "放款时间", "借款日期", "借款日", "借款时间", "发放日期", "贷款发放日",
                  "贷款日期"),
    "settled": ("结清日期", "结清日", "结清时间", "还清日期", "还清时间"),
    "issued": ("开具日期", "出具日期", "开立日期", "证明日期", "打印日期", "签发日期"),
    "lender": ("出具机构", "开具机构", "出具单位", "贷款机构", "放款机构", "贷款人", "出借人", "债权人"),
}
OTHER_LABELS = frozenset({
    "产品名称", "产品", "借款期限", "贷款期限", "期限", "借款期数", "期数", "还款方式", "借款用途",
    "年化利率", "利率", "担保方式", "证明编号", "编号", "借款状态", "状态", "结清状态", "还款账户", "收款账户",
    "到期日期", "到期日", "备注"})
FIELD_OF = {label: f for f, labels in LABELS.items() for label in labels}
# The closing bracket may stand on the cell's next line (``借款金额（小写`` / ``）``).
_LABEL_WORD = re.compile(r"(.+?)(?:[（(](小写|大写|元|人民币|人民币元)[)）]?)?[:：]?")


@dataclass(frozen=True)
class Cell:
    """One labelled value: ``principal`` / ``大写`` / ``壹万元整``, and the line of its label."""

    field: str
    qualifier: str  # 小写 | 大写 | "" (the label's bracket, if it names the form)
    value: str
    line: PlacedLine
    rank: int = 0  # the label's place in LABELS[field]: 借款合同编号 before 借据号


_Key = tuple[str | None, str, int]  # field (None: a label we only bound by), qualifier, rank


def label_key(text: str) -> _Key | None:
    """The key of a word that is a label alone, else None."""
    m = _LABEL_WORD.fullmatch(re.sub(r"\s", "", text))
    if m is None:
        return None
    base, qualifier = m.group(1), m.group(2) or ""
    field = FIELD_OF.get(base)
    if field is None and base not in OTHER_LABELS:
        return None
    rank = LABELS[field].index(base) if field else 0
    return field, qualifier if qualifier in ("小写", "大写") else "", rank


def best(cells_: Sequence[Cell], field: str) -> list[Cell]:
    """The cells of `field`, best label first, then in printed order."""
    return sorted((c for c in cells_ if c.field == field), key=lambda c: c.rank)


# --------------------------------------------------------------------------- tables


def table_cells(file: str, placed: Sequence[PlacedLine]) -> list[Cell]:
    """Every labelled value of the key/value tables and one-row tables of the document."""
    out: list[Cell] = []
    for page in sorted({pl.page for pl in placed}):
        lines = [pl for pl in placed if pl.page == page]
        keyed = [(pl, [(w, label_key(w.text)) for w in pl.line.words]) for pl in lines]
        headers = [pl for pl, ws in keyed if _is_header_row(ws)]
        for header in headers:
            out += _row_table(file, lines, header)
        kv = [(pl, [(w, k) for w, k in ws if k is not None]) for pl, ws in keyed if pl not in headers]
        body = [pl for pl in lines if not _is_column_heads(pl)]
        out += _kv_cells(body, [(pl, ws) for pl, ws in kv if ws])
    return out


def _is_header_row(words: Sequence[tuple[Word, _Key | None]]) -> bool:
    """A row of column labels: three or more field labels and hardly anything else."""
    fields = sum(1 for _, k in words if k is not None and k[0] is not None)
    others = sum(1 for _, k in words if k is None)
    return fields >= 3 and others == 0 and not any(re.search(r"[:：]", w.text) for w, _ in words)


_Keyed = list[tuple[Word, _Key]]
_COLUMN_HEADS = frozenset({"项目", "内容", "名称", "信息", "详情", "明细", "说明"})


def _is_column_heads(pl: PlacedLine) -> bool:
    """A key/value table's own header (``项目 内容 项目 内容``): no value's wrapped line."""
    return all(re.sub(r"\s", "", w.text) in _COLUMN_HEADS for w in pl.line.words)


def _kv_cells(lines: Sequence[PlacedLine], label_lines: Sequence[tuple[PlacedLine, _Keyed]]) -> list[Cell]:
    if not label_lines:
        return []
    char = char_size([pl.line for pl in lines])
    label_words = {id(w) for _, ws in label_lines for w, _ in ws}
    lefts = sorted(w.x0 for _, ws in label_lines for w, _ in ws)
    out: list[Cell] = []
    for pl, ws in label_lines:
        for word, (field, qualifier, rank) in ws:
            if field is None:
                continue
            right = next((x for x in lefts if x > word.x1), 1e9)
            # The labels of the same column bound a value's wrapped lines: a line nearer to the
            # label above or below belongs to that label's value.
            column = [other for other, ows in label_lines
                      if any(w.x0 < word.x1 and word.x0 < w.x1 for w, _ in ows)]
            value = _value_words(lines, column, pl, (word.x1, right), label_words, 1.6 * char)
            if value:
                out.append(Cell(field, qualifier, value, pl, rank))
    return out


def _value_words(lines: Sequence[PlacedLine], anchors: Sequence[PlacedLine], own: PlacedLine,
                 span: tuple[float, float], label_words: set[int], reach: float) -> str:
    """The words between the span's edges on the label's own line and on the lines above and
    below it, while each is within `reach` of the cell's line before it and nearer to `own` than
    to the column's other labels (a wrapped cell's lines sit above and below its label, one,
    two or three of them), joined top to bottom."""
    left, right = span

    def words(pl: PlacedLine) -> list[Word]:
        return [w for w in pl.line.words if id(w) not in label_words and w.x0 >= left - 1 and w.mid_x < right]

    def mine(pl: PlacedLine) -> bool:
        return min(anchors, key=lambda a: abs(a.line.mid_y - pl.line.mid_y)) is own

    at = list(lines).index(own)
    found: dict[int, list[Word]] = {at: words(own)}
    for step in (-1, 1):
        edge = own
        i = at + step
        while 0 <= i < len(lines) and lines[i].page == own.page and mine(lines[i]):
            pl = lines[i]
            gap = edge.line.top - pl.line.bottom if step < 0 else pl.line.top - edge.line.bottom
            if gap > reach:
                break
            if ws := words(pl):
                found[i] = ws
                edge = pl
            i += step
    return "".join(" ".join(w.text for w in found[i]) for i in sorted(found) if found[i])


def _row_table(file: str, lines: Sequence[PlacedLine], header: PlacedLine) -> list[Cell]:
    """The one value row under a header of column labels, a wrapped cell's other lines joined
    (two value rows: two loans, refused)."""
    i = list(lines).index(header)
    rows = [p for p in lines[i + 1:i + 3] if len(p.line.words) >= 3]
    if not rows:
        return []
    words = header.line.words
    columns = header_columns(header.line, [(f"c{k}", w.text) for k, w in enumerate(words)], 1e4,
                             [r.line for r in rows])
    if len(rows) > 1:
        raise StatementParseError(file, "certificate.several_loans", page=header.page, text=rows[1].line.text())
    reach = 1.6 * char_size([header.line])
    parts = [p for p in lines[i + 1:i + 6] if p is rows[0] or (
        len(p.line.words) < 3 and abs(p.line.mid_y - rows[0].line.mid_y) <= reach)]
    texts: dict[str, str] = {}
    for part in sorted(parts, key=lambda p: p.line.top):  # a wrapped cell's lines, top to bottom
        for column, ws in cells(part.line.words, columns).items():
            texts[column] = texts.get(column, "") + " ".join(w.text for w in ws)
    out = []
    for k, w in enumerate(words):
        key = label_key(w.text)
        if key is not None and key[0] is not None and texts[f"c{k}"]:
            out.append(Cell(key[0], key[1], texts[f"c{k}"], rows[0], key[2]))
    return out
