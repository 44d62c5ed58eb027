"""Builds the compiled helpers; all other metadata is in pyproject.toml.

- generator/pdf/_pdfscan.c: pdfium's per-character calls for a page in one C call (optional: without a
  C compiler, generator/pdf/pdfium.py makes them through ctypes).
- the modules in generator/pdf/native.py's MODULES, compiled with mypyc from their (unchanged)
  Python source, with each source's SHA-256 recorded so that a stale build is never used.
DISPUTE_PURE_PYTHON=1 at build time skips mypyc.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from setuptools import Extension, setup

ROOT = Path(__file__).resolve().parent
MODULES = ("generator.pdf.boxes", "generator.pdf.words", "generator.parsers.layout", "generator.parsers.common",
           "generator.parsers.table", "generator.parsers.table_header", "generator.parsers.rows")
SOURCES_FILE = ROOT / "generator" / "pdf" / "_compiled_sources.json"


def _source(module: str) -> str:
    return module.replace(".", "/") + ".py"


def _mypyc() -> list[Extension]:
    if os.environ.get("DISPUTE_PURE_PYTHON", "").strip() == "1":
        SOURCES_FILE.unlink(missing_ok=True)
        return []
    from mypyc.build import mypycify

    # The isolated build environment has mypy but not the runtime dependencies (pdfminer): their
    # types are not needed to compile our modules.
    try:
        extensions: list[Extension] = mypycify(["--ignore-missing-imports", *(_source(m) for m in MODULES)],
                                               opt_level="3", group_name="dispute_native")
    except SystemExit as exc:  # a type error mypyc will not compile past: install the source, as without a compiler
        print(f"dispute: the compiled modules are not built (mypyc stopped: {exc}); the same Python source runs",
              file=sys.stderr)
        SOURCES_FILE.unlink(missing_ok=True)
        return []
    for extension in extensions:
        extension.optional = True  # no C compiler (a volunteer's laptop): install anyway, run the source
    hashes = {m: hashlib.sha256((ROOT / _source(m)).read_bytes()).hexdigest() for m in MODULES}
    SOURCES_FILE.write_text(json.dumps(hashes, indent=1) + "\n", encoding="utf-8")
    return extensions


os.chdir(ROOT)  # mypyc names modules by their path from here
setup(ext_modules=[Extension("generator.pdf._pdfscan", ["generator/pdf/_pdfscan.c"], optional=True), *_mypyc()])
