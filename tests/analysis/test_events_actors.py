"""Event actors and dates on real-news constructions (issue 13): datelines, deadlines, reporting clauses after their
content, role descriptions, indefinite institutions, crowds of a protest, dates that belong to a noun. Every
sentence is the team's own; each test fails without its rule."""

from __future__ import annotations

from spacy.tokens import Doc

from newsline.analysis.entities.coref import _named_after_place
from newsline.analysis.pipeline import load_model, new_article
from newsline.model import UNNAMED, Article, Event

FRIDAY = "2024-03-08"


def analysed(analyzer, text: str, published: str | None = FRIDAY) -> Article:
    return analyzer.analyze(new_article(text, published=published))


def actor_name(article: Article, event: Event) -> str | None:
    return {e.id: e.name for e in article.entities}.get(event.actor or "")


def only(article: Article, lemma: str) -> Event:
    found = [e for e in article.events if e.predicate.lemma == lemma]
    assert len(found) == 1, [(e.predicate.lemma, e.category, e.date.value) for e in article.events]
    return found[0]


def test_a_datelines_place_is_no_participant(analyzer):
    article = analysed(analyzer, "Velmora Herald buys rival\nTARNOW, Ruritania - Billionaire Daniel Morrow met the "
                                 "Velmoran finance minister on Thursday.")
    met = only(article, "meet")
    assert (actor_name(article, met), met.date.value) == ("Daniel Morrow", "2024-03-07")  # not "TARNOW and ..."


def test_a_datelines_place_read_as_a_second_subject_is_not_the_actor(analyzer):
    article = analysed(analyzer, "TARNOW, Ruritania (Velmora Wire) - Ruritania and Borduria signed a truce on "
                                 "Tuesday, officials said.")
    signed = only(article, "sign")
    assert (actor_name(article, signed), signed.date.value) == ("Ruritania and Borduria", "2024-03-05")
    assert not any(e.name.startswith("TARNOW and") for e in article.entities)


def test_an_institution_named_by_its_seat_is_the_actor(analyzer):
    # metonymy: "the Kremlin", "the White House" act as institutions (not a building, not the spokesman)
    article = analysed(analyzer, "The Kremlin on Thursday rejected the proposal. The White House announced new "
                                 "sanctions on Friday.")
    rejected, announced = only(article, "reject"), only(article, "announce")
    types = {e.id: e.type for e in article.entities}
    assert (actor_name(article, rejected), types[rejected.actor], rejected.date.value) == ("Kremlin", "ORG", "2024-03-07")
    assert (actor_name(article, announced), types[announced.actor], announced.date.value) == ("White House", "ORG", FRIDAY)


def test_a_clause_placed_before_now_by_previously_takes_no_narrative_date(analyzer):
    article = analysed(analyzer, "On Monday, Brenholt met Morrow in Tarnow. Ostravia has previously said Velmora must "
                                 "act first.")
    said = only(article, "say")
    assert (said.date.value, said.date.source) == (FRIDAY, "publication")  # reported on, not Monday's


def test_a_role_description_keeps_the_name_the_parser_cut_off(analyzer):
    article = analysed(analyzer, "Ruritanian leader Helen Stroud faced a revolt by Tarnow Group chief Daniel Morrow "
                                 "in June.\nThe head of the Ruritanian mercenary Tarnow Group surfaced in Velmar Monday.")
    surfaced = only(article, "surface")
    assert (actor_name(article, surfaced), surfaced.date.value) == ("Daniel Morrow", "2024-03-04")


def test_an_acting_indefinite_institution_and_deadlines(analyzer):
    article = analysed(analyzer, "A Ruritanian court gave Daniel Morrow until Friday to sell his shares. He had until "
                                 "Friday to do so or face a trial.")
    court = next(e for e in article.entities if e.name == "Ruritanian court")
    assert court.type == "ORG"
    gave, had = only(article, "give"), only(article, "have")
    assert (gave.actor, gave.date.value, gave.date.source) == (court.id, FRIDAY, "timex")
    assert (actor_name(article, had), had.date.value) == ("Daniel Morrow", FRIDAY)
    objects = analysed(analyzer, "Ostravia asked a Ruritanian court for help on Monday.")
    assert not any(e.name == "Ruritanian court" for e in objects.entities)  # not acting: no particular court


