"""Group entities: two or more entities that act together ("Ruritania and Borduria agreed on Tuesday", "a truce
between Velmora and the Brenholt Front", "Ruritanian and Bordurian mediators announced").

A group is made where a coordination of entities is a party to something: the subject of a clause, the agent of
a passive ("brokered by A and B"), the parties of a noun ("talks between A and B"), coordinated modifiers of a
subject ("A and B mediators"), or the speakers of a reporting clause after its content that the parser left
without a subject ("..., A and B said Saturday"). It is an entity of type ``GROUP`` named after its members ("A and B", "A, B and
C"), with ``members`` their entity ids and one mention per place the coordination is written.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

from spacy.attrs import DEP, IDX, LEMMA, LENGTH
from spacy.tokens import Doc, Span, Token

from newsline.analysis.doctext import text_of
from newsline.analysis.quotes.cues import SPEECH_VERBS
from newsline.analysis.zones import zone_kind
from newsline.model import GROUP, UNNAMED, Entity, Mention, Zone

_PARTY_DEPS = frozenset({"nsubj", "nsubjpass"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})


def find_groups(doc: Doc, entities: list[Entity], zones: Sequence[Zone] = ()) -> list[Entity]:
    """The groups of ``entities`` that act together in ``doc``, ids continuing after the last entity's. A
    dateline's place is in none ("TARNOW, Ruritania - Ruritania and Borduria signed ...": not "Tarnow and
    Ruritania")."""
    entity_of = token_entities(doc, entities, zones)
    names = {e.id: e.name for e in entities}
    groups: dict[tuple[str, ...], Entity] = {}
    text = text_of(doc)
    # only a token with a party's dependency label, or the speaker of a reporting clause after its content, can
    # be one (read as arrays: a Token per word costs more)
    labels = {doc.vocab.strings[d] for d in _PARTY_DEPS | _MODIFIER_DEPS | {"pobj"}}
    speech = {doc.vocab.strings[v] for v in SPEECH_VERBS}
    rows = doc.to_array([DEP, LEMMA]).tolist()
    speakers = {s.i for i, (_, lemma) in enumerate(rows) if lemma in speech
                and (s := inverted_subject(doc[i])) is not None and s.right_edge.i + 1 == i}
    candidates = speakers | {i for i, (dep, _) in enumerate(rows) if dep in labels}
    for token in (doc[i] for i in sorted(candidates)):
        reports = token.i in speakers  # :func:`_reports`, known already
        if token.dep_ in ("conj", "appos") and not reports or not _has_conjuncts(token) \
                or not (reports or _party_role(token)):
            continue
        members = coordinated(token, entity_of.get)
        if len(members) < 2:
            continue
        key = tuple(members)
        group = groups.get(key)
        if group is None:
            group = groups[key] = Entity(f"e{len(entities) + len(groups) + 1}", _group_name([names[m] for m in members]),
                                         GROUP, members=list(members))
        items = _items(token)
        start, end = _own_words(items[0]).start_char, _own_words(items[-1]).end_char
        group.mentions.append(Mention(start, end, text[start:end], "name"))
    return list(groups.values())


def token_entities(doc: Doc, entities: list[Entity], zones: Sequence[Zone] = ()) -> dict[int, str]:
    """Token index -> the entity whose mention covers it: a named one before an unnamed one ("Ruritanian and
    Tarnish mediators" is unnamed as a whole, and "Tarnish" in it is Tarnish), else the first one listed (so
    members before groups). A dateline's place ("SAN MARCO, Velmora - Ivo Brenholt on Monday signed ...", which
    the parser may read as the subject or as a conjunct of it) is no participant of the sentence it opens: its
    tokens map to no entity."""
    by_token: dict[int, str] = {}
    offsets = doc.to_array([IDX, LENGTH])
    starts = offsets[:, 0].tolist()
    ends = offsets.sum(axis=1).tolist()
    for entity in sorted(entities, key=lambda e: e.type == UNNAMED):  # stable: otherwise in the order given
        for mention in entity.mentions:
            if zone_kind(zones, mention.start) == "dateline":
                continue
            # the tokens the mention overlaps (char_span's "expand", without making a Span)
            for i in range(bisect_right(ends, mention.start), bisect_left(starts, mention.end)):
                by_token.setdefault(i, entity.id)
    return by_token


