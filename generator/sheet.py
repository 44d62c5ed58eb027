"""The desk's spreadsheet: the rows of `dispute batch`'s summary.csv as a legal-aid worker reads
them in Excel, WPS or Calc. One row per loan, in the words `dispute check` and `dispute batch`
use on screen (generator/summary.py, the tables below), so that the sheet never words a result
differently from the terminal. `--lang en` keeps the English one-row-a-case CSV of
generator/batch.py, which scripts may read."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.batch import CaseReport

STATUS_CN = {"done": "已生成", "skipped": "跳过（未变）", "failed": "失败", "not_run": "未运行"}
VERDICT_CN = {"dispute": "可异议", "statement": "个人声明", "insufficient": "证据不足",
              "nothing_to_dispute": "无需异议"}
COLUMNS = ("案件", "状态", "贷款机构", "结论", "需补充材料", "已生成文件", "错误")


def sheet_rows(reports: Sequence[CaseReport], message: Callable[[CaseReport], str]) -> list[tuple[str, ...]]:
    """A case without loans (it failed, or did not run) still gets its one row."""
    rows: list[tuple[str, ...]] = []
    for r in reports:
        for lender, verdict in r.verdicts or (("", ""),):
            needed = "；".join(words for who, words in r.needed if who == lender)
            rows.append((r.case, STATUS_CN[r.status.value], lender, VERDICT_CN.get(verdict, verdict), needed,
                         "；".join(_outputs(r.outputs, lender, len(r.verdicts))), message(r)))
    return rows


def _outputs(outputs: Sequence[str], lender: str, loans: int) -> list[str]:
    """A loan's own files: render names each `<document>-<lender>[-<contract>].<ext>`."""
    if loans <= 1:
        return list(outputs)
    from generator.render import safe_name

    return [name for name in outputs if f"-{safe_name(lender)}" in name]
