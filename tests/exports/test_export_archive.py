"""ZIP archives: AES and ZipCrypto with their password, members cited archive.zip!member, nothing
unpacked beside the inputs, and every bomb, climbing name and damage refused naming the archive."""

from __future__ import annotations

import io
import os
import struct
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES
from generator.archive import ArchiveError, Limits, read_archive
from generator.errors import InputError, UnrecognizedDocument
from generator.models import Statement
from generator.parsers import parse_document, parse_documents
from synth import exports

ALIPAY_ZIP = FIXTURES / "exports" / "alipay-2023.zip"
WECHAT_ZIP = FIXTURES / "exports" / "wechat-2025.zip"


def _zip(tmp_path: Path, members: list[tuple[str, bytes]], name: str = "a.zip") -> Path:
    path = tmp_path / name
    path.write_bytes(exports._zip(members))
    return path


def test_aes_archive_opens_with_its_password() -> None:
    [member] = read_archive(ALIPAY_ZIP, "alipay.zip", exports.PASSWORD)
    assert member.label == "alipay.zip!支付宝交易明细(20250801-20250930).csv"
    assert member.data == exports.alipay_2023()


def test_zipcrypto_archive_with_a_gbk_name_opens_with_its_password() -> None:
    with zipfile.ZipFile(WECHAT_ZIP) as zf:
        assert not zf.infolist()[0].flag_bits & 0x800  # no UTF-8 flag: the name is GBK bytes
    [member] = read_archive(WECHAT_ZIP, "w.zip", exports.PASSWORD)
    assert member.name == "微信支付账单(20250301-20250331).xlsx" and member.data == exports.wechat_xlsx(2025)


@pytest.mark.parametrize("archive", [ALIPAY_ZIP, WECHAT_ZIP])
@pytest.mark.parametrize(("password", "message"), [
    (None, "encrypted ZIP: give its password with --password"), ("", "encrypted ZIP: give its password"),
    ("000000", "wrong password"), ("13579", "wrong password")])
def test_missing_or_wrong_password_is_one_error_naming_the_archive(archive: Path, password: str | None,
                                                                     message: str) -> None:
    with pytest.raises(ArchiveError) as caught:
        read_archive(archive, "x.zip", password)
    assert str(caught.value).startswith(f"x.zip: {message}")


def test_members_are_documents_cited_inside_the_archive(tmp_path: Path) -> None:
    path = _zip(tmp_path, [("a/cmb.csv", exports.cmb_csv()), ("b.xls", exports.ccb_xls()),
                           ("__MACOSX/._b.xls", b"\0\5\26\7"), ("readme.txt", "请核对".encode()),
                           ("bad.csv", exports.alipay_header_changed()), ("inner.zip", exports._zip([("x", b"y")]))])
    before = sorted(tmp_path.rglob("*"))
    found = parse_documents(path, label="bank.zip")
    assert sorted(tmp_path.rglob("*")) == before  # nothing unpacked beside it
    docs = [d for d in found if isinstance(d, Statement)]
    assert [(d.file, d.provider) for d in docs] == [("bank.zip!a/cmb.csv", "cmb"), ("bank.zip!b.xls", "ccb")]
    assert all(tx.source.file == d.file for d in docs for tx in d.transactions)
    errors = [e for e in found if isinstance(e, InputError)]
    assert [e.file for e in errors] == ["bank.zip!readme.txt", "bank.zip!bad.csv", "bank.zip!inner.zip"]
    assert isinstance(errors[0], UnrecognizedDocument)
    assert "an archive inside an archive" in errors[2].message


def test_a_pdf_member_is_read_and_cited_inside_the_archive(tmp_path: Path) -> None:
    pdf = (FIXTURES / "statements" / "cmb" / "basic" / "input.pdf").read_bytes()
    [doc] = parse_documents(_zip(tmp_path, [("流水.pdf", pdf)]), label="mail.zip")
    assert isinstance(doc, Statement) and doc.file == "mail.zip!流水.pdf" and doc.provider == "cmb"
    assert not doc.exported and doc.transactions[0].source.file == "mail.zip!流水.pdf"
    [bad] = parse_documents(_zip(tmp_path, [("cut.pdf", pdf[:1500])], "cut.zip"), label="cut.zip")
    assert isinstance(bad, InputError) and bad.file == "cut.zip!cut.pdf" and "corrupt or truncated PDF" in bad.message


def test_parse_document_refuses_an_archive_it_cannot_return_as_one(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="a ZIP archive, not one document"):
        parse_document(_zip(tmp_path, [("a.csv", exports.cmb_csv())]))


@pytest.mark.parametrize("name", ["../up.csv", "/etc/passwd", "C:/x.csv", "a/../../b.csv", "..\\..\\w.csv",
                                  "a\x01b.csv"])
def test_names_that_climb_out_are_refused(tmp_path: Path, name: str) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo(name, exports.WHEN), b"x")
    path = tmp_path / "a.zip"
    path.write_bytes(buf.getvalue())
    with pytest.raises(ArchiveError, match="absolute path, '..' or a control character"):
        read_archive(path, "a.zip", None)


def test_bomb_limits(tmp_path: Path) -> None:
    small = Limits(members=3, member_bytes=1000, total_bytes=1500, ratio=10, ratio_floor=100)
    cases = [
        ([(f"{i}.csv", b"x") for i in range(4)], "4 members, more than the 3"),
        ([("big.csv", os.urandom(1001))], "inflates to 1,001 bytes, more than 1,000"),
        ([("a.csv", os.urandom(800)), ("b.csv", os.urandom(800))], "inflate to 1,600 bytes, more than 1,500"),
        ([("zeros.csv", b"0" * 900)], r"inflates \d+ times \(at most 10\)"),
    ]
    for members, message in cases:
        with pytest.raises(ArchiveError, match=message):
            read_archive(_zip(tmp_path, members), "b.zip", None, small)
    with pytest.raises(ArchiveError, match="inflates .* times .*decompression bomb"):
        read_archive(FIXTURES / "exports" / "bad" / "bomb.zip", "bomb.zip", None)


def test_a_header_that_understates_the_size_inflates_no_further(tmp_path: Path) -> None:
    """A member whose headers claim 10 bytes but would inflate to 4000: reading stops at the
    claimed size, and the checksum then says the archive is damaged."""
    data = exports._zip([("lie.csv", os.urandom(2000) * 2)])
    size_at = [i for i in range(len(data) - 4) if data[i:i + 4] in (b"PK\x03\x04", b"PK\x01\x02")]
    patched = bytearray(data)
    for at in size_at:
        offset = at + (22 if data[at:at + 4] == b"PK\x03\x04" else 24)
        patched[offset:offset + 4] = struct.pack("<I", 10)
    path = tmp_path / "lie.zip"
    path.write_bytes(bytes(patched))
    with pytest.raises(ArchiveError, match="damaged or truncated ZIP archive .*lie.csv"):
        read_archive(path, "lie.zip", None, Limits(member_bytes=1000))


@pytest.mark.parametrize("cut", [10, 100, 400, -22])
def test_a_truncated_archive_is_damaged_not_a_crash(tmp_path: Path, cut: int) -> None:
    path = tmp_path / "cut.zip"
    path.write_bytes(ALIPAY_ZIP.read_bytes()[:cut])
    [err] = parse_documents(path, label="cut.zip", password=exports.PASSWORD)
    assert isinstance(err, InputError) and err.file == "cut.zip"


def test_an_empty_archive_holds_no_document(tmp_path: Path) -> None:
    assert parse_documents(_zip(tmp_path, []), label="e.zip") == []
