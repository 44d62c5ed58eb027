"""Synthetic exports (fictional people and accounts) in every layout generator/exports reads, in
their real encodings and containers, plain and zipped with a password; and the bad files a case
may receive instead.

`python tests/synth/exports.py` rewrites tests/fixtures/exports/; the output is byte-deterministic
(fixed timestamps, seeded ZIP salts), and a test checks that the committed files equal a fresh
build. What each file mimics:

* 支付宝交易明细 CSV, GBK: the 2023 layout (导出信息 and 特别提示 above, the 电子客户回单 line, order
  numbers padded with a tab) and the 2020 layout (title above, 导出信息 and totals below); zipped
  with AES-256 and a six-digit password, as the app mails it.
* 微信支付账单 CSV (UTF-8 with BOM, ``¥`` amounts) 2019–2025, XLSX from July 2025 (numeric
  amounts) and 2026 (the header two rows further down, 收/支/其他); zipped with ZipCrypto and a GBK
  member name (no UTF-8 flag), as Windows tools write it.
* banks: 招商银行 CSV (GB18030), 工商银行 CSV v1 and v2 (GBK, every cell padded with a tab, newest row
  first), 建设银行 a real BIFF8 .xls with preamble rows, 中国银行 CSV (UTF-8) and UTF-16 tab text
  under .xls (``-------`` for empty cells), 交通银行 XLSX (bilingual header cells, 借 Dr / 贷 Cr),
  农业银行 an HTML table under .xls (GB2312 declared).
* bad: a truncated ZIP, a ZIP bomb, a ZIP member climbing out with ``..``, a web page (a login
  page) saved as .xls, a 支付宝 CSV whose header changed.
"""

from __future__ import annotations

import io
import random
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "exports"
PASSWORD = "135790"  # the six digits the app sends by SMS; fictional
WHEN = (2025, 10, 1, 9, 30, 0)  # every ZIP member's timestamp

Cell = str | int | float
Rows = list[list[Cell]]

# =========================================================================== 支付宝

ALIPAY_2023_HEADER = ["交易时间", "交易分类", "交易对方", "对方账号", "商品说明", "收/支", "金额", "收/付款方式", "交易状态",
                      "交易订单号", "商家订单号", "备注"]
# newest first, as the app writes; the 08-05 row is a failed repayment (交易关闭): it moved nothing
ALIPAY_ROWS = [
    ("2025-09-04 10:21:07", "信用借还", "重庆蚂蚁消费金融有限公司", "jie***@antfin.com", "借呗还款", "支出", "869.18",
     "招商银行储蓄卡(1234)", "还款成功", "2025090422001412345678901234", "JB2025090412345678"),
    ("2025-08-20 12:05:44", "餐饮美食", "杭州某某餐饮管理有限公司", "hzc***@163.com", "午餐", "支出", "35.50", "余额宝",
     "交易成功", "2025082022001498765432109876", "T2025082012050001"),
    ("2025-08-15 19:40:02", "转账红包", "张伟", "138******01", "转账", "收入", "200.00", "", "交易成功",
     "2025081520001100340012345678", ""),
    ("2025-08-10 08:00:31", "投资理财", "余额宝", "", "余额宝-转入", "不计收支", "500.00", "账户余额", "交易成功",
     "2025081020001100770098765432", ""),
    ("2025-08-05 09:15:10", "信用借还", "重庆蚂蚁消费金融有限公司", "jie***@antfin.com", "借呗还款", "支出", "869.18",
     "余额宝", "交易关闭", "2025080522001412345670000001", "JB2025080512345670"),
]


def _csv(rows: Sequence[Sequence[Cell]], *, trailing: bool = False) -> str:
    """Comma-separated lines; cells quoted only where they must be, as the exporters do."""
    out = []
    for row in rows:
        cells = [_quote(str(c)) for c in row]
        out.append(",".join(cells) + ("," if trailing else ""))
    return "\r\n".join(out) + "\r\n"


def _quote(text: str) -> str:
    return f'"{text}"' if any(ch in text for ch in ',"\r\n') else text


