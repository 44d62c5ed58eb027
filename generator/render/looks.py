"""The letter's sizes, defined once: the :root block of templates/styles/letter.css.

WeasyPrint uses them through var(); the DOCX writer reads them here, so a size changed in the CSS
reaches both formats. Lengths come back in twips (1/20 pt, what Word stores); an em is resolved
against the font size of the element that uses it, as CSS resolves it where var() is used; a line
height is the CSS ratio times that font size (the DOCX sets it as exact spacing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

from generator.paths import templates_dir
from generator.render.errors import RenderError

STYLESHEET = Path("styles") / "letter.css"  # relative to templates_dir()
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_ROOT = re.compile(r":root\s*\{([^}]*)\}")
_VARIABLE = re.compile(r"--([a-z0-9-]+)\s*:\s*([^;]*);")
_VALUE = re.compile(r"(\d+(?:\.\d+)?)(pt|cm|mm|em)?")
_TWIPS = {"pt": Decimal(20), "cm": Decimal(1440) / Decimal("2.54"), "mm": Decimal(144) / Decimal("2.54")}


@dataclass(frozen=True)
class Looks:
    """letter.css's sizes in twips."""

    page_margin: int
    body_size: int
    body_line: int
    indent: int  # text-indent of a paragraph, padding of lists and of the signature's right lines
    title_size: int
    title_line: int
    title_after: int
    heading_size: int
    heading_line: int
    heading_before: int
    heading_after: int
    table_size: int
    table_line: int
    table_before: int
    table_after: int
    cell_padding_y: int
    cell_padding_x: int
    cell_min_width: int
    footer_size: int
    signature_before: int


def letter_looks() -> Looks:
    """The sizes of the letter.css in templates_dir() (read on every call, like the PDF's CSS)."""
    path = templates_dir() / STYLESHEET
    return parse_looks(path.read_text(encoding="utf-8"), str(path))


def parse_looks(css: str, where: str = "letter.css") -> Looks:
    values = _variables(css, where)

    def length(name: str, em: int | None = None) -> int:
        return _twips(values, name, em, where)

    def line(name: str, size: int) -> int:
        return _twips(values, name, size, where, ratio=True)

    body, title = length("body-size"), length("title-size")
    heading, table = length("heading-size"), length("table-size")
    return Looks(
        page_margin=length("page-margin"),
        body_size=body, body_line=line("body-line", body), indent=length("indent", body),
        title_size=title, title_line=line("title-line", title), title_after=length("title-after", title),
        heading_size=heading, heading_line=line("heading-line", heading),
        heading_before=length("heading-before", heading), heading_after=length("heading-after", heading),
        table_size=table, table_line=line("table-line", table),
        table_before=length("table-before", table), table_after=length("table-after", table),
        cell_padding_y=length("cell-padding-y", table), cell_padding_x=length("cell-padding-x", table),
        cell_min_width=length("cell-min-width", table),
        footer_size=length("footer-size"), signature_before=length("signature-before", body),
    )


def _variables(css: str, where: str) -> dict[str, str]:
    root = _ROOT.search(_COMMENT.sub("", css))
    if root is None:
        raise RenderError("style.no_root", where=where)
    return {name: value.strip() for name, value in _VARIABLE.findall(root.group(1))}


def _twips(values: dict[str, str], name: str, em: int | None, where: str, ratio: bool = False) -> int:
    """`--name` in twips; `em` is the font size an em (or, with `ratio`, a line height) refers to."""
    raw = values.get(name)
    match = _VALUE.fullmatch(raw or "")
    if match is None:
        raise RenderError("style.not_length", where=where, name=name, value=raw)
    number, unit = Decimal(match.group(1)), match.group(2)
    if ratio != (unit is None) or (unit == "em" and em is None):
        raise RenderError("style.not_ratio" if ratio else "style.not_pt_length", where=where, name=name, value=raw)
    if unit is None or unit == "em":
        twips = number * (em or 0)
    else:
        twips = number * _TWIPS[unit]
    return int(twips.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))
