"""The lender table: names as reports, certificates and statement rows print them."""

from __future__ import annotations

import pytest

from generator.lenders import LENDERS, LenderKind, find_lender, normalise_name, same_lender

ANT = "重庆蚂蚁消费金融有限公司"
WEBANK = "深圳前海微众银行股份有限公司"
ZHAOLIAN = "招联消费金融股份有限公司"


def _legal(text: str) -> str | None:
    found = find_lender(text)
    return None if found is None else found.legal_name


@pytest.mark.parametrize(("text", "expected"), [
    ("招联消费金融股份有限公司 深圳分公司", ZHAOLIAN),
    ("深圳前海微众银行股份有限公司个人信贷部", WEBANK),
    ("中国工商银行股份有限公司北京市分行营业部", "中国工商银行股份有限公司"),
    ("招商银行北京分行", "招商银行"),
    ("福州奇富网络小额贷款（股份）有限公司", "福州奇富网络小额贷款(股份)有限公司"),
    ("【某某】小额贷款有限公司", "(某某)小额贷款有限公司"),
    ("ＡＢＣ消费金融　有限公司", "ABC消费金融有限公司"),
    ("重庆蚂蚊消费金融有限公司", ANT),
    ("重庆蚂蚁消费金融有限公司 2088101234567890", ANT),
    ("50050107360000002979/重庆蚂蚁消费金融有限公司", ANT),
    ("360借条", "360借条"),  # a short leading number is part of the brand, not an account
])
def test_normalise_name(text: str, expected: str) -> None:
    assert normalise_name(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    (ANT, ANT),
    ("招联消费金融股份有限公司深圳分公司", ZHAOLIAN),  # branch suffix
    ("深圳前海微众银行股份有限公司 个人信贷部", WEBANK),
    ("湖南长银五八消费金融股份有限公司长沙分公司", "湖南长银五八消费金融股份有限公司"),
    ("重庆蚂蚊消费金融有限公司", ANT),  # OCR near-miss
    ("深圳前海徽众银行股份有限公司", WEBANK),
    ("招联消费金融有限公司", ZHAOLIAN),  # wrong company form, same core
    ("招联消费金融", ZHAOLIAN),  # normalised prefix
    ("重庆蚂蚁", ANT),
    ("借呗", ANT), ("花呗", ANT), ("借呗还款", ANT), ("蚂蚁", ANT),  # brands
    ("微粒贷", WEBANK), ("微众银行", WEBANK),
    ("京东金条", "天津京东消费金融有限公司"), ("白条还款", "天津京东消费金融有限公司"),
    ("有钱花", "重庆度小满小额贷款有限公司"), ("度小满", "重庆度小满小额贷款有限公司"),
    ("好期贷", ZHAOLIAN), ("安逸花", "马上消费金融股份有限公司"), ("网商贷", "浙江网商银行股份有限公司"),
    ("美团借钱", "重庆美团三快小额贷款有限公司"), ("美团月付", "重庆美团三快小额贷款有限公司"),
    ("重庆蚂蚁消费金融有限公司 2088101234567890", ANT),  # counterparty with an account number
    ("50050107360000002979/重庆蚂蚁消费金融有限公司", ANT),
    ("蚂蚁花呗借呗扣款^2025022710255101045371003861568^jiebei", ANT),  # bank statement description
    ("苏宁消费金融有限公司", "南银法巴消费金融有限公司"),  # former name
])
def test_find_lender(text: str, expected: str) -> None:
    assert _legal(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "某某小额贷款有限公司", "蚂蚁财富", "中国工商银行股份有限公司",
                                  "重庆", "支付宝（中国）网络技术有限公司", "北京麦当劳食品有限公司"])
def test_unknown_names_are_none(text: str) -> None:
    assert find_lender(text) is None


def test_same_lender() -> None:
    assert same_lender("借呗", ANT)
    assert same_lender(ANT, "重庆蚂蚊消费金融有限公司 2088101234567890")
    assert same_lender("招联消费金融股份有限公司深圳分公司", "好期贷")
    assert not same_lender(ZHAOLIAN, "马上消费金融股份有限公司")
    assert not same_lender("微粒贷", "借呗")
    assert not same_lender(ANT, "某某小额贷款有限公司")
    # Names the table does not know: equal only when they normalise alike.
    assert same_lender("甲乙银行股份有限公司北京分行", "甲乙银行股份有限公司")
    assert not same_lender("甲乙银行股份有限公司", "丙丁银行股份有限公司")
    assert not same_lender("", "")


def test_table_covers_the_31_consumer_finance_companies() -> None:
    cf = [lender for lender in LENDERS if lender.kind is LenderKind.CONSUMER_FINANCE]
    assert len(cf) == 31
    assert all(lender.legal_name.endswith(("公司",)) for lender in LENDERS)


def test_unverified_facts_are_flagged() -> None:
    by_name = {lender.legal_name: lender for lender in LENDERS}
    assert by_name[ANT].verified and by_name[WEBANK].verified
    for name in ("马上消费金融股份有限公司", "天津京东消费金融有限公司", "重庆美团三快小额贷款有限公司",
                 "深圳市财付通网络金融小额贷款有限公司", "南银法巴消费金融有限公司"):
        assert not by_name[name].verified, name
        assert by_name[name].note


def test_every_brand_and_name_points_to_its_own_lender() -> None:
    for lender in LENDERS:
        for text in (lender.legal_name, *lender.aliases, *lender.brands):
            assert _legal(text) == lender.legal_name, text
