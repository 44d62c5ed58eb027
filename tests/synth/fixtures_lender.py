"""The lender-document fixture set: settlement certificates and repayment schedules in several
lenders' wordings (fictional people, masked fictional ID numbers)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

from synth.lender_docs import SettlementSource, render_settlement
from synth.lender_plans import Col, PlanRow, ScheduleSource, amortise, render_schedule

# --------------------------------------------------------------------------- 结清证明


def settlement_ant_letter() -> SettlementSource:
    """A paragraph letter: every field inside sentences; the 小写 amount breaks across two lines
    (``…人民币12,000.`` / ``00元…``); 小写 and 大写."""
    return SettlementSource(
        style="ant_letter", lender="重庆蚂蚁消费金融有限公司", borrower="欧阳晓雨", id_number="330***********2417",
        contract_number="JB202401100012345678", principal=Decimal("12000.00"), principal_uppercase="壹万贰仟元整",
        disbursed_on=date(2024, 1, 10), settled_on=date(2025, 6, 30), issued_on=date(2025, 7, 2),
        product="借呗", serial="JQ2025070200018")


def settlement_zhaolian_table() -> SettlementSource:
    """Letterhead, a greeting with the borrower, a one-row ruled table; 小写 only, short dates."""
    return SettlementSource(
        style="zhaolian_table", lender="招联消费金融股份有限公司", header="招联消费金融股份有限公司",
        borrower="周明轩", id_number="440***********5678", contract_number="ZL20231105008812",
        principal=Decimal("8000.00"), principal_uppercase=None, disbursed_on=date(2023, 11, 5),
        settled_on=date(2025, 5, 20), issued_on=date(2025, 5, 22), product="好期贷")


def settlement_bank_form() -> SettlementSource:
    """A bank form of label pairs: 借据号, 小写 and 大写, a 到期日期 that is no other date, and a
    signature with a department suffix."""
    return SettlementSource(
        style="bank_form", lender="深圳前海微众银行股份有限公司个人信贷部", header="深圳前海微众银行股份有限公司",
        borrower="赵子昇", id_number="320***********0011", contract_number="WB2024020100056",
        principal=Decimal("50000.00"), principal_uppercase="人民币伍万元整", disbursed_on=date(2024, 2, 1),
        maturity=date(2026, 2, 1), settled_on=date(2025, 8, 15), issued_on=date(2025, 8, 20),
        product="微粒贷", serial="WZJQ20250820-0031")


def settlement_no_disbursed_date() -> SettlementSource:
    """结清证明书 without a disbursement date, the amount only in 大写, unpadded dates."""
    return SettlementSource(
        style="brief_letter", lender="马上消费金融股份有限公司", borrower="陈思远", id_number="500***********3321",
        contract_number="MS2023090512345", principal=Decimal("3500.00"), principal_uppercase="人民币叁仟伍佰元整",
        disbursed_on=None, settled_on=date(2025, 3, 8), issued_on=date(2025, 3, 10), product="安逸花")


def settlement_platform() -> SettlementSource:
    """FORMATS-REAL item 54, a platform's template: 用户方…，身份证号… with no colon, 截止 and a
    spaced, unpadded date, 本金和平台服务费共计 (a total paid, not the principal: principal None),
    no contract number; the total moves to the next line whole, so the sentence wraps short."""
    return SettlementSource(
        style="platform", lender="深圳市安信数字科技有限公司", borrower="欧阳书瑶", id_number="350***********1028",
        contract_number=None, principal=None, principal_uppercase=None, disbursed_on=None,
        settled_on=date(2023, 3, 9), issued_on=date(2023, 3, 15), product="现金分期/消费分期", wording=1,
        total=Decimal("23680.00"), total_uppercase="贰万叁仟陆佰捌拾元整")


_SHANGCHENG = "重庆市蚂蚁商诚信息技术有限公司（原：重庆市蚂蚁商诚小额贷款有限公司）"


def settlement_kv_four_columns() -> SettlementSource:
    """A four-column key/value table (项目 内容 项目 内容): 借据编号 wrapped inside its cell, 小写 and
    大写 in cells of their own, dotted and eight-digit dates, a 到期日期 that is no other date; the
    issuer's former name on a line of its own (item 55)."""
    return SettlementSource(
        style="kv_table", lender=_SHANGCHENG, issuer_lines=("重庆市蚂蚁商诚信息技术有限公司", "（原：重庆市蚂蚁商诚小额贷款有限公司）"),
        borrower="邱子墨", id_number="110***********0035", contract_number="20220315883412907765530118",
        principal=Decimal("8600.00"), principal_uppercase="人民币捌仟陆佰元整", disbursed_on=date(2022, 3, 15),
        maturity=date(2023, 3, 15), settled_on=date(2022, 11, 2), issued_on=date(2022, 11, 4), product="借呗")


