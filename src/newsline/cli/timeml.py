"""``newsline timeml annotate`` and ``newsline bench timex``: the temporal stage on TimeML files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from newsline.cli.bench import bench_app
from newsline.cli.common import user_errors
from newsline.cli.output import console, err_console
from newsline.errors import InvalidArgument
from newsline.timeml import read_timeml, render_timeml

if TYPE_CHECKING:
    from newsline.bench.timex import TimexScores

timeml_app = typer.Typer(no_args_is_help=True, help="Tag TimeML (TempEval-3 .tml) files with TIMEX3.")


def register(app: typer.Typer) -> None:
    app.add_typer(timeml_app, name="timeml")


@timeml_app.command("annotate")
def annotate_command(
    in_dir: Path = typer.Argument(..., help="Folder of TimeML files (.tml, recursed)."),
    out_dir: Path = typer.Argument(..., help="Output folder; the same relative paths are written there."),
) -> None:
    """Strip the gold TIMEX3 of each file's <TEXT>, tag it with ours (the <DCT> anchors relative dates), write it."""
    from newsline.analysis.pipeline import load_spacy  # the NLP stack, imported by the commands that use it
    from newsline.analysis.timex import tag_timexes

    with user_errors():
        if not in_dir.is_dir():
            raise InvalidArgument("in_dir", str(in_dir), "no such folder")
        paths = sorted(in_dir.rglob("*.tml"))
        if not paths:
            raise InvalidArgument("in_dir", str(in_dir), "no .tml files found in it")
        docs = [read_timeml(p) for p in paths]
        nlp = load_spacy()
        count = 0
        for path, doc, parsed in zip(paths, docs, nlp.pipe(d.text for d in docs), strict=True):
            timexes = tag_timexes(parsed, doc.dct)
            target = out_dir / path.relative_to(in_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(render_timeml(doc, timexes).encode("utf-8"))
            count += len(timexes)
    err_console.print(f"{len(docs)} files, {count} TIMEX3 written to {out_dir}")


@bench_app.command("timex")
def bench_timex_command(
    gold_dir: Path = typer.Argument(..., help="Gold folder: TimeML .tml files, or MEANTIME .xml files."),
    fmt: str = typer.Option("auto", "--format", help="Gold format: auto, timeml or meantime."),
    limit: int = typer.Option(None, min=1, help="Score only the first N files (in name order)."),
    errors: int = typer.Option(20, min=0, help="How many of the most frequent value errors to list."),
    details: bool = typer.Option(False, "--details", help="Also list the most frequent missed, spurious and extent errors."),
) -> None:
    """TempEval-3 Task A figures: strict/relaxed extraction P/R/F1, type and value F1 and accuracy."""
    from newsline.analysis.pipeline import load_spacy
    from newsline.bench.timex import score_timex

    if fmt not in ("auto", "timeml", "meantime"):
        raise typer.BadParameter("--format must be auto, timeml or meantime")
    with user_errors():
        scores = score_timex(load_spacy(), gold_dir, fmt=fmt, limit=limit)  # type: ignore[arg-type]
    print_scores(scores, errors, details)


def _pct(x: float) -> str:
    return f"{100 * x:.2f}"


def print_scores(s: TimexScores, errors: int, details: bool = False) -> None:
    console.print(f"{s.documents} documents, {s.gold} gold TIMEX3, {s.system} system TIMEX3")
    table = Table(title="TempEval-3 Task A (TIMEX3)")
    for col in ("", "F1", "P", "R"):
        table.add_column(col, justify="right")
    table.add_row("strict match", _pct(s.strict_f1), _pct(s.strict_precision), _pct(s.strict_recall))
    table.add_row("relaxed match", _pct(s.relaxed_f1), _pct(s.relaxed_precision), _pct(s.relaxed_recall))
    console.print(table)
    attrs = Table(title="Attributes (over relaxed matches)")
    for col in ("", "F1", "accuracy"):
        attrs.add_column(col, justify="right")
    attrs.add_row("value", _pct(s.value_f1), _pct(s.value_accuracy))
    attrs.add_row("type", _pct(s.type_f1), _pct(s.type_accuracy))
    console.print(attrs)
    by_type = Table(title="Per gold type")
    for col in ("type", "gold", "system", "relaxed R", "strict R", "value acc."):
        by_type.add_column(col, justify="right")
    for name, f in sorted(s.by_type.items()):
        by_type.add_row(name, str(f.gold), str(f.system), _pct(f.relaxed / f.gold) if f.gold else "-",
                        _pct(f.strict / f.gold) if f.gold else "-", _pct(f.value / f.relaxed) if f.relaxed else "-")
    console.print(by_type)
    if errors:
        errs = Table(title=f"The {errors} most frequent value errors (digits shown as 9)")
        for col in ("n", "text", "gold", "ours", "example"):
            errs.add_column(col)
        for key, n in s.value_errors.most_common(errors):
            errs.add_row(str(n), *key, s.error_examples[key])
        console.print(errs)
    if details:
        for title, counter in (("missed (gold, no overlapping system timex)", s.missed),
                               ("spurious (system, no overlapping gold timex)", s.spurious)):
            table = Table("n", "text [type]", title=f"The {errors} most frequent {title}")
            for text, n in counter.most_common(errors):
                table.add_row(str(n), text)
            console.print(table)
        table = Table("n", "gold extent", "our extent", title=f"The {errors} most frequent extent differences")
        for (gold, ours), n in s.extent_errors.most_common(errors):
            table.add_row(str(n), gold, ours)
        console.print(table)
