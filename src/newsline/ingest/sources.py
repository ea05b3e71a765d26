"""Reading inputs: walk paths, detect each file's format by content and extension, dispatch to its reader."""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from newsline.ingest.datemarked import looks_date_marked, read_date_marked
from newsline.ingest.decode import (
    SAMPLE_BYTES, clean_text, decode_bytes, detect_line_encoding, read_lines, unpaired_surrogate,
)
from newsline.ingest.html import looks_html, read_html
from newsline.ingest.jsonl import read_jsonl
from newsline.errors import RejectedInput
from newsline.ingest.records import RawRecord, Rejection
from newsline.ingest.warc import read_warc

STDIN = "-"
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
# What a folder walk picks up (also gzipped); files named on the command line are read whatever their name.
INPUT_SUFFIXES = {"", ".txt", ".text", ".warc", ".arc", *JSONL_SUFFIXES, *HTML_SUFFIXES}
_GZIP_MAGIC = b"\x1f\x8b"
MAX_EXPANSION = 100  # gzip data inflating more than this many times over is a decompression bomb ...
BOMB_FLOOR = 64 * 1024 * 1024  # ... once past this many bytes (a small file may compress well and do no harm)


@dataclass(slots=True)
class ReadOptions:
    """How inputs are read; the limits bound the memory one record or file can take (docs: README, Input formats)."""

    published: str | None = None  # publication date for plain-text files, which carry none
    field_map: Mapping[str, str] = field(default_factory=dict)
    max_record_bytes: int = 10 * 1024 * 1024  # one document, WARC response, JSON line or date-marked record
    max_text_chars: int = 1_000_000  # one article's text (spaCy's default max_length): longer is not one article


@dataclass(slots=True)
class ReadProgress:
    """How far reading has got: bytes of input read so far, of ``total`` (None when unknown: standard input)."""

    total: int | None = None
    done: int = 0


def is_input_name(name: str) -> bool:
    """Whether a folder walk should read this file: a known input suffix, optionally followed by ``.gz``."""
    path = Path(name.removesuffix(".gz"))
    return not name.startswith(".") and path.suffix.lower() in INPUT_SUFFIXES


def iter_files(paths: Iterable[str], skipped: list[str] | None = None) -> Iterator[str]:
    """Expand folders recursively (sorted; hidden entries and non-input files such as ``.md`` or ``.py`` skipped,
    and appended to ``skipped``); ``-`` stands for standard input."""
    for raw in paths:
        path = Path(raw)
        if raw != STDIN and path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if is_input_name(name):
                        yield str(Path(root) / name)
                    elif skipped is not None and not name.startswith("."):
                        skipped.append(str(Path(root) / name))
        else:
            yield raw


def read_inputs(paths: Iterable[str], options: ReadOptions, skipped: list[str] | None = None,
                progress: ReadProgress | None = None) -> Iterator[RawRecord | Rejection]:
    """Every record of every input, in order; ``progress`` (if given) learns the input size and follows reading."""
    names = list(iter_files(paths, skipped))
    if progress is not None:
        progress.total = _total_size(names)
    for name in names:
        before = progress.done if progress is not None else 0
        yield from read_file(name, options, progress)
        if progress is not None and progress.total is not None:
            progress.done = before + os.path.getsize(name)  # stops early at a broken gzip or WARC


def _total_size(names: list[str]) -> int | None:
    try:
        return sum(os.path.getsize(name) for name in names if name != STDIN) if STDIN not in names else None
    except OSError:  # a missing path: reported when it is read
        return None


def read_file(name: str, options: ReadOptions,
              progress: ReadProgress | None = None) -> Iterator[RawRecord | Rejection]:
    """All records of one file (or of stdin for ``-``), read as a stream; problems become Rejections, never
    exceptions, and the records before a problem are kept."""
    label = "<stdin>" if name == STDIN else name
    try:
        stream = sys.stdin.buffer if name == STDIN else open(name, "rb")
    except OSError as exc:
        yield Rejection(label, f"cannot open: {exc.strerror or exc}")
        return
    with stream if name != STDIN else contextlib.nullcontext(stream):
        try:
            for item in _read_stream(label, name, stream, options, progress):
                yield item if isinstance(item, Rejection) else clean_record(item, options.max_text_chars)
        except RejectedInput as exc:
            yield Rejection(label, str(exc))
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            yield Rejection(label, f"truncated or corrupt gzip data ({exc}); records before it were read")
        except UnicodeDecodeError as exc:
            yield Rejection(label, f"undecodable: not valid {exc.encoding} ({exc.reason})")
        except OSError as exc:
            yield Rejection(label, f"read error: {exc}")


