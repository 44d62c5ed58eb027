"""Synthetic scans, phone photos and app screenshots for the OCR reader (issue 16), with their truth.

    python tests/synth/scans.py OUT [--seed 1] [--sets dpi,distort,screens,cases,long]
                                    [--dpi 150,200,300] [--per-kind 6] [--screens 12] [--sources GLOB]

Writes the files under OUT and OUT/manifest.json, one entry a file: what it was made from, every
transformation with the parameters drawn, and where its truth is. The truth of a scan is the
source PDF's own `dispute parse --json` (run on the text PDF, through the API the CLI uses); the
truth of a screenshot is what it shows (screens.py). Deterministic: the same seed gives the same
bytes. Sets:

- dpi: every fixture PDF (tests/fixtures, examples) rasterised at each --dpi, as an image-only PDF;
- distort: at 200 dpi, per kind a seeded sample of --per-kind sources: slight rotation, a quarter
  turn, blur, JPEG, uneven light, noise (image-only PDFs; a one-page JPEG scan is the .jpg itself),
  a two-up spread and pages out of order (multi-page sources), a phone photo (one-page sources, a JPEG);
- screens: lender-app screenshots of a repayment record (PNG, some JPEG);
- cases: case folders in pairs, text/ with text PDFs and scan/ with a rasterised 详版 and a
  screenshot of the same repayment record; the truth of scan/ is `dispute check --json` of text/;
- long: a 10-page 详版 at 200 dpi, for the time per page.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import random
import shutil
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from PIL import Image

if __package__ in (None, ""):  # run as a script: make `synth` and `generator` importable
    sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parents[2])]
    __package__ = "synth"

from . import distort, screens  # noqa: E402
from .distort import Params  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SETS = ("dpi", "distort", "screens", "cases", "long")
KINDS = ("rotate", "quarter_turn", "blur", "jpeg", "light", "noise", "two_up", "wrong_order", "phone_photo")
SCAN_DPI = 200


@dataclass
class Item:
    """One generated file and how to judge what is read from it."""

    id: str
    set: str
    file: str  # relative to the output folder
    source: str | None  # the text PDF (or case folder) it was made from, if any; see source_in
    truth: str  # relative path of the truth JSON
    pages: int  # pages (or images) in the file
    dpi: int | None = None
    transforms: list[Params] = field(default_factory=list)
    page_order: list[int] | None = None  # physical page i shows source page page_order[i] (1-based)
    source_in: str = "repo"  # "repo": `source` is relative to the repository; "out": to the output folder

    def source_path(self, out: Path) -> Path | None:
        return None if self.source is None else (ROOT if self.source_in == "repo" else out) / self.source


def seeded(seed: int, *names: object) -> random.Random:
    """A generator per item: stable across runs and Python processes (crc32, not hash())."""
    key = "/".join(str(n) for n in (seed, *names)).encode()
    return random.Random(zlib.crc32(key))


def source_pdfs(pattern: str | None = None) -> list[Path]:
    """Our fixture PDFs: tests/fixtures/**.pdf and examples/*/*.pdf, sorted."""
    found = sorted({*ROOT.glob("tests/fixtures/**/*.pdf"), *ROOT.glob("examples/*/*.pdf")})
    rel = [p for p in found if pattern is None or fnmatch.fnmatch(str(p.relative_to(ROOT)), pattern)]
    return rel


def parse_truth(path: Path, label: str) -> dict[str, Any] | None:
    """`dispute parse --json` of a text PDF, or None when the parser refuses it (an error fixture)."""
    from generator.errors import DisputeError
    from generator.parsers import parse_documents
    from generator.serialize import document_json

    docs = parse_documents(path, label=label)
    if not docs or any(isinstance(d, DisputeError) for d in docs):
        return None
    return {"documents": [document_json(d) for d in docs]}  # type: ignore[arg-type]


def _slug(path: Path) -> str:
    rel = path.relative_to(ROOT)
    parts = rel.parts[2:-1] if rel.parts[:2] == ("tests", "fixtures") else rel.parts[:-1]
    stem = "-".join(parts[-3:])
    return stem if rel.parts[0] == "tests" else f"{stem}-{zlib.crc32(rel.name.encode()):08x}"


class Writer:
    """Writes files and truths under `out` and keeps the manifest."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.items: list[Item] = []
        self.truths: dict[str, str] = {}

    def truth(self, key: str, data: dict[str, Any]) -> str:
        rel = f"truth/{key}.json"
        if rel not in self.truths:
            (self.out / "truth").mkdir(parents=True, exist_ok=True)
            (self.out / rel).write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), "utf-8")
            self.truths[rel] = key
        return rel

    def write(self, rel: str, data: bytes | Image.Image, item: Item, quality: int = 90) -> Item:
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        elif rel.endswith(".jpg"):
            data.save(path, "JPEG", quality=quality)
        else:
            data.save(path, "PNG", optimize=False, compress_level=6)
        item.transforms = json.loads(json.dumps(item.transforms))  # tuples as the manifest will hold them
        self.items.append(item)
        return item

    def manifest(self, seed: int) -> Path:
        path = self.out / "manifest.json"
        data = {"seed": seed, "items": [vars(i) for i in self.items]}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
        return path


