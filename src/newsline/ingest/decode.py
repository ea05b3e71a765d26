"""Turning input bytes into text: BOMs, UTF-8, then charset detection; binary and undecodable input rejected."""

from __future__ import annotations

import codecs
import re

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
    if sample and len(_CONTROL.findall(sample)) > 0.01 * len(sample):
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
