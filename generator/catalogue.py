"""The message catalogue: every message an error can show, by code, in Chinese and English.

The texts live in messages.toml, one entry per code, both languages side by side:

    [pdf]
    wrong_password = { zh = "密码错误", en = "wrong password" }

A message is a code and named parameters (`Message("pdf.bomb", detail=…)`); the parameters are
inserted into the chosen language's text as they are, so a file name or a value is never
translated. A parameter that is itself a Message is rendered in the same language; a tuple is a
list of values, joined the way each language lists things. Chinese is the default language;
DISPUTE_LANG=en gives English (which is also what `str()` of an error gives: logs and tests).
"""

from __future__ import annotations

import os
import string
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

LANGUAGES = ("zh", "en")
ENGLISH = "en"
CATALOGUE_FILE = Path(__file__).with_name("messages.toml")
_LIST_SEPARATOR = {"zh": "、", "en": ", "}


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """code -> {language: text}, from messages.toml."""
    with CATALOGUE_FILE.open("rb") as fh:
        return dict(_entries(tomllib.load(fh), ""))


def _entries(table: Mapping[str, Any], prefix: str) -> Iterator[tuple[str, dict[str, str]]]:
    for key, value in table.items():
        if set(value) <= set(LANGUAGES) and all(isinstance(v, str) for v in value.values()):
            yield prefix + key, dict(value)
        else:
            yield from _entries(value, f"{prefix}{key}.")


def language() -> str:
    """The user's language: Chinese unless DISPUTE_LANG asks for English."""
    return ENGLISH if os.environ.get("DISPUTE_LANG", "zh").lower().startswith("en") else "zh"


def placeholders(text: str) -> frozenset[str]:
    """The parameter names a catalogue text uses: `{file}` and `{limit:,}` give file and limit."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


@dataclass(frozen=True)
class Message:
    """A catalogue code and its parameters. Constructing one with a code the catalogue lacks, or
    with parameters that are not exactly the text's placeholders, is our bug and raises at once."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        entry = catalogue().get(self.code)
        if entry is None:
            raise KeyError(f"message code {self.code!r} is not in {CATALOGUE_FILE.name}")
        expected = placeholders(entry[ENGLISH])
        if set(self.params) != expected:
            raise TypeError(f"message {self.code!r} takes {sorted(expected)}, given {sorted(self.params)}")

    def render(self, lang: str | None = None) -> str:
        chosen = lang or language()
        values = {k: _shown(v, chosen) for k, v in self.params.items()}
        return catalogue()[self.code][chosen].format(**values)

    def __str__(self) -> str:
        return self.render(ENGLISH)


def message(code: str, /, **params: Any) -> Message:
    return Message(code, params)


def _shown(value: Any, lang: str) -> Any:
    if isinstance(value, Message) or callable(getattr(value, "render", None)):
        return value.render(lang)
    if isinstance(value, tuple | list):
        return _LIST_SEPARATOR[lang].join(str(_shown(v, lang)) for v in value)
    if isinstance(value, Path):
        return str(value)
    return value


# What the system said, by errno: the common ones in the user's language, any other as it is.
_OS_REASONS = {"ENOSPC": "os.disk_full", "EDQUOT": "os.disk_full", "EROFS": "os.read_only",
               "EACCES": "os.permission_denied", "EPERM": "os.permission_denied", "ENOENT": "os.no_such_file",
               "EADDRINUSE": "os.address_in_use", "EADDRNOTAVAIL": "os.address_unavailable",
               "ENOTDIR": "os.not_a_directory", "EISDIR": "os.is_a_directory", "EEXIST": "os.exists"}


def os_reason(exc: OSError) -> Message | str:
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    code = _OS_REASONS.get(name)
    return Message(code) if code else str(exc.strerror or exc)