def alipay_2023(header: Sequence[str] = ALIPAY_2023_HEADER) -> bytes:
    preamble = [
        ["------------------------------------------------------------------------------------"],
        ["导出信息："], ["姓名：周雨桐"], ["支付宝账户：137****1111"],
        ["起始时间：[2025-08-01 00:00:00]    终止时间：[2025-09-30 23:59:59]"], ["导出交易类型：[全部]"],
        ["导出时间：[2025-10-01 09:28:41]"], ["共5笔记录"], ["收入：1笔 200.00元"], ["支出：3笔 1773.86元"],
        ["不计收支：1笔 500.00元"], [""], ["特别提示："],
        ["1.本回单内容可表明支付宝受理了相关的支付指令，不作为收付款方交易确认的最终依据；"],
        ["2.本回单仅供个人对账使用，不作为任何证明材料。"], [""],
        ["------------------------支付宝（中国）网络技术有限公司  电子客户回单------------------------"],
    ]
    body: Rows = [list(header)]
    for *cells, order_no, merchant_no in ALIPAY_ROWS:
        # order numbers padded with a tab, so that Excel keeps their digits
        row: list[Cell] = [*cells, order_no + "\t", merchant_no + "\t" if merchant_no else "", ""]
        if len(header) > len(ALIPAY_2023_HEADER):
            row.insert(7, "0.00")
        body.append(row)
    return _csv(preamble).encode("gbk") + _csv(body, trailing=True).encode("gbk")


def alipay_2020() -> bytes:
    header = ["交易号", "商户订单号", "交易创建时间", "付款时间", "最近修改时间", "交易来源地", "类型", "交易对方", "商品名称",
              "金额（元）", "收/支", "交易状态", "服务费（元）", "成功退款（元）", "备注", "资金状态"]
    rows = [
        ("2020033122001412345678901234", "JB2020033112345678", "2020-03-31 10:00:01", "2020-03-31 10:00:02",
         "2020-03-31 10:00:02", "其他（包括阿里巴巴和外部商家）", "即时到账交易", "重庆蚂蚁消费金融有限公司", "借呗还款",
         "1060.30", "支出", "交易成功", "0.00", "0.00", "", "已支出"),
        ("2020031522001498765432109876", "", "2020-03-15 18:20:11", "2020-03-15 18:20:12", "2020-03-15 18:20:12",
         "支付宝网站", "即时到账交易", "李娜", "转账", "300.00", "收入", "交易成功", "0.00", "0.00", "", "已收入"),
        ("2020031022001411112222333344", "", "2020-03-10 08:00:00", "2020-03-10 08:00:00", "2020-03-10 08:00:00",
         "支付宝网站", "即时到账交易", "余额宝", "余额宝-转出到余额", "100.00", "", "交易成功", "0.00", "0.00", "",
         "资金转移"),
    ]
    lines: Rows = [["支付宝交易记录明细查询"], ["账号:[zhou***@example.com]"],
                   ["起始日期:[2020-03-01 00:00:00]    终止日期:[2020-03-31 23:59:59]"],
                   ["---------------------------------交易记录明细列表------------------------------------"]]
    head = _csv(lines) + ",".join(f"{h:<12}" for h in header) + ",\r\n"
    body = "".join(",".join(f"{c}\t" if i < 2 and c else f"{c:<10}" for i, c in enumerate(r)) + ",\r\n" for r in rows)
    foot = _csv([["------------------------------------------------------------------------------------"],
                 ["共3笔记录"], ["已收入:1笔", "300.00元"], ["待收入:0笔", "0.00元"], ["已支出:1笔", "1060.30元"],
                 ["待支出:0笔", "0.00元"], ["导出时间:[2020-04-01 10:00:00]    用户:周雨桐"]])
    return (head + body + foot).encode("gbk")


def alipay_header_changed() -> bytes:
    """The 2023 layout with 金额 renamed and a column no layout has: refused, never guessed."""
    return alipay_2023([*ALIPAY_2023_HEADER[:6], "交易金额(元)", "优惠金额", *ALIPAY_2023_HEADER[7:]])


# =========================================================================== 微信支付

WECHAT_HEADER = ["交易时间", "交易类型", "交易对方", "商品", "收/支", "金额(元)", "支付方式", "当前状态", "交易单号", "商户单号",
                 "备注"]
