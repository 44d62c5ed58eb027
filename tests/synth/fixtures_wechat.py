"""The WeChat proof fixture set: each entry builds one synthetic 微信支付交易明细证明 (fictional people)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from synth.wechat import Repayment, WechatProof, make_rows, printed_totals, render_wechat_proof


def _monthly(day: int, amount: str, months: int, first: date, counterparty: str, kind: str,
             at: str) -> list[Repayment]:
    out = []
    for k in range(months):
        m = first.month - 1 + k
        when = datetime.fromisoformat(f"{first.year + m // 12}-{m % 12 + 1:02d}-{day:02d} {at}")
        out.append(Repayment(when, Decimal(amount), counterparty, kind))
    return out


def wechat_basic() -> WechatProof:
    """One page, no summary printed: 微粒贷还款 to 微众银行 and one 美团月付还款."""
    repayments = (_monthly(15, "532.18", 2, date(2025, 3, 1), "微众银行", "微粒贷还款", "08:30:05")
                  + _monthly(5, "268.40", 1, date(2025, 4, 1), "重庆美团三快小额贷款有限公司", "美团月付还款", "21:14:09"))
    rows = make_rows(21, 12, date(2025, 3, 1), date(2025, 4, 30), repayments)
    return WechatProof("李娜", "4401**********5678", "lina_1990", date(2025, 3, 1), date(2025, 4, 30), rows,
                       summary=False)


def wechat_multipage() -> WechatProof:
    """Five pages: 交易单号/商户单号 wrap, the 交易时间 prints its time under the date, the header is
    repeated on every page, the summary is printed (and right); repayments as 微粒贷还款 to the
    bank's legal name, as a 转账 to 微粒贷, and as 美团月付还款."""
    repayments = (_monthly(15, "532.18", 3, date(2025, 1, 1), "深圳前海微众银行股份有限公司", "微粒贷还款", "08:30:05")
                  + _monthly(15, "532.18", 3, date(2025, 4, 1), "微粒贷", "转账", "12:01:44")
                  + _monthly(5, "268.40", 2, date(2025, 2, 1), "重庆美团三快小额贷款有限公司", "美团月付还款", "21:14:09"))
    rows = make_rows(22, 90, date(2025, 1, 1), date(2025, 6, 30), repayments)
    return WechatProof("赵子昇", "1101**********0088", "wxid_zzs2025", date(2025, 1, 1), date(2025, 6, 30), rows,
                       narrow_time=True, rows_per_page=22)


def wechat_totals_mismatch() -> WechatProof:
    """The printed 共N笔 is one more than the rows printed: printed_totals fails, the rows still come back."""
    proof = replace(wechat_basic(), summary=True)
    count, _ = printed_totals(proof)[None]
    return replace(proof, misprint={None: (count + 1, None)})


SOURCES: dict[str, Callable[[], WechatProof]] = {
    "wechat/basic": wechat_basic, "wechat/multipage": wechat_multipage,
    "wechat/totals_mismatch": wechat_totals_mismatch,
}

FIXTURES: dict[str, Callable[[], bytes]] = {
    name: (lambda make=make: render_wechat_proof(make())) for name, make in SOURCES.items()}
