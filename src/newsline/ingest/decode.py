"""Turning input bytes into text: BOMs, UTF-8, then charset detection; binary and undecodable input rejected.

Line-based formats (JSON Lines, date-marked text) are decoded line by line, so one line in another encoding is
reported with its line number instead of failing, or garbling, the whole file; and every text is cleaned of
control characters before it is stored (:func:`clean_text`).
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from charset_normalizer import from_bytes

from newsline.errors import RejectedInput

SAMPLE_BYTES = 256 * 1024
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# What clean_text() does: line breaks of every kind become "\n"; the other C0 and C1 controls (tab aside), DEL
# and the noncharacters U+FFFE/U+FFFF are removed: in decoded text they are binary debris or mojibake, and a NUL
# cuts a string short in SQLite's length() and in many tools.
_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_STRIP = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_ESCAPED_BYTE = re.compile(r"[\udc80-\udcff]")  # an undecodable byte, as errors="surrogateescape" keeps it
_UNICODE = ("utf-8", "utf-8-sig", "utf-16", "utf-32")


def detect_encoding(sample: bytes) -> str:
    """The encoding of ``sample`` (the head of a file or record); raises RejectedInput for binary data."""
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    if b"\x00" not in sample:
        try:
            codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
            return "utf-8"
        except UnicodeDecodeError:
            pass
    best = from_bytes(sample).best()
    if best is None:
        raise RejectedInput("binary or undecodable content: no text encoding fits")
    return best.encoding


def check_text(text: str) -> str:
    """Reject decoded text that is really binary data (many control characters)."""
    sample = text[:SAMPLE_BYTES]
    if sample and len(_CONTROL.findall(sample)) > 0.01 * len(sample):  # hand-set (no tuning recorded)
        raise RejectedInput("binary content: too many control characters to be text")
    return text


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode a whole document, trusting ``declared`` (e.g. an HTTP charset) when it decodes cleanly."""
    if declared:
        try:
            return check_text(data.decode(declared))
        except (LookupError, UnicodeDecodeError):
            pass
    encoding = detect_encoding(data[:SAMPLE_BYTES])
    try:
        return check_text(data.decode(encoding))
    except UnicodeDecodeError as exc:
        raise RejectedInput(f"undecodable: not valid {encoding} at byte {exc.start}") from exc


def clean_text(text: str) -> str:
    """``text`` as newsline stores it: line breaks as ``\\n``, no other control characters but tab."""
    return _STRIP.sub("", _BREAKS.sub("\n", text))


def unpaired_surrogate(text: str) -> str | None:
    """Why ``text`` is not Unicode text, when it holds an unpaired surrogate (JSON's ``"\\ud800"`` escape gives
    one), else None. Such a string cannot be encoded, stored or compared, and no text has one by intent."""
    found = _SURROGATE.search(text)
    if found is None:
        return None
    return f"unpaired UTF-16 surrogate U+{ord(found.group()):04X} at character {found.start():,}: not Unicode text"


def detect_line_encoding(head: bytes) -> str:
    """The encoding of a line-based file from its head: UTF-8 whenever a line of the head with non-ASCII bytes
    decodes as UTF-8 (a legacy 8-bit encoding almost never does) or none has any, so that a few lines in another
    encoding cannot turn the whole file into mojibake; else :func:`detect_encoding`'s answer."""
    if any(head.startswith(bom) for bom, _ in _BOMS) or b"\x00" in head:
        return detect_encoding(head)
    lines = head.split(b"\n")
    if len(head) >= SAMPLE_BYTES:
        lines.pop()  # may be cut short
    foreign = False
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError:
            foreign = True
    return detect_encoding(head) if foreign else "utf-8"


@dataclass(slots=True)
class BadLine:
    """A line that cannot be read as text; ``reason`` says why, ``start`` is what could be read of its beginning."""

    reason: str
    start: str = ""


def read_lines(stream: BinaryIO, encoding: str, max_chars: int) -> Iterator[str | BadLine]:
    """The lines of ``stream`` (universal newlines), each decoded on its own: one per line, a :class:`BadLine`
    for a line with bytes that are not ``encoding``, for a line in UTF-8 in a file of a legacy encoding (the file
    mixes encodings: decoding it would give mojibake), and for a line longer than ``max_chars``, whose rest is
    skipped without being held in memory."""
    text = io.TextIOWrapper(stream, encoding=encoding, errors="surrogateescape", newline=None)
    legacy = codecs.lookup(encoding).name not in _UNICODE
    while line := text.readline(max_chars + 1):
        if len(line) > max_chars and not line.endswith("\n"):
            while (rest := text.readline(max_chars)) and not rest.endswith("\n"):
                pass
            yield BadLine(f"line longer than {max_chars:,} characters: not one article", line[:80])
        elif bad := _ESCAPED_BYTE.search(line):
            yield BadLine(f"undecodable: not valid {encoding} (byte 0x{ord(bad.group()) - 0xDC00:02X} at column "
                          f"{bad.start() + 1}); this line was skipped", line[:bad.start()])
        elif legacy and not line.isascii() and _is_utf8(line.encode(encoding, "surrogateescape")):
            yield BadLine(f"this line is UTF-8 but the file's first lines are {encoding}: the file mixes "
                          "encodings; convert it to UTF-8")
        else:
            yield line


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False
