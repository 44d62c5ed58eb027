"""The PBOC credit report fixture set (fictional people; lender names as they book 网贷).

Each 详版 case is a `Report`, each 简版 case a `BriefReport`; `SOURCES`/`BRIEF_SOURCES` give the
source data the tests compare the parser's output with.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

from synth.pboc import (
    Account,
    Annotation,
    BriefItem,
    BriefReport,
    Report,
    Special,
    Standing,
    grid,
    render_brief,
    render_report,
)

D = Decimal
ANT = "重庆蚂蚁消费金融有限公司"
WEBANK = "深圳前海微众银行股份有限公司"
ZHAOLIAN = "招联消费金融股份有限公司"
MASHANG = "马上消费金融股份有限公司"
BOC_CF = "中银消费金融有限公司"
CMB_CARD = "招商银行股份有限公司信用卡中心"
DXM = "重庆度小满小额贷款有限公司"


def _report(*accounts: Account, time: str = "2026-07-19 09:08:07", **kw: object) -> Report:
    number = time[:10].replace("-", "") + "00012345678901"  # 22 digits, the date first
    return Report(number, time, "李晓明", "身份证", "1101**********1236", accounts,
                  **kw)  # type: ignore[arg-type]


def _closed(on: date) -> Standing:
    return Standing("结清", closed_on=on)


def _ant_loan(codes: str, amounts: dict[int, Decimal | None] | None = None) -> Account:
    """A 12-month 借呗 loan of 12,000 opened 2024-01-10 and settled on its last due date."""
    return Account("非循环贷账户", ANT, "JB24011000123", date(2024, 1, 10), D(12000), "其他个人消费贷款",
                   as_of=date(2025, 1, 10), standing=_closed(date(2025, 1, 10)), grid=grid("2024-02", codes, amounts),
                   due_on=date(2025, 1, 10))


def settled_clean() -> Report:
    return _report(_ant_loan("NNNNNNNNNNNC"), time="2025-08-01 10:15:30")


def wrong_overdue() -> Report:
    """Two months reported as 1 (逾期1-30天) amid N, each with the installment as 逾期总额."""
    account = replace(_ant_loan("NNN1NNN1NNNC", {3: D(1060), 7: D(1060)}), institution=WEBANK,
                      account_id="WLD2401100456", agreement_id="WLD-CREDIT-0001")
    return _report(account, time="2025-08-01 10:15:30")


def stale_overdue() -> Report:
    """Settled in June 2025 by the borrower's evidence, the report still shows 逾期 and 1,050 overdue."""
    standing = Standing("逾期", five_class="关注", balance=D(1050), remaining=0, amount_due=D(1050),
                        due_day=date(2025, 6, 15), amount_paid=D(0), last_payment_on=date(2025, 5, 15),
                        overdue_periods=1, overdue_amount=D(1050))
    account = Account("非循环贷账户", ZHAOLIAN, "ZL2406150789", date(2024, 6, 15), D(12000), "其他个人消费贷款",
                      as_of=date(2025, 6, 30), standing=standing, grid=grid("2024-07", "NNNNNNNNNNN1", {11: D(1050)}),
                      due_on=date(2025, 6, 15))
    return _report(account, time="2025-09-01 08:00:00")


def _card(as_of: date, codes_from: str, codes: str) -> Account:
    standing = Standing("正常", five_class=None, balance=D(3200), amount_due=D(3200), amount_paid=D(3200),
                        last_payment_on=date(2025, 7, 1), avg_used_6m=D(2850), max_used=D(6100),
                        bill_date=date(2025, 7, 5))
    return Account("贷记卡账户", CMB_CARD, "CC20190815001", date(2019, 8, 15), D(20000), "贷记卡", as_of=as_of,
                   standing=standing, grid=grid(codes_from, codes), shared_limit=D(20000), installments=None,
                   frequency=None, method=None)


