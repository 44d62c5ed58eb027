"""`dispute track` and `dispute status`: the command line of generator.track. Like commands.py, it prints
and exits; the library returns data. Register with `app.command("track")(track)` and
`app.command("status")(status)` in generator/cli/commands.py.

Exit codes: 0 done; 1 status over several cases, some of whose dispute-track.json is unreadable;
2 bad input (one line on stderr, no traceback).
"""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from generator.catalogue import message
from generator.cli.errors import CommandLineError, error_line, failing, notice_line
from generator.cli.options import date_option, given_date
from generator.track_text import (COMPLAINT_HINT, STATE_ORDER, TO_CN, WEEKDAYS_NOTE, confirmation, due_text, next_step,
                                  state_text, summary_line)

if TYPE_CHECKING:
    from generator.models import Case
    from generator.track import CaseStatus

class To(StrEnum):
    LENDER = "lender"
    BUREAU = "bureau"
    COMPLAINT = "complaint"


class OutcomeOption(StrEnum):
    CORRECTED = "corrected"
    REFUSED = "refused"
    NONE = "none"


@failing
def track(
    case: Annotated[Path, typer.Argument(metavar="案件文件夹", help="含 case.toml 的文件夹")],
    to: Annotated[To, typer.Option("--to", metavar="收件方",
                                        help="lender 贷款机构，bureau 征信中心，complaint 投诉")],
    filed: Annotated[str, typer.Option("--filed", metavar="日期", help="对方收到的日期 YYYY-MM-DD（邮寄以签收日为准）")],
    ticket: Annotated[str | None, typer.Option("--ticket", metavar="编号", help="工单号/受理编号")] = None,
    reply: Annotated[str | None, typer.Option("--reply", metavar="日期", help="收到书面答复的日期（需同时给出 --outcome）")] = None,
    outcome: Annotated[OutcomeOption | None, typer.Option("--outcome", metavar="结果",
                                                      help="corrected 已更正，refused 拒绝更正，none 未处理")] = None,
    loan: Annotated[str | None, typer.Option("--loan", metavar="贷款", help="多笔贷款时：机构名称或合同编号")] = None,
) -> None:
    """记录已提出的异议或投诉（及收到的答复），计算答复期限。

    日期都写成 YYYY-MM-DD。--filed 是对方收到异议或投诉的日期；complaint 指向人民银行分支机构投诉。
    """
    from generator.case import load_case
    from generator.track import Filing, load_filings, record_filing

    today = date.today()
    if (reply is None) != (outcome is None):
        raise CommandLineError("cli.reply_and_outcome")
    filed_on, reply_on = given_date(filed, "--filed"), given_date(reply, "--reply") if reply else None
    if reply_on is not None and reply_on < filed_on:
        raise CommandLineError("cli.reply_before_filed", reply=reply_on.isoformat(), filed=filed_on.isoformat())
    new = Filing(to=to.value, filed=filed_on, ticket=_text("--ticket", ticket), reply=reply_on,
                 outcome=outcome.value if outcome else None, loan=_text("--loan", loan))
    later = new.after_today(today)
    if later is not None:
        day = new.filed if later == "filed" else new.reply
        raise CommandLineError("cli.future_date", option=f"--{later}", date=str(day), today=today.isoformat())
    known = load_case(case, defer=True)
    existed = any(f.key == new.key for f in load_filings(case))
    saved = next(f for f in record_filing(case, new) if f.key == new.key)
    _warn_unknown_loan(known, saved.loan)
    typer.echo(confirmation(saved, today, updated=existed))


@failing
def status(
    path: Annotated[Path, typer.Argument(metavar="文件夹", help="案件文件夹或案件总文件夹")] = Path("."),
    on: Annotated[str | None, date_option("按此日期计算")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """列出各案件的异议/投诉：等待答复、已逾期、可升级投诉或起诉。

    文件夹默认为当前文件夹。
    """
    from generator.case import CASE_FILE
    from generator.track import case_status, cases_status, status_json

    today = given_date(on)
    cases = [case_status(path, today)] if (path / CASE_FILE).is_file() else cases_status(path, today)
    for c in cases:
        if c.error:
            typer.echo(error_line(c.failure.render() if c.failure else str(c.error)), err=True)
    if as_json:
        typer.echo(json.dumps(status_json(cases, today), ensure_ascii=False, indent=2))
    else:
        _print_status(cases, today)
    failed = sum(c.error is not None for c in cases)
    if failed:
        raise typer.Exit(code=2 if failed == len(cases) else 1)


# ----------------------------------------------------------------------------- input


def _text(option: str, value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise CommandLineError("cli.empty", option=option)
    return value.strip() if value is not None else None


def _warn_unknown_loan(case: Case, loan: str | None) -> None:
    names = {str(t.get(k)) for t in case.loan_tables for k in ("lender", "contract_number") if t.get(k)}
    if loan is not None and names and loan not in names:
        typer.echo(notice_line(message("cli.unknown_loan", loan=repr(loan), names=tuple(sorted(names)))), err=True)


# ----------------------------------------------------------------------------- output


def _print_status(cases: list[CaseStatus], today: date) -> None:
    rows = sorted(((c.name, s) for c in cases for s in c.filings),
                  key=lambda r: (STATE_ORDER[r[1].state], r[1].deadlines.reply_due, r[0]))
    if not rows:
        typer.echo("尚无记录的异议或投诉。提出后用 dispute track CASE --to lender --filed YYYY-MM-DD 记录。")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"截至 {today.isoformat()}")
    for header in ("案件", "对象", "提出日期", "工单号", "答复期限", "状态", "下一步"):
        # Dates never wrap; the rest fold rather than end in "…", so no word is lost on a narrow terminal.
        table.add_column(header, no_wrap=header in ("提出日期", "答复期限"), overflow="fold")
    for name, st in rows:
        f = st.filing
        who = TO_CN[f.to] + (f"（{f.loan}）" if f.loan else "")
        table.add_row(name, who, f.filed.isoformat(), f.ticket or "-", due_text(st), state_text(st), next_step(st))
    Console().print(table)
    if any(st.deadlines.workdays == "weekdays_only" for _, st in rows):
        typer.echo("* " + WEEKDAYS_NOTE.strip("（）"))
    typer.echo(summary_line([st for _, st in rows]))
    if any(st.next_step == "complain" for _, st in rows):
        typer.echo(COMPLAINT_HINT)
