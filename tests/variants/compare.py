"""Held against the truth a variant was drawn from: what `dispute parse --json` gave.

Only the fields the truth holds are compared (see base.Variant). Text is compared without
whitespace (a wrapped cell's lines are joined with or without a space depending on the render);
money, dates and codes exactly.
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal
from typing import Any

MAX_DIFFS = 8


def _text(value: Any) -> Any:
    return re.sub(r"\s", "", value) if isinstance(value, str) else value


def _money(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def differences(truth: dict[str, Any], got: dict[str, Any]) -> list[str]:
    """What `got` (one document of ``parse --json``) says that the truth does not, as lines."""
    out: list[str] = []
    for key in ("kind", "provider"):
        if truth[key] != got.get(key):
            out.append(f"{key}: {got.get(key)!r}, drawn {truth[key]!r}")
    if out:
        return out
    for key in ("account_holder", "report_number", "subject_name"):
        if key in truth and _text(truth[key]) != _text(got.get(key)):
            out.append(f"{key}: {got.get(key)!r}, drawn {truth[key]!r}")
    if "transactions" in truth:
        out += _rows(truth["transactions"], got.get("transactions", []))
    if "accounts" in truth:
        out += _accounts(truth["accounts"], got.get("accounts", []))
    if "settlement" in truth:
        out += _fields("settlement", truth["settlement"], got.get("settlement") or {})
    if "installments" in truth:
        out += _installments(truth["installments"], got.get("installments", []))
    return out[:MAX_DIFFS]


def _rows(truth: list[dict[str, Any]], got: list[dict[str, Any]]) -> list[str]:
    out = [] if len(truth) == len(got) else [f"transactions: {len(got)} rows, drawn {len(truth)}"]
    pairs = list(enumerate(zip(truth, got), start=1))
    if out:
        out += _unmatched(truth, got)
        pairs = _aligned(truth, got)
    for n, (t, g) in pairs:
        amount = _money(g["amount"])
        if t.get("flow") == "neutral" and amount is not None:
            amount = abs(amount)
        if amount != _money(t["amount"]):
            out.append(f"row {n}: amount {g['amount']}, drawn {t['amount']}")
        if g["date"] != t["date"]:
            out.append(f"row {n}: date {g['date']}, drawn {t['date']}")
        if _money(g.get("balance")) != _money(t.get("balance")):
            out.append(f"row {n}: balance {g.get('balance')}, drawn {t.get('balance')}")
        if "time" in t and (g.get("time") or None) != t["time"]:
            out.append(f"row {n}: time {g.get('time')!r}, drawn {t['time']!r}")
        for key in ("counterparty", "counterparty_account"):
            if key in t and _text(g.get(key, "")) != _text(t[key]):
                out.append(f"row {n}: {key} {g.get(key)!r}, drawn {t[key]!r}")
        if len(out) >= MAX_DIFFS:
            break
    return out


def _key(row: dict[str, Any]) -> tuple[Any, ...]:
    amount = _money(row["amount"])
    return row["date"], None if amount is None else abs(amount)


def _blocks(truth: list[dict[str, Any]], got: list[dict[str, Any]]) -> list[tuple[int, int, int]]:
    matcher = difflib.SequenceMatcher(None, [_key(t) for t in truth], [_key(g) for g in got], autojunk=False)
    return [(a, b, size) for a, b, size in matcher.get_matching_blocks() if size]


def _unmatched(truth: list[dict[str, Any]], got: list[dict[str, Any]]) -> list[str]:
    """With the row counts apart, which rows are extra and which missing (rows paired by date and
    amount), so that one extra row does not read as every later row being wrong."""
    seen_t: set[int] = set()
    seen_g: set[int] = set()
    for a, b, size in _blocks(truth, got):
        seen_t.update(range(a, a + size))
        seen_g.update(range(b, b + size))
    extra = [f"extra row {j + 1}: {got[j]['date']} {got[j]['amount']} {got[j].get('counterparty', '')!r}"
             for j in range(len(got)) if j not in seen_g]
    missing = [f"missing row {i + 1}: {truth[i]['date']} {truth[i]['amount']} {truth[i].get('counterparty', '')!r}"
               for i in range(len(truth)) if i not in seen_t]
    return (extra + missing)[:MAX_DIFFS - 1]


def _aligned(truth: list[dict[str, Any]], got: list[dict[str, Any]]) -> list[tuple[int, tuple[dict[str, Any], dict[str, Any]]]]:
    return [(a + k + 1, (truth[a + k], got[b + k])) for a, b, size in _blocks(truth, got) for k in range(size)]


def _accounts(truth: list[dict[str, Any]], got: list[dict[str, Any]]) -> list[str]:
    out = [] if len(truth) == len(got) else [f"accounts: {len(got)}, drawn {len(truth)}"]
    for n, (t, g) in enumerate(zip(truth, got), start=1):
        for key, value in t.items():
            if key == "history":
                out += _history(n, value, g.get("history", []))
            elif key == "loan_amount":
                if _money(value) != _money(g.get(key)):
                    out.append(f"account {n}: {key} {g.get(key)!r}, drawn {value!r}")
            elif _text(value) != _text(g.get(key)):
                out.append(f"account {n}: {key} {g.get(key)!r}, drawn {value!r}")
    return out


def _history(n: int, truth: list[dict[str, Any]], got: list[dict[str, Any]]) -> list[str]:
    want = {m["month"]: (m["status"], _money(m.get("overdue_amount"))) for m in truth}
    have = {m["month"]: (m["status"], _money(m.get("overdue_amount"))) for m in got}
    if want == have:
        return []
    missing = sorted(set(want) - set(have))
    extra = sorted(set(have) - set(want))
    wrong = sorted(m for m in set(want) & set(have) if want[m] != have[m])
    parts = [f"{len(missing)} months missing ({', '.join(missing[:3])})" if missing else "",
             f"{len(extra)} extra ({', '.join(extra[:3])})" if extra else "",
             ", ".join(f"{m} {have[m]} drawn {want[m]}" for m in wrong[:3])]
    return [f"account {n}: history: " + "; ".join(p for p in parts if p)]


def _fields(where: str, truth: dict[str, Any], got: dict[str, Any]) -> list[str]:
    out = []
    for key, value in truth.items():
        same = _money(value) == _money(got.get(key)) if key == "principal" else _text(value) == _text(got.get(key))
        if not same:
            out.append(f"{where}.{key}: {got.get(key)!r}, drawn {value!r}")
    return out


def _installments(truth: list[dict[str, Any]], got: list[dict[str, Any]]) -> list[str]:
    out = [] if len(truth) == len(got) else [f"installments: {len(got)}, drawn {len(truth)}"]
    for t, g in zip(truth, got):
        for key, value in t.items():
            mine = g.get(key)
            if key in ("amount_due", "paid_amount"):
                same = _money(value) == _money(mine)
            elif key == "paid_at":
                same = _paid_at(value) == _paid_at(mine)
            else:
                same = _text(value) == _text(mine)
            if not same:
                out.append(f"installment {t.get('number')}: {key} {mine!r}, drawn {value!r}")
    return out


def _paid_at(value: Any) -> str | None:
    """``2025-03-10 08:02:11`` and ``2025-03-10T08:02:11`` alike; seconds dropped where one lacks them."""
    if value is None:
        return None
    return re.sub(r"[T\s]+", " ", str(value)).strip()[:16]