def multi_account() -> Report:
    early = Special("提前结清", date(2024, 2, 20), 0, D(8400), "借款人提前结清全部剩余本息")
    loan = Account("非循环贷账户", MASHANG, "MS2303050011", date(2023, 3, 5), D(24000), "其他个人消费贷款",
                   as_of=date(2024, 2, 20), standing=_closed(date(2024, 2, 20)), grid=grid("2023-04", "NNNNNNNNNNC"),
                   due_on=date(2025, 3, 5), installments=24, special=(early,))
    dispute = Annotation("异议标注", "信息主体对该账户2025年02月的逾期记录提出异议，征信中心正在处理，"
                         "处理期间该记录的展示不代表最终核查结果。", date(2025, 7, 5))
    sub = Account("循环额度下分账户", ANT, "JB24110100077", date(2024, 11, 1), D(6000), "其他个人消费贷款",
                  as_of=date(2025, 7, 31),
                  standing=Standing("正常", balance=D(2000), remaining=2, amount_due=D(1020), due_day=date(2025, 7, 1),
                                    amount_paid=D(1020), last_payment_on=date(2025, 7, 1)),
                  grid=grid("2024-12", "NN1NNNNN", {2: D(1020)}), due_on=date(2025, 11, 1), installments=12,
                  agreement_id="JB-LINE-20241101", annotations=(dispute,))
    card = _card(date(2025, 7, 31), "2020-08", "N*NNN*NNNNNNNN*NNNNNNNNN*NNNNNNNNNNNN*NNNNNNNNNNNN*NNNNNNNNN")
    return _report(loan, sub, card, time="2025-08-01 10:15:30")


def _long_loan(institution: str, account_id: str, section: str = "非循环贷账户", **kw: object) -> Account:
    """A 60-month loan opened 2021-06-10, reported to June 2026: a full 5-year grid."""
    standing = Standing("正常", balance=D(2400), remaining=1, amount_due=D(2400), due_day=date(2026, 6, 10),
                        amount_paid=D(2400), last_payment_on=date(2026, 6, 9))
    return replace(Account(section, institution, account_id, date(2021, 6, 10), D(120000), "其他个人消费贷款",
                           as_of=date(2026, 6, 30), standing=standing, grid=grid("2021-07", "N" * 60),
                           due_on=date(2026, 7, 10), installments=60), **kw)  # type: ignore[arg-type]


def grid_page_break() -> Report:
    """Two 60-month grids forced across pages: one between two years, one between a year's two rows."""
    first = _long_loan(BOC_CF, "ZY2106100001", break_grid_after=4)
    second = _long_loan(WEBANK, "WLD2106100002", section="循环贷账户", agreement_id="WLD-LINE-2021",
                        break_grid_after=5, grid=grid("2021-07", "N" * 20 + "1" + "N" * 39, {20: D(2400)}))
    return _report(first, second)


CODES = "NNNNNNNNNNNNNNNNN*NNNN1NNNMNN#N/N2NNNN"


def _codes(rng: random.Random, last: str) -> str:
    """59 random months then `last`; an overdue grade only grows by one a month (1, 2, 3 …)."""
    out: list[str] = []
    for _ in range(59):
        code = rng.choice(CODES)
        if code.isdigit():
            code = str(int(out[-1]) + 1) if out and out[-1].isdigit() else "1"
        out.append(code)
    return "".join(out) + last


def _amounts(rng: random.Random, codes: str) -> dict[int, Decimal | None]:
    out: dict[int, Decimal | None] = {}
    for i, code in enumerate(codes):
        if code.isdigit():
            out[i] = D(rng.randrange(500, 5000, 10) * int(code))
        elif code in "#/":
            out[i] = None  # printed "--"
    return out


