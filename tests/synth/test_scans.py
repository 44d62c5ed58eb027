"""The scan generator (tests/synth/scans.py) is deterministic and makes what its manifest says.
Pillow and numpy only: no OCR here (the end-to-end OCR tests come with the reader)."""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from synth import distort, scans, screens
from synth.lender_plans import amortise

pypdfium2 = pytest.importorskip("pypdfium2")
ROOT = Path(__file__).resolve().parents[2]
SUBSET = "tests/fixtures/statements/cmb/[bm][au]*"  # basic (one page) and multipage (four)
SETS = ("dpi", "distort", "screens")


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in scans.iter_files(folder)}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[scans.Item]]:
    out = tmp_path_factory.mktemp("scans")
    return out, scans.generate(out, seed=5, sets=SETS, dpis=(150,), per_kind=1, screen_count=3, pattern=SUBSET)


def pdf_images(path: Path) -> list[Image.Image]:
    """The images a PDF page shows, decoded (an image-only PDF: one a page)."""
    from pypdf import PdfReader

    return [next(iter(page.images)).image.convert("RGB") for page in PdfReader(path).pages]


def grey(img: Image.Image, width: int = 300) -> np.ndarray:
    small = img.convert("L").resize((width, max(1, round(img.height * width / img.width))))
    return np.asarray(small, dtype=np.float32)


def diff(a: Image.Image, b: Image.Image) -> float:
    x, y = grey(a), grey(b)
    if x.shape != y.shape:
        return float("inf")
    return float(np.abs(x - y).mean())


def test_same_seed_same_bytes_other_seed_other_bytes(made: tuple[Path, list[scans.Item]], tmp_path: Path) -> None:
    out, _ = made
    scans.generate(tmp_path / "again", seed=5, sets=SETS, dpis=(150,), per_kind=1, screen_count=3, pattern=SUBSET)
    assert digest(tmp_path / "again") == digest(out)
    scans.generate(tmp_path / "other", seed=6, sets=("screens",), screen_count=3)
    other = digest(tmp_path / "other")
    mine = {v for k, v in digest(out).items() if k.startswith("screens/")}
    assert len(mine) == 3 and not mine & {v for k, v in other.items() if k.startswith("screens/")}


def test_manifest_lists_every_file_with_its_truth(made: tuple[Path, list[scans.Item]]) -> None:
    out, items = made
    assert scans.load_manifest(out)[1] == items
    written = {str(p.relative_to(out)) for p in scans.iter_files(out)}
    assert {i.file for i in items} | {i.truth for i in items} | {"manifest.json"} == written
    assert {i.id.split("/")[0] for i in items} == {"dpi150", *scans.KINDS, "screens"}
    for item in items:
        truth = json.loads((out / item.truth).read_text("utf-8"))
        assert truth["documents"], item.id
        if item.source:
            assert truth == scans.parse_truth(ROOT / item.source, item.source)


def test_image_pdfs_have_no_text_and_the_resolution_they_say(made: tuple[Path, list[scans.Item]]) -> None:
    out, items = made
    for item in items:
        if item.set != "dpi":
            continue
        scan = pypdfium2.PdfDocument(str(out / item.file))
        text = pypdfium2.PdfDocument(str(ROOT / str(item.source)))
        assert len(scan) == len(text) == item.pages
        for i, image in enumerate(pdf_images(out / item.file)):
            w, h = text[i].get_size()
            assert abs(image.width - w * 150 / 72) <= 1 and abs(image.height - h * 150 / 72) <= 1
            assert scan[i].get_textpage().get_text_range() == ""
            assert scan[i].get_size() == pytest.approx((w, h), abs=0.5)


def skew(img: Image.Image) -> float:
    """The angle that makes the text lines horizontal (projection profile), in degrees."""
    ink = Image.fromarray((255 - grey(img, 700)).astype(np.uint8))
    best = max((float(np.var(np.asarray(ink.rotate(a / 10, Image.Resampling.BILINEAR), np.float32).sum(1))), a / 10)
               for a in range(-40, 41))
    return -best[1]


def test_small_rotations_are_what_the_manifest_says(made: tuple[Path, list[scans.Item]]) -> None:
    out, items = made
    item = next(i for i in items if i.id.startswith("rotate/"))
    for image, params in zip(pdf_images(out / item.file), item.transforms):
        assert 0.5 <= abs(params["degrees"]) <= 3
        assert skew(image) == pytest.approx(params["degrees"], abs=0.2)


def test_quarter_turns_are_detectable_against_the_clean_page(made: tuple[Path, list[scans.Item]]) -> None:
    out, items = made
    item = next(i for i in items if i.id.startswith("quarter_turn/"))
    clean = distort.rasterise(str(ROOT / str(item.source)), scans.SCAN_DPI)
    for page, image, params in zip(clean, pdf_images(out / item.file), item.transforms):
        turns = [page.rotate(90 * k, expand=True) for k in range(4)]
        assert min(range(4), key=lambda k: diff(turns[k], image)) * 90 == params["degrees"] != 0


