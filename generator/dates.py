"""Dates as printed on Chinese statements and reports; no fuzzy parsing.

Accepted: ``2025-03-10``, ``20250310``, ``2025/03/10``, ``2025.03.10``, ``2025年3月10日``; a date
with its time: ``2025/3/1 01:20``, ``2025-03-09 14:03:22``, ``20250310 140322``. Full-width forms
(``２０２５／６／２０``, ``０２：２９：０２``) are folded by NFKC here, the one place every reader's dates
and times pass through.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date
from functools import lru_cache

_DATE = re.compile(
    r"^(?P<y>\d{4})(?:[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?|(?P<m2>\d{2})(?P<d2>\d{2}))$"
)
_TIME = re.compile(r"^\d{2}:\d{2}(:\d{2})?$")
# A date token ends at a separator (space, 日) or the text's end, and a time is its own token:
# ``2025/3/1 01:20`` must never read as 3月10日 01:20 by moving the hour's first digit into the day.
_DAY = r"[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}|[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日|[0-9]{8}"
_CLOCK = r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?|[0-9]{6}"
_SPACED = re.compile(rf"(?P<date>{_DAY})(?:\s+(?P<time>{_CLOCK}))?")
# Without a space only fixed widths can be cut without guessing (a PDF cell wrapped as
# ``2025-03-0914:03:22``): a zero-padded date, or one ending in 日, then a two-digit hour.
_GLUED = re.compile(r"(?P<date>[0-9]{4}([-/.])[0-9]{2}\2[0-9]{2}|[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日|[0-9]{8})"
                    r"(?P<time>[0-9]{2}:[0-9]{2}(?::[0-9]{2})?|[0-9]{6})")


class DateError(ValueError):
    """The text is not a date; the message quotes it."""


@lru_cache(maxsize=4096)
def parse_date(text: str) -> date:
    # Cached: a statement prints the same few hundred dates thousands of times; a DateError is
    # raised again every time (lru_cache keeps only results), and a date is immutable.
    s = fold(text)
    m = _DATE.match(s)
    if not m:
        raise DateError(f"not a date: {text!r}")
    y = int(m["y"])
    mo = int(m["m"] or m["m2"])
    d = int(m["d"] or m["d2"])
    try:
        return date(y, mo, d)
    except ValueError as exc:
        raise DateError(f"not a date: {text!r}") from exc


def fold(text: str) -> str:
    """A date or time cell as read: NFKC (full-width digits, ``／``, ``：`` and the ideographic
    space become ASCII) and stripped."""
    return unicodedata.normalize("NFKC", text).strip()


def split_date_time(text: str) -> tuple[str, str | None]:
    """The date and the time (None when there is none) of a cell, as ASCII text, checked only
    for shape: ``2025/3/1 01:20`` → ("2025/3/1", "01:20"). DateError when the cell is neither a
    date nor a date and a time (``2025/3/101:20`` is refused: its day and hour cannot be told apart)."""
    s = fold(text)
    m = _SPACED.fullmatch(s) or _GLUED.fullmatch(s)
    if m is None:
        raise DateError(f"not a date: {text!r}")
    return m["date"], m["time"]


@lru_cache(maxsize=8192)
def is_date(text: str) -> bool:
    # Cached apart from parse_date: most words asked about are not dates, and parse_date's
    # cache keeps no failure (raising is the slow part).
    try:
        parse_date(text)
    except DateError:
        return False
    return True


def is_time(text: str) -> bool:
    return bool(_TIME.match(fold(text)))


def add_months(start: date, months: int, day: int) -> date:
    """The ``day`` of the month ``months`` after ``start``; a month without that day gives its
    last day (a due day of 31 falls on 30 April and on 28 or 29 February)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def month_key(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def format_cn(d: date) -> str:
    """``2025年03月10日``: the form the letters use."""
    return f"{d.year}年{d.month:02d}月{d.day:02d}日"


def format_cn_month(key: str) -> str:
    """``2025-03`` → ``2025年03月``."""
    year, month = key.split("-")
    return f"{year}年{month}月"
