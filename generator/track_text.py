"""What `dispute track` and `dispute status` say about a filing, in words: the command line and
the web page show the same sentences."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.track import Filing, FilingStatus

TO_CN = {"lender": "贷款机构", "bureau": "征信中心", "complaint": "人民银行分支机构"}
OUTCOME_CN = {"corrected": "已更正", "refused": "拒绝更正", "none": "未处理"}
STATE_CN = {"waiting": "等待答复", "overdue": "逾期未答复", "replied_corrected": "已答复：已更正",
            "replied_refused": "已答复：拒绝更正", "replied_none": "已答复：未处理"}
COMPLAIN_CN = {"lender": "向贷款机构所在地的人民银行分支机构投诉，或向法院起诉",
               "bureau": "向人民银行分支机构投诉，或向法院起诉"}
NEXT_CN = {"sue": "可向法院起诉（条例第二十六条）", "check_report": "重新查询信用报告，确认已更正"}
COMPLAINT_HINT = "投诉申请书：dispute generate CASE --to complaint"
WEEKDAYS_NOTE = "（受理期限按周一至周五估算：日历数据未覆盖该年份）"
STATE_ORDER = {"overdue": 0, "replied_refused": 1, "replied_none": 1, "waiting": 2, "replied_corrected": 3}


def confirmation(filing: Filing, today: date, *, updated: bool) -> str:
    from generator.dates import format_cn
    from generator.track import status_of

    st = status_of(filing, today)
    action = "提出投诉" if filing.to == "complaint" else "提出异议"
    loan = f"（{filing.loan}）" if filing.loan else ""
    text = f"{'已更新' if updated else '已记录'}：{format_cn(filing.filed)}向{TO_CN[filing.to]}{loan}{action}"
    if filing.ticket:
        text += f"（工单号 {filing.ticket}）"
    if filing.reply and filing.outcome:
        text += f"；{format_cn(filing.reply)}答复：{OUTCOME_CN[filing.outcome]}。下一步：{next_step(st)}"
        return text + (f"（{COMPLAINT_HINT}）" if st.next_step == "complain" else "")
    due = st.deadlines
    if due.accept_by:
        text += f"，应于 {format_cn(due.accept_by)} 前受理{WEEKDAYS_NOTE if due.workdays == 'weekdays_only' else ''}"
        return text + f"，答复期限 {format_cn(due.reply_due)}（受理之日起30日，按最晚受理日计）"
    return text + f"，答复期限 {format_cn(due.reply_due)}"


def state_text(st: FilingStatus) -> str:
    if st.state == "waiting" and st.days_left is not None:
        return f"等待答复（{'今天到期' if st.days_left == 0 else f'剩 {st.days_left} 天'}）"
    if st.state == "overdue" and st.days_left is not None:
        return f"逾期未答复（已过 {-st.days_left} 天）"
    return STATE_CN[st.state]


def next_step(st: FilingStatus) -> str:
    to = st.filing.to
    if st.next_step == "wait":
        if st.deadlines.accept_by:
            return f"等待受理（最晚 {st.deadlines.accept_by.isoformat()}）和书面答复"
        return "等待书面答复，到期未复可投诉"
    if st.next_step == "complain":
        return COMPLAIN_CN[to]
    return NEXT_CN[st.next_step]


def due_text(st: FilingStatus) -> str:
    text = st.deadlines.reply_due.isoformat()
    return text + ("*" if st.deadlines.workdays == "weekdays_only" else "")


def summary_line(statuses: list[FilingStatus]) -> str:
    counts = Counter(st.state for st in statuses)
    ready = sum(st.ready_to_escalate for st in statuses)
    parts = [f"{STATE_CN[s]} {n}" for s, n in sorted(counts.items(), key=lambda kv: STATE_ORDER[kv[0]])]
    return f"共 {len(statuses)} 项：{'，'.join(parts)}；可升级（投诉或起诉）{ready} 项。"
