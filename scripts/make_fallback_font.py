"""Build fonts/DisputeHanExt-Regular.ttf, the fallback face for CJK Extensions B-F, from Debian's
fonts-hanazono (HanaMinB, GlyphWiki).

Run from anywhere, after `apt-get install -y fonts-hanazono`:  python scripts/make_fallback_font.py

Why: names of real people contain ideographs beyond the BMP (𠇔 U+201D4, 𡒄 U+21484), which the
Noto CJK SC faces do not map; without a face for them WeasyPrint draws .notdef. HanaMinB maps
nearly all of Extensions B-F. The stylesheets declare it under the existing "…Ext" families with a
unicode-range, and WeasyPrint embeds only the glyphs a letter uses, so a letter without such a
character never loads it.

Deterministic: the same HanaMinB.ttf gives the same bytes. Writes the face, fonts/OFL-Hanazono.txt
and the "Fallback face" section of fonts/SOURCES.txt (scripts/make_fonts.py writes the rest).
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import fontTools
from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE = Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf")
DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-hanazono/copyright")
REPO_ROOT = Path(__file__).resolve().parent.parent
FONTS_DIR = REPO_ROOT / "fonts"
OUTPUT = FONTS_DIR / "DisputeHanExt-Regular.ttf"
FAMILY, WEIGHT = "Dispute Han Ext", "Regular"
POSTSCRIPT = "DisputeHanExt-Regular"
SECTION = "Fallback face (CJK Extensions B-F)"

WIN_PLATFORM, WIN_UNICODE_BMP, WIN_EN_US = 3, 1, 0x409

# (first, last, block): HanaMinB 2017-09-04 maps nothing of Extension G and later, so the case
# checks refuse those characters by name instead (generator/glyphs.py reads the real cmap).
RANGES: tuple[tuple[int, int, str], ...] = (
    (0x20000, 0x2A6DF, "CJK Unified Ideographs Extension B"),
    (0x2A700, 0x2B73F, "Extension C"),
    (0x2B740, 0x2B81F, "Extension D"),
    (0x2B820, 0x2CEAF, "Extension E"),
    (0x2CEB0, 0x2EBEF, "Extension F"),
)


def build() -> TTFont:
    font = TTFont(SOURCE, recalcTimestamp=False, recalcBBoxes=True)
    options = subset.Options()
    options.layout_features = ["vert", "vrt2"]
    options.name_IDs = [0, 7, 13, 14]  # copyright, trademark, licence; the names are rewritten
    options.name_languages = [WIN_EN_US]
    options.name_legacy = False
    options.hinting = False
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.drop_tables += ["FFTM"]  # FontForge's build timestamps
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=[cp for a, b, _ in RANGES for cp in range(a, b + 1)])
    subsetter.subset(font)
    rename(font)
    return font


def rename(font: TTFont) -> None:
    # The OFL reserves "HanaMinB" and "Hanazono Font": a modified version takes a new name.
    name = font["name"]
    for name_id in (1, 2, 3, 4, 5, 6, 16, 17):
        name.removeNames(nameID=name_id)
    for name_id, text in {
        1: FAMILY, 2: WEIGHT, 3: f"2017-09-04;dispute;{POSTSCRIPT}", 4: f"{FAMILY} {WEIGHT}",
        5: "Version 2017.0904; subset for dispute (scripts/make_fallback_font.py)", 6: POSTSCRIPT,
        10: "Modified version of HanaMinB 2017-09-04 (GlyphWiki): Extensions B-F kept, renamed. "
            "See SOURCES.txt.",
        13: "SIL Open Font License, Version 1.1 (see OFL-Hanazono.txt)",
        14: "https://openfontlicense.org",
    }.items():
        name.setName(text, name_id, WIN_PLATFORM, WIN_UNICODE_BMP, WIN_EN_US)


def ofl_text() -> str:
    """The copyright file's OFL stanza (with its Reserved Font Names), un-indented."""
    lines, inside = [], False
    for line in DEBIAN_COPYRIGHT.read_text(encoding="utf-8").splitlines():
        if line.startswith("License: "):
            inside = line == "License: Open-Font-License"
            continue
        if inside and line.startswith(" "):
            lines.append("" if line.strip() == "." else line[2:] if line.startswith("  ") else line[1:])
        elif inside:
            break
    if not lines:
        raise SystemExit(f"{DEBIAN_COPYRIGHT}: no 'License: Open-Font-License' stanza")
    return "\n".join(lines).strip() + "\n"


def sources_section(font: TTFont) -> list[str]:
    cmap = font.getBestCmap()
    version = subprocess.run(["dpkg-query", "-W", "fonts-hanazono"], check=True, capture_output=True,
                             text=True).stdout.strip()
    digest = hashlib.sha256(OUTPUT.read_bytes()).hexdigest()
    return [
        SECTION,
        "-" * len(SECTION),
        "",
        "Remake (deterministic):  apt-get install -y fonts-hanazono && python scripts/make_fallback_font.py",
        f"Built with fontTools {fontTools.version}.",
        f"Origin: Debian package {version.replace(chr(9), ' ')}, file {SOURCE}",
        "  upstream: https://fonts.jp/hanazono/ (GlyphWiki Project, KAGE system)",
        f"  {OUTPUT.name}  ({OUTPUT.stat().st_size} bytes, sha256 {digest})",
        f"    renamed to family '{FAMILY}', PostScript '{POSTSCRIPT}'",
        "Code points kept (inclusive, only those the face maps):",
        *[f"  U+{a:05X}-U+{b:05X}  {why}: {sum(1 for c in cmap if a <= c <= b)} of {b - a + 1}"
          for a, b, why in RANGES],
        "Extensions G, H and I are not in HanaMinB: case.toml text holding one of those is",
        "refused with its field and code point. One weight (Regular); the glyph forms are",
        "GlyphWiki's (Japanese Mincho style), used only where no SC face has the character.",
        "templates/styles/fonts.css declares it under both \"DisputeSerifExt\" and \"DisputeSansExt\"",
        "with a unicode-range, so it is consulted only for these characters.",
        "",
        "Licence and names: HanaMinB is dual-licensed (Hanazono Font License or SIL OFL 1.1);",
        "this file is distributed under the SIL OFL 1.1, see OFL-Hanazono.txt. It is a Modified",
        "Version: the Reserved Font Names (Hanazono Font, HanaMinA, HanaMinB, 花園フォント,",
        "花園明朝A, 花園明朝B) are not used.",
        "",
    ]


def write_sources(section: list[str]) -> None:
    path = FONTS_DIR / "SOURCES.txt"
    text = path.read_text(encoding="utf-8")
    start = text.find(SECTION)
    if start >= 0:
        text = text[:start]
    path.write_text(text.rstrip("\n") + "\n\n" + "\n".join(section), encoding="utf-8")


def main() -> int:
    font = build()
    tmp = OUTPUT.with_suffix(".ttf.tmp")
    font.save(tmp, reorderTables=True)
    tmp.replace(OUTPUT)
    (FONTS_DIR / "OFL-Hanazono.txt").write_text(ofl_text(), encoding="utf-8")
    write_sources(sources_section(TTFont(OUTPUT, lazy=True)))
    print(f"{OUTPUT.relative_to(REPO_ROOT)}: {OUTPUT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
