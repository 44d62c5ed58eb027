"""Every export fixture: committed file = fresh build, parse = golden JSON, exactly one export
format claims it, and every bad one is refused by name with exit 2."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT, Golden
from generator.cli import app
from generator.exports.reader import find_header
from generator.exports.registry import EXPORTS, labels
from generator.exports.statement import read_sheets
from generator.models import Statement
from generator.parsers import parse_documents
from generator.serialize import document_json
from synth import exports

runner = CliRunner()
EXPORTS_DIR = FIXTURES / "exports"
GOOD = sorted(n for n in exports.FIXTURES if not n.startswith("bad/"))
BAD = sorted(n for n in exports.FIXTURES if n.startswith("bad/"))
PROVIDER = {"alipay": "alipay", "wechat": "wechat", "cmb": "cmb", "icbc": "icbc", "ccb": "ccb", "boc": "boc",
            "bocom": "bocom", "abc": "abc"}


def _parse(name: str) -> list[Statement]:
    path = EXPORTS_DIR / name
    found = parse_documents(path, label=path.relative_to(ROOT).as_posix(), password=exports.PASSWORD)
    assert all(isinstance(d, Statement) for d in found), found
    return [d for d in found if isinstance(d, Statement)]


@pytest.mark.parametrize("name", sorted(exports.FIXTURES))
def test_committed_fixture_equals_a_fresh_build(name: str) -> None:
    assert (EXPORTS_DIR / name).read_bytes() == exports.FIXTURES[name](), f"run python tests/synth/exports.py {name}"


@pytest.mark.parametrize("name", GOOD)
def test_parse_matches_golden(name: str, golden: Golden) -> None:
    docs = [document_json(d) for d in _parse(name)]
    golden.check_json(EXPORTS_DIR / "expected" / (name + ".json"), docs)


@pytest.mark.parametrize("name", GOOD)
def test_every_export_is_marked_and_cites_its_rows(name: str) -> None:
    for st in _parse(name):
        assert st.exported and st.provider == PROVIDER[name.split("-")[0].split(".")[0]]
        assert st.transactions and all(tx.source.bbox is None and tx.source.file == st.file for tx in st.transactions)
        assert all(v != "failed" for v in st.checks.values()), st.checks


@pytest.mark.parametrize("name", [n for n in GOOD if not n.endswith(".zip")])
def test_only_its_own_format_recognises_it(name: str) -> None:
    file = EXPORTS_DIR / name
    found = find_header(name, read_sheets(file.read_bytes(), name), labels())
    assert [f.provider for f in EXPORTS if f.identify(found.top)] == [PROVIDER[name.split("-")[0].split(".")[0]]]


def test_export_names_and_providers_are_unique() -> None:
    assert len({f.name for f in EXPORTS}) == len(EXPORTS) == len({f.provider for f in EXPORTS})


@pytest.mark.parametrize(("name", "message"), [
    ("bad/truncated.zip", "damaged or truncated ZIP archive"),
    ("bad/bomb.zip", "refused as a possible decompression bomb"),
    ("bad/traversal.zip", "'../../escape.csv' has an absolute path, '..'"),
    ("bad/login-page.xls", "a web page with no table in it"),
    ("bad/alipay-header-changed.csv", "the table header is not one alipay_export has printed"),
])
def test_bad_file_is_one_line_naming_it_and_exit_2(name: str, message: str) -> None:
    path = EXPORTS_DIR / name
    result = runner.invoke(app, ["parse", str(path), "--password", exports.PASSWORD])
    assert result.exit_code == 2
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(path) in lines[0] and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_every_bad_one_is_covered() -> None:
    assert len(BAD) == 5


def test_bad_files_beside_good_ones_lose_nothing() -> None:
    paths = [str(EXPORTS_DIR / n) for n in (*BAD, "alipay-2023.zip", "ccb.xls")]
    result = runner.invoke(app, ["parse", *paths, "--password", exports.PASSWORD, "--json"])
    assert result.exit_code == 1
    assert result.stdout.count('"provider": "alipay"') == 1 and result.stdout.count('"provider": "ccb"') == 1
    assert len([ln for ln in result.stderr.splitlines() if ln.strip()]) == len(BAD)


def test_wrong_and_missing_password_name_the_archive() -> None:
    for name in ("alipay-2023.zip", "wechat-2025.zip"):
        path = EXPORTS_DIR / name
        wrong = runner.invoke(app, ["parse", str(path), "--password", "000000"])
        missing = runner.invoke(app, ["parse", str(path)])
        for result, message in ((wrong, "wrong password"), (missing, "encrypted ZIP: give its password")):
            assert result.exit_code == 2
            lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
            assert len(lines) == 1 and f"{path}: {message}" in lines[0], result.stderr


def test_fixture_files_stay_small() -> None:
    assert all((EXPORTS_DIR / n).stat().st_size < 32_000 for n in exports.FIXTURES)

