"""Non-error output in the user's language that is not a catalogue message: why an installment
is undecided (`dispute check`) and what `dispute verify` found wrong with a file. Errors are in
the catalogue (generator/catalogue.py, messages.toml)."""

from __future__ import annotations

from generator.catalogue import ENGLISH, language
from generator.models import Undecided, UndecidedReason


# Why an installment is undecided (models.UndecidedReason), for `dispute check` on screen.
_UNDECIDED: dict[UndecidedReason, tuple[str, str]] = {
    UndecidedReason.PAYMENT_MISSING: ("第{0}期到期前未见足额还款，且有还款未能在材料中找到，此后的还款归属无法确定",
                        "installment {0} was not paid in full by its due date and a repayment is missing "
                        "from the documents: which installment each later payment paid cannot be decided"),
}


def describe_undecided(why: Undecided) -> str:
    zh, en = _UNDECIDED[why.reason]
    return (en if language() == ENGLISH else zh).format(why.first_gap)


# What `dispute verify` found wrong with a file (manifest.Mismatch.problem).
_MISMATCH: dict[str, tuple[str, str]] = {
    "changed": ("已被修改", "changed"),
    "missing": ("缺失", "missing"),
    "unlisted": ("不在 manifest.json 中（生成之后才出现的文件）", "not listed in manifest.json (appeared after generation)"),
}


def describe_mismatch(problem: str) -> str:
    zh, en = _MISMATCH[problem]
    return en if language() == ENGLISH else zh
