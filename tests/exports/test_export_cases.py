"""Exports in a case folder: a zipped 支付宝 bill decides the month a bank debit to 支付宝 could
not, the same payment seen in an export and in a PDF counts once, and every bad file is named."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from generator.case import find_documents
from generator.cli import app
from synth import exports
from synth.alipay import AlipayProof, Repayment, make_rows, render_alipay_proof

runner = CliRunner()
EXPORTS_DIR = FIXTURES / "exports"
DAY = "2026-01-10"


def _case(tmp_path: Path, files: dict[str, bytes], toml: str = "") -> Path:
    case = tmp_path / "case"
    shutil.copytree(ROOT / "examples" / "alipay-insufficient", case, ignore=shutil.ignore_patterns("out"))
    for name, data in files.items():
        (case / name).write_bytes(data)
    if toml:
        with (case / "case.toml").open("a", encoding="utf-8") as fh:
            fh.write("\n" + toml)
    return case


def _check(case: Path) -> dict[str, object]:
    result = runner.invoke(app, ["check", str(case), "--json", "--date", DAY])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def _installment(data: dict[str, object], number: int) -> dict[str, object]:
    [loan] = data["loans"]  # type: ignore[misc]
    return next(i for i in loan["installments"] if i["number"] == number)


PASSWORDS = f'[passwords]\n"支付宝.zip" = "{exports.PASSWORD}"\n'


def test_a_zipped_alipay_bill_decides_the_month(tmp_path: Path) -> None:
    before = _check(_case(tmp_path / "a", {}))
    assert before["loans"][0]["verdict"] == "insufficient"  # type: ignore[index]
    data = _check(_case(tmp_path / "b", {"支付宝.zip": exports.alipay_zip()}, PASSWORDS))
    third = _installment(data, 3)
    assert third["status"] == "on_time" and third["paid_amount"] == "869.18"
    files = {e["file"] for e in third["evidence"]}  # type: ignore[union-attr]
    assert files == {"支付宝.zip!支付宝交易明细(20250801-20250930).csv", "招商银行流水.pdf"}
    # the export's row is where the file shows it: line 19 of the CSV, under its preamble
    [place] = [e["place"] for e in third["evidence"] if "place" in e]  # type: ignore[union-attr,index]
    assert place == {"kind": "line", "number": 19}
    assert data["loans"][0]["verdict"] == "dispute"  # type: ignore[index]
    # the month rests on an unsealed export: the stamped proof to ask for, and where
    assert data["loans"][0]["missing"] == ["official_record:alipay:2025-09-04:869.18"]  # type: ignore[index]
    screen = runner.invoke(app, ["check", str(tmp_path / "b" / "case"), "--date", DAY]).stdout.replace("\n", "")
    assert "支付宝交易流水证明（支付宝 App：我的 → 账单 → 右上角“…” → 开具交易流水证明" in screen


def test_the_same_payment_in_an_export_and_a_pdf_proof_counts_once_citing_the_proof(tmp_path: Path) -> None:
    rows = make_rows(3, 4, date(2025, 9, 1), date(2025, 9, 30),
                     [Repayment(datetime(2025, 9, 4, 10, 21, 7), Decimal("869.18"), "重庆蚂蚁消费金融有限公司")])
    proof = AlipayProof("周雨桐", "3301**********0022", "137****1111", "20251001110000123456", date(2025, 9, 1),
                        date(2025, 9, 30), rows)
    case = _case(tmp_path, {"支付宝.zip": exports.alipay_zip(), "支付宝交易流水证明.pdf": render_alipay_proof(proof),
                            "支付宝明细.csv": exports.alipay_2023()}, PASSWORDS)
    third = _installment(_check(case), 3)
    assert third["paid_amount"] == "869.18" and third["status"] == "on_time"
    # the stamped proof shows it, so the two exports of it are not cited
    assert {e["file"] for e in third["evidence"]} == {"支付宝交易流水证明.pdf", "招商银行流水.pdf"}  # type: ignore[union-attr]
    data = _check(case)
    assert _installment(data, 4)["paid_amount"] == "869.18"
    assert data["loans"][0]["missing"] == []  # type: ignore[index]  # the proof is in the case


def test_generate_with_an_export_lists_it_with_its_checksum_and_cites_its_line(tmp_path: Path) -> None:
    case = _case(tmp_path, {"支付宝交易明细.csv": exports.alipay_2023()})
    out = tmp_path / "out"
    result = runner.invoke(app, ["generate", str(case), "--date", DAY, "--out", str(out)])
    assert result.exit_code == 0, result.output
    import pdfplumber

    with pdfplumber.open(next(out.glob("证据材料-*.pdf"))) as pdf:
        index = pdf.pages[1].extract_text()
    assert "摘录" in index and "3cf9f75a" in index  # listed with its SHA-256; its cited rows printed, the file handed in
    with pdfplumber.open(next(out.glob("征信异议申请书-*.pdf"))) as pdf:
        letter = "".join(page.extract_text() for page in pdf.pages).replace("\n", "")
    assert "自行导出的支付宝交易明细" in letter
    # the export is never called a 交易流水证明: the letter names that only as the proof to be supplied
    assert letter.count("支付宝交易流水证明") == letter.count("将另行补充提交支付宝交易流水证明（支付宝App") == 1
    # cited by its line in the CSV, not by a page and a row count the file does not have
    assert re.search(r"证据\d第19行", letter) and not re.search(r"证据3第\d+页", letter)


def test_a_wrong_password_in_case_toml_is_one_line_naming_the_archive(tmp_path: Path) -> None:
    case = _case(tmp_path, {"支付宝.zip": exports.alipay_zip()}, '[passwords]\n"支付宝.zip" = "000000"\n')
    before = sorted(case.rglob("*"))
    for command in (["check"], ["generate", "--date", DAY]):
        result = runner.invoke(app, [*command[:1], str(case), *command[1:]])
        assert result.exit_code == 2
        lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
        assert len(lines) == 1 and "支付宝.zip: wrong password" in lines[0] and "Traceback" not in result.stderr
    assert sorted(case.rglob("*")) == before


def test_every_bad_file_of_a_case_is_named_and_nothing_unpacked(tmp_path: Path) -> None:
    bad = {name.split("/")[1]: (EXPORTS_DIR / name).read_bytes() for name in exports.FIXTURES if name.startswith("bad/")}
    case = _case(tmp_path, {**bad, "支付宝.zip": exports.alipay_zip()}, PASSWORDS)
    before = sorted(case.rglob("*"))
    result = runner.invoke(app, ["check", str(case), "--date", DAY])
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert sorted(ln.split(": ", 2)[1].split(":p")[0] for ln in lines) == sorted(bad), result.stderr
    assert sorted(case.rglob("*")) == before


def test_notes_stay_out_and_an_unknown_export_is_skipped_saying_so(tmp_path: Path) -> None:
    case = _case(tmp_path, {"备注.txt": "周二去银行打印流水。\n".encode(), "中行.txt": exports.boc_utf16(),
                            "其他.csv": "日期,金额,说明\n2025-01-01,1.00,x\n".encode()})
    assert [p.name for p in find_documents(case)] == ["中行.txt", "其他.csv", "招商银行流水.pdf"]
    result = runner.invoke(app, ["check", str(case), "--date", DAY])
    assert result.exit_code == 0, result.output
    assert "其他.csv" in result.stderr and "skipped" in result.stderr and "备注.txt" not in result.stderr
