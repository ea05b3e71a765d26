"""Options and error handling shared by the commands."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.markup import escape

from newsline.cli.output import Format, err_console
from newsline.errors import InvalidArgument, NewslineError

DEFAULT_DB = os.environ.get("NEWSLINE_DB", "newsline.db")

DbOption = typer.Option(DEFAULT_DB, "--db", help="SQLite database file, or a postgresql:// URL (env NEWSLINE_DB).")
FormatOption = typer.Option(Format.table, "--format", "-f", help="Output format.")
JsonFlag = typer.Option(False, "--json", help="Shorthand for --format json.")
CsvFlag = typer.Option(False, "--csv", help="Shorthand for --format csv.")


def pick_format(fmt: Format, as_json: bool, as_csv: bool) -> Format:
    return Format.json if as_json else Format.csv if as_csv else fmt


def fail(message: str, code: int = 1) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the API's expected errors into a one-line message and a non-zero exit, never a traceback."""
    try:
        yield
    except InvalidArgument as exc:
        raise fail(exc.message(f"--{exc.param.replace('_', '-')}"), exc.exit_code) from None
    except NewslineError as exc:
        raise fail(str(exc), exc.exit_code) from None
    except FileNotFoundError as exc:
        raise fail(str(exc).strip("'\""), 1) from None
    except ValueError as exc:
        raise fail(str(exc), 2) from None
