"""What an export format is, declared: the one export reader (reader.py) does the rest.

An export is the file a person downloads from an app or online bank to reconcile their own
accounts (支付宝's and 微信's "用于个人对账", a bank's CSV/XLS 明细). It is recognised by its own
text above the table (a title, an issuer's name, or the header itself: `identifiers`, as for
the PDFs), never by its file name. Its table is one of the `layouts` the format has printed over
the years, each a TableSpec (table_spec.py: column labels, the amount rule, description columns),
checked strictly: a header with a column no layout knows, or without a required one, is refused
with both named, never guessed at. Sample (微信支付账单, 2019–2026)::

    class WechatExport(ExportFormat):
        identifiers = (("微信支付账单明细",), ("微信支付", "账单"))
        layouts = (Layout("2019", TableSpec(columns=(Col("date", ("交易时间",), True), …))),)
        totals = Totals(flows={"收入": "收入", "支出": "支出", "中性交易": "其他"}, aliases={"/": "其他"})
        void = Void("status", ("支付失败", "已关闭"))
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import ClassVar

from generator.models import DocumentKind
from generator.parsers.table_spec import Col, TableSpec, norm_label


@dataclass(frozen=True)
class Layout:
    """One version of a format's table, named by the year it appeared."""

    version: str
    spec: TableSpec
    # (column, better): the column's value is read from `better` wherever that cell is filled
    # (支付宝 2020: the date is the 付款时间, when the money moved, not the 交易创建时间)
    prefer: tuple[tuple[str, str], ...] = ()
    # columns the layout does not know are passed over rather than refusing the header (工商银行
    # lets the user choose the columns, and its versions add some): only its required ones must be there
    tolerant: bool = False

    def lookup(self) -> dict[str, str]:
        """Every way a header cell may print a column's label, normalised → the column's key:
        a label alone, or a Chinese and an English label run together in either order
        (``交易日期Trans Date``, ``Balance 余额``)."""
        out: dict[str, str] = {}
        for col in self.spec.columns:
            for label in col.zh + col.en:
                out.setdefault(label, col.key)
            for zh in col.zh:
                for en in col.en:
                    out.setdefault(zh + en, col.key)
                    out.setdefault(en + zh, col.key)
        return out


@dataclass(frozen=True)
class Totals:
    """The summary an export prints (``共12笔记录``, ``支出：8笔 4,321.50元``) and how its words
    name the flows of the 收/支 column: `flows` maps a printed summary word to a flow, `aliases`
    maps a 收/支 cell to one (微信 prints ``/`` for what its summary calls 中性交易)."""

    flows: dict[str, str]
    aliases: dict[str, str] = field(default_factory=dict)
    count: re.Pattern[str] = re.compile(r"^共\s*(\d+)\s*笔")

    def flow(self, printed: str) -> str:
        return self.aliases.get(printed, printed)


@dataclass(frozen=True)
class Void:
    """Rows whose `column` reads one of `statuses` moved no money (a closed or failed payment,
    a failed 借呗 repayment among them): they are kept out of the transactions and reported."""

    column: str
    statuses: tuple[str, ...]


def norm_text(text: str) -> str:
    """Text as identifiers are looked for in it: NFKC, no whitespace."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


class ExportFormat:
    """One export format: data only. Validated when the class is made (names the attribute)."""

    name: ClassVar[str]  # unique id: "alipay_export"
    provider: ClassVar[str]  # the contract's provider: "alipay", "cmb", …
    kind: ClassVar[DocumentKind]
    title: ClassVar[str]  # how a person would call the file: "支付宝交易明细（自行导出）"
    issuer: ClassVar[str]  # the issuer's name for letters: "支付宝"
    identifiers: ClassVar[tuple[tuple[str, ...], ...]]
    layouts: ClassVar[tuple[Layout, ...]]  # newest first
    totals: ClassVar[Totals | None] = None
    void: ClassVar[Void | None] = None
    default_currency: ClassVar[str] = "CNY"

    _required: ClassVar[tuple[str, ...]] = ("name", "provider", "kind", "title", "issuer", "identifiers", "layouts")

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        for attr in cls._required:
            if not hasattr(cls, attr):
                raise TypeError(f"{cls.__name__}: export format must set `{attr}`")
        if not cls.identifiers or not all(cls.identifiers):
            raise TypeError(f"{cls.__name__}: `identifiers` needs at least one non-empty group")
        if not cls.layouts:
            raise TypeError(f"{cls.__name__}: `layouts` needs at least one Layout")
        for layout in cls.layouts:
            keys = {c.key for c in layout.spec.columns}
            if "date" not in keys:
                raise TypeError(f"{cls.__name__}: layout {layout.version} has no `date` column")
            shared = _shared_labels(layout)
            if shared:
                raise TypeError(f"{cls.__name__}: layout {layout.version}: columns share the labels {shared}")
        if cls.void is not None and not any(cls.void.column in {c.key for c in lay.spec.columns}
                                            for lay in cls.layouts):
            raise TypeError(f"{cls.__name__}: `void` names column {cls.void.column!r}, which no layout has")

    @classmethod
    def identify(cls, top: str) -> bool:
        """Whether `top` (the text above the table and its header, norm_text) is this format's."""
        return any(all(norm_text(s) in top for s in group) for group in cls.identifiers)

    @classmethod
    def describe(cls) -> str:
        return " | ".join(" + ".join(group) for group in cls.identifiers)

    @classmethod
    def labels(cls) -> frozenset[str]:
        """Every normalised label of every layout (for finding the header row at all)."""
        return frozenset(label for layout in cls.layouts for label in layout.lookup())


def _shared_labels(layout: Layout) -> list[str]:
    owner: dict[str, str] = {}
    shared = []
    for c in layout.spec.columns:
        for label in c.zh + c.en:
            if owner.setdefault(label, c.key) != c.key:
                shared.append(label)
    return shared


def header_keys(cells: tuple[str, ...], layout: Layout) -> dict[int, str] | None:
    """The column index → key of a header row in `layout`, or None when the row is not that
    layout's header: a cell it does not know (unless the layout is tolerant), a column printed
    twice, a required one missing."""
    lookup = layout.lookup()
    out: dict[int, str] = {}
    for i, cell in enumerate(cells):
        if not cell:
            continue
        key = lookup.get(norm_label(cell))
        if key is None and layout.tolerant:
            continue
        if key is None or key in out.values():
            return None
        out[i] = key
    if not all(k in out.values() for k in layout.spec.required_keys):
        return None
    return out


def col(key: str, *labels: str, required: bool = False) -> Col:
    """A column, written briefly in the format modules."""
    return Col(key, labels, required)
