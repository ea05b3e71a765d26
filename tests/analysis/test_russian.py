"""Russian analysis (the ``ru`` language pack) on invented texts: entities with normal forms, quotes and reported
speech with their speakers, TIMEX3 values, the Article contract."""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import REPO

import newsline
from newsline.analysis.lang import pack_for
from newsline.model import Article

PUBLISHED = "2025-02-14"  # a Friday
TEXT = (
    "Соколова: порт Вельморы закроют на ночь\n\n"
    "МОСКВА, 14 февраля. /ТАСС/. Официальный представитель МИД Вельморы Анна Соколова заявила 13 февраля, "
    "что ночные смены в порту будут отменены. По словам Соколовой, решение приняли на прошлой неделе.\n\n"
    "«Мы не можем платить за ночные смены», — сказала дипломат.\n\n"
    "Она также отметила, что порт вновь откроется в конце марта.\n\n"
    "Глава порта Игорь Лебедев сказал: «Рабочие получат компенсацию».\n\n"
    "«Работа остановилась, - подчеркнул Лебедев. - Мы начнем переговоры в понедельник».\n\n"
    "Профсоюз потребует повышения зарплат. Об этом накануне сообщил Лебедев.\n"
)


@pytest.fixture(scope="module")
def analysed() -> Article:
    return newsline.analyze(TEXT, published=PUBLISHED)


def _entity_of(a: Article, quote_text: str) -> str:
    quote = next(q for q in a.quotes if quote_text in q.content.text)
    entity = next(e for e in a.entities if e.id == quote.speaker)
    return entity.name


def test_russian_is_analysed_by_its_pack(analysed):
    assert analysed.language == "ru"
    assert analysed.analysis.status == "ok" and analysed.analysis.model == pack_for("ru").MODEL
    assert analysed.sentences and analysed.sentences[0].start == 0
    assert TEXT[analysed.sentences[0].start:analysed.sentences[0].end] == "Соколова: порт Вельморы закроют на ночь"


def test_one_entity_per_person_whatever_the_case_with_the_role_in_apposition(analysed):
    [sokolova] = [e for e in analysed.entities if e.name == "Анна Соколова"]
    assert sokolova.type == "PERSON"
    forms = {(m.text, m.kind) for m in sokolova.mentions}
    assert {("Анна Соколова", "name"), ("Соколовой", "short_name"), ("Она", "pronoun")} <= forms
    assert ("Официальный представитель МИД Вельморы", "role") in forms
    assert any("представитель" in role for role in sokolova.roles)
    assert len([e for e in analysed.entities if "Лебедев" in e.name]) == 1


def test_quotes_and_reported_speech_with_their_speakers(analysed):
    kinds = {q.content.text: q.kind for q in analysed.quotes}
    assert kinds["ночные смены в порту будут отменены"] == "indirect"  # заявила, что ...
    assert kinds["решение приняли на прошлой неделе"] == "indirect"  # по словам X, ...
    assert kinds["Мы не можем платить за ночные смены"] == "direct"  # «...», — сказала X
    assert kinds["Рабочие получат компенсацию"] == "direct"  # X сказал: «...»
    assert kinds["Работа остановилась"] == kinds["Мы начнем переговоры в понедельник"] == "direct"  # split by its cue
    assert kinds["порт Вельморы закроют на ночь"] == "indirect"  # headline "Соколова: ..."
    assert kinds["Профсоюз потребует повышения зарплат"] == "indirect"  # Об этом сообщил X
    for content in ("ночные смены в порту", "решение приняли", "Мы не можем платить",  # role: дипломат
                    "порт вновь откроется", "порт Вельморы закроют"):  # pronoun: она; headline surname
        assert _entity_of(analysed, content) == "Анна Соколова", content
    for content in ("Рабочие получат", "Работа остановилась", "Мы начнем переговоры", "Профсоюз потребует"):
        assert _entity_of(analysed, content) == "Игорь Лебедев", content
    direct = next(q for q in analysed.quotes if q.content.text.startswith("Мы не можем"))
    assert direct.cue.text == "сказала" and direct.source.text == "дипломат"


def test_time_expressions_are_anchored_on_the_publication_date(analysed):
    values = {t.span.text: (t.value, t.mod) for t in analysed.timexes}
    assert values["13 февраля"] == ("2025-02-13", None)
    assert values["14 февраля"] == ("2025-02-14", None)
    assert values["прошлой неделе"] == ("2025-W06", None)
    assert values["конце марта"] == ("2025-03", "END")
    assert values["накануне"] == ("2025-02-13", None)
    assert values["понедельник"] == ("2025-02-17", None)  # "начнем" is future: the coming Monday


def test_abbreviated_months_and_clock_times():
    a = newsline.analyze("МОСКВА, 13 фев, 11:56 - РИА Новости. Анна Соколова заявила, что порт откроют 2 мар.",
                         published="2025-02-13")
    assert [(t.span.text, t.value) for t in a.timexes] == [("13 фев, 11:56", "2025-02-13T11:56"),
                                                           ("2 мар", "2025-03-02")]


def test_without_a_publication_date_relative_expressions_stay_unresolved():
    a = newsline.analyze("Анна Соколова заявила накануне, что порт закроют 13 февраля.")
    [eve, feb] = a.timexes
    assert not eve.resolved and eve.value is None and eve.reason
    assert not feb.resolved and feb.value == "XXXX-02-13"


def test_the_article_contract_holds_for_russian(analysed):
    schema = json.loads((REPO / "docs" / "article.schema.json").read_text())
    data = analysed.to_dict()
    jsonschema.Draft202012Validator(schema).validate(data)
    assert Article.from_dict(json.loads(json.dumps(data))) == analysed


def test_a_language_without_a_pack_is_still_skipped():
    article = newsline.analyze("Die Hafenbehörde von Velmora teilte am Montag mit, dass die Nachtschichten enden.")
    assert article.language == "de" and article.analysis.status == "skipped"
    assert "en, ru" in article.analysis.reason and not article.sentences
