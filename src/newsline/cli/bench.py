"""``newsline bench ...``: quality benchmarks on gold data (speed benchmarks live in ``benchmarks/``).

``bench news`` and ``bench crosslingual`` are defined here; the other scorers register next to the commands of their
stage.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import typer
from rich.markup import escape

from newsline.bench import crosslingual, news
from newsline.cli.common import JsonFlag, user_errors
from newsline.cli.output import Format, console, print_json, print_rows

bench_app = typer.Typer(no_args_is_help=True, help="Score newsline against benchmark gold data.")


def register(app: typer.Typer) -> None:
    app.add_typer(bench_app, name="bench")


@bench_app.command("news")
def bench_news_command(
    data_dir: Path = typer.Argument(..., help="The realnews set: articles/*.json and stories.json "
                                              "(e.g. ../shared/bench/realnews)."),
    parts: list[str] = typer.Option(list(news.PARTS), "--part", help="Score only these parts "
                                    f"({', '.join(news.PARTS)}); repeat the option for several."),
    errors: int = typer.Option(10, min=0, help="How many misses to list per part and kind."),
    as_json: bool = JsonFlag,
) -> None:
    """Accuracy on real news: timex values, quote recall, speakers, event dates, story groups, relations, credit."""
    with user_errors():
        scores = news.score_news(data_dir, parts=parts)
    _print_scores(scores, errors, as_json, f"Real news, {scores.articles} articles ({data_dir})")


@bench_app.command("crosslingual")
def bench_crosslingual_command(
    data_dir: Path = typer.Argument(..., help="The crosslingual set: articles/*.json and groups.json "
                                              "(e.g. ../shared/bench/crosslingual)."),
    errors: int = typer.Option(10, min=0, help="How many misses to list per part and kind."),
    as_json: bool = JsonFlag,
) -> None:
    """Russian quotes and speakers; cross-lingual story groups, sources named, relations, credit."""
    with user_errors():
        scores = crosslingual.score_crosslingual(data_dir)
    _print_scores(scores, errors, as_json, f"Russian and English, {scores.articles} articles ({data_dir})")


def _print_scores(scores: news.NewsScores, errors: int, as_json: bool, title: str) -> None:
    rows = [row for row in scores.figures() if row["total"] != 0]
    misses = news.sample_misses(scores.misses, errors)
    if as_json:
        print_json({"articles": scores.articles, "figures": rows, "misses": [dataclasses.asdict(m) for m in misses]})
        return
    shown = [{**r, "value": f"{r['value']:.1%}" if isinstance(r["value"], float) else r["value"],
              "wrong": ", ".join(f"{k} {v}" for k, v in r.items() if k not in ("figure", "value", "correct", "total"))}
             for r in rows]
    print_rows(shown, ("figure", "value", "correct", "total", "wrong"), Format.table, title=title)
    for m in misses:
        console.print(f"[bold]{m.part}: {m.kind}[/] {escape(m.article)}: expected [green]{escape(m.expected)}[/],"
                      f" got [yellow]{escape(m.got)}[/]\n    … {escape(m.context[:240])} …", highlight=False)
