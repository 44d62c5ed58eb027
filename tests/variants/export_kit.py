"""The drawing kit of the export families (gen_exports_*): transactions drawn with their truth, and
the ways real export files are written (encodings and BOMs, line endings, CSV quoting, padded cells,
number styles, XLSX workbooks, HTML and tab text under an .xls name, AES-encrypted ZIPs).

Written blind, from FORMATS.md ("Exports"), FORMATS-REAL.md (items 5, 57, 58 and the amount and date
conventions) and the JSON contract only: nothing here knows how generator/exports reads a file.
"""

from __future__ import annotations

import csv
import html
import io
import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

import pyzipper

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞建国志宏晓婷雪梅海燕"
MERCHANTS = ["美团", "饿了么", "滴滴出行", "中国石化", "盒马鲜生", "永辉超市", "京东商城", "拼多多",
             "星巴克", "麦当劳", "国家电网", "中国移动", "淘宝闪购", "瑞幸咖啡",
             "上海拉扎斯信息科技有限公司", "北京三快在线科技有限公司", "杭州某某餐饮管理有限公司"]
# Loan repayments: the rows the product exists to find (counterparty, description).
LENDERS = [("重庆蚂蚁消费金融有限公司", "借呗还款"), ("借呗", "借呗还款"),
           ("深圳前海微众银行股份有限公司", "微粒贷还款"), ("马上消费金融股份有限公司", "安逸花还款"),
           ("招联消费金融股份有限公司", "好期贷还款"), ("度小满（重庆）小额贷款有限公司", "有钱花还款"),
           ("重庆市蚂蚁商诚信息技术有限公司（原：重庆市蚂蚁商诚小额贷款有限公司）", "花呗还款")]
# A real merchant whose name ends in digits: drawn as a variation of its own.
DIGIT_NAMED = "中国铁路12306"
FULLWIDTH = str.maketrans("0123456789.,-+:/ ", "０１２３４５６７８９．，－＋：／　")


@dataclass(frozen=True)
class Tx:
    """One drawn row and its truth. `amount` is signed (negative: money leaves the account);
    `neutral` rows (不计收支, /, 其他) print unsigned; `void` rows (closed, refunded, failed) are
    printed but must not be read as money that moved."""

    when: datetime
    amount: Decimal
    party: str = ""
    party_account: str = ""
    desc: str = ""
    neutral: bool = False
    void: bool = False
    status: str = ""
    balance: Decimal | None = None
    extra: dict[str, str] = field(default_factory=dict)


def person(r: random.Random) -> str:
    return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2))))


def digits(r: random.Random, n: int) -> str:
    return str(r.randint(1, 9)) + "".join(str(r.randint(0, 9)) for _ in range(n - 1))


def card(r: random.Random) -> str:
    return "62" + digits(r, 17)


def masked(number: str, head: int = 4, tail: int = 4) -> str:
    return number[:head] + "*" * (len(number) - head - tail) + number[-tail:]


def cents(r: random.Random, lo: float, hi: float) -> Decimal:
    return (Decimal(r.randint(int(lo * 100), int(hi * 100))) / 100).quantize(Decimal("0.01"))


def times(r: random.Random, start: datetime, days: int, n: int) -> list[datetime]:
    """n moments in [start, start + days), ascending, inside 00:30-23:30 so a few seconds' shift keeps the day."""
    out = [start + timedelta(days=r.randrange(days), seconds=r.randint(1800, 84600)) for _ in range(n)]
    return sorted(out)


def with_balances(txs: list[Tx], opening: Decimal) -> list[Tx]:
    """The running balance after each row, in time order (void rows move nothing)."""
    out, bal = [], opening
    for tx in txs:
        if not tx.void and not tx.neutral:
            bal += tx.amount
        out.append(replace(tx, balance=bal))
    return out


def truth_row(tx: Tx, *, time: str | None | bool = True, balance: bool = False,
              party: bool = True, account: bool = False) -> dict[str, Any]:
    """The row as ``parse --json`` must give it. time=True: HH:MM:SS from the drawing; a str: that;
    None: the format prints none; False: not compared."""
    t: dict[str, Any] = {"date": f"{tx.when:%Y-%m-%d}",
                         "amount": str(abs(tx.amount) if tx.neutral else tx.amount),
                         "balance": str(tx.balance) if balance and tx.balance is not None else None}
    if time is True:
        t["time"] = f"{tx.when:%H:%M:%S}"
    elif time is not False:
        t["time"] = time
    if party:
        t["counterparty"] = tx.party
    if account:
        t["counterparty_account"] = tx.party_account
    if tx.neutral:
        t["flow"] = "neutral"
    return t


