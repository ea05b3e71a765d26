"""Russian entities: natasha's PER, ORG and LOC spans, one entity per referent.

Mentions are joined by their normal (nominative) forms, so that a surname in any case is the full name's
entity (Захаровой -> Захарова -> Мария Захарова). A role in apposition before a person's name ("официальный
представитель МИД России Мария Захарова") is a role mention of that person, and its head noun is remembered
so that a later "представитель МИД" can be resolved to them (see quotes.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsline.analysis.lang.ru.lexicon import ROLE_NOUNS
from newsline.analysis.lang.ru.parse import Name, Parsed
from newsline.folding import fold_words
from newsline.model import Entity, Mention

TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
# Hand-set (no tuning recorded); `newsline bench crosslingual` (crosslingual dev) measures it.
_ROLE_WINDOW = 8  # tokens before a name searched for a role in apposition
_ROLE_POS = frozenset({"NOUN", "ADJ", "PROPN"})


@dataclass(slots=True)
class Found:
    """The entities with what the speaker rules need: which entity each name token belongs to, each person's
    grammatical gender and role head nouns, and every mention in text order."""

    entities: list[Entity]
    by_token: dict[int, Entity] = field(default_factory=dict)
    gender: dict[str, str] = field(default_factory=dict)
    role_heads: dict[str, set[str]] = field(default_factory=dict)
    mentions: list[tuple[int, Entity]] = field(default_factory=list)  # (start char, entity)

    def add_mention(self, entity: Entity, mention: Mention) -> None:
        if all((m.start, m.end) != (mention.start, mention.end) for m in entity.mentions):
            entity.mentions.append(mention)
            entity.mentions.sort(key=lambda m: m.start)
            self.mentions.append((mention.start, entity))
            self.mentions.sort(key=lambda pair: pair[0])


def find_entities(parsed: Parsed) -> Found:
    """One entity per referent named in ``parsed``, ids ``e1``, ``e2``... in order of first mention."""
    groups: dict[tuple[str, str], list[Name]] = {}
    for name in parsed.names:
        if name.type in TYPES and fold_words(name.normal):
            groups.setdefault(_key(name), []).append(name)
    _join_surnames(groups)
    found = Found([])
    for names in sorted(groups.values(), key=lambda ns: min(n.start for n in ns)):
        best = max(names, key=lambda n: (len(n.normal.split()), -n.start))
        entity = Entity(f"e{len(found.entities) + 1}", best.normal, TYPES[best.type])
        found.entities.append(entity)
        words = len(best.normal.split())
        for n in names:
            kind = "name" if len(n.normal.split()) >= words else "short_name"
            found.add_mention(entity, Mention(n.start, n.end, n.text, kind))  # type: ignore[arg-type]
            for i in n.tokens:
                found.by_token[i] = entity
        if entity.type == "PERSON":
            found.gender[entity.id] = _gender(parsed, names)
            found.role_heads[entity.id] = set()
            for n in names:
                _role_before(parsed, n, entity, found)
    _surnames_missed(parsed, found)
    return found


def _surnames_missed(parsed: Parsed, found: Found) -> None:
    """A person's surname the tagger left untagged (often in a headline: "Песков: ...") is still theirs: a proper
    noun whose lemma or folded form is the last word of exactly one person's name."""
    owners: dict[str, set[str]] = {}
    people = {e.id: e for e in found.entities if e.type == "PERSON"}
    for i, entity in found.by_token.items():
        if entity.type == "PERSON" and (i + 1 not in found.by_token or found.by_token[i + 1] is not entity):
            t = parsed.tokens[i]
            for form in (t.lemma, fold_words(t.text), fold_words(entity.name).split()[-1]):
                owners.setdefault(form, set()).add(entity.id)
    for t in parsed.tokens:
        if t.i in found.by_token or t.pos not in ("PROPN", "NOUN") or not t.text[:1].isupper():
            continue
        ids = owners.get(t.lemma, set()) | owners.get(fold_words(t.text), set())
        if len(ids) == 1:
            entity = people[ids.pop()]
            found.by_token[t.i] = entity
            found.add_mention(entity, Mention(t.start, t.end, t.text, "short_name"))


def _key(name: Name) -> tuple[str, str]:
    words = fold_words(name.normal).split()
    return (name.type, words[-1] if name.type == "PER" else " ".join(words))


def _join_surnames(groups: dict[tuple[str, str], list[Name]]) -> None:
    """A person named by one word (a surname) was keyed by that word already; a full name's key is its last word,
    so both meet. A one-word name that is a full name's first word (a given name alone) joins it too when only
    one full name has it."""
    firsts: dict[str, list[tuple[str, str]]] = {}
    for key, names in groups.items():
        if key[0] == "PER":
            for n in names:
                words = fold_words(n.normal).split()
                if len(words) >= 2:
                    firsts.setdefault(words[0], []).append(key)
    for key in list(groups):
        owners = set(firsts.get(key[1], []))
        if key[0] == "PER" and len(owners) == 1 and key not in owners:
            owner = owners.pop()
            if all(len(n.normal.split()) == 1 for n in groups[key]):
                groups[owner].extend(groups.pop(key))


def _gender(parsed: Parsed, names: list[Name]) -> str:
    votes = [parsed.tokens[n.tokens[-1]].feats.get("Gender") for n in names]
    known = [v for v in votes if v]
    return max(set(known), key=known.count) if known else ""


def _role_before(parsed: Parsed, name: Name, entity: Entity, found: Found) -> None:
    """A role in apposition right before the name: nouns, adjectives and names back to a role noun."""
    first = name.tokens.start
    sent = parsed.tokens[first].sent
    start = None
    j = first - 1
    while j >= max(0, first - _ROLE_WINDOW) and parsed.tokens[j].sent == sent and parsed.tokens[j].pos in _ROLE_POS:
        if j in found.by_token and found.by_token[j].type == "PERSON":
            break
        if parsed.tokens[j].lemma in ROLE_NOUNS:
            start = j
        j -= 1
    if start is None:
        return
    while start > 0 and parsed.tokens[start - 1].sent == sent and parsed.tokens[start - 1].pos == "ADJ":
        start -= 1
    head = next(parsed.tokens[k].lemma for k in range(start, first) if parsed.tokens[k].lemma in ROLE_NOUNS)
    begin, end = parsed.tokens[start].start, parsed.tokens[first - 1].end
    text = parsed.text[begin:end]
    found.add_mention(entity, Mention(begin, end, text, "role"))
    found.role_heads[entity.id].add(head)
    role = " ".join(parsed.tokens[k].lemma for k in range(start, first))
    if role not in entity.roles:
        entity.roles.append(role)
