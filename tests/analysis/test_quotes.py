"""Quotes and reported speech on team-written sentences: every quotation-mark style and reporting form."""

from __future__ import annotations

import pytest

from newsline.analysis.pipeline import new_article
from newsline.analysis.quotations import find_quoted
from newsline.claims import outlet_claims
from newsline.model import Article, Quote


def analyse(analyzer, text: str) -> Article:
    return analyzer.analyze(new_article(text))


def speaker_name(article: Article, quote: Quote) -> str | None:
    return next((e.name for e in article.entities if e.id == quote.speaker), None)


def quote_containing(article: Article, words: str) -> Quote:
    found = [q for q in article.quotes if words in q.content.text]
    assert found, f"no quote content contains {words!r}: {[q.content.text for q in article.quotes]}"
    return found[0]


@pytest.mark.parametrize("text, expected", [
    ("He said “we will win” today.", ["“we will win”"]),
    ("Er sagte „wir gewinnen“ heute.", ["„wir gewinnen“"]),
    ("Il a dit «nous gagnons» hier.", ["«nous gagnons»"]),
    ("Han sa »vi vinner« i dag.", ["»vi vinner«"]),
    ("She said ‘we will win’ today.", ["‘we will win’"]),
    ("Il a dit ‹nous gagnons› hier.", ["‹nous gagnons›"]),
    ('She said "we will win" today.', ['"we will win"']),
    ("She said 'we will win' today.", ["'we will win'"]),
])
def test_every_quotation_mark_style(text, expected):
    assert [text[q.start : q.end] for q in find_quoted(text)] == expected


def test_nested_quotes_and_apostrophes():
    text = "He said “the motto is “all for one,” and we don’t forget the Smiths’ help.”"
    found = [(text[q.start : q.end], q.depth) for q in find_quoted(text)]
    assert found == [(text[8:], 0), ("“all for one,”", 1)]
    ascii_text = 'She said "they shouted \'never again\' at us" loudly.'
    assert [ascii_text[q.start : q.end] for q in find_quoted(ascii_text)] == [
        '"they shouted \'never again\' at us"', "'never again'"]


def test_a_quote_continues_into_the_next_paragraph_only_when_it_reopens():
    text = "“The first part.\n\n“The second part,” she said.\n\n“Unclosed\n\nplain paragraph."
    assert [text[q.start : q.end] for q in find_quoted(text)] == ["“The first part.\n\n“The second part,”"]


def test_direct_quote_with_cue_after_and_before(analyzer):
    article = analyse(analyzer, (
        "“The harbour will reopen next spring after the repairs,” Mayor Tomas Berg said on Monday.\n\n"
        "Fisheries minister Ana Kovač told reporters: “Our boats have waited long enough for this.”"
    ))
    first = quote_containing(article, "harbour will reopen")
    assert first.kind == "direct" and speaker_name(article, first) == "Tomas Berg"
    assert first.cue is not None and "said" in first.cue.text
    second = quote_containing(article, "boats have waited")
    assert second.kind == "direct" and speaker_name(article, second) == "Ana Kovač"


def test_multi_sentence_quote_nested_quote_and_continuation_paragraph(analyzer):
    article = analyse(analyzer, (
        "“We warned them. We told them that “the river does not wait for anyone,” and they laughed,” said "
        "Vesna Kralj, the head of the Lakeside flood office.\n\n"
        "“Next year we will build the wall ourselves if nobody else does it.”\n\n"
        "The council has not replied."
    ))
    first = quote_containing(article, "We warned them. We told them")
    assert first.kind == "direct" and speaker_name(article, first) == "Vesna Kralj"
    assert "the river does not wait" in first.content.text  # the nested quote stays inside
    follow = quote_containing(article, "Next year we will build")
    assert follow.kind == "direct" and follow.speaker == first.speaker
    assert follow.cue is None and follow.confidence < first.confidence
    assert article.sentences[-1].voice == "outlet"


