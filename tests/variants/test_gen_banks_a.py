"""Self-checks of the blind-drawn bank families cmb, icbc, ccb (the generators, not the product)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pdfplumber
import pytest

from . import gen_ccb, gen_cmb, gen_icbc
from .base import Variant

BUILDERS: dict[str, Callable[[int], Variant]] = {"cmb": gen_cmb.build, "icbc": gen_icbc.build, "ccb": gen_ccb.build}
SEEDS = range(40)
MONEY = re.compile(r"^-?\d+\.\d{2}$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

_cache: dict[tuple[str, int], Variant] = {}


def variant(family: str, seed: int) -> Variant:
    key = (family, seed)
    if key not in _cache:
        _cache[key] = BUILDERS[family](seed)
    return _cache[key]


def tokens(pdf: bytes) -> tuple[set[str], str, int]:
    """Every word pdfplumber extracts (also with separators and "+" removed), the whole text without
    white space, and the page count."""
    found: set[str] = set()
    whole: list[str] = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            for word in page.extract_words(keep_blank_chars=False):
                text = word["text"]
                whole.append(text)
                found.add(text)
                found.add(text.replace(",", "").lstrip("+-"))
                for part in re.split(r"[：:/\s]", text):
                    found.add(part)
        return found, "".join(whole), len(doc.pages)


@pytest.mark.parametrize("family", sorted(BUILDERS))
def test_deterministic(family: str) -> None:
    for seed in (0, 7, 23):
        a, b = BUILDERS[family](seed), BUILDERS[family](seed)
        assert a.pdf == b.pdf and a.truth == b.truth and a.variations == b.variations


@pytest.mark.parametrize("family", sorted(BUILDERS))
def test_truth_shape_and_variations(family: str) -> None:
    for seed in SEEDS:
        v = variant(family, seed)
        assert v.family == family and v.seed == seed
        assert len(v.variations) >= 3, v.variations
        assert v.truth["kind"] == "bank_statement" and v.truth["provider"] == family
        rows: list[dict[str, Any]] = v.truth["transactions"]
        assert 3 <= len(rows) <= 150
        for row in rows:
            assert DAY.match(row["date"]) and MONEY.match(row["amount"])
            assert row["balance"] is None or MONEY.match(row["balance"])
            assert isinstance(row["counterparty"], str)


@pytest.mark.parametrize("family", sorted(BUILDERS))
def test_balance_chain(family: str) -> None:
    for seed in SEEDS:
        rows = variant(family, seed).truth["transactions"]
        if rows[0]["balance"] is None:
            continue
        booked = sorted(rows, key=lambda t: (t["date"], t["time"] or "")) if family == "icbc" else rows
        if family == "icbc" and rows[0]["date"] > rows[-1]["date"]:
            booked = list(reversed(rows))
        for prev, cur in zip(booked, booked[1:]):
            assert Decimal(prev["balance"]) + Decimal(cur["amount"]) == Decimal(cur["balance"])


@pytest.mark.parametrize("family", sorted(BUILDERS))
def test_truth_is_in_the_text_layer(family: str) -> None:
    for seed in SEEDS:
        v = variant(family, seed)
        found, whole, pages = tokens(v.pdf)
        assert 1 <= pages <= 9
        for row in v.truth["transactions"]:
            amount = row["amount"].lstrip("-")
            assert amount in found, (v.name, row)
            if row["balance"] is not None:
                assert row["balance"].lstrip("-") in found, (v.name, row)
            assert row["date"] in found or row["date"].replace("-", "") in found, (v.name, row)
            if row["time"]:
                assert row["time"] in found, (v.name, row)
            assert row["counterparty"][:4] in whole, (v.name, row)


def test_catalogue_items_recur() -> None:
    for family, item in (("cmb", "47"), ("icbc", "48"), ("ccb", "49")):
        seen: dict[str, int] = {}
        for seed in SEEDS:
            for name in variant(family, seed).variations:
                seen[name] = seen.get(name, 0) + 1
        assert all(name.startswith(("4 ", item)) for name in seen)
        assert any(name.startswith("4 ") for name in seen)