# ---------------------------------------------------------------------------------------------
# numbers and dates as exports print them
# ---------------------------------------------------------------------------------------------

def money(value: Decimal, *, sep: bool = False, plus: bool = False, paren: bool = False,
          prefix: str = "") -> str:
    """``1,050.00``, ``+1050.00``, ``(1,050.00)``, ``¥1050.00``, ``CNY 1050.00`` …"""
    body = f"{abs(value):,.2f}" if sep else f"{abs(value):.2f}"
    if value < 0:
        return f"({prefix}{body})" if paren else f"-{prefix}{body}"
    return f"{'+' if plus and value > 0 else ''}{prefix}{body}"


def date_text(when: datetime, style: str) -> str:
    d = when
    return {"iso": f"{d:%Y-%m-%d}", "slash": f"{d:%Y/%m/%d}", "slash_short": f"{d.year}/{d.month}/{d.day}",
            "compact": f"{d:%Y%m%d}", "dot": f"{d:%Y.%m.%d}", "cn": f"{d.year}年{d.month:02d}月{d.day:02d}日"}[style]


def stamp_text(when: datetime, style: str, seconds: bool = True) -> str:
    clock = f"{when:%H:%M:%S}" if seconds else f"{when:%H:%M}"
    return f"{date_text(when, style)} {clock}"


def fullwidth(text: str) -> str:
    return text.translate(FULLWIDTH)


# ---------------------------------------------------------------------------------------------
# writing text files
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TextStyle:
    encoding: str = "utf-8"     # utf-8, gbk, gb18030, utf-16-le, utf-16-be
    bom: bool = False
    newline: str = "\r\n"
    trailing_newline: bool = True


BOMS = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}


def encode(lines: Sequence[str], st: TextStyle) -> bytes:
    text = st.newline.join(lines) + (st.newline if st.trailing_newline else "")
    body = text.encode(st.encoding)
    return (BOMS.get(st.encoding, b"") if st.bom else b"") + body


def csv_line(cells: Sequence[str], *, delimiter: str = ",", quote_all: bool = False, trailing: bool = False) -> str:
    """One CSV record, quoted where a cell needs it (or everywhere); `trailing` adds the empty last
    column many exports end each line with."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="",
                   quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    w.writerow(list(cells) + ([""] if trailing else []))
    return buf.getvalue()


def pad(cells: Sequence[str], widths: Sequence[int]) -> list[str]:
    """Cells padded with spaces to fixed display widths (CJK counted double), as 支付宝's 2020 export."""
    out = []
    for cell, w in zip(cells, widths):
        shown = sum(2 if ord(ch) > 0x2E80 else 1 for ch in cell)
        out.append(cell + " " * max(1, w - shown))
    return out


# ---------------------------------------------------------------------------------------------
# spreadsheets and web pages
# ---------------------------------------------------------------------------------------------

Cell = str | Decimal | datetime | time | int | None


def xlsx(sheets: Sequence[tuple[str, Sequence[Sequence[Cell]]]], *, date_format: str = "yyyy-mm-dd hh:mm:ss",
         merge_title: bool = False) -> bytes:
    """An XLSX workbook: Decimal cells written as numbers (two-decimal format), datetimes as date
    cells, text as shared strings."""
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False,
                                     "strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"created": datetime(2025, 1, 1)})  # not the clock: one seed, one file
    num = book.add_format({"num_format": "#,##0.00"})
    when = book.add_format({"num_format": date_format})
    clock = book.add_format({"num_format": "hh:mm:ss"})
    for name, rows in sheets:
        ws = book.add_worksheet(name)
        for y, row in enumerate(rows):
            for x, cell in enumerate(row):
                if cell is None or cell == "":
                    continue
                if isinstance(cell, Decimal):
                    ws.write_number(y, x, float(cell), num)
                elif isinstance(cell, datetime):
                    ws.write_datetime(y, x, cell, when)
                elif isinstance(cell, time):
                    ws.write_datetime(y, x, cell, clock)
                elif isinstance(cell, int):
                    ws.write_number(y, x, cell)
                else:
                    ws.write_string(y, x, cell)
        if merge_title and rows and rows[0] and isinstance(rows[0][0], str):
            width = max(len(row) for row in rows)
            ws.merge_range(0, 0, 0, max(1, width - 1), rows[0][0])
    book.close()
    return buf.getvalue()


