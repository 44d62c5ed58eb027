"""OCR figures (issue 16): values read exactly from synthetic scans and screenshots, decisions on the
screenshots and case folders, and time per page, against baselines measured in the same run.

    python bench/bench_ocr.py [--seed 1] [--per-kind 4] [--screens 12] [--dpi 200] [--sources GLOB]
                              [--sets dpi,distort,screens,cases,long] [--workdir DIR]

The sets come from tests/synth/scans.py (made in a temp dir, or kept in --workdir). Each file goes
through the API `dispute parse --json` uses (generator.parsers.parse_documents, serialize.document_json)
in this process, so the OCR models load once, as in a batch; the first call is timed apart.

- Read exactly: every amount (d+.dd) and date (YYYY-MM-DD, with or without a time) in the truth
  (the text PDF's own parse) compared at the same place in what came back; the headline is the
  200-dpi set (target >= 99%). Pages, rows and boxes are not compared. "any row" counts a value
  found under the same field in any row: far above the exact share, rows came in another order
  or one was lost or split.
- Screenshots: every installment the screenshot shows is one decision: right when the number, due
  date, amount, paid date (where shown) and the state its status word means (paid / due / overdue)
  all match, and nothing is read that is not there (target: all right).
- Cases: `dispute check --json` of a case folder with a scanned 详版 and a screenshot of the lender's
  repayment record against the same case with text PDFs: verdict, each installment's status, each
  month's verdict and reasons.
- Time per page: a phone screenshot (target < 2 s) and the 10-page scanned 详版 (target < 40 s).

Baselines, both measured in this run because the machine is shared (2 cores, up to 8 helpers):
(1) parsing the same documents' text PDFs, per page: what the text path costs now, so "OCR is N x
the text path" holds however loaded the machine is; (2) a fixed numpy workload (matrix products,
BLAS on both cores like the OCR runtime), timed before and after: a machine-speed unit, so that
seconds / unit can be compared across runs. The absolute targets are in seconds on this machine;
the ratios say how far a slow run was the machine's doing.

Scans that are refused (no OCR reader yet, or the extra not installed) are counted as refused
with their message; the figures then say so instead of failing. Results, with every failure
(seed, file, transformation, what came back vs the truth), go to bench/results/ (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from synth import scans  # noqa: E402
from synth.screens import STATE_OF_WORD  # noqa: E402

AMOUNT = re.compile(r"^-?\d+\.\d{2}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$")
SKIP = {"file", "sha256", "page", "row", "bbox", "source", "sources", "page_count"}
AS_OF = date(2026, 12, 1)  # check's date: fixed, so the cases' verdicts do not move with the calendar
TARGET_SHARE = 0.99
TARGET_SCREEN_SECONDS = 2.0
TARGET_LONG_SECONDS = 40.0
SHOW = 8  # failures printed per class (all of them go to the results file)
STARTED = datetime.now()


# --------------------------------------------------------------------------- reading a file

@dataclass
class Read:
    seconds: float
    docs: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def parse(path: Path) -> Read:
    from generator.errors import DisputeError
    from generator.parsers import parse_documents
    from generator.serialize import document_json

    start = time.perf_counter()
    try:
        got = parse_documents(path, label=path.name)
    except Exception as err:  # the bench reports what broke and goes on with the next file
        return Read(time.perf_counter() - start, errors=[f"{type(err).__name__}: {err}"])
    seconds = time.perf_counter() - start
    read = Read(seconds)
    for one in got:
        if isinstance(one, DisputeError):
            read.errors.append(str(one))  # as the CLI prints it, before localising
        else:
            read.docs.append(document_json(one))  # type: ignore[arg-type]
    return read


# --------------------------------------------------------------------------- comparing with the truth

def leaves(obj: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key not in SKIP:
                yield from leaves(value, f"{path}.{key}" if path else key)
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            yield from leaves(value, f"{path}[{i}]")
    else:
        yield path, obj


def kind_of(value: Any) -> str | None:
    if isinstance(value, str) and AMOUNT.match(value):
        return "amount"
    if isinstance(value, str) and DATE.match(value):
        return "date"
    return None


@dataclass
class Score:
    exact: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    unordered: int = 0  # amounts and dates found under the same field name anywhere (rows in another order)
    wrong: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.exact.update(other.exact)
        self.total.update(other.total)
        self.unordered += other.unordered

    def unordered_share(self) -> float | None:
        total = self.total["amount"] + self.total["date"]
        return None if total == 0 else self.unordered / total

    def share(self, kinds: tuple[str, ...] = ("amount", "date")) -> float | None:
        total = sum(self.total[k] for k in kinds)
        return None if total == 0 else sum(self.exact[k] for k in kinds) / total


def score_values(truth: dict[str, Any], got: list[dict[str, Any]]) -> Score:
    """Amounts and dates of the truth, each compared at its own place in what came back."""
    score = Score()
    found = dict(leaves({"documents": got}))
    bag = Counter((_field(p), v) for p, v in found.items() if kind_of(v))
    for path, value in leaves(truth):
        kind = kind_of(value) or "other"
        score.total[kind] += 1
        if kind != "other" and bag[(_field(path), value)] > 0:
            bag[(_field(path), value)] -= 1
            score.unordered += 1
        if found.get(path) == value:
            score.exact[kind] += 1
        elif kind != "other":
            score.wrong.append({"at": path, "truth": value, "got": found.get(path, "(missing)")})
    return score


def _field(path: str) -> str:
    return re.sub(r"\[\d+\]", "[]", path)


def screen_decisions(truth: dict[str, Any], got: list[dict[str, Any]]) -> tuple[int, int, list[dict[str, Any]]]:
    """(right, total, what was wrong) over the installments the screenshot shows."""
    want = truth["documents"][0]["installments"]
    schedules = [d for d in got if d.get("kind") == "repayment_schedule"]
    if not schedules:
        kinds = [d.get("kind") for d in got]
        return 0, len(want), [{"at": "documents", "truth": "one repayment_schedule", "got": kinds or "(nothing)"}]
    read = {i.get("number"): i for d in schedules for i in d.get("installments", [])}
    wrong = []
    for inst in want:
        have = read.pop(inst["number"], None)
        expected = _decision(inst)
        actual = None if have is None else _decision(have, inst["paid_at"] is not None)
        if actual != expected:
            what = "missing" if actual is None else ",".join(k for k in expected if expected[k] != actual[k])
            wrong.append({"at": f"installment {inst['number']}", "what": what, "truth": expected, "got": actual})
    wrong += [{"at": f"installment {n}", "what": "extra", "truth": "(not on the screen)", "got": _decision(i, True)}
              for n, i in sorted(read.items(), key=lambda kv: str(kv[0]))]
    return len(want) - sum(1 for w in wrong if w["truth"] != "(not on the screen)"), len(want), wrong


def _decision(inst: dict[str, Any], with_paid_at: bool | None = None) -> dict[str, Any]:
    shown = inst.get("paid_at") is not None if with_paid_at is None else with_paid_at
    status = inst.get("status")
    return {"number": inst.get("number"), "due_date": inst.get("due_date"), "amount_due": inst.get("amount_due"),
            "state": STATE_OF_WORD.get(status, f"? {status}") if isinstance(status, str) else status,
            "paid_on": (inst.get("paid_at") or "")[:10] or None if shown else None}


def check_case(folder: Path) -> dict[str, Any]:
    from generator.pipeline import check_folder
    from generator.serialize import check_json

    try:
        return check_json(check_folder(folder, AS_OF).result)  # type: ignore[no-any-return]
    except Exception as err:  # a refused scan stops the check: that is a result here
        return {"error": f"{type(err).__name__}: {getattr(err, 'message', err)}"}


def case_outcome(data: dict[str, Any]) -> Any:
    if "error" in data:
        return data
    return [{"verdict": loan["verdict"], "installments": [(i["number"], i["status"]) for i in loan["installments"]],
             "months": [(m["month"], m["verdict"], m["reasons"]) for m in loan.get("months", [])]}
            for loan in data["loans"]]


# --------------------------------------------------------------------------- baselines

def numpy_unit() -> float:
    """Seconds of a fixed BLAS workload, best of three."""
    import numpy as np

    a = np.random.default_rng(0).standard_normal((768, 768)).astype(np.float32)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(12):
            a = (a @ a) / 768
        best = min(best, time.perf_counter() - start)
    return best


# --------------------------------------------------------------------------- the run

@dataclass
class Result:
    item: scans.Item
    read: Read
    score: Score | None = None
    decisions: tuple[int, int] | None = None
    failure: list[dict[str, Any]] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return not self.read.docs and bool(self.read.errors)


def run_item(out: Path, item: scans.Item, self_check: bool = False) -> Result:
    """`self_check` reads the text PDF a scan was made from instead of the scan: every figure must
    then be 100%, which checks the comparison itself."""
    truth = json.loads((out / item.truth).read_text("utf-8"))
    source = item.source_path(out)
    read = parse(source if self_check and source is not None else out / item.file)
    result = Result(item, read)
    if item.set == "screens":
        right, total, wrong = screen_decisions(truth, read.docs)
        result.decisions, result.failure = (right, total), wrong
    else:
        result.score = score_values(truth, read.docs)
        result.failure = result.score.wrong
    return result


def text_baseline(out: Path, items: list[scans.Item]) -> tuple[float, int]:
    """Seconds and pages of parsing the text PDFs the scans were made from, each once."""
    seconds, pages, seen = 0.0, 0, set()
    sources = [s for i in items if (s := i.source_path(out)) is not None and s.suffix == ".pdf"]
    if sources:
        parse(sources[0])  # warm: imports and first-use caches are not the text path's cost
    for item in items:
        source = item.source_path(out)
        if source is None or source in seen or source.suffix != ".pdf":
            continue
        seen.add(source)
        seconds += parse(source).seconds
        pages += len(scans.distort.rasterise(str(source), 1))
    return seconds, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-kind", type=int, default=4)
    parser.add_argument("--screens", type=int, default=12)
    parser.add_argument("--dpi", default="200", help="resolutions of the dpi set (the headline is 200)")
    parser.add_argument("--sources", help="only fixture PDFs whose repository path matches this glob")
    parser.add_argument("--sets", default=",".join(scans.SETS))
    parser.add_argument("--workdir", type=Path, help="keep the generated files here (default: a temp dir)")
    parser.add_argument("--self-check", action="store_true",
                        help="read each scan's text PDF instead of the scan: the figures must be 100%%")
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="bench-ocr-"))
    sets = tuple(s for s in args.sets.split(",") if s)
    start = time.perf_counter()
    items = scans.generate(work, args.seed, sets, tuple(int(d) for d in args.dpi.split(",")), args.per_kind,
                           args.screens, args.sources)
    print(f"generated {len(items)} files (seed {args.seed}) under {work} in {time.perf_counter() - start:.0f} s",
          file=sys.stderr)
    unit_before = numpy_unit()
    text_seconds, text_pages = text_baseline(work, items)
    scanned = [i for i in items if i.set != "cases"]
    if scanned:  # warm-up: the first call loads the OCR models, a cost paid once a process
        warm = parse(work / scanned[0].file)
        print(f"first call (imports, OCR models): {warm.seconds:.2f} s on {scanned[0].file}", file=sys.stderr)
    results = [run_item(work, i, args.self_check) for i in items if i.set != "cases" and
               (i.source or not args.self_check)]
    cases = [run_case(work, i) for i in items if i.set == "cases"]
    unit = (unit_before + numpy_unit()) / 2
    save({}, results, cases, args, work)  # the raw results first: a failing report loses nothing
    summary = report(results, cases, unit, text_seconds / max(text_pages, 1), args.seed)
    save(summary, results, cases, args, work)
    if args.workdir is None:
        import shutil

        shutil.rmtree(work, ignore_errors=True)


def run_case(out: Path, item: scans.Item) -> dict[str, Any]:
    text = case_outcome(check_case(out / str(item.source)))
    start = time.perf_counter()
    scan = case_outcome(check_case(out / item.file))
    return {"id": item.id, "seconds": time.perf_counter() - start, "text": text, "scan": scan, "same": text == scan}


def _ratio(a: float, b: float) -> str:
    return "-" if b <= 0 else f"{a / b:.1f}"  # no text PDF in the run: no text baseline


def _pct(share: float | None) -> str:
    return "  n/a" if share is None else f"{100 * share:6.2f}%"


def report(results: list[Result], cases: list[dict[str, Any]], unit: float, text_per_page: float,
           seed: int) -> dict[str, Any]:
    print(f"baselines: numpy unit {unit:.3f} s; text PDF parse {text_per_page:.3f} s/page (same documents)")
    refused = [r for r in results if r.refused]
    if refused:
        reasons = Counter(_without_file(r.read.errors[0]) for r in refused)
        print(f"refused: {len(refused)} of {len(results)} files; " +
              "; ".join(f"{n}x {msg}" for msg, n in reasons.most_common(3)))
    groups: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        groups[r.item.id.split("/")[0]].append(r)
    summary: dict[str, Any] = {"seed": seed, "numpy_unit_s": unit, "text_s_per_page": text_per_page, "sets": {}}
    if results:
        print(f"{'set':14} {'files':>5} {'refused':>7} {'amounts':>8} {'dates':>8} {'both':>8} {'any row':>8} {'s/page':>7} "
              f"{'x text':>7} {'x unit':>7}")
    for name, rs in sorted(groups.items()):
        line = _set_line(name, rs, unit, text_per_page)
        summary["sets"][name] = line
    headline = summary["sets"].get("dpi200", {}).get("share")
    if "dpi200" in summary["sets"]:
        verdict = "n/a (all refused)" if headline is None else ("ok" if headline >= TARGET_SHARE else "BELOW TARGET")
        print(f"200-dpi set: {_pct(headline).strip()} of amounts and dates read exactly "
              f"(target >= {100 * TARGET_SHARE:.0f}%): {verdict}")
    _screens(groups.get("screens", []), summary, unit)
    _long(groups.get("long", []), summary, unit, text_per_page)
    for c in cases:
        if isinstance(c["scan"], dict) and "error" in c["scan"]:
            print(f"case {c['id']}: the scanned case is refused: {c['scan']['error']}")
            continue
        print(f"case {c['id']}: {'same verdict as with text PDFs' if c['same'] else 'DIFFERS'} "
              f"({c['seconds']:.1f} s)")
        if not c["same"]:
            print(f"    text: {json.dumps(c['text'], ensure_ascii=False)[:300]}")
            print(f"    scan: {json.dumps(c['scan'], ensure_ascii=False)[:300]}")
    summary["cases"] = cases
    _failures(results, seed)
    return summary


def _set_line(name: str, rs: list[Result], unit: float, text_per_page: float) -> dict[str, Any]:
    """A set's line. A refused file's values count as not read; a set refused whole shows n/a."""
    total = Score()
    for r in rs:
        if r.score:
            total.add(r.score)
    timed = [r for r in rs if not r.refused]
    pages = sum(r.item.pages for r in timed)
    per_page = sum(r.read.seconds for r in timed) / pages if pages else None
    refused = sum(1 for r in rs if r.refused)
    if refused == len(rs):
        total = Score()
    cells = "" if per_page is None else f"{per_page:7.2f} {_ratio(per_page, text_per_page):>7} {per_page / unit:7.2f}"
    if name == "screens":
        right = sum(r.decisions[0] for r in rs if r.decisions)
        count = sum(r.decisions[1] for r in rs if r.decisions)
        print(f"{name:14} {len(rs):5} {refused:7} {'decisions right':>26} {right}/{count}  {cells}")
        return {"files": len(rs), "refused": refused, "decisions_right": right, "decisions": count,
                "s_per_page": per_page}
    print(f"{name:14} {len(rs):5} {refused:7} {_pct(total.share(('amount',))):>8} {_pct(total.share(('date',))):>8} "
          f"{_pct(total.share()):>8} {_pct(total.unordered_share()):>8} {cells}")
    return {"files": len(rs), "refused": refused, "share": total.share(), "amounts": total.share(("amount",)),
            "dates": total.share(("date",)), "any_row": total.unordered_share(), "values": sum(total.total[k] for k in ("amount", "date")),
            "s_per_page": per_page}


def _screens(rs: list[Result], summary: dict[str, Any], unit: float) -> None:
    timed = [r.read.seconds for r in rs if not r.refused]
    if not rs:
        return
    right = sum(1 for r in rs if r.decisions and r.decisions[0] == r.decisions[1] and not r.failure)
    note = " (all refused)" if all(r.refused for r in rs) else ""
    print(f"screenshots: {right}/{len(rs)} with every decision right{note} (target: all)")
    if timed:
        median = statistics.median(timed)
        verdict = "ok" if max(timed) < TARGET_SCREEN_SECONDS else "ABOVE TARGET"
        print(f"screenshot time: median {median:.2f} s, max {max(timed):.2f} s = {max(timed) / unit:.1f} units "
              f"(target < {TARGET_SCREEN_SECONDS:.0f} s each): {verdict}")
        summary["screen_seconds"] = {"median": median, "max": max(timed)}


def _long(rs: list[Result], summary: dict[str, Any], unit: float, text_per_page: float) -> None:
    for r in rs:
        if r.refused:
            print(f"10-page scanned 详版: refused ({r.read.errors[0]})")
            continue
        s = r.read.seconds
        verdict = "ok" if s < TARGET_LONG_SECONDS else "ABOVE TARGET"
        print(f"{r.item.pages}-page scanned 详版: {s:.1f} s ({s / r.item.pages:.2f} s/page, "
              f"{_ratio(s / r.item.pages, text_per_page)}x the text path, {s / unit:.0f} units; target < "
              f"{TARGET_LONG_SECONDS:.0f} s): {verdict}; values exact {_pct(r.score.share() if r.score else None)}")
        summary["long_seconds"] = s


def _without_file(message: str) -> str:
    """The message without the file it names (and its page), so that one cause is one class."""
    return re.sub(r"^.*?\.(pdf|png|jpe?g)(:p\d+)?(:r\d+)?: ", "", message)


def _failures(results: list[Result], seed: int) -> None:
    """The failures by class: refused (by message), nothing read, and wrong values by set."""
    classes: dict[str, list[str]] = defaultdict(list)
    for r in results:
        where = f"seed {seed} {r.item.file}"
        if r.refused:
            classes[f"refused: {_without_file(r.read.errors[0])[:120]}"].append(where)
            continue
        for w in r.failure:
            field_name = w.get("what") or _field(str(w["at"]))
            classes[f"{r.item.id.split('/')[0]}: {field_name}"].append(
                f"{where} at {w['at']}: got {w['got']!r}, truth {w['truth']!r}")
    if not classes:
        return
    print("failures by class (all in the results file):")
    for name, lines in sorted(classes.items(), key=lambda kv: -len(kv[1])):
        print(f"  {name}  [{len(lines)}]")
        for line in lines[:SHOW]:
            print(f"      {line}")
        if len(lines) > SHOW:
            print(f"      … and {len(lines) - SHOW} more")


def save(summary: dict[str, Any], results: list[Result], cases: list[dict[str, Any]], args: argparse.Namespace,
         work: Path) -> None:
    folder = ROOT / "bench" / "results"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = STARTED.strftime("%Y%m%d-%H%M%S")  # one file a run, rewritten with the summary
    path = folder / f"bench_ocr-{stamp}.json"
    files = [{"id": r.item.id, "file": r.item.file, "source": r.item.source, "transforms": r.item.transforms,
              "page_order": r.item.page_order, "seconds": r.read.seconds, "errors": r.read.errors,
              "decisions": r.decisions, "share": r.score.share() if r.score else None, "failures": r.failure}
             for r in results]
    data = {"args": {k: str(v) for k, v in vars(args).items()}, "workdir": str(work), "summary": summary,
            "files": files}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), "utf-8")
    print(f"results: {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
