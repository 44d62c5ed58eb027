"""Who a complaint goes to, and whether a dispute is ripe for one.

A complaint goes to the PBOC branch where the lender is located (条例 Art. 26), once a dispute
has gone 20 days without a satisfactory reply. The branch comes from case.toml (`pboc_branch`)
or, for lenders registered in a provincial-level city, from the city in the lender's legal name;
the mapping follows the 2023 branch reform's naming [unverified] and is a setting.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.errors import RenderError
from generator.models import LoanResult

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
    raise RenderError(f"[[loans]] {lr.loan.lender}: set pboc_branch in case.toml (the PBOC branch where the "
                      "lender is located) to write a complaint")


def ready_filing(case_dir: Path, lr: LoanResult, today: date) -> object:
    """The dispute this complaint follows up: filed, 20 days passed, no satisfactory reply."""
    from generator.track import load_filings, status_of

    filings = [f for f in load_filings(case_dir) if f.to in ("lender", "bureau")
               and (f.loan is None or f.loan in (lr.loan.lender, lr.loan.contract_number))]
    ready = sorted((f for f in filings if status_of(f, today).ready_to_escalate), key=lambda f: f.to != "lender")
    if not ready:
        raise RenderError("a complaint needs a dispute filed at least 20 days ago without a satisfactory reply; "
                          "record it with `dispute track CASE --to lender --filed DATE`")
    return ready[0]
