"""What a file is, from its bytes alone: never from its name (a bank's ".xls" is often a web page
or tab-separated text, and a PDF may arrive named anything).

Magic numbers first (PDF, ZIP, OLE2); a ZIP is a workbook when it holds one (XLSX's
``[Content_Types].xml`` and ``xl/``, ODS's ``mimetype``), an archive otherwise. What has no
magic number is decoded as text (decode_text) and is a web page when it starts like one.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from enum import StrEnum

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
PDF_MAGIC = b"%PDF-"
IMAGE_MAGICS = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # PNG, JPEG
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# Text has line breaks and tabs, never other controls: a run of them means bytes decoded by chance.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HTML_START = re.compile(r"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|table|meta|\?xml[^>]*>\s*<html)",
                         re.I | re.S)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", re.I)


class Kind(StrEnum):
    PDF = "pdf"
    IMAGE = "image"  # PNG or JPEG: a scan, photo or screenshot, read by OCR
    ARCHIVE = "zip archive"
    XLSX = "xlsx workbook"
    ODS = "ods workbook"
    XLS = "xls workbook"
    HTML = "web page"
    TEXT = "text"
    UNKNOWN = "unknown"


class UndecodableText(ValueError):
    """Bytes that are no text in any encoding a Chinese export uses."""


def sniff(data: bytes) -> Kind:
    if PDF_MAGIC in data[:1024]:
        return Kind.PDF
    if data.startswith(IMAGE_MAGICS):
        return Kind.IMAGE
    if data.startswith(ZIP_MAGICS):
        return _zip_kind(data)
    if data.startswith(OLE2_MAGIC):
        return Kind.XLS
    try:
        text = decode_text(data[:65536], partial=True)
    except UndecodableText:
        return Kind.UNKNOWN
    return Kind.HTML if _HTML_START.match(text) else Kind.TEXT


def _zip_kind(data: bytes) -> Kind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "mimetype" in names and zf.getinfo("mimetype").file_size < 256:
                if zf.read("mimetype").strip() == ODS_MIMETYPE:
                    return Kind.ODS
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
        return Kind.ARCHIVE  # damaged or encrypted: the archive reader says which
    if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
        return Kind.XLSX
    return Kind.ARCHIVE


_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode_text(data: bytes, *, partial: bool = False) -> str:
    """The text of an export: by its byte-order mark, else the first of UTF-8, GB18030 (a superset
    of GBK and GB2312, which 支付宝 and the banks write) and UTF-16 that decodes it cleanly.
    `partial`: `data` may end inside a character (a file's first bytes)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _clean(_decode(data[len(bom):], encoding, partial), encoding)
    declared = _declared(data)
    for encoding in ((declared,) if declared else ()) + ("utf-8", "gb18030"):
        try:
            return _clean(_decode(data, encoding, partial), encoding)
        except UndecodableText:
            continue
    return _clean(_decode(data, _utf16_order(data), partial), "utf-16")


def _declared(data: bytes) -> str | None:
    """A web page's own ``<meta charset>``; gb2312 and gbk are read as their superset GB18030."""
    m = _CHARSET.search(data[:4096])
    if m is None:
        return None
    name = m[1].decode("ascii").lower()
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    return "gb18030" if name in ("gb2312", "gbk", "gb18030") else name


def _decode(data: bytes, encoding: str, partial: bool) -> str:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        return decoder.decode(data, final=not partial)
    except UnicodeDecodeError:
        raise UndecodableText(encoding) from None


def _clean(text: str, encoding: str) -> str:
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) * 100 > len(sample):
        raise UndecodableText(encoding)
    if "\x00" in sample:  # UTF-16 read as a one-byte encoding
        raise UndecodableText(encoding)
    return text


def _utf16_order(data: bytes) -> str:
    """UTF-16 without a mark: ASCII and the ideographs' low bytes put the zeros at odd offsets in
    little-endian text (the Windows default), at even offsets in big-endian."""
    sample = data[:4096]
    odd = sample[1::2].count(0)
    even = sample[0::2].count(0)
    return "utf-16-be" if even > odd else "utf-16-le"