def settlement_kv_two_columns() -> SettlementSource:
    """A two-column key/value table without a header row; the issuer's name wrapped in the middle
    of its former name."""
    return SettlementSource(
        style="kv_table", columns=2, lender=_SHANGCHENG,
        issuer_lines=("重庆市蚂蚁商诚信息技术有限公司（原：重庆市蚂蚁", "商诚小额贷款有限公司）"),
        borrower="司马云舒", id_number="500***********772X", contract_number="HB2021072600551234",
        principal=Decimal("15000.00"), principal_uppercase="人民币壹万伍仟元整", disbursed_on=date(2021, 7, 26),
        maturity=date(2022, 7, 26), settled_on=date(2021, 12, 31), issued_on=date(2022, 1, 5), product="花呗")


def settlement_upper_first() -> SettlementSource:
    """借款本金为人民币（大写）…（小写:¥…）, ASCII colons, an ISO 放款 date in the prose, 已于…全部还清."""
    return SettlementSource(
        style="upper_first", lender="招联消费金融股份有限公司", borrower="韩静", id_number="440***********0052",
        contract_number="ZL2022061800098712", principal=Decimal("24700.00"), principal_uppercase="贰万肆仟柒佰元整",
        disbursed_on=date(2022, 6, 18), settled_on=date(2023, 1, 20), issued_on=date(2023, 1, 21), product="好期贷")


SETTLEMENTS: dict[str, Callable[[], SettlementSource]] = {
    "lender_settlement/ant_letter": settlement_ant_letter,
    "lender_settlement/zhaolian_table": settlement_zhaolian_table,
    "lender_settlement/bank_form": settlement_bank_form,
    "lender_settlement/no_disbursed_date": settlement_no_disbursed_date,
    "lender_settlement/platform": settlement_platform,
    "lender_settlement/kv_four_columns": settlement_kv_four_columns,
    "lender_settlement/kv_two_columns": settlement_kv_two_columns,
    "lender_settlement/upper_first": settlement_upper_first,
}

# --------------------------------------------------------------------------- 还款计划 / 还款记录


def schedule_plan() -> ScheduleSource:
    """A new loan's plan: no paid columns, 第n/N期, every row 待还, a 合计 row and a note."""
    rows = amortise(Decimal("6000.00"), Decimal("0.18"), 12, date(2025, 6, 18), 18)
    return ScheduleSource(
        title="还款计划表",
        preamble=(("借款人", "吴雨桐"), ("借款编号", "YQH202506180077"), ("借款金额", "6,000.00元"),
                  ("借款日期", "2025-06-18"), ("放款机构", "重庆度小满小额贷款有限公司"), ("产品名称", "有钱花")),
        columns=(Col("number", "期数", 62, "center"), Col("due_date", "应还日期", 72, "center"),
                 Col("principal", "应还本金", 70), Col("interest", "应还利息", 66), Col("fees", "应还费用", 66),
                 Col("amount_due", "应还总额", 72), Col("status", "状态", 54, "center")),
        rows=tuple(rows), number_format="第{n}/{N}期", total_row=True,
        notes=("注：实际应还金额以还款当日账单为准，提前还款以实际结清金额为准。",),
        lender="重庆度小满小额贷款有限公司", contract_number="YQH202506180077")