def html_table(title: str, preamble: Sequence[str], rows: Sequence[Sequence[str]], *, charset: str = "utf-8",
               header_rows: int = 1, excel_ns: bool = True, after: Sequence[str] = ()) -> str:
    """A web page of one table, the way bank sites save an "Excel" download: preamble lines as rows
    spanning the table, then the header and the data rows."""
    width = max(len(row) for row in rows)
    out = []
    if excel_ns:
        out.append('<html xmlns:o="urn:schemas-microsoft-com:office:office" '
                   'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">')
    else:
        out.append("<html>")
    out.append(f'<head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
               f"<title>{html.escape(title)}</title></head><body>")
    out.append('<table border="1" cellspacing="0">')
    out.append(f'<tr><td colspan="{width}" align="center"><b>{html.escape(title)}</b></td></tr>')
    for line in preamble:
        out.append(f'<tr><td colspan="{width}">{html.escape(line)}</td></tr>')
    for n, row in enumerate(rows):
        tag = "th" if n < header_rows else "td"
        cells = "".join(f"<{tag}>{html.escape(c) if c else '&nbsp;'}</{tag}>" for c in row)
        out.append(f"<tr>{cells}</tr>")
    for line in after:
        out.append(f'<tr><td colspan="{width}">{html.escape(line)}</td></tr>')
    out.append("</table></body></html>")
    return "\n".join(out)


def aes_zip(member: str, data: bytes, password: str, when: datetime) -> bytes:
    """The archive 支付宝 and 微信 mail: one member, a six-digit password, WinZip AES. The salt is
    drawn from the password and the member's time, so that one seed gives the same bytes."""
    import pyzipper.zipfile_aes as aes_module

    class _Salt:
        def __init__(self) -> None:
            self._r = random.Random(f"{member}:{password}:{when.isoformat()}")

        def new(self) -> _Salt:
            return self

        def read(self, n: int) -> bytes:
            return bytes(self._r.randrange(256) for _ in range(n))

    buf = io.BytesIO()
    saved = aes_module.Random
    aes_module.Random = _Salt()  # type: ignore[assignment]
    try:
        with pyzipper.AESZipFile(buf, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES) as zf:
            zf.setpassword(password.encode())
            info = zf.zipinfo_cls(member, date_time=when.timetuple()[:6])
            info.compress_type = pyzipper.ZIP_DEFLATED
            zf.writestr(info, data)
    finally:
        aes_module.Random = saved
    return buf.getvalue()


def zipcrypto_zip(member: str, data: bytes, password: str, when: datetime, *, utf8_name: bool = True) -> bytes:
    """One member under the traditional PKWARE encryption (ZipCrypto), which zipfile reads but
    cannot write. `utf8_name` False writes the name in GBK without the UTF-8 flag, as archivers on
    Chinese Windows do."""
    import struct
    import zlib

    body = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = body.compress(data) + body.flush()
    crc = zlib.crc32(data) & 0xFFFFFFFF
    salt = random.Random(f"{member}:{password}:{when.isoformat()}")
    header = bytes(salt.randrange(256) for _ in range(11)) + bytes([crc >> 24])
    secret = _ZipCrypto(password.encode()).encrypt(header + packed)
    name = member.encode("utf-8" if utf8_name else "gbk")
    flags = 0x1 | (0x800 if utf8_name else 0)
    dtime = (when.hour << 11) | (when.minute << 5) | (when.second // 2)
    ddate = ((when.year - 1980) << 9) | (when.month << 5) | when.day
    common = struct.pack("<HHHHHIII", 20, flags, 8, dtime, ddate, crc, len(secret), len(data))
    local = b"PK\x03\x04" + common + struct.pack("<HH", len(name), 0) + name
    central = (b"PK\x01\x02" + struct.pack("<H", 20) + common
               + struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, 0x20, 0) + name)
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, 1, 1, len(central), len(local) + len(secret), 0)
    return local + secret + central + end


class _ZipCrypto:
    def __init__(self, password: bytes) -> None:
        import zlib

        self._crc = zlib.crc32
        self.k0, self.k1, self.k2 = 0x12345678, 0x23456789, 0x34567890
        for byte in password:
            self._update(byte)

    def _crc1(self, crc: int, byte: int) -> int:
        # the CRC-32 register stepped by one byte, as PKWARE's key schedule uses it (no pre/post inversion)
        return (~self._crc(bytes([byte]), ~crc & 0xFFFFFFFF)) & 0xFFFFFFFF

    def _update(self, byte: int) -> None:
        self.k0 = self._crc1(self.k0, byte)
        self.k1 = ((self.k1 + (self.k0 & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        self.k2 = self._crc1(self.k2, self.k1 >> 24)

    def encrypt(self, plain: bytes) -> bytes:
        out = bytearray()
        for byte in plain:
            t = (self.k2 | 2) & 0xFFFF
            out.append(byte ^ (((t * (t ^ 1)) >> 8) & 0xFF))
            self._update(byte)
        return bytes(out)


def pick(r: random.Random, p: float) -> bool:
    return r.random() < p
