"""Run the variant suite: ``python -m tests.variants.run [FAMILY ...] [--seeds 0-239] [-v]``.

Draws every variant, parses it as a user's file would be parsed, and compares the result with the
truth drawn. Prints one line per family (passed / drawn) and, with -v, each failure's first
differences. Exit 1 when any variant fails. Under 10 minutes for the full set on this machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from variants.base import Variant, families  # noqa: E402
from variants.compare import differences  # noqa: E402

FULL_SEEDS = range(240)


def check(variant: Variant, folder: Path) -> list[str]:
    """The differences between the truth and what the product reads (or the error it gives)."""
    from generator.errors import InputError
    from generator.parsers import parse_document, parse_documents
    from generator.serialize import document_json

    path = folder / variant.filename
    path.write_bytes(variant.pdf)
    try:
        if variant.suffix != ".zip":
            got = document_json(parse_document(path, label=path.name, password=variant.password))
        else:
            docs = parse_documents(path, label=path.name, password=variant.password)
            if len(docs) != 1:
                return [f"archive: {len(docs)} documents, drawn 1"]
            if isinstance(docs[0], InputError):
                raise docs[0]
            got = document_json(docs[0])
    except InputError as exc:
        return [f"refused: {exc}"]
    return differences(variant.truth, got)


def run(names: list[str], seeds: range, verbose: bool, report: Callable[[str], None],
        keep: Path | None = None) -> int:
    found = families()
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in names or sorted(found):
            started, bad = time.perf_counter(), []
            for seed in seeds:
                variant = found[name](seed)
                diffs = check(variant, keep or Path(tmp))
                if diffs:
                    bad.append((variant, diffs))
            failed += len(bad)
            report(f"{name:18} {len(seeds) - len(bad):3}/{len(seeds)} exact  ({time.perf_counter() - started:.1f} s)")
            for variant, diffs in bad if verbose else []:
                report(f"  {variant.name} [{'; '.join(variant.variations)}]")
                for line in diffs:
                    report(f"    {line}")
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("families", nargs="*")
    parser.add_argument("--family", action="append", default=[], help="a family to run (repeatable)")
    parser.add_argument("--keep", type=Path, help="write the drawn files into this folder, to look at")
    parser.add_argument("--seeds", default=f"0-{FULL_SEEDS[-1]}", help="a range such as 0-39, or one seed")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    lo, _, hi = args.seeds.partition("-")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    return run(args.families + args.family, range(int(lo), int(hi or lo) + 1), args.verbose, print, args.keep)


if __name__ == "__main__":
    sys.exit(main())
