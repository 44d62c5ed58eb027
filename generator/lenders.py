"""Lenders of record (管理机构) and the app brands that point to them.

The credit report names the funder in the loan contract, not the app (DOMAIN.md section 5): 借呗
loans are booked by 重庆蚂蚁消费金融有限公司, 微粒贷 loans by 深圳前海微众银行股份有限公司. Names reach
us from reports, certificates and statement rows with branch suffixes (``…个人信贷部``), full-width
brackets, account numbers attached (``50050107360000002979/重庆蚂蚁消费金融有限公司``) and OCR slips
(``蚂蚊`` for ``蚂蚁``). `find_lender` maps any of those to one table entry.

`verified` is False where DOMAIN.md marks the entity or its brand links [secondary] or [unverified]:
such a row may guide matching, but a letter must not state it as fact.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class LenderKind(StrEnum):
    BANK = "bank"
    CONSUMER_FINANCE = "consumer_finance"  # 消费金融公司 (NFRA licence)
    SMALL_LOAN = "small_loan"  # 小额贷款公司 (local licence)


@dataclass(frozen=True)
class Lender:
    legal_name: str
    kind: LenderKind
    verified: bool  # every fact in this row is [verified] in DOMAIN.md
    brands: tuple[str, ...] = ()  # products/apps specific enough to find in a statement row ("借呗")
    aliases: tuple[str, ...] = ()  # other names of the same entity: renames, short forms
    code: str | None = None  # NFRA licence code, where DOMAIN.md gives it
    note: str = ""  # what is unverified, and why a brand link is only a hint


CF, BANK, SL = LenderKind.CONSUMER_FINANCE, LenderKind.BANK, LenderKind.SMALL_LOAN

# The named online lenders of DOMAIN.md section 5 first, then the rest of the 31 consumer-finance
# companies in the NFRA list of 2025-06-30 (all [verified] as entities).
LENDERS: tuple[Lender, ...] = (
    Lender("重庆蚂蚁消费金融有限公司", CF, True, ("借呗", "花呗"), ("蚂蚁消费金融", "蚂蚁消金", "蚂蚁"),
           "X0029H250000001", "part of 借呗 is joint-lent with partner banks"),
    Lender("重庆市蚂蚁商诚小额贷款有限公司", SL, False, (), ("蚂蚁商诚",), None,
           "historical 借呗/花呗 entity [secondary]"),
    Lender("重庆市蚂蚁小微小额贷款有限公司", SL, False, (), ("蚂蚁小微",), None,
           "historical 借呗/花呗 entity [secondary]"),
    Lender("深圳前海微众银行股份有限公司", BANK, True, ("微粒贷", "微众银行"), ("微众",)),
    Lender("天津京东消费金融有限公司", CF, False, ("京东金条", "京东白条", "白条"), ("京东消费金融", "京东消金"),
           "X0004H212000001", "which JD product uses this entity or 京东盛际 is [unverified]"),
    Lender("重庆京东盛际小额贷款有限公司", SL, True, (), ("京东盛际",), None,
           "also funds JD credit; product split [unverified]"),
    Lender("重庆度小满小额贷款有限公司", SL, True, ("有钱花", "度小满", "满易贷"), ()),
    Lender("福州三六零网络小额贷款有限公司", SL, False, ("360借条", "奇富借条"),
           ("福州奇富网络小额贷款(股份)有限公司", "福州奇富网络小额贷款股份有限公司"), None,
           "rename and merger [secondary]; most loans are funded by partner banks"),
    Lender("重庆美团三快小额贷款有限公司", SL, False, ("美团借钱", "美团月付"), ("美团三快",), None,
           "[secondary] lender list; partner banks fund part"),
    Lender("招联消费金融股份有限公司", CF, True, ("好期贷", "招联"), ("招联金融",), "X0007H244030001"),
    Lender("马上消费金融股份有限公司", CF, False, ("安逸花",), ("马上消费", "马上金融"), "X0010H250000001",
           "安逸花 = 马上消费 product is [unverified]"),
    Lender("中银消费金融有限公司", CF, True, ("新易贷",), ("中银消金",), "X0003H231000001"),
    Lender("平安消费金融有限公司", CF, True, (), ("平安消金",), "X0025H231000001",
           "平安普惠 is a 助贷/guarantee model, not this entity"),
    Lender("南银法巴消费金融有限公司", CF, False, ("任性付",), ("苏宁消费金融有限公司", "苏宁消费金融"),
           "X0009H232010001", "rename from 苏宁消费金融 and the 任性付 link are [unverified]"),
    Lender("深圳市中融小额贷款有限公司", SL, False, ("放心借", "抖音月付", "DOU分期"), (), None,
           "[secondary]; 放心借 loans are mostly funded by partner institutions"),
    Lender("重庆携程小额贷款有限公司", SL, True, ("拿去花",), ("携程小贷",)),
    Lender("重庆小米消费金融有限公司", CF, True, (), ("小米消费金融",), "X0026H250000001"),
    Lender("浙江网商银行股份有限公司", BANK, True, ("网商贷", "网商银行"), ()),
    Lender("深圳市财付通网络金融小额贷款有限公司", SL, False, ("微信分付",), (), None, "[unverified]"),
    Lender("北银消费金融有限公司", CF, True),
    Lender("四川锦程消费金融有限责任公司", CF, True),
    Lender("兴业消费金融股份公司", CF, True),
    Lender("海尔消费金融有限公司", CF, True),
    Lender("湖北消费金融股份有限公司", CF, True),
    Lender("中邮消费金融有限公司", CF, True),
    Lender("杭银消费金融股份有限公司", CF, True),
    Lender("浙江宁银消费金融股份有限公司", CF, True),
    Lender("晋商消费金融股份有限公司", CF, True),
    Lender("盛银消费金融有限公司", CF, True),
    Lender("陕西长银消费金融有限公司", CF, True),
    Lender("内蒙古蒙商消费金融股份有限公司", CF, True),
    Lender("河南中原消费金融股份有限公司", CF, True),
    Lender("湖南长银五八消费金融股份有限公司", CF, True),
    Lender("哈尔滨哈银消费金融有限责任公司", CF, True),
    Lender("河北幸福消费金融股份有限公司", CF, True),
    Lender("上海尚诚消费金融股份有限公司", CF, True),
    Lender("厦门金美信消费金融有限责任公司", CF, True),
    Lender("中信消费金融有限公司", CF, True),
    Lender("北京阳光消费金融股份有限公司", CF, True),
    Lender("苏银凯基消费金融有限公司", CF, True),
    Lender("四川省唯品富邦消费金融有限公司", CF, True),
    Lender("建信消费金融有限责任公司", CF, True),
)

# OCR slips seen on real documents; each wrong form is not a word in its own right.
_NEAR_MISSES = {"蚂蚊": "蚂蚁", "妈蚁": "蚂蚁", "徽众": "微众", "微粒货": "微粒贷", "消费金触": "消费金融",
                "有限公可": "有限公司", "小颔贷款": "小额贷款"}
_BRACKETS = str.maketrans({"【": "(", "】": ")", "〔": "(", "〕": ")", "[": "(", "]": ")"})
_ENTITY_END = r"(?:股份有限公司|有限责任公司|有限公司|股份公司|银行)"
_BRANCH = r"(?:分行|支行|分公司|个人信贷部|信贷部|营业部|营业室|信用卡中心|业务部|中心)"
_BRANCH_SUFFIX = re.compile(rf"^(.+{_ENTITY_END})(.+?{_BRANCH})$")
_ACCOUNT_HEAD = re.compile(r"^[0-9*]{6,}\s*[/|:]?\s*")
_ACCOUNT_TAIL = re.compile(r"\s*[/|,，]?\s*[0-9*]{6,}$")
_COMPANY_FORM = re.compile(r"(?:\(股份\)有限公司|股份有限公司|有限责任公司|有限公司|股份公司|公司)$")
MIN_PREFIX = 4  # a shorter fragment ("重庆") names no one


def _compact(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).translate(_BRACKETS)
    s = re.sub(r"\s+", "", s)
    for wrong, right in _NEAR_MISSES.items():
        s = s.replace(wrong, right)
    return s


def normalise_name(text: str) -> str:
    """One spelling per entity name: NFKC, ASCII brackets, no spaces, OCR slips fixed, an
    attached account number and a branch suffix removed.

    >>> normalise_name("招联消费金融股份有限公司 深圳分公司")
    '招联消费金融股份有限公司'
    """
    s = unicodedata.normalize("NFKC", text).strip()
    s = _ACCOUNT_TAIL.sub("", _ACCOUNT_HEAD.sub("", s))
    s = _compact(s)
    m = _BRANCH_SUFFIX.match(s)
    return m.group(1) if m else s


def _core(name: str) -> str:
    """The name without its company form: 招联消费金融股份有限公司 → 招联消费金融."""
    return _COMPANY_FORM.sub("", name)


_Index = list[tuple[str, Lender]]


def _index() -> tuple[dict[str, Lender], _Index, _Index, _Index]:
    """Names by spelling; cores (names without company form); names to look for inside a text
    (cores and aliases of at least MIN_PREFIX characters); brands. Longest first, so that the
    most specific name wins."""
    by_name: dict[str, Lender] = {}
    cores: _Index = []
    inside: _Index = []
    brands: _Index = []
    for lender in LENDERS:
        for name in (lender.legal_name, *lender.aliases):
            key = normalise_name(name)
            if key in by_name:
                raise ValueError(f"lender table: {name!r} is listed twice")
            by_name[key] = lender
            if _COMPANY_FORM.search(key):
                cores.append((_core(key), lender))
                inside.append((_core(key), lender))
            elif len(key) >= MIN_PREFIX:
                inside.append((key, lender))
        brands += [(_compact(b), lender) for b in lender.brands]
    for table in (cores, inside, brands):
        table.sort(key=lambda entry: -len(entry[0]))
    return by_name, cores, inside, brands


_BY_NAME, _CORES, _INSIDE, _BRANDS = _index()


def find_lender(text: str) -> Lender | None:
    """The lender a name or statement text points to, or None.

    Tried in order: the name itself (legal name, alias, or either without its company form), a
    legal name inside the text (``50050107360000002979/重庆蚂蚁消费金融有限公司``), an unambiguous
    prefix of a legal name (``招联消费金融``, at least 4 characters), then a brand inside the text
    (``借呗还款``). A short alias such as ``蚂蚁`` counts only as the whole name, never inside
    other words (``蚂蚁财富`` is not a lender)."""
    if not text or not text.strip():
        return None
    name = normalise_name(text)
    for step in (_exact, _inside, _prefix, _brand):
        found = step(name, _compact(text))
        if found is not None:
            return found
    return None


def _exact(name: str, _: str) -> Lender | None:
    hit = _BY_NAME.get(name)
    if hit is None:
        core = _core(name)
        hit = next((lender for c, lender in _CORES if c == core), None)
    return hit


def _inside(_: str, compact: str) -> Lender | None:
    return next((lender for name, lender in _INSIDE if name in compact), None)


def _prefix(name: str, _: str) -> Lender | None:
    core = _core(name)
    if len(core) < MIN_PREFIX:
        return None
    hits = {lender.legal_name: lender for c, lender in _CORES if c.startswith(core)}
    return next(iter(hits.values())) if len(hits) == 1 else None


def _brand(_: str, compact: str) -> Lender | None:
    folded = compact.casefold()
    return next((lender for brand, lender in _BRANDS if brand.casefold() in folded), None)


def same_lender(a: str, b: str) -> bool:
    """Whether two printed names (or brands) point to the same legal entity. Two names the
    table does not know are the same only if they normalise to the same name."""
    la, lb = find_lender(a), find_lender(b)
    if la is not None or lb is not None:
        return la is not None and lb is not None and la.legal_name == lb.legal_name
    na, nb = _core(normalise_name(a)), _core(normalise_name(b))
    return bool(na) and na == nb
