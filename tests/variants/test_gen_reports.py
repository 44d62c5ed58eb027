"""Self-check of gen_pboc (the PBOC 详版 and 简版 drawings), not of the product: determinism, the
truth's shape, catalogue coverage, and that every drawn amount and date is in the extracted text."""

from __future__ import annotations

import io
import os
import re
from collections import Counter
from typing import Any

import pdfplumber
import pytest

from variants import gen_pboc
from variants.base import Variant

SEEDS = range(40)
TEXT_SEEDS = SEEDS if os.environ.get("DISPUTE_VARIANTS") == "full" else range(0, 40, 3)
DETAIL_ITEMS = set(range(1, 28))
BRIEF_ITEMS = set(range(29, 34))
_cache: dict[tuple[str, int], Variant] = {}


def variant(family: str, seed: int) -> Variant:
    key = (family, seed)
    if key not in _cache:
        _cache[key] = gen_pboc.FAMILIES[family](seed)
    return _cache[key]


def items_of(variations: tuple[str, ...]) -> set[int]:
    """The catalogue numbers a variation names: "13", "13-14" (a range) or "13/16" (both)."""
    out: set[int] = set()
    for v in variations:
        m = re.match(r"(\d+)(?:([-/])(\d+))?", v)
        assert m, v
        a = int(m.group(1))
        if m.group(2) == "-":
            out |= set(range(a, int(m.group(3)) + 1))
        elif m.group(2) == "/":
            out |= {a, int(m.group(3))}
        else:
            out.add(a)
    return out


@pytest.mark.parametrize("family", sorted(gen_pboc.FAMILIES))
def test_deterministic(family: str) -> None:
    for seed in (0, 7, 13):
        a, b = gen_pboc.FAMILIES[family](seed), gen_pboc.FAMILIES[family](seed)
        assert a.pdf == b.pdf and a.truth == b.truth and a.variations == b.variations


@pytest.mark.parametrize("family", sorted(gen_pboc.FAMILIES))
def test_truth_shape(family: str) -> None:
    for seed in SEEDS:
        v = variant(family, seed)
        assert len(set(items_of(v.variations))) >= 3, v.variations
        t = v.truth
        assert t["kind"] == "credit_report" and t["provider"] == "pboc"
        assert re.fullmatch(r"\d{22}", t["report_number"]) and t["subject_name"]
        assert t["accounts"]
        for a in t["accounts"]:
            check_account(family, a)


def check_account(family: str, a: dict[str, Any]) -> None:
    date = re.compile(r"\d{4}-\d{2}-\d{2}")
    assert a["institution"] and a["account_type"]
    assert date.fullmatch(a["opened_on"])
    assert a["loan_amount"] is None or re.fullmatch(r"\d+\.\d{2}", a["loan_amount"])
    assert a["closed_on"] is None or date.fullmatch(a["closed_on"])
    months = [m["month"] for m in a["history"]]
    assert months == sorted(months) and len(set(months)) == len(months)
    for m in a["history"]:
        assert re.fullmatch(r"\d{4}-\d{2}", m["month"]) and re.fullmatch(r"[N*1-7BCGDZM#/A]", m["status"])
        assert m["overdue_amount"] is None or re.fullmatch(r"\d+\.\d{2}", m["overdue_amount"])
    if family == "pboc_brief":
        assert "status" not in a and a["account_id"] is None and a["history"] == [] and a["closed_on"] is None
    else:
        assert a["account_id"] and a["status"]
        assert len(months) <= 60


@pytest.mark.parametrize("family,wanted", [("pboc", DETAIL_ITEMS), ("pboc_brief", BRIEF_ITEMS)])
def test_catalogue_coverage(family: str, wanted: set[int]) -> None:
    seen: Counter[int] = Counter()
    for seed in SEEDS:
        seen.update(items_of(variant(family, seed).variations))
    thin = {i: seen[i] for i in wanted if seen[i] < 4}
    assert not thin, f"catalogue items drawn fewer than 4 times: {thin}"


def page_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join(p.extract_text() or "" for p in doc.pages)


def money_forms(value: str) -> set[str]:
    n = int(value.split(".")[0])
    return {str(n), f"{n:,}"}


def date_forms(iso: str) -> set[str]:
    y, m, d = iso.split("-")
    return {f"{y}.{m}.{d}", f"{y}年{m}月{d}日", f"{y}年{int(m)}月{int(d)}日"}


@pytest.mark.parametrize("family", sorted(gen_pboc.FAMILIES))
@pytest.mark.parametrize("seed", TEXT_SEEDS)
def test_truth_is_printed(family: str, seed: int) -> None:
    v = variant(family, seed)
    text = page_text(v.pdf)
    flat = re.sub(r"\s", "", text)
    assert v.truth["report_number"] in flat and v.truth["subject_name"] in flat
    tokens = set(re.split(r"[\s，。：（）、]+", text)) | set(re.findall(r"[\d,]+", text))
    for a in v.truth["accounts"]:
        assert any(f in flat for f in date_forms(a["opened_on"])), a["opened_on"]
        if a["closed_on"]:
            assert any(f in flat for f in date_forms(a["closed_on"])), a["closed_on"]
        if a["loan_amount"]:
            assert money_forms(a["loan_amount"]) & tokens, a["loan_amount"]
        for m in a["history"]:
            if m["overdue_amount"] not in (None, "0.00"):
                assert money_forms(m["overdue_amount"]) & tokens, m
