"""Mutation fuzzing of the readers and of case.toml: ``python -m tests.fuzz [--inputs 10000] [--seed 0]``.

Each input is a fixture PDF (or an example's case.toml) changed by a seeded mutation: bytes
flipped, the file cut short, a stretch repeated or dropped, a number made huge, a PDF keyword
swapped for another. Every input must end in a result or in one of our InputErrors: anything else
(an exception of a library, a hang past TIMEOUT seconds, memory past the LIMIT, a crash of the
process) is a failure, reported with the seed and index that reproduce it. The inputs run in a
child process (a crash of pdfium must not take the runner with it), under an address-space limit.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing as mp
import random
import re
import resource
import shutil
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 30  # seconds for one input
LIMIT = 3 << 30  # bytes of address space for the child (pdfium maps more than it uses)
_KEYWORDS = [b"obj", b"endobj", b"stream", b"endstream", b"/Length", b"/Filter", b"/FlateDecode", b"xref",
             b"trailer", b"/Root", b"/Pages", b"/Kids", b"/Count", b"/Font", b"/ToUnicode", b"BT", b"ET", b"Tj",
             b"TJ", b"Tf", b"Td", b"Tm", b"cm", b"q", b"Q", b"/MediaBox", b"/Rotate", b"<<", b">>", b"[", b"]"]
_NUMBER = re.compile(rb"-?\d+(\.\d+)?")


@dataclass(frozen=True)
class Failure:
    index: int
    kind: str  # "pdf" | "case"
    source: str
    detail: str


def pdf_sources() -> list[Path]:
    """One small fixture of each document kind, and the examples' statements."""
    picked: dict[str, Path] = {}
    for pdf in sorted((ROOT / "tests" / "fixtures").rglob("*.pdf")):
        family = pdf.relative_to(ROOT / "tests" / "fixtures").parts[1]
        if family not in picked or pdf.stat().st_size < picked[family].stat().st_size:
            picked[family] = pdf
    return sorted(picked.values())


def case_sources() -> list[Path]:
    return sorted((ROOT / "examples").glob("*/case.toml"))


