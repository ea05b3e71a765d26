"""Clause analysis: from a verb in the dependency parse to an event frame (category, actor, target, modality).

The category lexicon lives in ``lexicon.py``; this module only walks the parse. Tokens are mapped to entities
through ``MentionIndex`` (a token belongs to the entity whose mention covers it).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy
from spacy.attrs import DEP, HEAD
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from newsline.analysis.entities.groups import GROUP, group_of, inverted_subject, is_party, token_entities
from newsline.analysis.events import lexicon as lx
from newsline.analysis.zones import zone_kind
from newsline.model import Entity, EventStatus, Zone

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Dependents that open a new clause or a side remark: an entity inside them is not the phrase's referent.
NOT_REFERENT = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "appos", "parataxis", "punct", "cc"})
TARGET_PREPS = frozenset({"to", "with", "against", "on", "from", "into", "toward", "towards", "at", "over",
                          "for", "upon", "between", "in", "of"})
_DIRECT_OBJECTS = frozenset({"dobj", "attr", "nsubjpass", "oprd"})
ASPECTUAL_NOUN_VERBS = frozenset({"begin", "start", "continue", "resume", "end", "erupt", "occur", "break"})


class MentionIndex:
    """Token index -> entity id, from the entities' mention offsets (a dateline's place maps to none, see
    ``token_entities``); groups by their members."""

    def __init__(self, doc: Doc, entities: list[Entity], zones: Sequence[Zone] = ()) -> None:
        self.by_token = token_entities(doc, [e for e in entities if e.type != GROUP], zones)  # groups: by members
        self._zones = zones
        self.groups = {frozenset(e.members): e.id for e in entities if e.type == GROUP}
        self.group_ids = frozenset(self.groups.values())
        # the tokens that head a coordination naming a group: "Velmora" in "Velmora and Ostravia"
        self.group_heads: dict[int, str] = {}
        if self.groups:
            dep, head = doc.to_array([DEP, HEAD]).T.astype("int64")
            for i in {int(i + head[i]) for i in numpy.flatnonzero(dep == doc.vocab.strings["conj"]).tolist()}:
                for token in (doc[i], doc[i].head):  # "Türkiye, the UN, Russia": the apposed list's head too
                    if is_party(token) and (group := group_of(self.groups, token, self.by_token.get)) is not None:
                        self.group_heads.setdefault(token.i, group)
                        if token.dep_ in ("compound", "amod", "nmod"):  # "A and B mediators"
                            self.group_heads.setdefault(token.head.i, group)
                        elif token.dep_ == "pobj" and token.head.lower_ == "between":  # "talks between A and B"
                            self.group_heads.setdefault(token.head.head.i, group)

    def in_dateline(self, token: Token) -> bool:
        return zone_kind(self._zones, token.idx) == "dateline"

    def group(self, head: Token) -> str | None:
        """The group a phrase names: "A and B", "A and B mediators", "talks between A and B"."""
        return self.group_heads.get(head.i)

    def referent(self, head: Token, exclude: str | None = None) -> str | None:
        """The entity of the noun phrase headed by ``head``: a group when it coordinates entities ("A and B",
        "A and B mediators", "a truce between A and B"), else the mention nearest the head in its subtree, a
        name before an adjective ("the Swedish politician Rasmus Paludan" is Paludan, not Sweden)."""
        group = self.group(head)
        if group is not None and group != exclude:
            return group
        queue = deque([head])
        while queue:
            token = queue.popleft()
            found = self.by_token.get(token.i)
            if found and found != exclude:
                if token.dep_ == "amod" and token.head.i == head.i:  # an adjective: a name beside it comes first
                    return next((name for c in head.children if (c.dep_ == "compound" or _apposed_name(c))
                                 and (name := self.by_token.get(c.i)) and name != exclude), found)
                return found
            queue.extend(c for c in token.children if c.dep_ not in NOT_REFERENT or _apposed_name(c))
        return None


def _apposed_name(token: Token) -> bool:
    """A name apposed to a noun without parentheses: "the far-right politician Rasmus Paludan"."""
    return token.dep_ == "appos" and token.pos_ == "PROPN" and token.doc[max(0, token.left_edge.i - 1)].text != "("


@dataclass(slots=True)
class Frame:
    """What one clause says happened, before dating. ``anchor`` is the clause's outermost verb."""

    anchor: Token
    category: str | None
    actor: str | None
    target: str | None
    negated: bool
    hypothetical: bool
    last: Token  # the predicate text ends here
    verbs: list[Token] = field(default_factory=list)  # every verb of the frame (for timex attachment)
    # The event confidences here and below (0.85/0.8 less 0.1 per level of embedding, 0.5, 0.4) rank the rules by
    # hand (no tuning recorded): `newsline bench events` (PLOVER GSR) scores categories, not these values.
    confidence: float = 0.8
    noun: Token | None = None  # the event noun that carries the category ("held talks", "the truce began")
    status: EventStatus | None = None  # when the clause decides it (a called-off event); else status.status_of


