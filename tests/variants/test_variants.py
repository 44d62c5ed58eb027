"""The variant suite in CI: a quick sample of every family (the full set: `python -m tests.variants.run`,
or DISPUTE_VARIANTS=full pytest tests/variants)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from variants.base import families
from variants.run import FULL_SEEDS, check

FAMILIES = families()
SAMPLE = FULL_SEEDS if os.environ.get("DISPUTE_VARIANTS") == "full" else range(0, len(FULL_SEEDS), 24)
# Seeds beyond the sample that once failed, each for its own reason (title repeated above a
# headerless page's rows; a counterparty's last character on the next page; a two-row page cut
# where the thirty-row page before was not).
REGRESSIONS = [("bocom", 118), ("ccb", 96), ("cmb", 223), ("cmb", 28),
               ("lender_settlement", 164), ("lender_settlement", 185), ("lender_settlement", 56)]
REQUIRED = {"cmb", "icbc", "ccb", "abc", "boc", "bocom", "alipay", "wechat", "pboc", "pboc_brief",
            "lender_settlement", "lender_schedule", "alipay_export", "wechat_export", "cmb_export", "icbc_export",
            "ccb_export", "boc_export", "bocom_export", "abc_export"}
# The export families (gen_exports_*) are drawn blind against readers that do not pass them all yet:
# CI runs their seeds 0-99 less the ones that fail today, listed here per family (what each fails on:
# the variant suite's report on issue 15). A seed leaves this list when the reader is fixed.
EXPORT_SEEDS = range(100)
EXPORT_FAILING: dict[str, Sequence[int]] = {
    "abc_export": (15, 25, 27, 29, 34, 40, 46, 55, 67, 72, 79, 82, 83, 86, 87, 93, 98),
    "alipay_export": (5, 9, 12, 14, 16, 21, 23, 28, 34, 35, 56, 65, 67, 70, 73, 79, 83, 87, 90, 99),
    "boc_export": (62, 77, 78, 99),
    "bocom_export": (0, 3, 5, 20, 21, 22, 27, 28, 30, 34, 42, 48, 50, 51, 52, 54, 57, 58, 65, 72, 74, 75, 77, 82, 87, 89,
        91),
    "ccb_export": (3, 4, 5, 15, 18, 49, 81, 85, 97),
    "cmb_export": (47, 76, 85, 94),
    "icbc_export": range(100),
    "wechat_export": (3, 5, 8, 11, 12, 15, 16, 17, 18, 19, 21, 22, 25, 27, 28, 32, 33, 34, 36, 37, 38, 39, 41, 42, 45, 47,
        48, 52, 53, 54, 55, 56, 57, 58, 60, 61, 62, 63, 65, 66, 67, 69, 70, 71, 73, 77, 82, 84, 85, 86, 89,
        91, 92, 94, 98, 99),
}
EXPORTS = sorted(f for f in FAMILIES if f.endswith("_export"))
PDF_FAMILIES = sorted(f for f in FAMILIES if f not in EXPORTS)


def test_every_family_is_drawn() -> None:
    assert REQUIRED <= set(FAMILIES), sorted(REQUIRED - set(FAMILIES))
    assert len(FULL_SEEDS) >= 30


@pytest.mark.parametrize("family", PDF_FAMILIES)
@pytest.mark.parametrize("seed", SAMPLE)
def test_variant_parses_exactly(family: str, seed: int, tmp_path: Path) -> None:
    variant = FAMILIES[family](seed)
    assert len(variant.variations) >= 3, variant.variations
    assert check(variant, tmp_path) == [], f"{variant.name}: {variant.variations}"


@pytest.mark.parametrize(("family", "seed"), [(f, s) for f in EXPORTS for s in EXPORT_SEEDS
                                               if s not in EXPORT_FAILING.get(f, ())])
def test_export_variant_parses_exactly(family: str, seed: int, tmp_path: Path) -> None:
    variant = FAMILIES[family](seed)
    assert len(variant.variations) >= 3, variant.variations
    assert check(variant, tmp_path) == [], f"{variant.name}: {variant.variations}"


@pytest.mark.parametrize("family", EXPORTS)
def test_export_variant_is_the_same_for_the_same_seed(family: str) -> None:
    first, again = FAMILIES[family](7), FAMILIES[family](7)
    assert (first.pdf, first.truth, first.suffix) == (again.pdf, again.truth, again.suffix)
    assert FAMILIES[family](8).pdf != first.pdf


@pytest.mark.parametrize(("family", "seed"), REGRESSIONS)
def test_variant_once_failed_parses_exactly(family: str, seed: int, tmp_path: Path) -> None:
    variant = FAMILIES[family](seed)
    assert check(variant, tmp_path) == [], f"{variant.name}: {variant.variations}"
