"""Issue 11, the command line's side: errors in one line naming the option typed (items 2, 11, 17), search from
the command line (item 21), and output that reads at 80 columns (item 23)."""

from __future__ import annotations

import json
import re
import sys

import pytest
from conftest import EXAMPLES
from typer.testing import CliRunner

from newsline.cli import app, main
from newsline.cli.output import console

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "examples.db"
    result = run("ingest", str(EXAMPLES), "--db", str(path), "--quiet")
    assert result.exit_code in (0, 1), result.output
    return str(path)


@pytest.fixture
def narrow(monkeypatch):
    monkeypatch.setattr(console, "width", 80)


def error_line(result) -> str:
    assert "Traceback" not in result.output and "newsline bug" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    return lines[0]


# -- item 2 and 17: dates on the command line --------------------------------------------------------------------

def test_item2_compact_and_week_dates_are_refused_naming_the_option(db):
    result = run("articles", "--db", db, "--since", "20250311")
    assert result.exit_code == 2
    assert error_line(result) == ("error: --since/--from '20250311': not a date; write it as YYYY-MM-DD; did you"
                                  " mean 2025-03-11?")
    result = run("search", "strike", "--db", db, "--until", "2025-W11-2")
    assert result.exit_code == 2 and "--until/--to '2025-W11-2': not a date" in error_line(result)


def test_item17_the_option_named_is_the_one_typed(db):
    for flag in ("--from", "--since"):  # aliases: both are named
        line = error_line(run("timeline", "--db", db, flag, "2025-02-30"))
        assert line == "error: --from/--since '2025-02-30': no such day (day is out of range for month)"
    assert "--to/--until 'soon'" in error_line(run("stories", "--db", db, "--to", "soon"))
    assert "--category 'HUG': is not one of" in error_line(run("timeline", "--db", db, "--category", "HUG"))
    assert "QUERY '!!!': no words to search for" in error_line(run("search", "!!!", "--db", db))
    assert "--sort" in run("search", "x", "--db", db, "--sort", "newest").output


def test_item17_from_after_to_is_an_error_everywhere(db):
    for command in (["articles"], ["search", "strike"], ["claims"]):
        result = run(*command, "--db", db, "--since", "2025-04-01", "--until", "2025-03-01")
        assert result.exit_code == 2 and "'2025-04-01': is after the end of the range" in error_line(result)
    for command in (["timeline"], ["stories"]):
        result = run(*command, "--db", db, "--from", "2025-04-01", "--to", "2025-03-01")
        assert result.exit_code == 2 and "--from/--since '2025-04-01': is after the end" in error_line(result)


def test_item17_timeline_takes_since_and_until_as_articles_does(db):
    with_from = json.loads(run("timeline", "--db", db, "--from", "2025-03-10", "--to", "2025-03-12", "--json").output)
    with_since = json.loads(run("timeline", "--db", db, "--since", "2025-03-10", "--until", "2025-03-12",
                                "--json").output)
    assert with_from == with_since and with_from
    assert all("2025-03-10" <= e["day"] <= "2025-03-12" for e in with_since)


def test_item17_ambiguous_names_short_ids_and_unknown_ids(db):
    line = error_line(run("timeline", "--db", db, "--actor", "Velmora"))
    assert line.startswith("error: 'Velmora' names several entities: ") and line.endswith("give the id instead")
    assert error_line(run("entity", "Velmora", "--db", db)).startswith("error: 'Velmora' names several")
    result = run("show", "b3", "--db", db)
    assert result.exit_code == 2
    assert error_line(result) == "error: ARTICLE_ID 'b3': give at least 4 digits of the article id"
    assert "no article with id 'ffff0000'" in error_line(run("show", "ffff0000", "--db", db))
    assert "STORY 'b3': give at least 4 digits" in error_line(run("story", "b3", "--db", db))


# -- item 11 and 17: bugs are reported as bugs, in one line -----------------------------------------------------

