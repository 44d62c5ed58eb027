"""Every route of `dispute serve`, through Starlette's TestClient, as a person uses the page:
new case, the form, documents, the decision, letters, filings, the desk's batch, deletion."""

from __future__ import annotations

import io
import json
import re
import time
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from generator.cli import app as cli
from web.conftest import EXAMPLE, HTMX, TODAY, Client, example_form, example_pdfs, pdf_text


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&")


def filled_case(client: Client) -> str:
    case_id = client.new_case()
    assert client.fill_example(case_id).status_code == 200
    assert client.upload(case_id, example_pdfs()).status_code == 200
    return case_id


def test_index_and_new_case(client: Client, workspace: Path) -> None:
    page = client.http.get("/")
    assert page.status_code == 200 and "新建案件" in page.text and "还没有案件" in page.text
    case_id = client.new_case()
    assert (workspace / case_id).is_dir()
    assert case_id in client.http.get("/").text
    page = client.http.get(f"/cases/{case_id}")
    assert page.status_code == 200
    for step in ("第一步", "第二步", "第三步", "第四步", "第五步"):
        assert step in page.text


def test_the_form_writes_a_case_toml_the_cli_reads(client: Client, workspace: Path) -> None:
    case_id = client.new_case()
    saved = client.fill_example(case_id)
    assert "已保存" in saved.text and saved.headers["hx-trigger"] == "case-changed"
    for name, _ in example_pdfs():
        (workspace / case_id / name).write_bytes((EXAMPLE / name).read_bytes())
    ours = CliRunner().invoke(cli, ["check", "--json", "--date", TODAY.isoformat(), str(workspace / case_id)])
    theirs = CliRunner().invoke(cli, ["check", "--json", "--date", TODAY.isoformat(), str(EXAMPLE)])
    assert ours.exit_code == 0, ours.output
    assert json.loads(ours.stdout)["loans"] == json.loads(theirs.stdout)["loans"]


def test_a_cli_case_folder_opens_in_the_form(client: Client) -> None:
    """Its case.toml dropped with its documents becomes the case's; the form shows its values."""
    case_id = client.new_case()
    shown = client.upload(case_id, [("case.toml", (EXAMPLE / "case.toml").read_bytes()), *example_pdfs()])
    assert "已放入：case.toml" in shown.text
    page = client.http.get(f"/cases/{case_id}").text
    assert 'value="李晓明"' in page and 'value="JB2025011000123"' in page


def test_form_errors_name_the_field(client: Client) -> None:
    case_id = client.new_case()
    form = {**example_form(), "borrower.phone": "12345", "loans.0.annual_rate": "10.95"}
    page = client.post(f"/cases/{case_id}/form", form).text
    assert 'id="f-borrower-phone-error"' in page and "11 位手机号或固定电话" in page
    assert 'aria-invalid="true"' in page


def test_adding_and_removing_a_loan(client: Client, workspace: Path) -> None:
    import tomllib

    def loans() -> list[dict[str, object]]:
        return list(tomllib.loads((workspace / case_id / "case.toml").read_text(encoding="utf-8"))["loans"])

    case_id = client.new_case()
    page = client.post(f"/cases/{case_id}/form", {**example_form(), "add_loan": "1"}).text
    assert "第 2 笔贷款" in page and len(loans()) == 2 and loans()[1] == {}
    second = {**example_form(), "loan_count": "2", "loans.1.lender": "某某消费金融有限公司", "remove_loan": "0"}
    page = client.post(f"/cases/{case_id}/form", second).text
    assert "第 2 笔贷款" not in page and [t["lender"] for t in loans()] == ["某某消费金融有限公司"]


def test_documents_are_recognised_one_by_one(client: Client) -> None:
    case_id = client.new_case()
    shown = text(client.upload(case_id, example_pdfs()).text)
    assert "个人信用报告.pdf ： 个人信用报告（详版，含5年还款记录）" in shown
    assert "招商银行流水.pdf ： 招商银行交易流水 文件 招商银行流水.pdf: cmb，130 笔交易，余额链 ok" in shown
    assert "结清证明.pdf ： 结清证明" in shown
    assert text(client.http.get(f"/cases/{case_id}/files", headers=HTMX).text).count("移除") == 3


