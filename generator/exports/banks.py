"""Banks' own exports (CSV, XLS, XLSX downloads beside the PDF; many ".xls" are web pages or
tab-separated text): the headers FORMATS.md lists. Sample rows::

    招商银行  2025-03-10,人民币,-1050.00,8950.12,快捷支付,重庆蚂蚁消费金融有限公司,借呗还款
    工商银行  "2025-03-09\t","快捷支付\t",…,"","1,060.30\t","人民币\t","2,224.43\t","重庆蚂蚁消费金融有限公司\t"
    建设银行  20250310,20250310,14:03:22,1060.3,,22272.5,人民币,消费,5005…,重庆蚂蚁消费金融有限公司,网上支付
    中国银行  2025-03-09	20:38:21	人民币	-1,060.30	2,224.43	网上快捷支付	第三方支付	-------	…
    交通银行  8,2025-03-09,20:38:21,快捷支付,借 Dr,"1,060.30","2,224.43",5000…,重庆蚂蚁消费金融有限公司,…
    农业银行  20250309,175652,快捷支付,-1060.30,4221.95,重庆蚂蚁消费金融有限公司,649168383,网上银行,借呗还款

Each is checked by its balance chain, and 交通银行's by its 序号 too.
"""

from __future__ import annotations

from generator.exports.spec import ExportFormat, Layout, col
from generator.models import DocumentKind
from generator.parsers.table_spec import Flagged, Signed, Split, TableSpec

_BANK = DocumentKind.BANK_STATEMENT


class CmbExport(ExportFormat):
    name = "cmb_export"
    provider = "cmb"
    kind = _BANK
    title = "招商银行交易流水（自行导出）"
    issuer = "招商银行"
    identifiers = (("招商银行",),)
    layouts = (
        Layout("2020", TableSpec(
            # the English labels of the row the PDF prints below the Chinese one (FORMATS-REAL.md 47)
            columns=(col("date", "记账日期", "Date", required=True), col("currency", "货币", "Currency"),
                     col("amount", "交易金额", "Transaction Amount", required=True), col("balance", "联机余额", "Balance"),
                     col("summary", "交易摘要", "Transaction Type"), col("counterparty", "对手信息", "Counter Party"),
                     col("customer", "客户摘要", "Customer Type")),
            description=("summary", "customer"), extra_description=False)),
        Layout("2015", TableSpec(
            columns=(col("date", "交易日期", required=True), col("time", "交易时间"),
                     col("credit", "收入", required=True), col("debit", "支出", required=True), col("balance", "余额"),
                     col("summary", "交易类型"), col("memo", "交易备注")),
            amounts=(Split(),), description=("summary", "memo"), extra_description=False)),
    )


# 工商银行 lets the user pick the columns and its versions differ (钞/汇 or 钱/钞, with or without
# 交易详情 and 记账日期): both layouts are tolerant, requiring only the date and the amounts.
_ICBC_SHARED = (col("date", "交易日期", required=True), col("summary", "摘要"), col("balance", "余额"),
                col("counterparty", "对方户名"), col("counterparty_account", "对方账号", "对方账户"),
                col("cash", "钞汇", "钞/汇", "钱/钞"))


class IcbcExport(ExportFormat):
    name = "icbc_export"
    provider = "icbc"
    kind = _BANK
    title = "中国工商银行借记账户历史明细（自行导出）"
    issuer = "中国工商银行"
    identifiers = (("中国工商银行",), ("工商银行", "记账金额(收入)"))
    layouts = (
        Layout("v2", TableSpec(
            columns=(*_ICBC_SHARED, col("detail", "交易详情"), col("place", "交易场所"), col("region", "交易国家或地区简称"),
                     col("tx_credit", "交易金额(收入)"), col("tx_debit", "交易金额(支出)"), col("tx_currency", "交易币种"),
                     col("credit", "记账金额(收入)", required=True), col("debit", "记账金额(支出)", required=True),
                     col("currency", "记账币种"), col("booked", "记账日期")),
            amounts=(Split(),), description=("summary",), extra_description=False), tolerant=True),
        # FORMATS.md's column list: one signed 收入/支出金额 (``+4,000.00``); its 账号 is the holder's
        # own and its 序号 (00000) a sub-account, not a running number
        Layout("v1", TableSpec(
            columns=(*_ICBC_SHARED, col("own_account", "账号"), col("deposit", "储种"), col("sub_account", "序号"),
                     col("currency", "币种"), col("region", "地区"), col("amount", "收入/支出金额", required=True),
                     col("channel", "渠道")),
            amounts=(Signed(),), description=("summary",), extra_description=False), tolerant=True),
    )