def coordinated(head: Token, entity_of: Callable[[int], str | None]) -> list[str]:
    """The distinct entities a coordination headed by ``head`` names, in text order (see :func:`_member`)."""
    members: list[str] = []
    for item in _items(head):
        found = _member(item, entity_of)
        if found is not None and found not in members:
            members.append(found)
    return members


def _items(head: Token) -> list[Token]:
    """The coordinated phrases: ``head`` and its conjuncts, and a list the parser read as an apposition
    ("Türkiye, the UN, Russia and Ukraine": "the UN" apposed to "Türkiye", "Russia" conjoined to "the UN")."""
    # a reporting clause's speakers misread as conjuncts of its content: only the conjuncts from the head on
    items = [head, *(c for c in head.conjuncts if c.i > head.i or head.dep_ != "conj")]
    for appos in (c for c in head.children if c.dep_ == "appos" and any(g.dep_ == "conj" for g in c.children)):
        items += [appos, *appos.conjuncts]
    return sorted(set(items), key=lambda t: t.i)


def _has_conjuncts(token: Token) -> bool:
    return len(_items(token)) > 1


def _member(item: Token, entity_of: Callable[[int], str | None]) -> str | None:
    """The entity one coordinated phrase names: its own mention; else a name written right after a common noun
    ("the Palestinian armed group Hamas", however the parser attached it); else a name inside the phrase."""
    if (own := entity_of(item.i)) is not None:
        return own
    words = _own_words(item)
    after = words.end < len(item.doc) and entity_of(words.end)
    if item.pos_ == "NOUN" and after and item.doc[words.end].pos_ == "PROPN":
        return after
    return next((e for t in words if (e := entity_of(t.i))), None)


def group_of(groups: dict[frozenset[str], str], head: Token, entity_of: Callable[[int], str | None]) -> str | None:
    """The group entity a coordination headed by ``head`` names, if there is one."""
    if not _has_conjuncts(head):
        return None
    return groups.get(frozenset(coordinated(head, entity_of)))


def is_party(token: Token) -> bool:
    """A coordination that acts or is party to something (see the module docstring)."""
    return _party_role(token) or _reports(token)


def _party_role(token: Token) -> bool:
    """:func:`is_party` by the token's own dependency: a subject, an agent, the parties of a noun, modifiers of a
    subject."""
    if token.dep_ in _PARTY_DEPS:
        return True
    if token.dep_ == "pobj":
        prep = token.head
        return prep.dep_ == "agent" or prep.lower_ in ("between", "by")
    return token.dep_ in _MODIFIER_DEPS and token.head.dep_ in _PARTY_DEPS


def _reports(token: Token) -> bool:
    """``token`` heads the speakers of a reporting clause after its content (:func:`inverted_subject`)."""
    after = token.right_edge.i + 1
    return after < len(token.doc) and inverted_subject(token.doc[after]) == token


def inverted_subject(verb: Token) -> Token | None:
    """The speaker of a reporting clause after its content that the parser left without a subject ("Velmora will
    reopen the border, Velmora and Ostravia said Saturday", where "Velmora and Ostravia" may be read as a conjunct
    of the content): the noun phrase between the last comma and the verb of saying, by its head."""
    if verb.lemma_ not in SPEECH_VERBS or verb.pos_ != "VERB" or any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        return None
    comma = _comma_before(verb)
    if comma is None or comma + 1 >= verb.i:
        return None
    phrase = verb.doc[comma + 1 : verb.i]
    heads = [t for t in phrase if not phrase.start <= t.head.i < phrase.end or t.head.i == t.i]
    if len(heads) != 1 or heads[0].pos_ not in ("NOUN", "PROPN") or any(t.pos_ in ("VERB", "AUX") for t in phrase):
        return None
    return heads[0]


def _comma_before(token: Token) -> int | None:
    """The last comma before ``token`` in its sentence (walking back: ``Token.sent`` costs more)."""
    doc, i = token.doc, token.i
    while i > 0 and not doc[i].is_sent_start:
        i -= 1
        if doc[i].text == ",":
            return i
    return None


def _own_words(token: Token) -> Span:
    """The phrase a conjunct spans, without the other conjuncts, the conjunction and the punctuation."""
    skip = {t.i for c in token.children if c.dep_ in ("conj", "cc", "punct") for t in c.subtree}
    words = [t.i for t in token.subtree if t.i not in skip]
    return token.doc[min(words) : max(words) + 1]


def _group_name(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
