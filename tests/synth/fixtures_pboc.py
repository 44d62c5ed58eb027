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
    Drawing,
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
ANT_OLD = "重庆市蚂蚁商诚信息技术有限公司（原：重庆市蚂蚁商诚小额贷款有限公司）"  # wraps over four lines
CCB_BJ = "中国建设银行股份有限公司北京市分行"


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


# --------------------------------------------------------------------------- real drawings (FORMATS-REAL section 1)

SELF = Drawing(running_header=False, footer="第{page}页，共{pages}页", heading_space=False, agreement="when_present",
               spaced_number=True, self_names=True, band="逾期 {} 天未还本金", label_size=9.5, legend=True,
               status_grid=True, latest=True, summary_sections=True, later_sections=True, missing_amount="")
BANK = Drawing(version="(授信机构版)", running_header=False, half_width=True, every_section=True, counts=True,
               dash="—", card_labels="one_row", history="list", latest=True)


def _active(balance: int, due: date, paid: date, *, overdue: int = 0, periods: int = 0) -> Standing:
    return Standing("逾期" if overdue else "正常", balance=D(balance), remaining=3, amount_due=D(1020), due_day=due,
                    amount_paid=D(0 if overdue else 1020), last_payment_on=paid, overdue_periods=periods,
                    overdue_amount=D(overdue), overdue_by_age=(D(overdue), D(0), D(0), D(0)))


def _bad_debt() -> Account:
    """呆账: the status card is 账户状态 | 余额 | 最近一次还款日期; the grid runs 1 … 7 then B."""
    standing = Standing("呆账", five_class=None, balance=D(3666), last_payment_on=date(2022, 9, 20),
                        overdue_periods=None, overdue_amount=None)
    amounts: dict[int, Decimal | None] = {i: D(489 * (i + 1)) for i in range(1, 12)}
    return Account("非循环贷账户", ANT, "762023826", date(2021, 10, 27), D(5500), "其他个人消费贷款",
                   as_of=date(2022, 10, 3), standing=standing, grid=grid("2021-10", "N1234567BBBBB", amounts),
                   due_on=date(2022, 10, 27), method="到期一次还本付息")


def _cards(*, closed_tail: str) -> tuple[Account, ...]:
    standing = Standing("正常", five_class=None, balance=D(12742), amount_due=D(1274), amount_paid=D(1274),
                        last_payment_on=date(2024, 11, 22), avg_used_6m=D(10193), max_used=D(19113),
                        bill_date=date(2024, 12, 5))
    codes = "N**1*NN*N*N*" + "N" * 12 + "*N*NNNN*NNNN" + "NN*N" * 6
    used = Account("贷记卡账户", "广发银行股份有限公司信用卡中心", "569365048", date(2016, 8, 21), D(175000), "贷记卡",
                   as_of=date(2024, 12, 14), standing=standing, grid=grid("2020-01", codes, {3: D(1078)}),
                   shared_limit=D(175000), installments=None, frequency=None, method=None, agreement_id="1540672880971",
                   card_tail="8493", full_card=True, annotations=(Annotation("异议标注", "本人对该卡2020年04月的逾期记录"
                                                                             "有异议，正在处理中。", date(2020, 5, 12)),))
    never = Account("贷记卡账户", "交通银行股份有限公司太平洋信用卡中心", "622574******3940", date(2018, 9, 4), D(169000),
                    "贷记卡", as_of=date(2022, 10, 12), standing=Standing("未激活", five_class=None, overdue_periods=None,
                                                                           overdue_amount=None),
                    grid=(), shared_limit=D(169000), installments=None, frequency=None, method=None, card_tail="3940")
    gone = Account("贷记卡账户", CMB_CARD, "CC20140516001", date(2014, 5, 16), D(20000), "贷记卡", as_of=date(2021, 2, 4),
                   standing=Standing("销户", closed_on=date(2021, 2, 4)), grid=grid("2020-03", "N*NNNNNNNNN*C"),
                   shared_limit=D(20000), installments=None, frequency=None, method=None, card_tail=closed_tail)
    quasi_standing = Standing("正常", five_class=None, balance=D(2918), amount_paid=D(972),
                              last_payment_on=date(2024, 12, 22), avg_used_6m=D(1459), max_used=D(2918),
                              bill_date=date(2024, 12, 10))
    quasi = Account("准贷记卡账户", CCB_BJ, "C1EB629A9D2BFF5992DD4", date(2017, 5, 10), D(4000), "准贷记卡",
                    as_of=date(2024, 12, 25), standing=quasi_standing, grid=grid("2022-01", "NN*N" * 9),
                    shared_limit=D(4000), installments=None, frequency=None, method=None, card_tail="5318")
    return used, never, gone, quasi