def clean_record(record: RawRecord, max_text_chars: int) -> RawRecord | Rejection:
    """The record with control characters removed from its text and fields (:func:`clean_text`), or a Rejection
    when a field is not Unicode text or the text is empty or longer than ``max_text_chars``."""
    for name in ("text", "title", "url", "outlet"):
        value = getattr(record, name)
        if value is not None and (problem := unpaired_surrogate(value)):
            return Rejection(record.origin, f"{name}: {problem} (half of a JSON \\u escape pair?); the record was "
                                            "not read")
        if value is not None:
            setattr(record, name, clean_text(value).strip() or None)
    if not record.text:
        return Rejection(record.origin, "no text: nothing but control characters and spaces")
    if len(record.text) > max_text_chars:
        return Rejection(record.origin,
                         f"text of {len(record.text):,} characters exceeds the {max_text_chars:,}-character limit")
    return record


def _read_stream(label: str, name: str, raw: BinaryIO, options: ReadOptions,
                 progress: ReadProgress | None) -> Iterator[RawRecord | Rejection]:
    suffixes = [s.lower() for s in Path(name).suffixes]
    prefix = _read_up_to(raw, SAMPLE_BYTES)
    if not prefix:
        raise RejectedInput("empty file")
    gzipped = prefix.startswith(_GZIP_MAGIC)
    if gzipped and suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    suffix = suffixes[-1] if suffixes else ""
    head = _gunzip_head(prefix) if gzipped else prefix
    if not head.strip():
        raise RejectedInput("empty file" if not head else "file holds only whitespace")
    source = _Replay(prefix, raw, progress)

    if head.startswith(b"WARC/") or suffix in {".warc", ".arc"}:
        yield from read_warc(label, io.BufferedReader(source), options.max_record_bytes)  # warcio reads gzip itself
        return

    stream = io.BufferedReader(_Inflated(source) if gzipped else source)
    encoding = detect_line_encoding(head)
    text_head = head.decode(encoding, errors="ignore")
    if suffix in JSONL_SUFFIXES or text_head.lstrip("\ufeff \t\r\n").startswith("{"):
        yield from read_jsonl(label, read_lines(stream, encoding, options.max_record_bytes), options.field_map)
    elif looks_date_marked(text_head) and suffix not in HTML_SUFFIXES:
        lines = read_lines(stream, encoding, options.max_record_bytes)
        yield from read_date_marked(label, lines, options.max_record_bytes)
    else:
        data = _read_up_to(stream, options.max_record_bytes + 1)
        if len(data) > options.max_record_bytes:
            raise RejectedInput(
                f"document larger than {options.max_record_bytes // (1024 * 1024)} MB: a single article "
                "is never this long; split it, or use JSON Lines / date-marked records for many articles"
            )
        text = decode_bytes(data)
        if suffix in HTML_SUFFIXES or looks_html(text_head):
            yield read_html(label, text)
        else:
            yield RawRecord(origin=label, text=text.strip(), published=options.published)


def _read_up_to(stream: BinaryIO, size: int) -> bytes:
    """``size`` bytes, or fewer at the end of the stream (a pipe may return less per read)."""
    chunks, wanted = [], size
    while wanted > 0 and (chunk := stream.read(wanted)):
        chunks.append(chunk)
        wanted -= len(chunk)
    return b"".join(chunks)


def _gunzip_head(data: bytes) -> bytes:
    """The first SAMPLE_BYTES of the gzip data that starts with ``data`` (all members), or as much as it holds;
    never more, however far the data would expand."""
    out = b""
    while data and len(out) < SAMPLE_BYTES:
        member = zlib.decompressobj(zlib.MAX_WBITS | 16)
        try:
            out += member.decompress(data, SAMPLE_BYTES - len(out))
        except zlib.error:
            break
        if not member.eof:
            break
        data = member.unused_data
    return out


class _Replay(io.RawIOBase):
    """The bytes already read from ``rest`` (``head``), then the rest of it: a stream read from its start again
    without seeking, which standard input cannot do. Counts what it hands out (into ``progress``)."""

    def __init__(self, head: bytes, rest: BinaryIO, progress: ReadProgress | None) -> None:
        self._head, self._rest, self._progress = memoryview(head), rest, progress
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
        else:
            n = self._rest.readinto(buffer)  # type: ignore[attr-defined]
        self.consumed += n
        if self._progress is not None:
            self._progress.done += n
        return n


class _Inflated(io.RawIOBase):
    """The decompressed data of a gzip stream, stopped with :class:`RejectedInput` when it expands like a
    decompression bomb: more than MAX_EXPANSION times the compressed bytes read, past the first BOMB_FLOOR bytes.
    (Text and HTML compress 3-10 fold, JSON Lines of news up to about 15 fold; a bomb, over 1,000 fold.)"""

    def __init__(self, compressed: _Replay) -> None:
        self._compressed = compressed
        self._gzip = gzip.GzipFile(fileobj=compressed)
        self.size = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = self._gzip.readinto(buffer)
        self.size += n
        if self.size > BOMB_FLOOR and self.size > MAX_EXPANSION * self._compressed.consumed:
            raise RejectedInput(
                f"gzip data expands more than {MAX_EXPANSION}-fold ({self.size:,} bytes from "
                f"{self._compressed.consumed:,}): a decompression bomb, not text; records before it were read")
        return n
