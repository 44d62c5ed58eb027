"""Build the four bundled Simplified-Chinese fonts in fonts/ from Debian's Noto CJK collections.

Run from anywhere:  python scripts/make_fonts.py

Why this exists: WeasyPrint silently embeds the *first* face of a .ttc collection, which in Noto CJK
is the Japanese one, so Chinese text came out with Japanese glyph forms. We therefore extract the SC
face (chosen by its name-table family, never by a hard-coded index), subset it to the ranges a
dispute letter needs, rename it (OFL modified version) and write a single-face CFF .otf.

Each face is split in two files: the common one (Latin, punctuation, symbols and the 6,763 hanzi of
GB 2312) and an Ext one with the other ideographs (the rest of CJK Unified, Extension A,
Compatibility). The stylesheets name both families, so Pango takes a glyph from Ext only when the
common file lacks it. Why: WeasyPrint copies and subsets every font it embeds in every PDF it
writes, and a 2 MB font does that about three times faster than a 9 MB one (a letter renders in
about 90 ms instead of 140 ms); most letters never need Ext, and rare name characters still render.

Deterministic: the same input collections give byte-identical outputs (no timestamps are refreshed).
Also writes fonts/OFL.txt and fonts/SOURCES.txt.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import fontTools
from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont
from fontTools.ttLib.tables._n_a_m_e import table__n_a_m_e

NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
DEBIAN_PACKAGES = ("fonts-noto-cjk", "fonts-noto-cjk-extra")
REPO_ROOT = Path(__file__).resolve().parent.parent
FONTS_DIR = REPO_ROOT / "fonts"

WIN_PLATFORM, WIN_UNICODE_BMP, WIN_EN_US = 3, 1, 0x409

# (first, last, why) -- inclusive code point ranges kept in every font.
RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0020, 0x007E, "Basic Latin (ASCII)"),
    (0x00A0, 0x00FF, "Latin-1 Supplement (incl. ¥ U+00A5, · U+00B7, × ÷)"),
    (0x2000, 0x206F, "General Punctuation (incl. • U+2022, — U+2014, … U+2026, ‰ ※)"),
    (0x2100, 0x218F, "Letterlike Symbols + Number Forms (℃ № Ⅰ Ⅱ Ⅲ)"),
    (0x2190, 0x21FF, "Arrows"),
    (0x2200, 0x22FF, "Mathematical Operators (≤ ≥ ≈ √)"),
    (0x2460, 0x24FF, "Enclosed Alphanumerics (① ② ⑴ ⒈)"),
    (0x25A0, 0x25FF, "Geometric Shapes (□ ■ ○ ● △, check boxes on forms)"),
    (0x3000, 0x303F, "CJK Symbols and Punctuation"),
    (0x3200, 0x32FF, "Enclosed CJK Letters and Months (㈠ ㈡)"),
    (0x3400, 0x4DBF, "CJK Unified Ideographs Extension A (䶮)"),
    (0x4E00, 0x9FFF, "CJK Unified Ideographs"),
    (0xF900, 0xFAFF, "CJK Compatibility Ideographs"),
    (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms (incl. ￥ U+FFE5)"),
)
EXTRA_CODEPOINTS: tuple[int, ...] = (0x00A5, 0x2022)  # ¥ and •, asked for by name

# GSUB/GPOS features kept. Deliberately NOT 'locl' (would pull in the Japanese/Korean/Traditional
# glyph variants, the very thing we are avoiding) nor 'aalt'/'fwid'/'hwid'/'pwid' (thousands of
# alternates we never request).
LAYOUT_FEATURES: tuple[str, ...] = (
    "ccmp", "kern", "liga", "calt", "clig", "rlig", "mark", "mkmk",
    "palt", "halt", "chws",  # proportional / half-width CJK punctuation
    "vert", "vrt2", "vkrn", "vpal", "vhal", "vchw",  # vertical writing
    "frac", "numr", "dnom",
)


@dataclass(frozen=True)
class FontSpec:
    collection: str  # file name in NOTO_DIR
    source_family: str  # exact name ID 1 of the face to extract
    weight: str  # "Regular" | "Bold"
    family: str  # new name ID 1
    output: str  # file name in fonts/
    part: str = "common"  # "common" | "ext": see the module docstring

    def ext(self) -> FontSpec:
        return FontSpec(self.collection, self.source_family, self.weight, f"{self.family} Ext",
                        self.output.replace(".otf", "-Ext.otf"), "ext")

    @property
    def postscript_name(self) -> str:
        return f"{self.family.replace(' ', '')}-{self.weight}"

    @property
    def full_name(self) -> str:
        return f"{self.family} {self.weight}"


# New names avoid both 'Source' (Adobe's Reserved Font Name in the upstream Noto CJK licence) and
# 'Noto' (a Google trademark), so the modified fonts can never be mistaken for the originals.
SPECS: tuple[FontSpec, ...] = (
    FontSpec("NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC", "Regular",
             "Dispute Serif SC", "NotoSerifSC-Regular.otf"),
    FontSpec("NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC", "Bold",
             "Dispute Serif SC", "NotoSerifSC-Bold.otf"),
    FontSpec("NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", "Regular",
             "Dispute Sans SC", "NotoSansSC-Regular.otf"),
    FontSpec("NotoSansCJK-Bold.ttc", "Noto Sans CJK SC", "Bold",
             "Dispute Sans SC", "NotoSansSC-Bold.otf"),
)
IDEOGRAPHS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))  # the ranges Ext may hold
MAX_BYTES = 20 * 1024 * 1024


def wanted_codepoints(part: str) -> set[int]:
    points = {cp for first, last, _ in RANGES for cp in range(first, last + 1)} | set(EXTRA_CODEPOINTS)
    ideographs = {cp for first, last in IDEOGRAPHS for cp in range(first, last + 1)}
    common = (points - ideographs) | gb2312_hanzi()
    return common if part == "common" else points - common


def gb2312_hanzi() -> set[int]:
    """The 6,763 hanzi of GB 2312 (rows 16-87), from Python's own codec: no data file to trust."""
    found = set()
    for row in range(0xB0, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                found.add(ord(bytes((row, cell)).decode("gb2312")))
            except UnicodeDecodeError:
                continue  # the empty cells at the end of row 55
    return found


def english_name(font: TTFont, name_id: int) -> str | None:
    record = font["name"].getName(name_id, WIN_PLATFORM, WIN_UNICODE_BMP, WIN_EN_US)
    return None if record is None else record.toUnicode()


def find_face(collection: Path, family: str) -> int:
    """Index of the face whose English family name (ID 1) is exactly `family`.

    Exact equality matters: the Sans collection also holds 'Noto Sans Mono CJK SC'."""
    with TTCollection(collection, lazy=True) as faces:
        matches = [i for i, face in enumerate(faces) if english_name(face, 1) == family]
    if len(matches) != 1:
        raise SystemExit(f"{collection}: expected exactly one face named {family!r}, found {matches}")
    return matches[0]


def subset_options() -> subset.Options:
    options = subset.Options()
    options.layout_features = list(LAYOUT_FEATURES)
    options.name_IDs = ["*"]  # keep copyright (0), trademark (7), licence (13, 14); rewritten below
    options.name_languages = [WIN_EN_US]  # drops the Japanese/Chinese duplicates of the old names
    options.name_legacy = False
    options.hinting = False  # PDF viewers ignore CFF hints at print sizes; saves ~10 %
    options.notdef_outline = True
    options.recalc_timestamp = False  # determinism: keep the upstream head.modified
    return options


def rename(font: TTFont, spec: FontSpec, upstream_version: str) -> None:
    name: table__n_a_m_e = font["name"]
    for name_id in (1, 2, 3, 4, 5, 6, 10, 16, 17, 21, 22):
        name.removeNames(nameID=name_id)
    new_names = {
        1: spec.family,
        2: spec.weight,
        3: f"{upstream_version};dispute;{spec.postscript_name}",
        4: spec.full_name,
        5: f"Version {upstream_version}; subset for dispute (scripts/make_fonts.py)",
        6: spec.postscript_name,
        10: (f"Modified version of {spec.source_family} {spec.weight} {upstream_version}: "
             "Simplified Chinese face extracted from the Noto CJK collection, subset and renamed. "
             "See SOURCES.txt."),
    }
    for name_id, text in new_names.items():
        name.setName(text, name_id, WIN_PLATFORM, WIN_UNICODE_BMP, WIN_EN_US)
    rename_cff(font, spec)


def rename_cff(font: TTFont, spec: FontSpec) -> None:
    """The shared CFF of the collection is named after the JP face; give it the new names too."""
    cff = font["CFF "].cff
    top = cff.topDictIndex[0]
    old = cff.fontNames[0]
    cff.fontNames = [spec.postscript_name]
    top.FullName = spec.full_name
    top.FamilyName = spec.family
    for fd in getattr(top, "FDArray", []):
        fd.FontName = re.sub(rf"^{re.escape(old)}", spec.postscript_name, fd.FontName)


def upstream_version_of(font: TTFont) -> str:
    revision = english_name(font, 5) or ""
    match = re.match(r"Version (\d+\.\d+)", revision)
    if match is None:
        raise SystemExit(f"cannot read upstream version from name ID 5: {revision!r}")
    return match.group(1)


def build(spec: FontSpec) -> tuple[Path, str, str]:
    collection = NOTO_DIR / spec.collection
    index = find_face(collection, spec.source_family)
    font = TTFont(collection, fontNumber=index, recalcTimestamp=False, recalcBBoxes=True)
    if english_name(font, 2) != spec.weight:
        raise SystemExit(f"{collection}#{index}: subfamily is {english_name(font, 2)!r}, want {spec.weight}")
    version = upstream_version_of(font)
    copyright_notice = english_name(font, 0) or ""
    subsetter = subset.Subsetter(options=subset_options())
    subsetter.populate(unicodes=sorted(wanted_codepoints(spec.part)))
    subsetter.subset(font)
    rename(font, spec, version)
    out = FONTS_DIR / spec.output
    tmp = out.with_suffix(".otf.tmp")
    font.save(tmp, reorderTables=True)
    tmp.replace(out)
    size = out.stat().st_size
    if size >= MAX_BYTES:
        raise SystemExit(f"{out}: {size} bytes, limit {MAX_BYTES}")
    return out, version, copyright_notice


def dpkg_versions() -> str:
    result = subprocess.run(
        ["dpkg-query", "-W", *DEBIAN_PACKAGES], check=True, capture_output=True, text=True)
    return result.stdout.strip()


def ofl_body() -> str:
    """The OFL 1.1 text as Debian ships it, un-indented from the copyright file's stanza."""
    text = DEBIAN_COPYRIGHT.read_text(encoding="utf-8")
    match = re.search(r"^License: SIL-1\.1\n((?: .*\n)+)", text, flags=re.MULTILINE)
    if match is None:
        raise SystemExit(f"{DEBIAN_COPYRIGHT}: no 'License: SIL-1.1' stanza")
    lines = [line[1:] for line in match.group(1).splitlines()]
    return "\n".join("" if line == "." else line for line in lines).strip() + "\n"


def write_ofl(notices: list[str]) -> None:
    header = "\n".join(sorted(set(notices))) + "\n" + (
        "Upstream (https://github.com/notofonts/noto-cjk) states: Copyright 2014-2021 Adobe\n"
        "(http://www.adobe.com/), with Reserved Font Name 'Source'.\n"
        "Noto is a trademark of Google Inc.\n\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
        "This license is copied below, and is also available with a FAQ at:\n"
        "https://openfontlicense.org\n\n")
    (FONTS_DIR / "OFL.txt").write_text(header + ofl_body(), encoding="utf-8")


def write_sources(rows: list[tuple[FontSpec, Path, str]]) -> None:
    lines = [
        "Bundled fonts: origin and how to remake them",
        "=============================================",
        "",
        "Remake (deterministic):  python scripts/make_fonts.py",
        f"Needs the Debian packages below and fontTools; built with fontTools {fontTools.version}",
        "(another fontTools version may give different bytes, not different glyphs).",
        "",
        "Origin (Debian package and version, from `dpkg-query -W`):",
        *[f"  {line}" for line in dpkg_versions().splitlines()],
        f"  collections read from {NOTO_DIR}",
        "  upstream: https://github.com/notofonts/noto-cjk (Noto CJK, SIL OFL 1.1)",
        "",
        "Files:",
    ]
    for spec, out, version in rows:
        digest = hashlib.sha256(out.read_bytes()).hexdigest()
        lines += [
            f"  {out.name}  ({out.stat().st_size} bytes, sha256 {digest})",
            (f"    from {spec.collection}, face '{spec.source_family} {spec.weight}' "
             f"(found by name table, not index), upstream version {version}"),
            (f"    renamed to family '{spec.family}', full name '{spec.full_name}', "
             f"PostScript '{spec.postscript_name}'"),
        ]
    lines += [
        "",
        "Code points kept (inclusive, only those the face actually maps):",
        *[f"  U+{a:04X}-U+{b:04X}  {why}" for a, b, why in RANGES],
        "  plus " + ", ".join(f"U+{cp:04X}" for cp in EXTRA_CODEPOINTS) + " (¥ •) explicitly",
        "Split: each *-Ext.otf holds the ideographs of those ranges that are not among the 6,763",
        "hanzi of GB 2312; the file without -Ext holds everything else. The stylesheets name both",
        "families (e.g. \"DisputeSerif\", \"DisputeSerifExt\"): smaller fonts embed and subset faster.",
        "",
        "Layout features kept: " + " ".join(LAYOUT_FEATURES) + " (no 'locl': it would only add",
        "Japanese/Korean/Traditional glyph variants). CFF hints dropped; vertical metrics",
        "(vhea, vmtx, VORG) kept.",
        "",
        "Licence and names: SIL OFL 1.1, see OFL.txt. These are Modified Versions under the OFL.",
        "The Debian copyright file names no Reserved Font Name, but the upstream Noto CJK licence",
        "reserves 'Source' (inherited from Adobe's Source Han), and 'Noto' is a Google trademark.",
        "The new names therefore use neither: 'Dispute Serif SC' and 'Dispute Sans SC'.",
        "The file names keep NotoSerifSC/NotoSansSC so the origin stays obvious.",
        "",
    ]
    (FONTS_DIR / "SOURCES.txt").write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    FONTS_DIR.mkdir(exist_ok=True)
    rows: list[tuple[FontSpec, Path, str]] = []
    notices: list[str] = []
    for spec in (s for face in SPECS for s in (face, face.ext())):
        out, version, notice = build(spec)
        rows.append((spec, out, version))
        notices.append(notice)
        print(f"{out.relative_to(REPO_ROOT)}: {out.stat().st_size:,} bytes")
    write_ofl(notices)
    write_sources(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
