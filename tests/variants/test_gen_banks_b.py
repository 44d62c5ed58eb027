"""Self-checks of the 农业银行 / 中国银行 / 交通银行 variant generators (not of the product).

Same seed, same bytes; three or more catalogue variations per variant; every truth date, time,
amount and balance in the text pdfplumber extracts; counterparties (and their accounts) readable,
wrapped lines joined, in printed order from the cell column they are printed in.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import pdfplumber
import pytest

from . import gen_abc, gen_boc, gen_bocom
from .base import Variant

BUILDERS: dict[str, Callable[[int], Variant]] = {
    "abc": gen_abc.build, "boc": gen_boc.build, "bocom": gen_bocom.build,
}
SEEDS = range(40)


def _runs(pdf: bytes) -> tuple[list[str], list[tuple[int, float, float, str]]]:
    """Page texts, and every run of touching characters as (page, top, x0, text)."""
    texts: list[str] = []
    runs: list[tuple[int, float, float, str]] = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for number, page in enumerate(doc.pages, 1):
            texts.append(page.extract_text() or "")
            lines: dict[float, list[dict[str, Any]]] = defaultdict(list)
            for ch in page.chars:
                lines[round(ch["top"], 1)].append(ch)
            for top, chars in lines.items():
                chars.sort(key=lambda c: c["x0"])
                start, text, end = chars[0]["x0"], chars[0]["text"], chars[0]["x1"]
                for ch in chars[1:]:
                    if ch["x0"] - end > 0.8:
                        runs.append((number, top, round(start, 1), text))
                        start, text = ch["x0"], ""
                    text += ch["text"]
                    end = ch["x1"]
                runs.append((number, top, round(start, 1), text))
    return texts, runs


def _column_text(runs: list[tuple[int, float, float, str]], values: list[str]) -> str:
    """The concatenated runs of the left-aligned column where most values begin."""
    by_x: dict[float, list[tuple[int, float, str]]] = defaultdict(list)
    for page, top, x0, text in runs:
        by_x[x0].append((page, top, text))
    wanted = [v for v in values if v]

    def score(x: float) -> int:
        return sum(len(t) for _, _, t in by_x[x] if len(t) >= 3 and any(v.startswith(t) for v in wanted))

    best = max(by_x, key=score)
    return "".join(t for _, _, t in sorted(by_x[best]))


def _in_order(haystack: str, needles: list[str]) -> list[str]:
    missing: list[str] = []
    at = 0
    for n in needles:
        found = haystack.find(n, at)
        if found < 0:
            missing.append(n)
        else:
            at = found + len(n)
    return missing


@pytest.mark.parametrize("family", sorted(BUILDERS))
def test_deterministic(family: str) -> None:
    for seed in (0, 7, 21):
        a, b = BUILDERS[family](seed), BUILDERS[family](seed)
        assert a.pdf == b.pdf and a.truth == b.truth


@pytest.mark.parametrize("family", sorted(BUILDERS))
@pytest.mark.parametrize("seed", SEEDS)
def test_truth_is_printed(family: str, seed: int) -> None:
    v = BUILDERS[family](seed)
    assert v.family == family and v.truth["provider"] == family
    assert v.truth["kind"] == "bank_statement"
    assert len(v.variations) >= 3
    rows = v.truth["transactions"]
    assert 3 <= len(rows) <= (320 if family == "abc" else 160)
    texts, runs = _runs(v.pdf)
    flat = re.sub(r"\s+", " ", " ".join(texts)).replace(",", "")
    for row in rows:
        day = row["date"].replace("-", "") if family == "abc" else row["date"]
        assert day in flat, (seed, row)
        if row["time"] is not None:
            clock = row["time"].replace(":", "") if family == "abc" else row["time"]
            assert f"{day} {clock}" in flat, (seed, row)
        amount = row["amount"].lstrip("-") if family == "bocom" else row["amount"]
        if family == "abc" and not amount.startswith("-"):
            amount = "+" + amount
        assert f" {amount} " in flat, (seed, row)
        assert f" {row['balance']} " in flat, (seed, row)
    parties = [row["counterparty"] for row in rows]
    assert not _in_order(_column_text(runs, parties), [p for p in parties if p]), seed
    accounts = [row.get("counterparty_account", "") for row in rows]
    if any(accounts):
        assert not _in_order(_column_text(runs, accounts), [a for a in accounts if a]), seed


@pytest.mark.parametrize("family", sorted(BUILDERS))
def test_balances_chain(family: str) -> None:
    from decimal import Decimal
    for seed in SEEDS:
        rows = BUILDERS[family](seed).truth["transactions"]
        for before, row in zip(rows, rows[1:]):
            assert Decimal(before["balance"]) + Decimal(row["amount"]) == Decimal(row["balance"])


@pytest.mark.parametrize("family", sorted(BUILDERS))
def test_catalogue_items_recur(family: str) -> None:
    """Each of the family's own variations shows in several seeds."""
    counts: dict[str, int] = defaultdict(int)
    pages: list[int] = []
    for seed in SEEDS:
        v = BUILDERS[family](seed)
        for name in v.variations:
            counts[name] += 1
        with pdfplumber.open(io.BytesIO(v.pdf)) as doc:
            pages.append(len(doc.pages))
    rare = {k: n for k, n in counts.items() if n < 3}
    assert not rare, rare
    assert min(pages) == 1 and max(pages) >= 4
