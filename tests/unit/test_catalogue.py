"""The message catalogue (generator/messages.toml): complete in both languages, no dead entries,
and every error raised in generator/ names one of its codes."""

from __future__ import annotations

import ast
import pickle
import re
from pathlib import Path

import pytest

from generator.catalogue import LANGUAGES, Message, catalogue, message, placeholders
from generator.errors import CaseError, DisputeError, DocumentErrors, InputError, PdfError

GENERATOR = Path(__file__).resolve().parents[2] / "generator"
SOURCES = sorted(GENERATOR.rglob("*.py"))
# Chinese characters, or the punctuation a Chinese sentence uses
_HAN = re.compile(r"[\u4e00-\u9fff，。：；（）？]")


def _constants() -> set[str]:
    found: set[str] = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


@pytest.mark.parametrize("code", sorted(catalogue()))
def test_every_code_has_both_languages_with_the_same_placeholders(code: str) -> None:
    entry = catalogue()[code]
    assert set(entry) == set(LANGUAGES), entry
    assert all(entry[lang].strip() for lang in LANGUAGES), entry
    assert placeholders(entry["zh"]) == placeholders(entry["en"]), entry


def test_chinese_texts_are_chinese() -> None:
    # a zh text that is only placeholders passes a parser's own words through (toml.other)
    english = [code for code, entry in catalogue().items()
               if not _HAN.search(entry["zh"]) and re.sub(r"\{[^}]*\}|[\s:/.]", "", entry["zh"])]
    assert english == []


def test_every_code_is_used_in_generator() -> None:
    used = _constants()
    assert sorted(set(catalogue()) - used) == []


def _error_classes() -> tuple[set[str], set[str]]:
    """Names of our error classes: those taking (file, code, ...) and those taking (code, ...)."""
    located, plain = {"InputError"}, {"DisputeError"}
    bases: dict[str, str] = {}
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                for base in node.bases:
                    name = base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", "")
                    bases.setdefault(node.name, name)
    for _ in range(5):  # a few levels of subclassing
        for cls, base in bases.items():
            (located if base in located else plain if base in plain else set()).add(cls)
    return located - {"DocumentErrors"}, plain


def _code_argument(node: ast.Call, index: int) -> ast.expr | None:
    return node.args[index] if len(node.args) > index else None


def _is_code(arg: ast.expr | None, codes: set[str]) -> bool:
    if isinstance(arg, ast.Constant):
        return arg.value in codes
    if isinstance(arg, ast.IfExp):
        return _is_code(arg.body, codes) and _is_code(arg.orelse, codes)
    if isinstance(arg, ast.Attribute):  # another message's code, passed on: err.msg.code
        return arg.attr == "code"
    return isinstance(arg, ast.Name) and arg.id == "code"  # a helper that passes its own code on


def test_every_error_raised_in_generator_names_a_catalogue_code() -> None:
    located, plain = _error_classes()
    codes = set(catalogue())
    bad = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            index = 1 if name in located else 0 if name in plain else None
            if index is not None and not _is_code(_code_argument(node, index), codes):
                bad.append(f"{path.relative_to(GENERATOR.parent)}:{node.lineno}: {name}")
    assert bad == []


def test_a_message_refuses_an_unknown_code_or_wrong_parameters() -> None:
    with pytest.raises(KeyError):
        Message("no.such_code")
    with pytest.raises(TypeError):
        message("pdf.corrupt")  # needs detail
    with pytest.raises(TypeError):
        message("pdf.wrong_password", file="x.pdf")


def test_parameters_are_inserted_as_they_are_in_either_language() -> None:
    err = PdfError("got/forgotten.pdf", "pdf.corrupt", detail="got EOF")
    assert err.render("zh") == "got/forgotten.pdf: PDF 已损坏或不完整（got EOF）"
    assert err.render("en") == str(err) == "got/forgotten.pdf: corrupt or truncated PDF (got EOF)"


def test_nested_messages_and_lists_follow_the_language() -> None:
    err = CaseError("case.toml", "case.key", key="[[loans]][1].method",
                    problem=message("case.expected_got", value="'x'",
                                    expected=message("expect.one_of", choices=("a", "b"))))
    assert err.render("en") == "case.toml: [[loans]][1].method: expected one of: a, b, got 'x'"
    assert err.render("zh") == "case.toml: [[loans]][1].method: 应为 以下之一：a、b，实际为 'x'"


def test_errors_pickle_with_their_code_and_parameters() -> None:
    one = PdfError("a.pdf", "pdf.page_unreadable", page=3, detail="bad stream")
    both = DocumentErrors("case", [one, PdfError("b.pdf", "pdf.not_pdf")])
    for err in (one, both, DisputeError("value.implausible_amount", value="1", limit="9"),
                InputError("x", "case.key", key="k", problem=message("case.missing_table"))):
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is type(err) and back.render("zh") == err.render("zh") and str(back) == str(err)
    assert back.msg == err.msg
