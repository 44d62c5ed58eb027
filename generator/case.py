"""case.toml: everything the documents cannot tell. Errors name the file, the key and what was
expected, e.g. ``case.toml: [[loans]][1].principal: expected a decimal string like "12000.00"``."""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from generator.errors import CaseError
from generator.glyphs import undrawable
from generator.models import (Agent, Borrower, Case, CreditReportRef, Installment, Loan, Method, ReportedMonth,
                              YearMonth)
from generator.money import MAX_AMOUNT

CASE_FILE = "case.toml"
DEFAULT_OUT = "out"
GRID_CODES = frozenset("N*1234567BCGDZM#/A")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")

_BORROWER_KEYS = {"name", "id_type", "id_number", "phone", "address", "email"}
_LOAN_KEYS = {"lender", "product", "contract_number", "principal", "disbursed_on", "installments",
              "method", "annual_rate", "daily_rate", "reporting_lag_days", "due_day", "grace_days", "payee_names", "schedule",
              "reported", "account_id", "business_type", "settled_on", "statement_reason", "pboc_branch"}
_TOP_KEYS = {"borrower", "loans", "report", "passwords", "agent"}

# Text fields are at most this long (characters): a name is printed on the bureau's form, and a
# 10,000-character one took minutes to lay out. A 个人声明 is at most 100 characters (DOMAIN.md), so
# its reason cannot be longer either.
TEXT_LIMIT = 100
TEXT_LIMITS = {"address": 200, "email": 254, "file": 255}
# Dates outside this window are typing errors (0001-01-15, 2205-03-10), not loans: online lending
# and the credit reference centre (2006) came long after 1990. Loans and settlements happened, at
# most a year ahead of the computer's clock; a schedule may run 600 months (50 years).
EARLIEST = date(1990, 1, 1)
EVENT_YEARS_AHEAD = 1
DUE_YEARS_AHEAD = 50
# Invisible characters that change how the text around them is shown: bidi overrides and
# isolates (U+202E printed an ID number backwards), marks, zero-width spaces and joiners, BOMs.
# They carry nothing a letter needs, so they are dropped (every Unicode "format" character).
_FORMAT = "Cf"
_WHITESPACE = str.maketrans({"\t": " ", "\n": " ", "\r": " "})

T = TypeVar("T")


class Refused(ValueError):
    """A value of the right type that cannot be used; the message says why. It quotes no text
    field: that may be a 10,000-character name, and is personal data."""


class MissingKey(CaseError):
    """A required key is absent (the documents may still supply it: `generator.resolve`)."""


class _Table:
    """A TOML table with the path used in error messages."""

    def __init__(self, file: Path, path: str, data: Mapping[str, Any], allowed: set[str]) -> None:
        self.file, self.path, self.data = file, path, data
        unknown = sorted(set(data) - allowed)
        if unknown:
            # `_`-prefixed keys are filled in from documents (resolve.py): never offered to the user.
            documented = sorted(k for k in allowed if not k.startswith("_"))
            close = difflib.get_close_matches(unknown[0], documented, n=1)
            hint = f': did you mean "{close[0]}"?' if close else ""
            raise self.error(unknown[0], f"unknown key{hint} (expected one of: {', '.join(documented)})")

    def error(self, key: str, message: str, kind: type[CaseError] = CaseError) -> CaseError:
        # A value resolve.py took from a document names that document, not case.toml.
        file, page = self.data.get("_from", {}).get(key, (self.file, None))
        return kind(file, f"{self.path}.{key}: {message}" if self.path else f"{key}: {message}", page=page)

    def get(self, key: str, convert: Callable[[Any], T], expected: str, default: T | None = None) -> T:
        if key not in self.data:
            if default is not None:
                return default
            raise self.error(key, f"missing; expected {expected}", MissingKey)
        try:
            return convert(_clean(self.data[key], TEXT_LIMITS.get(key, TEXT_LIMIT)))
        except Refused as exc:
            raise self.error(key, str(exc)) from None
        except (TypeError, ValueError, ArithmeticError):
            raise self.error(key, f"expected {expected}, got {_shown(self.data[key])}") from None


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _clean(value: Any, limit: int) -> Any:
    """Text as it may be printed: format characters dropped, line breaks made spaces; a control
    character, a text over `limit` or a character the bundled fonts lack is Refused."""
    if isinstance(value, list):
        return [_clean(v, limit) for v in value]
    if not isinstance(value, str):
        return value
    text = "".join(c for c in value.translate(_WHITESPACE) if unicodedata.category(c) != _FORMAT)
    if len(text) > limit:
        raise Refused(f"{len(text)} characters, over the limit of {limit}")
    for i, char in enumerate(text):
        if unicodedata.category(char) == "Cc":
            raise Refused(f"control character U+{ord(char):04X} at position {i + 1}: remove it")
    missing = undrawable(text)
    if missing is not None:
        shown = f" ({missing})" if missing.isprintable() else ""
        raise Refused(f"U+{ord(missing):04X}{shown} cannot be printed with the bundled fonts "
                      "(fonts/SOURCES.txt): write it another way")
    return text


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError
    return value.strip()


