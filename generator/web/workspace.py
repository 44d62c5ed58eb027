"""The workspace of `dispute serve`: one folder holding one folder per case, the layout
`dispute batch` and `dispute status` read, so every case the page makes is a case the CLI opens.

A case is named only by its folder's entry in the workspace: a name given in a URL is looked up
among the entries, never joined onto a path, so ``..``, ``a/b`` or a link cannot reach outside.
Uploaded files are stored under names this module makes from the uploaded name (letters, digits
and a few marks kept; slashes, dots in front, markup characters and the rest dropped), so an
upload named ``../../x.pdf`` becomes ``x.pdf`` inside the case and ``<script>`` becomes text.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import sys
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from generator.case import CASE_FILE, DEFAULT_OUT
from generator.paths import write_atomically

META_FILE = ".dispute-web.json"  # hidden: never read as evidence, never an input of manifest.json
NAME_LIMIT = 80
UNNAMED = "文件"  # a file name, for an upload whose own name keeps no letter
_KEPT_MARKS = "-_.()（）·、 "
_CHUNK = 1 << 20


class UnknownCase(LookupError):
    """No case of that name in the workspace."""


def default_workspace() -> Path:
    """The user's data folder: %LOCALAPPDATA% on Windows, Application Support on macOS, else
    $XDG_DATA_HOME (~/.local/share)."""
    if sys.platform.startswith("win") and os.environ.get("LOCALAPPDATA"):
        base = Path(os.environ["LOCALAPPDATA"])
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "dispute" / "workspace"


def safe_name(original: str, suffix: str) -> str:
    """A file name made from an uploaded one: the last path part, letters and digits of any
    script, a few marks; at most NAME_LIMIT characters, ending in `suffix`."""
    base = unicodedata.normalize("NFC", original.replace("\\", "/").rsplit("/", 1)[-1])
    if suffix and base.lower().endswith(suffix):
        base = base[: -len(suffix)]
    kept = "".join(c if c.isalnum() or c in _KEPT_MARKS else "_" for c in base)
    stem = "_".join(part for part in kept.split("_") if part).strip(" ._")
    return (stem[: NAME_LIMIT - len(suffix)] or UNNAMED) + suffix


@dataclass(frozen=True)
class Stored:
    name: str
    duplicate: bool  # the same bytes were already in the case under this name


class Workspace:
    def __init__(self, root: Path) -> None:
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.root = root.resolve()
        self._lock = threading.Lock()  # names are chosen and files placed one upload at a time

    # ------------------------------------------------------------------------- cases

    def cases(self) -> list[str]:
        """Every case folder, newest first: a real folder (not a link), not hidden, holding a
        case.toml or made by the page."""
        found = [e for e in os.scandir(self.root) if self._is_case(e)]
        found.sort(key=lambda e: (e.stat().st_mtime, e.name), reverse=True)
        return [e.name for e in found]

    @staticmethod
    def _is_case(entry: os.DirEntry[str]) -> bool:
        if entry.name.startswith(".") or entry.name == DEFAULT_OUT or not entry.is_dir(follow_symlinks=False):
            return False
        return any((Path(entry.path) / n).is_file() for n in (CASE_FILE, META_FILE))

    def folder(self, case_id: str) -> Path:
        if case_id not in self.cases():
            raise UnknownCase(case_id)
        return self.root / case_id

    def new_case(self, label: str = "") -> str:
        case_id = f"{date.today():%Y%m%d}-{secrets.token_hex(4)}"
        folder = self.root / case_id
        folder.mkdir(mode=0o700)
        self.write_meta(case_id, {"created": datetime.now().isoformat(timespec="seconds"), "label": label})
        return case_id

    def delete(self, case_id: str) -> None:
        # rmtree removes links themselves, never what they point to.
        shutil.rmtree(self.folder(case_id))

    def meta(self, case_id: str) -> dict[str, Any]:
        try:
            data = json.loads((self.folder(case_id) / META_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def write_meta(self, case_id: str, updates: dict[str, Any]) -> None:
        folder = self.root / case_id
        data = {**self.meta(case_id), **updates} if (folder / META_FILE).exists() else updates
        write_atomically(folder / META_FILE, json.dumps(data, ensure_ascii=False).encode("utf-8"))

    # ------------------------------------------------------------------------- files

    def documents(self, case_id: str) -> list[str]:
        """The case's PDFs, as paths relative to the case (what check and the bundle name)."""
        from generator.case import find_documents

        folder = self.folder(case_id)
        return [p.relative_to(folder).as_posix() for p in find_documents(folder)]

    def document(self, case_id: str, name: str) -> Path:
        if name not in self.documents(case_id):
            raise UnknownCase(name)
        return self.folder(case_id) / name

    def store(self, case_id: str, original: str, source: IO[bytes], suffix: str = ".pdf") -> Stored:
        """Copy an upload into the case under a name of our making; the same bytes under the
        same name are not stored twice, other bytes get a numbered name."""
        folder = self.folder(case_id)
        with self._lock:
            name = safe_name(original, suffix)
            digest = _sha256(source)
            for candidate in _numbered(name):
                target = folder / candidate
                if not target.exists():
                    _copy(source, target)
                    return Stored(candidate, False)
                if target.is_file() and not target.is_symlink() and _sha256_file(target) == digest:
                    return Stored(candidate, True)
        raise AssertionError("unreachable")

    def replace_file(self, case_id: str, name: str, data: bytes) -> None:
        with self._lock:
            write_atomically(self.folder(case_id) / name, data)

    def remove_document(self, case_id: str, name: str) -> None:
        with self._lock:
            self.document(case_id, name).unlink()


def _numbered(name: str) -> Iterator[str]:
    stem, dot, suffix = name.rpartition(".")
    yield name
    for n in range(2, 10_000):
        yield f"{stem}-{n}{dot}{suffix}"


def _sha256(source: IO[bytes]) -> str:
    source.seek(0)
    digest = hashlib.sha256()
    while chunk := source.read(_CHUNK):
        digest.update(chunk)
    source.seek(0)
    return digest.hexdigest()


def _sha256_file(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _copy(source: IO[bytes], target: Path) -> None:
    # O_EXCL: a name is never reused behind our back, even by another process on the workspace.
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            source.seek(0)
            shutil.copyfileobj(source, out, _CHUNK)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
