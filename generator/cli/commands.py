"""The commands of `dispute`.

Exit codes: 0 done; 1 finished but some of several files failed; 2 bad input or usage, or every
input failed (one line per bad file on stderr, no traceback).
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from generator import __version__
from generator.catalogue import Message, message
from generator.cli.errors import CommandLineError, error_line, failing, notice_line
from generator.cli.help import ZhCommand, ZhGroup
from generator.cli.options import date_option, given_date
from generator.errors import DisputeError, UnknownProvider
from generator.documents import Document
from generator.models import CaseResult

app = typer.Typer(cls=ZhGroup, add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="核对网贷还款记录，生成征信异议申请材料（本地运行，免费，无需中介）。")


def _notice_ignored(ignored: tuple[tuple[str, Message], ...]) -> None:
    for file, why in ignored:
        typer.echo(notice_line(message("error.located", location=file, problem=why)), err=True)


def _dump(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _split(value: str, allowed: tuple[str, ...], option: str) -> list[str]:
    items = [v.strip() for v in value.split(",") if v.strip()]
    bad = [v for v in items if v not in allowed]
    if bad or not items:
        raise CommandLineError("cli.bad_list", option=option, choices=", ".join(allowed), value=repr(value))
    return items


@app.command(cls=ZhCommand)
@failing
def version() -> None:
    """打印版本号。"""
    typer.echo(__version__)


@app.command(cls=ZhCommand)
@failing
def providers() -> None:
    """列出支持的文件格式及识别方式。"""
    from generator.exports.registry import EXPORTS
    from generator.parsers import PARSERS

    for p in PARSERS:
        typer.echo(f"{p.name:10} {p.kind.value:20} {p.title}  [{p.describe()}]")
    for e in EXPORTS:
        typer.echo(f"{e.name:10} {e.kind.value:20} {e.title}  [{e.describe()}]")


@app.command(cls=ZhCommand)
@failing
def parse(
    files: Annotated[list[Path], typer.Argument(metavar="文件", help="PDF、导出的 CSV/XLS/XLSX 或 ZIP 压缩包")],
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
    password: Annotated[str | None, typer.Option("--password", metavar="密码", help="加密 PDF 或 ZIP 压缩包的密码")] = None,
    provider: Annotated[str | None, typer.Option("--provider", metavar="解析器", help="强制使用某个解析器")] = None,
) -> None:
    """解析流水/报告（PDF、导出文件，ZIP 压缩包里的每个文件）。"""
    from generator.parsers import parse_documents
    from generator.serialize import document_json

    done: list[Document] = []
    failed = tried = 0
    for path in files:
        try:
            parsed = parse_documents(path, password=password, provider=provider)
        except UnknownProvider as err:
            parsed = []
            failed, tried = failed + 1, tried + 1
            typer.echo(error_line(message("error.located", location=str(path), problem=err.msg)), err=True)
        for one in parsed:  # an archive gives one per member
            tried += 1
            if isinstance(one, DisputeError):
                failed += 1
                typer.echo(error_line(one.render()), err=True)
            else:
                done.append(one)
    if as_json:
        _dump({"documents": [document_json(d) for d in done]})
    else:
        _print_documents(done)
    if failed:
        raise typer.Exit(code=2 if failed == tried else 1)


def _print_documents(documents: list[Document]) -> None:
    from rich.console import Console

    from generator.cli.parse_tables import print_document

    console = Console()
    for i, doc in enumerate(documents):
        if i:
            console.print()
        print_document(doc, console)


def _run_check(case_dir: Path, as_of: date) -> CaseResult:
    from generator.pipeline import check_folder

    checked = check_folder(case_dir, as_of)
    _notice_ignored(checked.ignored)
    return checked.result


@app.command(cls=ZhCommand)
@failing
def check(
    case_dir: Annotated[Path, typer.Argument(metavar="案件文件夹", help="含 case.toml 的文件夹")],
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
    on: Annotated[str | None, date_option("核对日期")] = None,
) -> None:
    """核对还款与报告记录，给出每期、每月的结论。"""
    from generator.serialize import check_json

    result = _run_check(case_dir, given_date(on))
    if as_json:
        _dump(check_json(result))
    else:
        from generator.cli.show import print_summary

        print_summary(result)


@app.command(cls=ZhCommand)
@failing
def generate(
    case_dir: Annotated[Path, typer.Argument(metavar="案件文件夹", help="含 case.toml 的文件夹")],
    to: Annotated[str, typer.Option("--to", metavar="收件方", help="lender,bureau,complaint 中的一个或几个，逗号分隔")] = "lender,bureau",
    fmt: Annotated[str, typer.Option("--format", metavar="格式", help="pdf,docx 中的一个或两个，逗号分隔；证据材料总是 PDF")] = "pdf,docx",
    out: Annotated[Path | None, typer.Option("--out", metavar="文件夹", help="输出文件夹（默认 案件文件夹/out）")] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已有文件")] = False,
    on: Annotated[str | None, date_option("落款日期")] = None,
    keep_originals: Annotated[bool, typer.Option("--keep-originals", help="证据中保留流水原页，不遮盖无关交易")] = False,
) -> None:
    """生成异议申请书、证据材料（PDF 与 DOCX）或个人声明。"""
    from datetime import datetime

    from generator.pipeline import generate_case
    from generator.render import FORMATS, LETTERS, Options

    recipients = _split(to, tuple(LETTERS), "--to")
    formats = _split(fmt, FORMATS, "--format")
    letter_date = given_date(on)
    options = Options(recipients, formats, letter_date, keep_originals)
    outcome = generate_case(case_dir, out or case_dir / "out", options, force=force, generated_at=datetime.now())
    from generator.cli.show import print_outcome

    _notice_ignored(outcome.ignored)
    print_outcome(outcome)


@app.command(cls=ZhCommand)
@failing
def verify(
    out_dir: Annotated[Path, typer.Argument(metavar="输出文件夹", help="dispute generate 的输出文件夹")],
    case: Annotated[Path | None, typer.Option("--case", metavar="案件文件夹", help="输出文件夹不在案件旁时需指定")] = None,
) -> None:
    """核对输出文件夹中的文件是否与 manifest.json 一致。"""
    from generator.manifest import verify as verify_dir

    problems = verify_dir(out_dir, case)
    from generator.messages import describe_mismatch

    for p in problems:
        typer.echo(f"{p.file}: {describe_mismatch(p.problem)}", err=True)
    if problems:
        raise typer.Exit(code=1)
    typer.echo("全部文件与 manifest.json 一致。")


@app.command(cls=ZhCommand)
@failing
def serve(
    port: Annotated[int, typer.Option("--port", min=0, max=65535, metavar="端口",
                                         help="0 到 65535；0：任选一个空闲端口")] = 8765,
    workspace: Annotated[Path | None, typer.Option("--workspace", metavar="文件夹", help="工作文件夹（默认在用户数据文件夹中）")] = None,
) -> None:
    """在浏览器中使用：建案件、放入文件、看结论、下载文书（只在本机 127.0.0.1 上开放）。

    工作文件夹中每个案件一个子文件夹。
    """
    try:  # lazily: the CLI starts without the web extra installed
        from generator.web.server import serve as run
        from generator.web.workspace import default_workspace
    except ImportError as exc:
        raise CommandLineError("cli.serve_needs_web", module=str(exc.name)) from None
    folder = workspace or default_workspace()

    def ready(address: str) -> None:
        typer.echo(f"请在浏览器中打开 {address}\n只有这台电脑能访问，文件不会离开本机。工作文件夹：{folder}\n按 Ctrl-C 停止。")

    run(folder, port, ready)


def _register() -> None:
    from generator.cli.batch import batch
    from generator.cli.track import status, track

    app.command("batch", cls=ZhCommand, short_help="批量处理多个案件（多进程或 Dask 集群）。")(batch)
    app.command("track", cls=ZhCommand, short_help="记录已提出的异议、答复与结果。")(track)
    app.command("status", cls=ZhCommand, short_help="列出各案件的答复期限、逾期与可投诉的异议。")(status)


_register()


def main() -> None:  # pragma: no cover - console-script entry for `python -m`
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