def _records_rows() -> list[PlanRow]:
    plan = amortise(Decimal("3000.00"), Decimal("0.144"), 6, date(2025, 1, 10), 10)
    penalty = Decimal("1.62")
    settle = sum((r.principal for r in plan[3:]), Decimal("0.00")) + plan[3].interest
    return [
        replace(plan[0], status="已还", paid_at="2025-02-10 08:02:11", paid_amount=plan[0].amount_due,
                method="自动扣款"),
        replace(plan[1], status="已还", paid_at="2025-03-13 19:45:30", paid_amount=plan[1].amount_due + penalty,
                penalty=penalty, method="主动还款"),  # three days late
        replace(plan[2], status="已还", paid_at="2025-04-09 21:10:00", paid_amount=plan[2].amount_due,
                method="主动还款"),
        replace(plan[3], status="已结清", paid_at="2025-04-28 10:15:42", paid_amount=settle, method="提前结清"),
        replace(plan[4], status="已结清"),
        replace(plan[5], status="已结清"),
    ]


def schedule_records() -> ScheduleSource:
    """还款记录 with paid time and amount: one installment paid late with 罚息, an early
    settlement (提前结清) that clears the rest, other synonyms (期次 到期日 本金 利息 应还金额),
    and a narrow 实际还款时间 cell that prints its date over its time."""
    return ScheduleSource(
        title="还款记录",
        preamble=(("借款人", "孙浩然"), ("借据号", "WL20250110003377"), ("产品", "微粒贷"),
                  ("出资方", "深圳前海微众银行股份有限公司"), ("借款金额", "3,000.00元"), ("借款期数", "6期")),
        columns=(Col("number", "期次", 44, "center"), Col("due_date", "到期日", 62, "center"),
                 Col("principal", "本金", 54), Col("interest", "利息", 46), Col("penalty", "罚息", 40),
                 Col("amount_due", "应还金额", 58), Col("status", "还款状态", 50, "center"),
                 Col("paid_at", "实际还款时间", 64, "center"), Col("paid_amount", "实还金额", 58),
                 Col("method", "还款方式", 56, "center")),
        rows=tuple(_records_rows()), number_format="{n}/{N}", paid_stacked=True,
        lender="深圳前海微众银行股份有限公司", contract_number="WL20250110003377")


def _multipage_rows() -> list[PlanRow]:
    plan = amortise(Decimal("50000.00"), Decimal("0.072"), 36, date(2024, 3, 15), 15, fee=Decimal("10.00"))
    rows: list[PlanRow] = []
    for r in plan:
        if r.number <= 9:
            paid_on = r.due_date.replace(day=14 if r.number % 3 else 15)
            rows.append(replace(r, status="已还", paid_at=paid_on.isoformat(), paid_amount=r.amount_due))
        elif r.number == 10:
            rows.append(replace(r, status="逾期"))
        else:
            rows.append(r)
    return rows


def schedule_multipage() -> ScheduleSource:
    """36 installments over 3 landscape pages, the header repeated on each, plain numbers,
    2024/04/15 dates, a 服务费 column, paid dates without time, one 逾期 row."""
    return ScheduleSource(
        title="还款明细",
        preamble=(("借款人", "郑嘉怡"), ("合同编号", "ZYXF-2024-0315-0099"), ("贷款机构", "中银消费金融有限公司"),
                  ("产品名称", "新易贷"), ("贷款金额", "50,000.00元"), ("期限", "36期")),
        columns=(Col("number", "期数", 50, "center"), Col("due_date", "应还日期", 80, "center"),
                 Col("principal", "应还本金", 80), Col("interest", "应还利息", 70), Col("fees", "服务费", 60),
                 Col("amount_due", "应还总额", 80), Col("status", "状态", 55, "center"),
                 Col("paid_at", "实还日期", 80, "center"), Col("paid_amount", "实还金额", 80)),
        rows=tuple(_multipage_rows()), date_format="%Y/%m/%d", rows_per_page=14, wide=True,
        running_head="合同编号：ZYXF-2024-0315-0099（续）",
        lender="中银消费金融有限公司", contract_number="ZYXF-2024-0315-0099")


