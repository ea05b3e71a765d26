"""Unnamed sources: "a senior defence official said", "people familiar with the talks", "sources said".

A noun phrase headed by a person noun (a role noun or one of ``SOURCE_NOUNS``) that speaks (the subject of a
verb of saying, its passive agent, or the object of "according to") and names nobody (no name in it, no name
bound to it by apposition) is an entity of type ``UNNAMED``. Its name is its description without articles and
numbers ("senior defence official", "people familiar with the talks"): never null, and never the nearest
named person.

- Cataphora: a singular indefinite description whose next sentence names a person with the same role
  ("a spokesman for the ministry has said ... Speaking on Thursday, ministry spokesman Ivo Marin said") is
  that person, not an unnamed source.
- A protest that names no one taking part has its crowd as an unnamed entity (``find_crowds``).
- Later "the spokesperson", "the officials" (the same head noun, no new capitalised modifier) are role
  mentions of the latest such unnamed source (see ``coref._add_descriptions``); "they" right after plural
  sources is theirs (``coref._add_anaphora``).
"""

from __future__ import annotations

import numpy
from spacy.attrs import DEP, POS
from spacy.symbols import NOUN, nsubj, nsubjpass, pobj
from spacy.tokens import Span, Token

from newsline.analysis.entities.documents import DOCUMENT_NOUNS
from newsline.analysis.entities.names import fold_name
from newsline.analysis.entities.parsed import Cluster, Parsed, speaks
from newsline.analysis.entities.roles import ROLE_NOUNS, same_role
from newsline.analysis.tokens import lemmas_of
from newsline.model import UNNAMED

SOURCE_NOUNS = frozenset({
    "people", "person", "source", "insider", "witness", "resident", "observer", "critic", "supporter",
    "protester", "group", "employee", "worker", "staffer", "voter", "citizen", "relative", "colleague",
    "participant", "delegate", "report", "medium", "mediator", "facilitator", "organiser", "organizer",
    "figure", "authority", "investigator", "survivor", "victim", "family", "neighbour", "neighbor", "friend",
})
_QUANTIFIERS = frozenset({
    "a", "an", "some", "several", "many", "other", "another", "one", "two", "three", "four", "five", "few",
    "numerous", "multiple", "most", "various", "both", "all", "more", "no",
})
_INDEFINITE = frozenset({"a", "an", "another", "one", "some", "several", "many", "few", "numerous", "multiple",
                         "various", "two", "three", "four", "five"})
_KEEP_RIGHT = frozenset({"amod", "prep", "cc", "conj", "compound", "nmod"})
_TIMES = frozenset({"DATE", "TIME"})
_AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent")  # exporter, investor, economist, historian, resident
_PRESS_WORDS = frozenset({"press", "communications"})  # roles that speak for someone, like a spokesperson


def _person_noun(token: Token) -> bool:
    """A noun for people: a role noun, one of SOURCE_NOUNS, or an agent noun ("exporters", "economists")."""
    lemma = token.lemma_.lower()
    return lemma in ROLE_NOUNS or lemma in SOURCE_NOUNS or token.lower_ in SOURCE_NOUNS \
        or len(lemma) > 5 and lemma.endswith(_AGENT_ENDINGS) and not lemma.endswith("ment") \
        and lemma not in DOCUMENT_NOUNS


def _extent(head: Token) -> Span:
    """The description: the head's left modifiers and its modifying phrases on the right, without relative
    clauses, appositions, parentheses or time phrases ("Sources on Thursday night")."""
    doc = head.doc
    end = head.i + 1
    for child in head.rights:
        if child.dep_ not in _KEEP_RIGHT or child.is_punct:
            break
        if child.dep_ == "prep" and any(t.ent_type_ in _TIMES for t in child.subtree):
            break
        if any(t.is_punct and t.text in "()[],;—–" for t in child.subtree):
            break
        end = child.right_edge.i + 1
    return doc[head.left_edge.i : end]


def description(span: Span) -> str:
    """The name of an unnamed source: its words without leading articles, numbers and quantifiers."""
    tokens = list(span)
    while tokens and (tokens[0].lower_ in _QUANTIFIERS or tokens[0].like_num or tokens[0].is_punct):
        tokens = tokens[1:]
    return span.doc[tokens[0].i : span.end].text if tokens else span.text


def is_plural(span: Span) -> bool:
    return span.root.tag_ in ("NNS", "NNPS") or any(t.dep_ == "conj" for t in span.root.children)


