"""支付宝 and 微信支付 exports "用于个人对账": the bill a person downloads from the app (a ZIP with a
six-digit password, mailed to them), not the stamped 交易流水证明 / 交易明细证明.

支付宝交易明细 CSV (GBK), two layouts. 2023 on: a preamble of 导出信息 and 特别提示 above the table,
under a line naming 支付宝（中国）网络技术有限公司 … 电子客户回单; 2020: the title 支付宝交易记录明细查询
above, the 导出信息 and totals below. Sample row (2023)::

    2025-03-09 14:03:22,信用借还,重庆蚂蚁消费金融有限公司,jie***@antfin.com,借呗还款,支出,1060.30,余额宝,交易成功,2025030922001412345678901234\t,JB2025030912345678\t,,

微信支付账单 CSV (UTF-8 with BOM) 2019–2025, XLSX from July 2025 (the header further down in 2026,
and 收/支 printed 收/支/其他): 16 preamble rows of 导出信息 and totals, then the table. Sample row::

    2025-03-15 08:30:05,商户消费,微众银行,微粒贷还款,支出,¥532.18,零钱,支付成功,4200001234202503151234567890\t,WLD2025031512345678\t,/

2020's date is the 付款时间, when the money moved, where printed (it may be seconds after the
交易创建时间, which stands in for it on a row never paid).

Amounts are unsigned and 收/支 gives the direction, as on the proofs: 支出 out, 收入 in; 不计收支 /
``/`` / 其他 rows move money between the holder's own balances and keep their amount, positive,
marked like the proofs' rows, so a payment matcher treats both alike. Closed and failed payments
(交易关闭, 支付失败), and 微信's fully refunded or returned ones (已全额退款, 对方已退还) moved nothing and are left out; the printed summary is checked against the rows.
"""

from __future__ import annotations

from generator.exports.spec import ExportFormat, Layout, Totals, Void, col
from generator.models import DocumentKind
from generator.parsers.table_spec import Flagged, TableSpec

_ALIPAY_FLOW = Flagged(flag="flow", out=("支出",), into=("收入",), neutral=("不计收支", ""), mark="（不计收支）")
_WECHAT_FLOW = Flagged(flag="flow", out=("支出",), into=("收入",), neutral=("/", "其他", "不计收支"), mark="（其他）")
_HOLDER = ("姓名", "户名", "用户", "微信昵称")


class AlipayExport(ExportFormat):
    name = "alipay_export"
    provider = "alipay"
    kind = DocumentKind.PAYMENT_STATEMENT
    title = "支付宝交易明细（自行导出，用于个人对账）"
    issuer = "支付宝"
    identifiers = (("支付宝交易记录明细查询",), ("支付宝", "电子客户回单"), ("支付宝账户", "交易订单号", "商家订单号"))
    layouts = (
        Layout("2023", TableSpec(
            columns=(col("date", "交易时间", required=True), col("category", "交易分类"), col("counterparty", "交易对方"),
                     col("counterparty_account", "对方账号"), col("item", "商品说明"),
                     col("flow", "收/支", required=True), col("amount", "金额", required=True),
                     col("method", "收/付款方式"), col("status", "交易状态"), col("order_no", "交易订单号"),
                     col("merchant_no", "商家订单号"), col("note", "备注")),
            amounts=(_ALIPAY_FLOW,), description=("item",), extra_description=False, names_only=True,
            holder_labels=_HOLDER, account_labels=("支付宝账户", "支付宝账号", "账号"))),
        Layout("2020", TableSpec(
            columns=(col("order_no", "交易号"), col("merchant_no", "商户订单号"),
                     col("date", "交易创建时间", required=True), col("paid_time", "付款时间"),
                     col("modified", "最近修改时间"), col("origin", "交易来源地"), col("type", "类型"),
                     col("counterparty", "交易对方"), col("item", "商品名称"), col("amount", "金额(元)", required=True),
                     col("flow", "收/支", required=True), col("status", "交易状态"), col("fee", "服务费(元)"),
                     col("refund", "成功退款(元)"), col("note", "备注"), col("fund", "资金状态")),
            amounts=(_ALIPAY_FLOW,), description=("item",), extra_description=False, names_only=True,
            holder_labels=_HOLDER, account_labels=("账号", "支付宝账户")), prefer=(("date", "paid_time"),)),
    )
    totals = Totals(flows={"收入": "收入", "支出": "支出", "不计收支": "不计收支", "已收入": "收入", "已支出": "支出"})
    void = Void("status", ("交易关闭", "等待付款", "支付失败", "还款失败", "失败"))


class WechatExport(ExportFormat):
    name = "wechat_export"
    provider = "wechat"
    kind = DocumentKind.PAYMENT_STATEMENT
    title = "微信支付账单明细（自行导出，用于个人对账）"
    issuer = "微信支付"
    identifiers = (("微信支付账单明细",), ("微信支付", "账单"))
    layouts = (
        Layout("2026", TableSpec(
            columns=(col("date", "交易时间", required=True), col("type", "交易类型"), col("counterparty", "交易对方"),
                     col("item", "商品"), col("flow", "收/支/其他", required=True),
                     col("amount", "金额(元)", required=True), col("method", "支付方式"), col("status", "当前状态"),
                     col("tx_no", "交易单号"), col("merchant_no", "商户单号"), col("note", "备注")),
            amounts=(_WECHAT_FLOW,), description=("type", "item"), extra_description=False, names_only=True,
            holder_labels=_HOLDER, account_labels=("微信号", "微信账号"))),
        Layout("2019", TableSpec(
            columns=(col("date", "交易时间", required=True), col("type", "交易类型"), col("counterparty", "交易对方"),
                     col("item", "商品"), col("flow", "收/支", required=True),
                     col("amount", "金额(元)", "金额", required=True), col("method", "支付方式"),
                     col("status", "当前状态"), col("tx_no", "交易单号"), col("merchant_no", "商户单号"),
                     col("note", "备注")),
            amounts=(_WECHAT_FLOW,), description=("type", "item"), extra_description=False, names_only=True,
            holder_labels=_HOLDER, account_labels=("微信号", "微信账号"))),
    )
    totals = Totals(flows={"收入": "收入", "支出": "支出", "中性交易": "其他", "不计收支": "其他"},
                    aliases={"/": "其他", "不计收支": "其他"})
    # 已全额退款 / 对方已退还: the whole payment came back, so the row moved nothing; a partial refund
    # (已退款(￥12.00)) did move the rest and is kept
    void = Void("status", ("支付失败", "已关闭", "交易关闭", "已撤销", "已全额退款", "对方已退还"))
