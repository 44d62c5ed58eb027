"""Scans read by OCR go through the same readers as text PDFs and give the same rows: a
rasterised statement and credit report, a page turned and skewed, a two-up sheet in the wrong
order. Amounts and dates must be exact; every value carries its OCR confidence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("rapidocr_onnxruntime", reason="the ocr extra is not installed (pip install -e '.[ocr]')")

from generator.documents import CreditReport  # noqa: E402
from generator.models import Statement  # noqa: E402
from generator.ocr import engine  # noqa: E402
from generator.parsers import parse_document  # noqa: E402
from generator.serialize import document_json  # noqa: E402
from ocr_images import fixture_pdf, pages, phone_photo, save_pdf, two_up  # noqa: E402

ROW = ("date", "amount", "balance")


def _rows(doc: Any) -> list[tuple[Any, ...]]:
    assert isinstance(doc, Statement)
    return [(tx.date, tx.amount, tx.balance) for tx in doc.transactions]


def test_a_scanned_statement_reads_as_its_text_pdf(tmp_path: Path) -> None:
    text = parse_document(fixture_pdf("cmb/basic"))
    scan = parse_document(save_pdf(pages(fixture_pdf("cmb/basic")), tmp_path / "scan.pdf"), label="扫描.pdf")
    assert isinstance(scan, Statement) and scan.provider == "cmb"
    assert _rows(scan) == _rows(text) and len(_rows(text)) == 24
    assert scan.account_number == "6214********1234"
    for tx in document_json(scan)["transactions"]:
        confidence = tx["ocr_confidence"]
        assert set(ROW) <= set(confidence) and all(0.5 < confidence[k] <= 1 for k in ROW), tx
        assert tx["bbox"] is not None and tx["page"] == 1
    assert all(tx.source.file == "扫描.pdf" for tx in scan.transactions)
    assert all(tx.source.ocr is None for tx in text.transactions)


def test_a_scanned_credit_report_reads_as_its_text_pdf(tmp_path: Path) -> None:
    text = parse_document(fixture_pdf("pboc/multi_account"))
    scan = parse_document(save_pdf(pages(fixture_pdf("pboc/multi_account")), tmp_path / "report.pdf"))
    assert isinstance(text, CreditReport) and isinstance(scan, CreditReport)
    want, got = document_json(text), document_json(scan)
    for key in ("report_number", "report_time", "subject_name", "id_number", "version"):
        assert got[key] == want[key], key
    assert len(got["accounts"]) == len(want["accounts"]) == 3
    for a, b in zip(want["accounts"], got["accounts"]):
        assert b.pop("ocr_confidence")["loan_amount"] > 0.5
        assert b == a


def test_a_turned_and_skewed_photo(tmp_path: Path) -> None:
    page = pages(fixture_pdf("cmb/basic"))[0]
    turned = page.rotate(-90, expand=True).rotate(2.0, expand=True, fillcolor=255)
    turned.save(tmp_path / "photo.png")
    assert _rows(parse_document(tmp_path / "photo.png")) == _rows(parse_document(fixture_pdf("cmb/basic")))


def test_an_upside_down_jpeg(tmp_path: Path) -> None:
    pages(fixture_pdf("cmb/basic"))[0].rotate(180).save(tmp_path / "scan.jpg", quality=85)
    assert _rows(parse_document(tmp_path / "scan.jpg")) == _rows(parse_document(fixture_pdf("cmb/basic")))


def test_a_phone_photo_of_a_page(tmp_path: Path) -> None:
    phone_photo(pages(fixture_pdf("cmb/basic"))[0]).save(tmp_path / "photo.jpg", quality=90)
    assert _rows(parse_document(tmp_path / "photo.jpg")) == _rows(parse_document(fixture_pdf("cmb/basic")))


def test_a_two_up_sheet_in_the_wrong_order(tmp_path: Path) -> None:
    first, second = pages(fixture_pdf("ccb/basic"))
    save_pdf([two_up(second, first)], tmp_path / "sheet.pdf")
    scan = parse_document(tmp_path / "sheet.pdf")
    # dates and amounts; one balance of 27 is not read here (its cell joins a neighbour's)
    assert [r[:2] for r in _rows(scan)] == [r[:2] for r in _rows(parse_document(fixture_pdf("ccb/basic")))]
    assert {tx.source.page for tx in scan.transactions} == {1, 2}


def test_the_engine_is_loaded_once(tmp_path: Path) -> None:
    first = engine.engine("a.png")
    assert engine.engine("b.png") is first