WECHAT_ROWS = [
    ("2025-03-15 08:30:05", "商户消费", "微众银行", "微粒贷还款", "支出", "532.18", "零钱", "支付成功",
     "4200001234202503151234567890", "WLD2025031512345678"),
    ("2025-03-12 20:11:40", "零钱提现", "招商银行(1234)", "/", "/", "100.00", "零钱", "提现已到账",
     "1000050001202503120001122334", "/"),
    ("2025-03-08 12:30:00", "转账", "李娜", "转账备注:午饭", "收入", "45.00", "/", "已存入零钱",
     "1000050001202503080009988776", "/"),
    ("2025-03-02 09:05:33", "商户消费", "北京某某便利店", "早餐", "支出", "12.50", "招商银行储蓄卡(1234)", "支付成功",
     "4200001234202503020011223344", "BL2025030209053301"),
]


def _wechat_preamble(extra: Sequence[str] = ()) -> Rows:
    return [["微信支付账单明细"], ["微信昵称：[雨桐]"], ["起始时间：[2025-03-01 00:00:00] 终止时间：[2025-03-31 23:59:59]"],
            *([line] for line in extra), ["导出类型：[全部]"], ["导出时间：[2025-04-01 10:00:00]"], [""], ["共4笔记录"],
            ["收入：1笔 45.00元"], ["支出：2笔 544.68元"], ["中性交易：1笔 100.00元"], ["注："],
            ["1. 充值/提现/理财通购买/零钱通存取/信用卡还款等交易，将计入中性交易"],
            ["2. 本明细仅展示当前账单中的交易，不包括已删除的记录"], ["3. 本明细仅供个人对账使用"], [""],
            ["----------------------微信支付账单明细列表--------------------"]]


def wechat_csv() -> bytes:
    width = len(WECHAT_HEADER)
    pre = [row + [""] * (width - 1) for row in _wechat_preamble()]
    body = [[*r[:5], "¥" + r[5], *r[6:8], r[8] + "\t", r[9] + "\t" if r[9] != "/" else "/", "/"] for r in WECHAT_ROWS]
    return b"\xef\xbb\xbf" + _csv([*pre, WECHAT_HEADER, *body]).encode("utf-8")


def wechat_xlsx(year: int) -> bytes:
    extra = ("微信号：[yutong_1990]", "账单用途：用于个人对账") if year >= 2026 else ()
    header = [*WECHAT_HEADER[:4], "收/支/其他", *WECHAT_HEADER[5:]] if year >= 2026 else WECHAT_HEADER
    rows: Rows = [*_wechat_preamble(extra), header]
    for r in WECHAT_ROWS:
        amount: Cell = ("¥" + r[5]) if year >= 2026 else _number(r[5])
        flow = "其他" if year >= 2026 and r[4] == "/" else r[4]
        rows.append([r[0], r[1], r[2], r[3], flow, amount, r[6], r[7], r[8], r[9], "/"])
    return xlsx({"微信支付账单": rows})


def _number(text: str) -> Cell:
    value = float(text)
    return int(value) if value.is_integer() else value


# =========================================================================== banks

CMB_ROWS = [  # date, amount, balance, summary, counterparty, customer memo
    ("2025-03-02", "4,000.00", "12,000.12", "代发工资", "深圳某某科技有限公司", "工资"),
    ("2025-03-05", "-35.50", "11,964.62", "快捷支付", "财付通支付科技有限公司", "美团"),
    ("2025-03-09", "-1,060.30", "10,904.32", "快捷支付", "重庆蚂蚁消费金融有限公司", "借呗还款"),
    ("2025-03-20", "-2,000.00", "8,904.32", "转账汇款", "张伟", ""),
]


def cmb_csv() -> bytes:
    rows: Rows = [["招商银行交易流水"], ["户名：王小明", "账号：6214********1234", "币种：人民币"],
                  ["起止日期：2025-03-01 -- 2025-03-31"], [],
                  ["记账日期", "货币", "交易金额", "联机余额", "交易摘要", "对手信息", "客户摘要"]]
    rows += [[d, "人民币", a, b, s, c, m] for d, a, b, s, c, m in CMB_ROWS]
    rows += [[], ["温馨提示：本流水仅供参考，以银行系统记录为准。"]]
    return _csv(rows).encode("gb18030")


