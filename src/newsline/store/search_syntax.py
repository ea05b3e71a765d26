"""The search syntax users type, translated to an FTS5 query that always parses.

    harbour strike          both words (AND is implied; writing AND is allowed)
    sanctions OR embargo    either word
    sanctions NOT oil       the first without the second; ``-oil`` says the same
    "night shifts"          the phrase, words in this order
    sanction*               words that start with "sanction"
    (strike OR walkout) -port
                            grouping

Operators are the upper-case words AND, OR, NOT; in lower case they are searched as words. Words are compared
after English stemming by the index (``strike`` finds "strikes" and "striking") and with diacritics folded.
Everything else (punctuation, FTS5's own column filters and NEAR) is text: each chunk of letters and digits is
quoted before FTS5 sees it, so no input can make a query that FTS5 rejects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsline.errors import InvalidArgument

MAX_DEPTH = 20  # nested parentheses accepted
_TOKEN = re.compile(r'"(?P<phrase>[^"]*)"?|(?P<open>\()|(?P<close>\))|(?P<minus>-)(?=[^\s)])|(?P<chunk>[^\s()"]+)')
_WORD = re.compile(r"\w+")
_OPERATORS = ("AND", "OR", "NOT")


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # phrase | word | open | close | AND | OR | NOT
    words: tuple[str, ...] = ()
    prefix: bool = False


def fts_query(query: str, param: str = "query") -> str:
    """The FTS5 MATCH expression for ``query``; InvalidArgument (naming ``param``) when nothing can be searched."""
    parser = _Parser(_tokens(query), query, param)
    expression = parser.any_of(0)
    if expression is None:
        raise InvalidArgument(param, query, "no words to search for")
    return expression


def _tokens(query: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(query):
        if match["open"]:
            tokens.append(_Token("open"))
        elif match["close"]:
            tokens.append(_Token("close"))
        elif match["minus"]:
            tokens.append(_Token("NOT"))
        elif match["chunk"] in _OPERATORS:
            tokens.append(_Token(match["chunk"]))
        else:
            text = match["phrase"] if match["phrase"] is not None else match["chunk"]
            words = tuple(_WORD.findall(text))
            if words:
                prefix = match["chunk"] is not None and match["chunk"].endswith("*")
                tokens.append(_Token("phrase" if match["phrase"] is not None else "word", words, prefix))
    return tokens


class _Parser:
    """any_of := all_of (OR all_of)*;  all_of := [NOT|-]* primary ([AND] [NOT|-]* primary)*;
    primary := word | "phrase" | ( any_of ).  Dangling operators and unmatched parentheses are ignored."""

    def __init__(self, tokens: list[_Token], query: str, param: str) -> None:
        self.tokens, self.position, self.query, self.param = tokens, 0, query, param

    def peek(self) -> _Token | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def any_of(self, depth: int) -> str | None:
        parts = []
        while (token := self.peek()) is not None and not (token.kind == "close" and depth > 0):
            if token.kind in ("OR", "close"):  # a dangling OR, or a ')' without its '(' at the top
                self.position += 1
                continue
            part = self.all_of(depth)
            if part is not None:
                parts.append(part)
        return _join(parts, "OR")

    def all_of(self, depth: int) -> str | None:
        wanted, unwanted = [], []
        while (token := self.peek()) is not None and token.kind not in ("OR", "close"):
            negated = False
            while token is not None and token.kind in ("NOT", "AND"):
                negated ^= token.kind == "NOT"
                self.position += 1
                token = self.peek()
            if token is None or token.kind in ("OR", "close"):
                break
            part = self.primary(depth)
            if part is not None:
                (unwanted if negated else wanted).append(part)
        if unwanted and not wanted:
            raise InvalidArgument(self.param, self.query, "NOT (or -) excludes words from what the other words find;"
                                                          " give at least one word to find, e.g. sanctions NOT oil")
        if not wanted:
            return None
        found = _join(wanted, "AND")
        return f"({found} NOT {_join(unwanted, 'OR')})" if unwanted else found

    def primary(self, depth: int) -> str | None:
        token = self.tokens[self.position]
        self.position += 1
        if token.kind != "open":
            return '"' + " ".join(token.words) + '"' + (" *" if token.prefix else "")
        if depth >= MAX_DEPTH:
            raise InvalidArgument(self.param, self.query, f"parentheses nested deeper than {MAX_DEPTH} levels")
        inner = self.any_of(depth + 1)
        if (closing := self.peek()) is not None and closing.kind == "close":
            self.position += 1
        return inner


def _join(parts: list[str], operator: str) -> str | None:
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else "(" + f" {operator} ".join(parts) + ")"
