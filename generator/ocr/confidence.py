"""Every value read by OCR keeps the engine's confidence in the characters it came from.

After a scan is parsed by the ordinary readers, each row (anything with a `source`) gets, in
`SourceRef.ocr`, the least confidence of the words inside its box ("row") and, per amount or
date field, the least confidence of the words that print that value: the words in the row's
box first, else anywhere on its page (a credit report's account cites its heading line, its
values sit below). A value no word prints (one the reader computed) gets none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import fields, is_dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar, cast

from generator.money import to_str
from generator.models import SourceRef
from generator.ocr.scan import ScanPage

T = TypeVar("T")
_NOT_DIGIT = re.compile(r"\D")
_MARGIN = 1.0  # points: a word touching the row's box belongs to it


def _keys(value: Decimal | date) -> tuple[str, ...]:
    """The digit strings that print `value`: ``1,060.30`` → 106030; ``24,000`` → 2400000 or
    24000; 2025-03-10 → 20250310 or 2025310 (unpadded)."""
    if isinstance(value, Decimal):
        cents = _NOT_DIGIT.sub("", to_str(abs(value)))
        return (cents, cents[:-2]) if cents.endswith("00") and len(cents) >= 3 else (cents,)
    return (f"{value.year}{value.month:02d}{value.day:02d}", f"{value.year}{value.month}{value.day}")


def _inside(word: tuple[str, float, float, float, float], bbox: tuple[float, float, float, float]) -> bool:
    _, x0, top, x1, bottom = word
    return (x1 >= bbox[0] - _MARGIN and x0 <= bbox[2] + _MARGIN
            and bottom >= bbox[1] - _MARGIN and top <= bbox[3] + _MARGIN)


def _printing(keys: tuple[str, ...], words: Sequence[tuple[str, float]]) -> float | None:
    """The least confidence of the words (or two neighbours together) that print the value."""
    digits = [(_NOT_DIGIT.sub("", text), conf) for text, conf in words]
    found = [c for d, c in digits if _prints(keys, d)]
    found += [min(a[1], b[1]) for a, b in zip(digits, digits[1:])
              if a[0] and b[0] and _prints(keys, a[0] + b[0]) and not (_prints(keys, a[0]) or _prints(keys, b[0]))]
    return min(found) if found else None


def _prints(keys: tuple[str, ...], digits: str) -> bool:
    """A word's digits print the value: the same digits, or (for a long value) they hold them."""
    return any(digits == k or (len(k) >= 6 and k in digits) for k in keys)


def row_confidence(source: SourceRef, values: dict[str, Decimal | date], pages: Sequence[ScanPage]) -> SourceRef:
    if not 1 <= source.page <= len(pages):
        return source
    page = pages[source.page - 1]
    everywhere = list(zip((w[0] for w in page.words), page.confidences))
    within = ([(w[0], c) for w, c in zip(page.words, page.confidences) if _inside(w, source.bbox)]
              if source.bbox else [])
    out: list[tuple[str, float]] = []
    if within:
        out.append(("row", round(min(c for _, c in within), 4)))
    for name, value in values.items():
        conf = _printing(_keys(value), within) if within else None
        if conf is None:
            conf = _printing(_keys(value), everywhere)
        if conf is not None:
            out.append((name, round(conf, 4)))
    return replace(source, ocr=tuple(out))


def with_confidence(document: T, pages: Sequence[ScanPage]) -> T:
    """`document` with the OCR confidence of every row and value (see the module's docstring)."""
    return cast(T, _walk(document, pages))


def _walk(obj: Any, pages: Sequence[ScanPage]) -> Any:
    if isinstance(obj, tuple):
        walked = tuple(_walk(item, pages) for item in obj)
        return obj if all(a is b for a, b in zip(walked, obj)) else walked
    if not is_dataclass(obj) or isinstance(obj, (type, SourceRef)):
        return obj
    changes: dict[str, Any] = {}
    values: dict[str, Decimal | date] = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, (Decimal, date)):
            values[f.name] = value
        elif isinstance(value, tuple) or (is_dataclass(value) and not isinstance(value, SourceRef)):
            walked = _walk(value, pages)
            if walked is not value:
                changes[f.name] = walked
    source = getattr(obj, "source", None)
    if isinstance(source, SourceRef):
        changes["source"] = row_confidence(source, values, pages)
    return replace(obj, **changes) if changes else obj
