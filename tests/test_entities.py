"""Entities within one article: names, spelling variants, label fixing, roles and pronouns (team-written text)."""

from __future__ import annotations

import pytest

from newsline.analysis.entities import find_entities
from newsline.analysis.entities.names import fold, guess_gender, same_given_name, same_surname
from newsline.model import Entity


@pytest.fixture(scope="module")
def nlp():
    from newsline.analysis.pipeline import load_model

    return load_model()


def entity_with(entities: list[Entity], text: str) -> Entity:
    owners = [e for e in entities if any(m.text == text for m in e.mentions)]
    assert len(owners) == 1, f"{text!r} is a mention of {[e.name for e in owners]}"
    return owners[0]


def test_fold_is_diacritics_insensitive_and_drops_possessives():
    assert fold("Vučić’s") == "vucic"
    assert fold("Šimić") == fold("Simic")


def test_spelling_variants_and_initials():
    assert same_given_name("alexander", "aleksandar")
    assert same_given_name("j", "john")
    assert not same_given_name("bill", "hillary")
    assert same_surname("zelensky", "zelenskyy") and same_surname("zelenskiy", "zelensky")
    assert not same_surname("clinton", "clifton")
    assert guess_gender(["maria", "zakharova"]) == "female"
    assert guess_gender(["dmitry", "peskov"]) == "male"


def test_variants_of_one_name_are_one_entity(nlp):
    doc = nlp(
        "Prime Minister Aleksandar Horvatović visited Novigrad on Monday. Later, Alexander Horvatovic met "
        "farmers. Horvatović promised new roads."
    )
    entities = find_entities(doc)
    person = entity_with(entities, "Aleksandar Horvatović")
    texts = {m.text for m in person.mentions}
    assert {"Aleksandar Horvatović", "Alexander Horvatovic", "Horvatović"} <= texts
    assert person.type == "PERSON"
    assert [m.kind for m in person.mentions if m.text == "Horvatović"] == ["short_name"]


def test_a_surname_of_a_person_is_that_person_whatever_spacy_says(nlp):
    doc = nlp(
        "The finance minister of Freedonia, Vesna Kralj, presented the budget on Friday. Kralj said the "
        "deficit would shrink. Critics doubted Kralj."
    )
    person = entity_with(find_entities(doc), "Vesna Kralj")
    assert sum(m.text == "Kralj" for m in person.mentions) == 2
    assert person.type == "PERSON"


def test_appositive_role_and_its_later_mentions(nlp):
    doc = nlp(
        "The plan was criticised by the official representative of the Fisheries Ministry, Ana Kovač. "
        "The official representative of the Fisheries Ministry also said that quotas were too low."
    )
    person = entity_with(find_entities(doc), "Ana Kovač")
    assert "official representative of the Fisheries Ministry" in person.roles
    roles = [m for m in person.mentions if m.kind == "role"]
    assert {m.text for m in roles} == {
        "the official representative of the Fisheries Ministry", "The official representative of the Fisheries Ministry"}


def test_name_then_role_and_title_before_name(nlp):
    doc = nlp(
        "Tomas Berg, the mayor of Lakeside, opened the bridge. Harbour spokesman Erik Lund welcomed it. "
        "The spokesman said traffic would ease."
    )
    entities = find_entities(doc)
    mayor = entity_with(entities, "Tomas Berg")
    assert any(r.startswith("mayor of Lakeside") for r in mayor.roles)
    lund = entity_with(entities, "Erik Lund")
    assert "Harbour spokesman" in lund.roles
    assert any(m.text == "The spokesman" and m.kind == "role" for m in lund.mentions)


def test_pronouns_go_to_the_nearest_person_of_their_gender(nlp):
    doc = nlp(
        "Maria Petrova met Ivan Sokolov in Novigrad. She said the talks went well. He disagreed with her."
    )
    entities = find_entities(doc)
    maria, ivan = entity_with(entities, "Maria Petrova"), entity_with(entities, "Ivan Sokolov")
    assert {m.text for m in maria.mentions if m.kind == "pronoun"} == {"She", "her"}
    assert {m.text for m in ivan.mentions if m.kind == "pronoun"} == {"He"}


def test_a_pronoun_without_a_person_nearby_stays_unresolved(nlp):
    doc = nlp("Rain fell all week in Novigrad. He said nothing.")
    assert not any(m.kind == "pronoun" for e in find_entities(doc) for m in e.mentions)


def test_ids_follow_first_mention_and_mentions_are_offsets(nlp):
    text = "Freedonia and Sylvania signed a treaty. Sylvania ratified it first."
    doc = nlp(text)
    entities = find_entities(doc)
    assert [e.id for e in entities] == [f"e{i}" for i in range(1, len(entities) + 1)]
    for entity in entities:
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text
