"""The event stage on team-written text, with hand-built entities, timexes and quotes."""

from __future__ import annotations

import re

import pytest

from newsline.analysis.events import extract_events
from newsline.model import Entity, Mention, Quote, Span, Timex


def entities(text: str, spec: dict[str, tuple[str, str, list[str]]]) -> list[Entity]:
    """``{"e1": (name, type, [surface forms])}`` -> entities with a mention at every occurrence of each form."""
    out = []
    for entity_id, (name, type_, forms) in spec.items():
        mentions = [Mention(m.start(), m.end(), m.group(), "name")
                    for form in forms for m in re.finditer(rf"\b{re.escape(form)}\b", text)]
        out.append(Entity(entity_id, name, type_, mentions))
    return out


def span(text: str, part: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Span.of(text, start, start + len(part))


def timex(text: str, tid: str, part: str, value: str, granularity: str = "day", mod: str | None = None) -> Timex:
    return Timex(tid, span(text, part), "DATE", value, mod, granularity, "dct")


@pytest.fixture(scope="module")
def nlp(analyzer):
    return analyzer.nlp


def run(nlp, text, spec, timexes=(), quotes=(), published="2024-05-20"):
    return extract_events(nlp(text), entities(text, spec), list(timexes), list(quotes), published)


PEOPLE = {"e1": ("Lena Varga", "PERSON", ["Lena Varga", "Varga"]), "e2": ("Ostravia", "GPE", ["Ostravia"]),
          "e3": ("Belmark", "GPE", ["Belmark"])}


def test_action_clause_with_named_actor_and_target(nlp):
    text = "Ostravia imposed sanctions on Belmark."
    [event] = run(nlp, text, PEOPLE)
    assert (event.category, event.actor, event.target) == ("SANCTION", "e2", "e3")
    assert event.predicate.lemma == "impose" and event.predicate.text == "imposed sanctions"
    assert event.evidence.text == text


@pytest.mark.parametrize(("sentence", "category"), [
    ("Ostravia threatened to expel diplomats from Belmark.", "THREATEN"),
    ("Ostravia refused to meet envoys from Belmark.", "REJECT"),
    ("Ostravia agreed to send food aid to Belmark.", "AGREE"),
    ("Ostravia will provide emergency aid to Belmark.", "AGREE"),
    ("Ostravia accused Belmark of shelling border villages.", "DISAPPROVE"),
    ("Ostravia demanded that Belmark release the detained fishermen.", "DEMAND"),
    ("Ostravia held talks with Belmark on Tuesday.", "CONSULT"),
    ("Ostravia released twelve prisoners from Belmark.", "RETREAT"),
    ("Ostravia launched an investigation into the explosion in Belmark.", "INVESTIGATE"),
    ("Ostravia mobilized its army reservists near Belmark.", "MOBILIZE"),
    ("Ostravia shelled towns in Belmark.", "FIGHT"),
])
def test_categories_from_the_lexicon(nlp, sentence, category):
    events = run(nlp, sentence, PEOPLE)
    assert [e.category for e in events] == [category]
    assert events[0].actor == "e2"


def test_firing_is_fighting_only_with_weapons(nlp):
    assert [e.category for e in run(nlp, "Ostravia fired rockets at Belmark.", PEOPLE)] == ["FIGHT"]
    # an idiom and a dismissal are no gunfire (nor, undated, any event)
    assert run(nlp, "Ostravia fired the starting gun for talks with Belmark.", PEOPLE) == []
    assert run(nlp, "Ostravia fired its chief executive.", PEOPLE) == []


def test_demanded_content_is_not_an_asserted_event(nlp):
    events = run(nlp, "Ostravia demanded that Belmark cancel the arms sale.", PEOPLE)
    assert [e.category for e in events] == ["DEMAND"]


def test_negated_and_hypothetical_are_marked_not_dropped(nlp):
    negated, hypothetical = run(nlp, "Ostravia did not impose sanctions on Belmark. Ostravia may impose sanctions"
                                     " on Belmark.", PEOPLE)
    assert negated.negated and not negated.hypothetical and negated.category == "SANCTION"
    assert hypothetical.hypothetical and not hypothetical.negated and hypothetical.category == "THREATEN"


def test_no_named_actor_no_event(nlp):
    assert run(nlp, "Officials imposed sanctions on traders.", PEOPLE) == []


def test_quotes_become_statements_of_their_speaker_with_cue_category(nlp):
    text = ("On May 2, Lena Varga said that Ostravia would stay neutral. "
            "Varga also accused Belmark of lying about the talks.")
    quotes = [
        Quote("q1", "indirect", span(text, "Ostravia would stay neutral"), "e1", span(text, "Lena Varga"),
              span(text, "said")),
        Quote("q2", "indirect", span(text, "Belmark of lying about the talks"), "e1", span(text, "Varga", 1),
              span(text, "accused")),
    ]
    timexes = [timex(text, "t1", "May 2", "2024-05-02")]
    first, second = run(nlp, text, PEOPLE, timexes, quotes)
    assert (first.category, first.actor, first.quote, first.predicate.lemma) == ("STATEMENT", "e1", "q1", "say")
    assert (first.date.value, first.date.source, first.date.timex) == ("2024-05-02", "timex", "t1")
    assert (second.category, second.actor, second.target, second.quote) == ("DISAPPROVE", "e1", "e3", "q2")
    assert (second.date.value, second.date.source) == ("2024-05-02", "narrative")


def test_dates_timex_then_narrative_then_publication_always_explicit(nlp):
    text = ("On March 4, Ostravia expelled two diplomats from Belmark. Ostravia also recalled its ambassador "
            "from Belmark.\n\nOstravia imposed sanctions on Belmark.")
    timexes = [timex(text, "t1", "March 4", "2024-03-04")]
    dated, narrative, undated = run(nlp, text, PEOPLE, timexes)
    assert (dated.date.source, dated.date.value, dated.date.timex) == ("timex", "2024-03-04", "t1")
    assert (narrative.date.source, narrative.date.value) == ("narrative", "2024-03-04")
    assert (undated.date.source, undated.date.value, undated.date.granularity) == ("publication", "2024-05-20", "day")
    [no_publication] = run(nlp, "Ostravia imposed sanctions on Belmark.", PEOPLE, published=None)
    assert (no_publication.date.source, no_publication.date.value) == ("publication", None)


def test_part_of_period_timex_keeps_its_mod(nlp):
    text = "At the end of January, Ostravia closed its border crossings with Belmark."
    timexes = [timex(text, "t1", "the end of January", "2024-01", "month", "END")]
    [event] = run(nlp, text, PEOPLE, timexes)
    assert (event.date.value, event.date.mod, event.date.granularity) == ("2024-01", "END", "month")


def test_event_noun_subject_dated_by_text_needs_no_actor(nlp):
    text = "The military operation, which began on June 1, 2023, continues."
    timexes = [timex(text, "t1", "June 1, 2023", "2023-06-01")]
    [event] = run(nlp, text, PEOPLE, timexes)
    assert (event.category, event.actor, event.date.value) == ("FIGHT", None, "2023-06-01")


def test_ids_follow_text_order(nlp):
    events = run(nlp, "Ostravia praised Belmark. Belmark thanked Ostravia.", PEOPLE)
    assert [(e.id, e.actor, e.category) for e in events] == [("v1", "e2", "SUPPORT"), ("v2", "e3", "SUPPORT")]
