"""issue 15's done-when: a case holding only a zipped 支付宝 export and a 详版 credit report reaches
the verdict the export shows, and its letter cites the export as self-produced and names the
stamped proof to be supplied and where to obtain it (golden text)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT, Golden
from generator.cli import app
from generator.render.docx import docx_blocks
from synth import exports
from synth.pboc import Account, Report, Standing, grid, render_report

runner = CliRunner()
DAY = "2025-10-12"
LENDER = "重庆蚂蚁消费金融有限公司"
CASE_TOML = f'''[borrower]
name = "周雨桐"
id_number = "330106198812300022"
phone = "13700001111"

[[loans]]
lender = "{LENDER}"
product = "借呗"
method = "equal_installment"
annual_rate = "0.1460"
due_day = 5
installments = 6
payee_names = ["{LENDER}", "借呗"]

[passwords]
"支付宝.zip" = "{exports.PASSWORD}"
'''


def _report() -> bytes:
    """September 2025 shown as "1", with the installment the export shows paid a day early."""
    account = Account("非循环贷账户", LENDER, "JB2025080500088", date(2025, 8, 5), Decimal("5000.00"),
                      "其他个人消费贷款", as_of=date(2025, 9, 30),
                      standing=Standing("正常", balance=Decimal("4188.68"), remaining=5, amount_due=Decimal("869.18"),
                                        due_day=date(2025, 10, 5), amount_paid=Decimal("0.00"),
                                        last_payment_on=date(2025, 8, 5), overdue_periods=1,
                                        overdue_amount=Decimal("869.18")),
                      grid=grid("2025-08", "*1", {1: Decimal("869.18")}), due_on=date(2026, 2, 5), installments=6)
    return render_report(Report("2025101009301234567890", "2025-10-10 09:30:12", "周雨桐", "身份证",
                                "3301**********0022", (account,)))


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export-only") / "case"
    folder.mkdir()
    (folder / "case.toml").write_text(CASE_TOML, encoding="utf-8")
    (folder / "支付宝.zip").write_bytes(exports.alipay_zip())
    (folder / "个人信用报告.pdf").write_bytes(_report())
    return folder


def test_the_export_decides_the_month_and_asks_for_the_stamped_proof(case: Path) -> None:
    result = runner.invoke(app, ["check", str(case), "--json", "--date", DAY])
    assert result.exit_code == 0, result.output
    [loan] = json.loads(result.stdout)["loans"]
    assert loan["verdict"] == "dispute"
    assert [(m["month"], m["verdict"]) for m in loan["months"]][-1] == ("2025-09", "contradicted")
    assert loan["missing"] == ["official_record:alipay:2025-09-04:869.18"]


def test_its_letter_cites_the_export_as_self_produced_and_names_the_proof(case: Path, tmp_path: Path,
                                                                          golden: Golden) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["generate", str(case), "--date", DAY, "--out", str(out), "--format", "docx"])
    assert result.exit_code == 0, result.output
    text = "\n".join(docx_blocks(out / f"征信异议申请书-{LENDER}.docx")) + "\n"
    golden.check_text(ROOT / "tests" / "golden" / "letters" / "alipay-export-only.bureau.txt", text)
    assert "证据2第19行" in text and "自行导出的支付宝交易明细" in text
    assert "将另行补充提交支付宝交易流水证明（支付宝App：我的—账单—右上角“…”—开具交易流水证明" in text