def real_self() -> Report:
    """A 本人版 drawn as real ones are: years latest first, 账户N without an agreement, names wrapping
    over four lines, wrapped labels, the header on page 1 only, 循环贷账户一/二, every optional block."""
    settled = Account("非循环贷账户", ANT_OLD, "HT7223925157109868855031", date(2021, 12, 5), D(26000), "其他个人消费贷款",
                      as_of=date(2022, 4, 16), standing=_closed(date(2022, 4, 16)), grid=grid("2021-12", "*NNNC"),
                      due_on=date(2022, 6, 5), installments=6, method="其他类型分期还款",
                      special=(Special("提前结清", date(2022, 4, 16), 0, D(8700), "借款人提前结清全部剩余本息"),))
    codes = "*NNNNNNN#NNN" + "N" * 12 + "NNNNN1NNNN/N" + "NNN"
    line = Account("循环额度下分账户", WEBANK, "WLD2203100456", date(2022, 3, 10), D(30000), "其他个人消费贷款",
                   as_of=date(2025, 3, 31), standing=_active(4080, date(2025, 4, 10), date(2025, 3, 10)),
                   grid=grid("2022-03", codes, {8: None, 29: D(1020), 34: None}), due_on=date(2025, 9, 10),
                   installments=36, agreement_id="WLD-LINE-2022", break_grid_after=3)
    moved = Account("循环贷账户", ZHAOLIAN, "ZL2006150789", date(2020, 6, 15), D(12000), "其他个人消费贷款",
                    as_of=date(2021, 7, 29), standing=Standing("转出", closed_on=date(2021, 7, 29)),
                    grid=grid("2020-07", "NNNNNNNNNNNNNG"), due_on=date(2021, 6, 15), agreement_id="ZL-LINE-2020")
    return _report(settled, _bad_debt(), line, moved, *_cards(closed_tail="0516"), years_descending=True,
                   query_org="本人", query_reason="本人查询（自助查询机）", drawing=SELF)


def real_bank() -> Report:
    """A 授信机构版: every sub-section with counts (empty ones too, 被追偿信息 … 授信协议信息), half-width
    headings, cards on one label row, and the history as 最近 5 年内的历史表现 lists."""
    loan = Account("非循环贷账户", "中国邮政储蓄银行股份有限公司南京市分行", "A077980354359354", date(2019, 3, 8), D(115000),
                   "个人经营性贷款", as_of=date(2020, 12, 8), standing=_closed(date(2020, 12, 8)),
                   grid=grid("2019-03", "NNNMNNNNNNNNNNNNNNNNNC"), due_on=date(2022, 3, 8), installments=36,
                   guarantee="保证", method="分期等额本金")
    line = Account("循环额度下分账户", ANT, "JB24110100077", date(2024, 11, 1), D(6000), "其他个人消费贷款",
                   as_of=date(2025, 7, 31), standing=_active(2000, date(2025, 8, 1), date(2025, 7, 1), overdue=1020,
                                                             periods=1),
                   grid=grid("2024-12", "NN1NNNN1", {2: D(1020), 7: D(1020)}), due_on=date(2025, 11, 1),
                   agreement_id="JB-LINE-20241101")
    used, _, gone, quasi = _cards(closed_tail="0516")
    return _report(loan, line, used, gone, quasi, time="2025-08-01 10:15:30", query_org="招商银行股份有限公司",
                   query_reason="贷款审批", drawing=BANK)


def no_credit() -> Report:
    """A report of someone without credit accounts: every section says 该类账户无记录."""
    return _report(drawing=BANK)


