"""The analysis stages as registered components: planned order from needs, --stages, what a partial run records."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsline.analysis.pipeline import Analyzer, load_model
from newsline.analysis.stages import ENGLISH, Context, Stage, Stages, checked_stages
from newsline.cli import app
from newsline.errors import InvalidArgument
from newsline.identity import new_article
from newsline.model import ANNOTATIONS, Article
from newsline.origins import default_origins

TEXT = ("Velmora port to close\n\nBrenholt said on Monday that the Velmora port would close on Friday. "
        "\"We will not pay,\" the Ruritanian minister said, according to the Tarnow Courier.")


def names(plan) -> list[str]:
    return [stage.name for stage in plan]


def test_the_english_plan_runs_every_stage_after_what_it_needs():
    plan = names(ENGLISH.plan())
    assert plan == list(ENGLISH.names)
    for stage in ENGLISH.plan():
        assert all(plan.index(need) < plan.index(stage.name) for need in stage.needs), stage.name


def test_asking_for_a_stage_brings_what_it_needs_in_order():
    assert names(ENGLISH.plan({"timexes"})) == ["zones", "timexes"]
    assert names(ENGLISH.plan({"credits"})) == ["zones", "quotations", "entities", "quotes", "credits"]
    assert names(ENGLISH.plan({"voices", "zones"})) == ["sentences", "zones", "quotations", "entities", "quotes",
                                                        "voices"]


def test_the_order_is_derived_from_needs_not_from_registration():
    def constant(value):
        return lambda context: value

    stages = Stages("xx", [Stage("late", constant(2), needs=("early",)), Stage("early", constant(1))])
    assert names(stages.plan()) == ["early", "late"]
    cycle = Stages("xx", [Stage("a", constant(1), needs=("b",)), Stage("b", constant(2), needs=("a",))])
    with pytest.raises(RuntimeError, match="cycle"):
        cycle.plan()
    with pytest.raises(ValueError, match="twice"):
        stages.add(Stage("early", constant(3)))


def test_a_stage_reads_what_its_needs_provided_and_the_article_is_filled_at_the_end():
    seen = []

    def zones(context):
        seen.append(dict(context.provided))
        return []

    def count(context):
        seen.append(dict(context.provided))
        return len(context["zones"])

    article = Article(id="x", text="text")
    stages = Stages("xx", [Stage("zones", zones), Stage("credits", count, needs=("zones",),
                                                          fill=lambda a, n: setattr(a, "title", str(n)))])
    stages.run(article, Context(None, "text", None, default_origins()), stages.plan())
    assert seen == [{}, {"zones": []}]
    assert article.zones == [] and article.title == "0"


@pytest.mark.parametrize("given", ["timexes,bogus", ["bogus"], "", " , "])
def test_a_wrong_selection_is_an_invalid_argument_naming_the_stages(given):
    with pytest.raises(InvalidArgument) as caught:
        checked_stages(given)
    assert caught.value.param == "stages"
    assert "sentences, zones, quotations, entities" in str(caught.value)


def test_a_selection_may_be_a_list_or_a_comma_separated_string():
    assert checked_stages("zones, timexes") == checked_stages(["timexes", "zones"]) == {"zones", "timexes"}
    assert checked_stages(None) is None


def test_a_partial_analysis_says_which_stages_ran_and_leaves_the_rest_empty():
    article = new_article(TEXT, published="2024-03-05")
    whole = Analyzer(load_model()).analyze(new_article(TEXT, published="2024-03-05"))
    partial = Analyzer(load_model(), stages="timexes").analyze(article)
    assert whole.analysis.stages is None
    assert partial.analysis.stages == ["zones", "timexes"]
    assert partial.timexes == whole.timexes and partial.zones == whole.zones and partial.timexes
    assert partial.sentences == partial.entities == partial.quotes == partial.events == partial.credits == []
    assert Article.from_dict(json.loads(partial.to_json())) == partial


def test_a_stage_switched_off_changes_no_other_stage():
    whole = Analyzer(load_model()).analyze(new_article(TEXT, published="2024-03-05"))
    without_events = [name for name in ENGLISH.names if name != "events"]
    partial = Analyzer(load_model(), stages=without_events).analyze(new_article(TEXT, published="2024-03-05"))
    assert partial.analysis.stages == without_events and partial.events == [] and whole.events
    for name in ANNOTATIONS:
        if name != "events":
            assert getattr(partial, name) == getattr(whole, name), name


def test_the_russian_pack_registers_stages_under_english_names():
    from newsline.analysis.lang.ru import RUSSIAN

    assert set(RUSSIAN.names) <= set(ENGLISH.names)
    assert names(RUSSIAN.plan({"quotes"})) == ["zones", "entities", "quotes"]
    assert names(RUSSIAN.plan({"events"})) == []  # English only: nothing to run


def test_the_contract_lists_the_stage_names(tmp_path):
    from conftest import REPO

    schema = json.loads((REPO / "docs" / "article.schema.json").read_text())
    assert tuple(schema["properties"]["analysis"]["properties"]["stages"]["items"]["enum"]) == ENGLISH.names


def test_cli_analyze_and_ingest_take_stages(tmp_path):
    runner = CliRunner()
    source = tmp_path / "a.txt"
    source.write_text(TEXT)
    wrong = runner.invoke(app, ["analyze", str(source), "--stages", "timexes,bogus"])
    assert wrong.exit_code == 2 and "--stages" in wrong.output and "'bogus' is not a stage" in wrong.output
    shown = runner.invoke(app, ["analyze", str(source), "--published", "2024-03-05", "--stages", "quotes", "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["analysis"]["stages"] == ["zones", "quotations", "entities", "quotes"]
    db = tmp_path / "s.db"
    stored = runner.invoke(app, ["ingest", str(source), "--db", str(db), "--stages", "zones", "-q", "--workers", "1"])
    assert stored.exit_code == 0, stored.output
    from newsline.store import SQLiteStore

    with SQLiteStore(db) as store:
        [article] = store.indexed_articles(10)
    assert article.analysis.stages == ["zones"] and article.zones


def test_analyze_out_records_the_stages_and_never_resumes_with_others(tmp_path):
    from newsline.ingest.shards import analyze_to_shards

    source = tmp_path / "a.txt"
    source.write_text(TEXT)
    out = tmp_path / "shards"
    report = analyze_to_shards([str(source)], out, workers=1, stages="timexes")
    assert report.articles == 1
    assert json.loads((out / "manifest.jsonl").read_text().splitlines()[0])["stages"] == ["timexes"]
    with pytest.raises(InvalidArgument) as caught:
        analyze_to_shards([str(source)], out, workers=1)
    assert caught.value.param == "out" and "stages" in str(caught.value)
