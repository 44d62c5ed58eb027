"""The errors that mean "we cannot go on". Mismatches in the data are Findings, not errors.

Every `InputError` is the user's problem: the CLI prints `str(err)` on one line and exits 2.
Anything else that escapes is our bug and keeps its traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any


class DisputeError(Exception):
    """Base of every error the CLI reports on one line."""


class InputError(DisputeError):
    """A file or value the user gave cannot be used. The message names the file and, where it
    applies, the page and row: ``statements/x.pdf:p3:r12: cannot parse amount '1,2O3.00'``."""

    def __init__(self, file: Path | str, message: str, *, page: int | None = None,
                 row: int | None = None) -> None:
        self.file = str(file)
        self.page = page
        self.row = row
        self.message = message
        super().__init__(self.location() + ": " + message)

    def __reduce__(self) -> tuple[Any, ...]:
        # Exception pickles as cls(*args), and args holds only the joined message: rebuild from
        # the parts instead, so that errors cross to and from worker processes and Dask intact.
        return _rebuild, (type(self), self.file, self.message, self.page, self.row)

    def location(self) -> str:
        loc = self.file
        if self.page is not None:
            loc += f":p{self.page}"
        if self.row is not None:
            loc += f":r{self.row}"
        return loc


def _rebuild(cls: type[InputError], file: str, message: str, page: int | None, row: int | None) -> InputError:
    return cls(file, message, page=page, row=row)


class PdfError(InputError):
    """The PDF cannot be opened or read (encrypted, corrupt, not a PDF, no text layer)."""


class UnrecognizedDocument(InputError):
    """No parser recognised the document."""


class AmbiguousDocument(InputError):
    """More than one parser recognised the document."""


class StatementParseError(InputError):
    """A recognised document holds something its parser cannot read."""


class CaseError(InputError):
    """case.toml is missing, malformed or inconsistent."""


class RenderError(DisputeError):
    """A letter could not be rendered (unresolved placeholder, missing evidence, renderer warning)."""


class OutputExistsError(DisputeError):
    """An output file exists and --force was not given."""


class DocumentErrors(InputError):
    """Several documents of one case cannot be read. `errors` holds each one: the CLI prints a
    line per file, as `parse` does, so that one run names every file to fix."""

    def __init__(self, folder: Path | str, errors: Sequence[InputError]) -> None:
        self.errors = tuple(errors)
        super().__init__(folder, f"{len(self.errors)} documents cannot be read: "
                         + "; ".join(str(e) for e in self.errors))

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.file, self.errors)


class OutputError(InputError):
    """The output folder cannot take the outputs: it is a file, lies inside the case, cannot be
    written (read-only, full), or another run is writing there. Names the folder or the file."""