def test_the_speakers_of_a_reporting_clause_after_its_content(analyzer):
    for text in ("The rebels have agreed to a seven-day humanitarian ceasefire, the United Provinces and Borduria "
                 "said Saturday.",
                 "Warring sides in Velmora have reached an agreement for a seven-day humanitarian ceasefire, the "
                 "Ruritanian Federation and Borduria said Saturday in a joint statement."):
        article = analysed(analyzer, text)
        said = only(article, "say")
        assert actor_name(article, said) in ("United Provinces and Borduria", "Ruritanian Federation and Borduria")
        assert said.date.value == "2024-03-02"


def test_a_dated_participle_on_a_noun_is_what_happened_to_it(analyzer):
    article = analysed(analyzer, "Daniel Morrow led by 12 points in a Velmora Herald poll published on Thursday.")
    published = only(article, "publish")
    assert (actor_name(article, published), published.date.value) == ("Velmora Herald", "2024-03-07")


def test_a_protest_that_names_no_one_is_its_crowds_on_its_own_date(analyzer):
    article = analysed(analyzer, "Protests in Tarnow on Saturday against the new fuel tax have heightened tensions "
                                 "with Ostravia.")
    [crowd] = [e for e in article.entities if e.type == UNNAMED]
    assert crowd.name == "protesters in Tarnow" and [m.text for m in crowd.mentions] == ["Protests"]
    protest = only(article, "protest")
    assert (protest.actor, protest.category, protest.date.value) == (crowd.id, "PROTEST", "2024-03-02")
    named = analysed(analyzer, "Farmers' protests in Tarnow on Saturday have heightened tensions with Ostravia.")
    assert not any(e.type == UNNAMED for e in named.entities)  # the farmers are named


def test_a_date_modifying_a_noun_dates_that_noun_not_the_clause_or_the_narrative(analyzer):
    election = analysed(analyzer, "Daniel Morrow criticised the plans for a June 4 election in Velmora.")
    assert only(election, "criticise").date.source == "publication"
    article = analysed(analyzer, "Daniel Morrow welcomed his April agreement with Ostravia. He also criticised "
                                 "Borduria.", "2024-06-20")
    agreement = only(article, "agreement")
    assert (actor_name(article, agreement), agreement.category, agreement.date.value) == ("Daniel Morrow", "AGREE",
                                                                                          "2024-04")
    assert only(article, "criticise").date.source == "publication"  # April is the agreement's, not the story's
    setting = analysed(analyzer, "In Thursday's statement, Daniel Morrow criticised Borduria.")
    assert only(setting, "criticise").date.value == "2024-03-07"  # a noun that sets the scene dates the clause


def test_a_place_opening_a_longer_name_is_part_of_it():
    nlp = load_model()
    words = ["The", "Caspian", "Sea", "Grain", "Initiative", "expired", "."]
    doc = Doc(nlp.vocab, words=words, heads=[4, 2, 4, 4, 5, 5, 5],
              deps=["det", "compound", "compound", "compound", "nsubj", "ROOT", "punct"],
              pos=["DET", "PROPN", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"], ents=["O", "B-LOC", "I-LOC", "O", "O",
                                                                                     "O", "O"])
    name = _named_after_place(doc.ents[0])
    assert (name.text, name.label_) == ("Caspian Sea Grain Initiative", "ORG")
    title = Doc(nlp.vocab, words=["Ruritanian", "President", "Morrow", "left"], heads=[2, 2, 3, 3],
                deps=["compound", "compound", "nsubj", "ROOT"], pos=["PROPN", "PROPN", "PROPN", "VERB"],
                ents=["B-NORP", "O", "B-PERSON", "O"])
    assert _named_after_place(title.ents[0]).text == "Ruritanian"  # a title, and another name: not one name
