"""Synthetic lender settlement certificates (结清证明) in several lenders' wordings.

No public real samples exist (FORMATS.md), so these are built from the fields DOMAIN.md 4.1/4.2
lists: each style is a list of blocks (lender_blocks.py). Schedules are in lender_plans.py.
Everything is synthetic. Output is byte-deterministic (ReportLab invariant mode).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from .lender_blocks import Block, Gap, Line, Pairs, Para, Sign, Table, Title, cn_date, money, render_certificate

# --------------------------------------------------------------------------- settlement sources


@dataclass(frozen=True)
class SettlementSource:
    """What a certificate prints; None = not printed (the parser must give None)."""

    style: Literal["ant_letter", "zhaolian_table", "bank_form", "brief_letter"]
    lender: str  # the issuer as printed in the signature
    borrower: str
    id_number: str  # masked
    contract_number: str
    principal: Decimal  # the amount; printed as 小写 except in brief_letter (大写 only)
    principal_uppercase: str | None  # 大写 as printed, None where not printed
    disbursed_on: date | None
    settled_on: date
    issued_on: date
    product: str
    serial: str = ""  # 证明编号
    header: str = ""  # a letterhead line above the title
    maturity: date | None = None


def settlement_blocks(s: SettlementSource) -> list[Block]:
    return {"ant_letter": _ant_letter, "zhaolian_table": _zhaolian_table,
            "bank_form": _bank_form, "brief_letter": _brief_letter}[s.style](s)


def _ant_letter(s: SettlementSource) -> list[Block]:
    assert s.disbursed_on is not None
    body = (f"借款人{s.borrower}（身份证号：{s.id_number}）于{cn_date(s.disbursed_on)}通过{s.product}向{s.lender}"
            f"申请借款，借款合同编号{s.contract_number}，借款金额人民币{money(s.principal)}元（大写："
            f"{s.principal_uppercase}）。截至{cn_date(s.settled_on)}，上述借款本息及相关费用已全部结清，"
            "双方债权债务关系终止。")
    return [Gap(10), Title("结清证明"), Line(f"证明编号：{s.serial}", "right", 10), Gap(12), Line("兹证明："),
            Para(body), Para("特此证明。"), Gap(36), Sign((s.lender, cn_date(s.issued_on)))]


def _zhaolian_table(s: SettlementSource) -> list[Block]:
    assert s.disbursed_on is not None
    row = (s.contract_number, s.product, money(s.principal), s.disbursed_on.isoformat(), s.settled_on.isoformat())
    return [Line(s.header, "center", 13), Gap(4), Title("贷款结清证明"), Gap(8),
            Line(f"尊敬的客户 {s.borrower}（证件号码：{s.id_number}）："),
            Para(f"您在我司办理的以下借款已于{cn_date(s.settled_on, padded=False)}结清，特此证明。"),
            Gap(6), Table(("借款编号", "产品名称", "借款金额(元)", "放款日期", "结清日期"), (row,),
                          (130, 70, 90, 88, 88)),
            Para("本证明仅用于证明上述借款的结清情况，如有疑问请致电客服热线。"), Gap(30),
            Sign((s.lender, f"开具日期：{cn_date(s.issued_on)}"))]


def _bank_form(s: SettlementSource) -> list[Block]:
    assert s.disbursed_on is not None and s.maturity is not None
    return [Line(s.header, "center", 13), Gap(4), Title("贷款结清证明"), Line(f"编号：{s.serial}", "right", 10),
            Gap(8),
            Pairs((("借款人姓名", s.borrower), ("证件号码", s.id_number))),
            Pairs((("借据号", s.contract_number), ("产品名称", s.product))),
            Pairs((("贷款金额（小写）", f"¥{money(s.principal)}"), ("贷款金额（大写）", s.principal_uppercase or ""))),
            Pairs((("发放日期", s.disbursed_on.isoformat()), ("到期日期", s.maturity.isoformat()))),
            Gap(6),
            Para(f"经核实，上述借款人在我行的贷款已于{cn_date(s.settled_on)}全部结清，本息已全部收回，特此证明。"),
            Gap(36), Sign((s.lender, cn_date(s.issued_on)))]


def _brief_letter(s: SettlementSource) -> list[Block]:
    return [Gap(10), Title("结清证明书"), Gap(16),
            Para(f"兹证明 {s.borrower}（身份证号：{s.id_number}）在我公司通过{s.product}办理的借款（合同编号："
                 f"{s.contract_number}），借款本金{s.principal_uppercase}，已于{cn_date(s.settled_on, padded=False)}"
                 "结清。"),
            Para("本证明仅证明上述借款已结清，不作他用。"), Gap(36),
            Sign((s.lender, cn_date(s.issued_on, padded=False)))]


def render_settlement(s: SettlementSource) -> bytes:
    return render_certificate(settlement_blocks(s), "结清证明")