def test_two_up_holds_two_pages_side_by_side(made: tuple[Path, list[scans.Item]]) -> None:
    out, items = made
    item = next(i for i in items if i.id.startswith("two_up/"))
    clean = distort.rasterise(str(ROOT / str(item.source)), scans.SCAN_DPI)
    sheets = pdf_images(out / item.file)
    assert len(sheets) == item.pages == (len(clean) + 1) // 2
    for sheet, params in zip(sheets, item.transforms):
        assert sheet.width > sheet.height
        first, second = (clean[n - 1] for n in params["pages"])
        m, split = params["margin"], params["split_x"]
        left = sheet.crop((m, m, m + first.width, m + first.height))
        right = sheet.crop((sheet.width - m - second.width, m, sheet.width - m, m + second.height))
        assert diff(left, first) < 3 and diff(right, second) < 3 and first.width < split < sheet.width - second.width


def test_pages_out_of_order_are_in_the_order_the_manifest_says(made: tuple[Path, list[scans.Item]]) -> None:
    out, items = made
    item = next(i for i in items if i.id.startswith("wrong_order/"))
    clean = distort.rasterise(str(ROOT / str(item.source)), scans.SCAN_DPI)
    assert item.page_order is not None and item.page_order != sorted(item.page_order)
    shown = [min(range(len(clean)), key=lambda k: diff(clean[k], image)) + 1 for image in pdf_images(out / item.file)]
    assert shown == item.page_order


def test_phone_photo_puts_the_page_inside_its_corners(made: tuple[Path, list[scans.Item]]) -> None:
    out, items = made
    item = next(i for i in items if i.id.startswith("phone_photo/"))
    photo = Image.open(out / item.file)
    params = item.transforms[0]
    assert photo.format == "JPEG" and list(photo.size) == params["size"]
    corners = np.array(params["corners"])
    assert corners[0][1] != corners[1][1] and corners[0][0] != corners[3][0]  # a warp, not a rectangle
    a = np.asarray(photo.convert("L"), dtype=np.float32)
    cx, cy = corners.mean(0)
    inside = a[int(cy) - 40:int(cy) + 40, int(cx) - 40:int(cx) + 40]
    corner_bg = a[:40, :40]
    assert inside.max() > corner_bg.mean() + 20  # paper is brighter than the desk


def test_screenshots_are_phone_sized_and_their_truth_is_a_repayment_schedule(
        made: tuple[Path, list[scans.Item]]) -> None:
    import jsonschema

    out, items = made
    schema = json.loads((ROOT / "contract" / "parse.schema.json").read_text("utf-8"))
    for item in (i for i in items if i.set == "screens"):
        image = Image.open(out / item.file)
        style = item.transforms[0]
        assert list(image.size[:1]) == [style["size"][0]] and image.height >= 1600
        truth = json.loads((out / item.truth).read_text("utf-8"))
        doc = truth["documents"][0] | {"file": item.file, "sha256": "0" * 64}
        jsonschema.validate({"documents": [doc]}, schema)
        numbers = [i["number"] for i in doc["installments"]]
        assert numbers and numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        assert all(screens.STATE_OF_WORD[i["status"]] == i["state"] for i in doc["installments"])
        assert all((i["paid_amount"] is None) == (i["state"] != "paid") for i in doc["installments"])


def test_a_screenshot_shows_only_installments_that_fit() -> None:
    rng = random.Random(3)
    loan = screens.random_loan(rng)
    loan = screens.Loan(loan.app, loan.principal, loan.disbursed_on, loan.contract_number,
                        tuple(replace(r, status="due") for r in amortise(loan.principal, Decimal("0.1"), 24,
                                                                          loan.disbursed_on, 5)))
    style = screens.random_style(rng, long=False)
    short, truth = screens.render(loan, random.Random(1), style)
    long, whole = screens.render(loan, random.Random(1), replace(style, long=True))
    assert short.size == style.size and long.height > short.height
    assert len(truth["documents"][0]["installments"]) < 24 == len(whole["documents"][0]["installments"])


def test_two_case_folders_differ_only_where_the_screenshot_shows_it(tmp_path: Path) -> None:
    scans.generate(tmp_path, seed=1, sets=("cases",))
    for name, late in scans.CASES.items():
        truth = json.loads((tmp_path / "truth" / f"case-{name}-screen.json").read_text("utf-8"))
        paid = {i["number"]: i["paid_at"][:10] for i in truth["documents"][0]["installments"]}
        late_ones = [n for n, i in enumerate(truth["documents"][0]["installments"], 1) if paid[n] > i["due_date"]]
        assert late_ones == ([late] if late else []) and len(paid) == 12
        scan = tmp_path / "cases" / name / "scan"
        assert sorted(p.name for p in scan.iterdir()) == ["case.toml", "个人信用报告.pdf", "结清证明.pdf", "还款记录.png"]
        assert pypdfium2.PdfDocument(str(scan / "个人信用报告.pdf"))[0].get_textpage().get_text_range() == ""
