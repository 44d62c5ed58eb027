"""The desk's spreadsheet: the rows of `dispute batch`'s summary.csv and summary.xlsx as a
legal-aid worker reads them in Excel, WPS or Calc. One row per loan, in the words `dispute check`
and `dispute batch` use on screen (generator/summary.py, the tables below), so that the sheet never
words a result differently from the terminal. `--lang en` keeps the English one-row-a-case table
of generator/batch.py, which scripts may read."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.batch import CaseReport
    from generator.domain.terms import LoanLabel

STATUS_CN = {"done": "已生成", "skipped": "跳过（未变）", "failed": "失败", "not_run": "未运行"}
VERDICT_CN = {"dispute": "可异议", "statement": "个人声明", "insufficient": "证据不足",
              "nothing_to_dispute": "无需异议"}
COLUMNS = ("案件", "状态", "贷款机构", "贷款", "结论", "需补充材料", "已生成文件", "错误")


def sheet_rows(reports: Sequence[CaseReport], message: Callable[[CaseReport], str]) -> list[tuple[str, ...]]:
    """A row per loan, keyed by the loan and not its lender: one lender often lends twice in a case.
    A case without loans (it failed, or did not run) still gets its one row."""
    from generator.summary import loan_detail

    rows: list[tuple[str, ...]] = []
    for r in reports:
        if not r.verdicts:
            rows.append((r.case, STATUS_CN[r.status.value], "", "", "", "", "；".join(r.outputs), message(r)))
        for loan, verdict in r.verdicts:
            needed = "；".join(words for who, words in r.needed if who == loan.id)
            files = r.outputs if len(r.verdicts) == 1 else _own_files(r, loan)
            rows.append((r.case, STATUS_CN[r.status.value], loan.lender, loan_detail(loan),
                         VERDICT_CN.get(verdict, verdict), needed, "；".join(files), message(r)))
    return rows


def _own_files(report: CaseReport, loan: LoanLabel) -> tuple[str, ...]:
    """A loan's files; a summary.json from before loans had ids names them by lender only, and a
    file name holds its lender (render._stem), so a skipped case's rows still list its files."""
    if report.loan_outputs:
        return tuple(f for who, f in report.loan_outputs if who == loan.id)
    from generator.render import safe_name

    return tuple(name for name in report.outputs if f"-{safe_name(loan.lender)}" in name)


def xlsx(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """The same table as an Excel workbook: header frozen, columns as wide as their text (up to a
    limit beyond which it wraps), so that nothing has to be widened by hand to be read."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False,
                                        "strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet("汇总")
    bold, wrap = book.add_format({"bold": True}), book.add_format({"text_wrap": True, "valign": "top"})
    sheet.write_row(0, 0, columns, bold)
    widths = [min(max([_width(name), *(_width(str(row[col])) for row in rows)]) + 2, MAX_WIDTH)
              for col, name in enumerate(columns)]
    for i, row in enumerate(rows, start=1):
        # Neither Calc nor Excel grows a row to its wrapped text on opening: give it the lines it needs.
        lines = max((-(-_width(str(cell)) // (width - 2)) for cell, width in zip(row, widths, strict=True)), default=1)
        sheet.set_row(i, LINE_HEIGHT * max(lines, 1))
        sheet.write_row(i, 0, row, wrap)
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, 0)
    sheet.set_landscape()  # printed: every column on the page, the header on every page
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    book.close()
    return buffer.getvalue()


MAX_WIDTH = 60  # characters; a longer cell (the documents a loan still needs) wraps
LINE_HEIGHT = 16  # points a line of 11-point text takes, Chinese included


def _width(text: str) -> int:
    """Excel's column unit is one Latin character; a Chinese character takes two."""
    from rich.cells import cell_len

    return max((cell_len(line) for line in text.splitlines()), default=0)
