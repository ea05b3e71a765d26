"""newsline's exceptions: one hierarchy, mapped once to CLI exit codes (``cli/common.py``) and HTTP statuses
(``web/app.py``).

Every error a user can cause or fix derives from :class:`NewslineError` and carries a message that says what
went wrong and what to do. Anything else that escapes is a bug: the CLI prints a one-line report and exits 1,
the web answers 500 and logs the traceback. Nothing is ever disguised as bad input.
"""

from __future__ import annotations


class NewslineError(Exception):
    """An expected failure with a message for the user."""

    exit_code = 1
    http_status = 400


class InvalidArgument(NewslineError, ValueError):
    """A value given to a command, function or API parameter is not acceptable.

    ``param`` is the Python API's keyword (``since``); each surface names it as its users know it (the CLI
    flag ``--since``, the web parameter ``from``) through :meth:`message`.
    """

    exit_code = 2
    http_status = 422

    def __init__(self, param: str, value: object, problem: str) -> None:
        self.param, self.value, self.problem = param, value, problem
        super().__init__(self.message(param))

    def message(self, name: str) -> str:
        """The message with the parameter called ``name``."""
        return f"{name} {self.value!r}: {self.problem}"


class NotFound(NewslineError, LookupError):
    """No stored article, entity, story or page matches what was asked for."""

    http_status = 404

    def __str__(self) -> str:  # LookupError's str() quotes the message
        return str(self.args[0]) if self.args else ""


class Ambiguous(NewslineError, LookupError):
    """A name or id prefix matches more than one thing; the message lists them or says how to narrow it."""

    exit_code = 2
    http_status = 400

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class AmbiguousId(Ambiguous):
    """An article or story id prefix that matches more than one (every store raises it)."""


class StoreError(NewslineError):
    """The store cannot be opened or written: a missing, read-only, locked or foreign database, a full disk."""

    http_status = 503


class InputFileError(NewslineError, ValueError):
    """A file or folder given to a command (gold data, TimeML files) is missing or is not what the command reads;
    the message names it and says what was expected."""

    exit_code = 2


class RejectedInput(NewslineError):
    """A record of the input cannot become an article; the message is the reason (the batch goes on)."""
