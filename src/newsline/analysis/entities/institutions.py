"""Institutions: ministries, governments, agencies, offices, state media. One entity per institution in an
article, whichever way the text names it: "Ruritania's Foreign Ministry", "the Ruritanian foreign ministry",
"the Ministry of Foreign Affairs of Ruritania" and, later, "the ministry" are one entity.

An institution mention is a noun phrase headed by an institution noun (``INSTITUTION_HEADS``), read from the
parse whether or not the NER tagged it. Its *place* is the country or place named in it (an adjective, a
possessive, an "of" phrase: compared with ``same_place``), its *words* the other content words ("foreign",
"ministry"; "of ... Affairs" dropped). A mention with a place, a modifier or a capitalised head starts or joins
an institution; a bare "the ministry" only refers back, to the latest institution with that head. Two mentions
are one institution when their heads agree, their places do not differ, and one's words include the other's.
An indefinite mention names no particular institution ("a ministry"), except one with a place that acts ("A
Velmoran court ordered ...", the subject of a clause): that introduces an institution of its own, which a later
"the court" refers back to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsline.analysis.entities.names import fold_name, same_place
from newsline.analysis.entities.parsed import Cluster, Parsed, speaks, strip_article
from newsline.analysis.tokens import tokens_of
from newsline.analysis.entities.roles import is_role_head

INSTITUTION_HEADS = frozenset({
    "ministry", "government", "authorities", "agency", "committee", "council", "department", "television", "tv",
    "cabinet", "office", "media", "parliament", "court", "commission", "embassy", "consulate", "presidency",
    "army", "military", "police", "navy", "staff", "service", "bureau", "secretariat", "directorate",
    "broadcaster", "radio", "bank", "mission", "delegation", "inspectorate", "prosecutor's",
})
_SAME_HEAD = {"tv": "television"}
# heads whose bare mention, with nothing to refer back to, means the article's own country's institution
SALIENT_HEADS = frozenset({"government", "cabinet", "parliament"})
PLACE_LABELS = frozenset({"GPE", "NORP", "LOC"})
_POINTERS = frozenset({"country", "nation", "state's", "its", "their", "his", "her"})  # point at a place, name none
_OF_WORDS = frozenset({"affairs"})  # "Ministry of Foreign Affairs" = "foreign ministry"
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_FUNCTION = frozenset({"ADP", "DET", "CCONJ", "PART"})
# an indefinite institution with a place that does something is a particular one ("A Velmoran court ruled")
_ACTING = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True, slots=True)
class _Mention:
    span: Span
    head: str
    place: str | None
    words: frozenset[str]
    bare: bool  # "the ministry": refers back, introduces nothing
    new: bool = False  # "a Velmoran court ruled": a particular institution, introduced here


def _head(token: Token) -> str:
    return _SAME_HEAD.get(token.lower_, token.lower_)


def _extent(head: Token) -> tuple[int, int]:
    """The institution's noun phrase: the head's left modifiers and an "of" phrase naming a place or a field
    ("Ministry of Foreign Affairs of Ruritania"), widened to a named entity the head is part of."""
    start, end = head.left_edge.i, head.i + 1
    of = next((c for c in head.rights if c.dep_ == "prep"), None)
    if of is not None and of.lower_ == "of":  # "of Ruritania", "of Foreign Affairs", "of defence"
        objects = [c for c in of.children if c.dep_ == "pobj"]
        if objects and (objects[0].ent_type_ in PLACE_LABELS or objects[0].text[:1].isupper()
                        or not any(c.dep_ == "det" for c in objects[0].children)):
            end = of.right_edge.i + 1
    doc = head.doc
    if head.ent_iob_ != "O" and head.ent_type_ not in PLACE_LABELS:
        ent = next((e for e in doc.ents if e.start <= head.i < e.end), None)
        if ent is not None and ent.root.i == head.i:  # not "Bank" in "the Bank of Ruritania's Monetary Committee"
            start, end = min(start, ent.start), max(end, ent.end)
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].pos_ in _FUNCTION):
        end -= 1
    return start, end


def _mention(head: Token) -> _Mention | None:
    if head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ == "PERSON":
        return None
    if head.dep_ == "compound" and not is_role_head(head.head) and head.head.lower_ not in INSTITUTION_HEADS:
        return None  # "office building", "police car": a modifier of something else
    doc = head.doc
    start, end = _extent(head)
    span = doc[start:end]
    places = [t for t in span if t.ent_type_ in PLACE_LABELS and t.i != head.i]
    place = " ".join(t.text for t in places) if places else None
    words = frozenset(
        fold_name(t.text) for t in span if t not in places and t.i != head.i and t.is_alpha
        and t.lower_ not in _DETERMINERS | _POINTERS | _OF_WORDS and not t.is_stop
    ) | {_head(head)}
    definite = span[0].lower_ in _DETERMINERS - {"a", "an"} or any(t.dep_ == "poss" for t in span)
    indefinite = span[0].lower_ in ("a", "an")
    if indefinite and not (place and head.dep_ in _ACTING) or head.dep_ == "conj":
        return None  # "a ministry", "a Velmoran bank" as an object: no particular institution
    bare = place is None and len(words) == 1 and not head.text[:1].isupper()
    if bare and not definite:
        return None  # "banks may offer": no particular institution
    return _Mention(span, _head(head), place, words, bare, indefinite)


def _compatible(cluster: list[_Mention], mention: _Mention) -> bool:
    if cluster[0].head != mention.head:
        return False
    if mention.bare:
        return True
    places = {m.place for m in cluster if m.place}
    if mention.place and any(not same_place(p, mention.place) for p in places):
        return False
    words = frozenset().union(*(m.words for m in cluster))
    return mention.words <= words or words <= mention.words or any(mention.words <= m.words for m in cluster)


def find_institutions(parsed: Parsed, places: Sequence[tuple[str, str]] = ()) -> list[Cluster]:
    """One ORG cluster per institution the article names, with every mention of it (``name`` kind for the
    mentions that name it, ``role`` for a bare "the ministry").

    ``places``: the article's place names as (text, label). A bare "the government" that speaks and refers
    back to none is the government of the article's most mentioned country ("British government")."""
    mentions = sorted((m for token in tokens_of(parsed.doc, INSTITUTION_HEADS) if (m := _mention(token))),
                      key=lambda m: m.span.start)
    groups: list[list[_Mention]] = []
    names: dict[int, str] = {}  # a group's name when no mention gives it
    taken: set[int] = set()
    for mention in mentions:
        if mention.span.root.i in taken:
            continue
        candidates = [] if mention.new else [g for g in groups if _compatible(g, mention)]
        if candidates:
            max(candidates, key=lambda g: g[-1].span.start).append(mention)
        elif not mention.bare:
            groups.append([mention])
        elif mention.head in SALIENT_HEADS and speaks(mention.span.root) and (place := _salient(places)):
            groups.append([mention])
            names[id(groups[-1])] = f"{place} {mention.head}"
        else:
            continue
        taken.update(range(mention.span.start, mention.span.end))
    clusters = []
    for group in groups:
        cluster = Cluster("ORG", name=names.get(id(group)) or _name(group))
        cluster.mentions = [(m.span, "role" if m.bare else "name") for m in group]
        clusters.append(cluster)
    return clusters