@pytest.mark.parametrize("verb", ["said", "stressed", "noted", "added", "announced", "warned", "claimed"])
def test_reported_speech_verbs(analyzer, verb):
    article = analyse(analyzer, f"Harbour director Erik Lund {verb} that the new cranes would arrive in May.")
    quote = quote_containing(article, "the new cranes would arrive in May")
    assert quote.kind == "indirect"
    assert speaker_name(article, quote) == "Erik Lund" and quote.cue is not None and verb in quote.cue.text


def test_told_without_that_and_clause_before_the_cue(analyzer):
    article = analyse(analyzer, (
        "Ana Kovač told the council the quotas were fair. The fleet will stay in port, Tomas Berg said."
    ))
    told = quote_containing(article, "the quotas were fair")
    assert speaker_name(article, told) == "Ana Kovač"
    fleet = quote_containing(article, "The fleet will stay in port")
    assert speaker_name(article, fleet) == "Tomas Berg"


def test_according_to_opinion_and_believes(analyzer):
    article = analyse(analyzer, (
        "Vesna Kralj leads the Lakeside flood office. According to Kralj, the river will rise again in April. "
        "In her opinion, the old wall cannot hold. Erik Lund believes the wall is strong enough."
    ))
    according = quote_containing(article, "the river will rise again")
    assert speaker_name(article, according) == "Vesna Kralj" and according.cue.text == "According to"
    opinion = quote_containing(article, "the old wall cannot hold")
    assert speaker_name(article, opinion) == "Vesna Kralj" and opinion.source.text == "her"
    believes = quote_containing(article, "the wall is strong enough")
    assert speaker_name(article, believes) == "Erik Lund"


def test_passive_statement_points_back_to_the_previous_sentence(analyzer):
    article = analyse(analyzer, (
        "The new bridge will double the traffic through Lakeside. Such a statement was made on Monday by the "
        "mayor of Lakeside, Tomas Berg."
    ))
    quote = quote_containing(article, "The new bridge will double the traffic")
    assert speaker_name(article, quote) == "Tomas Berg"
    assert article.sentences[0].voice == "attributed"


def test_mixed_quote_is_indirect_speech_with_a_quoted_fragment(analyzer):
    article = analyse(analyzer, (
        "Ana Kovač said that the quota system was “a disgrace to every honest fisherman” and should go."
    ))
    quote = quote_containing(article, "a disgrace to every honest fisherman")
    assert quote.kind == "mixed" and speaker_name(article, quote) == "Ana Kovač"


def test_unnamed_sources_are_unnamed_entities_never_a_named_person(analyzer):
    article = analyse(analyzer, "Tomas Berg opened the bridge. Officials said that the bridge would close for a week.")
    quote = quote_containing(article, "the bridge would close")
    assert quote.source is not None and quote.source.text == "Officials"
    (speaker,) = [e for e in article.entities if e.id == quote.speaker]
    assert (speaker.type, speaker.name) == ("UNNAMED", "Officials")


def test_a_campaign_speaks_for_itself_not_for_its_candidate(analyzer):
    article = analyse(analyzer, (
        "Tomas Berg's campaign said on Monday that the mayor would debate twice. "
        "The campaign added that Berg had raised $2 million."
    ))
    for words in ("the mayor would debate twice", "Berg had raised"):
        assert speaker_name(article, quote_containing(article, words)) == "Berg campaign"
    (campaign,) = [e for e in article.entities if e.name == "Berg campaign"]
    assert campaign.type == "ORG"


def test_role_description_and_organisation_pronoun_speakers(analyzer):
    article = analyse(analyzer, (
        "Green Party nominee Tomas Berg and Labour Party nominee Erik Lund met voters in Lakeside on Monday. "
        "The Green nominee said the bridge would reopen in May.\n\n"
        "The Lakeside Harbour Commission rejected the plan on Tuesday. It said the costs were too high."
    ))
    assert speaker_name(article, quote_containing(article, "the bridge would reopen")) == "Tomas Berg"
    assert speaker_name(article, quote_containing(article, "the costs were too high")) == "Lakeside Harbour Commission"


def test_voices_and_claims(analyzer):
    article = analyse(analyzer, (
        "The storm reached Lakeside on Tuesday. Mayor Tomas Berg said that the damage was limited. "
        "Three boats sank in the harbour."
    ))
    assert [s.voice for s in article.sentences] == ["outlet", "attributed", "outlet"]
    assert [c.text for c in outlet_claims(article)] == [
        "The storm reached Lakeside on Tuesday.", "Three boats sank in the harbour."]


