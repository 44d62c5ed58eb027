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

from .lender_blocks import (Block, Gap, KVTable, Line, Pairs, Para, Sign, Table, Title, cn_date, money,
                            render_certificate)

Style = Literal["ant_letter", "zhaolian_table", "bank_form", "brief_letter", "platform", "kv_table", "upper_first"]

# --------------------------------------------------------------------------- settlement sources


@dataclass(frozen=True)
class SettlementSource:
    """What a certificate prints; None = not printed (the parser must give None)."""

    style: Style
    lender: str  # the issuer as printed in the signature, its lines joined
    borrower: str
    id_number: str  # masked
    contract_number: str | None
    principal: Decimal | None  # the amount; printed as 小写 except in brief_letter (大写 only)
    principal_uppercase: str | None  # 大写 as printed, None where not printed
    disbursed_on: date | None
    settled_on: date
    issued_on: date
    product: str
    serial: str = ""  # 证明编号
    header: str = ""  # a letterhead line above the title
    maturity: date | None = None
    issuer_lines: tuple[str, ...] = ()  # the issuer over several lines (default: `lender` on one)
    total: Decimal | None = None  # platform: 本金和平台服务费共计 (not the principal)
    total_uppercase: str = ""
    columns: int = 4  # kv_table: two or four columns
    wording: int = 0  # a second wording of the same style


def _issuer(s: SettlementSource) -> tuple[str, ...]:
    return s.issuer_lines or (s.lender,)


def settlement_blocks(s: SettlementSource) -> list[Block]:
    return {"ant_letter": _ant_letter, "zhaolian_table": _zhaolian_table, "bank_form": _bank_form,
            "brief_letter": _brief_letter, "platform": _platform, "kv_table": _kv_table,
            "upper_first": _upper_first}[s.style](s)


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


def _platform(s: SettlementSource) -> list[Block]:
    """FORMATS-REAL item 54: 用户方…截止 YYYY 年 MM 月 DD 日…本金和平台服务费共计 N 元（大写：…）; the amount
    is a total paid, not the loan, and no contract number is printed."""
    assert s.total is not None
    body = (f"用户方{s.borrower}，身份证号{s.id_number}，接收我方提供的{s.product}服务，并签订了分期服务合同。"
            f"截止 {cn_date(s.settled_on, padded=s.wording == 0, spaced=True)}，用户方已支付本金和平台服务费共计"
            f"{money(s.total)} 元（大写：{s.total_uppercase}），现所有款项已全部结清。")
    return [Gap(10), Title("结清证明"), Gap(10), Para(body, keep_runs=True), Para("本证明仅作结清证明，不做他用。"),
            Para("特此证明"), Gap(24), Sign((*_issuer(s), "(公章)", cn_date(s.issued_on, spaced=True)))]


def _kv_table(s: SettlementSource) -> list[Block]:
    """A ruled key/value table of two or four columns; the settlement date only in the table, a
    到期日期 that is no other date, a long number wrapped inside its cell."""
    assert s.disbursed_on is not None and s.maturity is not None and s.principal is not None
    pairs = (("借款人姓名", s.borrower), ("证件号码", s.id_number), ("借据编号", s.contract_number or ""),
             ("产品名称", s.product), ("借款金额（小写）", f"¥{money(s.principal)}"),
             ("借款金额（大写）", s.principal_uppercase or ""), ("放款时间", s.disbursed_on.strftime("%Y.%m.%d")),
             ("到期日期", s.maturity.strftime("%Y.%m.%d")), ("结清日期", s.settled_on.strftime("%Y%m%d")))
    per_row = s.columns // 2
    rows = tuple(pairs[i:i + per_row] for i in range(0, len(pairs), per_row))
    widths = (100.0, 130.0) if per_row == 2 else (130.0, 200.0)
    return [Title("贷款结清证明"), Gap(6), Para("兹证明，下表所列借款的本金、利息及费用均已还清。"), Gap(4),
            KVTable(rows, *widths, header=("项目", "内容") if per_row == 2 else None), Para("特此证明。"),
            Gap(20), Sign((*_issuer(s), f"出具日期：{cn_date(s.issued_on)}"))]


def _upper_first(s: SettlementSource) -> list[Block]:
    """The 大写 amount before the 小写 one in brackets, ASCII colons, an ISO 放款 date in the prose,
    还清 instead of 结清."""
    assert s.disbursed_on is not None and s.principal is not None
    body = (f"兹证明借款人{s.borrower}（身份证号码:{s.id_number}）于{s.disbursed_on.isoformat()}通过“{s.product}”"
            f"向我司申请借款，借据号:{s.contract_number}，借款本金为人民币（大写）{s.principal_uppercase}"
            f"（小写:¥{s.principal}），该笔借款已于{cn_date(s.settled_on, padded=False)}全部还清。")
    return [Gap(10), Title("结清证明"), Gap(10), Para(body), Para("特此证明。"), Gap(30),
            Sign((*_issuer(s), s.issued_on.isoformat()))]


def render_settlement(s: SettlementSource) -> bytes:
    return render_certificate(settlement_blocks(s), "结清证明")
