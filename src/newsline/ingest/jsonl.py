"""JSON Lines: one article per line with ``text``, ``url``, ``published``, ``title``, ``outlet``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping

from newsline.errors import InvalidArgument
from newsline.publication import normalize_published
from newsline.ingest.decode import BadLine
from newsline.ingest.records import RawRecord, Rejection

FIELDS = ("text", "url", "published", "title", "outlet")


def parse_field_map(specs: Iterable[str]) -> dict[str, str]:
    """``["text=body", "published=date"]`` -> ``{"text": "body", "published": "date"}``; raises ValueError."""
    mapping: dict[str, str] = {}
    for spec in specs:
        ours, sep, theirs = spec.partition("=")
        if not sep or ours not in FIELDS or not theirs:
            raise ValueError(f"bad field mapping {spec!r}: expected FIELD=NAME with FIELD one of {', '.join(FIELDS)}")
        mapping[ours] = theirs
    return mapping


def read_jsonl(label: str, lines: Iterable[str | BadLine],
               field_map: Mapping[str, str]) -> Iterator[RawRecord | Rejection]:
    """One record per line; a line that cannot be read or parsed is rejected alone, naming ``file:line``."""
    for number, line in enumerate(lines, start=1):
        origin = f"{label}:{number}"
        if isinstance(line, BadLine):
            yield Rejection(origin, line.reason)
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            yield Rejection(origin, f"malformed JSON line ({exc.msg}, column {exc.colno})")
            continue
        except RecursionError:
            yield Rejection(origin, "malformed JSON line (nested too deeply)")
            continue
        if not isinstance(obj, dict):
            yield Rejection(origin, f"expected a JSON object, got {type(obj).__name__}")
            continue
        yield _record(origin, obj, field_map)


def _record(origin: str, obj: dict, field_map: Mapping[str, str]) -> RawRecord | Rejection:
    values = {name: obj.get(field_map.get(name, name)) for name in FIELDS}
    text_key = field_map.get("text", "text")
    text = values["text"]
    if not isinstance(text, str) or not text.strip():
        return Rejection(origin, f"no text: field {text_key!r} is missing, empty or not a string")
    for name in ("url", "title", "outlet"):
        if values[name] is not None and not isinstance(values[name], str):
            return Rejection(origin, f"field {field_map.get(name, name)!r} must be a string")
    try:
        published = normalize_published(values["published"])
    except InvalidArgument as exc:
        return Rejection(origin, f"field {field_map.get('published', 'published')!r} is {exc.value!r}: {exc.problem}")
    return RawRecord(
        origin=origin, text=text.strip(), url=values["url"] or None, published=published,
        title=values["title"] or None, outlet=values["outlet"] or None,
    )
