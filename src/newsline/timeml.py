"""Reading and writing TimeML (TempEval-3 ``.tml``): the ``<DCT>`` date, the ``<TEXT>`` and its TIMEX3 tags.

``read_timeml`` gives the raw text (tags removed, entities decoded) with the gold TIMEX3 as character spans of that
text; ``render_timeml`` writes the file back with the gold TIMEX3 tags replaced by ours, every other byte as read."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from newsline.errors import InputFileError
from newsline.model import Timex

_DCT = re.compile(r"<DCT>\s*<TIMEX3\b[^>]*?\bvalue=\"([^\"]*)\"", re.S)
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_TAG = re.compile(r"<[^>]*>")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")
_TIMEX_TAG = re.compile(r"</?TIMEX3\b[^>]*>")
_ATTR = re.compile(r"(\w+)=\"([^\"]*)\"")


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    tid: str
    type: str
    value: str
    mod: str | None


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    """A TimeML file: ``text`` is its ``<TEXT>`` as plain text; ``gold`` its TIMEX3 spans over ``text``."""

    name: str
    source: str  # the whole file
    inner_start: int  # where the <TEXT> content starts in ``source``
    inner_end: int
    dct: str | None  # the DCT value as written (a date or datetime), None when there is none
    text: str
    gold: tuple[GoldTimex, ...]
    stripped: str  # the <TEXT> content without its TIMEX3 tags (other tags and entities kept)
    positions: tuple[int, ...]  # for each character of ``text``: its index in ``stripped``; plus len(stripped)


def read_timeml(path: Path) -> TimeMLDocument:
    """Read a TimeML file. Raises ValueError naming the file when it has no ``<TEXT>`` element or is not UTF-8."""
    try:
        source = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputFileError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    return parse_timeml(source, str(path))


def parse_timeml(source: str, name: str = "<string>") -> TimeMLDocument:
    body = _TEXT.search(source)
    if body is None:
        raise InputFileError(f"{name}: no <TEXT> element; a TimeML file needs its text inside <TEXT>...</TEXT>")
    dct = _DCT.search(source)
    inner = body.group(1)
    stripped_parts: list[str] = []
    text_parts: list[str] = []
    positions: list[int] = []
    gold: list[GoldTimex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    stripped_len = 0
    pos = 0
    for m in re.finditer(r"<[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);|[^<&]+|[<&]", inner):
        piece = m.group(0)
        if _TIMEX_TAG.fullmatch(piece):
            if piece.startswith("</"):
                if open_timex is None:
                    raise InputFileError(f"{name}: </TIMEX3> without an opening tag at character"
                                         f" {body.start(1) + m.start()}")
                start, attrs = open_timex
                gold.append(GoldTimex(start, pos, "".join(text_parts)[start:pos], attrs.get("tid", ""),
                                      attrs.get("type", ""), attrs.get("value", ""), attrs.get("mod")))
                open_timex = None
            else:
                open_timex = (pos, dict(_ATTR.findall(piece)))
            continue
        stripped_parts.append(piece)
        if piece.startswith("<") and len(piece) > 1:
            stripped_len += len(piece)
            continue
        if _ENTITY.fullmatch(piece):
            text_parts.append(html.unescape(piece))
            positions.append(stripped_len)
            pos += 1
        else:
            text_parts.append(piece)
            positions.extend(range(stripped_len, stripped_len + len(piece)))
            pos += len(piece)
        stripped_len += len(piece)
    positions.append(stripped_len)
    return TimeMLDocument(
        name=name, source=source, inner_start=body.start(1), inner_end=body.end(1),
        dct=dct.group(1) if dct else None, text="".join(text_parts), gold=tuple(gold),
        stripped="".join(stripped_parts), positions=tuple(positions),
    )


def timex_tag(t: Timex) -> str:
    attrs = [("tid", t.id), ("type", t.type), ("value", t.value or "")]
    if t.mod:
        attrs.append(("mod", t.mod))
    return "<TIMEX3 " + " ".join(f'{k}="{html.escape(v, quote=True)}"' for k, v in attrs) + ">"


def render_timeml(doc: TimeMLDocument, timexes: list[Timex]) -> str:
    """The file with ``timexes`` (spans over ``doc.text``) as inline TIMEX3 tags in place of the gold ones."""
    s = doc.stripped
    inserts: list[tuple[int, int, str]] = []  # (position in stripped, order, tag)
    for t in timexes:
        begin = doc.positions[t.span.start]
        # Enclose markup that opens right before the expression or closes right after it, to keep the XML nested.
        while begin > 0 and s[begin - 1] == ">" and (tag := _tag_ending_at(s, begin)) and not tag.startswith("</"):
            begin -= len(tag)
        last = doc.positions[t.span.end - 1]
        finish = last + (len(m.group(0)) if (m := _ENTITY.match(s, last)) else 1)
        while finish < len(s) and s.startswith("</", finish):
            finish = s.index(">", finish) + 1
        inserts.append((begin, 1, timex_tag(t)))
        inserts.append((finish, 0, "</TIMEX3>"))
    out: list[str] = []
    prev = 0
    for at, _, tag in sorted(inserts, key=lambda x: (x[0], x[1])):
        out.append(s[prev:at])
        out.append(tag)
        prev = at
    out.append(s[prev:])
    return doc.source[:doc.inner_start] + "".join(out) + doc.source[doc.inner_end:]


def _tag_ending_at(s: str, end: int) -> str | None:
    start = s.rfind("<", 0, end)
    return s[start:end] if start >= 0 and ">" not in s[start:end - 1] else None