@dataclass(frozen=True)
class Source:
    path: Path
    rel: str
    slug: str
    truth: str  # relative path in the output
    pages: int


def prepare_sources(w: Writer, pattern: str | None) -> list[Source]:
    sources = []
    for path in source_pdfs(pattern):
        rel = str(path.relative_to(ROOT))
        truth = parse_truth(path, rel)
        if truth is None:
            continue
        slug = _slug(path)
        pages = len(distort.rasterise(str(path), 10))
        sources.append(Source(path, rel, slug, w.truth(slug, truth), pages))
    return sources


def dpi_set(w: Writer, sources: list[Source], dpis: list[int]) -> None:
    for dpi in dpis:
        for s in sources:
            pages = distort.rasterise(str(s.path), dpi)
            item = Item(f"dpi{dpi}/{s.slug}", "dpi", f"dpi{dpi}/{s.slug}.pdf", s.rel, s.truth, len(pages), dpi)
            w.write(item.file, distort.image_pdf(pages, dpi), item)


PageOp = Callable[[Image.Image, random.Random], tuple[Image.Image, Params]]
PAGE_OPS: dict[str, PageOp] = {
    "rotate": distort.small_rotation, "quarter_turn": distort.quarter_turn,
    "blur": lambda img, rng: distort.blur(img, rng, SCAN_DPI), "jpeg": distort.jpeg,
    "light": distort.uneven_light, "noise": distort.noise}


def _sample(sources: list[Source], rng: random.Random, k: int, test: Callable[[Source], bool]) -> list[Source]:
    fit = [s for s in sources if test(s)]
    return sorted(rng.sample(fit, min(k, len(fit))), key=lambda s: s.rel)


def distort_set(w: Writer, sources: list[Source], seed: int, per_kind: int) -> None:
    for kind in KINDS:
        need: Callable[[Source], bool] = {"two_up": lambda s: s.pages >= 2, "wrong_order": lambda s: s.pages >= 2,
                                          "phone_photo": lambda s: s.pages == 1}.get(kind, lambda s: True)
        for s in _sample(sources, seeded(seed, "sample", kind), per_kind, need):
            rng = seeded(seed, kind, s.rel)
            pages = distort.rasterise(str(s.path), SCAN_DPI)
            item = Item(f"{kind}/{s.slug}", "distort", f"{kind}/{s.slug}.pdf", s.rel, s.truth, len(pages), SCAN_DPI)
            if kind == "phone_photo":
                photo, params = distort.phone_photo(pages[0], rng)
                item.file, item.transforms, item.dpi = f"{kind}/{s.slug}.jpg", [params], None
                w.write(item.file, photo, item, quality=params["quality"])
                continue
            if kind == "two_up":
                pages = _two_up(pages, rng, item)
            elif kind == "wrong_order":
                pages = _wrong_order(pages, rng, item)
            else:
                done = [PAGE_OPS[kind](p, rng) for p in pages]
                pages, item.transforms = [p for p, _ in done], [t for _, t in done]
            if kind == "jpeg" and len(pages) == 1:  # a one-page scan sent as the JPEG itself
                item.file = f"{kind}/{s.slug}.jpg"
                w.write(item.file, pages[0], item, quality=item.transforms[0]["quality"])
                continue
            item.pages = len(pages)
            w.write(item.file, distort.image_pdf(pages, SCAN_DPI), item)


