"""One entity per referent: name clustering with label fixing, role descriptions, pronouns, organisations
named after a person and references back to organisations."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field

import numpy
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LOWER, POS, SENT_START
from spacy.symbols import PROPN, det, nsubj
from spacy.tokens import Doc, Span, Token

from newsline.analysis.doctext import text_of
from newsline.analysis.entities.names import fold, fold_chars, guess_gender, name_parts, same_given_name, same_surname
from newsline.analysis.quotes.cues import SPEECH_VERBS
from newsline.analysis.quotes.marks import find_quoted
from newsline.analysis.entities.roles import FEMALE_ROLES, MALE_ROLES, bind_roles, is_role_head, role_text
from newsline.model import ENTITY_TYPES, Entity, Mention, MentionKind

NAME_TYPES = frozenset(ENTITY_TYPES)
PRONOUN_GENDER = {
    "he": "male", "him": "male", "his": "male", "himself": "male",
    "she": "female", "her": "female", "hers": "female", "herself": "female",
}
_PRONOUN_WINDOW = 3  # sentences back that a pronoun may reach for its antecedent
_CAPITALISED = re.compile(r"^[A-Z][\w'’.-]*$")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True, slots=True)
class _Parsed:
    """What several passes read from the parse, computed once per article."""

    doc: Doc
    text: str  # doc.text (spaCy rebuilds it on every access)
    folded: str  # fold_chars(text)
    the_phrases: list[Span]  # "the (Republican) spokesman": from "the" to the noun it determines
    sentence_starts: list[int]  # character offsets

    @classmethod
    def of(cls, doc: Doc) -> _Parsed:
        starts = [int(idx) for is_start, idx in doc.to_array([SENT_START, IDX]) if is_start == 1]
        text = text_of(doc)
        return cls(doc, text, fold_chars(text), _the_phrases(doc), starts)

    def sentence_of(self, char: int) -> int:
        return bisect_right(self.sentence_starts, char) - 1

    def horizon(self, char: int, sentences: int) -> int:
        """The start of the sentence ``sentences`` before the one holding ``char``."""
        return self.sentence_starts[max(0, self.sentence_of(char) - sentences)]


def _the_phrases(doc: Doc) -> list[Span]:
    """Noun phrases opening with the definite article, up to the noun it determines (read from token arrays:
    spaCy's noun_chunks costs about 1% of the parse)."""
    lower, dep, heads = doc.to_array([LOWER, DEP, HEAD]).T.astype("int64")
    phrases = []
    for i in numpy.flatnonzero((lower == doc.vocab.strings["the"]) & (dep == det)).tolist():
        head = doc[i + int(heads[i])]
        if head.i > i and head.pos_ in ("NOUN", "PROPN"):
            phrases.append(doc[i : head.i + 1])
    return phrases


@dataclass(slots=True)
class _Cluster:
    type: str
    mentions: list[tuple[Span, MentionKind]] = field(default_factory=list)
    roles: list[Span] = field(default_factory=list)
    given: set[str] = field(default_factory=set)
    surname: str | None = None
    gender: str | None = None
    name: str | None = None  # the entity name when no mention gives it ("Trump campaign")

    @property
    def first(self) -> int:
        return min(span.start_char for span, _ in self.mentions)

    def last_before(self, char: int) -> int:
        return max((span.start_char for span, _ in self.mentions if span.start_char < char), default=-1)

    def last_subject_before(self, char: int) -> int:
        return max((span.start_char for span, _ in self.mentions if span.start_char < char and _main_subject(span)),
                   default=-1)


def _tokens_of(doc: Doc, words: Collection[str]) -> list[Token]:
    """The tokens whose lower-cased form is one of ``words``, without building a Token for every word."""
    lower = doc.to_array(LOWER)
    return [doc[int(i)] for i in numpy.flatnonzero(numpy.isin(lower, [doc.vocab.strings[w] for w in words]))]


def _person_surnames(ents: list[Span]) -> set[str]:
    return {name_parts(e.text)[-1] for e in ents if e.label_ == "PERSON" and len(name_parts(e.text)) > 1}


def _fixed_label(ent: Span, surnames: set[str], person_names: set[str]) -> str:
    """Document consistency: a name whose surname (or whole form) is a PERSON's here is that PERSON."""
    parts = name_parts(ent.text)
    looks_like_name = all(_CAPITALISED.match(t.text) for t in ent if not t.is_punct) and 0 < len(parts) <= 3
    if ent.label_ != "PERSON" and looks_like_name and (parts[-1] in surnames or " ".join(parts) in person_names):
        return "PERSON"
    return ent.label_


def _untagged_speakers(doc: Doc) -> list[Span]:
    """Two- or three-word proper names the NER missed that are the subject of a verb of saying: people."""
    found = []
    pos, dep, ent_type = doc.to_array([POS, DEP, ENT_TYPE]).T  # filter on arrays: building Tokens is slow
    for i in numpy.flatnonzero((pos == PROPN) & (dep == nsubj) & (ent_type == 0)).tolist():
        token = doc[i]
        if token.head.lemma_ not in SPEECH_VERBS:
            continue
        start = token.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i == token.i \
                and doc[start - 1].dep_ == "compound" and not doc[start - 1].ent_type_:
            start -= 1
        span = doc[start : token.i + 1]
        if 2 <= len(span) <= 3 and all(_CAPITALISED.match(t.text) for t in span):
            found.append(Span(doc, span.start, span.end, label="PERSON"))
    return found


def _untagged_repeats(parsed: _Parsed, ents: list[Span]) -> list[Span]:
    """Occurrences the NER missed of a name it tagged elsewhere in the article, or of a PERSON's surname: the
    small model tags "Stumpf" once and leaves (or dates) it the next time."""
    labels: dict[str, str] = {}
    for ent in ents:
        labels.setdefault(fold(_strip_article(ent).text), ent.label_)
    for surname in _person_surnames(ents):
        labels[surname] = "PERSON"
    keys = sorted((key for key in labels if len(key) >= 3), key=len, reverse=True)  # longest first
    if not keys:
        return []
    pattern = re.compile(rf"(?<![\w'’-])(?:{'|'.join(map(re.escape, keys))})(?![\w-])")
    tagged = bytearray(len(parsed.text))  # 1 where some entity is
    for ent in ents:
        tagged[ent.start_char : ent.end_char] = b"\x01" * (ent.end_char - ent.start_char)
    found = []
    for match in pattern.finditer(parsed.folded):
        if any(tagged[match.start() : match.end()]):
            continue
        span = parsed.doc.char_span(match.start(), match.end())
        if span is None or not any(t.pos_ == "PROPN" for t in span):
            continue
        if all(_CAPITALISED.match(t.text) for t in span if not t.is_punct):
            found.append(Span(parsed.doc, span.start, span.end, label=labels[match.group()]))
    return found


def _name_mentions(parsed: _Parsed) -> list[tuple[Span, str]]:
    ents = [e for e in parsed.doc.ents if e.label_ in NAME_TYPES] + _untagged_speakers(parsed.doc)
    ents = sorted(ents + _untagged_repeats(parsed, ents), key=lambda e: e.start)
    surnames = _person_surnames(ents)
    person_names = {" ".join(name_parts(e.text)) for e in ents if e.label_ == "PERSON"}
    labelled = [(e, _fixed_label(e, surnames, person_names)) for e in ents]
    # the same string carries one label in a document: its majority label
    votes: dict[str, Counter[str]] = {}
    for ent, label in labelled:
        votes.setdefault(fold(ent.text), Counter())[label] += 1
    return [(ent, votes[fold(ent.text)].most_common(1)[0][0] if label != "PERSON" else label) for ent, label in labelled]


def _strip_article(span: Span) -> Span:
    return span[1:] if len(span) > 1 and span[0].lower_ == "the" else span


def _cluster_people(people: list[Span]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    full = sorted((s for s in people if len(name_parts(s.text)) > 1), key=lambda s: s.start)
    short = [s for s in people if len(name_parts(s.text)) == 1]
    for span in full:
        parts = name_parts(span.text)
        match = next((c for c in clusters if c.surname and same_surname(c.surname, parts[-1])
                      and any(same_given_name(g, parts[0]) for g in c.given)), None)
        if match is None:
            match = _Cluster("PERSON", surname=parts[-1], gender=guess_gender(parts))
            clusters.append(match)
        match.given.add(parts[0])
        match.mentions.append((span, "name"))
    for span in short:
        word = name_parts(span.text)[0]
        candidates = [c for c in clusters if c.surname and same_surname(c.surname, word)] or [
            c for c in clusters if word in c.given
        ]
        if candidates:  # the bearer of that surname last named as a main-clause subject, else the last named,
            before = [c for c in candidates if c.last_before(span.start_char) >= 0]  # else the first named after it
            match = max(before, key=lambda c: (c.last_subject_before(span.start_char), c.last_before(span.start_char))
                        ) if before else min(candidates, key=lambda c: c.first)
            match.mentions.append((span, "short_name"))
        else:
            same = next((c for c in clusters if not c.given and c.surname == word), None)
            if same is None:
                same = _Cluster("PERSON", surname=word, gender=guess_gender([word]))
                clusters.append(same)
            same.mentions.append((span, "name"))
    return clusters


def _cluster_others(named: list[tuple[Span, str]]) -> list[_Cluster]:
    by_key: dict[str, _Cluster] = {}
    for span, label in named:
        key = fold(_strip_article(span).text)
        cluster = by_key.setdefault(key, _Cluster(label))
        cluster.mentions.append((span, "name"))
    return list(by_key.values())


def _role_gender(span: Span) -> str | None:
    heads = {t.lower_ for t in span if is_role_head(t)}
    return "female" if heads & FEMALE_ROLES else "male" if heads & MALE_ROLES else None


def _add_roles(parsed: _Parsed, clusters: list[_Cluster]) -> list[Span]:
    """Bind appositive/title roles to people, then find later mentions of those roles ("the spokesman").

    Returns the definite role descriptions no bound role explains that are the subject of their sentence
    ("The Indiana governor said ..."): left to ``_add_anaphora``.
    """
    doc = parsed.doc
    people = [c for c in clusters if c.type == "PERSON"]
    for cluster in people:
        for span, _ in list(cluster.mentions):
            for role in bind_roles(doc, span):
                cluster.roles.append(role)
                cluster.mentions.append((role, "role"))
                cluster.gender = cluster.gender or _role_gender(role)
    bound = {(r.start, r.end) for c in people for r in c.roles}
    known = [(fold(role_text(r)), c) for c in people for r in c.roles if len(role_text(r).split()) > 1]
    bound_roles = [(r, c) for c in people for r in c.roles]
    for role, cluster in known:  # the same role phrase again: "The official representative ... also stressed"
        for found in re.finditer(rf"\b{re.escape(role)}\b", parsed.folded):
            span = doc.char_span(found.start(), found.end(), alignment_mode="expand")
            if span is None or (span.start, span.end) in bound:
                continue
            if span.start > 0 and doc[span.start - 1].lower_ == "the":
                span = doc[span.start - 1 : span.end]
            if (span.start, span.end) not in bound and not any(span.start <= b[0] and b[1] <= span.end for b in bound):
                cluster.mentions.append((span, "role"))
                bound.add((span.start, span.end))
    descriptions = []
    for chunk in parsed.the_phrases:  # "the (Republican) spokesman": the person bound to that role noun
        root = chunk.root
        if not is_role_head(root) or chunk[0].lower_ != "the" or root.ent_type_ or any(
                t.ent_type_ == "PERSON" for t in chunk):
            continue
        if any(chunk.start <= b[0] < chunk.end or b[0] <= chunk.start < b[1] for b in bound):
            continue
        words, proper = _content_words(chunk), _proper_modifiers(chunk)
        owners = [(len(words & _content_words(role)), c.last_before(chunk.start_char), c) for role, c in bound_roles
                  if root.lower_ in {t.lower_ for t in role if is_role_head(t)} and c.last_before(chunk.start_char) >= 0
                  and proper <= _content_words(role)]
        if owners:  # the most words in common ("the Republican nominee"), then the latest named
            owner = max(owners, key=lambda o: o[:2])[2]
            owner.mentions.append((chunk, "role"))
            bound.add((chunk.start, chunk.end))
        elif _main_subject(chunk) and not any(t.ent_type_ == "ORG" for t in chunk):  # "The FBI director": not
            descriptions.append(chunk)  # whoever was last the subject, but someone of that organisation
    return descriptions


def _content_words(span: Span) -> set[str]:
    return {fold(t.text) for t in span if not (t.is_stop or t.is_punct)}


def _proper_modifiers(span: Span) -> set[str]:
    """The capitalised words before the head of a description: "Democratic" in "the Democratic nominee"."""
    return {fold(t.text) for t in span[1:] if t.i < span.root.i and t.text[:1].isupper()}


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def _main_subject(span: Span) -> bool:
    """The subject of its sentence's main verb (or of a verb conjoined to it)."""
    head = span.root.head
    return span.root.dep_ in _SUBJECT_DEPS and (head.dep_ == "ROOT" or head.dep_ == "conj" and head.head.dep_ == "ROOT")


def _add_anaphora(parsed: _Parsed, clusters: list[_Cluster], descriptions: list[Span]) -> None:
    """Pronouns (he/she/his/her/...) and role descriptions no bound role explains, in text order, each to a
    preceding person of a compatible gender within a few sentences.

    A pronoun goes to a person whose gender is known to match before one of unknown gender, then to the one
    mentioned in the nearest sentence, then, within that sentence, to the subject of its main clause
    ("Perdue said Romney ... “...,” he said": Perdue), then to the nearest. A description that is the
    subject of its sentence ("The Indiana governor said ...") continues the latest person who was the
    subject of a main clause; with none, it stays unresolved. A mention inside a quotation is no
    antecedent for an anaphor outside it.
    """
    doc = parsed.doc
    people = [c for c in clusters if c.type == "PERSON"]
    quotes = sorted((q.start, q.end) for q in find_quoted(parsed.text) if q.depth == 0)  # disjoint
    quote_starts = [start for start, _ in quotes]

    def quote_of(char: int) -> tuple[int, int] | None:
        i = bisect_right(quote_starts, char) - 1
        return quotes[i] if i >= 0 and char < quotes[i][1] else None

    anaphors: list[tuple[Span, str | None, MentionKind]] = [
        (doc[t.i : t.i + 1], PRONOUN_GENDER[t.lower_], "pronoun") for t in _tokens_of(doc, PRONOUN_GENDER)
        if t.pos_ == "PRON"
    ] + [(d, _role_gender(d), "role") for d in descriptions]
    for span, gender, kind in sorted(anaphors, key=lambda a: a[0].start):
        start = span.start_char
        horizon = parsed.horizon(start, _PRONOUN_WINDOW)
        here = quote_of(start)
        ranked = []
        for cluster in people:
            if gender is not None and cluster.gender not in (gender, None):
                continue
            seen = [s for s, _ in cluster.mentions if horizon <= s.start_char < start
                    and quote_of(s.start_char) in (None, here)]
            if not seen:
                continue
            latest = max(s.start_char for s in seen)
            if kind == "pronoun":
                nearest = parsed.sentence_of(latest)
                subject = any(_main_subject(s) for s in seen if parsed.sentence_of(s.start_char) == nearest)
                ranked.append(((cluster.gender == gender, nearest, subject, latest), cluster))
            else:
                subject_at = max((s.start_char for s in seen if _main_subject(s)), default=-1)
                if subject_at >= 0:
                    ranked.append(((subject_at, latest), cluster))
        if not ranked:
            continue
        _, owner = max(ranked, key=lambda rc: rc[0])
        owner.gender = owner.gender or gender
        owner.mentions.append((span, kind))


# organisations named after a person: "Clinton's campaign" is not Clinton, "the Obama administration" not Obama
PERSONAL_ORGANISATIONS = frozenset({"campaign", "administration", "camp", "team"})


def _add_personal_organisations(parsed: _Parsed, clusters: list[_Cluster]) -> list[_Cluster]:
    """ORG entities for "Donald Trump's campaign", "the Clinton campaign", "his campaign" (one per person and
    noun, named "Trump campaign"), and "the campaign" as a sentence's subject: the campaign of the latest
    main-clause subject that has one, else the latest campaign mentioned, within a few sentences."""
    doc = parsed.doc
    person_at = {t.i: c for c in clusters if c.type == "PERSON" for span, _ in c.mentions for t in span}
    made: dict[tuple[int, str], tuple[_Cluster, _Cluster]] = {}  # (person, noun) -> (person, organisation)
    bare = []
    for token in _tokens_of(doc, PERSONAL_ORGANISATIONS):
        noun = token.lower_
        if token.pos_ != "NOUN":
            continue
        owner_token = next((c for c in token.children if c.dep_ in ("poss", "compound") and c.i in person_at), None)
        if owner_token is None:
            if token.dep_ in _SUBJECT_DEPS and token.i > 0 and doc[token.i - 1].lower_ == "the":
                bare.append(doc[token.i - 1 : token.i + 1])
            continue
        owner = person_at[owner_token.i]
        if (id(owner), noun) not in made:
            made[(id(owner), noun)] = owner, _Cluster("ORG", name=f"{_entity_name(owner).split()[-1]} {noun}")
        kind: MentionKind = "role" if owner_token.pos_ == "PRON" else "name"
        made[(id(owner), noun)][1].mentions.append((doc[token.left_edge.i : token.i + 1], kind))
    for span in bare:
        horizon = parsed.horizon(span.start_char, _PRONOUN_WINDOW)
        ranked = []
        for (_, noun), (owner, org) in made.items():
            if noun != span.root.lower_:
                continue
            subject_at = max((s.start_char for s, _ in owner.mentions
                              if horizon <= s.start_char < span.start_char and _main_subject(s)), default=-1)
            latest = max((s.start_char for s, _ in org.mentions if horizon <= s.start_char < span.start_char),
                         default=-1)
            if max(subject_at, latest) >= 0:
                ranked.append(((subject_at, latest), org))
        if ranked:
            max(ranked, key=lambda r: r[0])[1].mentions.append((span, "role"))
    return [org for _, org in made.values()]


def _add_organisation_references(parsed: _Parsed, clusters: list[_Cluster]) -> None:
    """"The commission" after "the Commission on Presidential Debates": the organisation last named with
    those words. "It" as the subject of a verb right after a sentence whose main subject was an organisation: that
    organisation ("The ministry said ... It added ...")."""
    orgs = [c for c in clusters if c.type == "ORG"]
    vocabulary = {id(c): {w for span, kind in c.mentions if kind == "name" and len(span) > 1
                          for w in fold(span.text).split()} for c in orgs}
    for chunk in parsed.the_phrases:
        root = chunk.root
        if (chunk[0].lower_ != "the" or root.pos_ != "NOUN" or root.lower_ in PERSONAL_ORGANISATIONS
                or is_role_head(root) or any(t.ent_type_ for t in chunk) or chunk.end != root.i + 1):
            continue
        words = _content_words(chunk)
        named = [c for c in orgs if words <= vocabulary[id(c)] and c.last_before(chunk.start_char) >= 0]
        if named:
            max(named, key=lambda c: c.last_before(chunk.start_char)).mentions.append((chunk, "role"))
    for token in _tokens_of(parsed.doc, ("it",)):
        if token.dep_ != "nsubj" or token.head.pos_ != "VERB" or token.head.lemma_ == "be":
            continue
        horizon = parsed.horizon(token.idx, 1)
        subjects = [(max(at), c) for c in orgs if (at := [span.start_char for span, _ in c.mentions
                                                           if horizon <= span.start_char < token.idx
                                                           and _main_subject(span)])]
        if subjects:
            max(subjects, key=lambda sc: sc[0])[1].mentions.append((parsed.doc[token.i : token.i + 1], "pronoun"))


def _entity_name(cluster: _Cluster) -> str:
    if cluster.name:
        return cluster.name
    names = [span for span, kind in cluster.mentions if kind == "name"] or [s for s, _ in cluster.mentions]
    counts = Counter(_POSSESSIVE.sub("", _strip_article(s).text) for s in names)
    return max(counts, key=lambda text: (len(text.split()), counts[text], -len(text)))


def find_entities(doc: Doc) -> list[Entity]:
    """The article's entities, one per referent, each with its name/short_name/role/pronoun mentions.

    Person labels are fixed by document consistency (a word that is some PERSON's surname here is that
    PERSON), spelling variants of a name are merged diacritics-insensitively (Alexander/Aleksandar Vučić),
    roles are bound by apposition and titles, pronouns and unexplained role descriptions go to a compatible
    preceding person, organisations named after a person ("Trump's campaign") are entities of their own, and
    "the commission"/"it" refer back to organisations. See docs/attribution.md.
    """
    parsed = _Parsed.of(doc)
    named = _name_mentions(parsed)
    clusters = _cluster_people([s for s, label in named if label == "PERSON"])
    clusters += _cluster_others([(s, label) for s, label in named if label != "PERSON"])
    _add_anaphora(parsed, clusters, _add_roles(parsed, clusters))
    clusters += _add_personal_organisations(parsed, clusters)
    _add_organisation_references(parsed, clusters)
    clusters.sort(key=lambda c: c.first)
    entities = []
    text = parsed.text
    for number, cluster in enumerate(clusters, 1):
        mentions = sorted({(s.start_char, s.end_char, kind) for s, kind in cluster.mentions})
        roles = list(dict.fromkeys(role_text(r) for r in cluster.roles if role_text(r)))
        entities.append(Entity(
            id=f"e{number}", name=_entity_name(cluster), type=cluster.type,
            mentions=[Mention(a, b, text[a:b], kind) for a, b, kind in mentions], roles=roles,
        ))
    return entities
