"""The desk's spreadsheet: summary.csv of `dispute batch` in Chinese, one row per loan, the missing
documents in the words `dispute check` prints, opened in LibreOffice Calc; `--lang en` keeps the
English CSV scripts read, and summary.json stays as it was."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner, Result

from generator.cli import app

EXAMPLES = ROOT / "examples"
DATE = "2026-09-10"
BOM = b"\xef\xbb\xbf"
COLUMNS = ["案件", "状态", "贷款机构", "贷款", "结论", "需补充材料", "已生成文件", "错误"]
ENGLISH = ["case", "status", "loans", "verdicts", "outputs", "error", "skipped", "seconds"]
# summary.json's keys per case before the sheet existed: scripts read them.
JSON_KEYS = {"case", "status", "loans", "verdicts", "outputs", "notices", "missing", "removed", "ignored",
             "error", "error_file", "error_kind", "traceback", "seconds", "skipped"}
SECOND_LOAN = """
[[loans]]
lender = "招联消费金融股份有限公司"
product = "好期贷"
contract_number = "ZL2025060100001"
principal = "3000.00"
disbursed_on = 2025-06-01
installments = 3
method = "equal_installment"
annual_rate = "0.1800"
due_day = 1
payee_names = ["招联消费金融股份有限公司"]
"""


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "400"})


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A case with two loans (the 支付宝 example plus a 招联 loan it has no evidence for) and a
    dispute case, run once."""
    root = tmp_path_factory.mktemp("sheet")
    for example, name in (("alipay-insufficient", "two-loans"), ("on-time-cmb", "on-time")):
        shutil.copytree(EXAMPLES / example, root / name, ignore=shutil.ignore_patterns("out"))
    with (root / "two-loans" / "case.toml").open("a", encoding="utf-8") as fh:
        fh.write(SECOND_LOAN)
    result = invoke("batch", str(root), "--date", DATE, "--jobs", "1")
    assert result.exit_code == 0, result.output
    return root


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(BOM), "a BOM, so that Excel reads the Chinese as UTF-8"
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))


def needed_on_screen(case: Path) -> dict[str, list[str]]:
    """What `dispute check` lists under each loan as 需补充 (its lender line starts the loan)."""
    result = invoke("check", str(case))
    assert result.exit_code == 0, result.output
    shown: dict[str, list[str]] = {}
    lender = ""
    for line in result.output.splitlines():
        if line.endswith("（还款计划为按合同条款推算）") or " 合同 " in line:
            lender = line.split(" ", 1)[0]
            shown[lender] = []
        elif line.startswith("  需补充: "):
            shown[lender].append(line.removeprefix("  需补充: "))
    return shown


def test_one_row_per_loan_in_chinese_with_the_missing_documents_as_check_words_them(cases: Path) -> None:
    rows = read_csv(cases / "out-batch" / "summary.csv")
    assert list(rows[0]) == COLUMNS
    two = [r for r in rows if r["案件"] == "two-loans"]
    assert [r["贷款机构"] for r in two] == ["重庆蚂蚁消费金融有限公司", "招联消费金融股份有限公司"]
    assert {r["状态"] for r in two} == {"已生成"} and {r["结论"] for r in two} == {"证据不足"}
    shown = needed_on_screen(cases / "two-loans")
    assert {r["贷款机构"]: r["需补充材料"].split("；") for r in two} == shown
    assert "支付宝/微信支付交易流水证明（对应日期 2025-09-04，金额 869.18）" in shown["重庆蚂蚁消费金融有限公司"]
    assert not any(":" in r["需补充材料"] for r in rows), "no document codes"
    (dispute,) = [r for r in rows if r["案件"] == "on-time"]
    assert dispute["结论"] == "可异议" and dispute["需补充材料"] == "" and dispute["错误"] == ""
    written = sorted(p.name for p in (cases / "out-batch" / "on-time").iterdir() if p.suffix != ".json")
    assert dispute["已生成文件"].split("；") == written


def test_summary_json_keeps_its_keys(cases: Path) -> None:
    data = json.loads((cases / "out-batch" / "summary.json").read_text(encoding="utf-8"))
    assert all(set(row) == JSON_KEYS for row in data["cases"])
    two = next(row for row in data["cases"] if row["case"] == "two-loans")
    assert {"lender": "重庆蚂蚁消费金融有限公司", "loan": "JB2025060500077", "document": "repayment_record:3"} in two["missing"]