def _two_up(pages: list[Image.Image], rng: random.Random, item: Item) -> list[Image.Image]:
    sheets = []
    for i in range(0, len(pages), 2):
        if i + 1 == len(pages):  # an odd last page stays alone
            sheets.append(pages[i])
            item.transforms.append({"op": "single", "pages": [i + 1]})
            continue
        sheet, params = distort.two_up(pages[i], pages[i + 1], rng)
        sheets.append(sheet)
        item.transforms.append(params | {"pages": [i + 1, i + 2]})
    return sheets


def _wrong_order(pages: list[Image.Image], rng: random.Random, item: Item) -> list[Image.Image]:
    order = list(range(1, len(pages) + 1))
    while order == sorted(order):
        rng.shuffle(order)
    item.page_order = order
    item.transforms.append({"op": "wrong_order", "order": order})
    return [pages[n - 1] for n in order]


def screens_set(w: Writer, seed: int, count: int) -> None:
    for n in range(count):
        rng = seeded(seed, "screen", n)
        image, truth = screens.render(screens.random_loan(rng), rng)
        ext = "jpg" if rng.random() < 0.25 else "png"
        item = Item(f"screens/{n:03d}", "screens", f"screens/{n:03d}.{ext}", None, "", 1,
                    transforms=[{"op": "screenshot", **truth.pop("style")}])
        item.truth = w.truth(f"screen-{n:03d}", truth)
        w.write(item.file, image, item, quality=85)


# --------------------------------------------------------------------------- cases

CASE_TOML = (ROOT / "examples" / "on-time-cmb" / "case.toml").read_text("utf-8") if (ROOT / "examples").is_dir() else ""
ANT = screens.APPS[0]


def _case_rows(late: int | None, rng: random.Random) -> tuple[Any, ...]:
    """examples/on-time-cmb's loan (12,000.00 over 12 months at 10.95%, due on the 10th), every
    installment paid, `late` paid 5 days after its due date."""
    from .lender_plans import amortise

    rows = []
    for row in amortise(Decimal("12000.00"), Decimal("0.1095"), 12, date(2025, 1, 10), 10):
        when = row.due_date + timedelta(days=5 if row.number == late else -1)
        stamp = f"{when.isoformat()} {rng.randint(8, 21):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
        rows.append(replace(row, status="paid", paid_at=stamp, paid_amount=row.amount_due))
    return tuple(rows)


def _record_pdf(rows: tuple[Any, ...]) -> bytes:
    from .lender_plans import Col, ScheduleSource, render_schedule

    words = {"paid": "已还"}
    src = ScheduleSource(
        title="还款记录", preamble=(("借款人", "李晓明"), ("借据号", "JB2025011000123"), ("产品", "借呗"),
                                 ("出资方", ANT.lender)),
        columns=(Col("number", "期数", 50, "center"), Col("due_date", "应还日期", 70, "center"),
                 Col("amount_due", "应还金额", 70), Col("status", "状态", 50, "center"),
                 Col("paid_at", "实还时间", 110, "center"), Col("paid_amount", "实还金额", 70)),
        rows=tuple(replace(r, status=words[r.status]) for r in rows), number_format="第{n}/{N}期",
        lender=ANT.lender, contract_number="JB2025011000123")
    return render_schedule(src)


CASES = {"on-time": None, "late-2nd": 2}  # the report shows March 2025 (the 2nd installment) as "1"


def cases_set(w: Writer, seed: int) -> None:
    sys.path.insert(0, str(ROOT / "examples"))
    from make_examples import on_time_report

    report = on_time_report("李晓明")
    certificate = (ROOT / "examples" / "on-time-cmb" / "结清证明.pdf").read_bytes()
    for name, late in CASES.items():
        rng = seeded(seed, "case", name)
        rows = _case_rows(late, rng)
        text, scan = w.out / "cases" / name / "text", w.out / "cases" / name / "scan"
        for folder in (text, scan):
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "case.toml").write_text(CASE_TOML, "utf-8")
            (folder / "结清证明.pdf").write_bytes(certificate)
        (text / "个人信用报告.pdf").write_bytes(report)
        (text / "还款记录.pdf").write_bytes(_record_pdf(rows))
        pages = distort.rasterise(report, SCAN_DPI)
        tilted = [distort.small_rotation(p, rng) for p in pages]
        (scan / "个人信用报告.pdf").write_bytes(distort.image_pdf([p for p, _ in tilted], SCAN_DPI))
        loan = screens.Loan(ANT, Decimal("12000.00"), date(2025, 1, 10), "JB2025011000123", rows)
        # The screen prints what the text record prints (lender, 借据号, 实还时间): the same case
        style = replace(screens.random_style(rng, long=True), show_paid_at=True, show_lender=True, show_contract=True)
        image, truth = screens.render(loan, rng, style)
        item = Item(f"cases/{name}", "cases", f"cases/{name}/scan", f"cases/{name}/text", "", len(pages) + 1,
                    SCAN_DPI, [t for _, t in tilted] + [{"op": "screenshot", **truth.pop("style")}], source_in="out")
        item.truth = w.truth(f"case-{name}-screen", truth)
        w.write(f"cases/{name}/scan/还款记录.png", image, item)


