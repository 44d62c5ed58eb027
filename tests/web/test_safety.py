"""A shared desk computer: no other site can act through the page or read a case, no route
reads or writes outside the workspace, and a ZIP cannot place files where it likes."""

from __future__ import annotations

import io
import json
import stat
import zipfile
from pathlib import Path

import pytest

from generator.web.app import create_app
from web.conftest import EXAMPLE, HTMX, Client, example_pdfs, settings
from web.test_routes import filled_case


def test_state_changing_requests_need_the_token(client: Client, workspace: Path) -> None:
    case_id = client.new_case()
    for url in ("/cases", f"/cases/{case_id}/form", f"/cases/{case_id}/files", f"/cases/{case_id}/generate",
                f"/cases/{case_id}/track", f"/cases/{case_id}/delete", f"/cases/{case_id}/contacts",
                f"/cases/{case_id}/files/password", f"/cases/{case_id}/files/remove", "/batches", "/batches/all"):
        assert client.http.post(url, data={"confirm": "yes"}).status_code == 403, url
        assert client.http.post(url, data={"csrf_token": "0" * 64, "confirm": "yes"}).status_code == 403, url
    assert (workspace / case_id).is_dir() and len([p for p in workspace.iterdir() if not p.name.startswith(".")]) == 1


def test_a_token_from_another_browser_does_not_work(client: Client, workspace: Path) -> None:
    from starlette.testclient import TestClient

    with TestClient(client.http.app) as other:
        other.get("/")  # a cookie of its own
        assert other.post("/cases", data={"csrf_token": client.token}).status_code == 403


def test_cross_site_requests_and_foreign_hosts_are_refused(client: Client) -> None:
    case_id = filled_case(client)
    assert client.http.get(f"/cases/{case_id}", headers={"sec-fetch-site": "cross-site"}).status_code == 403
    assert client.http.get("/", headers={"host": "evil.example"}).status_code == 400  # DNS rebinding


def test_every_response_keeps_other_origins_out(client: Client) -> None:
    client.http.cookies.clear()  # a first visit: the cookie is set
    page = client.http.get("/")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["cross-origin-resource-policy"] == "same-origin"
    assert page.headers["x-frame-options"] == "DENY" and page.headers["x-content-type-options"] == "nosniff"
    cookie = page.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert "access-control-allow-origin" not in page.headers


def test_the_page_loads_nothing_from_elsewhere(client: Client) -> None:
    case_id = filled_case(client)
    for html in (client.http.get("/").text, client.http.get(f"/cases/{case_id}").text):
        for attr in ("src=", "href="):
            for value in html.split(attr)[1:]:
                target = value[1:].split(value[0], 1)[0]
                assert target.startswith(("http://testserver/", "/", "#", "data:")), target


BAD_IDS = ["%2e%2e",  # a literal ".." is resolved by the client itself
            "..%2f..%2fetc", "%2fetc%2fpasswd", ".batches", ".import-x", "out", "%00", "a" * 300]


@pytest.mark.parametrize("bad", BAD_IDS)
def test_no_case_id_reaches_outside_a_case(client: Client, bad: str) -> None:
    for url in (f"/cases/{bad}", f"/cases/{bad}/decision", f"/cases/{bad}/files", f"/cases/{bad}/everything.zip"):
        assert client.http.get(url).status_code == 404, url
    assert client.post(f"/cases/{bad}/delete", {"confirm": "yes"}).status_code == 404


@pytest.mark.parametrize("bad", ["..%2fcase.toml", "%2e%2e%2f%2e%2e%2fsecret.txt", "case.toml", "招商银行流水.pdf",
                                 ".dispute-web.json", "%2e%2e", "manifest.json%00.pdf"])
def test_only_the_outputs_the_manifest_lists_are_served(client: Client, workspace: Path, bad: str) -> None:
    (workspace.parent / "secret.txt").write_text("secret")
    case_id = filled_case(client)
    client.generate(case_id)
    for url in (f"/cases/{case_id}/out/{bad}", f"/cases/{case_id}/preview/{bad}", f"/cases/{case_id}/page/{bad}/1"):
        answer = client.http.get(url)
        assert answer.status_code == 404 and b"secret" not in answer.content, url


def test_uploaded_documents_are_never_served_back(client: Client, workspace: Path) -> None:
    case_id = filled_case(client)
    client.generate(case_id)
    out = workspace / case_id / "out"
    (out / "planted.pdf").write_bytes((EXAMPLE / "结清证明.pdf").read_bytes())  # in the folder, not the manifest
    assert client.http.get(f"/cases/{case_id}/out/planted.pdf").status_code == 404
    for name, _ in example_pdfs():
        assert client.http.get(f"/cases/{case_id}/out/{name}").status_code == 404


