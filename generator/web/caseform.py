"""The case form: case.toml's [borrower] and [[loans]] keys as form fields, and back.

The form never judges a value: it writes what was typed into case.toml (an integer where the
text is one, a date where it is one) and case.load_case / case.build_loans, the rules the CLI
applies, say what is wrong, naming the key. Keys the form does not show ([[loans.schedule]],
[[loans.reported]], [report], [passwords], [agent]) are kept as they were.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from generator.case import CASE_FILE
from generator.catalogue import message
from generator.models import Method

# (key, kind): kind says how typed text becomes a TOML value; labels and help are in the template.
BORROWER_FIELDS = (("name", "text"), ("id_type", "text"), ("id_number", "text"), ("phone", "text"),
                   ("address", "text"), ("email", "text"))
LOAN_FIELDS = (("lender", "text"), ("product", "text"), ("contract_number", "text"), ("principal", "text"),
               ("disbursed_on", "date"), ("installments", "int"), ("method", "text"), ("annual_rate", "text"),
               ("daily_rate", "text"), ("due_day", "int"), ("grace_days", "int"), ("payee_names", "lines"),
               ("settled_on", "date"), ("statement_reason", "text"), ("pboc_branch", "text"))
CONTACT_FIELDS = ("phone", "address", "email")  # what the letters page lets a person edit
METHODS = tuple(m.value for m in Method)
_ERROR_AT = re.compile(r"^\[borrower\]\.(\w+)|^\[\[loans\]\]\[(\d+)\]\.(\w+)")


@dataclass(frozen=True)
class FormState:
    borrower: dict[str, str]
    loans: list[dict[str, str]]
    errors: dict[str, str]  # field id ("borrower.phone", "loans.0.principal") -> message
    general: list[str]  # errors that name no field


def read_raw(folder: Path) -> dict[str, Any]:
    """case.toml as TOML, unjudged (a case the rules refuse still opens in the form)."""
    try:
        data = tomllib.loads((folder / CASE_FILE).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    return data


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def form_state(raw: Mapping[str, Any], errors: list[str] | None = None) -> FormState:
    borrower = _dict(raw.get("borrower"))
    loans = [t for t in _list(raw.get("loans")) if isinstance(t, dict)]
    fields, general = place_errors(errors or [])
    return FormState({k: _shown(borrower.get(k)) for k, _ in BORROWER_FIELDS},
                     [{k: _shown(t.get(k)) for k, _ in LOAN_FIELDS} for t in loans or [{}]], fields, general)


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return value.isoformat() if isinstance(value, date) else str(value)


def place_errors(messages: list[str]) -> tuple[dict[str, str], list[str]]:
    """Attach each case.toml error to the field its key names; the rest stay general. Messages
    are (`case.toml: [borrower].phone: 应为 …`) as the catalogue renders them."""
    fields: dict[str, str] = {}
    general: list[str] = []
    for message in messages:
        where = message.split(": ", 1)[1] if message.startswith(CASE_FILE + ": ") else message
        found = _ERROR_AT.match(where)
        if found and found.group(1):
            fields.setdefault(f"borrower.{found.group(1)}", where)
        elif found:
            fields.setdefault(f"loans.{int(found.group(2)) - 1}.{found.group(3)}", where)
        else:
            general.append(message)
    return fields, general


def merged(raw: Mapping[str, Any], form: Mapping[str, str], loan_count: int) -> dict[str, Any]:
    """case.toml's data with the form's fields in place of the ones it shows: an empty field
    removes its key (the documents may supply it)."""
    data = {k: v for k, v in raw.items()}
    data["borrower"] = _table(raw.get("borrower"), form, "borrower.", BORROWER_FIELDS)
    old_loans = _list(raw.get("loans"))
    data["loans"] = [_table(old_loans[i] if i < len(old_loans) else None, form, f"loans.{i}.", LOAN_FIELDS)
                     for i in range(loan_count)]
    return data


def merged_contacts(raw: Mapping[str, Any], form: Mapping[str, str]) -> dict[str, Any]:
    """Only the free-text parts the letters carry: contact details and each 个人声明 reason."""
    data = {k: v for k, v in raw.items()}
    data["borrower"] = _table(raw.get("borrower"), form, "borrower.", [(k, "text") for k in CONTACT_FIELDS])
    loans = _list(raw.get("loans"))
    data["loans"] = [_table(t, form, f"loans.{i}.", [("statement_reason", "text")]) if isinstance(t, dict) else t
                     for i, t in enumerate(loans)]
    return data


def _table(old: Any, form: Mapping[str, str], prefix: str, fields: Any) -> dict[str, Any]:
    table = dict(old) if isinstance(old, dict) else {}
    for key, kind in fields:
        if prefix + key not in form:
            continue
        value = _typed(form[prefix + key], kind)
        if value in ("", []):
            table.pop(key, None)
        else:
            table[key] = value
    return table


def _typed(text: str, kind: str) -> Any:
    text = text.strip()
    if kind == "int" and re.fullmatch(r"[0-9]{1,6}", text):
        return int(text)
    if kind == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text
    if kind == "lines":
        return [line.strip() for line in re.split(r"[\n,，、]", text) if line.strip()]
    return text


def validate(folder: Path) -> list[str]:
    """What the CLI would refuse in case.toml, localised; a key the documents may still supply
    is not refused here (check says so if they do not)."""
    from generator.case import MissingKey, build_loans, load_case
    from generator.errors import InputError

    try:
        case = load_case(folder, defer=True)
        build_loans(folder / CASE_FILE, case.loan_tables)
    except MissingKey:
        return []
    except InputError as err:
        if err.page is None:
            return [message("error.located", location=Path(err.file).name, problem=err.msg).render()]
        return [err.render()]
    return []