def test_the_tagger_runs_as_a_batched_pipeline_component_and_on_a_bare_parse(analyzer):
    from newsline.analysis.pipeline import load_model, load_spacy
    from newsline.analysis.quotes.tagger import SPANS_KEY, tagged_spans

    texts = ["Mayor Tomas Berg said that the harbour would reopen on Friday.",
             "“We will not pay,” the fishermen's union said in a statement."]
    nlp = load_model()
    assert nlp.pipe_names[-1] == SPANS_KEY
    batched = [[(s.label_, s.text) for s in tagged_spans(doc)] for doc in nlp.pipe(texts, batch_size=2)]
    assert ("CUE", "said") in batched[0] and ("SOURCE", "Mayor Tomas Berg") in batched[0]
    bare = load_spacy()(texts[0])  # parsed without the component: tagged on demand, the same spans
    assert SPANS_KEY not in bare.spans
    assert [(s.label_, s.text) for s in tagged_spans(bare)] == batched[0]


def test_tagged_spans_group_around_the_nearest_cue_of_their_paragraph(analyzer):
    from newsline.analysis.quotes.attributions import from_tagger

    doc = analyzer.nlp("Berg said the port will close. The bridge stays open, Lund added.\n\nThe ferry sails.")

    def span(label: str, text: str):
        start = doc.text.index(text)
        return doc.char_span(start, start + len(text), label=label)

    spans = [span("SOURCE", "Berg"), span("CUE", "said"), span("CONTENT", "the port will close"),
             span("CONTENT", "The bridge stays open"), span("SOURCE", "Lund"), span("CUE", "added"),
             span("CONTENT", "The ferry sails")]  # another paragraph, no cue there: left to the rules
    found = from_tagger(doc, spans, [])
    assert [(doc[f.source[0]:f.source[1]].text, doc[f.cue[0]:f.cue[1]].text, doc[f.content[0]:f.content[1]].text)
            for f in found] == [("Berg", "said", "the port will close"), ("Lund", "added", "The bridge stays open")]


def test_a_tagged_cue_without_source_takes_its_verbs_subject(analyzer):
    from newsline.analysis.quotes.attributions import _merge
    from newsline.analysis.quotes.rules import Found

    doc = analyzer.nlp("The harbour master insisted the ferries would sail.")
    tagged = [Found("indirect", (4, 8), None, (3, 4), 0.75)]
    (found,) = _merge(doc, tagged, [])
    assert found.source is not None and doc[found.source[0]:found.source[1]].text == "The harbour master"


def test_a_tagged_content_run_over_the_next_speakers_cue_gives_way_to_the_rules(analyzer):
    from newsline.analysis.quotes.attributions import _merge
    from newsline.analysis.quotes.rules import Found, find_attributions

    doc = analyzer.nlp("Velmora has claimed that it never blocked the shipments, but Tarnow has argued that it"
                       " still could not deliver them because of insurance rules.")

    def rng(text: str) -> tuple[int, int]:
        span = doc.char_span(doc.text.index(text), doc.text.index(text) + len(text))
        return span.start, span.end
    # the tagger's content runs over "but Tarnow has argued", and both contents then join Velmora's cue
    tagged = [Found("indirect", rng("that it never blocked the shipments, but Tarnow has argued"), rng("Velmora"),
                    rng("has claimed"), 0.75),
              Found("indirect", rng("that it still could not deliver them because of insurance rules"), rng("Velmora"),
                    rng("has claimed"), 0.75)]
    found = _merge(doc, tagged, find_attributions(doc, []))
    assert [(doc[slice(*f.source)].text, doc[slice(*f.cue)].text, doc[slice(*f.content)].text) for f in found] == [
        ("Velmora", "has claimed", "that it never blocked the shipments"),
        ("Tarnow", "has argued", "that it still could not deliver them because of insurance rules")]