ICBC_ROWS = [  # newest first, as ICBC prints: date, summary, income, expense, balance, counterparty, account
    ("2025-03-20", "转账", "", "2,000.00", "8,904.32", "张伟", "6217000011112222"),
    ("2025-03-09", "快捷支付", "", "1,060.30", "10,904.32", "重庆蚂蚁消费金融有限公司", "50001234567890123456"),
    ("2025-03-05", "消费", "", "35.50", "11,964.62", "财付通支付科技有限公司", "243300133"),
    ("2025-03-02", "工资", "4,000.00", "", "12,000.12", "深圳某某科技有限公司", "4000020209200012345"),
]


def icbc_csv(version: int) -> bytes:
    header = ["交易日期", *(["记账日期"] if version == 2 else []), "摘要", "交易场所", "交易国家或地区简称", "钞/汇",
              "交易金额(收入)", "交易金额(支出)", "交易币种", "记账金额(收入)", "记账金额(支出)", "记账币种", "余额", "对方户名",
              *(["对方账户"] if version == 2 else [])]
    lines = ["中国工商银行借记卡账户历史明细", "卡号: 6222****1234\t", "户名: 王小明\t", "起止日期: 2025-03-01 — 2025-03-31",
             ",".join(header)]
    for d, s, inc, exp, bal, cp, acct in ICBC_ROWS:
        cells = [d, *([d] if version == 2 else []), s, "网上银行", "CHN", "钞", inc, exp, "人民币", inc, exp, "人民币", bal, cp,
                 *([acct] if version == 2 else [])]
        lines.append(",".join(f'"{c}\t"' if c else '""' for c in cells))
    return ("\r\n".join(lines) + "\r\n").encode("gbk")


CCB_ROWS = [  # booked, date, time, expense, income, balance, summary, counterparty account, name, place
    ("20250302", "20250302", "09:00:12", "", 4000, 12000.12, "代发工资", "4000020209200012345", "深圳某某科技有限公司", "批量代发"),
    ("20250305", "20250305", "12:31:09", 35.5, "", 11964.62, "消费", "243300133", "财付通支付科技有限公司", "财付通"),
    ("20250310", "20250309", "14:03:22", 1060.3, "", 10904.32, "消费", "50001234567890123456", "重庆蚂蚁消费金融有限公司",
     "网上支付"),
    ("20250320", "20250320", "18:45:00", 2000, "", 8904.32, "转账", "6217000011112222", "张伟", "手机银行"),
]


def ccb_xls() -> bytes:
    rows: Rows = [["中国建设银行个人活期账户交易明细"], ["卡号/账号:6217********5678", "", "", "客户名称:王小明"],
                  ["起始日期:20250301", "", "", "结束日期:20250331"], [],
                  ["记账日", "交易日期", "交易时间", "支出", "收入", "账户余额", "币种", "摘要", "对方账号", "对方户名", "交易地点"]]
    rows += [[b, d, t, e, i, bal, "人民币", s, acct, name, place] for b, d, t, e, i, bal, s, acct, name, place in CCB_ROWS]
    return biff8_xls("交易明细", rows)


BOC_HEADER = ["记账日期", "记账时间", "币别", "金额", "余额", "交易名称", "渠道", "网点名称", "附言", "对方账户名", "对方卡号/账号",
              "对方开户行"]
BOC_ROWS = [
    ("2025-03-02", "09:00:12", "人民币", "4,000.00", "12,000.12", "代发工资", "批量", "-------", "工资",
     "深圳某某科技有限公司", "4000020209200012345", "中国工商银行深圳分行"),
    ("2025-03-09", "20:38:21", "人民币", "-1,060.30", "10,939.82", "网上快捷支付", "第三方支付", "-------",
     "借呗还款JB2025011000123", "重庆蚂蚁消费金融有限公司", "50001234567890123456", "-------------------"),
    ("2025-03-20", "18:45:00", "人民币", "-2,000.00", "8,939.82", "转账支出", "手机银行", "-------", "-------", "张伟",
     "6217000011112222", "中国建设银行北京分行"),
]


def _boc_rows() -> Rows:
    return [["中国银行交易流水明细清单"], ["交易区间：2025-03-01 至 2025-03-31", "客户姓名：王小明"],
            ["借记卡号：6216****9999", "账号：100012345678"], BOC_HEADER, *[list(r) for r in BOC_ROWS],
            ["--------------------END--------------------"]]


