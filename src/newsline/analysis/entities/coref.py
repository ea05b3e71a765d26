"""One entity per referent: name clustering with label fixing, role descriptions, pronouns, organisations
named after a person and references back to organisations."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence

import numpy
from spacy.attrs import DEP, ENT_TYPE, POS
from spacy.symbols import PROPN, nsubj, nsubjpass
from spacy.tokens import Doc, Span

from newsline.analysis.entities.documents import find_documents
from newsline.analysis.entities.institutions import INSTITUTION_HEADS, PLACE_LABELS, find_institutions
from newsline.analysis.entities.names import (
    fold_name, guess_gender, name_parts, person_name, same_given_name, same_surname,
)
from newsline.analysis.entities.parsed import (
    SUBJECT_DEPS, Cluster, Parsed, content_words, main_subject, proper_modifiers, strip_article,
)
from newsline.analysis.entities.roles import FEMALE_ROLES, MALE_ROLES, bind_roles, is_role_head, role_text, same_role
from newsline.analysis.entities.unnamed import find_crowds, find_unnamed, is_plural
from newsline.analysis.quotations import Quoted
from newsline.analysis.quotes.cues import SPEECH_VERBS
from newsline.analysis.tokens import tokens_of
from newsline.model import ENTITY_TYPES, UNNAMED, Entity, Mention, MentionKind, Zone

NAME_TYPES = frozenset(ENTITY_TYPES)
PRONOUN_GENDER = {
    "he": "male", "him": "male", "his": "male", "himself": "male",
    "she": "female", "her": "female", "hers": "female", "herself": "female",
}
# Hand-set (no tuning recorded); `newsline bench speakers` (PolNeAR dev) measures it.
_PRONOUN_WINDOW = 3  # sentences back that a pronoun may reach for its antecedent
_CAPITALISED = re.compile(r"^[A-Z][\w'’.-]*$")
_POSSESSIVE = re.compile(r"['’]s?$")


_LOCATIVE = frozenset({"in", "near", "outside", "across", "throughout", "around"})


def _person_words(ents: list[Span]) -> tuple[set[str], set[str]]:
    """The surnames of the PERSONs named in full, and the first words of two-word names (which may be the
    family name: "Wang Yi", later "Wang")."""
    surnames, firsts = set(), set()
    for ent in ents:
        if ent.label_ == "PERSON":
            given, surname = person_name(ent.text)
            if given and surname:
                surnames.add(surname)
                if len(given) == 1:
                    firsts.add(given[0])
    return surnames, firsts


def _fixed_label(ent: Span, surnames: set[str], firsts: set[str], person_names: set[str]) -> str:
    """Document consistency: a name whose surname (or whole form) is a PERSON's here is that PERSON, and so is
    the first word of a two-word PERSON name used alone unless tagged as a place; a single word tagged PERSON
    after "in" ("in Kyiv") is a place unless some PERSON here bears it."""
    parts = name_parts(ent.text)
    if not (all(_CAPITALISED.match(t.text) for t in ent if not t.is_punct) and 0 < len(parts) <= 3):
        return ent.label_
    alone = len(parts) == 1
    if ent.label_ != "PERSON" and (parts[-1] in surnames or " ".join(parts) in person_names
                                   or alone and parts[0] in firsts and ent.label_ not in PLACE_LABELS):
        return "PERSON"
    if ent.label_ == "PERSON" and alone and parts[0] not in surnames | firsts and ent.root.dep_ == "pobj" \
            and ent.root.head.lower_ in _LOCATIVE:
        return "GPE"
    return ent.label_


def _untagged_people(parsed: Parsed) -> list[Span]:
    """Two- or three-word proper names the NER missed (or took for a date) that are the subject of a verb:
    people, when the verb is one of saying ("Ana Kovač told ..."), a role is in apposition ("Ivo Marin, the
    negotiator, arrived") or the last word recurs on its own in the article (news names a person in full once,
    then by surname: "Elon Musk has completed ... Musk said")."""
    doc = parsed.doc
    pos, dep, ent_type = doc.to_array([POS, DEP, ENT_TYPE]).T  # filter on arrays: building Tokens is slow
    named = [doc.vocab.strings[label] for label in NAME_TYPES]
    found = []
    for i in numpy.flatnonzero((pos == PROPN) & numpy.isin(dep, [nsubj, nsubjpass])
                               & ~numpy.isin(ent_type, named)).tolist():
        token = doc[i]
        start = token.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i == token.i \
                and doc[start - 1].dep_ == "compound" and doc[start - 1].ent_type_ not in NAME_TYPES:
            start -= 1
        span = doc[start : token.i + 1]
        if not (2 <= len(span) <= 3 and all(_CAPITALISED.match(t.text) for t in span)):
            continue
        alone = len(re.findall(rf"(?<![\w'’-]){re.escape(token.text)}(?![\w-])", parsed.text)) \
            - parsed.text.count(span.text)
        described = any(c.dep_ == "appos" and is_role_head(c) for c in token.children)  # "X, the negotiator,"
        if token.head.lemma_ in SPEECH_VERBS or alone > 0 or described:
            found.append(Span(doc, span.start, span.end, label="PERSON"))
    return found


def _untagged_repeats(parsed: Parsed, ents: list[Span]) -> list[Span]:
    """Occurrences the NER missed of a name it tagged elsewhere in the article, or of a PERSON's surname: the
    small model tags "Stumpf" once and leaves (or dates) it the next time."""
    labels: dict[str, str] = {}
    for ent in ents:
        labels.setdefault(fold_name(strip_article(ent).text), ent.label_)
    for surname in _person_words(ents)[0]:
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
        person = labels[match.group()] == "PERSON"
        if span is None or not any(t.pos_ == "PROPN" or t.pos_ == "NOUN" and (person or not t.is_sent_start)
                                   for t in span):
            continue  # a capitalised "noun": a name the tagger took for a noun (a person's surname, or mid-sentence)
        if all(_CAPITALISED.match(t.text) for t in span if not t.is_punct):
            found.append(Span(parsed.doc, span.start, span.end, label=labels[match.group()]))
    return found


def _trimmed(ent: Span) -> Span | None:
    """A name without the punctuation or possessive ending the NER took with it ("― Ana Kovač", "Tim
    Morrison's"): the possessive is no part of the name."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].tag_ == "POS"):
        end -= 1
    return Span(doc, start, end, label=ent.label_) if start < end else None


def _named_after_place(ent: Span) -> Span:
    """A place name that opens a longer capitalised name is part of it: "the Black Sea Grain Initiative", "the
    Velmora River Authority" (an organisation or programme the NER cut down to its place). Not when the longer
    name's head is a title or an institution word ("Ruritanian President ...", "Velmoran Foreign Ministry": roles
    and institutions read those) or holds another name."""
    doc = ent.doc
    if ent.label_ not in PLACE_LABELS or ent.root.dep_ != "compound" or ent.root.head.i < ent.end:
        return ent
    head = ent.root.head
    between = doc[ent.end : head.i + 1]
    if head.pos_ != "PROPN" or is_role_head(head) or head.lower_ in INSTITUTION_HEADS or any(
            t.ent_iob_ != "O" or t.pos_ != "PROPN" or not _CAPITALISED.match(t.text) for t in between):
        return ent
    return Span(doc, ent.start, head.i + 1, label="ORG")


def _name_mentions(parsed: Parsed) -> list[tuple[Span, str]]:
    ents = [t for e in parsed.doc.ents if e.label_ in NAME_TYPES and (t := _trimmed(e))] + _untagged_people(parsed)
    ents = sorted(map(_named_after_place, ents + _untagged_repeats(parsed, ents)), key=lambda e: e.start)
    surnames, firsts = _person_words(ents)
    person_names = {" ".join(name_parts(e.text)) for e in ents if e.label_ == "PERSON"}
    labelled = [(e, _fixed_label(e, surnames, firsts, person_names)) for e in ents]
    # the same string carries one label in a document: its majority label
    votes: dict[str, Counter[str]] = {}
    for ent, label in labelled:
        votes.setdefault(fold_name(ent.text), Counter())[label] += 1
    return [(ent, votes[fold_name(ent.text)].most_common(1)[0][0] if label != "PERSON" else label) for ent, label in labelled]


def _cluster_people(people: list[Span]) -> list[Cluster]:
    clusters: list[Cluster] = []
    named = [(s, *person_name(s.text)) for s in sorted(people, key=lambda s: s.start)]
    for span, given, surname in named:
        if not given or surname is None:
            continue
        match = next((c for c in clusters if c.surname and same_surname(c.surname, surname)
                      and any(same_given_name(g, given[0]) for g in c.given)), None)
        if match is None:
            match = Cluster("PERSON", surname=surname, gender=guess_gender([*given, surname]))
            clusters.append(match)
        match.given.add(given[0])
        match.mentions.append((span, "name"))
    for span, given, word in named:
        if given or word is None:
            continue
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
                same = Cluster("PERSON", surname=word, gender=guess_gender([word]))
                clusters.append(same)
            same.mentions.append((span, "name"))
    return clusters


def _cluster_others(named: list[tuple[Span, str]]) -> list[Cluster]:
    by_key: dict[str, Cluster] = {}
    for span, label in named:
        key = fold_name(strip_article(span).text)
        cluster = by_key.setdefault(key, Cluster(label))
        cluster.mentions.append((span, "name"))
    return list(by_key.values())


def _role_gender(span: Span) -> str | None:
    heads = {t.lower_ for t in span if is_role_head(t)}
    return "female" if heads & FEMALE_ROLES else "male" if heads & MALE_ROLES else None


def _bind_roles(parsed: Parsed, clusters: list[Cluster]) -> None:
    """Bind appositive/title roles to people, and mention them where the same role phrase recurs ("The
    official representative ... also stressed")."""
    doc = parsed.doc
    people = [c for c in clusters if c.type == "PERSON"]
    for cluster in people:
        for span, _ in list(cluster.mentions):
            for role in bind_roles(doc, span):
                cluster.roles.append(role)
                cluster.mentions.append((role, "role"))
                cluster.gender = cluster.gender or _role_gender(role)
    bound = {(r.start, r.end) for c in people for r in c.roles}
    known = [(fold_name(role_text(r)), c) for c in people for r in c.roles if len(role_text(r).split()) > 1]
    for role, cluster in known:
        for found in re.finditer(rf"\b{re.escape(role)}\b", parsed.folded):
            span = doc.char_span(found.start(), found.end(), alignment_mode="expand")
            if span is None or (span.start, span.end) in bound:
                continue
            if span.start > 0 and doc[span.start - 1].lower_ == "the":
                span = doc[span.start - 1 : span.end]
            if (span.start, span.end) not in bound and not any(span.start <= b[0] and b[1] <= span.end for b in bound):
                cluster.mentions.append((span, "role"))
                bound.add((span.start, span.end))


def _add_organisation_descriptions(parsed: Parsed, clusters: list[Cluster]) -> None:
    """A description in apposition to an organisation's name ("the al-Qassam Brigades, Hamas' armed wing")
    describes it: the same description elsewhere, before or after ("the armed wing of Hamas"), is that
    organisation."""
    doc = parsed.doc
    described = []
    for cluster in clusters:
        if cluster.type != "ORG":
            continue
        for span, _kind in cluster.mentions:
            appositions = [c for c in span.root.children if c.dep_ == "appos" and c.i >= span.end and c.pos_ == "NOUN"]
            for child in appositions:
                description = doc[child.left_edge.i : child.i + 1]
                if len(content_words(description)) > 1:
                    described.append((content_words(description), (description.start, description.end), cluster))
    if not described:
        return
    for chunk in parsed.the_phrases:
        words = _description_words(chunk)
        for known, (start, end), cluster in described:
            if fold_name(chunk.root.text) in known and (words <= known or known <= words) and not start <= chunk.start < end:
                cluster.mentions.append((chunk, "role"))
                break


# role nouns any role of the same organisation answers to: "the Kremlin official" after "Kremlin spokesman X"
_GENERIC_ROLES = frozenset({"official", "representative", "figure", "aide"})


def _description_words(chunk: Span) -> set[str]:
    """The content words of "the head (of the Wagner Group)": the phrase and an "of" phrase after its noun."""
    words = content_words(chunk)
    doc = chunk.doc
    for child in chunk.root.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            end = child.right_edge.i + 1
            if end < len(doc) and doc[end].ent_iob_ == "B":  # a name the parser cut off the phrase ("the head of
                end = next(e.end for e in doc.ents if e.start == end)  # the Russian paramilitary Wagner Group")
            words |= content_words(doc[child.i : end])
        break
    return words


def _add_descriptions(parsed: Parsed, clusters: list[Cluster]) -> list[Span]:
    """Definite role descriptions ("the (Republican) spokesman"): the person bound to a role of that kind, or
    the unnamed source with that head noun, whichever the text named last (most words in common first); a
    description naming an organisation ("the Kremlin official", "the head of the Wagner Group") goes to the
    person whose role names it.

    Returns the descriptions nothing explains that are the subject of their sentence ("The Indiana governor
    said ..."): left to ``_add_anaphora``.
    """
    bound = {(span.start, span.end) for c in clusters for span, kind in c.mentions if kind == "role"}
    bound_roles = [(r, content_words(r), {t.lower_ for t in r if is_role_head(t)}, c)
                   for c in clusters if c.type == "PERSON" for r in c.roles]
    unnamed = [(span, content_words(span), c) for c in clusters if c.type == UNNAMED for span, _ in c.mentions[:1]]
    organisations = Counter(fold_name(w) for c in clusters if c.type == "ORG" for span, kind in c.mentions if kind == "name"
                            for w in span.text.split())
    descriptions = []
    for chunk in parsed.the_phrases:
        root = chunk.root
        if not is_role_head(root) or chunk[0].lower_ != "the" or root.ent_type_ or any(
                t.ent_type_ == "PERSON" for t in chunk):
            continue
        if any(chunk.start <= b[0] < chunk.end or b[0] <= chunk.start < b[1] for b in bound):
            continue
        words, proper, noun = _description_words(chunk), proper_modifiers(chunk), root.lower_
        owners = []
        for _role, role_words, heads, cluster in bound_roles:
            last = cluster.last_before(chunk.start_char)
            if last < 0 or not proper <= role_words:
                continue
            if noun in heads or any(same_role(noun, h) for h in heads) and (words - {fold_name(noun)}) & role_words \
                    or noun in _GENERIC_ROLES and proper:
                owners.append((len(words & role_words), last, cluster))
        for span, span_words, cluster in unnamed:
            if span.start < chunk.start and same_role(noun, span.root.lower_) and proper <= span_words:
                owners.append((len(words & span_words), cluster.last_before(chunk.start_char), cluster))
        if owners:
            owner = max(owners, key=lambda o: o[:2])[2]
            owner.mentions.append((chunk, "role"))
            bound.add((chunk.start, chunk.end))
        elif main_subject(chunk) and not any(t.ent_type_ == "ORG" and organisations[fold_name(t.text)] > 1
                                             for t in chunk):  # "The FBI director" (the FBI named elsewhere):
            descriptions.append(chunk)  # not whoever was last the subject, but someone of that organisation
    return descriptions


def _add_anaphora(parsed: Parsed, clusters: list[Cluster], descriptions: list[Span]) -> None:
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
    sources = [c for c in clusters if c.type == UNNAMED and not is_plural(c.mentions[0][0])]  # "an official"
    quotes = sorted((q.start, q.end) for q in parsed.quoted if q.depth == 0)  # disjoint
    quote_starts = [start for start, _ in quotes]

    def quote_of(char: int) -> tuple[int, int] | None:
        i = bisect_right(quote_starts, char) - 1
        return quotes[i] if i >= 0 and char < quotes[i][1] else None

    # the window counts the narrator's sentences: a quotation of several sentences is one step back
    narrative = [start for start in parsed.sentence_starts if quote_of(start) is None or quote_of(start)[0] == start]

    def horizon_of(char: int) -> int:
        return narrative[max(0, bisect_right(narrative, char) - 1 - _PRONOUN_WINDOW)] if narrative else 0

    anaphors: list[tuple[Span, str | None, MentionKind]] = [
        (doc[t.i : t.i + 1], PRONOUN_GENDER[t.lower_], "pronoun") for t in tokens_of(doc, PRONOUN_GENDER)
        if t.pos_ == "PRON"
    ] + [(d, _role_gender(d), "role") for d in descriptions]
    for span, gender, kind in sorted(anaphors, key=lambda a: a[0].start):
        start = span.start_char
        horizon = horizon_of(start)
        here = quote_of(start)
        ranked = []
        for cluster in people + sources if kind == "pronoun" else people:
            if gender is not None and cluster.gender not in (gender, None):
                continue
            seen = [s for s, _ in cluster.mentions if horizon <= s.start_char < start
                    and quote_of(s.start_char) in (None, here) and parsed.antecedent(s)]
            if not seen:
                continue
            latest = max(s.start_char for s in seen)
            if kind == "pronoun":
                nearest = parsed.sentence_of(latest)
                subject = any(main_subject(s) for s in seen if parsed.sentence_of(s.start_char) == nearest)
                ranked.append(((cluster.gender == gender, nearest, subject, latest), cluster))
            else:
                subject_at = max((s.start_char for s in seen if main_subject(s)), default=-1)
                if subject_at >= 0:
                    ranked.append(((subject_at, latest), cluster))
        if not ranked:
            continue
        _, owner = max(ranked, key=lambda rc: rc[0])
        owner.gender = owner.gender or gender
        owner.mentions.append((span, kind))


def _add_plural_sources(parsed: Parsed, clusters: list[Cluster]) -> None:
    """"They" as a subject, in the sentence of plural unnamed sources or the next one: those sources
    ("Sources would not say ..., but they said ...")."""
    groups = [c for c in clusters if c.type == UNNAMED and is_plural(c.mentions[0][0])]
    if not groups:
        return
    for token in tokens_of(parsed.doc, ("they",)):
        if token.dep_ not in SUBJECT_DEPS:
            continue
        horizon = parsed.horizon(token.idx, 1)
        seen = [(c.last_before(token.idx), c) for c in groups if c.last_before(token.idx) >= horizon]
        if seen:
            max(seen, key=lambda sc: sc[0])[1].mentions.append((parsed.doc[token.i : token.i + 1], "pronoun"))


# organisations named after a person: "Clinton's campaign" is not Clinton, "the Obama administration" not Obama
PERSONAL_ORGANISATIONS = frozenset({"campaign", "administration", "camp", "team"})


def _add_personal_organisations(parsed: Parsed, clusters: list[Cluster]) -> list[Cluster]:
    """ORG entities for "Donald Trump's campaign", "the Clinton campaign", "his campaign" (one per person and
    noun, named "Trump campaign"), and "the campaign" as a sentence's subject: the campaign of the latest
    main-clause subject that has one, else the latest campaign mentioned, within a few sentences."""
    doc = parsed.doc
    person_at = {t.i: c for c in clusters if c.type == "PERSON" for span, _ in c.mentions for t in span}
    made: dict[tuple[int, str], tuple[Cluster, Cluster]] = {}  # (person, noun) -> (person, organisation)
    bare = []
    for token in tokens_of(doc, PERSONAL_ORGANISATIONS):
        noun = token.lower_
        if token.pos_ != "NOUN":
            continue
        owner_token = next((c for c in token.children if c.dep_ in ("poss", "compound") and c.i in person_at), None)
        if owner_token is None:
            if token.dep_ in SUBJECT_DEPS and token.i > 0 and doc[token.i - 1].lower_ == "the":
                bare.append(doc[token.i - 1 : token.i + 1])
            continue
        owner = person_at[owner_token.i]
        if (id(owner), noun) not in made:
            made[(id(owner), noun)] = owner, Cluster("ORG", name=f"{_entity_name(owner).split()[-1]} {noun}")
        kind: MentionKind = "role" if owner_token.pos_ == "PRON" else "name"
        made[(id(owner), noun)][1].mentions.append((doc[token.left_edge.i : token.i + 1], kind))
    for span in bare:
        horizon = parsed.horizon(span.start_char, _PRONOUN_WINDOW)
        ranked = []
        for (_, noun), (owner, org) in made.items():
            if noun != span.root.lower_:
                continue
            subject_at = max((s.start_char for s, _ in owner.mentions
                              if horizon <= s.start_char < span.start_char and main_subject(s)), default=-1)
            latest = max((s.start_char for s, _ in org.mentions if horizon <= s.start_char < span.start_char),
                         default=-1)
            if max(subject_at, latest) >= 0:
                ranked.append(((subject_at, latest), org))
        if ranked:
            max(ranked, key=lambda r: r[0])[1].mentions.append((span, "role"))
    return [org for _, org in made.values()]


# nouns that can refer back to any organisation: "the organisation", "the newspaper" (after "The Courier")
GENERIC_ORGANISATIONS = frozenset({
    "organisation", "organization", "company", "firm", "body", "institution", "newspaper", "paper", "daily",
    "publication", "magazine", "outlet", "network", "channel", "station", "website", "watchdog", "regulator",
    "bloc", "alliance", "union",
})


def _add_organisation_references(parsed: Parsed, clusters: list[Cluster]) -> None:
    """"The commission" after "the Commission on Presidential Debates": the organisation last named with
    those words; a generic "the organisation" or "the newspaper" with no such words: the organisation last
    named within a few sentences. "It" as the subject of a verb right after a sentence whose main subject was an organisation: that
    organisation ("The ministry said ... It added ...")."""
    orgs = [c for c in clusters if c.type == "ORG"]
    vocabulary = {id(c): {w for span, kind in c.mentions if kind == "name" and len(span) > 1
                          for w in fold_name(span.text).split()} for c in orgs}
    named_orgs = [c for c in orgs if any(kind == "name" for _, kind in c.mentions)]
    for chunk in parsed.the_phrases:
        root = chunk.root
        if (chunk[0].lower_ != "the" or root.pos_ != "NOUN" or root.lower_ in PERSONAL_ORGANISATIONS
                or root.lower_ in INSTITUTION_HEADS or is_role_head(root) or any(t.ent_type_ for t in chunk)
                or chunk.end != root.i + 1):
            continue
        words = content_words(chunk)
        named = [c for c in orgs if words <= vocabulary[id(c)] and c.last_before(chunk.start_char) >= 0]
        if not named and len(chunk) == 2 and root.lower_ in GENERIC_ORGANISATIONS:  # "the organisation said":
            horizon = parsed.horizon(chunk.start_char, _PRONOUN_WINDOW)  # named in an earlier sentence
            sentence = parsed.horizon(chunk.start_char, 0)
            named = [c for c in named_orgs if horizon <= c.last_before(sentence)]
        if named:
            max(named, key=lambda c: c.last_before(chunk.start_char)).mentions.append((chunk, "role"))
    for token in tokens_of(parsed.doc, ("it",)):
        if token.dep_ != "nsubj" or token.head.pos_ != "VERB" or token.head.lemma_ == "be":
            continue
        horizon = parsed.horizon(token.idx, 1)
        subjects = [(max(at), c) for c in orgs if (at := [span.start_char for span, _ in c.mentions
                                                           if horizon <= span.start_char < token.idx
                                                           and main_subject(span)])]
        if subjects:
            max(subjects, key=lambda sc: sc[0])[1].mentions.append((parsed.doc[token.i : token.i + 1], "pronoun"))


def _entity_name(cluster: Cluster) -> str:
    if cluster.name:
        return cluster.name
    names = [span for span, kind in cluster.mentions if kind == "name"] or [s for s, _ in cluster.mentions]
    counts = Counter(_POSSESSIVE.sub("", strip_article(s).text) for s in names)
    return max(counts, key=lambda text: (len(text.split()), counts[text], -len(text)))


def find_entities(doc: Doc, zones: Sequence[Zone] = (), quoted: Sequence[Quoted] | None = None) -> list[Entity]:
    """The article's entities, one per referent, each with its name/short_name/role/pronoun mentions.

    Person labels are fixed by document consistency (a word that is some PERSON's surname here is that
    PERSON), spelling variants of a name are merged diacritics-insensitively (Alexander/Aleksandar Vučić),
    roles are bound by apposition and titles, pronouns and unexplained role descriptions go to a compatible
    preceding person, organisations named after a person ("Trump's campaign") are entities of their own, and
    "the commission"/"it" refer back to organisations. ``quoted`` (the quotations stage's segments, found here
    when not given) keeps anaphora from crossing a quotation's edge. See docs/attribution.md.
    """
    parsed = Parsed.of(doc, zones, quoted)
    named = _name_mentions(parsed)
    institutions = find_institutions(parsed, [(s.text, label) for s, label in named if label in ("GPE", "NORP")])
    inside = {i for c in institutions for span, _ in c.mentions for i in range(span.start, span.end)}
    # a name inside an institution's mention is that institution, unless it is its place or a person
    named = [(s, label) for s, label in named if label == "PERSON" or label in PLACE_LABELS or s.root.i not in inside]
    crowds = find_crowds(parsed)
    protests = {span.start for c in crowds for span, _ in c.mentions}
    named = [(s, label) for s, label in named if s.root.i not in protests]  # "Protests" the NER took for a name
    clusters = _cluster_people([s for s, label in named if label == "PERSON"])
    clusters += _cluster_others([(s, label) for s, label in named if label != "PERSON"]) + institutions
    _bind_roles(parsed, clusters)
    _add_organisation_descriptions(parsed, clusters)
    clusters += find_unnamed(parsed, clusters) + crowds
    _add_anaphora(parsed, clusters, _add_descriptions(parsed, clusters))
    _add_plural_sources(parsed, clusters)
    clusters += _add_personal_organisations(parsed, clusters)
    _add_organisation_references(parsed, clusters)
    clusters += find_documents(parsed, clusters)
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
