"""Every fixture of every format: committed PDF = fresh build, parse = golden JSON, and exactly
its own parser recognises it (the registry contract)."""

from __future__ import annotations

import sys

import pytest

from conftest import FIXTURES, ROOT, Golden
from generator.parsers import PARSERS, parse_document
from generator.pdf import open_pdf
from generator.serialize import document_json

sys.path.insert(0, str(FIXTURES))
import make_fixtures  # noqa: E402

NAMES = sorted(make_fixtures.FIXTURES)


def test_there_are_fixtures() -> None:
    assert len(NAMES) >= 5


@pytest.mark.parametrize("name", NAMES)
def test_committed_fixture_equals_a_fresh_build(name: str) -> None:
    assert (FIXTURES / "statements" / name / "input.pdf").read_bytes() == make_fixtures.build(name)


@pytest.mark.parametrize("name", NAMES)
def test_parse_matches_golden(name: str, golden: Golden) -> None:
    path = FIXTURES / "statements" / name / "input.pdf"
    doc = document_json(parse_document(path, label=path.relative_to(ROOT).as_posix()))
    golden.check_json(path.with_name("expected.json"), doc)


@pytest.mark.parametrize("name", NAMES)
def test_only_its_own_parser_recognises_it(name: str) -> None:
    provider = name.split("/")[0]
    with open_pdf(FIXTURES / "statements" / name / "input.pdf") as doc:
        first = doc.first_page()
        claimed = [p.name for p in PARSERS if p.identify(first)]
    assert claimed == [provider]


def test_parser_names_are_unique() -> None:
    names = [p.name for p in PARSERS]
    assert len(names) == len(set(names))
