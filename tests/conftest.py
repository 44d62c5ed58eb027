"""Shared test set-up: the golden-file helper and paths."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
FIXTURES = TESTS / "fixtures"
# What a blank scan is refused with: OCR found no text, or (without the ocr extra) OCR is needed.
SCAN_MESSAGE = ("no text layer: scanned image" if importlib.util.find_spec("rapidocr_onnxruntime")
                else "a scan or an image: reading it needs OCR")
sys.path.insert(0, str(TESTS))  # the synthetic-document generators live in tests/synth


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite golden files from the current output instead of comparing")


class Golden:
    """Compares output with a committed golden file. A missing golden file fails the test: it is
    written only with --update-golden, so that new goldens are reviewed, never created silently."""

    def __init__(self, update: bool) -> None:
        self.update = update

    def check_text(self, path: Path, actual: str) -> None:
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        if not path.exists():
            pytest.fail(f"golden file {path.relative_to(ROOT)} is missing; run pytest --update-golden and review it")
        assert actual == path.read_text(encoding="utf-8"), f"output differs from {path.relative_to(ROOT)}"

    def check_json(self, path: Path, actual: Any) -> None:
        self.check_text(path, json.dumps(actual, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


@pytest.fixture(autouse=True)
def english_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests match the English error texts; test_messages checks the Chinese the CLI shows."""
    monkeypatch.setenv("DISPUTE_LANG", "en")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    return Golden(bool(request.config.getoption("--update-golden")))
