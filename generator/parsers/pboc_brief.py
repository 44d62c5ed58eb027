"""个人信用报告 简版 (本人查询版): accounts as numbered sentences, no month grid.

Sample items (one sentence each, wrapping over lines and even pages):
``1. 2023年05月10日重庆蚂蚁消费金融有限公司发放的12,000元（人民币）其他个人消费贷款，2024年05月已结清。``
``2. 2024年01月10日…发放的20,000元（人民币）其他个人消费贷款，2025年01月10日到期。截至2025年07月，余额3,000元，
当前有逾期。最近5年内有3个月处于逾期状态，没有发生过90天以上逾期。``
``3. 2019年08月15日…信用卡中心发放的贷记卡（人民币账户），截至2025年07月，信用额度20,000元，已使用额度3,200元。``
``4. 2021年11月08日…为其他个人消费贷款授信，额度有效期至2025年02月28日，可循环使用。截至2025年07月，…``
二代 cards say ``发放的贷记卡（卡片尾号：8924），截至2020年05月，信用额度16,000，已使用额度12,231。``; the 一代
(pre-2020) writes unpadded dates and short names: ``2007年6月13日中信银行发放的贷记卡（人民币账户），截至2010年7月已销户。``
The item number is a span of its own left of the sentence; a sentence wraps anywhere, mid-word too.
Month-level disputes need the 详版: the report carries the note ``month_detail_unavailable``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from generator.catalogue import Message, message
from generator.dates import DateError, parse_date
from generator.documents import CreditAccount, CreditReport
from generator.errors import StatementParseError
from generator.models import DocumentKind, SourceRef
from generator.money import AmountError, parse_amount
from generator.parsers.base import DocumentParser
from generator.parsers.layout import Line
from generator.parsers.pboc import NUMBER, TIME
from generator.parsers.pboc_text import compact, line_page, report_lines, union
from generator.pdf import PdfDocument

CATEGORIES = ("信用卡", "购房贷款", "其他贷款")
SECTION_ENDS = ("公共记录", "查询记录", "说明", "非信贷交易记录")
ITEM = re.compile(r"^(\d{1,3})[.．、](\d{4}年\d{1,2}月\d{1,2}日.*)$")
HEAD = re.compile(r"^(?P<opened>\d{4}年\d{1,2}月\d{1,2}日)(?P<rest>.+)$")
LOAN = re.compile(r"^(?P<inst>.+?)发放的(?P<amount>[\d,.]+)元[（(](?P<currency>[^）)]*)[）)](?P<type>[^，。,]+)")
CARD = re.compile(r"^(?P<inst>.+?)发放的(?P<type>准?贷记卡)(?:[（(](?:(?P<currency>[^）)]*?)账户|卡片尾号[:：](?P<tail>\d+))[）)])?")
CREDIT_LINE = re.compile(r"^(?P<inst>.+?)为(?P<type>[^，。,]+?)授信[，,]")
FACTS = {  # field label → pattern of the value as printed
    "截至": re.compile(r"截至(\d{4}年\d{1,2}月)"),
    "信用额度": re.compile(r"信用额度([\d,.]+)"),
    "币种": re.compile(r"信用额度[\d,.]+元[（(]([^）)]*)[）)]"),
    "余额": re.compile(r"(?<!透支)余额为?([\d,.]+)"),
    "已使用额度": re.compile(r"已使用额度([\d,.]+)"),
    "透支余额": re.compile(r"透支余额为?([\d,.]+)"),
    "到期日期": re.compile(r"(\d{4}年\d{1,2}月\d{1,2}日)到期"),
    "额度有效期至": re.compile(r"额度有效期至(\d{4}年\d{1,2}月\d{1,2}日)"),
    "结清月份": re.compile(r"(\d{4}年\d{1,2}月)已结清"),
    "销户月份": re.compile(r"(\d{4}年\d{1,2}月)已销户"),
    "未激活": re.compile(r"截至(\d{4}年\d{1,2}月)尚?未激活"),
    "当前逾期": re.compile(r"当前([有无])逾期"),
    "最近5年逾期月数": re.compile(r"最近5年内有(\d+)个月处于逾期状态"),
    "逾期超过90天月数": re.compile(r"其中(\d+)个月逾期超过90天"),
}


@dataclass
class Item:
    category: str
    lines: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return ITEM.sub(r"\2", "".join(compact(ln) for ln in self.lines))


def items(lines: Sequence[Line]) -> list[Item]:
    """The numbered sentences under 信用卡 / 购房贷款 / 其他贷款; wrapped lines join their item."""
    out: list[Item] = []
    category: str | None = None
    current: Item | None = None
    for line in lines:
        text = compact(line)
        if text in CATEGORIES or text.startswith(SECTION_ENDS) or text.endswith(("如下：", "如下:")):
            category = text if text in CATEGORIES else (category if text.endswith(("如下：", "如下:")) else None)
            current = None
        elif category and ITEM.match(text):
            current = Item(category, [line])
            out.append(current)
        elif current is not None:
            current.lines.append(line)
    return out


@dataclass(frozen=True)
class Sentence:
    file: str
    source: SourceRef
    text: str

    def fail(self, what: Message) -> StatementParseError:
        return StatementParseError(self.file, "report.sentence", page=self.source.page, row=self.source.row,
                                   what=what, sentence=self.text)

    def date(self, text: str | None) -> date | None:
        try:
            return parse_date(text) if text else None
        except DateError:
            raise self.fail(message("report.sentence_date", text=text)) from None

    def amount(self, text: str | None) -> Decimal | None:
        try:
            return parse_amount(text) if text else None
        except AmountError:
            raise self.fail(message("report.sentence_amount", text=text)) from None


def _facts(text: str) -> dict[str, str | None]:
    out: dict[str, str | None] = {"sentence": text}
    for label, pattern in FACTS.items():
        m = pattern.search(text)
        if m:
            out[label] = m[1]
    return out


def _status(facts: dict[str, str | None]) -> str:
    if "结清月份" in facts:
        return "结清"
    if "销户月份" in facts:
        return "销户"
    if "未激活" in facts:
        return "未激活"
    return "逾期" if facts.get("当前逾期") == "有" else "正常"


def read_item(file: str, item: Item, number: int, ordinal: int) -> CreditAccount:
    page = line_page(item.lines[0])
    words = [w for ln in item.lines if line_page(ln) == page for w in ln.words]
    s = Sentence(file, SourceRef(file, page, ordinal, union(words)), item.text)
    head = HEAD.match(s.text)
    body = head and (LOAN.match(head["rest"]) or CARD.match(head["rest"]) or CREDIT_LINE.match(head["rest"]))
    if head is None or body is None:
        raise s.fail(message("report.sentence_institution"))
    facts = _facts(s.text)
    if body.groupdict().get("tail"):
        facts["卡片尾号"] = body["tail"]
    amount = s.amount(body.groupdict().get("amount") or facts.get("信用额度"))
    balance = s.amount(facts.get("余额") or facts.get("已使用额度") or facts.get("透支余额"))
    return CreditAccount(
        section=item.category, number=number, institution=body["inst"], account_id=None, agreement_id=None,
        account_type=body["type"], opened_on=s.date(head["opened"]), due_on=s.date(facts.get("到期日期")),
        loan_amount=amount, currency=body.groupdict().get("currency") or facts.get("币种"), installments=None,
        frequency=None, method=None, as_of=None, status=_status(facts), closed_on=None, balance=balance,
        current_overdue_periods=None, current_overdue_amount=None, last_payment_on=None, history=(),
        source=s.source, fields=facts)


class PbocBriefReport(DocumentParser):
    name = "pboc_brief"
    provider = "pboc"
    kind = DocumentKind.CREDIT_REPORT
    title = "个人信用报告（简版，无月度还款记录）"
    identifiers = (("个人信用报告", "信贷记录", "这部分包含您的"),)

    def parse(self, doc: PdfDocument, file: str, sha256: str) -> CreditReport:
        lines = report_lines(doc)
        page_one = " ".join(ln.text(" ") for ln in lines if line_page(ln) == 1)
        accounts = []
        counts: dict[str, int] = {}
        for ordinal, item in enumerate(items(lines), start=1):
            counts[item.category] = counts.get(item.category, 0) + 1
            accounts.append(read_item(file, item, counts[item.category], ordinal))
        if not accounts and not NO_CREDIT.search("".join(compact(ln) for ln in lines)):
            raise StatementParseError(file, "report.no_sentences", page=1)
        return CreditReport(file, sha256, "summary", _find(NUMBER, page_one), _find(TIME, page_one),
                            _find(NAME, page_one), _find(ID_TYPE, page_one), _find(ID_NUMBER, page_one),
                            tuple(accounts), doc.page_count, ("month_detail_unavailable",))


NO_CREDIT = re.compile(r"没有[^。]*(?:信贷|贷款|信用卡)[^。]*记录")  # 系统中没有您的信用卡、贷款和其他信贷记录
NAME = re.compile(r"(?<!查询者)姓名\s*[:：]\s*(\S+)")
ID_TYPE = re.compile(r"证件类型\s*[:：]\s*(\S+)")
ID_NUMBER = re.compile(r"证件号码\s*[:：]\s*([0-9Xx*＊]+)")


def _find(pattern: re.Pattern[str], text: str) -> str | None:
    m = pattern.search(text)
    return m[1].strip() if m else None