def test_a_link_in_the_workspace_is_no_case(client: Client, workspace: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "case.toml").write_text("[borrower]\n")
    (workspace / "linked").symlink_to(elsewhere)
    assert client.http.get("/cases/linked").status_code == 404
    assert "linked" not in client.http.get("/").text


def test_an_output_replaced_by_a_link_is_not_followed(client: Client, workspace: Path, tmp_path: Path) -> None:
    case_id = filled_case(client)
    client.generate(case_id)
    out = workspace / case_id / "out"
    name = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["outputs"][0]["file"]
    (tmp_path / "secret.txt").write_text("secret")
    (out / name).unlink()
    (out / name).symlink_to(tmp_path / "secret.txt")
    assert client.http.get(f"/cases/{case_id}/out/{name}").status_code == 404


def _zip(members: dict[str, bytes], links: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return buffer.getvalue()


def test_a_zip_cannot_place_files_outside_its_case(client: Client, workspace: Path) -> None:
    case_toml = (EXAMPLE / "case.toml").read_bytes()
    pdf = (EXAMPLE / "结清证明.pdf").read_bytes()
    archive = _zip({"one/case.toml": case_toml, "one/../../escaped.pdf": pdf, "/abs/one/x.pdf": pdf,
                    "one/sub/../../../up.pdf": pdf, "one/notes.sh": b"rm -rf /", "one/.hidden.pdf": pdf},
                   links={"one/link.pdf": "/etc/passwd"})
    answer = client.post("/batches", files={"archive": ("cases.zip", archive, "application/zip")}, htmx=False)
    assert answer.status_code == 303
    assert not (workspace.parent / "escaped.pdf").exists() and not (workspace.parent / "up.pdf").exists()
    found = sorted(p.relative_to(workspace).as_posix() for p in workspace.rglob("*")
                   if p.is_file() and not p.relative_to(workspace).parts[0].startswith("."))
    assert not any(p.endswith(("notes.sh", "link.pdf", ".hidden.pdf")) for p in found), found
    assert not any(p.is_symlink() for p in workspace.rglob("*"))


def test_a_zip_bomb_or_a_non_zip_is_refused_whole(client: Client, workspace: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.web.zipimport as zipimport

    monkeypatch.setattr(zipimport, "MAX_INFLATED", 1 << 20)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a/case.toml", (EXAMPLE / "case.toml").read_bytes())
        archive.writestr("a/big.pdf", b"0" * (4 << 20))
    for data in (bomb.getvalue(), b"not a zip"):
        answer = client.post("/batches", files={"archive": ("c.zip", data, "application/zip")}, htmx=False)
        assert answer.status_code == 400
    assert [p.name for p in workspace.iterdir() if not p.name.startswith(".")] == []
    assert not any(p.name.startswith(".import-") for p in workspace.iterdir())


def test_the_workspace_is_private_to_its_user(workspace: Path) -> None:
    create_app(settings(workspace))
    assert stat.S_IMODE(workspace.stat().st_mode) == 0o700


def test_no_route_writes_outside_the_workspace(client: Client, workspace: Path, tmp_path: Path) -> None:
    """Every route once, each with hostile values: nothing appears or changes beside the workspace."""
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if workspace not in (p, *p.parents)}
    case_id = filled_case(client)
    client.generate(case_id)
    hostile = "../../../../tmp/x"
    for url, data in ((f"/cases/{case_id}/form", {"loan_count": "99", "borrower.name": hostile, "add_loan": "1"}),
                      (f"/cases/{case_id}/files/password", {"name": hostile, "password": "x"}),
                      (f"/cases/{case_id}/files/remove", {"name": hostile}),
                      (f"/cases/{case_id}/track", {"to": hostile, "filed": "2026-06-01", "loan": hostile}),
                      (f"/cases/{case_id}/generate", {"to": hostile, "format": hostile}),
                      (f"/cases/{case_id}/contacts", {"borrower.address": hostile})):
        assert client.post(url, data).status_code in (200, 400, 404), url
    for url in ("/", f"/cases/{case_id}", f"/cases/{case_id}/decision", f"/cases/{case_id}/files",
                f"/cases/{case_id}/everything.zip"):
        client.http.get(url, headers=HTMX)
    after = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if workspace not in (p, *p.parents)}
    assert after == before