def is_anchor(token: Token) -> bool:
    """A clause head: a verb that is not itself the complement of a frame verb."""
    if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("aux", "auxpass", "xcomp", "amod", "acomp"):
        return False
    if token.pos_ == "AUX" and token.lemma_ != "be":
        return False
    return token.dep_ != "acl" or token.tag_ == "VBN" and any(c.dep_ == "agent" for c in token.children)


def asserted(anchor: Token) -> bool:
    """False for clauses that are demanded, proposed or conditional ("demanded that X cancel", "unless X")."""
    head = anchor.head.lemma_.lower()
    if anchor.dep_ in ("ccomp", "advcl") and anchor.head.pos_ in ("VERB", "AUX") and head in lx.NOT_ASSERTED_VERBS:
        return False
    if anchor.dep_ in ("acl", "relcl", "ccomp") and anchor.head.pos_ == "NOUN" and head in lx.NOT_ASSERTED_NOUNS:
        return False
    return not (anchor.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless")
                                               for c in anchor.children))


def analyse(anchor: Token, mentions: MentionIndex) -> Frame | None:
    """The event frame of the clause headed by ``anchor``, or None when it evokes no category."""
    verbs = [anchor]
    frame_kind: str | None = None
    frame_verb: Token | None = None
    verb = anchor
    while True:
        lemma = verb.lemma_.lower()
        inner = _child(verb, "xcomp")
        adjective = _child(verb, "acomp") if lemma == "be" else None
        if adjective is not None and _child(adjective, "xcomp") is not None:
            kind = ("intent" if adjective.lemma_.lower() in lx.INTENT_ADJECTIVES
                    else "refusal" if adjective.lemma_.lower() in lx.REFUSAL_ADJECTIVES else None)
            if kind and frame_kind is None:
                frame_kind, frame_verb = kind, adjective
            verb = _child(adjective, "xcomp")
            verbs.append(verb)
            continue
        if inner is None or inner.pos_ not in ("VERB", "AUX"):
            break
        kind = _frame_kind(lemma)
        if kind is not None:
            if frame_kind is None:
                frame_kind, frame_verb = kind, verb
        elif lemma not in lx.TRANSPARENT:
            break
        verb = inner
        verbs.append(verb)
    category, noun = verb_category(verb)
    if category is None and verb.i != anchor.i and frame_kind is None:
        category, noun = verb_category(anchor)
        verb = anchor if category else verb
    category = _purpose(verb, category)
    category = compose(frame_kind, frame_verb, category, verbs, future=noun is not None and _announced(noun))
    if category is None:
        return _noun_subject_frame(anchor, mentions, verb)
    actor = _actor(anchor, mentions)
    lemma = verb.lemma_.lower()
    if category in ("PROTEST", "DISAPPROVE") and lemma in ("protest", "strike", "march"):
        category = "PROTEST" if _collective_subject(anchor) else category
    if category in ("ASSAULT", "FIGHT") and lemma in lx.VIOLENCE_VERBS:
        category = "FIGHT" if _military_subject(anchor) else "ASSAULT"
    hypothetical = _hypothetical(anchor)
    if hypothetical and category in lx.HOSTILE and frame_kind is None:
        category = "THREATEN"  # "may halt mediation": PLOVER codes a stated possibility of harm as a threat
    negated = any(_negated(v) for v in verbs)
    if negated and frame_kind in (None, "intent") and category == "AGREE" and _future(anchor):
        category, negated = "REJECT", False  # "will not accept refugees": a refusal
    target = _target(verbs[::-1], noun, mentions, exclude=actor)
    last = max([verb, *([noun] if noun is not None else [])], key=lambda t: t.i)
    depth = _depth(anchor)
    confidence = round(max(0.1, (0.85 if noun is None else 0.8) - 0.1 * depth), 2)
    return Frame(anchor, category, actor, target, negated, hypothetical, last, verbs, confidence, noun)


