"""Issue 12 item 8: what leaves the machine names the parties, not the user's folders. The bundle
cover shows the borrower, lender and contract, never the case folder's name; manifest.json holds
paths relative to the case and output folders, none absolute, none naming a folder above the case."""

from __future__ import annotations

import json
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from typer.testing import CliRunner

from conftest import ROOT
from generator.cli import app

EXAMPLE = ROOT / "examples" / "on-time-cmb"
FOLDER = "周末整理-李家的网贷材料"  # a case folder named the way people name them
runner = CliRunner()


def _generate(case: Path, *extra: str) -> None:
    result = runner.invoke(app, ["generate", str(case), "--to", "bureau", "--format", "pdf", "--date", "2026-03-01",
                                 *extra])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("home-of-someone") / FOLDER
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("out"))
    _generate(folder)
    return folder


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield str(key)
            yield from _strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from _strings(item)
    elif isinstance(data, str):
        yield data


def _assert_private(manifest: dict[str, Any], case: Path) -> None:
    for text in _strings(manifest):
        assert not Path(text).is_absolute(), text
        assert str(case.parent) not in text and case.parent.name not in text, text


def test_cover_names_the_borrower_not_the_case_folder(case: Path) -> None:
    terms = tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))
    bundle = next((case / "out").glob("证据材料-*.pdf"))
    with pdfplumber.open(bundle) as pdf:
        cover = pdf.pages[0].extract_text()
    assert "证据材料" in cover
    assert terms["borrower"]["name"] in cover
    assert terms["loans"][0]["lender"] in cover and terms["loans"][0]["contract_number"] in cover
    assert FOLDER not in cover and "案件" not in cover


def test_manifest_holds_relative_paths_only(case: Path) -> None:
    manifest = json.loads((case / "out" / "manifest.json").read_text(encoding="utf-8"))
    _assert_private(manifest, case)
    assert manifest["case_dir"] == ".."
    assert {e["file"] for e in manifest["outputs"]} == {p.name for p in (case / "out").iterdir()} - {"manifest.json"}
    assert runner.invoke(app, ["verify", str(case / "out")]).exit_code == 0


def test_output_folder_elsewhere_records_no_case_path(case: Path, tmp_path: Path) -> None:
    out = tmp_path / "elsewhere" / "out"
    _generate(case, "--out", str(out))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    _assert_private(manifest, case)
    assert manifest["case_dir"] is None
    unknown = runner.invoke(app, ["verify", str(out)])
    assert unknown.exit_code == 2 and "--case" in unknown.stderr
    assert runner.invoke(app, ["verify", str(out), "--case", str(case)]).exit_code == 0
    toml = case / "case.toml"
    original = toml.read_bytes()
    try:
        toml.write_bytes(original + b"\n")
        changed = runner.invoke(app, ["verify", str(out), "--case", str(case)])
        assert changed.exit_code == 1 and "case.toml" in changed.stderr
    finally:
        toml.write_bytes(original)
