"""The DOCX letters as a user sees them (issue 17): every DOCX letter of the bundled examples opened
in LibreOffice Writer (`soffice --headless --convert-to pdf`) and set beside the PDF we write.

LibreOffice has no 宋体 or 黑体 on Debian, and `fc-match 宋体` gives DejaVu Sans, which has no
hanzi; LibreOffice then falls back per character to a font that has the glyph, here fonts-wqy-
microhei, so no fontconfig alias is added. test_every_character_is_drawn_from_a_font_that_has_it
holds that fallback to account: a missing glyph (a tofu box) fails it.

CI sets DISPUTE_TEST_TOOLS=1 (DISPUTE_BROWSER_TESTS=1 is the older name), for which
scripts/setup.sh installs libreoffice-writer-nogui; there a missing soffice fails these tests.
Elsewhere they skip without it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from typer.testing import CliRunner

from conftest import ROOT
from generator.cli import app
from generator.render.docx import BLANK
from generator.render.text import pdf_text

GATES = ("DISPUTE_TEST_TOOLS", "DISPUTE_BROWSER_TESTS")
LETTER_DATE = "2026-09-15"  # after every example's repayments, so each writes its letters
# A date or an amount, as the letters write them; none may be split between two lines.
UNBREAKABLE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,3}(?:,\d{3})+\.\d{2}|\d+\.\d{2}")
CLOSING = set("）)]】」』〕》〉，。、；：！？,.;:!?”’")  # what must never stand alone on a line
SIGNATURE = "（签字）："
DPI = 40  # enough to tell the lines apart


@dataclass(frozen=True)
class Letter:
    name: str
    ours: Path  # the PDF dispute generate writes (WeasyPrint)
    libreoffice: Path  # the DOCX dispute generate writes, as LibreOffice prints it


def _soffice() -> str:
    found = shutil.which("soffice")
    if found is None:
        reason = "LibreOffice is needed: apt-get install libreoffice-writer-nogui (DISPUTE_TEST_TOOLS=1 bash scripts/setup.sh)"
        if any(os.environ.get(gate) == "1" for gate in GATES):
            pytest.fail(f"{reason}; the test tools were asked for, so this does not skip")
        pytest.skip(reason)
    return found


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> list[Letter]:
    soffice = _soffice()
    tmp = tmp_path_factory.mktemp("libreoffice")
    docs: list[Path] = []
    for case in sorted(p.parent for p in (ROOT / "examples").glob("*/case.toml")):
        result = CliRunner().invoke(app, ["generate", str(case), "--out", str(tmp / case.name),
                                          "--date", LETTER_DATE, "--format", "pdf,docx"])
        assert result.exit_code == 0, result.output
        docs.extend(sorted((tmp / case.name).glob("*.docx")))
    assert len(docs) >= 3, docs  # on-time-cmb's two dispute letters, late-statement's 个人声明
    # One soffice for all: it starts in about 2 s and converts each letter in a fraction of that.
    # A profile and HOME of its own, so that no running LibreOffice takes the conversion over.
    out = tmp / "lo"
    env = {**os.environ, "HOME": str(tmp / "home")}
    subprocess.run([soffice, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), *map(str, docs)],
                   check=True, capture_output=True, timeout=300, env=env)
    found = [Letter(f"{d.parent.name}/{d.stem}", d.with_suffix(".pdf"), out / f"{d.stem}.pdf") for d in docs]
    missing = [letter.name for letter in found if not letter.libreoffice.is_file() or not letter.ours.is_file()]
    assert not missing, f"no PDF for {missing}"
    return found


def _pages(pdf_path: Path) -> Iterator[Any]:
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            try:
                yield page
            finally:
                page.close()


def _blocks(pdf_path: Path) -> list[list[str]]:
    """The lines of the text flow (all pages, in order) and, apart, of each table cell: a cell's
    lines are not the lines of the row, so a lone "）" in one cell is not hidden by its neighbours."""
    flow: list[str] = []
    cells: list[list[str]] = []
    for page in _pages(pdf_path):
        chars = [c for c in page.chars if c["text"].strip()]
        boxes = [box for table in page.find_tables() for row in table.rows for box in row.cells if box]
        for box in boxes:
            inside = [c for c in chars if _in(c, box)]
            chars = [c for c in chars if not _in(c, box)]
            cells.append(_lines(inside))
        flow.extend(_lines(chars))
    return [flow, *cells]


def _in(char: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    return bool(x0 <= (char["x0"] + char["x1"]) / 2 <= x1 and top <= (char["top"] + char["bottom"]) / 2 <= bottom)


def _lines(chars: list[dict[str, Any]]) -> list[str]:
    return [_text(line) for line in _char_lines(chars)]


def _char_lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters grouped into lines (tops within half a character height), left to right."""
    lines: list[list[dict[str, Any]]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if lines and 2 * abs(char["top"] - lines[-1][0]["top"]) < char["bottom"] - char["top"]:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _text(line: list[dict[str, Any]]) -> str:
    return "".join(c["text"] for c in line)


def _page_count(pdf_path: Path) -> int:
    with pdfplumber.open(pdf_path) as pdf:
        return len(pdf.pages)


def test_libreoffice_prints_each_letter_on_as_many_pages_as_our_pdf(letters: list[Letter]) -> None:
    counts = {letter.name: (_page_count(letter.libreoffice), _page_count(letter.ours)) for letter in letters}
    assert all(lo == ours for lo, ours in counts.values()), counts


def test_no_date_or_amount_is_broken_across_two_lines(letters: list[Letter]) -> None:
    broken: list[tuple[str, str, str]] = []
    seen = 0
    for letter in letters:
        for lines in _blocks(letter.libreoffice):
            seen += sum(len(UNBREAKABLE.findall(line)) for line in lines)
            for first, second in zip(lines, lines[1:]):
                joined = first + second
                if any(m.start() < len(first) < m.end() for m in UNBREAKABLE.finditer(joined)):
                    broken.append((letter.name, first[-12:], second[:12]))
    assert seen >= 30  # the letters do hold dates and amounts, and they were read back
    assert broken == []


def test_no_line_is_only_closing_punctuation(letters: list[Letter]) -> None:
    lone = [(letter.name, line) for letter in letters for lines in _blocks(letter.libreoffice)
            for line in lines if set(line) <= CLOSING]
    assert lone == []


def test_the_same_words_in_the_same_order(letters: list[Letter]) -> None:
    for letter in letters:
        # pdf_text drops whitespace and the 第N页 共M页 footers; the signature blank is ＿ glyphs in
        # our PDF and an underlined space in the DOCX (the next test finds its line)
        assert pdf_text(letter.libreoffice) == pdf_text(letter.ours).replace(BLANK, ""), letter.name


def test_the_signature_blank_is_a_drawn_line(letters: list[Letter]) -> None:
    for letter in letters:
        *_, (chars, edges) = [(list(page.chars), list(page.edges)) for page in _pages(letter.libreoffice)]
        lines = [line for line in _char_lines(chars) if SIGNATURE in _text(line)]
        assert lines, f"{letter.name}: no {SIGNATURE} on the last page"
        text = _text(lines[-1])
        colon = lines[-1][text.index(SIGNATURE) + len(SIGNATURE) - 1]
        under = [e for e in edges if e["orientation"] == "h" and e["x0"] >= colon["x0"]
                 and colon["top"] < e["top"] < colon["bottom"] + 6]
        assert under, f"{letter.name}: nothing drawn after {SIGNATURE}"
        width = max(e["x1"] for e in under) - min(e["x0"] for e in under)
        assert width >= 6 * (colon["x1"] - colon["x0"]), f"{letter.name}: the line is {width:.0f}pt long"


def test_every_character_is_drawn_from_a_font_that_has_it(letters: list[Letter]) -> None:
    from fontTools.ttLib import TTFont

    used: dict[str, set[str]] = {}
    for letter in letters:
        for page in _pages(letter.libreoffice):
            for char in page.chars:
                if char["text"].strip():
                    used.setdefault(re.sub(r"^[A-Z]{6}\+", "", char["fontname"]), set()).update(char["text"])
    assert any(ch >= "\u4e00" for chars in used.values() for ch in chars)
    for name, chars in used.items():
        found = subprocess.run(["fc-list", "-f", "%{file}\\n%{index}\\n", f":postscriptname={name}"],
                               check=True, capture_output=True, text=True).stdout.split("\n")
        assert len(found) >= 2 and found[0], f"LibreOffice used {name}, which fontconfig does not know"
        cmap = TTFont(found[0], fontNumber=int(found[1] or 0), lazy=True).getBestCmap()
        tofu = sorted(ch for ch in chars if ord(ch) not in cmap)
        assert tofu == [], f"{name} has no glyph for {tofu}: LibreOffice drew boxes"


def test_the_pages_look_alike_in_png(letters: list[Letter], tmp_path: Path) -> None:
    """Both renderings to PNG, each page cut into its bands of ink (a text line, a table row's
    rules): as many bands, give or take two, the first starting and the last text band ending
    at the same height, give or take 3% of the page. An empty page, a lost paragraph, a wrong
    size or line height, or a page broken elsewhere fails."""
    for index, letter in enumerate(letters):
        lo, ours = (_page_bands(pdf, tmp_path / f"{index}-{kind}")
                    for kind, pdf in (("lo", letter.libreoffice), ("ours", letter.ours)))
        assert len(lo) == len(ours), letter.name
        for page, ((height, a), (_, b)) in enumerate(zip(lo, ours), start=1):
            where = (letter.name, page, a, b)
            assert len(a) > 2 and abs(len(a) - len(b)) <= 2, where
            assert abs(a[0][0] - b[0][0]) <= 0.03 * height, where
            assert abs(a[-2][1] - b[-2][1]) <= 0.03 * height, where  # [-1] is the footer


def _page_bands(pdf: Path, prefix: Path) -> list[tuple[int, list[tuple[int, int]]]]:
    """(page height, [(top, bottom) of each run of pixel rows holding ink]) for each page, in px."""
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", str(pdf), str(prefix)], check=True)
    pages = []
    for png in sorted(prefix.parent.glob(f"{prefix.name}-*.png")):
        image = Image.open(png).convert("L")
        width, height = image.size
        data = image.tobytes()
        inked = [min(data[y * width:(y + 1) * width]) < 128 for y in range(height)]
        bands, start = [], None
        for y, ink in enumerate([*inked, False]):
            if ink and start is None:
                start = y
            elif not ink and start is not None:
                bands.append((start, y))
                start = None
        pages.append((height, bands))
    return pages