SOURCES: dict[str, Callable[[], Report]] = {
    "pboc/settled_clean": settled_clean, "pboc/wrong_overdue": wrong_overdue, "pboc/stale_overdue": stale_overdue,
    "pboc/multi_account": multi_account, "pboc/grid_page_break": grid_page_break,
    "pboc/eight_accounts": eight_accounts, "pboc/real_self": real_self, "pboc/real_bank": real_bank,
    "pboc/no_credit": no_credit,
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


def brief_second_generation() -> BriefReport:
    """二代 wording: card tails, a never-used card, a business loan, half-width heading colons, a
    header with 报告时间 only, names long enough to wrap mid-word."""
    items = (
        BriefItem("信用卡", "card", date(2013, 1, 30), "中国工商银行股份有限公司牡丹卡中心", D(16000), "贷记卡",
                  as_of_month="2020-05", balance=D(12231), overdue_months=7, over_90=1, card_tail="8924"),
        BriefItem("信用卡", "card", date(2021, 11, 6), "中国光大银行股份有限公司信用卡中心", D(141000), "准贷记卡",
                  as_of_month="2026-04", balance=D(11082), card_tail="5840"),
        BriefItem("信用卡", "card", date(2021, 10, 8), "平安银行股份有限公司信用卡中心", D(50000), "贷记卡",
                  inactive_month="2024-09", card_tail="6236"),
        BriefItem("购房贷款", "loan", date(2015, 2, 3), "招商银行股份有限公司杭州分行", D(1360000), "个人住房商业贷款",
                  due_on=date(2045, 2, 3), as_of_month="2026-06", balance=D(902114)),
        BriefItem("其他贷款", "loan", date(2017, 12, 23), "中国农业银行股份有限公司成都高新支行", D(530000), "个人经营性贷款",
                  closed_month="2020-12", overdue_months=2),
        BriefItem("其他贷款", "line", date(2021, 11, 8), DXM, D(35200), "其他个人消费贷款", as_of_month="2026-06",
                  balance=D(18253), valid_until=date(2027, 2, 28), overdue_now=True, overdue_months=1),
    )
    return BriefReport("2026071900098765432101", "", "2026-07-19 09:08:07", "叶桂丽", "身份证", "3301**********0162",
                       items, lines_per_page=22, query_time_printed=False, colon=":", long_headings=True,
                       footer="第{page}页，共{pages}页")


def brief_first_generation() -> BriefReport:
    """一代 (pre-2020): unpadded dates, short institution names, 查询时间 and 报告时间, the ID masked."""
    items = (
        BriefItem("信用卡", "card", date(2012, 7, 15), "中信银行", D(41000), "贷记卡", as_of_month="2017-12",
                  balance=D(11338), overdue_months=11, over_90=1, padded=False),
        BriefItem("信用卡", "card", date(2010, 9, 1), "中国建设银行", D(10000), "贷记卡", closed_month="2015-09",
                  padded=False),
        BriefItem("信用卡", "card", date(2014, 7, 20), "中国建设银行", D(10000), "贷记卡", inactive_month="2017-12",
                  padded=False),
        BriefItem("其他贷款", "loan", date(2017, 8, 25), "中国工商银行北京朝阳支行", D(196900), "其他贷款",
                  due_on=date(2020, 8, 25), as_of_month="2017-12", balance=D(140158), padded=False),
        BriefItem("其他贷款", "loan", date(2013, 7, 17), "中国银行北京分行", D(56100), "其他贷款", closed_month="2014-10",
                  padded=False),
    )
    return BriefReport("2018011853822972933293", "2018.01.17 14:02:31", "2018.01.18 21:53:09", "谢勇雨", "身份证",
                       "**************4343", items, footer="第 {page} 页,共 {pages} 页")


BRIEF_SOURCES: dict[str, Callable[[], BriefReport]] = {
    "pboc_brief/basic": brief_basic, "pboc_brief/second_generation": brief_second_generation,
    "pboc_brief/first_generation": brief_first_generation}

FIXTURES: dict[str, Callable[[], bytes]] = {
    **{name: (lambda make=make: render_report(make())) for name, make in SOURCES.items()},
    **{name: (lambda make=make: render_brief(make())) for name, make in BRIEF_SOURCES.items()},
}


