"""The quote rules: direct quotes, reported speech and statement anaphora over the dependency parse.

Each rule yields a ``Found`` attribution with token spans; ``find_quotes`` resolves speakers and builds
``Quote`` records. Patterns:

- direct: a quoted segment plus a speech verb outside it in the same sentence ("“…,” Zakharova added",
  "She said: “…”"); a quote-only paragraph after a quote continues that speaker (no cue); a quotation
  followed on its line by a dash and a name ("“…” ― Ana Kovač", quote lists);
- indirect: "X said/stressed/... (that) CLAUSE", "CLAUSE, X said", "X announced OBJECT";
- "according to X, CLAUSE"; "in X's opinion/view, CLAUSE";
- anaphoric statements: "Such a statement was made by X" / "This was announced by X" / "X made this
  statement": the content is the previous sentence;
- mixed: indirect content that contains a quoted fragment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from newsline.analysis.doctext import text_of
from newsline.analysis.quotes.cues import (
    ANAPHORIC_SUBJECTS, ATTITUDE_NOUNS, ATTITUDE_VERBS, CLAIM_NOUNS, DIRECTIVE_VERBS, OBJECT_CONTENT_VERBS,
    OPINION_NOUNS, PREPOSITIONAL_CUES, RELAY_VERBS, SPEECH_VERBS, STATEMENT_NOUNS, STATEMENT_VERBS,
)
from newsline.analysis.quotations import Quoted
from newsline.analysis.tokens import lemmas_of, that_clause, tokens_of
from newsline.model import QuoteKind

# Hand-set (no tuning recorded): MIN_DIRECT_WORDS, which `newsline bench attribution` (PolNeAR dev) measures, and
# the confidences, a ranking of the rules (docs/attribution.md, checked by tests/test_documented_constants.py),
# not calibrated probabilities: PolNeAR dev scores the spans the rules find, not these values.
MIN_DIRECT_WORDS = 4  # shorter quoted fragments are scare quotes or quoted terms, not a quotation on their own
CUED = 0.9  # a direct quote with its cue or introduction ("X said:", "- Name")
REPORTED = 0.8  # reported speech by rule ("X said that ...", "according to X", a headline's "X says")
ANAPHORIC = 0.7  # a statement whose source is named apart from it ("This was stated by X", "X's claim that")
CONTINUATION = 0.6  # a quotation with no cue that continues the one before
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_TRIM = frozenset({",", ";", ":", "—", "–", "-"})
_VERB_POS = ("VERB", "AUX")


@dataclass(slots=True)
class Found:
    """One attribution found by a rule; spans are token ranges ``(start, end)`` of the Doc."""

    kind: QuoteKind
    content: tuple[int, int]
    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    confidence: float
    continues: Found | None = None  # a cue-less continuation takes its speaker from this earlier quote


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Strip surrounding spaces, commas, dashes and the sentence's final stop from a token range."""
    while start < end and (doc[start].is_space or doc[start].text in _TRIM):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in _TRIM or doc[end - 1].text in ".!?"):
        end -= 1
    return start, end


