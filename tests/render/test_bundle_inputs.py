"""What the bundle copies from the borrower's PDFs: a statement opened with its password from
case.toml's [passwords] goes into the bundle too (generate failed on it), and nothing that acts
when the bundle is opened or clicked (JavaScript, OpenAction, page /AA, Launch, links) survives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (ArrayObject, DictionaryObject, IndirectObject, NameObject, NumberObject,
                           TextStringObject)
from typer.testing import CliRunner

from conftest import ROOT
from generator.cli import app

runner = CliRunner()
STATEMENT = "招商银行流水.pdf"
DATE = "2026-03-01"


def _case(tmp_path: Path) -> Path:
    case = tmp_path / "case"
    shutil.copytree(ROOT / "examples" / "on-time-cmb", case)
    return case


def _bundle(case: Path, *extra: str) -> PdfReader:
    out = case / "out"
    result = runner.invoke(app, ["generate", str(case), "--out", str(out), "--date", DATE, *extra])
    assert result.exit_code == 0, result.stderr
    return PdfReader(next(out.glob("证据材料-*.pdf")))


def test_a_statement_with_a_password_from_case_toml_is_bundled(tmp_path: Path) -> None:
    case = _case(tmp_path)
    writer = PdfWriter(clone_from=case / STATEMENT)
    writer.encrypt("246810", algorithm="AES-128")
    writer.write(case / STATEMENT)
    toml = case / "case.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + f'\n[passwords]\n"{STATEMENT}" = "246810"\n', encoding="utf-8")
    bundle = _bundle(case)
    text = "".join(page.extract_text() or "" for page in bundle.pages)
    assert "招商银行交易流水" in text  # the statement's own pages, not only the letters about it
    assert not bundle.is_encrypted


def _armed(path: Path) -> None:
    """The statement with every kind of active content a PDF can carry."""
    writer = PdfWriter(clone_from=path)
    js = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                           NameObject("/JS"): TextStringObject("app.alert('x')")})
    launch = DictionaryObject({NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe")})
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(js)
    writer._root_object[NameObject("/AA")] = DictionaryObject({NameObject("/WC"): writer._add_object(js)})
    scripts = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("x"), writer._add_object(js)])})
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): scripts})
    for page in writer.pages:
        page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): writer._add_object(js)})
        rect = ArrayObject([NumberObject(10), NumberObject(10), NumberObject(100), NumberObject(40)])
        link = DictionaryObject({NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
                                 NameObject("/Rect"): rect, NameObject("/A"): writer._add_object(launch)})
        note = DictionaryObject({NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Text"),
                                 NameObject("/Rect"): rect, NameObject("/AA"): DictionaryObject(
                                     {NameObject("/E"): writer._add_object(js)})})
        page[NameObject("/Annots")] = ArrayObject([writer._add_object(link), writer._add_object(note)])
    writer.write(path)


def _active(reader: PdfReader) -> list[str]:
    """Every action or script anywhere in the file, by the path that reaches it."""
    found: list[str] = []
    seen: set[int] = set()

    def visit(obj: object, where: str) -> None:
        if isinstance(obj, IndirectObject):
            if obj.idnum in seen:
                return
            seen.add(obj.idnum)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                if key in ("/JS", "/JavaScript", "/OpenAction", "/AA", "/Launch"):
                    found.append(f"{where}{key}")
                if key == "/A" and value.get_object().get("/S") != "/GoTo":  # the bundle's own links stay
                    found.append(f"{where}{key}")
                if key == "/S" and value in ("/JavaScript", "/Launch", "/URI", "/SubmitForm", "/ImportData"):
                    found.append(f"{where}/S {value}")
                if key != "/Parent":
                    visit(value, f"{where}{key}")
        elif isinstance(obj, ArrayObject):
            for i, value in enumerate(obj):
                visit(value, f"{where}[{i}]")

    visit(reader.trailer, "")
    return found


@pytest.mark.parametrize("extra", [(), ("--keep-originals",)], ids=["redacted", "originals"])
def test_no_active_content_of_the_inputs_reaches_the_bundle(tmp_path: Path, extra: tuple[str, ...]) -> None:
    case = _case(tmp_path)
    _armed(case / STATEMENT)
    assert _active(PdfReader(case / STATEMENT))  # the input is armed
    bundle = _bundle(case, *extra)
    assert _active(bundle) == []
    assert b"app.alert" not in next((case / "out").glob("证据材料-*.pdf")).read_bytes()