@pytest.mark.parametrize("text, mediators", [
    # the parser makes "announced" the complement of "agreed"
    ("Velmora's rival parties have agreed to a new short-term truce, Ruritanian and Tarnish mediators announced on"
     " Saturday, after several earlier attempts failed.", "Ruritanian and Tarnish"),
    # ... or a relative clause of "ceasefire"
    ("TARNOW — Velmora’s warring factions have agreed to a new short-term ceasefire, Ruritanian and Bordurian"
     " mediators announced on Saturday, after several previous attempts to broker a truce that holds have failed.",
     "Ruritanian and Bordurian"),
])
def test_a_reporting_clause_after_its_content_is_read_however_the_parser_hangs_it(analyzer, text, mediators):
    article = analyse(analyzer, text)
    quote = quote_containing(article, "have agreed to a new short-term")
    assert (quote.source.text, quote.cue.text) == (f"{mediators} mediators", "announced")
    assert quote.content.text.endswith(("have agreed to a new short-term truce", "to a new short-term ceasefire"))
    assert speaker_name(article, quote) == mediators  # the group, not the unnamed phrase


def test_quoted_words_inside_what_a_verb_names_make_one_mixed_quote(analyzer):
    # "highlighted" names what was said as its objects; the quotation closing the list is part of it, not a direct
    # quote of its own (the parser hangs its closing mark from the verb)
    article = analyse(analyzer, "Mr Berg said: “This vote will take place at a time when the world is more"
                                " dangerous.”\n\nHe highlighted Tarnow’s invasion of Velmora, the tensions in the"
                                " region relating to the border conflict, Ruritania’s efforts to “dominate the century”"
                                " and migration “being weaponised by hostile states to threaten the integrity of our"
                                " borders”.")
    quote = quote_containing(article, "Tarnow’s invasion")
    assert quote.kind == "mixed" and quote.cue.text == "highlighted"
    assert quote.content.text.endswith("to threaten the integrity of our borders”")
    assert not any(q.kind == "direct" and "being weaponised" in q.content.text for q in article.quotes)


def test_a_quotation_inside_the_clause_said_makes_a_mixed_quote_of_the_clause(analyzer):
    article = analyse(analyzer, 'The answers to the crisis are "not meeting the demand," says Ivo Brenholt, founder of'
                                ' Velmora Veterans. "We often compare it to the early days of the flu epidemic," he said.')
    quote = quote_containing(article, "not meeting the demand")
    assert quote.kind == "mixed" and quote.content.text.startswith("The answers to the crisis are")
    assert speaker_name(article, quote) == "Ivo Brenholt"


def test_a_content_opening_the_story_starts_after_its_dateline(analyzer):
    article = analyse(analyzer, "TARNOW — Velmora’s warring factions have agreed to a new short-term ceasefire,"
                                " Ruritanian and Bordurian mediators announced on Saturday, after several previous"
                                " attempts to broker a truce that holds have failed.")
    assert article.zones and article.zones[0].kind == "dateline"
    quote = quote_containing(article, "have agreed to a new short-term ceasefire")
    assert quote.content.text.startswith("Velmora’s warring factions")


def test_a_misparsed_title_before_a_name_still_resolves_to_the_person(analyzer):
    from newsline.analysis.entities import find_entities
    from newsline.analysis.quotes.speakers import MentionIndex, resolve_speaker

    doc = analyzer.nlp("Lakeside police Chief Anna Vidal said the road was closed. Sen. Erik Lund (G-Lak.) agreed.")
    entities = find_entities(doc)
    index = MentionIndex(doc, entities)
    names = {e.id: e.name for e in entities}
    for source in ("Lakeside police Chief Anna Vidal", "Sen. Erik Lund (G-Lak.)"):
        span = doc.char_span(doc.text.index(source), doc.text.index(source) + len(source))
        speaker, _ = resolve_speaker(doc, (span.start, span.end), index)
        assert names.get(speaker) in ("Anna Vidal", "Erik Lund"), (source, speaker, names)


def test_a_participle_cue_speaks_for_the_subject_of_its_clause(analyzer):
    article = analyse(analyzer, (
        "Mayor Tomas Berg said the harbour would reopen on Friday, adding that the ferries would be free for a week."
    ))
    assert speaker_name(article, quote_containing(article, "the ferries would be free")) == "Tomas Berg"
