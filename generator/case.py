"""case.toml: everything the documents cannot tell. Errors name the file, the key and what was
expected, e.g. ``case.toml: [[loans]][1].principal: expected a decimal string like "12000.00"``."""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from generator.catalogue import Message, message
from generator.syntax import toml_problem
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

    def __init__(self, code: str, /, **params: Any) -> None:
        self.msg = Message(code, params)
        super().__init__(str(self.msg))


class MissingKey(CaseError):
    """A required key is absent (the documents may still supply it: `generator.resolve`)."""


def unknown_key(key: str, allowed: Iterable[str]) -> Message:
    """Why `key` is refused: the keys one may write, and the closest of them if it looks like a typo.
    (`_`-prefixed keys are filled in from documents (resolve.py): never offered to the user.)"""
    keys = tuple(sorted(k for k in allowed if not k.startswith("_")))
    close = difflib.get_close_matches(key, keys, n=1)
    return (message("case.unknown_key_hint", suggestion=close[0], keys=keys) if close
            else message("case.unknown_key", keys=keys))


class _Table:
    """A TOML table with the path used in error messages."""

    def __init__(self, file: Path, path: str, data: Mapping[str, Any], allowed: set[str]) -> None:
        self.file, self.path, self.data = file, path, data
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise self.error(unknown[0], unknown_key(unknown[0], allowed))

    def error(self, key: str, problem: Message, kind: type[CaseError] = CaseError) -> CaseError:
        # A value resolve.py took from a document names that document, not case.toml.
        file, page = self.data.get("_from", {}).get(key, (self.file, None))
        return kind(file, "case.key", page=page, key=f"{self.path}.{key}" if self.path else key, problem=problem)

    def get(self, key: str, convert: Callable[[Any], T], expected: Message, default: T | None = None) -> T:
        if key not in self.data:
            if default is not None:
                return default
            raise self.error(key, message("case.missing_expected", expected=expected), MissingKey)
        try:
            return convert(_clean(self.data[key], TEXT_LIMITS.get(key, TEXT_LIMIT)))
        except Refused as exc:
            raise self.error(key, exc.msg) from None
        except (TypeError, ValueError, ArithmeticError):
            raise self.error(key, _got(expected, _shown(self.data[key]))) from None