def _nonempty(value: Any) -> str:
    text = _text(value)
    if not text:
        raise ValueError
    return text


def _decimal(value: Any) -> Decimal:
    # A TOML float has already lost the cents' exactness; only strings and integers are money.
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TypeError
    result = Decimal(str(value).replace(",", ""))
    if not result.is_finite():
        raise ValueError  # "Infinity", "NaN": Decimal takes them, no amount is one
    if abs(result) >= MAX_AMOUNT:
        raise Refused(f"{_shown(value)} is not a plausible amount (at most {MAX_AMOUNT - 1:,} yuan)")
    return result


def _positive_decimal(value: Any) -> Decimal:
    result = _decimal(value)
    if result <= 0:
        raise ValueError
    return result


def _rate(value: Any) -> Decimal:
    result = _decimal(value)
    if not Decimal(0) <= result < Decimal(1):
        raise ValueError  # 10.95 means a percent was written where a fraction is expected
    return result


def _daily_rate(value: Any) -> Decimal:
    result = _decimal(value)
    if not Decimal(0) <= result < Decimal("0.01"):
        raise ValueError  # 0.05 means a percent was written where a fraction is expected
    return result


def _date(value: Any) -> date:
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str):
        return date.fromisoformat(value)
    raise TypeError


def _dated(years_ahead: int) -> Callable[[Any], date]:
    def convert(value: Any) -> date:
        result = _date(value)
        _plausible(result, years_ahead)
        return result
    return convert


def _plausible(value: date, years_ahead: int) -> None:
    today = date.today()
    try:
        latest = today.replace(year=today.year + years_ahead)
    except ValueError:  # 29 February
        latest = today.replace(year=today.year + years_ahead, day=28)
    if not EARLIEST <= value <= latest:
        raise Refused(f"{value.isoformat()} is outside the plausible window {EARLIEST.isoformat()} … "
                      f"{latest.isoformat()} (loans date from {EARLIEST.year} on, and at most {years_ahead} "
                      "year(s) ahead of today): check the year")


_event_date = _dated(EVENT_YEARS_AHEAD)
_due_date = _dated(DUE_YEARS_AHEAD)


