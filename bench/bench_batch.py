"""Batch throughput: cases a minute with one worker and with two, in the same run (the machine is
shared and noisy, so the ratio is what matters), and the projected time for 1,000 cases.

    python bench/bench_batch.py [--cases 40] [--workdir DIR]      # --cases 1000 for the full run

Each synthetic case has examples/on-time-cmb's loan terms and credit report (a `dispute` verdict, so
both letters are written, as PDF and DOCX, with the evidence bundle) and its own 20-page 招商银行
statement (tests/synth/cmb.py, a seed per case). The cases are generated once; each timed run writes into a fresh output folder, so nothing
is skipped. Target: two workers at least 1.8× one worker (on a 2-core machine).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "examples"), str(ROOT)]

from synth.cmb import CmbStatement, make_rows, write_cmb_statement  # noqa: E402
from make_examples import on_time_report  # noqa: E402

from generator.batch import CaseJob, Status, plan_jobs  # noqa: E402
from generator.batch_exec import run_batch  # noqa: E402
from generator.case import load_case  # noqa: E402
from generator.render import Options  # noqa: E402
from generator.validate.schedule import expected_schedule  # noqa: E402

PAYEE = "重庆蚂蚁消费金融有限公司 2088101234567890"
ROWS = 480  # about 20 pages (25 rows a page, a few wrapped counterparties take two lines)
TARGET_RATIO = 1.8
TARGET_SECONDS = 600  # 1,000 cases with --jobs 2 on a 2-core machine
LETTER_DATE = date(2026, 3, 1)

# The loan terms of examples/on-time-cmb, written out in full so that the case needs no settlement
# certificate; the months come from the case's credit report (examples/on-time-cmb's).
CASE_TOML = """\
[borrower]
name = "李晓明"
id_type = "居民身份证"
id_number = "110105198506151236"
phone = "13800138000"
address = "北京市朝阳区示例路100号1单元101室"

[[loans]]
lender = "重庆蚂蚁消费金融有限公司"
product = "借呗"
contract_number = "JB2025011000123"
principal = "12000.00"
disbursed_on = 2025-01-10
installments = 12
method = "equal_installment"
annual_rate = "0.1095"
due_day = 10
grace_days = 0
payee_names = ["重庆蚂蚁消费金融有限公司", "借呗"]
settled_on = 2026-01-09
"""


def make_case(folder: Path, seed: int) -> None:
    folder.mkdir(parents=True)
    (folder / "case.toml").write_text(CASE_TOML, encoding="utf-8")
    case = load_case(folder)
    schedule, _ = expected_schedule(case.loans[0])
    repayments = [(inst.due_date - timedelta(days=1), inst.amount_due, PAYEE) for inst in schedule]
    rows = make_rows(seed, ROWS, date(2025, 1, 2), Decimal("3200.00"), repayments=repayments)
    statement = CmbStatement(holder=case.borrower.name, account="6214********5678", start=date(2025, 1, 1),
                             end=rows[-1].date, rows=rows, printed_at="2026-02-20 09:12:45")
    write_cmb_statement(statement, folder / "招商银行流水.pdf")
    (folder / "个人信用报告.pdf").write_bytes(on_time_report(case.borrower.name))


def make_cases(root: Path, count: int) -> None:
    folders = [root / f"case-{n:04d}" for n in range(1, count + 1)]
    with ProcessPoolExecutor() as pool:
        list(pool.map(make_case, folders, range(20260000, 20260000 + count)))


def timed_run(jobs: list[CaseJob], workers: int) -> tuple[float, float]:
    """(wall seconds, summed per-case seconds) of one batch run."""
    start = time.perf_counter()
    result = run_batch(jobs, workers=workers)
    seconds = time.perf_counter() - start
    if result.count(Status.DONE) != len(jobs):
        failed = [r for r in result.reports if r.status is not Status.DONE]
        raise SystemExit(f"{len(failed)} cases did not finish, first: {failed[0].case}: {failed[0].error}")
    return seconds, sum(r.seconds for r in result.reports)


def measure(cases: Path, work: Path) -> dict[int, tuple[float, float]]:
    """Wall and per-case seconds for --jobs 1 and 2 over every case, in the order 1, 2, 2, 1 over
    the two halves of the cases: the machine's speed drifts, and this order cancels a steady drift."""
    generated_at = datetime.now().replace(microsecond=0)
    totals = {1: [0.0, 0.0], 2: [0.0, 0.0]}
    for workers, half in ((1, 0), (2, 0), (2, 1), (1, 1)):
        jobs = plan_jobs(cases, work / f"out-{workers}", Options(letter_date=LETTER_DATE), force=False,
                         generated_at=generated_at)
        wall, per_case = timed_run(jobs[half::2], workers)
        totals[workers][0] += wall
        totals[workers][1] += per_case
    return {w: (t[0], t[1]) for w, t in totals.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=40)
    parser.add_argument("--workdir", type=Path, help="keep the generated cases here (default: a temp dir)")
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="bench-batch-"))
    cases = work / "cases"
    if not cases.is_dir():
        start = time.perf_counter()
        make_cases(cases, args.cases)
        print(f"generated {args.cases} cases ({ROWS} statement rows, about 20 pages each) "
              f"in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    for old in work.glob("out-*"):
        shutil.rmtree(old)  # every timed run starts from an empty output folder: nothing is skipped
    try:
        timings = measure(cases, work)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    report(timings, args.cases)


def report(timings: dict[int, tuple[float, float]], count: int) -> None:
    rates = {w: count * 60 / wall for w, (wall, _) in timings.items()}
    for w, (wall, per_case) in timings.items():
        print(f"--jobs {w}: {rates[w]:.1f} cases/min ({wall:.1f} s for {count}; {per_case / count:.2f} s a case)")
    ratio = rates[2] / rates[1]
    print(f"ratio {ratio:.2f}x (target >= {TARGET_RATIO}x): {'ok' if ratio >= TARGET_RATIO else 'BELOW TARGET'}")
    whole = timings[2][0] / 60
    verdict = "ok" if 1000 * 60 / rates[2] <= TARGET_SECONDS else "ABOVE TARGET"
    if count >= 1000:
        print(f"all {count} cases with --jobs 2: {whole:.1f} min, measured (target <= {TARGET_SECONDS // 60} min "
              f"for 1,000): {verdict}")
    else:
        print(f"projected for 1,000 cases: {1000 / rates[1]:.1f} min with --jobs 1, {1000 / rates[2]:.1f} min "
              f"with --jobs 2 (target <= {TARGET_SECONDS // 60} min): {verdict}; run --cases 1000 to measure it")


if __name__ == "__main__":
    main()
