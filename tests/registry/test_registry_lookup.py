"""Entity lookup that does not surprise: the consonant skeleton finds candidates, a close spelling decides;
unnamed sources stay out of the registry; non-Latin names keep their letters (hand-built, invented articles)."""

from __future__ import annotations

import pytest
from stored_articles import add, article, person

from newsline.model import Entity, Mention
from newsline.registry import api
from newsline.registry.names import plausible
from newsline.timeline import UnknownEntity


def test_a_shared_skeleton_alone_decides_nothing():
    assert plausible("vuchich", "vucic") and plausible("zelenskiy", "zelenskyy")
    assert not plausible("palosi", "plus")  # one skeleton (p-l-s), two names
    assert not plausible("nan", "nana")  # too short for a variant
    assert not plausible("velmora plus", "palosi")


def test_looking_up_a_surname_offers_only_close_spellings(store):
    a = "Speaker Vera Palosi spoke in Tarnow."
    b = "Velmora Plus said subscriptions rose."  # a streaming service the tagger took for a person
    add(store, article("a1", a, "2024-01-01", "daily-planet.example", [person("e1", a, "Vera Palosi")], []),
        article("a2", b, "2024-01-02", "daily-planet.example", [person("e1", b, "Velmora Plus")], []))
    assert [e.name for e in store.find_entities("Palosi")] == ["Vera Palosi"]
    assert [e.name for e in store.find_entities("Palossi")] == ["Vera Palosi"]  # a misspelling still finds her
    assert [e.name for e in store.find_entities("Plus")] == ["Velmora Plus"]
    with pytest.raises(UnknownEntity):
        api.entity(store, "nan")


def test_a_surname_only_mention_never_joins_a_person_by_skeleton_alone(store):
    a = "Speaker Vera Palosi spoke in Tarnow."
    b = "Plus said the deal was off."
    add(store, article("a1", a, "2024-01-01", "daily-planet.example", [person("e1", a, "Vera Palosi")], []),
        article("a2", b, "2024-01-02", "daily-planet.example", [person("e1", b, "Plus")], []))
    assert len(api.entities(store, type_="PERSON")) == 2


def test_unnamed_sources_and_documents_are_not_corpus_entities(store):
    a = "A senior defence official said the drills would end. The communique says talks resume."
    at, doc = a.index("senior defence official"), a.index("communique")
    entities = [Entity("e1", "senior defence official", "UNNAMED", [Mention(at, at + 23, "senior defence official", "role")]),
                Entity("e2", "communique", "DOCUMENT", [Mention(doc, doc + 10, "communique", "role")])]
    add(store, article("a1", a, "2024-01-01", "daily-planet.example", entities, []),
        article("a2", a + " ", "2024-01-02", "other.example", entities, []))
    assert api.entities(store) == []
    with pytest.raises(UnknownEntity):
        api.entity(store, "senior defence official")


def test_cyrillic_names_are_distinct_entities(store):
    a = "Мария Захарова и Владимир Зеленский."
    add(store, article("a1", a, "2024-01-01", "daily-planet.example",
                       [person("e1", a, "Мария Захарова"), person("e2", a, "Владимир Зеленский")], []))
    assert sorted(e.name for e in api.entities(store)) == ["Владимир Зеленский", "Мария Захарова"]
    assert api.entity(store, "мария захарова").entity.name == "Мария Захарова"
