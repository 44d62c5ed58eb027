"""Self-check of the proof drawings (gen_alipay, gen_wechat, gen_lender), not of the product:
determinism, truth shape, catalogue coverage across seeds 0..39, and every truth amount and date
present in the text layer pdfplumber extracts."""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import Any

import pdfplumber
import pytest

from variants import gen_alipay, gen_lender, gen_wechat
from variants.base import Variant

BUILDERS: dict[str, Callable[[int], Variant]] = {"alipay": gen_alipay.build, "wechat": gen_wechat.build,
                                                 **gen_lender.FAMILIES}
SEEDS = range(40)
TEXT_SEEDS = range(0, 40, 3)
ITEMS = {"alipay": range(34, 42), "wechat": range(42, 47), "lender_settlement": (54, 55), "lender_schedule": ()}
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONEY_RE = re.compile(r"^-?\d+\.\d{2}$")


@lru_cache(maxsize=None)
def variant(family: str, seed: int) -> Variant:
    return BUILDERS[family](seed)


@lru_cache(maxsize=None)
def text(family: str, seed: int) -> str:
    with pdfplumber.open(io.BytesIO(variant(family, seed).pdf)) as pdf:
        return re.sub(r"\s", "", "".join(page.extract_text() or "" for page in pdf.pages))


def amounts(value: str) -> set[str]:
    v = abs(Decimal(value))
    return {f"{v:.2f}", f"{v:,.2f}"}


def dates(value: str) -> set[str]:
    y, m, d = value.split("-")
    return {value, f"{y}/{m}/{d}", f"{y}.{m}.{d}", f"{y}年{m}月{d}日", f"{y}{m}{d}", f"{y}年{int(m)}月{int(d)}日"}


def present(page: str, forms: set[str]) -> bool:
    return any(f in page for f in forms)


@pytest.mark.parametrize("family", sorted(BUILDERS))
def test_deterministic(family: str) -> None:
    for seed in (0, 7, 31):
        a, b = BUILDERS[family](seed), BUILDERS[family](seed)
        assert a.pdf == b.pdf and a.truth == b.truth and a.variations == b.variations


@pytest.mark.parametrize("family", sorted(BUILDERS))
def test_shape_and_variations(family: str) -> None:
    for seed in SEEDS:
        v = variant(family, seed)
        assert v.family == family and v.pdf.startswith(b"%PDF") and len(v.variations) >= 3
        _check_shape(v.truth)


def _check_shape(truth: dict[str, Any]) -> None:
    if truth["kind"] == "payment_statement":
        assert truth["transactions"]
        for t in truth["transactions"]:
            assert DATE_RE.match(t["date"]) and MONEY_RE.match(t["amount"]) and t["balance"] is None
            assert t.get("flow") != "neutral" or not t["amount"].startswith("-")
    elif truth["kind"] == "settlement_certificate":
        s = truth["settlement"]
        assert set(s) == {"lender", "borrower", "contract_number", "principal", "disbursed_on", "settled_on"}
        assert DATE_RE.match(s["settled_on"])
    else:
        for k, x in enumerate(truth["installments"], 1):
            assert x["number"] == k and DATE_RE.match(x["due_date"]) and MONEY_RE.match(x["amount_due"])
            assert (x["paid_amount"] is None) == (x["paid_at"] is None)


@pytest.mark.parametrize("family", sorted(BUILDERS))
def test_catalogue_coverage(family: str) -> None:
    seen: Counter[int] = Counter()
    for seed in SEEDS:
        numbers = {int(m.group(1)) for s in variant(family, seed).variations if (m := re.match(r"(\d+) ", s))}
        seen.update(numbers)
    missing = [item for item in ITEMS[family] if seen[item] < 3]
    assert not missing, f"catalogue items drawn fewer than 3 times: {missing}"


@pytest.mark.parametrize("family", sorted(BUILDERS))
def test_truth_in_text_layer(family: str) -> None:
    for seed in TEXT_SEEDS:
        page, truth = text(family, seed), variant(family, seed).truth
        for where, forms in _expected(truth):
            assert present(page, forms), f"{family}-{seed:03d}: {where} {sorted(forms)[:2]} not in the text"


def _expected(truth: dict[str, Any]) -> list[tuple[str, set[str]]]:
    out: list[tuple[str, set[str]]] = []
    for n, t in enumerate(truth.get("transactions", []), 1):
        out += [(f"row {n} amount", amounts(t["amount"])), (f"row {n} date", {t["date"]})]
        if t["time"]:
            out.append((f"row {n} time", {t["time"]}))
    if "settlement" in truth:
        s = truth["settlement"]
        out += [(k, dates(s[k])) for k in ("disbursed_on", "settled_on") if s[k]]
        out += [(k, {re.sub(r"\s", "", s[k])}) for k in ("lender", "borrower", "contract_number") if s[k]]
        if s["principal"]:
            out.append(("principal", amounts(s["principal"])))
    for x in truth.get("installments", []):
        out += [(f"installment {x['number']} due", dates(x["due_date"])),
                (f"installment {x['number']} amount", amounts(x["amount_due"]))]
        if x["paid_amount"]:
            out.append((f"installment {x['number']} paid", amounts(x["paid_amount"])))
        if x["paid_at"]:
            out.append((f"installment {x['number']} paid_at", dates(x["paid_at"][:10])))
            if len(x["paid_at"]) > 10:
                out.append((f"installment {x['number']} paid time", {x["paid_at"][11:]}))
    return out
