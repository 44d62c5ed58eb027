"""Which characters the bundled fonts can draw.

Text from case.toml is checked against them when the case is read, so that a character no bundled
face has (an emoji, a private-use character, an ideograph of Extension G) is refused naming its
field and code point, instead of reaching WeasyPrint, which draws it as an empty box and reports
only the character. The faces are those templates/styles/fonts.css and fonts-ext.css declare; the
bold faces map the same characters as the regular ones (tests/test_user_text.py checks it).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from generator.catalogue import os_reason
from generator.paths import ResourceDirNotFound, fonts_dir

# Each family of the letters, in the order the stylesheets name its files.
FAMILIES: tuple[tuple[str, ...], ...] = (
    ("NotoSerifSC-Regular.otf", "NotoSerifSC-Regular-Ext.otf"),
    ("NotoSansSC-Regular.otf", "NotoSansSC-Regular-Ext.otf"),
)
# The fallback face of both families, and the unicode-range fonts-ext.css gives it.
FALLBACK = "DisputeHanExt-Regular.ttf"
FALLBACK_RANGES: tuple[tuple[int, int], ...] = ((0x20000, 0x2A6DF), (0x2A700, 0x2EBEF))


def undrawable(text: str) -> str | None:
    """The first character of `text` that a family of the letters cannot draw, or None."""
    for char in text:
        if not " " <= char <= "~" and not _drawable(fonts_dir(), char):
            return char
    return None


@cache
def _drawable(folder: Path, char: str) -> bool:
    point = ord(char)
    fallback = any(first <= point <= last for first, last in FALLBACK_RANGES)
    return all(any(point in _cmap(folder / name) for name in files) or
               (fallback and point in _cmap(folder / FALLBACK)) for files in FAMILIES)


@cache
def _cmap(path: Path) -> frozenset[int]:
    # fontTools is imported here: only a character outside ASCII needs the fonts read (about 10 ms
    # a common face, 120 ms the fallback, each once a process).
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    try:
        with TTFont(path, lazy=True) as font:
            return frozenset(font.getBestCmap())
    except OSError as exc:
        raise ResourceDirNotFound("resource.font_missing", path=path, reason=os_reason(exc)) from None
