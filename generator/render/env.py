"""The one Jinja environment: strict, autoescaped, reused across the letters of a process."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from generator.dates import format_cn, format_cn_month
from generator.errors import RenderError
from generator.money import format_cny, uppercase_cny
from generator.paths import templates_dir

# Template skeletons mark blanks as 〔…〕; one left in the output means a fact was never filled in.
_PLACEHOLDER = re.compile(r"〔[^〕]*〕|\{\{|\}\}|\{%|%\}")


def _cite(citation: Any) -> Markup:
    if citation is None or getattr(citation, "exhibit", None) is None:
        raise RenderError("a fact without its evidence reference cannot be rendered")
    # The wording is the template's (`cite` in letters/_macros.html.j2): the bundle's captions
    # name the same page and row with the same macros.
    macro: Callable[[Any], Markup] = getattr(environment().get_template("letters/_macros.html.j2").module, "cite")
    return macro(citation)


def _money(value: Decimal | None) -> str:
    if value is None:
        raise RenderError("an amount is missing")
    return format_cny(value)


def _date_cn(value: date | str) -> str:
    return format_cn(date.fromisoformat(value) if isinstance(value, str) else value)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(templates_dir())), undefined=StrictUndefined,
                      autoescape=select_autoescape(["html", "j2"], default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.filters.update(cite=_cite, money=_money, cny_upper=uppercase_cny, date_cn=_date_cn,
                       month_cn=format_cn_month)
    return env


def render_html(template: str, **context: Any) -> str:
    return _checked(template, environment().get_template(template).render(**context))


def render_string(source: str, **context: Any) -> str:
    """Render template text given inline (tests, one-line messages) under the same rules."""
    return _checked("<string>", environment().from_string(source).render(**context))


def _checked(name: str, html: str) -> str:
    leftover = _PLACEHOLDER.search(html)
    if leftover:
        raise RenderError(f"{name}: unresolved placeholder {leftover.group(0)!r}")
    return html
