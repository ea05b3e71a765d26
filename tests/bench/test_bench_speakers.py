"""The speaker scorer: name matching, judgements on hand-built articles, the TSV reader, the command, real dev."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import shared_path
from newsline.analysis.pipeline import new_article
from newsline.bench.polnear import GoldArticle, GoldAttribution, read_polnear
from newsline.bench.speakers import (
    CORRECT, NOT_FOUND, SPURIOUS, UNRESOLVED, WRONG, GoldSpeaker, SpeakerScores, default_gold_path, names_referent,
    read_speaker_gold, score_article, score_speakers,
)
from newsline.cli import app
from newsline.errors import InputFileError
from newsline.model import Entity, Mention, MentionKind, Quote, Span

TEXT = (
    "Mayor Tomas Berg said that the bridge would reopen in May. He added that tolls would stay.\n\n"
    "Officials said that the ferry would stop. Erik Lund said that the port was safe.\n"
)


def at(text: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(text, start + 1)
    return start, start + len(text)


def span(text: str) -> Span:
    return Span.of(TEXT, *at(text))


def attribution(source: str, cue: str, content: str) -> GoldAttribution:
    return GoldAttribution(source=[at(source)], cue=[at(cue)], content=[at(content)])


GOLD = GoldArticle("lakeside", TEXT, [
    attribution("Mayor Tomas Berg", "said", "that the bridge would reopen in May"),
    attribution("He", "added", "that tolls would stay"),
    attribution("Officials", "said that the ferry", "that the ferry would stop"),
    attribution("Erik Lund", "said that the port", "that the port was safe"),
])
ROWS = [
    GoldSpeaker("lakeside", *at("Mayor Tomas Berg"), ("Tomas Berg",)),
    GoldSpeaker("lakeside", *at("He"), ("Tomas Berg",)),
    GoldSpeaker("lakeside", *at("Officials"), ()),
    GoldSpeaker("lakeside", *at("Erik Lund"), ("Erik Lund",)),
]


def person(entity_id: str, name: str, *mentions: tuple[str, MentionKind]) -> Entity:
    return Entity(entity_id, name, "PERSON", [Mention(*at(text), text, kind) for text, kind in mentions])


def test_names_referent_by_full_name_or_surname_never_by_another_bearers_surname():
    hillary = Entity("e1", "Hillary Clinton", "PERSON", [Mention(0, 7, "Clinton", "short_name")])
    assert names_referent(hillary, "Hillary Clinton") and names_referent(hillary, "Mrs. Clinton")
    assert names_referent(hillary, "Clinton")  # the article names the referent by surname only
    assert not names_referent(hillary, "Bill Clinton")  # her short name "Clinton" does not name him
    only_surname = Entity("e2", "Wallace", "PERSON")
    assert names_referent(only_surname, "Chris Wallace")
    assert names_referent(Entity("e3", "The Lakeside Courier", "ORG"), "Lakeside Courier")
    assert not names_referent(Entity("e4", "Berg campaign", "ORG"), "Tomas Berg")


def test_judgements_given_the_gold_source_and_end_to_end():
    article = new_article(TEXT)
    article.entities = [
        person("e1", "Tomas Berg", ("Tomas Berg", "name")),  # "He" is not a mention of anyone: unresolved
        person("e2", "Ivo Marek"),  # a wrong resolution for Lund's source (below)
    ]
    article.quotes = [
        Quote("q1", "indirect", span("that the bridge would reopen in May"), "e1", span("Mayor Tomas Berg"),
              span("said")),
        Quote("q2", "indirect", span("that tolls would stay"), None, span("He"), span("added")),
        Quote("q3", "indirect", span("that the ferry would stop"), "e1", span("Officials"), None),
        # no quote has Lund's source: "not found" given the gold source; end to end nothing to judge
    ]
    scores = SpeakerScores(articles=1)
    score_article(GOLD, ROWS, article, scores)
    assert scores.given_source.outcomes == {CORRECT: 1, UNRESOLVED: 1, NOT_FOUND: 1}
    assert scores.given_source_found == 0.5
    assert scores.end_to_end.outcomes == {CORRECT: 1, UNRESOLVED: 1, SPURIOUS: 1}
    assert {(e.figure, e.kind, e.source) for e in scores.errors} >= {
        ("given source", NOT_FOUND, "Erik Lund"), ("end to end", SPURIOUS, "Officials")}
    article.quotes.append(
        Quote("q4", "indirect", span("that the port was safe"), "e2", span("Erik Lund"), span("said that the port")))
    scores = SpeakerScores(articles=1)
    score_article(GOLD, ROWS, article, scores)
    assert scores.given_source.outcomes[WRONG] == 1 and scores.end_to_end.outcomes[WRONG] == 1


def test_an_unnamed_source_names_no_referent():
    """The gold leaves unnamed sources empty: an UNNAMED (or DOCUMENT) speaker is right there, and
    unresolved, not wrong, where the gold names someone."""
    article = new_article(TEXT)
    article.entities = [Entity("e1", "Officials", "UNNAMED", [Mention(*at("Officials"), "Officials", "role")]),
                        Entity("e2", "statement", "DOCUMENT")]
    article.quotes = [
        Quote("q1", "indirect", span("that the ferry would stop"), "e1", span("Officials"), span("said that the ferry")),
        Quote("q2", "indirect", span("that the port was safe"), "e2", span("Erik Lund"), span("said that the port")),
    ]
    scores = SpeakerScores(articles=1)
    score_article(GOLD, ROWS, article, scores)
    assert scores.end_to_end.outcomes == {CORRECT: 1, UNRESOLVED: 1}
    assert scores.given_source.outcomes[UNRESOLVED] == 1 and WRONG not in scores.given_source.outcomes


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "lakeside.txt").write_text(TEXT, encoding="utf-8")
    lines, events = [], []
    for n, gold in enumerate(GOLD.attributions, 1):
        for role, (a, b) in (("Source", gold.source[0]), ("Cue", gold.cue[0]), ("Content", gold.content[0])):
            lines.append(f"T{len(lines) + 1}\t{role} {a} {b}\t{TEXT[a:b]}")
        events.append(f"E{n}\tSource:T{len(lines) - 2} Cue:T{len(lines) - 1} Content:T{len(lines)}")
    (tmp_path / "attributions" / "lakeside_a1.ann").write_text("\n".join(lines + events) + "\n", encoding="utf-8")
    gold = tmp_path / "speakers.tsv"
    gold.write_text("# invented\narticle\tsource_start\tsource_end\tspeaker\n" + "".join(
        f"{r.article}\t{r.start}\t{r.end}\t{'|'.join(r.names)}\n" for r in ROWS), encoding="utf-8")
    return tmp_path


def test_reader_and_errors(corpus, tmp_path):
    assert read_speaker_gold(corpus / "speakers.tsv") == ROWS
    bad = tmp_path / "bad.tsv"
    bad.write_text("article\tstart\tend\tspeaker\n", encoding="utf-8")
    with pytest.raises(ValueError, match="expected the header"):
        read_speaker_gold(bad)
    bad.write_text("article\tsource_start\tsource_end\tspeaker\nlakeside\tx\t3\tBerg\n", encoding="utf-8")
    with pytest.raises(ValueError, match="data row 1"):
        read_speaker_gold(bad)
    bad.write_text("article\tsource_start\tsource_end\tspeaker\nlakeside\t1\t3\tBerg\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no gold source at 1-3"):
        score_speakers(corpus, bad)
    assert read_polnear(corpus)[0].attributions == GOLD.attributions


def test_score_and_command_on_an_invented_article(corpus, analyzer):
    scores = score_speakers(corpus, corpus / "speakers.tsv", analyzer=analyzer)
    assert scores.articles == 1 and scores.given_source.total == 3
    gold = str(corpus / "speakers.tsv")
    result = CliRunner().invoke(app, ["bench", "speakers", str(corpus), "--gold", gold, "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["figure"]: r for r in json.loads(result.output)["scores"]}
    assert rows["given gold source"]["of"] == 3
    missing = CliRunner().invoke(app, ["bench", "speakers", str(corpus), "--gold", str(corpus / "none.tsv")])
    assert missing.exit_code != 0 and "none.tsv" in missing.output


def test_a_missing_default_gold_says_what_to_do(monkeypatch, tmp_path):
    import newsline

    monkeypatch.setattr(newsline, "__file__", str(tmp_path / "site-packages" / "newsline" / "__init__.py"))
    with pytest.raises(InputFileError, match="pass --gold"):
        default_gold_path()


def test_the_shipped_gold_covers_the_first_24_dev_articles():
    rows = read_speaker_gold(default_gold_path())
    assert len(rows) == 527 and len({r.article for r in rows}) == 23
    assert sum(1 for r in rows if r.names) == 439


@pytest.mark.data
def test_speaker_accuracy_on_polnear_dev(analyzer):
    scores = score_speakers(shared_path("bench", "polnear", "dev"), analyzer=analyzer)
    assert scores.articles == 23 and scores.given_source.total == 439
    assert scores.given_source_found >= 0.9
    assert scores.end_to_end.accuracy >= 0.7
