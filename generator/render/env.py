"""The one Jinja environment: strict, autoescaped, reused across the letters of a process."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, meta, nodes, select_autoescape
from markupsafe import Markup

from generator.dates import format_cn, format_cn_month
from generator.errors import RenderError
from generator.money import format_cny, uppercase_cny
from generator.paths import templates_dir

# Template skeletons mark blanks as 〔…〕; one left in a template's own text means a fact was never
# filled in. Only the template's text is checked, never the rendered output: a borrower's address
# may hold 〔 〕 or {{ and must then appear as written (autoescaped, never evaluated).
_PLACEHOLDER = re.compile(r"〔[^〕]*〕|\{\{|\}\}|\{%|%\}")


def _cite(citation: Any) -> Markup:
    if citation is None or getattr(citation, "exhibit", None) is None:
        raise RenderError("template.fact_without_evidence")
    # The wording is the template's (`cite` in letters/_macros.html.j2): the bundle's captions
    # name the same page and row with the same macros.
    macro: Callable[[Any], Markup] = getattr(environment().get_template("letters/_macros.html.j2").module, "cite")
    return macro(citation)


def _money(value: Decimal | None) -> str:
    if value is None:
        raise RenderError("template.amount_missing")
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
    _check_template(template)
    return environment().get_template(template).render(**context)


def render_string(source: str, **context: Any) -> str:
    """Render template text given inline (tests, one-line messages) under the same rules."""
    env = environment()
    _check_source("<string>", env.parse(source))
    return env.from_string(source).render(**context)


@lru_cache(maxsize=None)
def _check_template(name: str) -> None:
    """The template and every template it extends, includes or imports, checked once a process."""
    env = environment()
    loader = env.loader
    assert loader is not None  # environment() always sets one
    pending, seen = [name], {name}
    while pending:
        current = pending.pop()
        tree = env.parse(loader.get_source(env, current)[0], current)
        _check_source(current, tree)
        # None stands for a name computed at render time; the letters name theirs literally.
        found = {n for n in meta.find_referenced_templates(tree) if n is not None}
        pending += sorted(found - seen)
        seen |= found


def _check_source(name: str, tree: nodes.Template) -> None:
    # The literal text between tags, and string constants inside them: what the template itself
    # prints. Values from the context are not nodes of the tree.
    texts = [n.data for n in tree.find_all(nodes.TemplateData)]
    texts += [n.value for n in tree.find_all(nodes.Const) if isinstance(n.value, str)]
    for text in texts:
        leftover = _PLACEHOLDER.search(text)
        if leftover:
            raise RenderError("template.placeholder", template=name, placeholder=leftover.group(0))
