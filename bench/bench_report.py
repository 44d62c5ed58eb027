"""Time parsing of the 8-account PBOC credit report (full 60-month grids); prints seconds.

    python bench/bench_report.py [RUNS] [PDF]

The target is under 1 s per parse (open, text extraction, every account and grid month). The
test suite only checks the parsed content of this fixture (tests/parsers/test_pboc.py); timing
stays here, where machine load cannot make a test flaky.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.documents import CreditReport
from generator.parsers import parse_document

DEFAULT = ROOT / "tests" / "fixtures" / "statements" / "pboc" / "eight_accounts" / "input.pdf"
TARGET_SECONDS = 1.0


def time_parse(path: Path) -> float:
    start = time.perf_counter()
    report = parse_document(path)
    elapsed = time.perf_counter() - start
    assert isinstance(report, CreditReport) and len(report.accounts) == 8
    return elapsed


def main(argv: list[str]) -> None:
    runs = int(argv[0]) if argv else 5
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    time_parse(path)  # warm-up: imports and first-use caches are not what we measure
    times = [time_parse(path) for _ in range(runs)]
    median = statistics.median(times)
    print(f"{median:.3f}")
    print(f"pboc/eight_accounts: median {median:.3f} s, min {min(times):.3f} s over {runs} runs "
          f"(target < {TARGET_SECONDS:.1f} s)", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
