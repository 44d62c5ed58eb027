"""Who a complaint goes to, whom it is against, and whether a dispute is ripe for one.

A complaint goes to the PBOC branch where the lender is located (条例 Art. 26), once a dispute
has gone 20 days without a satisfactory reply. It is against exactly the parties that let that
happen: the lender (信息提供者, 条例 Art. 40(四)) and/or 征信中心 (the database operator, bound by
Art. 25 through Art. 32, Art. 38(六)), each only if a dispute was filed with it.

The branch comes from case.toml (`pboc_branch`) or, for lenders registered in a provincial-level
city, from the city in the lender's legal name; the mapping follows the 2023 branch reform's
naming [unverified] and is a setting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from generator.errors import RenderError
from generator.models import LoanResult
from generator.track import Filing, Outcome, load_filings, status_of

Party = Literal["lender", "bureau"]
PARTIES: tuple[Party, ...] = ("lender", "bureau")

CITY_BRANCHES = {"北京": "中国人民银行北京市分行", "上海": "中国人民银行上海总部", "天津": "中国人民银行天津市分行",
                 "重庆": "中国人民银行重庆市分行", "深圳": "中国人民银行深圳市分行", "浙江": "中国人民银行浙江省分行",
                 "杭州": "中国人民银行浙江省分行", "广州": "中国人民银行广东省分行", "福州": "中国人民银行福建省分行",
                 "厦门": "中国人民银行厦门市分行", "南京": "中国人民银行江苏省分行", "湖北": "中国人民银行湖北省分行",
                 "湖南": "中国人民银行湖南省分行", "四川": "中国人民银行四川省分行", "河南": "中国人民银行河南省分行"}


def complaint_target(lr: LoanResult) -> str:
    if lr.loan.pboc_branch:
        return lr.loan.pboc_branch
    for city, branch in CITY_BRANCHES.items():
        if lr.loan.lender.startswith(city):
            return branch
    raise RenderError("complaint.no_branch", lender=lr.loan.lender)


@dataclass(frozen=True)
class Respondent:
    """A party the complaint is against, with the dispute that makes it one: filed with it for this
    loan, and either unanswered past the 20 days (`reply` None) or answered without a correction.
    A party that was never sent a dispute, or whose 20 days are still running, is not one."""

    party: Party
    filed: date
    ticket: str | None
    reply: date | None
    outcome: Outcome | None
    days_elapsed: int  # from the day it received the dispute to the letter date


def respondents(case_dir: Path, lr: LoanResult, today: date) -> tuple[Respondent, ...]:
    """Lender first, then 征信中心; raises RenderError when neither is ripe for a complaint."""
    filings, found = load_filings(case_dir), []
    for party in PARTIES:
        filing = _filing_for(filings, party, lr)
        if filing is not None and status_of(filing, today).ready_to_escalate:
            found.append(Respondent(party, filing.filed, filing.ticket, filing.reply, filing.outcome,
                                    (today - filing.filed).days))
    if not found:
        raise RenderError("complaint.too_early")
    return tuple(found)


def _filing_for(filings: list[Filing], party: Party, lr: LoanResult) -> Filing | None:
    """The dispute filed with `party` about this loan; one naming the loan beats one for every loan."""
    names = (lr.loan.lender, lr.loan.contract_number)
    mine = [f for f in filings if f.to == party and (f.loan is None or f.loan in names)]
    return max(mine, key=lambda f: f.loan is not None, default=None)
