"""The bytes of an exhibit the bundle shows, and the rows of an export it prints.

A document of the case is a file of its folder or a member of a ZIP archive in it
(``archive.zip!member.pdf``); a member is read from the archive in memory, as the parsers read
it, and never unpacked beside the inputs. An export (CSV, XLS, XLSX) has no pages to attach: the
bundle prints its header row and its cited rows, each with its number as the file shows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.domain.values import FilePlace, PlaceKind
from generator.render.errors import RenderError
from generator.render.exhibits import ExhibitPlan


def read_original(e: ExhibitPlan, passwords: Mapping[str, str]) -> bytes:
    """The exhibit's document as bytes: the file itself, or its member of a ZIP archive."""
    if e.path is not None:
        return e.path.read_bytes()
    if e.holder is None:
        raise RenderError("bundle.no_original", file=e.file)
    archive = e.archive
    if archive is None:
        return e.holder.read_bytes()
    from generator.archive import read_archive

    # an archive that no longer opens raises its own ArchiveError, naming it, as `check` would
    members = read_archive(e.holder, archive, passwords.get(archive))
    found = next((m.data for m in members if m.label == e.file), None)
    if found is None:
        raise RenderError("bundle.member_gone", file=e.file)
    return found


def pdf_password(e: ExhibitPlan, passwords: Mapping[str, str]) -> str | None:
    """The password of the exhibit's PDF: its own, else its archive's (a 支付宝 ZIP's PDF takes
    the archive's, as the parsers try it)."""
    return passwords.get(e.file) or (passwords.get(e.archive) if e.archive else None)


@dataclass(frozen=True)
class ExportRow:
    index: int  # in the exhibit's cited rows: the excerpt anchor the letters' page numbers come from
    place: FilePlace | None
    cells: tuple[str, ...]


@dataclass(frozen=True)
class ExportTable:
    """What the bundle prints of an export: its header row and the cited rows, as printed."""

    kind: PlaceKind
    header: tuple[str, ...]
    header_place: FilePlace
    rows: tuple[ExportRow, ...]

    @property
    def sheets(self) -> tuple[str, ...]:
        """The names of the sheets the cited rows are on (workbooks)."""
        return tuple(dict.fromkeys(r.place.sheet for r in self.rows if r.place and r.place.sheet))


def export_table(data: bytes, e: ExhibitPlan) -> ExportTable:
    """The export's header and its cited rows, read again from the file as the parser read it
    (a cited row's SourceRef is its sheet and its row there). Columns without a header are left
    out: they hold the padding exports add, not data."""
    from generator.exports.reader import find_header
    from generator.exports.registry import labels
    from generator.exports.statement import read_sheets

    sheets = read_sheets(data, e.file)  # an export that no longer reads raises its own InputError
    found = find_header(e.file, sheets, labels())
    keep = [i for i, label in enumerate(found.cells) if label]
    rows = []
    for index, c in enumerate(e.cited):
        src = c.source
        if src is None or not 1 <= src.page <= len(sheets) or not 1 <= src.row <= len(sheets[src.page - 1].rows):
            raise RenderError("bundle.row_gone", file=e.file, location=src.location() if src else "?")
        cells = sheets[src.page - 1].rows[src.row - 1]
        rows.append(ExportRow(index, src.place, tuple(cells[i] if i < len(cells) else "" for i in keep)))
    return ExportTable(found.sheet.kind, tuple(found.cells[i] for i in keep), found.sheet.place(found.index),
                       tuple(rows))
