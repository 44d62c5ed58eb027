"""Synthetic 微信支付交易明细证明 (WeChat Pay transaction-detail proof) PDFs.

What the real proof looks like, and what the output mimics:

* title 微信支付交易明细证明 on every page; page 1 has the preamble ``兹证明：<姓名>（身份证：<masked>）
  在其微信号：<微信号>中明细信息如下：`` and ``交易明细对应时间段：… 至 …``, optionally a summary line
  ``共N笔 收入：a笔 X元 支出：b笔 Y元 其他：c笔 Z元`` (the format designed for these fixtures);
* a borderless 8-column table ``交易单号 交易时间 交易类型 收/支/其他 交易方式 金额(元) 交易对方 商户单号``
  with the header on every page and a ``第N页 共M页`` footer;
* top-aligned cells: the 28–32 digit 交易单号 and the 商户单号 wrap onto a second line, and in a
  narrow 交易时间 column the time stands under its date;
* unsigned amounts with thousands separators; the 收/支/其他 column gives the direction; oldest first;
* after the table a note, 财付通支付科技有限公司, the date and a red seal.

Everything is synthetic; the output is byte-deterministic. The page renderer is `synth.alipay`'s.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from .alipay import CENT, ProofCol, ProofSheet, cents, digits, render_proof, spread_times

TITLE = "微信支付交易明细证明"
ISSUER = "财付通支付科技有限公司"
FLOWS = ("收入", "支出", "其他")


@dataclass(frozen=True)
class WechatRow:
    tx_no: str  # 交易单号
    when: datetime  # 交易时间
    kind: str  # 交易类型; no spaces
    flow: str  # 收入 / 支出 / 其他
    method: str  # 交易方式
    amount: Decimal  # as printed: unsigned
    counterparty: str  # 交易对方
    merchant_no: str  # 商户单号, "/" when none


@dataclass(frozen=True)
class WechatProof:
    holder: str
    id_masked: str  # 身份证, masked
    wechat_id: str  # 微信号
    start: date
    end: date
    rows: Sequence[WechatRow]  # printed order
    summary: bool = True
    misprint: dict[str | None, tuple[int, Decimal | None]] = field(default_factory=dict)  # None: 共N笔
    narrow_time: bool = False  # 交易时间 wraps: the time under the date
    rows_per_page: int = 24
    issued_on: date = date(2025, 7, 2)


def totals(rows: Sequence[WechatRow]) -> dict[str | None, tuple[int, Decimal | None]]:
    """``None`` → (all rows, None); each flow → (count, sum of printed amounts)."""
    out: dict[str | None, tuple[int, Decimal | None]] = {None: (len(rows), None)}
    for f in FLOWS:
        out[f] = (sum(1 for r in rows if r.flow == f), sum((r.amount for r in rows if r.flow == f), Decimal("0.00")))
    return out


def printed_totals(proof: WechatProof) -> dict[str | None, tuple[int, Decimal | None]]:
    return {**totals(proof.rows), **proof.misprint}


def _summary(proof: WechatProof) -> str:
    printed = printed_totals(proof)
    parts = [f"共{printed[None][0]}笔"]
    for f in FLOWS:
        n, total = printed[f]
        parts.append(f"{f}：{n}笔 {total:,.2f}元")
    return "    ".join(parts)


def _columns(narrow_time: bool) -> tuple[ProofCol, ...]:
    return (ProofCol("tx_no", "交易单号", 7.5), ProofCol("time", "交易时间", 4.6 if narrow_time else 7),
            ProofCol("kind", "交易类型", 7), ProofCol("flow", "收/支/其他", 4.4), ProofCol("method", "交易方式", 7.5),
            ProofCol("amount", "金额(元)", 5.5, "right"), ProofCol("counterparty", "交易对方", 10),
            ProofCol("merchant_no", "商户单号", 8))


def _printed(row: WechatRow) -> dict[str, str]:
    return {"tx_no": row.tx_no, "time": row.when.strftime("%Y-%m-%d %H:%M:%S"), "kind": row.kind,
            "flow": row.flow, "method": row.method, "amount": f"{row.amount:,.2f}",
            "counterparty": row.counterparty, "merchant_no": row.merchant_no}


def wechat_sheet(proof: WechatProof) -> ProofSheet:
    preamble = (
        f"兹证明：{proof.holder}（身份证：{proof.id_masked}）在其微信号：{proof.wechat_id}中明细信息如下：",
        f"交易明细对应时间段：{proof.start} 00:00:00 至 {proof.end} 23:59:59",
    )
    return ProofSheet(
        title=TITLE, preamble=preamble, columns=_columns(proof.narrow_time),
        rows=tuple(_printed(r) for r in proof.rows), footer=lambda n, m: f"第{n}页 共{m}页",
        issuer=ISSUER, issued_on=f"{proof.issued_on:%Y年%m月%d日}", seal="业务专用章",
        notes=("说明：1.本证明所列交易明细由微信支付系统生成，不含已删除的账单。",
               "2.交易时间为北京时间；本证明经财付通支付科技有限公司电子签章后有效。"),
        summary=(_summary(proof),) if proof.summary else (), landscape=True, rows_per_page=proof.rows_per_page)


def render_wechat_proof(proof: WechatProof) -> bytes:
    return render_proof(wechat_sheet(proof))


# --------------------------------------------------------------------------- synthetic rows


@dataclass(frozen=True)
class Repayment:
    """A loan repayment to book: 支出 to `counterparty` at `when`, of type `kind`."""

    when: datetime
    amount: Decimal
    counterparty: str  # "微众银行", "深圳前海微众银行股份有限公司", "微粒贷" …
    kind: str = "微粒贷还款"
    method: str = "零钱"


_MERCHANTS = ("美团", "滴滴出行", "瑞幸咖啡", "京东商城", "拼多多", "中国石化加油站", "永辉超市")
_METHODS = ("零钱", "零钱通", "招商银行储蓄卡(1234)")
_PEOPLE = ("张*", "李*娜", "刘*", "陈*静", "黄*明", "王*")
_OWN = (("零钱提现", "招商银行(1234)", "零钱"), ("零钱充值", "招商银行(1234)", "招商银行储蓄卡(1234)"),
        ("转入零钱通-来自零钱", "零钱通", "零钱"))


def _tx_no(rng: random.Random, when: datetime, transfer: bool) -> str:
    if transfer:
        return f"1000050001{when:%Y%m%d}{digits(rng, 14)}"  # 32 digits
    return f"42000{digits(rng, 5)}{when:%Y%m%d}{digits(rng, 10)}"  # 28 digits


def _spend(rng: random.Random, when: datetime) -> WechatRow:
    if rng.random() < 0.25:
        kind = rng.choice(("转账", "微信红包"))
        return WechatRow(_tx_no(rng, when, True), when, kind, "支出", rng.choice(_METHODS),
                         cents(rng, 1000, 50000), rng.choice(_PEOPLE), "/")
    kind = rng.choice(("商户消费", "扫二维码付款"))
    return WechatRow(_tx_no(rng, when, False), when, kind, "支出", rng.choice(_METHODS), cents(rng, 500, 40000),
                     rng.choice(_MERCHANTS), digits(rng, rng.choice((20, 26, 32))))


def _income(rng: random.Random, when: datetime) -> WechatRow:
    if rng.random() < 0.7:
        kind = rng.choice(("转账", "微信红包"))
        return WechatRow(_tx_no(rng, when, True), when, kind, "收入", "零钱", cents(rng, 2000, 200000),
                         rng.choice(_PEOPLE), "/")
    return WechatRow(_tx_no(rng, when, False), when, "退款", "收入", "零钱", cents(rng, 500, 8000),
                     rng.choice(_MERCHANTS), digits(rng, 26))


def _other(rng: random.Random, when: datetime) -> WechatRow:
    """Money moved between the holder's own 零钱, 零钱通 and bank card: neither income nor spending."""
    kind, who, method = rng.choice(_OWN)
    return WechatRow(_tx_no(rng, when, True), when, kind, "其他", method, cents(rng, 10000, 300000), who, "/")


def make_rows(seed: int, n: int, start: date, end: date, repayments: Sequence[Repayment] = (),
              *, newest_first: bool = False) -> list[WechatRow]:
    """``n`` rows (repayments included) between `start` and `end`, oldest first by default."""
    if n < len(repayments):
        raise ValueError(f"n={n} is smaller than the {len(repayments)} repayments")
    rng = random.Random(seed)
    rows: list[WechatRow] = []
    for when in spread_times(rng, n - len(repayments), start, end):
        roll = rng.random()
        make = _spend if roll < 0.68 else _income if roll < 0.85 else _other
        rows.append(make(rng, when))
    for r in repayments:
        merchant = f"WLD{r.when:%Y%m%d}{digits(rng, 18)}" if "微" in r.counterparty + r.kind else digits(rng, 26)
        rows.append(WechatRow(_tx_no(rng, r.when, False), r.when, r.kind, "支出", r.method,
                              r.amount.quantize(CENT), r.counterparty, merchant))
    rows.sort(key=lambda r: r.when, reverse=newest_first)
    return rows