def test_the_decision_is_the_one_check_prints(client: Client) -> None:
    """The same lines `dispute check` prints (its rich tables hold the same cells)."""
    from generator.pipeline import check_folder
    from generator.summary import LOAN_VERDICT, installment_row, loan_heading, month_row

    case_id = filled_case(client)
    shown = text(client.http.get(f"/cases/{case_id}/decision", headers=HTMX).text)
    result = check_folder(EXAMPLE, TODAY).result
    for lr in result.loans:
        assert loan_heading(lr) in shown and f"结论：{LOAN_VERDICT[lr.verdict.value]}" in shown
        for row in (*map(installment_row, lr.installments), *map(month_row, lr.months)):
            assert " ".join(c for c in row if c) in shown
    assert "以下贷款信息已从文件中读到" in shown and "借款本金（元）：12000.00" in shown


def test_decision_without_a_case_toml_asks_for_the_form(client: Client) -> None:
    case_id = client.new_case()
    assert "先在第一步填写" in client.http.get(f"/cases/{case_id}/decision", headers=HTMX).text
    full = client.http.get(f"/cases/{case_id}/decision")
    assert "<html" in full.text and "回到案件" in full.text


def test_insufficient_names_the_documents_to_add(client: Client) -> None:
    from generator.pipeline import check_folder
    from generator.summary import describe_missing

    folder = EXAMPLE.parent / "alipay-insufficient"
    case_id = client.new_case()
    client.upload(case_id, [("case.toml", (folder / "case.toml").read_bytes()),
                            *[(p.name, p.read_bytes()) for p in folder.glob("*.pdf")]])
    shown = text(client.http.get(f"/cases/{case_id}/decision", headers=HTMX).text)
    assert "证据不足：请补充材料" in shown
    for lr in check_folder(folder, TODAY).result.loans:
        for missing in lr.missing:
            assert describe_missing(missing) in shown


