"""Acronyms defined in the text: "the Monetary Policy Committee (MPC)", "the Rapid Support Forces (RSF)". The
acronym's mentions belong to the entity of the name it abbreviates."""

from __future__ import annotations

import dataclasses
import re

from newsline.model import Entity

_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}")
_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "al"})


def link_acronyms(text: str, entities: list[Entity]) -> list[Entity]:
    """``entities`` with each acronym written in parentheses right after a name ("X Y Z (XYZ)") merged into that
    name's entity as short-name mentions; ids are renumbered ``e1``, ``e2``... in the original order."""
    ends = {m.end: (e, m) for e in entities for m in e.mentions if m.kind == "name"}
    merged: dict[str, Entity] = {}  # acronym entity id -> the entity it abbreviates
    for entity in entities:
        if not _ACRONYM.fullmatch(entity.name):
            continue
        for mention in entity.mentions:
            paren = text.rfind("(", max(0, mention.start - 2), mention.start)
            if paren < 0 or text[mention.end:mention.end + 1] != ")":
                continue
            long = ends.get(len(text[:paren].rstrip()))
            if long is not None and long[0].id != entity.id and _abbreviates(entity.name, long[1].text):
                merged[entity.id] = long[0]
                break
    if not merged:
        return entities
    for short_id, long in merged.items():
        short = next(e for e in entities if e.id == short_id)
        long.mentions = sorted(long.mentions + [dataclasses.replace(m, kind="short_name") for m in short.mentions],
                               key=lambda m: m.start)
    kept = [e for e in entities if e.id not in merged]
    for number, entity in enumerate(kept, 1):
        entity.id = f"e{number}"
    return kept


def _abbreviates(acronym: str, name: str) -> bool:
    """Whether ``acronym`` is the initials of the last words of ``name`` ("MPC": "Bank of England's Monetary Policy
    Committee"; "RSF": "the Rapid Support Forces")."""
    words = [w for w in re.findall(r"[\w’'-]+", name) if w.lower() not in _FUNCTION_WORDS]
    letters = acronym.replace("&", "")
    initials = "".join(w[0].upper() for w in words if w[0].isalpha())
    return len(letters) >= 2 and initials.endswith(letters)
