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
# The export families (gen_exports_*) were drawn blind against the readers; CI runs their seeds 0-99,
# less any listed here per family as failing for a reason still open (none: the eight classes of
# issue 15's report are fixed, each with its smallest example in tests/exports/test_export_found_blind.py).
EXPORT_SEEDS = range(100)
EXPORT_FAILING: dict[str, Sequence[int]] = {}
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
