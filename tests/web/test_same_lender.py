"""The page's case view for a case with two loans from one lender (tests/synth/same_lender.py):
each loan's decision under its own heading, and the run's notice naming the loan it is about."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from synth.same_lender import ANT, FIRST, SECOND, build_case
from web.conftest import HTMX, Client


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&")


def _form(folder: Path) -> dict[str, str]:
    raw = tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))
    form = {"loan_count": str(len(raw["loans"])), **{f"borrower.{k}": str(v) for k, v in raw["borrower"].items()}}
    for i, loan in enumerate(raw["loans"]):
        form |= {f"loans.{i}.{k}": "\n".join(v) if isinstance(v, list) else str(v) for k, v in loan.items()}
    return form


def test_the_case_view_keeps_two_loans_of_one_lender_apart(client: Client, tmp_path: Path) -> None:
    folder = build_case(tmp_path / "jiebei-twice")
    case_id = client.new_case()
    assert client.post(f"/cases/{case_id}/form", _form(folder)).status_code == 200
    assert client.upload(case_id, [(p.name, p.read_bytes()) for p in sorted(folder.glob("*.pdf"))]).status_code == 200
    shown = text(client.http.get(f"/cases/{case_id}/decision", headers=HTMX).text)
    first, second = shown.index(f"{ANT} 借呗 合同 {FIRST}"), shown.index(f"{ANT} 借呗 合同 {SECOND}")
    assert first < shown.index("结论：可以提出异议") < second < shown.index("结论：没有需要异议的记录")
    done = text(client.generate(case_id))
    assert f"{ANT}（借呗 合同 {SECOND} 2025-02-01 借款）: 报告中没有需要异议的逾期记录" in done
    assert f"异议及更正申请-{ANT}-{FIRST}.pdf" in done and f"-{SECOND}." not in done