def _content(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A reported clause without a leading conjunction ("But ...") or a trailing ", according to X"."""
    start, end = _trim(doc, start, end)
    while start < end and doc[start].dep_ == "cc":
        start += 1
    for token in doc[start:end]:
        if token.lower_ == "according" and token.i > start and doc[token.i - 1].text == "," \
                and token.right_edge.i + 1 >= end:
            end = token.i - 1
            break
    return _trim(doc, start, end)


def _subtree(token: Token, minus: Token | None = None) -> tuple[int, int]:
    """The token range of ``token``'s subtree, leaving out the part before or after ``minus``'s subtree."""
    start, end = token.left_edge.i, token.right_edge.i + 1
    if minus is not None:
        m_start, m_end = minus.left_edge.i, minus.right_edge.i + 1
        if m_start <= start:
            start = max(start, m_end)
        elif m_end >= end:
            end = min(end, m_start)
    return _trim(token.doc, start, end)


def _cue_span(verb: Token) -> tuple[int, int]:
    """The verb with its nearby auxiliaries, negation and particle: "has learned", "did not say", "pointed out"."""
    parts = [verb.i] + [
        c.i for c in verb.children
        if c.dep_ in ("aux", "auxpass", "neg") and verb.i - 3 <= c.i < verb.i or c.dep_ == "prt" and c.i <= verb.i + 2
    ]
    return min(parts), max(parts) + 1


def _subject(verb: Token, passive: bool = False) -> Token | None:
    """The speaker of ``verb``: its subject, a passive agent, the person a relay quotes ("Bloomberg quotes
    Kuleba", "Reuters quoted him as saying", "Kuleba was quoted as saying"), or the subject of the verb it is
    coordinated with or that its participle, infinitive or "by saying" depends on ("... and added", "..., adding
    that ...", "X called on them to stop ..., while reiterating ...",
    "Bailey replied by saying ..."; a passive subject there too: "X was seen ... and has confirmed")."""
    if verb.lemma_.lower() in RELAY_VERBS:
        relayed = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if relayed is not None:
            return relayed
    subjects = ("nsubj", "csubj", "nsubjpass") if passive else ("nsubj", "csubj")
    for child in verb.children:
        if child.dep_ in subjects and child.lower_ not in ANAPHORIC_SUBJECTS:
            return child.head.head if child.tag_ == "WDT" or child.lower_ in ("who", "which") else child
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    if (verb.dep_ in ("conj", "xcomp") or verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VB")) \
            and verb.head.pos_ in ("VERB", "AUX") and verb.head is not verb:
        return _subject(verb.head, passive=True)
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head.head, passive=True)
    if verb.dep_ == "relcl":
        return verb.head
    return None


def relayed_source(doc: Doc, cue: tuple[int, int]) -> tuple[int, int] | None:
    """The person a relay's cue quotes ("Bloomberg quotes Kuleba": Kuleba), whom the relay only credits."""
    verb = doc[cue[0] : cue[1]].root
    if verb.lemma_.lower() not in RELAY_VERBS:
        return None
    relayed = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    return _source_span(relayed) if relayed is not None else None


def _source_span(token: Token) -> tuple[int, int]:
    """A speaker's noun phrase without relative clauses or trailing appositives' punctuation."""
    doc = token.doc
    start, end = token.left_edge.i, token.right_edge.i + 1
    for child in token.children:
        if child.dep_ in ("relcl", "acl") and child.i > token.i:
            end = min(end, child.left_edge.i)
    return _trim(doc, start, end)


def overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    """Whether two token ranges (either possibly missing) share a token."""
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def cue_subject(doc: Doc, cue: tuple[int, int], content: tuple[int, int]) -> tuple[int, int] | None:
    """The source phrase of a cue found without one: the subject of the cue's verb, outside the content."""
    subject = _subject(doc[cue[0] : cue[1]].root)
    if subject is None or subject.pos_ == "PRON" and subject.lower_ in ("i", "we", "you", "it"):
        return None
    source = _source_span(subject)
    return None if overlaps(source, content) or overlaps(source, cue) or source[0] >= source[1] else source


def _is_speech_verb(token: Token) -> bool:
    if token.lemma_.lower() not in SPEECH_VERBS or token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = token.lemma_.lower()
    if lemma in PREPOSITIONAL_CUES:  # "pointed out", "points to low growth", "pressed him on the deficit"
        return any(c.dep_ == "prt" and c.lower_ == "out" or c.dep_ == "prep" and c.lower_ in PREPOSITIONAL_CUES[lemma]
                   for c in token.children)
    return True


def _inside(i: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= i < b for a, b in spans)


def quote_kind(doc: Doc, content: tuple[int, int], quoted: Sequence[Quoted]) -> QuoteKind:
    start, end = doc[content[0]].idx, doc[content[1] - 1].idx + len(doc[content[1] - 1])
    inner = [q for q in quoted if q.depth == 0 and start <= q.start + 1 and q.end - 1 <= end]
    if not inner:
        return "indirect"
    covered = sum(q.end - q.start for q in inner)
    return "direct" if covered >= 0.8 * (end - start) else "mixed"  # hand-set (no tuning recorded)


def _token_range(doc: Doc, quote: Quoted) -> tuple[int, int] | None:
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else None


def _direct(doc: Doc, quoted: Sequence[Quoted], used: set[int]) -> list[Found]:
    found: list[Found] = []
    previous: Found | None = None
    for quote in (q for q in quoted if q.depth == 0):
        rng = _token_range(doc, quote)
        if rng is None or sum(1 for t in doc[rng[0] : rng[1]] if t.is_alpha) < MIN_DIRECT_WORDS:
            continue
        first, last = doc[rng[0]].sent, doc[rng[1] - 1].sent
        window = list(range(first.start, first.end)) + list(range(last.start, last.end))
        verbs = [doc[i] for i in dict.fromkeys(window) if not rng[0] <= i < rng[1] and _is_speech_verb(doc[i])]
        verbs = [v for v in verbs if _subject(v) is not None and v.i not in used and not reports_other(v, rng)]
        if verbs:
            verb = min(verbs, key=lambda v: min(abs(v.i - rng[0]), abs(v.i - rng[1])))
            used.add(verb.i)
            subject = _subject(verb)
            assert subject is not None
            content = _complement_around(verb, rng) or rng
            kind = quote_kind(doc, content, quoted) if content != rng else "direct"
            current = Found(kind, content, _source_span(subject), _cue_span(verb), CUED)
        elif (introduced := _introduction(doc, quote)) is not None:
            current = Found("direct", rng, introduced[0], introduced[1], CUED)
        elif previous is not None and _paragraph_opens_with(doc, rng[0]) and _near(doc, previous, rng[0]):
            current = Found("direct", rng, None, None, CONTINUATION, continues=previous)
        else:
            previous = None
            continue
        found.append(current)
        previous = current
    return found


# "Quote from Ana Kovač: “…”": a label naming the speaker, then a colon, opening the quotation's line
_INTRODUCTION = re.compile(r"(?P<cue>\b(?:quotes?|statement|words|comments?|remarks?|message)[^\S\n]+(?:from|by|of)"
                           r"[^\S\n]+)(?P<name>[A-Z][\w'’.-]*(?:[^\S\n]+[A-Z][\w'’.-]*){0,3})[^\S\n]*:[^\S\n]*$",
                           re.IGNORECASE)


def _introduction(doc: Doc, quote: Quoted) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The source and cue of a quotation its line introduces with "Quote from NAME:"."""
    text = text_of(doc)
    line_start = text.rfind("\n", 0, quote.start) + 1
    match = _INTRODUCTION.search(text, line_start, quote.start)
    if match is None or not match.group("name")[:1].isupper():
        return None
    name = doc.char_span(match.start("name"), match.end("name"), alignment_mode="contract")
    cue = doc.char_span(match.start("cue"), match.end("cue"), alignment_mode="contract")
    if name is None or cue is None or not len(name) or not len(cue):
        return None
    return (name.start, name.end), (cue.start, cue.end)


# “…” ― Ana Kovač: a closing mark, a dash and one to four capitalised words ending the line
_DASH_CREDIT = re.compile(r"""(?P<close>[”"’»])[^\S\n]*(?P<dash>[―—–-])[^\S\n]*"""
                          r"(?P<name>[A-Z][\w'’.-]*(?:[^\S\n]+[A-Z][\w'’.-]*){0,3}?)\.?[^\S\n]*$", re.MULTILINE)


def _dash_credits(doc: Doc, quoted: Sequence[Quoted]) -> list[Found]:
    """Quote lists: a quotation followed on its line by a dash and the speaker's name, without a verb."""
    ends = {q.end: q for q in quoted if q.depth == 0}
    found = []
    for match in _DASH_CREDIT.finditer(text_of(doc)):
        quote = ends.get(match.end("close"))
        content = _token_range(doc, quote) if quote is not None else None
        name = doc.char_span(match.start("name"), match.end("name"), alignment_mode="contract")
        dash = doc.char_span(match.start("dash"), match.end("dash"), alignment_mode="expand")
        if content is None or name is None or dash is None or len(name) == 0 \
                or sum(1 for t in doc[content[0] : content[1]] if t.is_alpha) < MIN_DIRECT_WORDS:
            continue
        found.append(Found("direct", content, (name.start, name.end), (dash.start, dash.end), CUED))
    return found


def reports_other(verb: Token, quote: tuple[int, int]) -> bool:
    """Whether a verb of saying reports a clause of its own that leaves the quotation out ("“…” Analysts have
    been saying that ...": not the quotation's cue)."""
    return any(c.dep_ == "ccomp" and not (c.left_edge.i <= quote[0] and quote[1] <= c.right_edge.i + 1)
               and not quote[0] <= c.i < quote[1] for c in verb.children)


def _complement_around(verb: Token, quote: tuple[int, int]) -> tuple[int, int] | None:
    """The verb's clausal complement, or the objects of a verb whose object is what was said ("He highlighted A, B
    and C “...”"), when it holds the quote plus words of the reporter's own (mixed speech)."""
    complement = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    around = _subtree(complement) if complement is not None else _objects_said(verb)
    if around is None:
        return None
    start, end = around
    while end < quote[1] and verb.doc[end].is_punct:  # a closing quotation mark the parser hung from the verb
        end += 1
    if not (start <= quote[0] and quote[1] <= end):
        return None
    outside = [t for t in verb.doc[start:end] if not quote[0] <= t.i < quote[1] and not t.is_punct
               and t.dep_ != "mark"]
    return (start, end) if len(outside) >= 2 else None


def _objects_said(verb: Token) -> tuple[int, int] | None:
    """The token range of a verb's objects when its object is what was said ("He highlighted A, B and C")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects or verb.lemma_.lower() not in OBJECT_CONTENT_VERBS:
        return None
    return objects[0].left_edge.i, objects[-1].right_edge.i + 1


def _paragraph_opens_with(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is the first non-space token of a paragraph (or of the text)."""
    j = i - 1
    while j >= 0 and doc[j].is_space:
        if "\n" in doc[j].text:
            return True
        j -= 1
    return j < 0 or "\n" in doc[j].whitespace_


def _near(doc: Doc, previous: Found, i: int) -> bool:
    """At most one paragraph lies between the previous quote's end and token ``i``."""
    gap = doc[previous.content[1] - 1 : i].text
    return gap.count("\n\n") + gap.count("\r\n\r\n") <= 1 or gap.count("\n") <= 2


def _reported(doc: Doc, quoted: Sequence[Quoted], used: set[int], taken: list[tuple[int, int]]) -> list[Found]:
    found = []
    quotations = [r for q in quoted if q.depth == 0 and (r := _token_range(doc, q)) is not None]
    for verb in lemmas_of(doc, SPEECH_VERBS, _VERB_POS):
        if verb.i in used or not _is_speech_verb(verb) or _inside(verb.i, taken) and not (
                _inside(verb.i, quotations) and _explicit_speaker(verb)):
            continue  # inside a quotation only with a speaker of its own ("“... when he says that ...”")
        subject = _subject(verb)
        if subject is None or subject.pos_ == "PRON" and subject.lower_ in ("i", "we", "you"):
            continue
        complement = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if complement is not None and _misread_final(complement) is not None:
            continue  # its clause is what the complement's verb reports (found with that verb)
        anchor = verb
        while anchor.dep_ == "xcomp" and anchor.head is not anchor:  # "he went on to say"
            anchor = anchor.head
        if complement is not None:
            content = _content(doc, *_subtree(complement))
        elif (said := _objects_said(verb)) is not None:  # "He highlighted A, B and C"
            content = _content(doc, *said)
        elif (directive := _directive(verb)) is not None:
            content = directive
        elif (attitude := _attitude(verb)) is not None:
            content = attitude
        elif (topic := _topic(verb)) is not None:
            content = topic
        elif anchor.dep_ == "parataxis" and anchor.head.pos_ in ("VERB", "AUX"):
            content = _content(doc, *_subtree(anchor.head, minus=anchor))  # "Serbia will act, he said."
        elif (clause := _misread_final(verb)) is not None:  # up to the comma before the speaker
            content = _content(doc, _subtree(clause, minus=verb)[0], subject.left_edge.i)
        else:
            continue
        source = _source_span(subject)
        if content[0] >= content[1] or overlaps(source, content):
            continue
        used.add(verb.i)
        taken.append(content)
        found.append(Found(quote_kind(doc, content, quoted), content, source, _cue_span(verb), REPORTED))
    return found


def _misread_final(verb: Token) -> Token | None:
    """The verb of the clause a reporting clause after it reports, when the parser made the reporting clause that
    clause's complement or a relative clause of its last noun: "the parties have agreed to a truce, Ruritanian and
    Tarnish mediators announced on Saturday" (a verb of saying after a comma, with its own subject, no relative
    pronoun and no object or clause of its own). None when ``verb`` is not such a clause."""
    if verb.dep_ not in ("ccomp", "relcl") or verb.head.i > verb.i or not _is_speech_verb(verb):
        return None
    subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    if subject is None or subject.i > verb.i or subject.left_edge.i == 0 or subject.tag_ in ("WDT", "WP") \
            or subject.lower_ == "that" or verb.doc[subject.left_edge.i - 1].text != "," \
            or any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children):
        return None
    clause = verb.head
    while clause.pos_ not in _VERB_POS and clause.head is not clause:
        clause = clause.head
    return clause if clause.pos_ in _VERB_POS else None


def _explicit_speaker(verb: Token) -> bool:
    """A verb of saying with its own subject and clause: a nested attribution, not a word of the outer one."""
    return any(c.dep_ == "nsubj" and c.lower_ not in ANAPHORIC_SUBJECTS | {"i", "we", "you"} for c in verb.children) \
        and any(c.dep_ == "ccomp" for c in verb.children)


def _topic(verb: Token) -> tuple[int, int] | None:
    """What a prepositional cue is about: "points to low growth", "pressed by a reporter on what has gone
    wrong"."""
    prepositions = PREPOSITIONAL_CUES.get(verb.lemma_.lower(), ())
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in prepositions), None)
    if prep is None or not prep.n_rights:
        return None
    return _content(verb.doc, prep.i + 1, prep.right_edge.i + 1)