def obligation_frame(anchor: Token, mentions: MentionIndex) -> Frame | None:
    """``X said (that) Y must/should ...``: X's DEMAND on Y (PLOVER codes such statements as demands)."""
    speech = anchor.head
    if anchor.dep_ != "ccomp" or speech.lemma_.lower() not in lx.SPEECH_VERBS:
        return None
    if not any(c.dep_ == "aux" and c.lower_ in lx.OBLIGATION_MODALS for c in anchor.children):
        return None
    actor = _actor(speech, mentions)
    subject = _subject(anchor)
    target = mentions.referent(subject, exclude=actor) if subject is not None else None
    return Frame(speech, "DEMAND", actor, target, _negated(speech), False, anchor, [speech, anchor],
                 round(max(0.1, 0.8 - 0.1 * _depth(speech)), 2))


def verb_category(verb: Token) -> tuple[str | None, Token | None]:
    """The category a verb evokes by itself or through its event-noun object, and that noun (if used)."""
    lemma = verb.lemma_.lower()
    if lemma == "be":
        adjective = _child(verb, "acomp")
        if adjective is not None and adjective.lemma_.lower() in lx.REFUSAL_ADJECTIVES:
            return "REJECT", None  # "is opposed to mediation"
    objects: list[Token] | None = None  # looked up only when a rule or an event noun needs them
    preps: set[str] | None = None
    by_rule = None
    for rule in lx.VERBS.get(lemma, ()):
        if rule.objects is not None:
            objects = _objects(verb) if objects is None else objects
            if not any(not rule.objects.isdisjoint(_object_words(o)) for o in objects):
                continue
        if rule.prep is not None:
            if preps is None:
                preps = {c.lemma_.lower() for c in verb.children if c.dep_ in ("prt", "prep", "agent")}
            if rule.prep not in preps:
                continue
        by_rule = rule.category
        break
    if lemma in lx.LIGHT_VERBS:  # light verbs carry any object's event ("engaged in cleansing")
        nouns = _objects(verb) if objects is None else objects
    elif by_rule is None and lemma not in lx.VERBS and lemma != "be":  # other verbs only a direct object's
        nouns = [c for c in verb.children if c.dep_ in _DIRECT_OBJECTS]
    else:
        return by_rule, None
    for noun in nouns:
        category = noun_category(noun)
        if category:
            return category, noun
    return by_rule, None


def _object_words(noun: Token) -> set[str]:
    """An object head's lemma, alone and after each modifier written before it ("gun", "starting gun")."""
    lemma = noun.lemma_.lower()
    return {lemma, *(f"{c.lower_} {lemma}" for c in noun.lefts if c.dep_ in ("amod", "compound"))}


