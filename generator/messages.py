"""Error messages in the user's language. Library code raises errors in English (logs and tests
read them); the CLI shows them through `localise`, which turns the known phrases into Chinese and
leaves file names, values and anything unknown as they are. DISPUTE_LANG=en keeps English."""

from __future__ import annotations

import os
import re

from generator.models import Undecided, UndecidedReason

# Longest phrases first, so that a phrase inside a longer one is not translated twice.
_PHRASES: tuple[tuple[str, str], ...] = tuple(sorted({
    "file not found": "文件不存在",
    "is a directory, not a file": "是文件夹，不是文件",
    "empty file": "空文件",
    "not a PDF file": "不是 PDF 文件",
    "encrypted PDF: give its password with --password": "PDF 已加密：请用 --password 提供密码",
    "wrong password": "密码错误",
    "corrupt or truncated PDF": "PDF 已损坏或不完整",
    "no text layer: scanned image": "没有文字层：这是扫描图片，暂不能识别",
    "the PDF has no pages": "PDF 没有页面",
    "refused as a decompression bomb": "疑为解压炸弹，拒绝读取",
    "inflates to over": "解压后超过",
    "a stream at byte": "文件中字节位置",
    "cannot read page": "无法读取该页",
    "unrecognised document (tried:": "无法识别的文件（已尝试：",
    "ambiguous document: recognised by": "文件同时被多个解析器识别：",
    "choose one with --provider": "请用 --provider 指定",
    "missing: a case folder needs a case.toml": "缺失：案件文件夹需要 case.toml",
    "not a case folder (expected a folder holding case.toml)": "不是案件文件夹（应为含 case.toml 的文件夹）",
    "not valid TOML": "不是有效的 TOML",
    "not UTF-8 text": "不是 UTF-8 文本",
    "unknown key (expected one of:": "未知的键（可用：",
    "missing; expected": "缺失；应为",
    "expected": "应为",
    "got": "实际为",
    "not found in the documents either": "文件中也未找到",
    "not a valid 居民身份证 number": "不是有效的居民身份证号码",
    "a decimal string like": "金额字符串，如",
    "a fraction string like": "小数形式的利率，如",
    "a date like": "日期，如",
    "a whole number of installments": "期数（整数）",
    "a day of the month 1-31": "每月还款日（1-31）",
    "an 11-digit mobile number (1xxxxxxxxxx) or a landline": "11 位手机号或固定电话",
    "exists; use --force to overwrite": "已存在；如需覆盖请加 --force",
    "cannot parse amount": "无法识别金额",
    "cannot parse date": "无法识别日期",
    "in column": "所在列",
    "table header": "表头",
    "not found": "未找到",
    "a complaint needs a dispute filed at least 20 days ago without a satisfactory reply": "投诉须在提出异议满20日且未获满意答复后提出",
    "record it with": "请先用以下命令记录",
    "set pboc_branch in case.toml (the PBOC branch where the lender is located) to write a complaint": "请在 case.toml 中填写 pboc_branch（贷款机构所在地的人民银行分支机构）",
    "no manifest.json here: not a folder written by dispute generate": "这里没有 manifest.json：不是 dispute generate 的输出文件夹",
    "the case folder is not recorded (outputs written outside it): give it with --case":
        "未记录案件文件夹（输出文件夹不在案件旁）：请用 --case 指定案件文件夹",
    "a 个人声明 needs the date the overdue amount was repaid": "个人声明需要逾期款项的还清日期",
    "the evidence shows it still unpaid or shows no late installment": "证据显示逾期款项尚未还清，或没有逾期的分期",
    "letter date": "落款日期",
    "is before": "早于",
    ", the day the overdue amount was repaid: a 个人声明 cannot state a repayment after its own date":
        "（逾期款项归还之日）：个人声明不能写落款日期之后的还款",
    "over the limit of": "超过上限",
    "shorten statement_reason": "请缩短 statement_reason",
    "characters": "字",
    "not valid JSON": "不是有效的 JSON",
    "is before the filing date": "早于提出日期",
    "reply and outcome go together: give both or neither": "答复日期与结果须同时提供",
    "no case folders (folders holding case.toml) found": "没有找到案件文件夹（含 case.toml 的文件夹）",
    "skipped, not read as evidence": "已跳过，不作为证据读取",
    "documents cannot be read": "个文件无法读取",
    "exists and is not a folder: give --out a folder": "已存在且不是文件夹：--out 应为文件夹",
    "lies inside the case folder, where its files would be read back as evidence: write to":
        "位于案件文件夹内，其中的文件会被当作证据读入：请写到",
    "(the default) or outside the case": "（默认位置）或案件文件夹之外",
    "another dispute run is writing there; wait for it to finish": "另一个 dispute 进程正在写入这里；请等它结束后再运行",
    "cannot write: the disk is full": "无法写入：磁盘已满",
    "cannot write: read-only file system": "无法写入：只读文件系统",
    "cannot write: permission denied": "无法写入：没有写入权限",
    "cannot write": "无法写入",
    "cannot create the folder: a file is in the way": "无法创建文件夹：路径上有同名文件",
    "is outside the plausible window": "超出合理的日期范围",
    "(loans date from": "（借款相关日期不早于",
    "on, and at most": "年，最晚不超过今天起",
    "year(s) ahead of today): check the year": "年）：请检查年份",
    "is not a plausible amount (at most": "不是合理的金额（最多",
    "yuan)": "元）",
    "control character": "控制字符",
    "at position": "位于第",
    ": remove it": "个字符：请删除",
    "cannot be printed with the bundled fonts": "无法用本工具附带的字体打印",
    "write it another way": "请换一种写法",
    "a link to a file outside the case folder: copy the file itself into the case folder":
        "是指向案件文件夹之外的链接：请把文件本身复制到案件文件夹中",
    "a link to a file that does not exist: copy the file itself into the case folder":
        "是指向不存在的文件的链接：请把文件本身复制到案件文件夹中",
    "not a regular file": "不是普通文件",
    "give a PDF inside the case folder, relative to it (like": "请填写案件文件夹内的 PDF，路径相对于案件文件夹（如",
    "no such file in the case folder": "案件文件夹中没有这个文件",
    "not one of the case's documents (a PDF in the case folder, not in": "不是本案的文件（应为案件文件夹内、不在",
    "or a hidden folder)": "或隐藏文件夹中的 PDF）",
    # exports (generator/exports) and ZIP archives (generator/archive.py)
    "damaged or truncated ZIP archive": "ZIP 压缩包已损坏或不完整",
    "File is not a zip file": "不是 ZIP 文件",
    "Truncated file header": "文件头不完整",
    "Bad magic number for file header": "文件头标记错误",
    "Bad magic number for central directory": "中央目录标记错误",
    "Truncated central directory": "中央目录不完整",
    "encrypted ZIP: give its password with --password (or under [passwords] in case.toml)":
        "ZIP 压缩包已加密：请用 --password 提供密码（或写在 case.toml 的 [passwords] 中）",
    "members, more than the": "个文件，超过",
    "an archive of statements may hold": "个（账单压缩包最多可含的文件数）",
    "refused as a possible decompression bomb": "疑为解压炸弹，拒绝读取",
    "member": "压缩包中的文件",
    "has an absolute path,": "的名称含绝对路径、",
    "or a control character in its name: refused": "或控制字符：拒绝读取",
    "its members inflate to": "压缩包中的文件解压后共",
    "inflates to": "解压后为",
    "inflates past": "解压后超过",
    "inflates": "解压后膨胀",
    "times (at most": "倍（最多",
    "bytes, more than": "字节，超过",
    "bytes": "字节",
    "cannot be read": "无法读取",
    "uses a compression this tool cannot read": "使用了本工具无法读取的压缩方式",
    "wrong password or damaged archive": "密码错误或压缩包已损坏",
    "no transaction rows found under the table header (": "表头下没有找到交易记录（",
    "not a spreadsheet or text export": "不是表格或文本导出文件",
    "a web page with no table in it, not an export (a login or error page saved in place of the download?)":
        "是没有表格的网页，不是导出文件（可能是登录页或错误页被当作下载文件保存了？）",
    "cannot decode the text (tried UTF-8, GB18030 and UTF-16)": "无法解码文本（已尝试 UTF-8、GB18030 和 UTF-16）",
    "the workbook is password-protected: save it without a password and try again":
        "工作簿有密码保护：请另存为无密码的文件后再试",
    "damaged or unreadable workbook": "工作簿已损坏或无法读取",
    "more than": "超过",
    "cells: not a statement export": "个单元格：不是账单导出文件",
    "unrecognised export (tried:": "无法识别的导出文件（已尝试：",
    "ambiguous export: recognised by": "导出文件同时被多种格式识别：",
    "no transaction table found (no row names three columns of a known export)":
        "没有找到交易表格（没有一行含有已知导出格式的三个列名）",
    "the table header is not one": "表头不是",
    "has printed:": "导出过的格式：",
    "(known layouts:": "（已知格式：",
    "refused rather than guessed": "拒绝读取，不作猜测",
    # case.toml key typos and case folders that are not there (issue 17)
    "unknown key: did you mean": "未知的键：是否应为",
    "? (expected one of:": "？（可用：",
    "folder does not exist": "文件夹不存在",
    "not a case folder: a file, not a folder": "不是案件文件夹：这是文件，不是文件夹",
    "a file, not a folder": "是文件，不是文件夹",
}.items(), key=lambda kv: -len(kv[0])))


