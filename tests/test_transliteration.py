"""One entity across scripts: Cyrillic names in Latin letters, and the registry joining them (invented articles)."""

from __future__ import annotations

from test_timeline_registry import add, article, person

from newsline.registry import api
from newsline.registry.names import name_key, name_words
from newsline.transliteration import latin


def test_cyrillic_names_in_latin_letters():
    assert latin("Мария Захарова") == "Mariya Zakharova" and latin("Вучич") == "Vuchich"
    assert latin("Кремль") == "Kremlin" and latin("Vučić") == "Vučić"
    assert name_words("Мария Захарова") == "mariya zakharova"
    keys = {name_key(n, "PERSON").full_skeleton for n in ("Мария Захарова", "Maria Zakharova", "Mariya Zakharova")}
    assert len(keys) == 1
    assert len({name_key(n, "PERSON").surname for n in ("Вучич", "Vučić", "Vucic")}) == 1


def test_the_registry_joins_one_person_across_scripts(store):
    ru, en, other = "Мария Захарова заявила.", "Maria Zakharova said.", "Александр Вучич и Aleksandar Vučić."
    add(store, article("a1", ru, "2025-01-01", "vesti.example", [person("e1", ru, "Мария Захарова")], []),
        article("a2", en, "2025-01-02", "daily-planet.example", [person("e1", en, "Maria Zakharova")], []),
        article("a3", other, "2025-01-03", "vesti.example", [person("e1", other, "Александр Вучич")], []),
        article("a4", "Vucic spoke.", "2025-01-04", "daily-planet.example",
                [person("e1", "Vucic spoke.", "Vucic")], []))
    people = api.entities(store, type_="PERSON")
    assert sorted(e.articles for e in people) == [2, 2]
    assert [e.name for e in store.find_entities("Mariya Zakharova")] == [e.name for e in store.find_entities("Захарова")]
    assert len(store.find_entities("Vučić")) == 1 and store.find_entities("Вучич") == store.find_entities("Vucic")