def boc_csv() -> bytes:
    return _csv(_boc_rows()).encode("utf-8")


def boc_utf16() -> bytes:
    """Excel's "Unicode text": UTF-16LE with a mark, tab-separated, under an .xls name."""
    text = "\r\n".join("\t".join(str(c) for c in row) for row in _boc_rows()) + "\r\n"
    return b"\xff\xfe" + text.encode("utf-16-le")


BOCOM_ROWS = [
    (1, "2025-03-02", "09:00:12", "代发工资", "贷 Cr", 4000.0, 12000.12, "4000020209200012345", "深圳某某科技有限公司",
     "批量代发", "工资"),
    (2, "2025-03-09", "20:38:21", "快捷支付", "借 Dr", 1060.3, 10939.82, "50001234567890123456", "重庆蚂蚁消费金融有限公司",
     "网上支付跨行清算平台", "借呗还款JB2024052000456"),
    (3, "2025-03-20", "18:45:00", "转账", "借 Dr", 2000.0, 8939.82, "6217000011112222", "张伟", "手机银行", "转账"),
]


def bocom_xlsx() -> bytes:
    header = ["Serial Num\n序号", "Trans Date\n交易日期", "Trans Time\n交易时间", "Trading Type\n交易类型", "Dc Flg\n借贷",
              "Trans Amt\n交易金额", "Balance\n余额", "Payment Receipt Account\n对方账号",
              "Payment Receipt Account Name\n对方户名", "Trading Place\n交易地点", "Abstract\n摘要"]
    rows: Rows = [["交通银行个人客户交易清单 Bocom Personal Account Details"],
                  ["账号/卡号Account/Card No: 6222********7777", "户名Account Name: 王小明", "币种Currency: 人民币 CNY"],
                  header, *[list(r) for r in BOCOM_ROWS], ["* * * *"]]
    return xlsx({"交易清单": rows})


ABC_ROWS = [
    ("20250302", "", "代发工资", "+4000.00", "12000.12", "深圳某某科技有限公司 4000020209200012345", "--", "批量", "工资"),
    ("20250309", "175652", "快捷支付", "-1060.30", "10939.82", "重庆蚂蚁消费金融有限公司 50050107360000002979", "649168383",
     "网上银行", "借呗还款"),
    ("20250320", "184500", "转账", "-2000.00", "8939.82", "张伟 6217000011112222", "649170001", "手机银行", "--"),
]


def abc_html() -> bytes:
    header = ["交易日期", "交易时间", "交易摘要", "交易金额", "本次余额", "对手信息", "日志号", "交易渠道", "交易附言"]

    def tr(cells: Sequence[str], tag: str = "td") -> str:
        return "<tr>" + "".join(f"<{tag}>{escape(c)}</{tag}>" for c in cells) + "</tr>\n"

    page = ('<html xmlns:x="urn:schemas-microsoft-com:office:excel">\n<head>\n'
            '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n<title>明细</title>\n</head>\n<body>\n'
            '<table border="1">\n<tr><td colspan="9">中国农业银行账户活期交易明细清单</td></tr>\n'
            '<tr><td colspan="3">账户：6228****0000</td><td colspan="3">户名：王小明</td><td colspan="3">币种：人民币</td></tr>\n'
            + tr(header, "th") + "".join(tr(r) for r in ABC_ROWS) + "</table>\n</body>\n</html>\n")
    return page.encode("gb2312")


# =========================================================================== bad files

def login_page() -> bytes:
    """What a bank sends when the session expired: a web page, saved under the export's name."""
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>登录超时</title></head>\n"
            "<body><h3>您的登录已超时，请重新登录后下载明细。</h3><p><a href=\"/login\">重新登录</a></p></body></html>\n"
            ).encode("utf-8")


def bomb() -> bytes:
    """One member of 16 MiB of zeros, deflated to about 16 KB: 1000 times over the ratio limit."""
    return _zip([("明细.csv", b"0" * (16 << 20))])


def traversal() -> bytes:
    return _zip([("../../escape.csv", wechat_csv())])


