"""The page takes what the command line reads: a 支付宝 or 微信 export (CSV, XLSX, their ZIP bills,
with the password field an encrypted one needs) is stored and recognised; a note is still refused."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES
from synth import exports
from web.conftest import Client

ALIPAY_CSV = FIXTURES / "exports" / "alipay-2023.csv"
ALIPAY_ZIP = FIXTURES / "exports" / "alipay-2023.zip"
WECHAT_XLSX = FIXTURES / "exports" / "wechat-2025.xlsx"


def test_an_alipay_csv_export_is_taken_and_recognised(client: Client, workspace: Path) -> None:
    case_id = client.new_case()
    page = client.upload(case_id, [("支付宝交易明细.csv", ALIPAY_CSV.read_bytes())]).text
    assert "已放入：支付宝交易明细.csv" in page and "没有保存" not in page
    # named as the export it is, never as the stamped 交易流水证明 of the same provider
    assert "支付宝交易明细（自行导出，用于个人对账）" in page and "支付宝交易流水证明" not in page and "4 笔交易" in page
    assert (workspace / case_id / "支付宝交易明细.csv").read_bytes() == ALIPAY_CSV.read_bytes()


def test_a_workbook_without_a_suffix_is_stored_under_its_contents_suffix(client: Client, workspace: Path) -> None:
    case_id = client.new_case()
    page = client.upload(case_id, [("微信支付账单", WECHAT_XLSX.read_bytes())]).text
    assert "已放入：微信支付账单.xlsx" in page and "微信支付账单明细（自行导出，用于个人对账）" in page
    assert "微信支付交易明细证明" not in page


def test_an_encrypted_alipay_zip_asks_for_its_password_then_reads(client: Client, workspace: Path) -> None:
    case_id = client.new_case()
    page = client.upload(case_id, [("alipay.zip", ALIPAY_ZIP.read_bytes())]).text
    assert "已放入：alipay.zip" in page
    assert "已加密：请在下面输入打开它的密码" in page and 'type="password"' in page
    right = client.post(f"/cases/{case_id}/files/password", {"name": "alipay.zip", "password": exports.PASSWORD}).text
    assert 'type="password"' not in right and "4 笔交易" in right


def test_a_note_is_still_refused(client: Client, workspace: Path) -> None:
    case_id = client.new_case()
    page = client.upload(case_id, [("笔记.txt", "记得周一去银行".encode()), ("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(200))]).text
    assert "笔记.txt：不是本工具能读的文件" in page
    assert not (workspace / case_id / "笔记.txt").exists()
    # an image is a document since OCR (issue 16): kept, and read (or refused) as a scan
    assert "photo.jpg：不是本工具能读的文件" not in page and (workspace / case_id / "photo.jpg").exists()


def test_a_zip_of_case_folders_keeps_the_exports_workbooks_and_archives(tmp_path: Path) -> None:
    import io
    import zipfile

    from generator.web.workspace import Workspace
    from generator.web.zipimport import import_zip

    members = {"desk/one/case.toml": b"[borrower]\n", "desk/one/支付宝.zip": ALIPAY_ZIP.read_bytes(),
               "desk/one/支付宝交易明细.csv": ALIPAY_CSV.read_bytes(), "desk/one/微信.xlsx": WECHAT_XLSX.read_bytes(),
               "desk/one/中行.txt": exports.boc_utf16(), "desk/one/备注.txt": "周二去银行打印流水。".encode(),
               "desk/one/run.sh": b"echo"}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    buffer.seek(0)
    space = Workspace(tmp_path / "ws")
    imported = import_zip(space, buffer)
    [(case_id, _)] = imported.cases
    kept = sorted(p.name for p in space.folder(case_id).iterdir() if not p.name.startswith("."))
    assert kept == sorted(["case.toml", "支付宝.zip", "支付宝交易明细.csv", "微信.xlsx", "中行.txt"])
    assert sorted(imported.skipped) == ["desk/one/run.sh", "desk/one/备注.txt"]
    assert (space.folder(case_id) / "支付宝.zip").read_bytes() == ALIPAY_ZIP.read_bytes()
