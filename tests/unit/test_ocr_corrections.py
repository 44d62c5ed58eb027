"""generator/ocr/corrections.py: one test per entry of the table, and what no entry may touch."""

from __future__ import annotations

import pytest

from generator.ocr.corrections import BREAKS, CORRECTIONS, breaks, correct
from generator.ocr.engine import OcrLine
from generator.ocr.words import line_words

CASES = {
    "清 read as 消": [("账户状态 结消", "账户状态 结清")],
    "管 read as 营": [("营理机构", "管理机构")],
    "the letter O inside a number": [("12O0.00", "1200.00"), ("2025-O3-1O", "2025-03-10"), ("1OO", "100"),
                                     ("2O25年O3月", "2025年03月")],
    "l or I inside a number": [("1l0", "110"), ("I,060.30", "1,060.30"), ("Il1", "111")],
    "a full-width comma between thousands": [("1，060.30", "1,060.30")],
    "a dot between thousands": [("1.060.30", "1,060.30"), ("12.345.678,90", "12,345,678.90")],
    "a comma before the two decimals": [("1060，30", "1060.30"), ("1,060,30", "1,060.30")],
    "a full-width colon in a time": [("2024.07.2815：35", "2024.07.2815:35")],
    "已 read as 己 or 巳": [("己还", "已还"), ("巳逾期", "已逾期"), ("己结清", "已结清")],
    "a cell's -- read as 二 or 一": [("二", "--"), ("一", "--")],
}


def test_every_entry_has_cases() -> None:
    assert {c.why for c in CORRECTIONS} == set(CASES)


@pytest.mark.parametrize("why", sorted(CASES))
def test_entry(why: str) -> None:
    for read, meant in CASES[why]:
        assert correct(read) == meant, (why, read)
        if not why.startswith("a cell's"):
            assert len(read) == len(meant)  # one for one: the characters keep their boxes


@pytest.mark.parametrize("text", ["NO.1", "No.12", "Oct", "BOC", "POS机", "ID123", "AB12CD34", "结算", "营业部",
                                  "1,060.30", "2025-03-10", "第3期", "3/12期", "100.5", "1,000", "60,000.00",
                                  "自己", "时间：2025",
                                  "二 信息概要", "一卡通", "第二期"])
def test_what_no_entry_touches(text: str) -> None:
    assert correct(text) == text


def test_a_date_and_its_time_are_two_words() -> None:
    assert [b.why for b in BREAKS] == ["a date and its time"]
    assert breaks("报告时间：2025-08-0110:15:30") == {len("报告时间：2025-08-01")}
    line = OcrLine("2025-08-0110:15:30", (0, 0, 180, 20), 0.9, None, ((0, 0), (180, 0), (180, 20), (0, 20)))
    words = [w for w, _ in line_words(line, 0.5)]
    assert [w[0] for w in words] == ["2025-08-01", "10:15:30"]


def test_a_cell_read_as_two_gets_its_dashes_and_its_box() -> None:
    line = OcrLine("二", (100, 0, 120, 20), 0.9, ((100, 0, 120, 20),), ((100, 0), (120, 0), (120, 20), (100, 20)))
    [(word, confidence)] = line_words(line, 0.5)
    assert word == ("--", 50.0, 0.0, 60.0, 10.0) and confidence == 0.9


def test_ocr_text_only() -> None:
    """A text layer's words never pass through the table: only generator/ocr imports it."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "generator"
    users = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.py")
                   if "corrections import" in p.read_text(encoding="utf-8"))
    assert users == ["ocr/words.py"]