class CcbExport(ExportFormat):
    name = "ccb_export"
    provider = "ccb"
    kind = _BANK
    title = "中国建设银行个人活期账户交易明细（自行导出）"
    issuer = "中国建设银行"
    identifiers = (("中国建设银行",),)
    layouts = (
        Layout("xls", TableSpec(
            columns=(col("booked", "记账日"), col("date", "交易日期", required=True), col("time", "交易时间"),
                     col("debit", "支出", required=True), col("credit", "收入", required=True),
                     col("balance", "账户余额"), col("currency", "币种"), col("summary", "摘要"),
                     col("counterparty_account", "对方账号"), col("counterparty", "对方户名"), col("place", "交易地点")),
            amounts=(Split(),), description=("summary", "place"), extra_description=False,
            holder_labels=("客户名称", "户名", "姓名"))),
    )


class BocExport(ExportFormat):
    name = "boc_export"
    provider = "boc"
    kind = _BANK
    title = "中国银行交易流水明细清单（自行导出）"
    issuer = "中国银行"
    identifiers = (("中国银行",), ("记账日期", "记账时间", "对方卡号/账号", "对方开户行"))
    layouts = (
        Layout("2020", TableSpec(
            columns=(col("date", "记账日期", required=True), col("time", "记账时间"), col("currency", "币别"),
                     col("amount", "金额", required=True), col("balance", "余额"), col("name", "交易名称"),
                     col("channel", "渠道"), col("branch", "网点名称"), col("memo", "附言"),
                     col("counterparty", "对方账户名"), col("counterparty_account", "对方卡号/账号"),
                     col("bank", "对方开户行")),
            description=("name", "memo"), extra_description=False,
            holder_labels=("客户姓名", "户名"), account_labels=("借记卡号", "账号", "卡号"))),
    )


class BocomExport(ExportFormat):
    name = "bocom_export"
    provider = "bocom"
    kind = _BANK
    title = "交通银行个人客户交易清单（自行导出）"
    issuer = "交通银行"
    identifiers = (("交通银行",), ("Bocom",))
    layouts = (
        Layout("2020", TableSpec(
            columns=(col("seq", "序号", "Serial Num"), col("date", "交易日期", "Trans Date", required=True),
                     col("time", "交易时间", "Trans Time"), col("type", "交易类型", "Trading Type"),
                     col("flag", "借贷", "Dc Flg", required=True), col("amount", "交易金额", "Trans Amt", required=True),
                     col("balance", "余额", "Balance"), col("counterparty_account", "对方账号", "Payment Receipt Account"),
                     col("counterparty", "对方户名", "Payment Receipt Account Name"),
                     col("place", "交易地点", "Trading Place"), col("memo", "摘要", "Abstract")),
            amounts=(Flagged(),), description=("type", "memo"), sequence="seq", extra_description=False,
            holder_labels=("户名Account Name", "户名", "Account Name"),
            account_labels=("账号/卡号Account/Card No", "账号/卡号", "账号", "卡号"))),
    )


class AbcExport(ExportFormat):
    name = "abc_export"
    provider = "abc"
    kind = _BANK
    title = "中国农业银行账户活期交易明细清单（自行导出）"
    issuer = "中国农业银行"
    identifiers = (("中国农业银行",),)
    layouts = (
        Layout("2020", TableSpec(
            columns=(col("date", "交易日期", required=True), col("time", "交易时间"), col("summary", "交易摘要"),
                     col("amount", "交易金额", required=True), col("balance", "本次余额"), col("counterparty", "对手信息"),
                     col("log", "日志号"), col("channel", "交易渠道"), col("memo", "交易附言")),
            amounts=(Signed(),), description=("summary", "memo"), extra_description=False)),
    )
