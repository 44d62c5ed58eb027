"""The variant suite's common ground: what a generated variant is, and how families are found.

Each family module in this package (``tests/variants/gen_<name>.py``) draws one document format
under seeded combinations of the variations catalogued in ../shared/FORMATS-REAL.md, and says
the truth it drew. The modules were written from FORMATS-REAL.md, FORMATS.md and the JSON
contract only, by people who had not read the readers in generator/: a reader must pass them,
they must never be tuned to a reader.

A family module defines:

    FAMILY: str                      # "cmb", "icbc", "ccb", "abc", "boc", "bocom", "alipay", "wechat",
                                     # "pboc", "pboc_brief", "lender_settlement", "lender_schedule"
    def build(seed: int) -> Variant  # deterministic: the same seed gives the same bytes and truth

Several families may live in one module: then it defines FAMILIES: dict[str, Callable[[int], Variant]].
"""

from __future__ import annotations

import importlib
import pkgutil
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Variant:
    """One drawn document and the truth it was drawn from.

    `truth` is shaped like one document of ``dispute parse --json`` (contract/parse.schema.json),
    holding only the fields the drawing decides:
    - every kind: ``kind`` and ``provider``;
    - statements: ``transactions`` in printed order, each with ``date``, ``amount`` (signed: negative
      is money out of the account; for a payment-platform row whose flow is neither 收入 nor 支出,
      e.g. 不计收支 / 其他, the printed amount unsigned and ``"flow": "neutral"``), ``balance`` (or
      None where the format prints none), ``time`` (or None), ``counterparty`` (the name as printed,
      its wrapped lines joined; "" where none) and optionally ``counterparty_account``;
      optionally ``account_holder``;
    - credit reports: ``report_number``, ``subject_name``, ``accounts``: each with ``institution``,
      ``account_id``, ``account_type`` (业务种类 as printed), ``opened_on``, ``loan_amount``,
      ``status`` (账户状态 as printed), ``closed_on``, and ``history``: every printed grid month as
      ``{"month": "YYYY-MM", "status": code, "overdue_amount": "0.00" | None}`` (the 简版 has no
      history: ``[]``);
    - 结清证明: ``settlement`` with lender, borrower, contract_number, principal, disbursed_on, settled_on;
    - 还款计划: ``installments`` with number, due_date, amount_due, paid_amount, paid_at.
    `variations` names the FORMATS-REAL.md items (their numbers, e.g. "47", and a few words) the
    drawing combines: at least three per variant.
    """

    family: str
    seed: int
    variations: tuple[str, ...]
    pdf: bytes
    truth: dict[str, Any]
    notes: str = field(default="")
    # Exports (gen_exports_*): the file's name ending, and the password of a ZIP archive. `pdf`
    # then holds the file's bytes, whatever they are.
    suffix: str = ".pdf"
    password: str | None = None

    @property
    def name(self) -> str:
        return f"{self.family}-{self.seed:03d}"

    @property
    def filename(self) -> str:
        return self.name + self.suffix


def rng(family: str, seed: int) -> random.Random:
    """A generator of its own per family and seed, so that families never shift each other."""
    return random.Random(f"{family}:{seed}")


def families() -> dict[str, Callable[[int], Variant]]:
    """Every family found in this package's ``gen_*`` modules."""
    found: dict[str, Callable[[int], Variant]] = {}
    package = importlib.import_module(__package__ or "variants")
    # gen_abc patches its font's glyph map for the Kangxi radicals; when another family has loaded
    # the same font file first, ReportLab drops those characters from abc's text layer (a drawing
    # bug, not a reader's): register abc's font before any other.
    abc = importlib.import_module(f"{package.__name__}.gen_abc")
    abc.font()
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if not info.name.startswith("gen_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        table = getattr(module, "FAMILIES", None) or {module.FAMILY: module.build}
        for family, build in table.items():
            if family in found:
                raise RuntimeError(f"family {family!r} defined twice (second time in {info.name})")
            found[family] = build
    return found