def noun_category(noun: Token) -> str | None:
    """The category of an event noun (``talks``, ``hunger strike``, ``imposition of sanctions``)."""
    lemma = noun.lemma_.lower()
    if lemma not in lx.NOUNS:
        if lemma not in lx.CONTAINERS:
            return None
        inner = [c for c in noun.children if c.dep_ == "compound"]
        inner += [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                  if p.dep_ == "pobj"]
        return next((found for found in map(noun_category, inner) if found), None)
    qualifiers = lx.NOUN_QUALIFIERS.get(lemma)
    modifiers = {c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
    if qualifiers and not qualifiers & modifiers:
        return None
    if lemma == "strike" and "hunger" not in modifiers and modifiers & {"air", "missile", "drone"}:
        return "FIGHT"
    category = lx.NOUNS[lemma]
    if category is None:
        of = next((p for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"), None)
        pobj = _child(of, "pobj") if of is not None else None
        return noun_category(pobj) if pobj is not None else None
    return category


def compose(kind: str | None, frame_verb: Token | None, inner: str | None, verbs: list[Token],
            future: bool = False) -> str | None:
    """PLOVER's rules for frames: intent to cooperate is AGREE, intent to harm THREATEN, refusals REJECT."""
    if kind == "refusal":
        return "REJECT"
    if kind == "threat":
        return "THREATEN"
    if kind == "demand":
        return "DEMAND"
    if kind == "intent":
        if inner in lx.COOPERATIVE:
            return "AGREE"
        if inner in lx.HOSTILE:
            return "THREATEN"
        if inner is None and frame_verb is not None:
            return verb_category(frame_verb)[0]
        return inner
    if inner is not None and (future or _future(verbs[0])):
        if inner in lx.COOPERATIVE:
            return "AGREE"
        if inner in lx.HOSTILE:
            return "THREATEN"
    return inner


def _announced(noun: Token) -> bool:
    """An event noun announced for the future: "the imminent imposition of sanctions", "planned talks"."""
    return any(c.dep_ == "amod" and c.lemma_.lower() in lx.FUTURE_ADJECTIVES for c in noun.children)


def _frame_kind(lemma: str) -> str | None:
    if lemma in lx.REFUSAL_FRAMES:
        return "refusal"
    if lemma in lx.THREAT_FRAMES:
        return "threat"
    if lemma in lx.DEMAND_FRAMES:
        return "demand"
    if lemma in lx.INTENT_FRAMES:
        return "intent"
    return None


def _noun_subject_frame(anchor: Token, mentions: MentionIndex, content: Token | None = None) -> Frame | None:
    """``the offensive began``, ``a special operation ..., which began on ...``, ``a ceasefire that is due to take
    effect on Monday``: the event is the noun (``content`` is the verb that says it begins, when not ``anchor``)."""
    content = content or anchor
    if content.lemma_.lower() not in ASPECTUAL_NOUN_VERBS and not _takes_effect(content):
        return None
    subject = _subject(anchor)
    if subject is None:
        return None
    if subject.tag_ in ("WDT", "WP") and anchor.dep_ == "relcl":
        subject = _event_antecedent(anchor)
        if subject is None:
            return None
    category = noun_category(subject)
    if category is None:
        return None
    actor = mentions.referent(subject) or _party_to(subject, mentions)
    verbs = [anchor] if content.i == anchor.i else [anchor, content]
    return Frame(anchor, category, actor, None, _negated(anchor), _hypothetical(anchor), content, verbs, 0.5, subject)


def _takes_effect(verb: Token) -> bool:
    """"takes effect", "goes into effect", "comes into force": the start of what its subject names."""
    if verb.lemma_.lower() not in ("take", "go", "come", "enter"):
        return False
    return any(t.lower_ in ("effect", "force") for c in verb.children if c.dep_ in ("dobj", "prep") for t in c.subtree)


def _party_to(noun: Token, mentions: MentionIndex) -> str | None:
    """Who is party to an event noun that names none: the subject of the verb it is the object of ("A and B
    signed off on a ceasefire that is due to take effect on Monday")."""
    node = noun
    if node.dep_ == "pobj":
        node = node.head
    if node.dep_ in ("dobj", "prep") and node.head.pos_ in ("VERB", "AUX"):
        return _actor(node.head, mentions)
    return None


def called_off(frame: Frame, mentions: MentionIndex) -> Frame | None:
    """"The dockers called off a strike planned for Monday", "Velmora cancelled talks with Ostravia", "the summit
    was postponed": the event that will not take place, with the parties it names (else the canceller's), the
    date its own phrase gives, and status ``cancelled``."""
    verb = frame.anchor
    lemma = verb.lemma_.lower()
    if lemma not in lx.CANCEL_VERBS or lemma == "call" and not any(c.dep_ == "prt" and c.lower_ == "off"
                                                                   for c in verb.children):
        return None
    noun = _child(verb, "dobj") or _child(verb, "nsubjpass")
    category = noun_category(noun) if noun is not None else None
    if noun is None or category is None:
        return None
    # the noun's own parties ("the minister's visit", "the visit of the minister", "talks between A and B"), else
    # the canceller's; whom it was with is the target ("talks with Ostravia")
    actor = _noun_parties(noun, mentions) or frame.actor
    target = _target([], noun, mentions, exclude=actor)
    phrases = [c for c in noun.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]  # "planned for Monday"
    return Frame(noun, category, actor, target, False, False, noun, phrases or [verb], 0.5, noun, "cancelled")


def _noun_parties(noun: Token, mentions: MentionIndex) -> str | None:
    """Who an event noun says takes part: "the minister's visit", "the visit of the minister", "talks between A and
    B", "a protest by farmers"."""
    own = [c for c in noun.children if c.dep_ == "poss"] + [p for c in noun.children if c.dep_ == "prep"
                                                            and c.lower_ in ("of", "by", "between") for p in c.children if p.dep_ == "pobj"]
    return next((found for head in own if (found := mentions.referent(head))), None)


def dated_noun_frame(noun: Token, mentions: MentionIndex) -> Frame | None:
    """An event noun with a date of its own phrase that dates no clause: "Protests in Velmar on Saturday ... have
    raised tensions" (the protests, on Saturday). Its actor: the parties it names, or the entity the entity stage
    made of the noun itself (the protesters of a protest, ``entities.unnamed.find_crowds``)."""
    category = noun_category(noun)
    if category is None:
        return None
    actor = mentions.group(noun) or _noun_parties(noun, mentions)
    if actor is None and (actor := mentions.by_token.get(noun.i)) is not None and category == "DISAPPROVE":
        category = "PROTEST"  # a crowd's protest, not a government's
    return Frame(noun, category, actor, None, False, False, noun, [noun], 0.5, noun)


def verb_chain(anchor: Token) -> list[Token]:
    """``anchor`` and the infinitives it governs: "is expected to speak", "was due to fly out" (the event is the
    speaking, the flying)."""
    verbs = [anchor]
    while True:
        step = _child(verbs[-1], "xcomp") or _child(_child(verbs[-1], "acomp"), "xcomp")
        if step is None or step.pos_ != "VERB" or step in verbs:
            return verbs
        verbs.append(step)


def generic_frame(anchor: Token, mentions: MentionIndex) -> Frame | None:
    """A clause no category covers, by an entity: "Musk completed the transaction", "the initiative expired",
    "the initiative was extended", "a Velmora Herald poll published on Thursday" (an occurrence's actor is what
    it happens to when no agent is named), a deadline ("gave Brenholt until Friday to sign"). Only kept when the
    clause has a date of its own (``extract.py``)."""
    deadline = _deadline(anchor)
    verbs = [anchor, deadline] if deadline is not None else verb_chain(anchor)
    content = verbs[-1].lemma_.lower()
    if deadline is None and (content in lx.NOT_EVENTS or verbs[-1].pos_ == "AUX"):
        return None
    actor = _actor(anchor, mentions)
    passive = _child(anchor, "nsubjpass") or (anchor.head if anchor.dep_ == "acl" and anchor.tag_ == "VBN" else None)
    if actor is None and passive is not None:  # "the initiative was extended", "a Velmora Herald poll published"
        actor = mentions.referent(passive)
    if actor is None:
        return None
    target = _target(verbs[::-1], None, mentions, exclude=actor)
    category = lx.STATEMENT if content in lx.SPEECH_VERBS else lx.OTHER  # a statement the quote stage missed
    return Frame(anchor, category, actor, target, any(_negated(v) for v in verbs), _hypothetical(anchor), verbs[-1],
                 verbs, round(max(0.1, 0.4 - 0.1 * _depth(anchor)), 2))


def _deadline(verb: Token) -> Token | None:
    """"The court gave Brenholt until Friday to sign", "he had until noon to do so": a deadline, an event of its
    own (the date is the deadline's) even when the act is named by a light verb or "do so". Returns the act's
    verb."""
    if verb.lemma_.lower() not in lx.DEADLINE_VERBS:
        return None
    if not any(c.dep_ == "prep" and c.lower_ in lx.DEADLINE_PREPS for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB"
                 and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)


def _event_antecedent(relative: Token, window: int = 12) -> Token | None:
    """What "which" refers to in "a special operation to protect the people of X, which began ...": the
    relative clause's head if it is an event noun, else the nearest event noun before it (parsers often attach
    the clause to the last noun)."""
    sentence_start = relative.sent.start
    for i in range(relative.head.i, max(sentence_start, relative.head.i - window) - 1, -1):
        token = relative.doc[i]
        if token.pos_ == "NOUN" and noun_category(token):
            return token
    return None


def subject_actor(verb: Token, mentions: MentionIndex) -> str | None:
    """The entity that does what ``verb`` says: its subject, or the agent of a passive."""
    return _actor(verb, mentions)


def _actor(verb: Token, mentions: MentionIndex) -> str | None:
    if (patient := _child(verb, "nsubjpass")) is not None:
        agent = _child(verb, "agent")
        if agent is None:  # "the deal brokered by A and B was signed", "captives held by X will be released"
            agent = next((a for c in patient.children if c.dep_ == "acl" and c.tag_ == "VBN"
                          for a in c.children if a.dep_ == "agent"), None)
        pobj = _child(agent, "pobj") if agent is not None else None
        return mentions.referent(pobj) if pobj is not None else None
    subject = _subject(verb, mentions.in_dateline)
    if subject is None:
        return None
    if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        return mentions.referent(verb.head)
    found = mentions.referent(subject)
    pronominal = subject.pos_ == "PRON" or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in subject.children)
    if found is None and pronominal and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in lx.SPEECH_VERBS:
        return _actor(verb.head, mentions)  # "X said it would ...": it = X when no coreference says otherwise
    return found


def _subject(verb: Token, outside: Callable[[Token], bool] | None = None) -> Token | None:
    """The verb's subject, inherited through coordination ("A met B and signed ..."), or the speaker the parser
    left outside a reporting clause after its content ("..., A and B said Saturday"); of two, not one ``outside``
    the sentence (a dateline's place read as a second subject: "TARNOW, Ruritania - Ruritania and Borduria
    signed")."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    subject = next((c for c in subjects if not (outside and outside(c))), subjects[0] if subjects else None) \
        or inverted_subject(verb)
    while subject is None and verb.dep_ == "conj":
        verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    return subject


def _objects(verb: Token) -> list[Token]:
    """Object heads: direct objects (with their conjuncts), attributes, then prepositional objects."""
    direct = [c for c in verb.children if c.dep_ in _DIRECT_OBJECTS]
    direct += [conj for d in direct for conj in d.conjuncts]
    direct += [p for d in direct if d.lemma_.lower() in lx.CONTAINERS for c in d.children
               if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    via_prep = [p for c in verb.children if c.dep_ in ("prep", "prt") for p in c.children if p.dep_ == "pobj"]
    return direct + via_prep


def _target(verbs: list[Token], noun: Token | None, mentions: MentionIndex, exclude: str | None) -> str | None:
    """The recipient: an entity in the object, dative or prepositional object of the content verb or noun."""
    heads: list[Token] = []
    if noun is not None:
        heads += [c for c in noun.children if c.dep_ == "poss"]
        heads += [p for c in noun.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS - {"of"}
                  for p in c.children if p.dep_ == "pobj"]
    for verb in verbs:
        heads += [c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj", "nsubjpass")]
        heads += [p for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ in TARGET_PREPS
                  for p in c.children if p.dep_ == "pobj"]
    for head in heads:
        found = mentions.referent(head, exclude=exclude)
        if found:
            return found
    return None


def _purpose(verb: Token, category: str | None) -> str | None:
    """``sent inspectors to investigate``: a sending verb takes the category of its purpose clause."""
    if verb.lemma_.lower() not in lx.SENDING_VERBS:
        return category
    for clause in verb.children:
        if clause.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            purpose, _ = verb_category(clause)
            if purpose in ("INVESTIGATE", "AID", "CONSULT"):
                return purpose
    return category


def _military_subject(verb: Token) -> bool:
    subject = _subject(verb)
    if subject is None and any(c.dep_ == "nsubjpass" for c in verb.children):
        agent = _child(verb, "agent")
        subject = _child(agent, "pobj") if agent is not None else None
    return subject is not None and subject.lemma_.lower() in lx.MILITARY


def _collective_subject(verb: Token) -> bool:
    subject = _subject(verb)
    if subject is None:
        return False
    words = {subject.lemma_.lower()} | {c.lemma_.lower() for c in subject.children}
    return bool(words & lx.COLLECTIVE_ACTORS) or any(c.dep_ == "nummod" for c in subject.children)


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("advmod", "det")
               for c in verb.children)


def _future(verb: Token) -> bool:
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if aux & lx.FUTURE_AUX:
        return True
    reported = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in lx.SPEECH_VERBS
    return reported and "would" in aux


def _hypothetical(verb: Token) -> bool:
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in lx.SPEECH_VERBS:
        aux.discard("would")  # reported future: "said they would release"
    conditional = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                                for m in c.children) for c in verb.children)
    return bool(aux & lx.HYPOTHETICAL_MODALS) or conditional


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i:
        token = token.head
        depth += 1
    return depth


def _child(token: Token | None, dep: str) -> Token | None:
    """The first child with dependency ``dep`` (compared as the label's id: ``dep_`` makes a string per child)."""
    if token is None:
        return None
    label = get_string_id(dep)
    for child in token.children:
        if child.dep == label:
            return child
    return None
