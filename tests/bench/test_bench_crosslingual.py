"""``newsline bench crosslingual``: the scorer on an invented Russian/English set in its format, its relation
classes, bad files, and (when ../shared is present) the real development set."""

from __future__ import annotations

import json

import pytest
from conftest import shared_path
from typer.testing import CliRunner

from newsline.bench.crosslingual import crosslingual_class, read_crosslingual, score_crosslingual
from newsline.cli import app
from newsline.errors import InputFileError

RUSSIAN = ("Бренхольт: порт Вельморы закроют на ночь\n\n"
           "ВЕЛЬМОРА, 3 марта. Начальник порта Вельморы Йован Петрович заявил в понедельник, что ночные смены "
           "в порту будут отменены.\n\n«Мы не можем за них платить», — сказал Петрович.\n")
ENGLISH = ("Velmora port to close at night\n\nVelmora harbour master Jovan Petrović said on Monday that night shifts "
           "at the port would be cancelled.\n\n\"We cannot pay for them,\" Petrović said.\n")
OTHER = ("Brenholt opens a new bridge\n\nThe city of Brenholt opened its new river bridge on Tuesday after four "
         "years of building, the mayor's office said.\n")


def _write_set(root):
    articles = root / "articles"
    articles.mkdir(parents=True)
    quotes = [
        {"speaker": "Jovan Petrović", "speaker_mention": "Йован Петрович", "kind": "indirect", "cue": "заявил",
         "content": "ночные смены в порту будут отменены", "start": RUSSIAN.index("ночные смены")},
        {"speaker": "Jovan Petrović", "speaker_mention": "Петрович", "kind": "direct", "cue": "сказал",
         "content": "Мы не можем за них платить", "start": RUSSIAN.index("Мы не можем")},
    ]
    docs = [
        {"id": "r1", "url": "https://vesti.example.ru/1", "outlet": "vesti.example.ru (Вести Вельморы)",
         "language": "ru", "published": "2025-03-03", "group": "g1", "text": RUSSIAN, "quotes": quotes},
        {"id": "e1", "url": "https://harbour.example.com/1", "outlet": "harbour.example.com", "language": "en",
         "published": "2025-03-04", "group": "g1", "text": ENGLISH, "quotes": []},
        {"id": "e2", "url": "https://bridges.example.com/2", "outlet": "bridges.example.com", "language": "en",
         "published": "2025-03-05", "group": None, "text": OTHER, "quotes": []},
    ]
    for doc in docs:
        (articles / f"{doc['id']}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    groups = [{"group": "g1", "articles": [
        {"id": "r1", "language": "ru", "relation": "earliest", "source_id": None, "credits_source": False},
        {"id": "e1", "language": "en", "relation": "translation-rewrite", "source_id": "r1",
         "credits_source": False}]}]
    (root / "groups.json").write_text(json.dumps(groups), encoding="utf-8")
    return root


def test_relation_classes_join_translation_variants_and_count_outside_origins_as_siblings():
    assert crosslingual_class("translation-copy", True, False) == crosslingual_class("copy", True, False)
    assert crosslingual_class("translation-rewrite", True, False) == "translation"
    assert crosslingual_class("translated rewrite", True, False) == "translation"
    assert crosslingual_class("rewrite", True, True) == crosslingual_class("copy", True, True) == "copy-or-rewrite"
    assert crosslingual_class("translation-rewrite", False, False) == "sibling-or-independent"
    assert crosslingual_class("independent", False, True) == "sibling-or-independent"
    assert crosslingual_class("first", False, True) == crosslingual_class("earliest", False, True) == "earliest"


def test_invented_set_is_read_and_scored(tmp_path, analyzer):
    gold, languages, members = read_crosslingual(_write_set(tmp_path))
    assert [g.id for g in gold] == ["e1", "e2", "r1"] and languages == ["en", "en", "ru"]
    assert gold[2].outlet == "vesti.example.ru"  # the note after the domain is not part of the outlet
    assert [m.id for m in members] == ["r1", "e1"]
    scores = score_crosslingual(tmp_path, analyzer=analyzer)
    assert scores.articles == 3
    assert scores.quote_recall.total == 2  # the Russian article's quotes only
    assert scores.source.total == 1 and scores.relation.total == 2
    assert scores.grouping is not None and scores.grouping.documents == 3
    figures = [row["figure"] for row in scores.figures()]
    assert figures[:2] == ["quote recall", "speaker accuracy"]
    assert figures[-1] == "credited articles reported as uncredited" and "timex value accuracy" not in figures


def test_bad_sets_are_reported_with_the_file(tmp_path):
    with pytest.raises(InputFileError, match="no articles"):
        read_crosslingual(tmp_path)
    root = _write_set(tmp_path / "set")
    doc = json.loads((root / "articles" / "r1.json").read_text(encoding="utf-8"))
    doc["quotes"][0]["start"] = 2
    (root / "articles" / "r1.json").write_text(json.dumps(doc), encoding="utf-8")
    result = CliRunner().invoke(app, ["bench", "crosslingual", str(root)])
    assert result.exit_code != 0 and "r1.json" in result.output and "Traceback" not in result.output


def test_cli_prints_the_figures_as_json(tmp_path):
    result = CliRunner().invoke(app, ["bench", "crosslingual", str(_write_set(tmp_path)), "--json", "--errors", "0"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["articles"] == 3 and data["misses"] == []
    figures = {f["figure"] for f in data["figures"]}
    assert {"quote recall", "story grouping pairwise F1", "source named accuracy"} <= figures


@pytest.mark.data
@pytest.mark.slow
def test_crosslingual_development_set():
    scores = score_crosslingual(shared_path("bench", "crosslingual"))
    assert scores.articles == 30 and scores.quote_recall.total == 79 and scores.source.total == 4
    assert scores.grouping is not None and scores.relation.total == 30
    # floors below today's figures (docs/languages.md): a drop under them is a regression to look at
    assert scores.quote_recall.accuracy >= 0.85 and scores.speaker.accuracy >= 0.85
    assert scores.grouping.pairwise_f1 >= 0.85 and scores.source.accuracy >= 0.8  # the targets
    assert scores.credit_violations == 0  # x17 credits Izvestia as “News”: its translated credit line counts
    assert scores.relation.accuracy >= 0.55
