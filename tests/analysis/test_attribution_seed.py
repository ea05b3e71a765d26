"""End-to-end on the seed article: who said it (skipped without ../shared)."""

from __future__ import annotations

import pytest

from newsline.analysis.pipeline import new_article
from newsline.ingest import ReadOptions, read_inputs
from newsline.model import Article, Entity
from conftest import SEED, shared_path

pytestmark = pytest.mark.data


@pytest.fixture(scope="module")
def seed(analyzer) -> Article:
    path = shared_path("seed", SEED.name)
    (record,) = list(read_inputs([str(path)], ReadOptions()))
    return analyzer.analyze(new_article(record.text, published=record.published))


def person(article: Article, name: str) -> Entity:
    (entity,) = [e for e in article.entities if e.name.endswith(name.split()[-1]) and e.type == "PERSON"]
    return entity


def contents_of(article: Article, entity: Entity) -> list[str]:
    return [q.content.text for q in article.quotes if q.speaker == entity.id]


def test_zakharova_speaks_four_times_including_the_listed_ones(seed):
    zakharova = person(seed, "Maria Zakharova")
    said = contents_of(seed, zakharova)
    assert len(said) >= 4
    for words in ("The US and EU countries are making great efforts",  # "Such a statement ... was made by"
                  "the current political regime",  # "In her opinion"
                  "allegations of Moscow’s alleged pressure",  # "also stressed that"
                  "Obviously, the West wants"):  # the direct quote
        assert any(words in text for text in said), words
    assert "official representative of the Russian Foreign Ministry" in zakharova.roles


def test_vucic_is_one_entity_with_both_spellings_and_four_attributions(seed):
    vucic = person(seed, "Vučić")
    spellings = {m.text for m in vucic.mentions if m.kind in ("name", "short_name")}
    assert {"Alexander Vučić", "Aleksandar Vučić", "Vučić"} <= spellings
    assert len([e for e in seed.entities if "Vučić" in e.name]) == 1
    assert len(contents_of(seed, vucic)) >= 4


def test_peskov_twice_and_the_last_paragraph_is_the_outlet_voice(seed):
    peskov = person(seed, "Dmitry Peskov")
    assert len(contents_of(seed, peskov)) == 2
    last_paragraph = seed.text.rstrip().rsplit("\n\n", 1)[1]
    start = seed.text.rindex(last_paragraph)
    last = [s for s in seed.sentences if s.start >= start and seed.text[s.start : s.end].strip()]
    assert last and all(s.voice == "outlet" for s in last)
    direct = [q for q in seed.quotes if q.content.text.startswith("“Obviously")]
    assert direct and direct[0].kind == "direct"