def soffice_to_xlsx(source: Path, out: Path, *infilter: str) -> Path:
    """`source` as Calc saves it again in xlsx (into `out`)."""
    # A profile of our own, so that a running LibreOffice or another test's does not take it over.
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice Calc is needed: apt-get install libreoffice-calc-nogui (scripts/setup.sh)")
    subprocess.run(["soffice", f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless", *infilter,
                    "--convert-to", "xlsx", "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=120)
    converted = out / f"{source.stem}.xlsx"
    assert converted.is_file(), f"LibreOffice wrote no {converted.name}"
    return converted


def cells(xlsx: Path) -> list[list[str]]:
    from python_calamine import CalamineWorkbook

    return [[str(c) for c in row] for row in CalamineWorkbook.from_path(str(xlsx)).get_sheet_by_index(0).to_python()]


def test_calc_reads_the_chinese_columns_and_values_intact(cases: Path, tmp_path: Path) -> None:
    source = cases / "out-batch" / "summary.csv"
    # Calc's text import with 字符集 UTF-8 (76), comma-separated, as a user picks it.
    sheet = cells(soffice_to_xlsx(source, tmp_path, "--infilter=CSV:44,34,76,1"))
    expected = [list(r.values()) for r in read_csv(source)]
    assert sheet[0] == COLUMNS, "the BOM must not leak into the first column's name"
    assert sheet[1:] == expected


def test_the_xlsx_holds_the_same_rows_with_a_frozen_header_and_fitted_columns(cases: Path, tmp_path: Path) -> None:
    import zipfile

    book = cases / "out-batch" / "summary.xlsx"
    expected = [COLUMNS, *(list(r.values()) for r in read_csv(cases / "out-batch" / "summary.csv"))]
    assert cells(book) == expected
    xml = zipfile.ZipFile(book).read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert 'ySplit="1"' in xml and 'state="frozen"' in xml
    widths = [float(w) for lo, hi, w in re.findall(r'<col min="(\d+)" max="(\d+)" width="([\d.]+)"', xml)
              for _ in range(int(lo), int(hi) + 1)]
    assert len(widths) == len(COLUMNS)
    assert widths[COLUMNS.index("贷款机构")] >= 2 * len("重庆蚂蚁消费金融有限公司"), "a Chinese character is two wide"
    assert max(widths) <= 62, "the long cells wrap instead"
    # Calc opens it and reads back the same cells.
    again = tmp_path / "calc"
    again.mkdir()
    assert cells(soffice_to_xlsx(book, again)) == expected


def test_rerun_keeps_the_skipped_cases_documents_and_english_gives_the_old_csv(cases: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    shutil.copytree(cases, again)
    before = read_csv(again / "out-batch" / "summary.csv")
    result = invoke("batch", str(again), "--date", DATE, "--jobs", "1")
    assert result.exit_code == 0, result.output
    after = read_csv(again / "out-batch" / "summary.csv")
    assert {r["状态"] for r in after} == {"跳过（未变）"}
    assert [{**r, "状态": ""} for r in after] == [{**r, "状态": ""} for r in before]
    english = invoke("batch", str(again), "--date", DATE, "--jobs", "1", "--lang", "en")
    assert english.exit_code == 0, english.output
    rows = read_csv(again / "out-batch" / "summary.csv")
    assert list(rows[0]) == ENGLISH and [r["case"] for r in rows] == ["on-time", "two-loans"]
    assert rows[1]["verdicts"] == "重庆蚂蚁消费金融有限公司: insufficient; 招联消费金融股份有限公司: insufficient"
    assert rows[1]["status"] == "skipped" and rows[1]["skipped"] == "true" and rows[1]["loans"] == "2"


def test_each_loan_row_lists_its_own_files() -> None:
    from generator.batch import CaseReport, Status
    from generator.domain.terms import LoanLabel
    from generator.sheet import sheet_rows

    ant, zhaolian = "重庆蚂蚁消费金融有限公司", "招联消费金融股份有限公司"
    files = (f"异议及更正申请-{ant}.pdf", f"个人声明-{zhaolian}.pdf", f"证据材料-{ant}.pdf")
    loans = (LoanLabel("#1", ant), LoanLabel("ZL1", zhaolian, "好期贷", "ZL1", disbursed_on="2025-06-01"))
    report = CaseReport("desk/01", Status.DONE, loans=2, verdicts=((loans[0], "dispute"), (loans[1], "statement")),
                        outputs=files, needed=(("ZL1", "还款所用账户的流水"),),
                        loan_outputs=(("#1", files[0]), ("ZL1", files[1]), ("#1", files[2])))
    rows = [dict(zip(COLUMNS, row, strict=True)) for row in sheet_rows([report], lambda r: r.error)]
    assert [(r["案件"], r["贷款机构"], r["结论"]) for r in rows] == [("desk/01", ant, "可异议"), ("desk/01", zhaolian, "个人声明")]
    assert rows[1]["贷款"] == "好期贷 合同 ZL1 2025-06-01 借款"
    assert rows[0]["已生成文件"] == f"异议及更正申请-{ant}.pdf；证据材料-{ant}.pdf" and rows[0]["需补充材料"] == ""
    assert rows[1]["已生成文件"] == f"个人声明-{zhaolian}.pdf" and rows[1]["需补充材料"] == "还款所用账户的流水"


def test_a_summary_from_before_loan_ids_still_lists_each_lenders_files() -> None:
    """summary.json written before loans had ids names each verdict's lender only, and no files."""
    from generator.batch import CaseReport, Status, _label
    from generator.sheet import sheet_rows

    ant, zhaolian = "重庆蚂蚁消费金融有限公司", "招联消费金融股份有限公司"
    loans = (_label({"lender": ant}), _label({"lender": zhaolian}))
    report = CaseReport("desk/01", Status.SKIPPED, loans=2, verdicts=((loans[0], "dispute"), (loans[1], "insufficient")),
                        outputs=(f"异议及更正申请-{ant}.pdf", f"证据材料-{ant}.pdf"))
    rows = [dict(zip(COLUMNS, row, strict=True)) for row in sheet_rows([report], lambda r: r.error)]
    assert [r["已生成文件"] for r in rows] == [f"异议及更正申请-{ant}.pdf；证据材料-{ant}.pdf", ""]