def _named_in_next_sentence(parsed: Parsed, span: Span, people: list[Cluster]) -> Cluster | None:
    """Cataphora: the person named, with a role of the same kind, in the sentence after ``span``'s."""
    sentence = parsed.sentence_of(span.start_char)
    if sentence + 1 >= len(parsed.sentence_starts):
        return None
    start = parsed.sentence_starts[sentence + 1]
    end = parsed.sentence_starts[sentence + 2] if sentence + 2 < len(parsed.sentence_starts) else len(parsed.text)
    words = {fold_name(t.text) for t in span if t.is_alpha and not t.is_stop and t.i != span.root.i}
    noun = span.root.lower_
    for cluster in people:
        for role in cluster.roles:
            role_words = {fold_name(t.text) for t in role}
            speaks_for = same_role(noun, "spokesperson") and role_words & _PRESS_WORDS  # "press secretary"
            if start <= role.start_char < end and (speaks_for or any(same_role(noun, t.lower_) for t in role)) \
                    and (not words or words & role_words):
                return cluster
    return None


# Protest nouns and who takes part in one that names nobody ("Protests in Velmar on Saturday ...": protesters)
CROWD_NOUNS = {"protest": "protesters", "demonstration": "demonstrators", "march": "marchers", "riot": "rioters",
               "sit-in": "protesters"}
_PLACES = frozenset({"GPE", "LOC", "FAC"})


def find_crowds(parsed: Parsed) -> list[Cluster]:
    """The unnamed crowd of a protest that names no one taking part: an ``UNNAMED`` entity named after the protest's
    place ("Protests in Velmar on Saturday" -> "protesters in Velmar"), with the protest noun as its mention. Not
    when the protest has a party ("farmers' protests", "a protest by the union", "Velmoran protests") or is what
    someone does ("the union staged protests": the union's)."""
    found = []
    for noun in lemmas_of(parsed.doc, CROWD_NOUNS, ("NOUN",)):
        if noun.dep_ in ("dobj", "attr", "compound", "conj") or any(
                c.dep_ in ("poss", "compound", "amod", "nmod") and (c.ent_type_ or c.pos_ in ("PROPN", "NOUN"))
                or c.dep_ in ("prep", "agent") and c.lower_ in ("by", "of") for c in noun.children):
            continue
        place = next((p for c in noun.children if c.dep_ == "prep" and c.lower_ in ("in", "at")
                      for p in c.children if p.dep_ == "pobj" and p.ent_type_ in _PLACES), None)
        name = CROWD_NOUNS[noun.lemma_.lower()]
        if place is not None:
            ent = next((e for e in parsed.doc.ents if e.start <= place.i < e.end), None)
            name += f" {place.head.lower_} {ent.text if ent is not None else place.text}"
        cluster = Cluster(UNNAMED, name=name)
        cluster.mentions.append((parsed.doc[noun.i : noun.i + 1], "role"))
        found.append(cluster)
    return found


def find_unnamed(parsed: Parsed, clusters: list[Cluster]) -> list[Cluster]:
    """Unnamed sources as UNNAMED clusters (a cataphoric description goes to the person instead)."""
    doc = parsed.doc
    pos, dep = doc.to_array([POS, DEP]).T
    candidates = [i for i in numpy.flatnonzero((pos == NOUN) & numpy.isin(dep, [nsubj, nsubjpass, pobj])).tolist()
                  if _person_noun(doc[i])]
    if not candidates:
        return []
    covered = {i for c in clusters for span, _ in c.mentions for i in range(span.start, span.end)}
    people = [c for c in clusters if c.type == "PERSON"]
    found = []
    for i in candidates:
        head = doc[i]
        if head.pos_ != "NOUN" or i in covered or head.ent_type_ or not speaks(head):
            continue
        span = _extent(head)
        first = span[0].lower_
        plural = is_plural(span)
        headline = parsed.zone(span.start_char) == "headline"  # "Ruritanian official says": no article
        if first in ("the", "this", "that", "these", "those") or not (plural or first in _INDEFINITE or headline):
            continue  # definite: a reference back (coref._add_descriptions), not a new source
        person = None if plural else _named_in_next_sentence(parsed, span, people)
        if person is not None:
            person.mentions.append((span, "role"))
            continue
        cluster = Cluster(UNNAMED, name=description(span))
        cluster.mentions.append((span, "role"))
        found.append(cluster)
    return found