def test_item17_an_unexpected_error_is_a_one_line_newsline_bug(db, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise ValueError("an internal mistake")  # a plain ValueError is a bug, not "bad input"

    monkeypatch.setattr("newsline.query.stats", broken)
    monkeypatch.setattr(sys, "argv", ["newsline", "stats", "--db", db])
    monkeypatch.delenv("NEWSLINE_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_:
        main()
    err = capsys.readouterr().err
    assert exit_.value.code == 1 and "Traceback" not in err
    assert err.startswith("newsline bug: ValueError: an internal mistake") and "NEWSLINE_DEBUG" in err
    monkeypatch.setattr(sys, "argv", ["newsline", "--debug", "stats", "--db", db])
    with pytest.raises(SystemExit):
        main()
    assert "Traceback" in capsys.readouterr().err


# -- item 21: search from the command line ----------------------------------------------------------------------

def test_item21_search_reports_the_total_and_sorts_by_date(db, narrow):
    table = run("search", "strike OR strikes", "--db", db, "--limit", "2").output
    total = int(re.search(r"(\d+) matching articles; 1-2 shown", table)[1])
    hits = json.loads(run("search", "strike", "--db", db, "--sort", "date", "--limit", "50", "--json").output)
    assert len(hits) == total > 2
    dated = [h["published"][:10] for h in hits if h["published"]]
    assert dated == sorted(dated, reverse=True)
    upper = json.loads(run("search", "strike", "--db", db, "--outlet", "HarbourGazette.Example.com", "--json").output)
    assert upper and {h["outlet"] for h in upper} == {"harbourgazette.example.com"}


# -- item 23: 80 columns, the annotations, plurals, help screens -------------------------------------------------

def test_item23_tables_fit_80_columns_and_keep_the_text_readable(db, narrow):
    for command in (["claims"], ["timeline"], ["articles"], ["search", "strike"], ["stories"], ["outlets"]):
        output = run(*command, "--db", db, "--limit", "5").output
        assert max(map(len, output.splitlines())) <= 80, command
    articles = run("articles", "--db", db).output
    assert "Dockworkers walk out" in articles  # titles wrap at words, not one word per line
    claims = run("claims", "--db", db, "--limit", "3").output
    text = re.findall(r"│ ([^│]*?) *│\n", claims)  # the last column of each row
    assert min(len(cell) for cell in text if cell.strip()) >= 20
    timeline_rows = run("timeline", "--db", db, "--limit", "5").output
    assert re.search(r"│ [A-Z][a-z]+ [a-z]+ [a-z]+", timeline_rows)  # evidence reads as words


def test_item23_show_prints_the_annotations(db, narrow):
    output = run("show", "bb2c62a4", "--db", db).output
    for section in ("Entities", "Quotes", "Dates and times", "Events"):
        assert section in output
    assert "Jovan Petrović (e5)" in output  # a quote's speaker
    assert "2025-03-03" in output  # "March 3" resolved
    assert re.search(r"\d+ sentences, \d+ entities, \d+ date expressions, \d+ quotes, \d+ events",
                     " ".join(output.split()))


def test_item23_counts_agree_with_their_nouns(db, monkeypatch):
    monkeypatch.setattr(console, "width", 200)  # table cells on one line
    pages = " ".join(run("story", s["id"], "--db", db).output for s in json.loads(run("stories", "--db", db,
                                                                                         "--json").output))
    # the examples' shared quotes credit one person and a role phrase or an institution: "unresolved", never
    # a conflict (issue 14), so the noun is checked on the sentences and, below, on articles
    assert "1 sentence," in pages and "quote conflict" not in pages
    assert not re.search(r"\b1 (articles|outlets|sentences|quote conflicts)\b", pages)
    entity = next(e for e in json.loads(run("entities", "--db", db, "--json", "--limit", "100").output)
                  if e["articles"] == 1)
    output = run("entity", str(entity["id"]), "--db", db).output
    assert "1 article," in output and "1 articles" not in output


def test_item23_help_screens_show_plain_value_names(db):
    for command in (["ingest"], ["articles"], ["search"], ["timeline"], ["stories"], ["show"], ["serve"], []):
        output = run(*command, "--help").output
        assert not re.search(r"<(bool|str|int|list|path)|\{[a-z_]+\}", output), (command, output)
    assert "PATHS..." in run("ingest", "--help").output
    assert re.search(r"--since\S*\s+DATE", run("articles", "--help").output)
