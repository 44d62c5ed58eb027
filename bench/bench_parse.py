"""Parsing speed and memory on a long synthetic statement, as ratios against baselines measured
in the same run (the machine is shared and noisy).

    python bench/bench_parse.py [--pages 300] [--backend pdfplumber|pdfium] [--pure-python]

Prints: seconds and peak RSS of `dispute parse` on the file; seconds of bare pdfplumber
extract_words and of bare pypdfium2 text extraction over the same file; the ratios.
Each measurement runs in a fresh process so that peak RSS is its own. `--pure-python` measures
`dispute parse` without the compiled helpers (DISPUTE_PURE_PYTHON=1; see generator/pdf/native.py).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r'''
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
path = Path({path!r})
kind = {kind!r}
import pdfplumber, pypdfium2 as pdfium
from generator.parsers import parse_document
t = time.perf_counter()
if kind == "dispute":
    doc = parse_document(path)
    n = len(doc.transactions)
elif kind == "pdfplumber":
    n = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            n += len(page.extract_words())
            page.close()
else:
    pdf = pdfium.PdfDocument(str(path))
    n = 0
    for i in range(len(pdf)):
        page = pdf[i]
        tp = page.get_textpage()
        n += len(tp.get_text_range())
        tp.close(); page.close()
secs = time.perf_counter() - t
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(json.dumps({{"seconds": secs, "rss_mb": hwm / 1024, "items": n}}))
'''


def make_statement(pages: int, folder: Path) -> Path:
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]
    from synth.cmb import CmbStatement, make_rows, write_cmb_statement

    rows_per_page = 25
    rows = make_rows(7, pages * rows_per_page - 5, date(2020, 1, 1), Decimal("5000.00"))
    path = folder / f"cmb-{pages}.pdf"
    write_cmb_statement(CmbStatement("测试用户", "6214********0000", rows[0].date, rows[-1].date, rows,
                                     rows_per_page=rows_per_page), path)
    return path


def measure(kind: str, path: Path, backend: str, pure: bool = False) -> dict[str, float]:
    code = CHILD.format(root=str(ROOT), path=str(path), kind=kind)
    env = {"DISPUTE_PDF_BACKEND": backend, "PATH": "/usr/bin:/bin", "DISPUTE_PURE_PYTHON": "1" if pure else "0"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--backend", default="")
    parser.add_argument("--pure-python", action="store_true")
    parser.add_argument("--rounds", type=int, default=5,
                        help="dispute and bare pypdfium2 are timed this many times, alternating")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = make_statement(args.pages, Path(tmp))
        plumber = measure("pdfplumber", path, args.backend)
        rounds = [(measure("dispute", path, args.backend, args.pure_python), measure("pdfium", path, args.backend))
                  for _ in range(args.rounds)]
    dispute = min((d for d, _ in rounds), key=lambda m: m["seconds"])
    pdfium = min((b for _, b in rounds), key=lambda m: m["seconds"])
    ratios = sorted(d["seconds"] / b["seconds"] for d, b in rounds)
    print(f"statement: {args.pages} pages, {dispute['items']:.0f} transactions; best of {args.rounds} "
          f"alternating rounds (the machine is shared: the best run is the least disturbed one)")
    print(f"dispute parse      {dispute['seconds']:7.2f} s  peak RSS {dispute['rss_mb']:6.0f} MB")
    print(f"bare pdfplumber    {plumber['seconds']:7.2f} s  peak RSS {plumber['rss_mb']:6.0f} MB  (one run)")
    print(f"bare pypdfium2     {pdfium['seconds']:7.2f} s  peak RSS {pdfium['rss_mb']:6.0f} MB")
    print(f"speed-up vs pdfplumber extract_words: {plumber['seconds'] / dispute['seconds']:.2f}x (target >= 5x)")
    print(f"slow-down vs bare pypdfium2 text:     {dispute['seconds'] / pdfium['seconds']:.2f}x best/best, "
          f"{ratios[len(ratios) // 2]:.2f}x median of the rounds (target <= 3x)")
    print(f"peak RSS {dispute['rss_mb']:.0f} MB (target <= 200 MB at 500 pages)")


if __name__ == "__main__":
    main()
