"""manifest.json: every input and output of a `generate` run with its SHA-256, the tool version
and the generation time; `dispute verify` re-hashes them and names what changed.

The manifest travels with the outputs, so it holds no absolute path (one names the user's home):
inputs are relative to the case folder, outputs to the output folder, and the case folder itself
relative to the output folder, only where that reveals nothing above the case (``..`` for the
default `CASE_DIR/out`, ``../../01-late`` for a batch); elsewhere it is null and `verify` is told
the case folder.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from generator import __version__
from generator.errors import InputError
from generator.models import Case

MANIFEST = "manifest.json"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


TRACK_FILE = "dispute-track.json"  # recorded filings: a complaint depends on them


def input_files(folder: Path) -> list[Path]:
    """What a case's outputs depend on: case.toml, its documents and its recorded filings."""
    from generator.case import CASE_FILE, find_documents

    track = folder / TRACK_FILE
    return [folder / CASE_FILE, *evidence(folder, find_documents(folder)), *([track] if track.is_file() else [])]


def evidence(case_root: Path, documents: Iterable[Path]) -> list[Path]:
    """The documents that are not outputs of a `generate` run: nothing inside a folder holding a
    dispute manifest.json, and in the case folder itself (an older run's `--out CASE`) not the
    files its manifest lists as outputs. Letters read back as evidence would spoil the case."""
    written: dict[Path, set[str] | None] = {}  # folder -> the outputs its manifest lists
    out = []
    for path in documents:
        rel = path.relative_to(case_root)
        folders = [case_root / Path(*rel.parts[:i]) for i in range(len(rel.parts))]
        listed = [_outputs_of(f, written) for f in folders]
        inside_output = any(names is not None for names in listed[1:])
        if not inside_output and path.name not in (listed[0] or ()):
            out.append(path)
    return out


def _outputs_of(folder: Path, cache: dict[Path, set[str] | None]) -> set[str] | None:
    """The outputs a dispute manifest in `folder` lists, or None when it holds none."""
    if folder not in cache:
        cache[folder] = None
        try:
            data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("tool") == "dispute":
                cache[folder] = {str(e["file"]) for e in data.get("outputs", ())}
        except (OSError, ValueError, KeyError, TypeError):
            pass  # no manifest, or not ours: the folder is the user's
    return cache[folder]


def build_manifest(case: Case, outputs: Sequence[tuple[Path, bytes]], out_dir: Path,
                   generated_at: datetime) -> bytes:
    inputs = input_files(case.root)
    data: dict[str, Any] = {
        "tool": "dispute", "version": __version__, "generated_at": generated_at.isoformat(timespec="seconds"),
        "case": case.name, "case_dir": case_dir_from(out_dir, case.root),
        "inputs": [{"file": _rel(p, case.root), "sha256": _sha(p.read_bytes()),
                    "bytes": p.stat().st_size} for p in inputs],
        "outputs": [{"file": _rel(p, out_dir), "sha256": _sha(b), "bytes": len(b)} for p, b in outputs],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def case_dir_from(out_dir: Path, case_root: Path) -> str | None:
    """The case folder relative to the output folder, or None when that path would name folders
    above the case (an output folder outside the case's parent)."""
    rel = Path(os.path.relpath(case_root.resolve(), out_dir.resolve()))
    if not rel.parts:
        return "."
    *up, last = rel.parts
    if all(part == ".." for part in up) and last in ("..", case_root.resolve().name):
        return rel.as_posix()
    return None


def _rel(path: Path, base: Path) -> str:
    """Every file a manifest lists lies in its base folder; anything else is our bug."""
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.resolve().relative_to(base.resolve()).as_posix()


@dataclass(frozen=True)
class Mismatch:
    file: str
    problem: str  # "changed" | "missing" | "unlisted" (there now, not in the manifest)


def verify(out_dir: Path, case_dir: Path | None = None) -> list[Mismatch]:
    """`case_dir` overrides the case folder the manifest records (needed when it records none).
    Besides the files listed that changed or went, names the files that would be listed now but
    are not: a document added to the case, another run's files in the output folder."""
    path = out_dir / MANIFEST
    if not path.is_file():
        raise InputError(path, "verify.no_manifest")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        recorded = data["case_dir"]
        if case_dir is None and recorded is None:
            raise InputError(path, "verify.case_not_recorded")
        # an older manifest's absolute case_dir still works: joining keeps an absolute path as is
        inputs_dir = case_dir if case_dir is not None else Path(os.path.normpath(out_dir / str(recorded)))
        outputs = [(out_dir / e["file"], e) for e in data["outputs"]]
        inputs = [(inputs_dir / e["file"], e) for e in data["inputs"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(path, "verify.malformed", detail=str(exc)) from None
    out = []
    for file, entry in outputs + inputs:
        if not file.is_file():
            out.append(Mismatch(str(file), "missing"))
        elif _sha(file.read_bytes()) != entry["sha256"]:
            out.append(Mismatch(str(file), "changed"))
    listed = {_key(f) for f, _ in outputs + inputs} | {_key(path)}
    now = _files_in(out_dir) + (input_files(inputs_dir) if inputs_dir.is_dir() else [])
    out += [Mismatch(str(f), "unlisted") for f in dict.fromkeys(now) if _key(f) not in listed]
    return out


def _key(path: Path) -> Path:
    return path.resolve()


def _files_in(out_dir: Path) -> list[Path]:
    """Every file in the output folder but hidden ones (the lock, an unfinished run's staging)."""
    return sorted(p for p in out_dir.rglob("*") if p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(out_dir).parts))