def _attitude(verb: Token) -> tuple[int, int] | None:
    """What an attitude voiced is about: "expressed skepticism about Borduria's desire to ...", "voiced
    concern over the delays"."""
    if verb.lemma_.lower() not in ATTITUDE_VERBS:
        return None
    noun = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ in ATTITUDE_NOUNS), None)
    if noun is None:
        return None
    about = next((c for c in list(noun.children) + list(verb.children) if c.dep_ == "prep"
                  and c.lower_ in ("about", "over", "on", "regarding", "at") and c.i > noun.i), None)
    if about is not None and about.n_rights:
        return _content(verb.doc, about.i + 1, about.right_edge.i + 1)
    clause = that_clause(noun)
    return _content(verb.doc, *_subtree(clause)) if clause is not None else None


def _directive(verb: Token) -> tuple[int, int] | None:
    """What a directive asks for: "called for a ceasefire", "called on Borduria to withdraw", "urged the
    council to act" (the addressee and the infinitive clause)."""
    if verb.lemma_.lower() not in DIRECTIVE_VERBS:
        return None
    doc = verb.doc
    clause = next((c for c in verb.children if c.dep_ in ("xcomp", "advcl")
                   and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)), None)
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "on"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if child.lower_ == "for" and objects:
                return _content(doc, objects[0].left_edge.i, child.right_edge.i + 1)
            if objects and clause is not None and clause.i > objects[0].i:
                return _content(doc, objects[0].left_edge.i, clause.right_edge.i + 1)
        if child.dep_ == "dobj" and clause is not None and clause.i > child.i:
            return _content(doc, child.left_edge.i, clause.right_edge.i + 1)
    return None


