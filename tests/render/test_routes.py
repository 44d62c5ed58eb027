"""The other routes: a complaint after an unanswered dispute, a 授权委托书 when an agent files,
manifest and verify."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from generator.cli import app
from generator.render.docx import docx_blocks
from generator.render.text import docx_text, pdf_text

runner = CliRunner()
LENDER = "重庆蚂蚁消费金融有限公司"


@pytest.fixture
def case(tmp_path: Path) -> Path:
    folder = tmp_path / "case"
    shutil.copytree(ROOT / "examples" / "on-time-cmb", folder, ignore=shutil.ignore_patterns("out"))
    return folder


def _run(*args: str) -> object:
    return runner.invoke(app, list(args))


def test_complaint_only_after_twenty_days_without_a_reply(case: Path, tmp_path: Path) -> None:
    assert _run("track", str(case), "--to", "lender", "--filed", "2026-03-01", "--ticket", "KF2026030100012").exit_code == 0
    early = _run("generate", str(case), "--to", "complaint", "--out", str(tmp_path / "early"), "--date", "2026-03-15")
    assert early.exit_code == 2 and "20" in early.stderr  # type: ignore[attr-defined]
    assert not (tmp_path / "early").exists()
    done = _run("generate", str(case), "--to", "complaint", "--out", str(tmp_path / "out"), "--date", "2026-04-01")
    assert done.exit_code == 0, done.output  # type: ignore[attr-defined]
    docx = tmp_path / "out" / f"征信投诉-{LENDER}.docx"
    text = "".join(docx_blocks(docx))
    assert f"投诉人于2026年03月01日向{LENDER}提出征信异议（受理编号KF2026030100012）" in text
    assert "截至本投诉提交之日，投诉人未收到书面答复" in text
    assert "此致中国人民银行重庆市分行" in text
    assert "投诉人：李晓明" in text
    assert pdf_text(docx.with_suffix(".pdf")) == docx_text(docx)


def test_agent_gets_an_authorization_letter(case: Path, tmp_path: Path) -> None:
    toml = case / "case.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[agent]\nname = "王法援"\nid_number = "310115199203084560"\n'
                    'phone = "13600000000"\n', encoding="utf-8")
    result = _run("generate", str(case), "--out", str(tmp_path / "out"), "--date", "2026-03-01")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    text = "".join(docx_blocks(tmp_path / "out" / f"授权委托书-{LENDER}.docx"))
    assert "受托人：王法援" in text and "委托人（签字）" in text
    assert f"代为向{LENDER}及中国人民银行征信中心就委托人个人信用报告中" in text
    letter = "".join(docx_blocks(tmp_path / "out" / f"征信异议申请书-{LENDER}.docx"))
    assert "委托代理人：王法援" in letter and "授权委托书原件" in letter


def test_manifest_lists_inputs_and_outputs_and_verify_names_a_changed_file(case: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _run("generate", str(case), "--out", str(out), "--date", "2026-03-01").exit_code == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {e["file"] for e in manifest["inputs"]} >= {"case.toml", "招商银行流水.pdf", "个人信用报告.pdf", "结清证明.pdf"}
    assert {e["file"] for e in manifest["outputs"]} == {p.name for p in out.iterdir()} - {"manifest.json"}
    assert manifest["version"] and manifest["generated_at"]
    assert _run("verify", str(out)).exit_code == 0
    letter = out / f"征信异议申请书-{LENDER}.pdf"
    letter.write_bytes(letter.read_bytes() + b"%tampered")
    result = _run("verify", str(out))
    assert result.exit_code == 1 and letter.name in result.stderr  # type: ignore[attr-defined]
