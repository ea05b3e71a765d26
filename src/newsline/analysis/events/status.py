"""Whether an event took place: ``occurred``, ``planned`` (announced, scheduled, in the future tense),
``cancelled`` (called off) or ``hypothetical`` (may, could, if)."""

from __future__ import annotations

from spacy.tokens import Token

from newsline.analysis.events import lexicon as lx
from newsline.model import EventDate, EventStatus
from newsline.publication import publication_day


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
    if date.source == "timex" and published and date.value and date.value[:10] > str(publication_day(published)) \
            and not any(v.tag_ in ("VBD", "VBN") and not _ahead(v) for v in verbs[:1]):
        return "planned"
    return "occurred"


def _cancelled(verbs: list[Token], noun: Token | None) -> bool:
    """"plans to hold talks were scrapped": the clause is the complement of a cancelling verb (an event noun that
    is called off is marked where it is found, ``clauses.called_off``)."""
    anchor = verbs[0]
    return anchor.dep_ in ("xcomp", "ccomp") and anchor.head.lemma_.lower() in lx.CANCEL_VERBS - {"call"}


def _ahead(verb: Token) -> bool:
    """A verb in the future tense or under a planning frame."""
    lemma = verb.lemma_.lower()
    if verb.tag_ == "VBD" and lemma not in lx.PLANNING:
        return False  # a simple past ("raised", "announced") has no future auxiliary
    aux, xcomp, due = set(), False, False
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass"):
            aux.add(child.lower_)
        elif child.dep_ == "xcomp":
            xcomp = True
        elif child.dep_ == "acomp" and child.lemma_.lower() in ("due", "set", "poised", "about"):
            due = True  # "is due to take effect"
    if aux & lx.FUTURE_AUX or due or lemma in lx.PLANNING and xcomp:  # "plans to brief", "is expected to speak"
        return True
    if lemma in ("schedule", "slate", "set") and verb.tag_ == "VBN":
        return True  # "a meeting scheduled for Monday", "is set for June"
    if "to" not in aux:
        return False
    head = verb.head
    if head.i == verb.i:
        return True  # a headline: "Truce to begin Friday"
    if head.lemma_.lower() in lx.PLANNING or head.lemma_.lower() in ("due", "set", "poised"):
        return True
    return head.pos_ not in ("VERB", "AUX") or head.dep_ in ("nsubj", "nsubjpass")
