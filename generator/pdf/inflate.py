"""Refuse a decompression bomb before pdfium or pdfminer inflates it.

A 3 KB PDF whose content or ToUnicode stream is deflated twice over can inflate to gigabytes when a
page is loaded; neither library bounds it. Each Flate stream of the file is looked at here: one
layer of deflate inflates at most ~1032 times its size, so a stream whose first layer holds no
second one and whose size cannot reach STREAM_LIMIT is passed at the cost of its first bytes;
the others are inflated as a stream (through nested layers), counting bytes without keeping
them, and the file is refused past the limit. ASCII85/ASCIIHex wrappings (reportlab writes
/ASCII85Decode /FlateDecode) are undone first. Encrypted streams do not inflate and are passed
over: pdfium decrypts them, and a bomb inside one is not caught here.
"""

from __future__ import annotations

import base64
import binascii
import mmap
import re
import zlib
from pathlib import Path

STREAM_LIMIT = 256 << 20  # a 600-dpi colour scan page is ~100 MB raw
MAX_RATIO = 1032  # deflate's own bound per layer
LAYERS = 4  # nested Flate filters followed: [/FlateDecode /FlateDecode …]
_CHUNK = 1 << 16
_START = re.compile(rb"stream\r?\n")
_ZLIB = re.compile(rb"\x78[\x01\x5e\x9c\xda]")
_ASCII = re.compile(rb"/(ASCII85Decode|A85|ASCIIHexDecode|AHx)\b")
_SPACE = re.compile(rb"[\s\x00]")
_EXPANDING = re.compile(rb"/(FlateDecode|Fl|LZWDecode|LZW|RunLengthDecode|RL)\b")
_FILTER_REF = re.compile(rb"\s*\d+\s+\d+\s+R")


class Bomb(Exception):
    def __init__(self, inflated: int, offset: int) -> None:
        super().__init__(f"a stream at byte {offset} inflates to over {inflated >> 20} MB")
        self.inflated = inflated
        self.offset = offset


def check_inflation(path: Path, limit: int | None = None) -> None:
    """Raise Bomb when a stream of the file inflates past `limit` (STREAM_LIMIT)."""
    limit = STREAM_LIMIT if limit is None else limit
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        for m in _START.finditer(data):
            start = m.end()
            end = data.find(b"endstream", start)
            head_text = data[max(0, m.start() - 4096):m.start()]
            own = head_text[max(head_text.rfind(b"obj"), 0):]  # the stream's dictionary
            size_bound = (end if end >= 0 else len(data)) - start
            if _one_layer(own) and size_bound * MAX_RATIO < limit:
                continue  # pdfium applies the filters the dictionary lists: one Flate cannot get there
            wrap = _wrapping(own)
            raw = data[start:len(data) if end < 0 else end]
            head = _unwrap(raw[:120], wrap, prefix=True)  # a deflate header and its first bytes
            if head is None or not _ZLIB.match(head) or (len(raw) * MAX_RATIO < limit and not _nested(head)):
                continue
            whole = _unwrap(raw, wrap, prefix=False)
            size = 0 if whole is None else _inflated(whole, limit)
            if size > limit:
                raise Bomb(size, start)


def _one_layer(own: bytes) -> bool:
    """Whether the dictionary names at most one expanding filter (Flate, LZW, RunLength) and no
    filter by reference (which could name any)."""
    listed = own.partition(b"/Filter")[2]
    if not listed:
        return True
    if _FILTER_REF.match(listed):
        return False
    return len(_EXPANDING.findall(listed)) <= 1


def _wrapping(head: bytes) -> bytes | None:
    """The ASCII filter the stream's dictionary (from its `obj` to `stream`) names, if any."""
    found = _ASCII.search(head, max(head.rfind(b"obj"), 0))
    return None if found is None else found.group(1)


def _unwrap(raw: bytes, wrap: bytes | None, prefix: bool) -> bytes | None:
    """The bytes under the ASCII wrapping; with `prefix`, of a leading part of `raw` only."""
    if wrap is None:
        return raw
    text = _SPACE.sub(b"", raw)
    try:
        if wrap in (b"ASCII85Decode", b"A85"):
            text = text[2:] if text.startswith(b"<~") else text
            text = text.split(b"~>")[0]
            return base64.a85decode(_whole_groups(text) if prefix else text, adobe=False)
        text = text.split(b">")[0]
        return binascii.unhexlify(text[:len(text) // 2 * 2] if prefix else text.ljust(len(text) + len(text) % 2, b"0"))
    except ValueError:
        return None


def _whole_groups(text: bytes) -> bytes:
    """The longest start of ASCII85 text made of whole groups (5 characters, or one `z`)."""
    if b"z" not in text:
        return text[:len(text) // 5 * 5]
    i = 0
    while i < len(text):
        step = 1 if text[i:i + 1] == b"z" else 5
        if i + step > len(text):
            break
        i += step
    return text[:i]


def _nested(head: bytes) -> bool:
    """Whether the first layer's output starts another deflate layer."""
    try:
        return bool(_ZLIB.match(zlib.decompressobj().decompress(head, 64)))
    except zlib.error:
        return False


def _inflated(raw: bytes, limit: int) -> int:
    """The size `raw` inflates to through up to LAYERS nested zlib layers, stopping past `limit`."""
    layers = [_Layer()]
    size = 0
    try:
        for at in range(0, len(raw), _CHUNK):
            size += _feed(layers, raw[at:at + _CHUNK], limit - size)
            if size > limit:
                return size
    except zlib.error:  # not deflate after all, or encrypted: pdfium decides
        return size
    return size


class _Layer:
    def __init__(self) -> None:
        self.z = zlib.decompressobj()
        self.produced = 0


def _feed(layers: list[_Layer], chunk: bytes, room: int, depth: int = 0) -> int:
    """Push `chunk` through layer `depth` and the ones after it; the bytes the last layer gives."""
    layer = layers[depth]
    out = 0
    pending = chunk
    while pending:
        piece = layer.z.decompress(pending, _CHUNK)
        pending = layer.z.unconsumed_tail
        opens = not layer.produced and bool(_ZLIB.match(piece))  # this layer's first bytes start another
        layer.produced += len(piece)
        if opens and depth + 1 == len(layers) and len(layers) < LAYERS:
            layers.append(_Layer())
        if depth + 1 < len(layers):
            out += _feed(layers, piece, room - out, depth + 1)
        else:
            out += len(piece)
        if out > room or layer.z.eof:
            break
    return out