def _salient(places: Sequence[tuple[str, str]]) -> str | None:
    """The country the article mentions most (strictly), as its adjective when the text uses one."""
    groups: list[list[tuple[str, str]]] = []
    for text, label in places:
        group = next((g for g in groups if same_place(g[0][0], text)), None)
        if group is None:
            groups.append([(text, label)])
        else:
            group.append((text, label))
    ranked = sorted(groups, key=len, reverse=True)
    if not ranked or len(ranked) > 1 and len(ranked[1]) == len(ranked[0]):
        return None
    forms = [text for text, label in ranked[0] if label == "NORP"] or [text for text, _ in ranked[0]]
    return max(set(forms), key=forms.count)


def _name(group: list[_Mention]) -> str:
    """The fullest way the article names the institution, without a leading article or a possessive 's."""
    best = max((m for m in group if not m.bare), key=lambda m: (m.place is not None, len(m.words), -m.span.start))
    span = strip_article(best.span)
    if span[0].lower_ in ("a", "an"):
        span = span[1:]
    pointer = next((t for t in span if t.dep_ == "poss" and t.lower_ in _POINTERS), None)  # "the country's"
    if pointer is not None and pointer.right_edge.i + 1 < span.end:
        span = span.doc[pointer.right_edge.i + 1 : span.end]
    text = span.text
    return text[:-2] if text.endswith(("'s", "’s")) else text