def _clause_minus(phrase: Token) -> tuple[int, int] | None:
    """The clause a fronted/trailing phrase ("According to him, ...") modifies, without the phrase."""
    head = phrase.head
    while head.dep_ not in ("ROOT", "ccomp", "conj") and head.head is not head:
        head = head.head
    content = _content(phrase.doc, *_subtree(head, minus=phrase))
    return content if content[0] < content[1] else None


def _according(doc: Doc, quoted: Sequence[Quoted], taken: list[tuple[int, int]]) -> list[Found]:
    found = []
    lower, lemma = doc.to_array([LOWER, LEMMA]).T
    wanted = [doc.vocab.strings[word] for word in OPINION_NOUNS | {"according"}]
    for i in numpy.flatnonzero(numpy.isin(lower, wanted) | numpy.isin(lemma, wanted)).tolist():
        token = doc[i]
        if _inside(token.i, taken):
            continue
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
            if not objects or _is_speech_verb(token.head) and any(c.dep_ == "nsubj" for c in token.head.children):
                continue  # "..., X said, according to a translation by Y": a credit, X is the speaker
            content = _clause_minus(token)
            cue = (token.i, token.i + 2)
            source = _source_span(objects[0])
        elif token.lemma_.lower() in OPINION_NOUNS and token.head.lower_ == "in":
            owner = [c for c in token.children if c.dep_ == "poss"] or [
                o for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                for o in p.children if o.dep_ == "pobj"
            ]
            if not owner:
                continue
            content = _clause_minus(token.head)
            cue = (token.head.i, token.i + 1)
            source = _source_span(owner[0])
        else:
            continue
        if content is None:
            continue
        taken.append(content)
        found.append(Found(quote_kind(doc, content, quoted), content, source, cue, REPORTED))
    return found