def test_generate_download_preview_and_zip(client: Client, tmp_path: Path) -> None:
    case_id = filled_case(client)
    done = client.generate(case_id)
    assert "生成完成" in done and "请勿把信用报告" in done
    cli_out = tmp_path / "cli-out"
    result = CliRunner().invoke(cli, ["generate", str(EXAMPLE), "--out", str(cli_out), "--date", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in cli_out.iterdir())
    for name in names:
        assert name in done
        got = client.http.get(f"/cases/{case_id}/out/{name}")
        assert got.status_code == 200 and got.headers["content-disposition"].startswith("attachment;")
        if name.endswith(".pdf"):
            assert pdf_text(got.content) == pdf_text(cli_out / name)
    letter = next(n for n in names if n.startswith("征信异议申请书") and n.endswith(".pdf"))
    preview = client.http.get(f"/cases/{case_id}/preview/{letter}")
    assert preview.status_code == 200 and f"/cases/{case_id}/page/" in preview.text
    page = client.http.get(f"/cases/{case_id}/page/{letter}/1")
    assert page.status_code == 200 and page.content.startswith(b"\x89PNG")
    assert client.http.get(f"/cases/{case_id}/page/{letter}/99").status_code == 404
    everything = client.http.get(f"/cases/{case_id}/everything.zip")
    assert sorted(zipfile.ZipFile(io.BytesIO(everything.content)).namelist()) == names


def test_contact_details_go_into_the_letters(client: Client) -> None:
    case_id = filled_case(client)
    client.generate(case_id)
    answer = client.post(f"/cases/{case_id}/contacts", {"borrower.phone": "13900139000",
                                                        "borrower.address": "上海市黄浦区示例路1号",
                                                        "borrower.email": "li@example.com"})
    assert answer.status_code == 200
    job = re.search(r"/jobs/([0-9a-f]+)", answer.text).group(1)  # type: ignore[union-attr]
    for _ in range(200):
        if "every 1s" not in client.http.get(f"/cases/{case_id}/jobs/{job}", headers=HTMX).text:
            break
        time.sleep(0.3)
    name = next(n for n in re.findall(r"/out/([^\"]+\.pdf)\"", client.http.get(f"/cases/{case_id}").text)
                if "异议及更正申请" in n or "%E5%BC%82" in n)
    letter = "\n".join(pdf_text(client.http.get(f"/cases/{case_id}/out/{name}").content))
    assert "13900139000" in letter and "上海市黄浦区示例路1号" in letter and "li@example.com" in letter


def test_tracking_a_filing(client: Client) -> None:
    case_id = filled_case(client)
    shown = text(client.post(f"/cases/{case_id}/track", {"to": "lender", "filed": "2026-06-10",
                                                          "ticket": "KF001"}).text)
    assert "已记录：2026年06月10日向贷款机构提出异议（工单号 KF001），答复期限 2026年06月30日" in shown
    assert "等待答复（剩 15 天）" in shown and "等待书面答复，到期未复可投诉" in shown
    late = text(client.post(f"/cases/{case_id}/track", {"to": "bureau", "filed": "2026-05-01"}).text)
    assert "逾期未答复（已过 25 天）" in late
    assert "征信中心：逾期未答复（已过 25 天）" in text(client.http.get("/").text)  # the most pressing one


def test_tracking_refuses_what_track_refuses(client: Client) -> None:
    case_id = filled_case(client)
    assert "晚于今天" in client.post(f"/cases/{case_id}/track", {"to": "lender", "filed": "2026-07-01"}).text
    assert "YYYY-MM-DD" in client.post(f"/cases/{case_id}/track", {"to": "lender", "filed": "1.5"}).text
    answer = client.post(f"/cases/{case_id}/track", {"to": "lender", "filed": "2026-06-05", "reply": "2026-06-10"})
    assert "答复日期与结果须同时提供" in answer.text


def test_delete_removes_the_case_and_its_files(client: Client, workspace: Path) -> None:
    case_id = filled_case(client)
    assert client.post(f"/cases/{case_id}/delete", {}).status_code == 400  # not confirmed
    assert (workspace / case_id).is_dir()
    gone = client.post(f"/cases/{case_id}/delete", {"confirm": "yes"}, htmx=False)
    assert gone.status_code == 303 and not (workspace / case_id).exists()
    assert client.http.get(f"/cases/{case_id}").status_code == 404


def _cases_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for case in ("on-time-cmb", "late-statement", "alipay-insufficient"):
            for path in (EXAMPLE.parent / case).iterdir():
                archive.write(path, f"desk/{case}/{path.name}")
    return buffer.getvalue()


def test_a_zip_of_cases_runs_as_a_batch(client: Client, workspace: Path) -> None:
    answer = client.post("/batches", files={"archive": ("cases.zip", _cases_zip(), "application/zip")}, htmx=False)
    assert answer.status_code == 303, answer.text
    url = answer.headers["location"]
    for _ in range(600):
        page = client.http.get(url, headers=HTMX).text
        if "批量处理已结束" in page:
            break
        time.sleep(0.5)
    shown = text(page)
    assert "已完成 3 / 3 个案件，失败 0 个" in shown, shown
    assert "可异议" in shown and "个人声明" in shown and "证据不足" in shown
    summary = client.http.get(url + "/summary.csv")
    assert summary.status_code == 200 and summary.content.count(b"\n") == 4
    listed = text(client.http.get("/").text)
    assert "desk/on-time-cmb" in listed and "可以提出异议" in listed


def test_unknown_case_and_job(client: Client) -> None:
    assert client.http.get("/cases/nope").status_code == 404
    assert client.http.get("/batches/0123").status_code == 404
    case_id = client.new_case()
    assert client.http.get(f"/cases/{case_id}/jobs/0123", headers=HTMX).status_code == 404
    assert client.http.get(f"/cases/{case_id}/everything.zip").status_code == 404
