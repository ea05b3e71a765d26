"""Headlines: their attribution forms, and their speakers resolved as the body resolves them.

A headline attributes in forms the body does not use: "Port to reopen in May - Kovač" (a dash and the
speaker's name closing the line), "Kovač to close the port - Courier interview" (the headline's subject said
it in that interview), "Port to reopen in May, ministry says" (the parse of a verbless headline
often misses the clause), "General election called: Berg announces vote" (a label before a colon is not the
speaker). And it names the speaker the way a headline does: "Kremlin confirms ...", "FM says ...", "Ruritanian
official says ...": the person whose statement the body reports. A headline attribution whose speaker is no
person takes the speaker of the body quote that says the same thing (most content words in common), when that
person fits the headline's words (an institution, a place or an acronym of the person's role: "Kremlin" for
"Kremlin spokesman Ivo Marin", "FM" for "Foreign Minister").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc

from newsline.analysis.doctext import text_of
from newsline.analysis.entities.names import fold_name, same_place
from newsline.analysis.entities.roles import ROLE_NOUNS
from newsline.analysis.quotes.rules import REPORTED, Found
from newsline.analysis.zones import zone_kind
from newsline.model import Entity, Quote, Zone

# "CONTENT - Kovač": a dash and one to three capitalised words closing a headline
_DASH_NAME = re.compile(r"^(?P<content>\S.*?\S)[^\S\n]+(?P<dash>[-–—―])[^\S\n]+"
                        r"(?P<name>[A-Z][\w'’.-]*(?:[^\S\n]+[A-Z][\w'’.-]*){0,2})[^\S\n]*$")
# "Kovač to close the port - Courier interview": what the headline's subject said in an outlet's interview
_DASH_INTERVIEW = re.compile(r"^(?P<content>\S.*?\S)[^\S\n]+(?P<dash>[-–—―])[^\S\n]+"
                             r"(?P<outlet>[A-Z][\w'’.-]*(?:[^\S\n]+[A-Z][\w'’.-]*){0,2})[^\S\n]+interview[^\S\n]*$")
# "CONTENT, the ministry says": a comma, a short subject and a verb of saying closing a headline
_COMMA_SAYS = re.compile(r"^(?P<content>\S.*?\S),[^\S\n]+(?P<source>[^,\n]{2,60}?)[^\S\n]+"
                         r"(?P<cue>says|said|warns|claims|insists|confirms|denies|reports)[.!]?[^\S\n]*$")
# Hand-set (no tuning recorded); `newsline bench news` (realnews dev: quote recall, speakers) measures
# them.
_MIN_SHARED = 2  # content words a headline and a body quote share to be one statement
_MIN_SHARE = 0.3  # ... and the share of the headline's content words that is
_PERSON = "PERSON"
_STOP = frozenset({"the", "a", "an", "of", "'s", "’s"})


def headline_attributions(doc: Doc, zones: Sequence[Zone]) -> list[Found]:
    """Attributions in the headline forms the parse misses: "... - Name" and "..., X says"."""
    text = text_of(doc)
    found = []
    for zone in zones:
        if zone.kind != "headline":
            continue
        line = text[zone.start : zone.end]
        interview = _DASH_INTERVIEW.match(line)
        if interview is not None:
            content = doc.char_span(zone.start + interview.start("content"), zone.start + interview.end("content"),
                                    alignment_mode="expand")
            cue = doc.char_span(zone.start + interview.start("dash"), zone.start + len(line.rstrip()),
                                alignment_mode="expand")
            subject = next((t for t in content if t.dep_ in ("nsubj", "nsubjpass") and t.head.i in
                            range(content.start, content.end)), None) if content is not None else None
            if content is not None and cue is not None and subject is not None:
                found.append(Found("indirect", (content.start, content.end), (subject.i, subject.i + 1),
                                   (cue.start, cue.end), REPORTED))
            continue
        for pattern, source_group, cue_group in ((_DASH_NAME, "name", "dash"), (_COMMA_SAYS, "source", "cue")):
            match = pattern.match(line)
            if match is None:
                continue
            spans = [doc.char_span(zone.start + match.start(g), zone.start + match.end(g), alignment_mode="expand")
                     for g in ("content", source_group, cue_group)]
            if all(s is not None and len(s) for s in spans) and sum(t.is_alpha for t in spans[0]) >= 3:
                content, source, cue = ((s.start, s.end) for s in spans)  # type: ignore[union-attr]
                found.append(Found("indirect", content, source, cue, REPORTED))
            break
    return found


def _terms(doc: Doc, start: int, end: int) -> set[str]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return {t.lemma_.lower() for t in span if t.is_alpha and not t.is_stop} if span is not None else set()


def _fits(words: list[str], entity: Entity) -> bool:
    """Whether every word of a headline's source fits the person: a word of their names or roles, a place
    named there, a role noun ("official"), or an acronym of consecutive words of a role ("FM")."""
    texts = [entity.name, *entity.roles, *(m.text for m in entity.mentions if m.kind in ("name", "role"))]
    known = {fold_name(w) for t in texts for w in re.findall(r"[\w'’-]+", t)}
    initials = {"".join(w[0] for w in t.split()[i : i + n]).upper() for t in texts for n in (2, 3)
                for i in range(len(t.split()) - n + 1)}
    return all(fold_name(w) in known or fold_name(w) in ROLE_NOUNS or w.isupper() and w in initials
               or any(same_place(w, k) for k in known if len(k) > 3) for w in words)


def resolve_headlines(doc: Doc, quotes: list[Quote], entities: list[Entity], zones: Sequence[Zone]) -> None:
    """Give a headline quote whose speaker is no person the person of the body quote saying the same thing."""
    if not any(z.kind == "headline" for z in zones):
        return
    by_id = {e.id: e for e in entities}
    body = [(q, _terms(doc, q.content.start, q.content.end)) for q in quotes
            if zone_kind(zones, q.content.start) in ("body", "dateline") and q.speaker
            and by_id[q.speaker].type == _PERSON]
    for quote in quotes:
        speaker = by_id.get(quote.speaker) if quote.speaker else None
        if zone_kind(zones, quote.content.start) != "headline" or speaker is not None and speaker.type == _PERSON:
            continue
        terms = _terms(doc, quote.content.start, quote.content.end)
        words = [w for w in re.findall(r"[\w'’-]+", quote.source.text) if w.lower() not in _STOP] \
            if quote.source else []
        ranked = [(len(terms & other), q) for q, other in body if _fits(words, by_id[q.speaker])]  # type: ignore[index]
        ranked = [(n, q) for n, q in ranked if n >= _MIN_SHARED and n >= _MIN_SHARE * len(terms)]
        if ranked:
            quote.speaker = max(ranked, key=lambda nq: nq[0])[1].speaker

