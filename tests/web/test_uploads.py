"""Bad uploads: each is named with the reason in plain words, the others still go in, and none
can write outside its case or be stored under a name it chose."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import httpx
import pytest

from generator.web.app import create_app
from generator.web.workspace import safe_name
from web.conftest import EXAMPLE, HTMX, Client, encrypted, example_pdfs, scanned, settings

STATEMENT = EXAMPLE / "招商银行流水.pdf"


def files_of(workspace: Path, case_id: str) -> list[str]:
    return sorted(p.relative_to(workspace).as_posix() for p in workspace.rglob("*") if p.is_file())


def test_bad_files_are_named_and_the_good_ones_kept(client: Client, workspace: Path) -> None:
    case_id = client.new_case()
    page = client.upload(case_id, [("空.pdf", b""), ("笔记.txt", b"just notes"), ("合同.pdf", b"%PDF-1.4 broken"),
                                   *example_pdfs()]).text
    assert "空.pdf：是空文件（0 字节），没有保存。" in page
    assert "笔记.txt：不是本工具能读的文件（PDF、CSV、Excel、网页或 ZIP），没有保存。" in page
    assert "已放入：招商银行流水.pdf" in page and "招商银行交易流水" in page
    assert "合同.pdf" in page and "无法读取" in page  # stored: a PDF header, but no readable PDF
    assert not (workspace / case_id / "空.pdf").exists() and not (workspace / case_id / "笔记.txt").exists()


def test_scanned_and_unknown_pdfs_say_so(client: Client) -> None:
    from reportlab.pdfgen.canvas import Canvas
    import io

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(100, 700, "Loan contract")
    canvas.save()
    page = client.upload(client.new_case(), [("scan.pdf", scanned()), ("contract.pdf", buffer.getvalue())]).text
    assert "这是扫描的图片，没有文字" in page
    assert "不是本工具认识的文件" in page


def test_an_encrypted_pdf_asks_for_its_password(client: Client, workspace: Path) -> None:
    case_id = client.new_case()
    page = client.upload(case_id, [("locked.pdf", encrypted(STATEMENT))]).text
    assert "已加密：请在下面输入打开它的密码" in page and 'type="password"' in page
    wrong = client.post(f"/cases/{case_id}/files/password", {"name": "locked.pdf", "password": "000000"}).text
    assert "密码不对" in wrong
    right = client.post(f"/cases/{case_id}/files/password", {"name": "locked.pdf", "password": "123456"}).text
    assert "招商银行交易流水" in right and 'type="password"' not in right
    assert 'locked.pdf" = "123456"' in (workspace / case_id / "case.toml").read_text(encoding="utf-8")


def test_a_password_for_a_file_the_case_lacks_is_refused(client: Client) -> None:
    case_id = client.new_case()
    answer = client.post(f"/cases/{case_id}/files/password", {"name": "../../etc/passwd", "password": "x"})
    assert answer.status_code == 404


def test_an_upload_over_the_limit_is_refused_before_it_is_read(client: Client, workspace: Path) -> None:
    case_id = client.new_case()
    huge = b"%PDF-1.4\n" + b"0" * (200 << 20)
    answer = client.upload(case_id, [("big.pdf", huge)])
    assert answer.status_code == 413 and "MB" in answer.text
    assert files_of(workspace, case_id) == [f"{case_id}/.dispute-web.json"]


def test_a_file_over_the_per_file_limit_is_named(workspace: Path) -> None:
    from starlette.testclient import TestClient

    with TestClient(create_app(settings(workspace, max_file=1 << 20))) as http:
        client = Client(http)
        page = client.upload(client.new_case(), [("big.pdf", b"%PDF-" + b"0" * (2 << 20)), *example_pdfs()]).text
    assert "big.pdf：超过 1 MB 的上限，没有保存。" in page and "已放入：招商银行流水.pdf" in page


def test_a_streamed_body_is_cut_off_at_the_limit(workspace: Path) -> None:
    async def run() -> int:
        app = create_app(settings(workspace, max_request=1 << 20))
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            home = await http.get("/")
            token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', home.text).group(1)  # type: ignore[union-attr]
            location = (await http.post("/cases", data={"csrf_token": token})).headers["location"]

            async def chunks():  # type: ignore[no-untyped-def]
                yield (b'--x\r\nContent-Disposition: form-data; name="documents"; filename="a.pdf"\r\n'
                       b"Content-Type: application/pdf\r\n\r\n%PDF-1.4\n")
                for _ in range(8):  # no content-length: only counting what arrives can stop it
                    yield b"0" * (512 << 10)

            answer = await http.post(f"{location}/files", content=chunks(),
                                     headers={"content-type": "multipart/form-data; boundary=x"})
            return answer.status_code

    assert asyncio.run(run()) == 413


@pytest.mark.parametrize(("given", "stored"), [
    ("../../x.pdf", "x.pdf"),
    ("..\\..\\windows\\x.pdf", "x.pdf"),
    ("/etc/passwd.pdf", "passwd.pdf"),
    ("<script>alert(1)</script>.pdf", "script.pdf"),  # "/" ends a path part
    ("<img src=x onerror=alert(1)>.pdf", "img src_x onerror_alert(1).pdf"),
    (".hidden.pdf", "hidden.pdf"),
    ("a\x00b.pdf", "a_b.pdf"),
    ("...pdf", "文件.pdf"),
    ("流水 2025年.PDF", "流水 2025年.pdf"),
])
def test_stored_names_are_made_by_the_page(given: str, stored: str) -> None:
    assert safe_name(given, ".pdf") == stored


def test_path_like_names_stay_inside_the_case(client: Client, workspace: Path) -> None:
    case_id = client.new_case()
    pdf = STATEMENT.read_bytes()
    page = client.upload(case_id, [("../../x.pdf", pdf), ("<script>alert(1)</script>.pdf", pdf + b"\n"),
                                   ("../" + case_id + "/../evil.pdf", pdf + b"\n\n")]).text
    assert "<script>alert" not in page  # escaped wherever the name is shown
    inside = files_of(workspace, case_id)
    assert all(f.startswith(case_id + "/") for f in inside)
    assert f"{case_id}/x.pdf" in inside and f"{case_id}/script.pdf" in inside
    assert not (workspace.parent / "x.pdf").exists() and not (workspace / "evil.pdf").exists()


def test_the_same_file_twice_is_kept_once_and_a_namesake_numbered(client: Client, workspace: Path) -> None:
    case_id = client.new_case()
    pdf = STATEMENT.read_bytes()
    client.upload(case_id, [("a.pdf", pdf)])
    client.upload(case_id, [("a.pdf", pdf), ("a.pdf", pdf + b"\n")])
    assert sorted(p.name for p in (workspace / case_id).glob("*.pdf")) == ["a-2.pdf", "a.pdf"]


def test_concurrent_uploads_lose_nothing(workspace: Path) -> None:
    """Eight uploads at once into one case, all named alike: every distinct file is kept once."""
    pdf = STATEMENT.read_bytes()

    async def run() -> None:
        app = create_app(settings(workspace))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as http:
            home = await http.get("/")
            token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', home.text).group(1)  # type: ignore[union-attr]
            location = (await http.post("/cases", data={"csrf_token": token})).headers["location"]
            answers = await asyncio.gather(*[
                http.post(f"{location}/files", data={"csrf_token": token}, headers=HTMX,
                          files=[("documents", ("流水.pdf", pdf + b"\n" * (i % 4), "application/pdf"))])
                for i in range(8)])
            assert all(a.status_code == 200 for a in answers)

    asyncio.run(run())
    [case] = [p for p in workspace.iterdir() if p.is_dir() and not p.name.startswith(".")]
    assert sorted(p.name for p in case.glob("*.pdf")) == ["流水-2.pdf", "流水-3.pdf", "流水-4.pdf", "流水.pdf"]


def test_removing_a_document(client: Client, workspace: Path) -> None:
    case_id = client.new_case()
    client.upload(case_id, example_pdfs())
    page = client.post(f"/cases/{case_id}/files/remove", {"name": "结清证明.pdf"}).text
    assert "案件中的文件（2）" in page and not (workspace / case_id / "结清证明.pdf").exists()
    assert client.post(f"/cases/{case_id}/files/remove", {"name": "../case.toml"}).status_code == 404


def test_a_bad_case_toml_is_not_stored(client: Client, workspace: Path) -> None:
    case_id = client.new_case()
    page = client.upload(case_id, [("case.toml", b"[borrower\nname = ")]).text
    assert "不是有效的 case.toml，没有保存" in page and not (workspace / case_id / "case.toml").exists()
