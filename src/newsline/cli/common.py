"""Options and error handling shared by the commands."""

from __future__ import annotations

import os
import sqlite3
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from newsline.cli.output import Format, err_console
from newsline.errors import InvalidArgument, NewslineError
from newsline.ingest import ReadOptions
from newsline.ingest.dates import normalize_published
from newsline.ingest.jsonl import parse_field_map
from newsline.origins import Origins
from newsline.store.transaction import store_error

DEFAULT_DB = os.environ.get("NEWSLINE_DB", "newsline.db")
DEBUG_ENV = "NEWSLINE_DEBUG"

DbOption = typer.Option(DEFAULT_DB, "--db", metavar="FILE|URL",
                        help="SQLite database file, or a postgresql:// URL (env NEWSLINE_DB).")
FormatOption = typer.Option(Format.table, "--format", "-f", metavar="table|json|csv", help="Output format.")
OutletOption = typer.Option(None, help="Only this outlet, e.g. harbourgazette.example.com (case ignored).")
JsonFlag = typer.Option(False, "--json", help="Shorthand for --format json.")
CsvFlag = typer.Option(False, "--csv", help="Shorthand for --format csv.")
OriginsOption = typer.Option(
    [], "--origins", help="An origins table (TOML) to add to the shipped one; repeatable (docs/stories.md).")


def load_origins(paths: list[Path]) -> Origins:
    """The shipped origins table with the user's files (and NEWSLINE_ORIGINS) on top."""
    return Origins.load(paths)


def read_options(published: str | None, fields: list[str]) -> ReadOptions:
    """``--published`` and ``--field`` as reading options; InvalidArgument (reported) when either is bad."""
    with user_errors():
        try:
            when = normalize_published(published)
        except InvalidArgument:
            raise
        except ValueError as exc:  # the readers' message says what is wrong with the date
            raise InvalidArgument("published", published, str(exc)) from None
        try:
            field_map = parse_field_map(fields)
        except InvalidArgument:
            raise
        except ValueError as exc:
            raise InvalidArgument("field", " ".join(fields), str(exc)) from None
        return ReadOptions(published=when, field_map=field_map)


def pick_format(fmt: Format, as_json: bool, as_csv: bool) -> Format:
    return Format.json if as_json else Format.csv if as_csv else fmt


def fail(message: str, code: int = 1) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the API's expected errors (NewslineError) into a one-line message and a non-zero exit.

    An InvalidArgument is told with the names the user may have typed: the option (``--from/--since`` for the
    API's ``since``) or the argument. SQLite failures of the file, the disk or a lock (a store damaged or filled
    while in use) are store errors too. Anything else is a bug and goes on to ``run_app``.
    """
    try:
        yield
    except InvalidArgument as exc:
        raise fail(exc.message(_cli_name(exc.param)), exc.exit_code) from None
    except NewslineError as exc:
        raise fail(str(exc), exc.exit_code) from None
    except sqlite3.Error as exc:
        error = store_error(exc, _current_db())
        if error is None:
            raise
        raise fail(str(error), error.exit_code) from None


def _cli_name(param: str) -> str:
    """How the running command calls the API keyword ``param``: its option's names (``--from/--since``), or its
    argument's."""
    context = _running.get()
    for parameter in context.command.params if context else ():
        if parameter.name == param:
            if isinstance(parameter, TyperOption):
                return "/".join(o for o in parameter.opts if o.startswith("--")) or parameter.opts[0]
            return (parameter.metavar or (parameter.name or param).upper()).removesuffix("...")
    return f"--{param.replace('_', '-')}"


def _current_db() -> str:
    context = _running.get()
    return str(context.params.get("db", "the database")) if context else "the database"


def run_app(app: typer.Typer) -> None:
    """Run the command line. An exception that escapes is a newsline bug: one line on stderr and exit status 1
    (the traceback with ``--debug`` or NEWSLINE_DEBUG=1). Expected errors were reported by ``user_errors``."""
    try:
        app()
    except NewslineError as exc:  # raised outside a user_errors block
        fail(str(exc))
        sys.exit(exc.exit_code)
    except BrokenPipeError:  # the output was piped into `head` or similar, which stopped reading
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to flush at exit
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - the one place that reports bugs
        if debugging():
            traceback.print_exc()
        else:
            err_console.print(
                f"[bold red]newsline bug:[/] {escape(type(exc).__name__)}: {escape(str(exc))} (please report it with"
                f" the command that caused it; --debug or {DEBUG_ENV}=1 shows the traceback)",
                highlight=False, soft_wrap=True)
        sys.exit(1)


_debug = False


def set_debug(debug: bool = typer.Option(False, "--debug", help=f"Show the traceback of an unexpected error"
                                                                f" (a newsline bug); env {DEBUG_ENV}=1.")) -> None:
    """Who said what, who did what to whom and when, and how each story spread across outlets."""
    global _debug
    _debug = debug


def debugging() -> bool:
    return _debug or os.environ.get(DEBUG_ENV, "") not in ("", "0")


# -- help screens ---------------------------------------------------------------------------------------------

_VALUE_WORDS = {"since": "DATE", "until": "DATE", "published": "DATE", "db": "FILE", "report_file": "FILE"}


class _Argument(TyperArgument):
    """An argument shown by its name alone (``PATHS...``), without typer's ``{paths}`` and ``<list[str]>``."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw
        return name if self.required else f"[{name}]"


_running: ContextVar[Any] = ContextVar("running command context", default=None)


class _Newsline:
    """What newsline's commands and groups add to typer's: the running command's context (so that errors name
    the option the user typed) and help screens with plain value names (nothing after a flag, ``--since DATE``,
    ``--limit N``, ``PATHS...``)."""

    def invoke(self, ctx: Any) -> Any:
        token = _running.set(ctx)
        try:
            return super().invoke(ctx)  # type: ignore[misc]
        finally:
            _running.reset(token)

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if isinstance(param, TyperOption) and param.metavar is None:
                param.metavar = "" if param.is_flag else _value_word(param)
            elif isinstance(param, TyperArgument) and not isinstance(param, _Argument):  # once per parameter
                param.__class__ = _Argument
                if param.metavar is None:
                    param.metavar = (param.name or "value").upper() + ("..." if param.nargs != 1 else "")
        return params


class Command(_Newsline, TyperCommand):
    pass


class Group(_Newsline, TyperGroup):
    pass


def _value_word(option: TyperOption) -> str:
    kind = option.type_descriptor
    if option.name in _VALUE_WORDS:
        return _VALUE_WORDS[option.name]
    if kind.is_choice:
        return "|".join(str(getattr(c, "value", c)) for c in kind.choices or ())
    if kind.annotation is int:
        return "N"
    if kind.is_path:
        return "PATH"
    return "TEXT"


def use_newsline_commands(app: typer.Typer) -> None:
    """Make every command and group of ``app`` (recursively) a ``Command`` or ``Group``."""
    app.info.cls = Group
    for command in app.registered_commands:
        command.cls = Command
    for group in app.registered_groups:
        if group.typer_instance is not None:
            use_newsline_commands(group.typer_instance)
