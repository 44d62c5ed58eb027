"""ZIP archives, as documents arrive in them: 支付宝's 用于个人对账 bill is a ZIP with a six-digit
password and AES encryption (which Python's zipfile cannot open; pyzipper can), 微信's one with
the older ZipCrypto. Each member is a document of the case, cited ``archive.zip!member.csv``.

An archive is read in memory and never unpacked beside the inputs. It is refused, naming it, when
its password is missing or wrong, when it is damaged, when a member's name could climb out of a
folder (``..``, an absolute path) and when it looks like a decompression bomb: too many members,
a member or all of them too large once inflated, or inflating far beyond what any document does.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from collections.abc import Iterator
from typing import IO, Any

from generator.catalogue import Message, message
from generator.errors import InputError

_JUNK = re.compile(r"(^|/)(__MACOSX/|\.DS_Store$|Thumbs\.db$|desktop\.ini$|\._)", re.I)
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile("[\x00-\x1f\x7f]")
_UTF8_NAMES = 0x800  # general-purpose flag bit 11: the name is UTF-8
_ENCRYPTED = 0x1
_CHUNK = 1 << 16
MIB = 1 << 20


class ArchiveError(InputError):
    """A ZIP archive cannot be read: the message names the archive and, where it applies, the member."""


@dataclass(frozen=True)
class Limits:
    """What an archive of statements may hold. A year of 微信 bills is under 1 MB; documents
    deflate by 3 to 20 times, and a ratio above `ratio` is refused once a member passes
    `ratio_floor` bytes (tiny members may inflate more: a blank sheet's XML)."""

    members: int = 200
    member_bytes: int = 64 * MIB
    total_bytes: int = 256 * MIB
    ratio: int = 100
    ratio_floor: int = MIB

    def __post_init__(self) -> None:
        for name in ("members", "member_bytes", "total_bytes", "ratio", "ratio_floor"):
            if getattr(self, name) <= 0:
                raise ValueError(f"Limits.{name} must be positive, got {getattr(self, name)}")


LIMITS = Limits()


@dataclass(frozen=True)
class Member:
    name: str  # its path inside the archive, decoded
    label: str  # how it is cited: ``alipay.zip!支付宝交易明细.csv``
    data: bytes


def read_archive(path: Path, label: str, password: str | None, limits: Limits = LIMITS) -> list[Member]:
    """Every file member of the archive at `path` (`label` names it in errors and citations)."""
    import pyzipper  # type: ignore[import-untyped, unused-ignore]  # imported here: a case of PDFs never loads it

    try:
        zf = pyzipper.AESZipFile(path)
    except (pyzipper.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise ArchiveError(label, "archive.damaged", detail=_describe(exc)) from None
    with zf:
        infos = [(info, _name(info)) for info in zf.infolist() if not info.is_dir()]
        infos = [(info, name) for info, name in infos if not _JUNK.search(name)]
        _check(label, infos, limits)
        if any(info.flag_bits & _ENCRYPTED for info, _ in infos):
            if not password:
                raise ArchiveError(label, "archive.encrypted")
            zf.setpassword(password.encode("utf-8"))
        members: list[Member] = []
        left = limits.total_bytes
        for info, name in infos:
            data = _read(zf, info, label, name, limits, left)
            left -= len(data)
            members.append(Member(name, f"{label}!{name}", data))
    return members


def _name(info: Any) -> str:
    """The member's name as its maker wrote it: Chinese Windows tools write GBK without saying
    so, which zipfile reads as cp437 (``֧����``); such a name is read again as UTF-8, else GB18030."""
    name = str(info.filename)
    if info.flag_bits & _UTF8_NAMES or name.isascii():
        return name
    try:
        raw = name.encode("cp437")
    except UnicodeEncodeError:
        return name
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return name


def _check(label: str, infos: list[tuple[Any, str]], limits: Limits) -> None:
    if len(infos) > limits.members:
        raise ArchiveError(label, "archive.too_many_members", count=len(infos), limit=limits.members)
    total = 0
    for info, name in infos:
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if name.startswith(("/", "\\")) or _DRIVE.match(name) or ".." in parts or _CONTROL.search(name):
            raise ArchiveError(label, "archive.unsafe_name", member=name)
        _check_size(label, name, info.file_size, info.compress_size, limits)
        total += info.file_size
    if total > limits.total_bytes:
        raise ArchiveError(label, "archive.total_too_large", size=total, limit=limits.total_bytes)


def _check_size(label: str, name: str, size: int, packed: int, limits: Limits) -> None:
    if size > limits.member_bytes:
        raise ArchiveError(label, "archive.member_too_large", member=name, size=size, limit=limits.member_bytes)
    if size > limits.ratio_floor and size > limits.ratio * max(packed, 1):
        raise ArchiveError(label, "archive.ratio", member=name, ratio=size // max(packed, 1), limit=limits.ratio)


def _read(zf: Any, info: Any, label: str, name: str, limits: Limits, left: int) -> bytes:
    """The member's bytes, counted as they inflate: a header may understate the size."""
    from pyzipper import BadZipFile

    cap = min(limits.member_bytes, left)
    encrypted = bool(info.flag_bits & _ENCRYPTED)
    chunks: list[bytes] = []
    size = 0
    try:
        with zf.open(info) as fh:
            for chunk in _chunks(fh):
                size += len(chunk)
                if size > cap:
                    raise ArchiveError(label, "archive.inflates_past", member=name, limit=cap)
                chunks.append(chunk)
    except RuntimeError as exc:
        if "password" in str(exc).lower():
            raise ArchiveError(label, "archive.wrong_password") from None
        raise ArchiveError(label, "archive.member_unreadable", member=name, detail=_describe(exc)) from None
    except NotImplementedError as exc:
        raise ArchiveError(label, "archive.compression", member=name, detail=_describe(exc)) from None
    except (BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        # ZipCrypto's one check byte lets one wrong password in 256 through; the data then fails
        raise ArchiveError(label, "archive.member_wrong_password" if encrypted else "archive.member_damaged",
                           member=name, detail=_describe(exc)) from None
    _check_size(label, name, size, info.compress_size, limits)
    return b"".join(chunks)


def _chunks(fh: IO[bytes]) -> Iterator[bytes]:
    while chunk := fh.read(_CHUNK):
        yield chunk


def _describe(exc: BaseException) -> Message | str:
    text = str(exc).strip() or type(exc).__name__
    return message(_ZIP_REASONS[text]) if text in _ZIP_REASONS else text


# zipfile's own messages for a damaged archive
_ZIP_REASONS = {"File is not a zip file": "zip.not_zip", "Truncated file header": "zip.truncated_header",
                "Bad magic number for file header": "zip.bad_header",
                "Bad magic number for central directory": "zip.bad_directory",
                "Truncated central directory": "zip.truncated_directory"}