def _int_range(low: int, high: int) -> Callable[[Any], int]:
    def convert(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError
        return value
    return convert


def _names(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError
    return tuple(v.strip() for v in value)


def build_loans(file: Path, tables: tuple[dict[str, Any], ...]) -> tuple[Loan, ...]:
    """Loans from their case.toml tables (plus `_`-prefixed facts filled in from documents)."""
    allowed = _LOAN_KEYS | {"_schedule", "_conflicts", "_from"}
    return tuple(_loan(_Table(file, f"[[loans]][{i + 1}]", loan, allowed)) for i, loan in enumerate(tables))


def load_case(folder: Path, *, defer: bool = False) -> Case:
    """Read case.toml. With `defer`, loans are built later (`generator.resolve`), once the documents
    have supplied what case.toml leaves out."""
    folder = Path(folder)
    file = folder / CASE_FILE
    if not folder.exists():
        raise CaseError(folder, "folder does not exist")
    if not folder.is_dir():
        raise CaseError(folder, "not a case folder: a file, not a folder")
    if not file.is_file():
        raise CaseError(file, "missing: a case folder needs a case.toml")
    _inside(folder, file)
    try:
        # utf-8-sig: Windows Notepad saves UTF-8 with a byte-order mark, which TOML does not allow.
        data = tomllib.loads(file.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise CaseError(file, "not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise CaseError(file, f"not valid TOML: {exc}") from None
    top = _Table(file, "", data, _TOP_KEYS)
    if "borrower" not in data or not isinstance(data["borrower"], dict):
        raise top.error("[borrower]", "missing table")
    loans_data = data.get("loans")
    if not isinstance(loans_data, list) or not loans_data:
        raise top.error("[[loans]]", "missing; at least one loan is needed")
    borrower = _borrower(_Table(file, "[borrower]", data["borrower"], _BORROWER_KEYS))
    tables = tuple(loans_data)
    loans = () if defer else build_loans(file, tables)
    documents = find_documents(folder)
    return Case(root=folder, name=folder.resolve().name, borrower=borrower, loans=loans,
                documents=documents, report=_report(file, data.get("report"), documents),
                passwords=_passwords(file, data.get("passwords")), agent=_agent(file, data.get("agent")),
                loan_tables=tables)


def _borrower(t: _Table) -> Borrower:
    id_type = t.get("id_type", _nonempty, "a string such as 居民身份证", "居民身份证")
    id_number = t.get("id_number", _nonempty, "an ID number string")
    if id_type == "居民身份证":
        _check_ric(t, id_number)
    phone = t.get("phone", _nonempty, "a phone number string")
    if not (_MOBILE.match(phone) or _LANDLINE.match(phone)):
        raise t.error("phone", f"expected an 11-digit mobile number (1xxxxxxxxxx) or a landline, got {phone!r}")
    return Borrower(name=t.get("name", _nonempty, "the borrower's name"), id_type=id_type,
                    id_number=id_number.upper(), phone=phone,
                    address=t.get("address", _text, "a string", ""), email=t.get("email", _text, "a string", ""))


def _check_ric(t: _Table, number: str) -> None:
    from stdnum.cn import ric
    from stdnum.exceptions import ValidationError

    try:
        ric.validate(number)
    except ValidationError as exc:
        # The number itself never goes into a message: it is personal data.
        raise t.error("id_number", f"not a valid 居民身份证 number ({exc})") from None


def _loan(t: _Table) -> Loan:
    lender = t.get("lender", _nonempty, "the lender's legal name (管理机构)")
    product = t.get("product", _text, "a string", "")
    schedule = _schedule(t) or tuple(t.data.get("_schedule", ()))
    required = not schedule
    principal = t.get("principal", _positive_decimal, 'a decimal string like "12000.00"',
                      None if required else Decimal(0))
    return Loan(
        lender=lender, product=product,
        contract_number=t.get("contract_number", _nonempty, "a string", "") or None,
        principal=principal,
        disbursed_on=t.get("disbursed_on", _event_date, "a date like 2024-01-10",
                           None if required else schedule[0].due_date),
        installments=t.get("installments", _int_range(1, 600), "a whole number of installments",
                           None if required else len(schedule)),
        method=t.get("method", Method, "one of: " + ", ".join(m.value for m in Method), Method.EQUAL_INSTALLMENT),
        annual_rate=t.get("annual_rate", _rate, 'a fraction string like "0.1095" (10.95%)',
                          None if required and "daily_rate" not in t.data else Decimal(0)),
        daily_rate=t.get("daily_rate", _daily_rate, 'a fraction string like "0.0003" (0.03% a day)') if "daily_rate" in t.data else None,
        due_day=t.get("due_day", _int_range(1, 31), "a day of the month 1-31",
                      None if required else schedule[0].due_date.day),
        grace_days=t.get("grace_days", _int_range(0, 90), "a whole number of days 0-90", 0),
        reporting_lag_days=t.get("reporting_lag_days", _int_range(0, 365), "a whole number of days 0-365", 45),
        payee_names=t.get("payee_names", _names, "a non-empty list of names",
                          tuple(n for n in (lender, product) if n)),
        schedule=schedule,
        reported=_reported(t),
        account_id=t.get("account_id", _nonempty, "a string", "") or None,
        business_type=t.get("business_type", _text, "a string", ""),
        settled_on=t.data.get("settled_on") and t.get("settled_on", _event_date, "a date"),
        statement_reason=t.get("statement_reason", _text, "a short factual reason", ""),
        pboc_branch=t.get("pboc_branch", _text, "a branch name such as 中国人民银行重庆市分行", ""),
        conflicts=tuple(t.data.get("_conflicts", ())),
    )


def _sub_tables(t: _Table, key: str, allowed: set[str]) -> list[_Table]:
    items = t.data.get(key, [])
    if not isinstance(items, list):
        raise t.error(key, "expected an array of tables")
    return [_Table(t.file, f"{t.path}.{key}[{i + 1}]", item, allowed) for i, item in enumerate(items)]


def _schedule(t: _Table) -> tuple[Installment, ...]:
    rows = _sub_tables(t, "schedule", {"number", "due_date", "amount", "principal", "interest"})
    out = tuple(Installment(number=r.get("number", _int_range(1, 600), "an installment number"),
                            due_date=r.get("due_date", _due_date, "a date"),
                            amount_due=r.get("amount", _positive_decimal, 'a decimal string like "1050.00"'),
                            principal=r.get("principal", _decimal, "a decimal string", Decimal(0)) if "principal" in r.data else None,
                            interest=r.get("interest", _decimal, "a decimal string", Decimal(0)) if "interest" in r.data else None)
                for r in rows)
    if [i.number for i in out] != list(range(1, len(out) + 1)):
        raise t.error("schedule", "installments must be numbered 1, 2, 3 … in order")
    return out


def _reported(t: _Table) -> tuple[ReportedMonth, ...]:
    out = []
    for r in _sub_tables(t, "reported", {"month", "status", "overdue_amount", "page"}):
        month = r.get("month", _text, 'a month like "2025-03"')
        if not _MONTH.match(month):
            raise r.error("month", f'expected a month like "2025-03", got {month!r}')
        try:
            _plausible(YearMonth.parse(month).first_day, EVENT_YEARS_AHEAD)
        except Refused as exc:
            raise r.error("month", str(exc)) from None
        status = r.get("status", _text, "a grid code")
        if len(status) != 1 or status not in GRID_CODES:
            raise r.error("status", f"expected one grid code of N * 1-7 B C G D Z M # /, got {status!r}")
        amount = r.get("overdue_amount", _decimal, 'a decimal string like "1050.00"') if "overdue_amount" in r.data else None
        page = r.get("page", _int_range(1, 10_000), "a page number") if "page" in r.data else None
        out.append(ReportedMonth(YearMonth.parse(month), status, amount, page))
    return tuple(out)


def _report(file: Path, data: Any, documents: tuple[Path, ...]) -> CreditReportRef | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise CaseError(file, "report: expected a table")
    t = _Table(file, "[report]", data, {"number", "time", "file"})
    time = t.get("time", _nonempty, 'the 报告时间 like "2025-08-01 09:30:00"')
    try:
        _plausible(date.fromisoformat(time[:10].replace(".", "-").replace("/", "-")), EVENT_YEARS_AHEAD)
    except Refused as exc:
        raise t.error("time", str(exc)) from None
    except ValueError:
        pass  # not a date: the report's own 报告时间 is read instead (validate.linking.report_date)
    name = t.get("file", _nonempty, "a file name", "") or None
    return CreditReportRef(report_number=t.get("number", _nonempty, "the 报告编号"), report_time=time,
                           file=None if name is None else _report_file(t, name, documents))


def _report_file(t: _Table, name: str, documents: tuple[Path, ...]) -> str:
    """The declared report as the documents name it (relative to the case, `/`-separated): one of
    them, so that it is listed in manifest.json and nothing from elsewhere enters the bundle."""
    root = t.file.parent
    given = Path(name)
    if given.is_absolute() or ".." in given.parts:
        raise t.error("file", f"{name!r}: give a PDF inside the case folder, relative to it (like \"个人信用报告.pdf\")")
    try:
        real = (root / given).resolve(strict=True)
    except OSError:
        raise t.error("file", f"{name!r}: no such file in the case folder") from None
    for path in documents:
        if path.resolve() == real:
            return path.relative_to(root).as_posix()
    raise t.error("file", f"{name!r}: not one of the case's documents (a PDF in the case folder, not in "
                          f"{DEFAULT_OUT}/ or a hidden folder)")


def _agent(file: Path, data: Any) -> Agent | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise CaseError(file, "agent: expected a table")
    t = _Table(file, "[agent]", data, {"name", "id_type", "id_number", "phone"})
    id_type = t.get("id_type", _nonempty, "a string such as 居民身份证", "居民身份证")
    id_number = t.get("id_number", _nonempty, "the agent's ID number")
    if id_type == "居民身份证":
        _check_ric(t, id_number)
    phone = t.get("phone", _nonempty, "a phone number string")
    if not (_MOBILE.match(phone) or _LANDLINE.match(phone)):
        raise t.error("phone", f"expected an 11-digit mobile number (1xxxxxxxxxx) or a landline, got {phone!r}")
    return Agent(t.get("name", _nonempty, "the agent's name"), id_type, id_number.upper(), phone)


def _passwords(file: Path, data: Any) -> dict[str, str]:
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise CaseError(file, 'passwords: expected a table of "file name" = "password"')
    return {str(k): v for k, v in data.items()}


# The kinds of file a document arrives as; what each one holds is read from its bytes, never its
# name (a bank's ".xls" may be a web page or text). Banks write exports as .txt too, but so are a
# case's notes: a .txt is a document only when its content holds an export's table (or is no text).
DOCUMENT_SUFFIXES = frozenset({".pdf", ".zip", ".csv", ".tsv", ".txt", ".xls", ".xlsx", ".ods", ".htm", ".html"})
NOTE_SUFFIXES = frozenset({".txt"})


def find_documents(folder: Path) -> tuple[Path, ...]:
    """The documents of a case (PDFs, exports, ZIP archives of either), in name order; case.toml,
    notes and the output folder are not evidence.

    Every one is a regular file whose real path is inside the case folder: a link to a PDF
    elsewhere, or to a folder, is refused with its name rather than read (or silently skipped)."""
    out = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if rel.parts[0] == DEFAULT_OUT or any(p.startswith(".") for p in rel.parts):
            continue
        if path.is_symlink() and path.is_dir():
            _inside(folder, path)  # rglob does not enter it: its PDFs would be left out unsaid
        if path.suffix.lower() in DOCUMENT_SUFFIXES and not path.is_dir():
            _inside(folder, path)
            if path.suffix.lower() not in NOTE_SUFFIXES or _holds_table(path):
                out.append(path)
    return tuple(out)


def _holds_table(path: Path) -> bool:
    from generator.exports.statement import holds_table

    try:
        with path.open("rb") as fh:
            return holds_table(fh.read(1 << 20))
    except OSError:
        return True  # unreadable: reading it as a document names the problem


def _inside(folder: Path, path: Path) -> None:
    """`path` (a file the case reads) is a regular file or folder whose real path is in `folder`."""
    try:
        real = path.resolve(strict=True)
    except OSError:
        raise CaseError(path, "a link to a file that does not exist: copy the file itself into the case folder") from None
    if not real.is_relative_to(folder.resolve()):
        raise CaseError(path, "a link to a file outside the case folder: copy the file itself into the case folder")
    if not (real.is_file() or real.is_dir()):
        raise CaseError(path, "not a regular file")
