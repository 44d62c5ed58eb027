"""The errors that mean "we cannot go on". Mismatches in the data are Findings, not errors.

Every error carries a message code of the catalogue (generator/catalogue.py, messages.toml) and
its named parameters: `PdfError(path, "pdf.wrong_password")`,
`StatementParseError(file, "parse.amount", page=3, row=12, text="1,2O3.00", column="交易金额")`.
The CLI renders it in the user's language; `str(err)` is the English text, for logs and tests.
Every `InputError` is the user's problem: the CLI prints it on one line and exits 2. Anything
else that escapes is our bug and keeps its traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator.catalogue import ENGLISH, Message, message


class DisputeError(Exception):
    """Base of every error the CLI reports on one line."""

    def __init__(self, code: str, /, **params: Any) -> None:
        self.msg = Message(code, params)
        super().__init__(self.render(ENGLISH))

    def __reduce__(self) -> tuple[Any, ...]:
        # Exception pickles as cls(*args), and args holds only the rendered text: rebuild from the
        # code instead, so that errors cross to and from worker processes and Dask intact.
        return _rebuild_plain, (type(self), self.msg.code, dict(self.msg.params))

    def render(self, lang: str | None = None) -> str:
        """The whole line in `lang` (default: the user's language)."""
        return self.msg.render(lang)


def _rebuild_plain(cls: type[DisputeError], code: str, params: dict[str, Any]) -> DisputeError:
    return cls(code, **params)


class InputError(DisputeError):
    """A file or value the user gave cannot be used. The message names the file and, where it
    applies, the page and row: ``statements/x.pdf:p3:r12: cannot parse amount '1,2O3.00'``."""

    def __init__(self, file: Path | str, code: str, /, *, page: int | None = None, row: int | None = None,
                 **params: Any) -> None:
        self.file = str(file)
        self.page = page
        self.row = row
        super().__init__(code, **params)  # args: the whole line in English, location first
        self.message = self.msg.render(ENGLISH)

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild, (type(self), self.file, self.msg.code, self.page, self.row, dict(self.msg.params))

    def render(self, lang: str | None = None) -> str:
        return message("error.located", location=self.location(), problem=self.msg).render(lang)

    def location(self) -> str:
        loc = self.file
        if self.page is not None:
            loc += f":p{self.page}"
        if self.row is not None:
            loc += f":r{self.row}"
        return loc


def _rebuild(cls: type[InputError], file: str, code: str, page: int | None, row: int | None,
             params: dict[str, Any]) -> InputError:
    return cls(file, code, page=page, row=row, **params)


class PdfError(InputError):
    """The PDF cannot be opened or read (encrypted, corrupt, not a PDF, no text layer)."""


class UnrecognizedDocument(InputError):
    """No parser recognised the document."""


class OcrUnavailable(UnrecognizedDocument):
    """A scan or an image, and the OCR extra is not installed: like an unrecognised document, a
    case leaves it out (saying why) and reads the rest."""


class AmbiguousDocument(InputError):
    """More than one parser recognised the document."""


class StatementParseError(InputError):
    """A recognised document holds something its parser cannot read."""


class CaseError(InputError):
    """case.toml is missing, malformed or inconsistent."""


class UnknownProvider(DisputeError, KeyError):
    """--provider names no parser (a KeyError too: it is a failed look-up by name)."""

    def __str__(self) -> str:
        return str(self.args[0])  # KeyError would quote it


class RenderError(DisputeError):
    """A letter could not be rendered (unresolved placeholder, missing evidence, renderer warning)."""


class OutputExistsError(DisputeError):
    """An output file exists and --force was not given."""


class DocumentErrors(InputError):
    """Several documents of one case cannot be read. `errors` holds each one: the CLI prints a
    line per file, as `parse` does, so that one run names every file to fix."""

    def __init__(self, folder: Path | str, errors: Sequence[InputError]) -> None:
        self.errors = tuple(errors)
        super().__init__(folder, "case.documents_unreadable", count=len(self.errors),
                         errors=_Lines(self.errors))

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.file, self.errors)


class _Lines:
    """Several errors as one message parameter: each one's whole line, in the language asked for."""

    SEPARATOR = {"zh": "；", "en": "; "}

    def __init__(self, errors: tuple[InputError, ...]) -> None:
        self.errors = errors

    def render(self, lang: str) -> str:
        return self.SEPARATOR[lang].join(e.render(lang) for e in self.errors)


class OutputError(InputError):
    """The output folder cannot take the outputs: it is a file, lies inside the case, cannot be
    written (read-only, full), or another run is writing there. Names the folder or the file."""
