"""Russian quotes and reported speech, with their speakers.

Direct: a quotation («...», „...“, “...”, "...") next to a speech verb: «...», — заявил X; X сказал: «...»; a
quotation split by its cue ("..., - подчеркнул X. - ..."), whose second part is the same speaker's.
Indirect: a speech verb's "что" clause (X заявил, что ...), its "о"-complement (X заявил о прекращении ...),
content before the cue (..., заявил X), "по словам X, ...", "как отметил X, ...", a cataphoric "Об этом заявил
X" or "Соответствующее заявление сделал X" for the sentence before, and a headline "X: ...".

Speakers: the verb's subject. A name is its entity; a role ("пресс-секретарь президента") is the person the
article gave that role, else the last speaker; a pronoun (он, она, его) is the last speaker of its gender, else
the last person of its gender named before it; an institution (Кремль, "в Кремле") speaks for itself.
A relay ("сообщают «Известия»", "передает ТАСС") credits a source and is no quote of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsline.analysis.lang.ru.entities import Found
from newsline.analysis.lang.ru.lexicon import (
    ACCORDING_TO, CUE_VERBS, DIRECTIVES, PRONOUNS, RELAY_VERBS, ROLE_NOUNS, ROLE_SYNONYMS, SPEECH_NOUNS,
)
from newsline.analysis.lang.ru.parse import Parsed, Token
from newsline.model import Entity, Mention, Quote, Span, Zone

_DASH = "-—–"
_PAIRS = {"«": "»", "„": "“", "“": "”"}
_TRAILING = " \t,.;:—–-"
# Hand-set (no tuning recorded); `newsline bench crosslingual` (crosslingual dev: quote recall,
# speakers) measures them.
_MIN_INDIRECT_WORDS = 3  # content before a cue ("..., заявил X") needs this many words to be a statement
_HEADLINE_PREFIX = 60  # characters before the colon of a headline attribution "Песков: ..."
_SUBJECT_RELS = ("nsubj", "nsubj:pass")
_CATAPHORA_REACH = 10  # tokens from the sentence start to the verb of "Об этом (...) заявил X"


@dataclass(slots=True)
class _Quotation:
    open: int  # index of the opening mark
    close: int  # index of the closing mark


def find_quotes(parsed: Parsed, found: Found, zones: list[Zone]) -> list[Quote]:
    """The article's quotes in text order, ids ``q1``, ``q2``..."""
    finder = _Finder(parsed, found, zones)
    finder.direct(quotations(parsed.text))
    finder.indirect()
    finder.headlines()
    return finder.resolve()


def quotations(text: str) -> list[_Quotation]:
    """Quotation mark pairs, outermost only: «» nest; „“, “” and straight quotes pair within a line."""
    found: list[_Quotation] = []
    for line in re.finditer(r"[^\n]+", text):
        s, base = line.group(), line.start()
        depth, opened, covered = 0, -1, []
        for i, c in enumerate(s):
            if c == "«":
                if depth == 0:
                    opened = i
                depth += 1
            elif c == "»" and depth:
                depth -= 1
                if depth == 0:
                    covered.append((opened, i))
        outside = [i for i in range(len(s)) if not any(a <= i <= b for a, b in covered)]
        straight = [i for i in outside if s[i] == '"']
        pairs = list(zip(straight[::2], straight[1::2]))
        for i in outside:
            if s[i] in ("„", "“") and not any(a <= i <= b for a, b in pairs):
                j = s.find(_PAIRS[s[i]], i + 1)
                if j > 0:
                    pairs.append((i, j))
        for a, b in sorted(covered + pairs):
            if not found or base + a > found[-1].close:
                found.append(_Quotation(base + a, base + b))
    return found


@dataclass(slots=True)
class _Candidate:
    """A quote found by a rule, its speaker still to resolve (in text order, so that "the last speaker" is)."""

    kind: str
    start: int
    end: int
    cue: Span | None
    holder: list[Token]  # the subject's (or "по словам X" phrase's) tokens
    verb: Token | None
    speaker: Entity | None = None  # given by the rule (a headline's name)
    follows: _Candidate | None = None  # the first part of a quotation split by its cue