def _previous_sentence(doc: Doc, sent: Span) -> tuple[int, int] | None:
    sentences = [s for s in doc.sents if s.end <= sent.start and not all(t.is_space for t in s)]
    if not sentences:
        return None
    content = _trim(doc, sentences[-1].start, sentences[-1].end)
    return content if content[0] < content[1] else None


def _statements(doc: Doc, quoted: Sequence[Quoted], taken: list[tuple[int, int]], used: set[int]) -> list[Found]:
    """"Such a statement was made by X", "This was announced by X", "X made this statement"."""
    found = []
    for verb in lemmas_of(doc, STATEMENT_VERBS | SPEECH_VERBS, _VERB_POS):
        if verb.i in used or _inside(verb.i, taken):
            continue
        lemma = verb.lemma_.lower()
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        agents = [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]

        def anaphoric(noun: Token) -> bool:
            return noun.lower_ in ANAPHORIC_SUBJECTS or (
                noun.lemma_.lower() in STATEMENT_NOUNS
                and any(c.lower_ in ("such", "this", "that", "these", "those") for c in noun.children)
            )

        if subjects and agents and anaphoric(subjects[0]) and (lemma in STATEMENT_VERBS or _is_speech_verb(verb)):
            source_token = agents[0]
        elif objects and anaphoric(objects[0]) and objects[0].lower_ not in ANAPHORIC_SUBJECTS \
                and lemma in STATEMENT_VERBS and _subject(verb) is not None:
            source_token = _subject(verb)
        else:
            continue
        assert source_token is not None
        content = _previous_sentence(doc, verb.sent)
        if content is None:
            continue
        used.add(verb.i)
        found.append(Found(quote_kind(doc, content, quoted), content, _source_span(source_token), _cue_span(verb),
                           ANAPHORIC))
    return found


