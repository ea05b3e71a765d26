"""The ``newsline`` command line: a thin layer over the Python API."""

from __future__ import annotations

import typer

from newsline.cli.common import run_app, set_debug, use_newsline_commands
from newsline.cli import (
    attribution as _attribution,
    bench as _bench,
    events as _events,
    ingest as _ingest,
    query as _query,
    stories as _stories,
    timeml as _timeml,
    web as _web,
)

app = typer.Typer(name="newsline", no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
app.callback()(set_debug)
_ingest.register(app)
_query.register(app)
_bench.register(app)
_attribution.register(app)
_events.register(app)
_web.register(app)
_timeml.register(app)
_stories.register(app)
use_newsline_commands(app)


def main() -> None:
    run_app(app)
