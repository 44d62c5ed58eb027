"""A ZIP of case folders (or of one case) into the workspace.

Only what a case is made of is taken: case.toml, dispute-track.json and the documents the
command line reads (PDFs, exports and workbooks, ZIP archives of them; a text file only if it
holds an export's table, as generator.case.find_documents decides). Every member's
path is rebuilt part by part through workspace.safe_name, so an absolute name, ``..``, a
link or a device cannot place anything outside the new case folder; the member count and the
inflated size are bounded before anything is written (a ZIP bomb is refused whole). The cases
are found in the unpacked tree the way `dispute batch` finds them (generator.batch.find_cases).
"""

from __future__ import annotations

import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from generator.case import CASE_FILE, DOCUMENT_SUFFIXES, NOTE_SUFFIXES
from generator.catalogue import Message
from generator.manifest import TRACK_FILE
from generator.web.workspace import Workspace, safe_name

MAX_MEMBERS = 5000
MAX_INFLATED = 1 << 30  # 1 GiB for the whole archive
_TAKEN = {CASE_FILE: "", TRACK_FILE: ""}


class ZipRefused(ValueError):
    """The archive cannot be imported; `msg` says why (the page renders it in the user's language)."""

    def __init__(self, code: str, /, **params: object) -> None:
        self.msg = Message(code, params)
        super().__init__(str(self.msg))


@dataclass(frozen=True)
class Imported:
    cases: list[tuple[str, str]]  # (case id in the workspace, path inside the ZIP)
    skipped: list[str]  # members left out (not a case file)


def import_zip(workspace: Workspace, source: IO[bytes]) -> Imported:
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError):
        raise ZipRefused("zip_import.not_zip") from None
    with archive, tempfile.TemporaryDirectory(dir=workspace.root, prefix=".import-") as tmp:
        staging = Path(tmp)
        skipped = _unpack(archive, staging)
        return Imported(_adopt(workspace, staging), skipped)


def _unpack(archive: zipfile.ZipFile, staging: Path) -> list[str]:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ZipRefused("zip_import.too_many", count=len(members), limit=MAX_MEMBERS)
    if sum(m.file_size for m in members) > MAX_INFLATED:
        raise ZipRefused("zip_import.too_large", megabytes=MAX_INFLATED >> 20)
    skipped = []
    for member in members:
        target = _target(member, staging)
        if target is None:
            if not member.is_dir():
                skipped.append(member.filename)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(member) as data, target.open("xb") as out:
            _copy_bounded(data, out, member.file_size)
        if target.suffix in NOTE_SUFFIXES and not _holds_table(target):
            target.unlink()  # a note beside the documents, which the case would not read
            skipped.append(member.filename)
    return skipped


def _holds_table(path: Path) -> bool:
    from generator.exports.statement import holds_table

    with path.open("rb") as fh:
        return holds_table(fh.read(1 << 20))


def _target(member: zipfile.ZipInfo, staging: Path) -> Path | None:
    """Where a member goes, or None if it is not a case's file (a folder, a link, a note)."""
    kind = stat.S_IFMT(member.external_attr >> 16)  # 0 where the archiver recorded no file type
    if member.is_dir() or kind not in (0, stat.S_IFREG):
        return None
    parts = [p for p in PurePosixPath(member.filename.replace("\\", "/")).parts if p not in ("", "/", ".", "..")]
    if not parts or any(p.startswith(".") or p == "__MACOSX" for p in parts):
        return None
    name = parts[-1]
    suffix = PurePosixPath(name).suffix.lower()
    if name in _TAKEN:
        kept = name
    elif suffix in DOCUMENT_SUFFIXES:
        kept = safe_name(name, suffix)
    else:
        return None
    folders = [safe_name(p, "") for p in parts[:-1]]
    target = staging.joinpath(*folders, kept)
    return target if target.resolve().is_relative_to(staging.resolve()) and not target.exists() else None


def _copy_bounded(data: IO[bytes], out: IO[bytes], declared: int) -> None:
    # The central directory's sizes are the archive's word: count what really comes out.
    written = 0
    while chunk := data.read(1 << 20):
        written += len(chunk)
        if written > declared:
            raise ZipRefused("zip_import.understated")
        out.write(chunk)


def _adopt(workspace: Workspace, staging: Path) -> list[tuple[str, str]]:
    from generator.batch import find_cases

    found = [("", staging)] if (staging / CASE_FILE).is_file() else find_cases(staging, staging / ".none")
    if not found:
        raise ZipRefused("batch.no_cases")
    adopted = []
    for name, folder in found:
        case_id = workspace.new_case(label=name or "")
        target = workspace.folder(case_id)
        for item in folder.iterdir():
            shutil.move(str(item), target / item.name)
        adopted.append((case_id, name))
    return adopted