class _Finder:
    def __init__(self, parsed: Parsed, found: Found, zones: list[Zone]) -> None:
        self.p, self.found, self.text, self.zones = parsed, found, parsed.text, zones
        self.candidates: list[_Candidate] = []
        self.used_cues: set[int] = set()  # verb tokens already a quote's cue
        self.speakers: list[tuple[int, Entity]] = []  # (where the attribution is, speaker) of resolved quotes

    # ------------------------------------------------------------------------------------------ direct

    def direct(self, marks: list[_Quotation]) -> None:
        for q in marks:
            start, end = q.open + 1, q.close
            split = self._split(start, end)
            verb = self._cue_after(q.close + 1) or self._cue_before(q.open)
            if verb is None and split is None:
                continue
            if split is not None:
                first_end, inner_verb, second_start = split
                first = self._add("direct", start, first_end, inner_verb)
                self._add("direct", second_start, end, None, follows=first)
                continue
            self._add("direct", start, end, verb)  # type: ignore[arg-type]

    def _cue_after(self, at: int) -> Token | None:
        """The speech verb right after a closing mark and a dash: «...», — заявил X."""
        m = re.match(r"[,.!?…]?\s*[-—–]\s*", self.text[at:at + 6])
        if not m:
            return None
        token = self.p.token_at(at + m.end())
        if token is None:
            return None
        for t in self.p.tokens[token.i:token.i + 3]:  # "— написал он", "— сказал в интервью", "- заключил"
            if self._is_cue(t):
                return t
        return None

    def _cue_before(self, at: int) -> Token | None:
        """The speech verb of the clause that ends in a colon before the opening mark: X сказал: «...»."""
        before = self.text[max(0, at - 3):at]
        if ":" not in before:
            return None
        token = self.p.token_at(self.text.rfind(":", 0, at))
        if token is None:
            return None
        sent = self.p.sents[token.sent]
        for t in reversed(self.p.tokens[sent.start:token.i]):
            if self._is_cue(t):
                return t
        return None

    def _split(self, start: int, end: int) -> tuple[int, Token, int] | None:
        """A quotation split by its cue: "first part, - подчеркнул X. - second part"."""
        for m in re.finditer(r"[,.!?…]?\s+[-—–]\s+(?=\w)", self.text[start:end]):
            token = self.p.token_at(start + m.end())
            if token is None or not self._is_cue(token):
                continue
            rest = re.search(r"[.,]\s+[-—–]\s+", self.text[start + m.end():end])
            if rest is None:
                return None
            return start + m.start(), token, start + m.end() + rest.end()
        return None

    # ------------------------------------------------------------------------------------------ indirect

    def indirect(self) -> None:
        for s in range(len(self.p.sents)):
            self._according_to(s)
            self._statement_noun(s)
            for t in self.p.tokens[self.p.sents[s].start:self.p.sents[s].stop]:
                if self._is_cue(t) and t.i not in self.used_cues:
                    self._reported(s, t)

    def _reported(self, s: int, verb: Token) -> None:
        sent = self.p.sents[s]
        s_start, s_end = self.p.sent_span(s)
        tokens = self.p.tokens
        if self._relay(verb):
            return
        # "Об этом (в своем Telegram-канале) заявил X", "Соответствующее заявление сделал X": what comes before
        opening = [t.lemma for t in tokens[sent.start:sent.start + 2]]
        if s > 0 and verb.i - sent.start < _CATAPHORA_REACH and (
                opening in (["о", "это"], ["об", "это"], ["о", "этот"]) or opening[:1] in (["это"], ["этот"])):
            self._cataphoric(s, verb)
            return
        # "что" clause: X заявил (журналистам, в интервью ...), что ...
        for t in tokens[verb.i + 1:min(sent.stop, verb.i + 14)]:
            if t.lemma == "что" and t.pos in ("SCONJ", "PRON") and self._governed_by(t, verb):
                after = t.end
                m = re.match(r"\s*,\s*", self.text[after:s_end])
                self._add("indirect", after + (m.end() if m else 0), s_end, verb)
                return
        # "X назвал паранойей заявление ...": the accusative object is what was spoken of
        if verb.lemma in ("назвать", "называть"):
            obj = next((t for t in tokens[verb.i + 1:sent.stop] if t.feats.get("Case") == "Acc"), None)
            if obj is not None:
                self._add("indirect", obj.start, s_end, verb)
            return
        # a directive: X поручил Минобороны быть готовыми ...
        if verb.lemma in DIRECTIVES and verb.i + 1 < sent.stop:
            self._add("indirect", tokens[verb.i + 1].start, s_end, verb)
            return
        # "о"-complement: X заявил о прекращении ...
        nxt = tokens[verb.i + 1] if verb.i + 1 < sent.stop else None
        if nxt is not None and nxt.lemma in ("о", "об") and nxt.i + 1 < sent.stop:
            end = self.text.find(",", nxt.end, s_end)
            self._add("indirect", tokens[nxt.i + 1].start, end if end > 0 else s_end, verb)
            return
        # content before the cue: "..., заявил X" / "... , — уточнили в Кремле"
        prev = tokens[verb.i - 1] if verb.i > sent.start else None
        if prev is not None and (prev.text == "," or prev.text in _DASH):
            cut = prev.start
            while cut > s_start and self.text[cut - 1] in " ,—–-":
                cut -= 1
            if len(self.text[s_start:cut].split()) >= _MIN_INDIRECT_WORDS:
                self._add("indirect", s_start, cut, verb)

    def _cataphoric(self, s: int, verb: Token) -> None:
        """The statement a cataphoric attribution points back to: the sentences before it in its paragraph that
        have a verb and are no dateline or other zone (a statement may run over two)."""
        end = self.p.sent_span(s - 1)[1]
        start = None
        k = s - 1
        while k >= 0:
            a, b = self.p.sent_span(k)
            if "\n" in self.text[b:self.p.sent_span(k + 1)[0]] and start is not None:
                break  # the paragraph began after this sentence
            r = self.p.sents[k]
            has_verb = any(self.p.tokens[i].pos in ("VERB", "AUX") for i in r)
            if not has_verb or any(z.start <= a < z.end for z in self.zones) or \
                    any(c.start <= a < c.end for c in self.candidates):
                break
            start = a
            k -= 1
        if start is not None:
            self._add("indirect", start, end, verb)

    def _statement_noun(self, s: int) -> None:
        """"Соответствующее заявление сделал X" (the sentence before) and "заявление/слова X о том, что ..."."""
        sent = self.p.sents[s]
        tokens = self.p.tokens
        for t in tokens[sent.start:sent.stop]:
            if t.lemma not in SPEECH_NOUNS or t.lemma in ("данные", "информация", "мнение"):
                continue
            head = tokens[t.head] if t.head is not None else None
            if head is not None and head.lemma == "сделать" and t.i - sent.start <= 2 and s > 0:
                if head.i not in self.used_cues:
                    self.used_cues.add(head.i)
                    self._cataphoric(s, head)
                continue
            window = tokens[t.i + 1:min(sent.stop, t.i + 10)]
            people = [x for x in window if x.i in self.found.by_token and self.found.by_token[x.i].type == "PERSON"]
            if not people:
                continue
            for k, x in enumerate(window):
                if x.lemma == "что" or (x.lemma in ("о", "об") and k > 0 and window[k - 1].i in self.found.by_token):
                    holder = [y for y in window[:k] if y.text not in ",«»"]
                    start = x.end
                    m = re.match(r"\s*,?\s*", self.text[start:])
                    s_end = self.p.sent_span(s)[1]
                    start, end = self._trim(start + (m.end() if m else 0), s_end)
                    if end > start and not any(c.start <= start < c.end for c in self.candidates):
                        self.candidates.append(_Candidate("indirect", start, end, Span.of(self.text, t.start, t.end),
                                                          holder, None))
                    break

    def _governed_by(self, t: Token, verb: Token) -> bool:
        """Whether the clause ``t`` introduces hangs from ``verb`` (or the parse left it loose)."""
        head = t.head
        if t.rel == "mark" and head is not None:  # from the clause's own verb up
            head = self.p.tokens[head].head
        for _ in range(6):
            if head is None:
                return True
            if head == verb.i:
                return True
            if self.p.tokens[head].pos == "VERB" and self._is_cue(self.p.tokens[head]) and head != verb.i:
                return False
            head = self.p.tokens[head].head
        return True

    def _according_to(self, s: int) -> None:
        """"По словам X, ...", "По его словам, ...", "Согласно утверждению X, ...", "Как отметил X, ..."."""
        sent = self.p.sents[s]
        s_start, s_end = self.p.sent_span(s)
        tokens = self.p.tokens[sent.start:sent.stop]
        for k, t in enumerate(tokens[:-2]):
            noun = None
            if t.lemma == "по" and tokens[k + 1].lemma in ACCORDING_TO:
                noun = tokens[k + 1]
            elif t.lemma == "по" and tokens[k + 2].lemma in ACCORDING_TO and tokens[k + 1].pos in ("DET", "PRON"):
                noun = tokens[k + 2]  # "по его словам"
            elif t.lemma == "согласно" and tokens[k + 1].lemma in ACCORDING_TO:
                noun = tokens[k + 1]
            elif t.lemma == "как" and self._is_cue(tokens[k + 1]):
                noun = tokens[k + 1]
                self.used_cues.add(noun.i)
            if noun is None:
                continue
            comma = self.text.find(",", noun.end, s_end)
            if comma < 0:
                continue
            holder = [x for x in self.p.tokens[t.i:sent.stop] if x.end <= comma and x.i != t.i]
            start, end = self._trim(comma + 1, s_end)
            if end > start:
                self.candidates.append(_Candidate("indirect", start, end, Span.of(self.text, t.start, noun.end),
                                                  holder, None))
            return

    # ------------------------------------------------------------------------------------------ headlines

    def headlines(self) -> None:
        """"Песков: шансов у сделки нет" on a line of its own among the article's first lines or in a headline."""
        lines = list(re.finditer(r"[^\n]+", self.text))
        heads = {(z.start, z.end) for z in self.zones if z.kind == "headline"}
        for n, line in enumerate(lines):
            if n >= 4 and not any(a <= line.start() < b for a, b in heads):
                break
            m = re.match(rf"\s*([^:«»\"\n]{{2,{_HEADLINE_PREFIX}}}):\s+(\S.*?)[.\s]*$", line.group())
            if not m:
                continue
            names = [e for i, e in self.found.by_token.items()
                     if line.start() + m.start(1) <= self.p.tokens[i].start < line.start() + m.end(1)]
            start, end = line.start() + m.start(2), line.start() + m.end(2)
            if not names or any(c.start <= start < c.end for c in self.candidates):
                continue
            holder = [t for t in self.p.tokens if line.start() + m.start(1) <= t.start < line.start() + m.end(1)]
            self.candidates.append(_Candidate("indirect", start, end, None, holder, None, speaker=names[0]))

    # ------------------------------------------------------------------------------------------ speakers

    def _is_cue(self, t: Token) -> bool:
        return t.lemma in CUE_VERBS and t.pos in ("VERB", "AUX") and t.feats.get("VerbForm") not in ("Inf", "Conv")

    def _relay(self, verb: Token) -> bool:
        """"сообщают «Известия»", "передает ТАСС": an outlet relaying words, a credit."""
        if verb.lemma not in RELAY_VERBS:
            return False
        subject = self._subject(verb)
        if subject is None:
            return False
        entity = self.found.by_token.get(subject.i)
        quoted = self.text[max(0, subject.start - 1):subject.start] in "«\"“"
        return quoted or (entity is not None and entity.type == "ORG")

    def _subject(self, verb: Token) -> Token | None:
        for c in self.p.children[verb.i]:
            if self.p.tokens[c].rel in _SUBJECT_RELS:
                return self.p.tokens[c]
        if verb.rel == "conj" and verb.head is not None:  # "он отметил и добавил"
            return self._subject(self.p.tokens[verb.head])
        return None

    def _add(self, kind: str, start: int, end: int, verb: Token | None,
             follows: _Candidate | None = None) -> _Candidate | None:
        start, end = self._trim(start, end)
        if end <= start or any((c.start, c.end) == (start, end) for c in self.candidates):
            return None
        cue = Span.of(self.text, verb.start, verb.end) if verb is not None else None
        holder: list[Token] = []
        if verb is not None:
            self.used_cues.add(verb.i)
            subject = self._subject(verb)
            if subject is not None:
                holder = [self.p.tokens[i] for i in self.p.subtree(subject.i)
                          if not start <= self.p.tokens[i].start < end]
            else:
                holder = self._obliques(verb)
        candidate = _Candidate(kind, start, end, cue, holder, verb, follows=follows)
        self.candidates.append(candidate)
        return candidate

    def resolve(self) -> list[Quote]:
        """The candidates' speakers, in text order, as quotes ``q1``, ``q2``..."""
        quotes: list[Quote] = []
        speakers: dict[int, Entity | None] = {}
        for c in sorted(self.candidates, key=lambda c: (c.start, c.end)):
            if c.follows is not None:
                entity = speakers.get(id(c.follows))
            else:
                entity = c.speaker or (self._speaker_among(c.holder) if c.holder else None)
                if entity is None and c.verb is not None:
                    entity = self._nearest_person(c.verb, c.start, c.end)
            speakers[id(c)] = entity
            if entity is not None:
                where = c.holder[0].start if c.holder else c.cue.start if c.cue else c.start
                self.speakers.append((where, entity))
            source = Span.of(self.text, c.holder[0].start, c.holder[-1].end) if c.holder else None
            content = Span.of(self.text, c.start, c.end)
            quotes.append(Quote(f"q{len(quotes) + 1}", c.kind, content, entity.id if entity else None,  # type: ignore[arg-type]
                                source, c.cue))
        return quotes

    def _obliques(self, verb: Token) -> list[Token]:
        """"уточнили в Кремле": an impersonal plural verb's place or institution."""
        for c in self.p.children[verb.i]:
            t = self.p.tokens[c]
            if t.rel == "obl" and t.i in self.found.by_token and self.found.by_token[t.i].type in ("ORG", "GPE"):
                return [self.p.tokens[i] for i in self.p.subtree(c)]
        return []

    def _speaker_among(self, holder: list[Token]) -> Entity | None:
        """The entity a subject (or "по словам X" phrase) refers to."""
        named = [self.found.by_token[t.i] for t in holder if t.i in self.found.by_token]
        people = [e for e in named if e.type == "PERSON"]
        if people:
            entity = people[0]
            self._role_mention(holder, entity)
            return entity
        for t in holder:
            if t.lemma in PRONOUNS or (t.pos in ("PRON", "DET") and t.lemma in ("его", "её", "ее", "их")):
                gender = PRONOUNS.get(t.lemma) or {"его": "Masc", "её": "Fem", "ее": "Fem", "их": "Plur"}[t.lemma]
                entity = self._last_of_gender(gender, t.start)
                if entity is not None:
                    self.found.add_mention(entity, Mention(t.start, t.end, t.text, "pronoun"))
                return entity
        heads = [t for t in holder if t.lemma in ROLE_NOUNS]
        if heads:
            entity = self._by_role(heads[0], self._role_synonym(heads[0]))
            if entity is not None:
                self._role_mention(holder, entity)
            return entity
        return named[0] if named else None

    def _role_mention(self, holder: list[Token], entity: Entity) -> None:
        names = {m.start for m in entity.mentions if m.kind != "role"}
        role = [t for t in holder if t.i not in self.found.by_token or self.found.by_token[t.i].type != "PERSON"]
        if role and any(t.lemma in ROLE_NOUNS for t in role) and role[0].start not in names:
            first = next(t for t in role if t.lemma in ROLE_NOUNS or t.pos == "ADJ")
            last = max((t for t in role if t.end <= (min(names) if names and min(names) > first.start else 10**9)),
                       key=lambda t: t.end, default=role[-1])
            if last.end > first.start:
                self.found.add_mention(entity, Mention(first.start, last.end, self.text[first.start:last.end], "role"))

    def _spoke_before(self, at: int) -> list[Entity]:
        """The speakers resolved so far whose attribution comes before ``at``, the latest first."""
        return [e for _, e in sorted((pair for pair in self.speakers if pair[0] < at), key=lambda pair: -pair[0])]

    def _last_of_gender(self, gender: str, before: int) -> Entity | None:
        for entity in self._spoke_before(before):
            if entity.type == "PERSON" and self.found.gender.get(entity.id) in (gender, ""):
                return entity
        for start, entity in reversed(self.found.mentions):
            if start < before and entity.type == "PERSON" and self.found.gender.get(entity.id) == gender:
                return entity
        return None

    def _role_synonym(self, head: Token) -> str:
        """"глава государства" is the president's role."""
        following = self.p.tokens[head.i + 1].lemma if head.i + 1 < len(self.p.tokens) else ""
        return ROLE_SYNONYMS.get((head.lemma, following), head.lemma)

    def _by_role(self, head: Token, role: str) -> Entity | None:
        """The person the article gave this role (the most recent), else the last person who spoke."""
        holders = {eid for eid, heads in self.found.role_heads.items() if role in heads}
        for start, entity in reversed(self.found.mentions):
            if entity.id in holders and start < head.start:
                return entity
        for entity in self._spoke_before(head.start):
            if entity.type == "PERSON":
                return entity
        for _start, entity in self.found.mentions:
            if entity.id in holders:
                return entity
        return None

    def _nearest_person(self, verb: Token, start: int, end: int) -> Entity | None:
        """With no subject in the parse: the closest person named in the verb's sentence outside the content."""
        sent = self.p.sents[verb.sent]
        best = None
        for i in range(sent.start, sent.stop):
            e = self.found.by_token.get(i)
            t = self.p.tokens[i]
            if e is not None and e.type == "PERSON" and not (start <= t.start < end):
                if best is None or abs(i - verb.i) < abs(best[0] - verb.i):
                    best = (i, e)
        return best[1] if best else None

    # ------------------------------------------------------------------------------------------ spans

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        """Without surrounding spaces, a final stop or comma, or a trailing relay ("..., сообщает «Интерфакс»")."""
        m = re.search(r",\s*(?:сообщает|сообщают|передает|передаёт|пишет|пишут)\b.*$", self.text[start:end])
        if m:
            end = start + m.start()
        while end > start and self.text[end - 1] in _TRAILING:
            end -= 1
        while start < end and self.text[start] in " \t":
            start += 1
        return start, end