def eight_accounts() -> Report:
    rng = random.Random(8)
    extension = Special("展期", date(2023, 4, 10), 6, D(20000), "经借款人申请，借款期限展期6个月，展期后到期日为2027年01月10日")
    waiver = Special("债务减免", date(2026, 6, 20), 0, D(3150), "协商还款，减免部分罚息及利息后账户结清")
    transfer = Special("资产转让", date(2026, 6, 25), 0, D(18600), "债权已转让至某资产管理有限公司")
    statement = Annotation("本人声明", "本人因2022年12月住院治疗导致当月还款延迟，已于出院后一周内全额还清，"
                           "特此说明。", date(2023, 3, 1))
    specs: list[tuple[str, str, str, str, dict[str, object]]] = [
        ("非循环贷账户", BOC_CF, "ZY2106100011", "N", {"special": (extension,)}),
        ("非循环贷账户", ZHAOLIAN, "ZL2106100012", "G", {"special": (waiver,), "standing": _closed(date(2026, 6, 20))}),
        ("非循环贷账户", MASHANG, "MS2106100013", "N", {"annotations": (statement,)}),
        ("非循环贷账户", ANT, "JB2106100014", "C", {"standing": _closed(date(2026, 6, 18))}),
        ("循环额度下分账户", ANT, "JB2106100015", "N", {"agreement_id": "JB-LINE-2021"}),
        ("循环额度下分账户", DXM, "DXM2106100016", "N", {"agreement_id": "DXM-LINE-2021", "special": (transfer,)}),
        ("循环贷账户", WEBANK, "WLD2106100017", "N", {"agreement_id": "WLD-LINE-2021"}),
    ]
    accounts = []
    for section, institution, account_id, last, extra in specs:
        codes = _codes(rng, last)
        accounts.append(_long_loan(institution, account_id, section,
                                   grid=grid("2021-07", codes, _amounts(rng, codes)), **extra))
    card_codes = _codes(rng, "N")
    accounts.append(replace(_card(date(2026, 6, 30), "2021-07", card_codes),
                            grid=grid("2021-07", card_codes, _amounts(rng, card_codes))))
    return _report(*accounts, years_descending=True, year_cell="amount")


SOURCES: dict[str, Callable[[], Report]] = {
    "pboc/settled_clean": settled_clean, "pboc/wrong_overdue": wrong_overdue, "pboc/stale_overdue": stale_overdue,
    "pboc/multi_account": multi_account, "pboc/grid_page_break": grid_page_break,
    "pboc/eight_accounts": eight_accounts,
}


def brief_basic() -> BriefReport:
    items = (
        BriefItem("其他贷款", "loan", date(2024, 1, 10), WEBANK, D(20000), "其他个人消费贷款", due_on=date(2025, 1, 10),
                  as_of_month="2025-07", balance=D(3000), overdue_now=True, overdue_months=3, over_90=0),
        BriefItem("其他贷款", "loan", date(2023, 5, 10), ANT, D(12000), "其他个人消费贷款", closed_month="2024-05",
                  overdue_months=2),
        BriefItem("其他贷款", "loan", date(2022, 3, 1), ZHAOLIAN, D(6000), "其他个人消费贷款", closed_month="2023-03"),
        BriefItem("其他贷款", "line", date(2021, 11, 8), DXM, D(200000), "其他个人消费贷款", as_of_month="2025-07",
                  balance=D(0), valid_until=date(2025, 2, 28)),
        BriefItem("信用卡", "card", date(2019, 8, 15), CMB_CARD, D(20000), "贷记卡", as_of_month="2025-07",
                  balance=D(3200)),
        BriefItem("信用卡", "card", date(2016, 4, 1), "中国工商银行股份有限公司北京市分行", D(10000), "贷记卡",
                  closed_month="2022-10"),
    )
    return BriefReport("2025080100098765432101", "2025.08.01 09:30:12", "2025.08.01 09:30:12", "李晓明", "身份证",
                       "1101**********1236", items, lines_per_page=20)


BRIEF_SOURCES: dict[str, Callable[[], BriefReport]] = {"pboc_brief/basic": brief_basic}

FIXTURES: dict[str, Callable[[], bytes]] = {
    **{name: (lambda make=make: render_report(make())) for name, make in SOURCES.items()},
    **{name: (lambda make=make: render_brief(make())) for name, make in BRIEF_SOURCES.items()},
}