def truncated() -> bytes:
    data = alipay_zip()
    return data[:len(data) // 2]


# =========================================================================== containers

def _zip(members: Sequence[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(zipfile.ZipInfo(name, WHEN), data, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


class _SeededRandom:
    """pyzipper draws each member's AES salt from Cryptodome.Random; seeded here for byte-equal builds."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def new(self) -> _SeededRandom:
        return self

    def read(self, n: int) -> bytes:
        return bytes(self.rng.randrange(256) for _ in range(n))


def aes_zip(members: Sequence[tuple[str, bytes]], password: str = PASSWORD) -> bytes:
    import pyzipper
    import pyzipper.zipfile_aes as aes

    saved, aes.Random = aes.Random, _SeededRandom(len(members))
    try:
        buf = io.BytesIO()
        with pyzipper.AESZipFile(buf, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES) as zf:
            zf.setpassword(password.encode())
            for name, data in members:
                zf.writestr(zf.zipinfo_cls(name, WHEN), data, compress_type=pyzipper.ZIP_DEFLATED)
        return buf.getvalue()
    finally:
        aes.Random = saved


def _crc_table() -> list[int]:
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0xEDB88320 if c & 1 else c >> 1
        table.append(c)
    return table


_CRC = _crc_table()


class _ZipCrypto:
    """PKWARE's traditional encryption (APPNOTE 6.1), which stdlib zipfile reads but cannot write."""

    def __init__(self, password: bytes) -> None:
        self.keys = [0x12345678, 0x23456789, 0x34567890]
        for b in password:
            self._update(b)

    def _update(self, b: int) -> None:
        k0, k1, k2 = self.keys
        k0 = (k0 >> 8) ^ _CRC[(k0 ^ b) & 0xFF]
        k1 = ((k1 + (k0 & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        k2 = (k2 >> 8) ^ _CRC[(k2 ^ (k1 >> 24)) & 0xFF]
        self.keys = [k0, k1, k2]

    def encrypt(self, data: bytes) -> bytes:
        out = bytearray()
        for b in data:
            t = (self.keys[2] | 2) & 0xFFFF
            out.append(b ^ (((t * (t ^ 1)) >> 8) & 0xFF))
            self._update(b)
        return bytes(out)


def zipcrypto_zip(members: Sequence[tuple[bytes, bytes]], password: str = PASSWORD) -> bytes:
    """Members named by raw bytes (GBK, without the UTF-8 flag, as Chinese Windows tools write)."""
    dos_time = (WHEN[3] << 11) | (WHEN[4] << 5) | (WHEN[5] // 2)
    dos_date = ((WHEN[0] - 1980) << 9) | (WHEN[1] << 5) | WHEN[2]
    rng = random.Random(7)
    local, central = io.BytesIO(), io.BytesIO()
    for name, data in members:
        crc = zlib.crc32(data)
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        packed = packer.compress(data) + packer.flush()
        head = bytes(rng.randrange(256) for _ in range(11)) + bytes([crc >> 24])
        body = _ZipCrypto(password.encode()).encrypt(head + packed)
        offset = local.tell()
        fields = (20, 0x1, 8, dos_time, dos_date, crc, len(body), len(data), len(name), 0)
        local.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + name + body)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, offset) + name)
    cd = central.getvalue()
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(cd), local.tell(), 0)
    return local.getvalue() + cd + end


def _col_name(n: int) -> str:
    name = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        name = chr(65 + r) + name
    return name


def xlsx(sheets: dict[str, Rows]) -> bytes:
    """The smallest workbook Excel and calamine open: inline strings, numbers as numbers."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                      f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(1, len(sheets) + 1))
            + "</Types>"),
        "_rels/.rels": (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
                        f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                        f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {ns} xmlns:r="{rel}">'
                            "<sheets>" + "".join(f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
                                                 for i, name in enumerate(sheets, 1)) + "</sheets></workbook>"),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
            'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                      for i in range(1, len(sheets) + 1)) + "</Relationships>"),
    }
    for i, rows in enumerate(sheets.values(), 1):
        parts[f"xl/worksheets/sheet{i}.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                                                f"<worksheet {ns}><sheetData>{_sheet_xml(rows)}</sheetData></worksheet>")
    return _zip([(name, text.encode("utf-8")) for name, text in parts.items()])


def _sheet_xml(rows: Rows) -> str:
    out = []
    for r, row in enumerate(rows, 1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{_col_name(c)}{r}"
            if isinstance(value, str):
                if value:
                    cells.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>')
            else:
                cells.append(f'<c r="{ref}"><v>{value!r}</v></c>')
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    return "".join(out)


def biff8_xls(sheet: str, rows: Rows) -> bytes:
    """A real Excel 97-2003 workbook: a BIFF8 Workbook stream (LABEL and NUMBER cells) in an OLE2
    compound file, as 建设银行's download is."""
    def record(kind: int, body: bytes) -> bytes:
        return struct.pack("<HH", kind, len(body)) + body

    def text16(s: str) -> bytes:  # XLUnicodeString, uncompressed UTF-16
        return struct.pack("<HB", len(s), 1) + s.encode("utf-16-le")

    bof_globals = record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0x06))
    codepage = record(0x0042, struct.pack("<H", 1200))
    name = sheet.encode("utf-16-le")
    cells = b""
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                if value:
                    cells += record(0x0204, struct.pack("<HHH", r, c, 0) + text16(value))
            else:
                cells += record(0x0203, struct.pack("<HHHd", r, c, 0, value))
    width = max((len(row) for row in rows), default=0)
    sheet_stream = (record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 0x06))
                    + record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0)) + cells + record(0x000A, b""))
    def boundsheet(offset: int) -> bytes:
        return record(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(sheet), 1) + name)

    offset = len(bof_globals + codepage + boundsheet(0) + record(0x000A, b""))  # the sheet follows the globals
    stream = bof_globals + codepage + boundsheet(offset) + record(0x000A, b"") + sheet_stream
    return _compound_file("Workbook", stream)


