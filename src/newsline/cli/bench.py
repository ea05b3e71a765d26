"""``newsline bench ...``: quality benchmarks on gold data (speed benchmarks live in ``benchmarks/``)."""

from __future__ import annotations

import typer

bench_app = typer.Typer(no_args_is_help=True, help="Score newsline against benchmark gold data.")


def register(app: typer.Typer) -> None:
    app.add_typer(bench_app, name="bench")
