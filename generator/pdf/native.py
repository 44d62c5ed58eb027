"""Which build of the hot modules runs: mypyc's (setup.py compiles them) or their Python source.

setup.py compiles MODULES with mypyc and records each source's SHA-256 in SOURCES_FILE. The
compiled build is used only when its recorded hash matches the source beside it, so a source
edited after `pip install -e .` runs as written (with a warning) instead of as last compiled.
DISPUTE_PURE_PYTHON=1 always runs the source (tests compare both). Must be imported before any
of MODULES: generator/pdf/__init__.py and generator/parsers/__init__.py import it first.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

logger = logging.getLogger(__name__)

PURE_PYTHON_ENV = "DISPUTE_PURE_PYTHON"
MODULES = ("generator.pdf.boxes", "generator.pdf.words", "generator.parsers.layout", "generator.parsers.common",
           "generator.parsers.table", "generator.parsers.table_header", "generator.parsers.rows")
SOURCES_FILE = Path(__file__).with_name("_compiled_sources.json")


def pure_python() -> bool:
    return os.environ.get(PURE_PYTHON_ENV, "").strip() == "1"


def compiled(module: ModuleType) -> bool:
    """Whether `module` runs as compiled code."""
    return not str(getattr(module, "__file__", "")).endswith(".py")


def _recorded() -> dict[str, str]:
    try:
        found = json.loads(SOURCES_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


class _SourceWhenStale(importlib.abc.MetaPathFinder):
    """Loads a module of MODULES from its .py file when asked to, or when its compiled build is
    missing from SOURCES_FILE or older than the source; otherwise defers to the normal import."""

    def __init__(self) -> None:
        self.recorded = _recorded()

    def find_spec(self, name: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if name not in MODULES or not path:
            return None
        source = Path(path[0]) / (name.rpartition(".")[2] + ".py")
        if not source.is_file() or not self._use_source(name, source):
            return None
        return importlib.util.spec_from_file_location(name, source)

    def _use_source(self, name: str, source: Path) -> bool:
        if pure_python():
            return True
        if not any(source.with_name(source.stem + suffix).exists() for suffix in importlib.machinery.EXTENSION_SUFFIXES):
            return False  # nothing compiled: the normal import finds the source anyway
        if self.recorded.get(name) == hashlib.sha256(source.read_bytes()).hexdigest():
            return False
        logger.warning("%s: the compiled build does not match %s; running the source (rebuild: pip install -e .)",
                       name, source.name)
        return True


def install() -> None:
    if not any(isinstance(finder, _SourceWhenStale) for finder in sys.meta_path):
        sys.meta_path.insert(0, _SourceWhenStale())


install()
