"""Documents that speak: "the statement added", "the communique issued after the talks says", "according to an
internal memo".

A document speaks for its issuer when the text gives one: "X said in a statement", "X issued a statement",
"X's statement", "a statement from X", "the statement released by X", "a statement on X's website". Its
mention is then a role mention of the issuer (the issuer is the speaker). A later definite "the statement"
is the latest document with the same noun, issuer and all. A speaking document with no issuer is an entity
of type ``DOCUMENT`` named by its description ("internal memo", "communique").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsline.analysis.entities.parsed import Cluster, Parsed, speaks
from newsline.analysis.tokens import tokens_of
from newsline.model import DOCUMENT

DOCUMENT_NOUNS = frozenset({
    "statement", "statements", "communique", "communiqué", "communiques", "memo", "memos", "memorandum", "letter",
    "document", "declaration", "readout", "transcript", "bulletin", "notice", "post", "tweet", "filing", "decree",
    "resolution", "directive", "message", "note", "announcement", "email", "release",
})
_ISSUING_VERBS = frozenset({"issue", "release", "publish", "post", "send", "put", "distribute", "sign", "adopt"})
_ISSUER_PREPOSITIONS = frozenset({"from", "by", "of"})
_PLACES = frozenset({"website", "site", "page", "account", "channel", "feed"})  # "a statement on X's website"
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her"})


def _issuer(noun: Token) -> Token | None:
    """The token naming who issued the document ``noun``, if the text says."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "in" and head.head.pos_ in ("VERB", "AUX"):  # "X said in a statement"
        subject = next((c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject
    if noun.dep_ == "dobj" and head.lemma_ in _ISSUING_VERBS:  # "X issued a statement"
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
    for child in noun.children:
        if child.dep_ == "poss":  # "the ministry's statement"
            return child
        if child.dep_ == "prep" and child.lower_ in _ISSUER_PREPOSITIONS:  # "a statement from the ministry"
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].lower_ not in DOCUMENT_NOUNS:
                return objects[0]
        if child.dep_ == "prep" and child.lower_ == "on":  # "a statement on the ministry's website"
            place = next((c for c in child.children if c.dep_ == "pobj" and c.lower_ in _PLACES), None)
            owner = next((c for c in place.children if c.dep_ == "poss"), None) if place is not None else None
            if owner is not None:
                return owner
        if child.dep_ == "acl" and child.lemma_ in _ISSUING_VERBS:  # "the statement released by X"
            agent = next((c for c in child.children if c.dep_ == "agent"), None)
            objects = [c for c in agent.children if c.dep_ == "pobj"] if agent is not None else []
            if objects:
                return objects[0]
    return None


def _description(noun: Token) -> Span:
    """"internal memo" of "an internal memo cited in several media outlets": the modifiers and the noun."""
    doc = noun.doc
    start = noun.left_edge.i
    while start < noun.i and (doc[start].lower_ in _DETERMINERS or doc[start].is_punct or doc[start].like_num):
        start += 1
    return doc[start : noun.i + 1]


def find_documents(parsed: Parsed, clusters: list[Cluster]) -> list[Cluster]:
    """Role mentions of their issuers for documents that speak, and DOCUMENT clusters for those with none."""
    doc = parsed.doc
    owner_at = {}
    for cluster in clusters:
        for span, kind in cluster.mentions:
            for i in range(span.start, span.end):
                if i not in owner_at or kind == "name":
                    owner_at[i] = cluster
    documents: dict[str, tuple[Token, Cluster | None]] = {}  # noun -> its latest document and issuer
    found: list[Cluster] = []
    for noun in tokens_of(doc, DOCUMENT_NOUNS):
        if noun.pos_ != "NOUN" or noun.i in owner_at:
            continue
        issuer_token = _issuer(noun)
        issuer = owner_at.get(issuer_token.i) if issuer_token is not None else None
        kind = noun.lemma_.lower()
        definite = noun.left_edge.lower_ in ("the", "this", "that") and issuer_token is None
        if issuer is None and definite and kind in documents:
            issuer = documents[kind][1]
        if not speaks(noun):
            documents[kind] = (noun, issuer)
            continue
        span = doc[noun.left_edge.i : noun.i + 1]
        if issuer is None:
            previous = documents.get(kind)
            same = next((c for c in found if previous is not None and definite
                         and any(s.root.i == previous[0].i for s, _ in c.mentions)), None)
            issuer = same or Cluster(DOCUMENT, name=_description(noun).text)
            if same is None:
                found.append(issuer)
        issuer.mentions.append((span, "role"))
        documents[kind] = (noun, issuer)
    return found