def _got(expected: Message, value: str) -> Message:
    return message("case.expected_got", expected=expected, value=value)


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
        raise Refused("value.too_long", length=len(text), limit=limit)
    for i, char in enumerate(text):
        if unicodedata.category(char) == "Cc":
            raise Refused("value.control_character", codepoint=f"{ord(char):04X}", position=i + 1)
    missing = undrawable(text)
    if missing is not None:
        if missing.isprintable():
            raise Refused("value.undrawable_shown", codepoint=f"{ord(missing):04X}", char=missing)
        raise Refused("value.undrawable", codepoint=f"{ord(missing):04X}")
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
        raise Refused("value.implausible_amount", value=_shown(value), limit=f"{MAX_AMOUNT - 1:,}")
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
        raise Refused("value.implausible_date", value=value.isoformat(), earliest=EARLIEST.isoformat(),
                      latest=latest.isoformat(), earliest_year=EARLIEST.year, years=years_ahead)


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
        raise CaseError(folder, "case.folder_missing")
    if not folder.is_dir():
        raise CaseError(folder, "case.folder_is_file")
    if not file.is_file():
        raise CaseError(file, "case.no_case_toml")
    _inside(folder, file)
    try:
        # utf-8-sig: Windows Notepad saves UTF-8 with a byte-order mark, which TOML does not allow.
        data = tomllib.loads(file.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise CaseError(file, "file.not_utf8") from None
    except tomllib.TOMLDecodeError as exc:
        raise CaseError(file, "case.not_toml", problem=toml_problem(exc)) from None
    top = _Table(file, "", data, _TOP_KEYS)
    if "borrower" not in data or not isinstance(data["borrower"], dict):
        raise top.error("[borrower]", message("case.missing_table"))
    loans_data = data.get("loans")
    if not isinstance(loans_data, list) or not loans_data:
        raise top.error("[[loans]]", message("case.no_loans"))
    borrower = _borrower(_Table(file, "[borrower]", data["borrower"], _BORROWER_KEYS))
    tables = tuple(loans_data)
    loans = () if defer else build_loans(file, tables)
    documents = find_documents(folder)
    return Case(root=folder, name=folder.resolve().name, borrower=borrower, loans=loans,
                documents=documents, report=_report(file, data.get("report"), documents),
                passwords=_passwords(file, data.get("passwords")), agent=_agent(file, data.get("agent")),
                loan_tables=tables)


def _borrower(t: _Table) -> Borrower:
    id_type = t.get("id_type", _nonempty, message("expect.id_type"), "居民身份证")
    id_number = t.get("id_number", _nonempty, message("expect.id_number"))
    if id_type == "居民身份证":
        _check_ric(t, id_number)
    phone = _phone(t)
    return Borrower(name=t.get("name", _nonempty, message("expect.borrower_name")), id_type=id_type,
                    id_number=id_number.upper(), phone=phone,
                    address=t.get("address", _text, message("expect.string"), ""), email=t.get("email", _text, message("expect.string"), ""))


def _phone(t: _Table) -> str:
    phone = t.get("phone", _nonempty, message("expect.phone_string"))
    if not (_MOBILE.match(phone) or _LANDLINE.match(phone)):
        raise t.error("phone", _got(message("expect.phone"), repr(phone)))
    return phone


def _check_ric(t: _Table, number: str) -> None:
    from stdnum.cn import ric
    from stdnum.exceptions import ValidationError

    try:
        ric.validate(number)
    except ValidationError as exc:
        # The number itself never goes into a message: it is personal data.
        reason = _RIC_REASONS.get(type(exc).__name__)
        raise t.error("id_number", message("case.bad_ric", reason=message(reason) if reason else str(exc))) from None


# python-stdnum's exceptions, by class: their messages are English
_RIC_REASONS = {"InvalidLength": "ric.length", "InvalidFormat": "ric.format",
                "InvalidChecksum": "ric.checksum", "InvalidComponent": "ric.component"}


def _loan(t: _Table) -> Loan:
    lender = t.get("lender", _nonempty, message("expect.lender"))
    product = t.get("product", _text, message("expect.string"), "")
    schedule = _schedule(t) or tuple(t.data.get("_schedule", ()))
    required = not schedule
    principal = t.get("principal", _positive_decimal, message("expect.decimal", example="12000.00"),
                      None if required else Decimal(0))
    return Loan(
        lender=lender, product=product,
        contract_number=t.get("contract_number", _nonempty, message("expect.string"), "") or None,
        principal=principal,
        disbursed_on=t.get("disbursed_on", _event_date, message("expect.date_like", example="2024-01-10"),
                           None if required else schedule[0].due_date),
        installments=t.get("installments", _int_range(1, 600), message("expect.installments"),
                           None if required else len(schedule)),
        method=t.get("method", Method, message("expect.one_of", choices=tuple(m.value for m in Method)),
                     Method.EQUAL_INSTALLMENT),
        annual_rate=t.get("annual_rate", _rate, message("expect.annual_rate"),
                          None if required and "daily_rate" not in t.data else Decimal(0)),
        daily_rate=t.get("daily_rate", _daily_rate, message("expect.daily_rate")) if "daily_rate" in t.data else None,
        due_day=t.get("due_day", _int_range(1, 31), message("expect.due_day"),
                      None if required else schedule[0].due_date.day),
        grace_days=t.get("grace_days", _int_range(0, 90), message("expect.days", low=0, high=90), 0),
        reporting_lag_days=t.get("reporting_lag_days", _int_range(0, 365), message("expect.days", low=0, high=365), 45),
        payee_names=t.get("payee_names", _names, message("expect.names"),
                          tuple(n for n in (lender, product) if n)),
        schedule=schedule,
        reported=_reported(t),
        account_id=t.get("account_id", _nonempty, message("expect.string"), "") or None,
        business_type=t.get("business_type", _text, message("expect.string"), ""),
        settled_on=t.data.get("settled_on") and t.get("settled_on", _event_date, message("expect.date")),
        statement_reason=t.get("statement_reason", _text, message("expect.reason"), ""),
        pboc_branch=t.get("pboc_branch", _text, message("expect.pboc_branch"), ""),
        conflicts=tuple(t.data.get("_conflicts", ())),
    )


def _sub_tables(t: _Table, key: str, allowed: set[str]) -> list[_Table]:
    items = t.data.get(key, [])
    if not isinstance(items, list):
        raise t.error(key, message("case.expected", expected=message("expect.array_of_tables")))
    return [_Table(t.file, f"{t.path}.{key}[{i + 1}]", item, allowed) for i, item in enumerate(items)]


def _schedule(t: _Table) -> tuple[Installment, ...]:
    rows = _sub_tables(t, "schedule", {"number", "due_date", "amount", "principal", "interest"})
    decimal = message("expect.decimal_string")
    out = tuple(Installment(number=r.get("number", _int_range(1, 600), message("expect.installment_number")),
                            due_date=r.get("due_date", _due_date, message("expect.date")),
                            amount_due=r.get("amount", _positive_decimal, message("expect.decimal", example="1050.00")),
                            principal=r.get("principal", _decimal, decimal, Decimal(0)) if "principal" in r.data else None,
                            interest=r.get("interest", _decimal, decimal, Decimal(0)) if "interest" in r.data else None)
                for r in rows)
    if [i.number for i in out] != list(range(1, len(out) + 1)):
        raise t.error("schedule", message("case.schedule_order"))
    return out


def _reported(t: _Table) -> tuple[ReportedMonth, ...]:
    out = []
    for r in _sub_tables(t, "reported", {"month", "status", "overdue_amount", "page"}):
        month = r.get("month", _text, message("expect.month"))
        if not _MONTH.match(month):
            raise r.error("month", _got(message("expect.month"), repr(month)))
        try:
            _plausible(YearMonth.parse(month).first_day, EVENT_YEARS_AHEAD)
        except Refused as exc:
            raise r.error("month", exc.msg) from None
        status = r.get("status", _text, message("expect.grid_code"))
        if len(status) != 1 or status not in GRID_CODES:
            raise r.error("status", _got(message("expect.one_grid_code"), repr(status)))
        amount = (r.get("overdue_amount", _decimal, message("expect.decimal", example="1050.00"))
                  if "overdue_amount" in r.data else None)
        page = r.get("page", _int_range(1, 10_000), message("expect.page")) if "page" in r.data else None
        out.append(ReportedMonth(YearMonth.parse(month), status, amount, page))
    return tuple(out)


def _report(file: Path, data: Any, documents: tuple[Path, ...]) -> CreditReportRef | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise _not_table(file, "report")
    t = _Table(file, "[report]", data, {"number", "time", "file"})
    time = t.get("time", _nonempty, message("expect.report_time"))
    try:
        _plausible(date.fromisoformat(time[:10].replace(".", "-").replace("/", "-")), EVENT_YEARS_AHEAD)
    except Refused as exc:
        raise t.error("time", exc.msg) from None
    except ValueError:
        pass  # not a date: the report's own 报告时间 is read instead (validate.linking.report_date)
    name = t.get("file", _nonempty, message("expect.file_name"), "") or None
    return CreditReportRef(report_number=t.get("number", _nonempty, message("expect.report_number")), report_time=time,
                           file=None if name is None else _report_file(t, name, documents))


def _report_file(t: _Table, name: str, documents: tuple[Path, ...]) -> str:
    """The declared report as the documents name it (relative to the case, `/`-separated): one of
    them, so that it is listed in manifest.json and nothing from elsewhere enters the bundle."""
    root = t.file.parent
    given = Path(name)
    if given.is_absolute() or ".." in given.parts:
        raise t.error("file", message("case.report_outside", name=repr(name)))
    try:
        real = (root / given).resolve(strict=True)
    except OSError:
        raise t.error("file", message("case.report_missing", name=repr(name))) from None
    for path in documents:
        if path.resolve() == real:
            return path.relative_to(root).as_posix()
    raise t.error("file", message("case.report_not_document", name=repr(name), out=DEFAULT_OUT))


def _agent(file: Path, data: Any) -> Agent | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise _not_table(file, "agent")
    t = _Table(file, "[agent]", data, {"name", "id_type", "id_number", "phone"})
    id_type = t.get("id_type", _nonempty, message("expect.id_type"), "居民身份证")
    id_number = t.get("id_number", _nonempty, message("expect.agent_id_number"))
    if id_type == "居民身份证":
        _check_ric(t, id_number)
    phone = _phone(t)
    return Agent(t.get("name", _nonempty, message("expect.agent_name")), id_type, id_number.upper(), phone)


def _not_table(file: Path, key: str) -> CaseError:
    return CaseError(file, "case.key", key=key, problem=message("case.expected", expected=message("expect.table")))


def _passwords(file: Path, data: Any) -> dict[str, str]:
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise CaseError(file, "case.key", key="passwords",
                        problem=message("case.expected", expected=message("expect.password_table")))
    return {str(k): v for k, v in data.items()}


# The kinds of file a document arrives as; what each one holds is read from its bytes, never its
# name (a bank's ".xls" may be a web page or text). Banks write exports as .txt too, but so are a
# case's notes: a .txt is a document only when its content holds an export's table (or is no text).
DOCUMENT_SUFFIXES = frozenset({".pdf", ".zip", ".csv", ".tsv", ".txt", ".xls", ".xlsx", ".ods", ".htm", ".html",
                               ".png", ".jpg", ".jpeg"})  # images: scans and screenshots, read by OCR
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
        raise CaseError(path, "case.link_dangling") from None
    if not real.is_relative_to(folder.resolve()):
        raise CaseError(path, "case.link_outside")
    if not (real.is_file() or real.is_dir()):
        raise CaseError(path, "file.not_regular")