def _units_rows() -> list[PlanRow]:
    plan = amortise(Decimal("9000.00"), Decimal("0.108"), 24, date(2024, 2, 5), 5)
    rows: list[PlanRow] = []
    for r in plan:
        if r.number <= 7:
            late = r.number == 4
            paid = r.due_date.replace(day=12 if late else 5)
            rows.append(replace(r, status="已还", paid_at=f"{paid.isoformat()} 2{r.number % 4}:1{r.number}:07",
                                paid_amount=r.amount_due + (Decimal("3.15") if late else 0), method="自动扣款"))
        else:
            rows.append(replace(r, status="逾期" if r.number == 8 else "待还"))
    return rows


def schedule_units_below() -> ScheduleSource:
    """A header over three lines (应还总额 and 实还金额 over their (元), the other labels centred
    between), on page 1 only; eight-digit due dates; 实还时间 as a dotted date and a time side by
    side, wider than its label, next to a right-aligned 实还金额; '/' in unpaid cells; a 还款账户
    column; the issuer's long name with its former name."""
    return ScheduleSource(
        title="借款还款记录",
        preamble=(("借款人", "邵一鸣"), ("借据号", "JB20240105778812"), ("借款金额", "9,000.00元"),
                  ("借款期数", "24期"), ("出具机构", _SHANGCHENG)),
        columns=(Col("number", "期数", 40, "center"), Col("due_date", "应还日期", 58, "center"),
                 Col("amount_due", "应还总额\n(元)", 52), Col("status", "状态", 40, "center"),
                 Col("paid_at", "实还时间", 92, "center"), Col("paid_amount", "实还金额\n(元)", 50),
                 Col("method", "还款方式", 52, "center"), Col("account", "还款账户", 110, "left")),
        rows=tuple(_units_rows()), number_format="第{n}期", date_format="%Y%m%d", rows_per_page=14,
        empty="/", paid_format="%Y.%m.%d", header_every_page=False, account="工商银行储蓄卡(尾号0427)",
        lender=_SHANGCHENG, contract_number="JB20240105778812")


def schedule_unprinted_fee() -> ScheduleSource:
    """应还总额 printed before 本金 and 利息 and larger than their sum (a monthly fee the table does
    not print): every row is kept as printed, the difference reported, never corrected."""
    plan = amortise(Decimal("4000.00"), Decimal("0.096"), 12, date(2024, 1, 21), 21, fee=Decimal("8.00"))
    rows = [replace(r, status="已还" if r.number <= 3 else "待还") for r in plan]
    return ScheduleSource(
        title="还款计划",
        preamble=(("借款人", "常清和"), ("合同编号", "MS2024012100339"), ("贷款机构", "马上消费金融股份有限公司")),
        columns=(Col("number", "期数", 40, "center"), Col("due_date", "应还日期", 70, "center"),
                 Col("amount_due", "应还总额", 66), Col("principal", "应还本金", 66), Col("interest", "应还利息", 66),
                 Col("status", "状态", 46, "center")),
        rows=tuple(rows), date_format="%Y/%m/%d",
        lender="马上消费金融股份有限公司", contract_number="MS2024012100339")


SCHEDULES: dict[str, Callable[[], ScheduleSource]] = {
    "lender_schedule/plan": schedule_plan,
    "lender_schedule/records": schedule_records,
    "lender_schedule/multipage": schedule_multipage,
    "lender_schedule/units_below": schedule_units_below,
    "lender_schedule/unprinted_fee": schedule_unprinted_fee,
}

FIXTURES: dict[str, Callable[[], bytes]] = {
    **{name: (lambda make=make: render_settlement(make())) for name, make in SETTLEMENTS.items()},
    **{name: (lambda make=make: render_schedule(make())) for name, make in SCHEDULES.items()},
}
