"""Whether an event took place: ``occurred``, ``planned`` (announced, scheduled, in the future tense),
``cancelled`` (called off) or ``hypothetical`` (may, could, if)."""

from __future__ import annotations

from spacy.tokens import Token

from newsline.analysis.events import lexicon as lx
from newsline.model import EventDate, EventStatus


def status_of(verbs: list[Token], noun: Token | None, hypothetical: bool, date: EventDate,
              published: str | None) -> EventStatus:
    """The status of the event a clause (``verbs``, outermost first, and its event ``noun``) states.

    Cancelled: a cancelling verb governs the event ("called off the strike", "the summit was postponed").
    Hypothetical: a modal or a condition. Planned: the future tense, a planning frame ("plans to", "is expected
    to", "is due to", "is set to"), a headline infinitive ("Truce to begin Friday"), or a date of its own after
    the publication day in a clause not in the past tense. Announcing or promising something ahead is itself an
    event that took place ("announced the imminent imposition of sanctions", "agreed to reopen")."""
    if _cancelled(verbs, noun):
        return "cancelled"
    if hypothetical:
        return "hypothetical"
    if any(_ahead(v) for v in verbs):
        return "planned"
    if date.source == "timex" and published and date.value and date.value[:10] > published[:10] \
            and not any(v.tag_ in ("VBD", "VBN") and not _ahead(v) for v in verbs[:1]):
        return "planned"
    return "occurred"


def _cancelled(verbs: list[Token], noun: Token | None) -> bool:
    anchor = verbs[0]
    lemma = anchor.lemma_.lower()
    if lemma == "call" and not any(c.dep_ == "prt" and c.lower_ == "off" for c in anchor.children):
        return False
    if lemma in lx.CANCEL_VERBS and noun is not None:
        return True  # "cancelled the visit", "called off a strike"
    head = anchor.head  # "the summit, which was postponed", "plans to hold talks were scrapped"
    return anchor.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in lx.CANCEL_VERBS - {"call"}


def _ahead(verb: Token) -> bool:
    """A verb in the future tense or under a planning frame."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & lx.FUTURE_AUX:
        return True
    if verb.lemma_.lower() in lx.PLANNING and any(c.dep_ == "xcomp" for c in verb.children):
        return True  # "plans to brief", "is expected to speak"
    if verb.lemma_.lower() in ("schedule", "slate", "set") and verb.tag_ == "VBN":
        return True  # "a meeting scheduled for Monday", "is set for June"
    if any(c.dep_ == "acomp" and c.lemma_.lower() in ("due", "set", "poised", "about") for c in verb.children):
        return True  # "is due to take effect"
    if "to" in aux and verb.head.i != verb.i:
        head = verb.head
        if head.lemma_.lower() in lx.PLANNING or head.lemma_.lower() in ("due", "set", "poised"):
            return True
        return head.pos_ not in ("VERB", "AUX") or head.dep_ in ("nsubj", "nsubjpass")  # "Truce to begin Friday"
    return "to" in aux and verb.head.i == verb.i
