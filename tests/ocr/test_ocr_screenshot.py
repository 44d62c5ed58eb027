"""A lender app's 还款记录 screenshot (drawn here with Pillow, phone-sized) becomes a
repayment_schedule with its installments, recognised by content."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

pytest.importorskip("rapidocr_onnxruntime", reason="the ocr extra is not installed (pip install -e '.[ocr]')")

from generator.documents import RepaymentSchedule  # noqa: E402
from generator.parsers import parse_document  # noqa: E402

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")  # scripts/setup.sh installs it
LINES = [
    (60, "借呗  还款记录", 44),
    (140, "重庆蚂蚁消费金融有限公司", 34),
    (260, "第1期   2025-02-10   已还   1,060.30", 36),
    (315, "还款时间 2025-02-09 10:12:33", 28),
    (420, "第2期   2025-03-10   已还   1,060.30", 36),
    (475, "还款时间 2025-03-10 08:01:05", 28),
    (580, "3/12期   2025-04-10   待还   1,060.30", 36),
]


def _screenshot(path: Path) -> Path:
    from PIL import Image, ImageDraw, ImageFont

    if not FONT.exists():
        pytest.skip(f"{FONT} is not installed (bash scripts/setup.sh)")
    image = Image.new("RGB", (1080, 1400), (246, 246, 246))
    draw = ImageDraw.Draw(image)
    for y, text, size in LINES:
        draw.text((60, y), text, fill=(30, 30, 30), font=ImageFont.truetype(str(FONT), size))
    image.save(path)
    return path


def test_a_repayment_screenshot_is_a_schedule(tmp_path: Path) -> None:
    shot = _screenshot(tmp_path / "还款记录.png")
    started = time.perf_counter()
    doc = parse_document(shot, label="还款记录.png")
    elapsed = time.perf_counter() - started
    assert isinstance(doc, RepaymentSchedule)
    assert doc.lender == "重庆蚂蚁消费金融有限公司"
    rows = [(r.number, r.due_date, r.amount_due, r.status, r.paid_at, r.paid_amount) for r in doc.installments]
    assert rows == [
        (1, date(2025, 2, 10), Decimal("1060.30"), "已还", "2025-02-09 10:12:33", Decimal("1060.30")),
        (2, date(2025, 3, 10), Decimal("1060.30"), "已还", "2025-03-10 08:01:05", Decimal("1060.30")),
        (3, date(2025, 4, 10), Decimal("1060.30"), "待还", None, None),
    ]
    assert all(r.source.ocr and dict(r.source.ocr)["amount_due"] > 0.5 for r in doc.installments)
    assert elapsed < 20  # the target is 2 s alone on this machine (bench/bench_ocr.py); the suite shares it
