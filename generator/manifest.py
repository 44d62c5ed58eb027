"""manifest.json: every input and output of a `generate` run with its SHA-256, the tool version
and the generation time; `dispute verify` re-hashes them and names what changed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
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
    return [folder / CASE_FILE, *find_documents(folder), *([track] if track.is_file() else [])]


def build_manifest(case: Case, outputs: Sequence[tuple[Path, bytes]], out_dir: Path,
                   generated_at: datetime) -> bytes:
    inputs = input_files(case.root)
    data: dict[str, Any] = {
        "tool": "dispute", "version": __version__, "generated_at": generated_at.isoformat(timespec="seconds"),
        "case": case.name, "case_dir": str(case.root.resolve()),
        "inputs": [{"file": p.relative_to(case.root).as_posix(), "sha256": _sha(p.read_bytes()),
                    "bytes": p.stat().st_size} for p in inputs],
        "outputs": [{"file": _rel(p, out_dir), "sha256": _sha(b), "bytes": len(b)} for p, b in outputs],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _rel(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Mismatch:
    file: str
    problem: str  # "changed" | "missing"


def verify(out_dir: Path) -> list[Mismatch]:
    path = out_dir / MANIFEST
    if not path.is_file():
        raise InputError(path, "no manifest.json here: not a folder written by dispute generate")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        case_dir = Path(data["case_dir"])
        entries = [(out_dir / e["file"], e) for e in data["outputs"]] + [(case_dir / e["file"], e) for e in data["inputs"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(path, f"malformed manifest ({exc})") from None
    out = []
    for file, entry in entries:
        if not file.is_file():
            out.append(Mismatch(str(file), "missing"))
        elif _sha(file.read_bytes()) != entry["sha256"]:
            out.append(Mismatch(str(file), "changed"))
    return out
