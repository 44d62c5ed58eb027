"""The export formats, an explicit list: recognition tries every one and needs exactly one."""

from __future__ import annotations

from functools import cache

from generator.exports.banks import AbcExport, BocExport, BocomExport, CcbExport, CmbExport, IcbcExport
from generator.exports.platforms import AlipayExport, WechatExport
from generator.exports.spec import ExportFormat

EXPORTS: list[type[ExportFormat]] = [AlipayExport, WechatExport, CmbExport, IcbcExport, CcbExport, BocExport,
                                     BocomExport, AbcExport]


@cache
def labels() -> frozenset[str]:
    return frozenset().union(*(f.labels() for f in EXPORTS))