def _bounded(phrase: str) -> str:
    """The phrase as a regex that matches only whole words: "got" never inside "forgotten"."""
    head = r"(?<![A-Za-z0-9_])" if phrase[0].isascii() and phrase[0].isalnum() else ""
    tail = r"(?![A-Za-z0-9_])" if phrase[-1].isascii() and phrase[-1].isalnum() else ""
    return head + re.escape(phrase) + tail


_PHRASE = "|".join(_bounded(p) for p, _ in _PHRASES)
_TABLE = dict(_PHRASES)
# What is quoted or names a file is the user's own text, never translated: 'quoted' or "quoted",
# anything with a slash, and a name with an extension (forgotten.pdf, got.pdf, 12000.5). A phrase
# that itself names a file ("... needs a case.toml") still matches: it starts before the name.
_KEPT = r"""'[^']*'|"[^"]*"|[^\s'"()（）,，;；]*[/\\][^\s'"()（）,，;；]*|[^\s'"()（）,，;；:/\\]+\.[A-Za-z0-9]+\b"""
_PATTERN = re.compile(f"(?P<kept>{_KEPT})|(?P<phrase>{_PHRASE})")


def localise(message: str, *, keep: str = "") -> str:
    """`keep` is a part of the message left as it is wherever it occurs: the file an error names,
    which may hold spaces and English words."""
    if os.environ.get("DISPUTE_LANG", "zh").lower().startswith("en"):
        return message
    pattern = re.compile(f"(?P<keep>{re.escape(keep)})|{_PATTERN.pattern}") if keep else _PATTERN
    return pattern.sub(lambda m: _TABLE[m.group(0)] if m.group("phrase") else m.group(0), message)


# Why an installment is undecided (models.UndecidedReason), for `dispute check` on screen.
_UNDECIDED: dict[UndecidedReason, tuple[str, str]] = {
    UndecidedReason.PAYMENT_MISSING: ("第{0}期到期前未见足额还款，且有还款未能在材料中找到，此后的还款归属无法确定",
                        "installment {0} was not paid in full by its due date and a repayment is missing "
                        "from the documents: which installment each later payment paid cannot be decided"),
}


def describe_undecided(why: Undecided) -> str:
    zh, en = _UNDECIDED[why.reason]
    english = os.environ.get("DISPUTE_LANG", "zh").lower().startswith("en")
    return (en if english else zh).format(why.first_gap)


# What `dispute verify` found wrong with a file (manifest.Mismatch.problem).
_MISMATCH: dict[str, tuple[str, str]] = {
    "changed": ("已被修改", "changed"),
    "missing": ("缺失", "missing"),
    "unlisted": ("不在 manifest.json 中（生成之后才出现的文件）", "not listed in manifest.json (appeared after generation)"),
}


def describe_mismatch(problem: str) -> str:
    zh, en = _MISMATCH[problem]
    return en if os.environ.get("DISPUTE_LANG", "zh").lower().startswith("en") else zh