def _compound_file(stream_name: str, stream: bytes) -> bytes:
    """An OLE2 compound file (MS-CFB, version 3, 512-byte sectors) holding one stream, padded past
    the 4096-byte mini-stream cut-off so that it lives in ordinary sectors."""
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    data = stream + b"\0" * (max(4096, -(-len(stream) // 512) * 512) - len(stream))
    n_data = len(data) // 512
    dir_sector, fat_at = n_data, n_data + 1
    fat = [i + 1 for i in range(n_data - 1)] + [end, end, fat_sector]
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
                + struct.pack("<III", free, free, child) + b"\0" * 16 + b"\0" * 4 + b"\0" * 16
                + struct.pack("<IQ", start, size))

    directory = (entry("Root Entry", 5, 1, end, 0) + entry(stream_name, 2, free, 0, len(data))
                 + entry("", 0, free, free, 0) * 2)
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<IIIIIIIII", 0, 1, dir_sector, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", fat_at) + struct.pack("<I", free) * 108)
    return header + data + directory + struct.pack("<128I", *fat)


# =========================================================================== the fixture set

def alipay_zip() -> bytes:
    return aes_zip([("支付宝交易明细(20250801-20250930).csv", alipay_2023())])


def wechat_zip() -> bytes:
    return zipcrypto_zip([("微信支付账单(20250301-20250331).xlsx".encode("gbk"), wechat_xlsx(2025))])


FIXTURES: dict[str, Callable[[], bytes]] = {
    "alipay-2023.csv": alipay_2023,
    "alipay-2020.csv": alipay_2020,
    "alipay-2023.zip": alipay_zip,
    "wechat-2019.csv": wechat_csv,
    "wechat-2025.xlsx": lambda: wechat_xlsx(2025),
    "wechat-2026.xlsx": lambda: wechat_xlsx(2026),
    "wechat-2025.zip": wechat_zip,
    "cmb.csv": cmb_csv,
    "icbc-v1.csv": lambda: icbc_csv(1),
    "icbc-v2.csv": lambda: icbc_csv(2),
    "ccb.xls": ccb_xls,
    "boc.csv": boc_csv,
    "boc-utf16.xls": boc_utf16,
    "bocom.xlsx": bocom_xlsx,
    "abc.xls": abc_html,
    "bad/truncated.zip": truncated,
    "bad/bomb.zip": bomb,
    "bad/traversal.zip": traversal,
    "bad/login-page.xls": login_page,
    "bad/alipay-header-changed.csv": alipay_header_changed,
}


def main(names: Sequence[str]) -> None:
    for name in names or sorted(FIXTURES):
        path = OUT / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(FIXTURES[name]())
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
