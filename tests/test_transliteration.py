"""One entity across scripts: Cyrillic names in Latin letters, the registry joining them, and a Russian item and
its English translation in one story through their names (invented articles)."""

from __future__ import annotations

from stored_articles import add, article, person

import newsline
from newsline.identity import new_article
from newsline.registry import api
from newsline.registry.names import name_key, name_words
from newsline.stories.assign import StoryConfig
from newsline.stories.rebuild import rebuild
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
    zakharova = [e.name for e in store.find_entities("Mariya Zakharova")]
    assert zakharova == [e.name for e in store.find_entities("Захарова")] == ["Maria Zakharova"]
    assert len(store.find_entities("Vučić")) == 1 and store.find_entities("Вучич") == store.find_entities("Vucic")


RUSSIAN_ITEM = (
    "Соколова: порт Вельморы закроют на ночь\n\n"
    "Официальный представитель МИД Вельморы Анна Соколова заявила 13 февраля, что ночные смены в порту Вельморы "
    "будут отменены. По словам Соколовой, решение согласовал начальник порта Игорь Лебедев.\n"
)
ENGLISH_TRANSLATION = (
    "Sokolova: Velmora port to close at night\n\n"
    "Velmora's Foreign Ministry spokeswoman Anna Sokolova said on February 13 that night shifts at the port of "
    "Velmora would be cancelled. According to Sokolova, the decision was agreed by port chief Igor Lebedev.\n"
)
UNRELATED = (
    "Brenholt opens a new bridge\n\nThe city of Brenholt opened its new river bridge on Thursday after four years of "
    "building, mayor Tomas Ekberg said. The bridge carries trams and cyclists across the Esk.\n"
)


def test_a_russian_item_and_its_english_translation_share_a_story(store, analyzer):
    articles = [newsline.Article.from_dict(a.to_dict()) for a in (
        new_article(RUSSIAN_ITEM, url="https://vesti.example.ru/1", published="2025-02-13"),
        new_article(ENGLISH_TRANSLATION, url="https://harbour.example.com/1", published="2025-02-14"),
        new_article(UNRELATED, url="https://bridges.example.com/2", published="2025-02-14"))]
    analysed = list(analyzer.analyze_many(articles))
    assert [a.language for a in analysed] == ["ru", "en", "en"]
    store.add_articles([(a, "test") for a in analysed])
    rebuild(store, StoryConfig())
    story = {m.article_id: m.story_id for m in store.story_members(article_ids=[a.id for a in analysed])}
    ru, en, other = (story[a.id] for a in analysed)
    assert ru == en != other  # the names, in Latin letters, are what the two languages share