def _claims(doc: Doc, quoted: Sequence[Quoted], taken: list[tuple[int, int]]) -> list[Found]:
    """"amid reports that he was killed", "Kovač's claim that the port was unsafe": the noun's "that" clause,
    said by its possessor, or by the reports themselves when they are indefinite (unnamed sources)."""
    found = []
    for noun in tokens_of(doc, CLAIM_NOUNS | {w + "s" for w in CLAIM_NOUNS}):
        clause = that_clause(noun) if noun.pos_ == "NOUN" else None
        if clause is None or _inside(noun.i, taken):
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is not None:
            source = _source_span(owner)
        elif noun.tag_ == "NNS" and not any(c.dep_ == "det" and c.lower_ in ("the", "these", "those")
                                             for c in noun.children):
            source = (noun.left_edge.i, noun.i + 1)
        else:
            continue
        content = _content(doc, *_subtree(clause))
        while content[0] < content[1] and doc[content[0]].dep_ == "mark":
            content = (content[0] + 1, content[1])
        if content[0] < content[1]:
            taken.append(content)
            found.append(Found(quote_kind(doc, content, quoted), content, source, (noun.i, noun.i + 1), ANAPHORIC))
    return found


def find_attributions(doc: Doc, quoted: Sequence[Quoted]) -> list[Found]:
    """Every attribution the rules find in ``doc`` (whose quotations are ``quoted``), in text order."""
    used: set[int] = set()
    credited = _dash_credits(doc, quoted)
    direct = [f for f in _direct(doc, quoted, used) if not any(overlaps(f.content, c.content) for c in credited)]
    direct = sorted(direct + credited, key=lambda f: f.content)
    taken = [f.content for f in direct]
    found = direct + _statements(doc, quoted, taken, used)
    found += _according(doc, quoted, taken)
    found += _reported(doc, quoted, used, taken)
    found += _claims(doc, quoted, taken)
    return sorted(found, key=lambda f: f.content)