# --------------------------------------------------------------------------- the 10-page 详版

def long_report() -> bytes:
    """fixtures_pboc.eight_accounts with its accounts again (new account numbers) up to 17: 10 pages."""
    from .fixtures_pboc import eight_accounts
    from .pboc import render_report

    base = eight_accounts()
    copies = tuple(replace(a, account_id=f"{a.account_id[:-2]}{tag}{a.account_id[-1]}")
                   for tag in "98" for a in base.accounts)
    return render_report(replace(base, accounts=(base.accounts + copies)[:LONG_ACCOUNTS]))


LONG_ACCOUNTS = 17
LONG_PAGES = 10


def long_set(w: Writer) -> None:
    text = w.out / "long" / "pboc-17-accounts.pdf"
    text.parent.mkdir(parents=True, exist_ok=True)
    text.write_bytes(long_report())
    truth = parse_truth(text, "long/pboc-17-accounts.pdf")
    pages = distort.rasterise(str(text), SCAN_DPI)
    if truth is None or len(pages) != LONG_PAGES:
        raise RuntimeError(f"the long 详版 should parse and have {LONG_PAGES} pages (has {len(pages)})")
    item = Item("long/pboc-17-accounts", "long", "long/pboc-17-accounts-scan.pdf", "long/pboc-17-accounts.pdf",
                w.truth("long-pboc-17-accounts", truth), len(pages), SCAN_DPI, source_in="out")
    w.write(item.file, distort.image_pdf(pages, SCAN_DPI), item)


# --------------------------------------------------------------------------- entry points

def generate(out: Path, seed: int = 1, sets: tuple[str, ...] = SETS, dpis: tuple[int, ...] = (150, 200, 300),
             per_kind: int = 6, screen_count: int = 12, pattern: str | None = None) -> list[Item]:
    out.mkdir(parents=True, exist_ok=True)
    w = Writer(out)
    sources = prepare_sources(w, pattern) if {"dpi", "distort"} & set(sets) else []
    makers: dict[str, Callable[[], None]] = {
        "dpi": lambda: dpi_set(w, sources, list(dpis)), "distort": lambda: distort_set(w, sources, seed, per_kind),
        "screens": lambda: screens_set(w, seed, screen_count), "cases": lambda: cases_set(w, seed),
        "long": lambda: long_set(w)}
    for name in SETS:
        if name in sets:
            makers[name]()
    w.manifest(seed)
    return w.items


def load_manifest(out: Path) -> tuple[int, list[Item]]:
    data = json.loads((out / "manifest.json").read_text("utf-8"))
    return data["seed"], [Item(**i) for i in data["items"]]


def iter_files(out: Path) -> Iterator[Path]:
    return (p for p in sorted(out.rglob("*")) if p.is_file())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--dpi", default="150,200,300")
    parser.add_argument("--per-kind", type=int, default=6)
    parser.add_argument("--screens", type=int, default=12)
    parser.add_argument("--sources", help="only fixture PDFs whose repository path matches this glob")
    parser.add_argument("--clean", action="store_true", help="empty OUT first")
    args = parser.parse_args(argv)
    if args.clean and args.out.exists():
        shutil.rmtree(args.out)
    sets = tuple(s for s in args.sets.split(",") if s)
    unknown = set(sets) - set(SETS)
    if unknown:
        parser.error(f"unknown set(s) {sorted(unknown)}; choose from {', '.join(SETS)}")
    items = generate(args.out, args.seed, sets, tuple(int(d) for d in args.dpi.split(",")), args.per_kind,
                     args.screens, args.sources)
    print(f"{len(items)} files under {args.out} (manifest.json)")


if __name__ == "__main__":
    main()