def mutate_bytes(data: bytes, r: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(r.randint(1, 4)):
        op = r.randrange(6)
        at = r.randrange(len(out)) if out else 0
        if op == 0:  # flip bytes
            for i in range(at, min(len(out), at + r.randint(1, 8))):
                out[i] = r.randrange(256)
        elif op == 1:  # cut short
            del out[r.randint(len(out) // 4, len(out)):]
        elif op == 2:  # repeat a stretch
            n = r.randint(1, 4096)
            out[at:at] = out[at:at + n] * r.randint(1, 3)
        elif op == 3:  # drop a stretch
            del out[at:at + r.randint(1, 2048)]
        elif op == 4:  # a number made huge, negative or odd
            numbers = list(_NUMBER.finditer(out, max(0, at - 2000), at + 2000))
            if numbers:
                m = r.choice(numbers)
                out[m.start():m.end()] = r.choice([b"99999999999", b"-1", b"0", b"1e308", b"2147483648", b"0.0000001"])
        else:  # a keyword swapped for another
            kw = r.choice(_KEYWORDS)
            found = out.find(kw, at)
            if found >= 0:
                out[found:found + len(kw)] = r.choice(_KEYWORDS)
    return bytes(out)


_TOML_VALUES = ['""', '"{{ x }}"', '"〔x〕"', '"\u202e123"', '"a\\u0000b"', "1e400", '"Infinity"', "-1", "0",
                "9999-12-31", "0001-01-01", '"x" ', "[1, 2", "{ a = 1 }", '"' + "名" * 300 + '"', "true",
                '"2026-02-30"', '"12,000.00"', '"-5000"', '"../../etc/passwd"', '"/etc/passwd"']


def mutate_toml(text: str, r: random.Random) -> str:
    lines = text.splitlines()
    for _ in range(r.randint(1, 3)):
        op = r.randrange(4)
        i = r.randrange(len(lines)) if lines else 0
        if op == 0 and "=" in lines[i]:  # a value replaced
            key = lines[i].split("=", 1)[0]
            lines[i] = f"{key}= {r.choice(_TOML_VALUES)}"
        elif op == 1:  # a line dropped
            del lines[i]
        elif op == 2:  # a line repeated (duplicate keys, tables)
            lines.insert(i, lines[i])
        else:  # bytes of a line changed
            line = list(lines[i])
            for _ in range(r.randint(1, 3)):
                if line:
                    line[r.randrange(len(line))] = r.choice("=[]\"'{}#\\\n\t.,0")
            lines[i] = "".join(line)
        if not lines:
            lines = [""]
    return "\n".join(lines) + "\n"


def inputs(count: int, seed: int) -> Iterator[tuple[int, str, Path, random.Random]]:
    pdfs, cases = pdf_sources(), case_sources()
    for index in range(count):
        r = random.Random(f"{seed}:{index}")
        if index % 5 == 4 and cases:
            yield index, "case", r.choice(cases), r
        else:
            yield index, "pdf", r.choice(pdfs), r


def _alarm(signum: int, frame: object) -> None:
    raise TimeoutError(f"no answer within {TIMEOUT} s")


def _one(kind: str, source: Path, r: random.Random, work: Path) -> str | None:
    """None when the input ends in a result or an InputError; else what went wrong."""
    from typer.testing import CliRunner

    from generator.cli import app
    from generator.errors import InputError
    from generator.parsers import parse_document

    if kind == "pdf":
        path = work / "input.pdf"
        path.write_bytes(mutate_bytes(source.read_bytes(), r))
        try:
            parse_document(path, label=source.name)
        except InputError:
            return None
        except Exception:  # noqa: BLE001 - any other exception is the finding
            return traceback.format_exc(limit=-8)
        return None
    case = work / "case"
    shutil.rmtree(case, ignore_errors=True)
    shutil.copytree(source.parent, case)
    (case / "case.toml").write_text(mutate_toml(source.read_text(encoding="utf-8"), r), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(case), "--json"])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return "".join(traceback.format_exception(result.exception, limit=-8))
    if result.exit_code not in (0, 1, 2) or "Traceback" in result.stderr:
        return f"exit {result.exit_code}: {result.stderr[-2000:]}"
    return None


def _child(count: int, seed: int, start: int, queue: mp.Queue[tuple[str, int, str, str, str]]) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))
    logging.disable(logging.WARNING)  # the libraries' complaints about broken input are expected
    signal.signal(signal.SIGALRM, _alarm)
    with tempfile.TemporaryDirectory() as tmp:
        for index, kind, source, r in inputs(count, seed):
            if index < start:
                continue
            queue.put(("start", index, kind, str(source), ""))
            signal.alarm(TIMEOUT)
            try:
                detail = _one(kind, source, r, Path(tmp))
            except (TimeoutError, MemoryError) as exc:
                detail = f"{type(exc).__name__}: {exc}"
            finally:
                signal.alarm(0)
            if detail is not None:
                queue.put(("fail", index, kind, str(source), detail))
    queue.put(("done", count, "", "", ""))


def run(count: int, seed: int, report: Callable[[str], None] = lambda _: None) -> list[Failure]:
    """Run `count` inputs; a child that dies is restarted after the input it died on."""
    failures: list[Failure] = []
    start = 0
    ctx = mp.get_context("fork")
    while start < count:
        queue: mp.Queue[tuple[str, int, str, str, str]] = ctx.Queue()
        child = ctx.Process(target=_child, args=(count, seed, start, queue))
        child.start()
        current = (start, "", "")
        done = False
        while not done:
            try:
                what, index, kind, source, detail = queue.get(timeout=TIMEOUT + 30)
            except Exception:  # noqa: BLE001 - queue.Empty: the child died or hangs outside an input
                break
            if what == "start":
                current = (index, kind, source)
                if index % 500 == 0:
                    report(f"{index}/{count}")
            elif what == "fail":
                failures.append(Failure(index, kind, source, detail))
            else:
                done = True
        child.join(5)
        if child.is_alive():
            child.kill()
            child.join()
        if done:
            break
        index, kind, source = current
        failures.append(Failure(index, kind, source, f"the process died (exit {child.exitcode})"))
        start = index + 1
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]
    failures = run(args.inputs, args.seed, print)
    for f in failures:
        print(f"FAIL seed {args.seed} input {f.index} ({f.kind} from {f.source}):\n{f.detail}")
    print(f"{args.inputs} inputs, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
