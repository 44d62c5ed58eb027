"""Font registration shared by the synthetic statement generators.

ReportLab cannot load the Noto CJK ``.otf`` files, so the generators embed WenQuanYi Micro Hei
(TrueType, Debian package ``fonts-wqy-microhei``).  Registration is idempotent.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

CJK_FONT_NAME = "WQYMicroHei"

# Debian/Ubuntu install path first; the others cover Fedora-style layouts.
FONT_CANDIDATES: tuple[Path, ...] = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc"),
    Path("/usr/share/fonts/wqy-microhei-fonts/wqy-microhei.ttc"),
)


class FontNotFoundError(FileNotFoundError):
    """The CJK font the fixtures embed is not installed."""


def find_cjk_font() -> Path:
    """Return the path of WenQuanYi Micro Hei, or raise with the install hint."""
    for candidate in FONT_CANDIDATES:
        if candidate.is_file():
            return candidate
    tried = ", ".join(str(p) for p in FONT_CANDIDATES)
    raise FontNotFoundError(
        f"WenQuanYi Micro Hei not found (tried {tried}); "
        "install it with `apt-get install fonts-wqy-microhei`"
    )


def register_cjk_font(name: str = CJK_FONT_NAME) -> str:
    """Register the CJK TrueType font with ReportLab under ``name`` and return the name."""
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    pdfmetrics.registerFont(TTFont(name, str(find_cjk_font()), subfontIndex=0))
    return name


@contextmanager
def invariant_reportlab() -> Iterator[None]:
    """Fixed timestamps and document ID, no object comments, for the duration of a render: the
    fixtures are byte-deterministic."""
    saved = rl_config.invariant
    rl_config.invariant = 1
    try:
        yield
    finally:
        rl_config.invariant = saved
