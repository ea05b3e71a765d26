"""The search syntax users type, translated to a query that always parses: FTS5's (SQLite) or a tsquery
(PostgreSQL).

    harbour strike          both words (AND is implied; writing AND is allowed)
    sanctions OR embargo    either word
    sanctions NOT oil       the first without the second; ``-oil`` says the same
    "night shifts"          the phrase, words in this order
    sanction*               words that start with "sanction"
    (strike OR walkout) -port
                            grouping

Operators are the upper-case words AND, OR, NOT; in lower case they are searched as words. Words are compared
after English stemming by the index (``strike`` finds "strikes" and "striking") and with diacritics folded.
Everything else (punctuation, FTS5's own column filters and NEAR, tsquery's operators) is text: each chunk of
letters and digits is quoted before the database sees it, so no input can make a query that it rejects. An
unmatched parenthesis is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsline.errors import InvalidArgument

MAX_DEPTH = 20  # nested parentheses accepted
_TOKEN = re.compile(r'"(?P<phrase>[^"]*)"?|(?P<open>\()|(?P<close>\))|(?P<minus>-)(?=[^\s)])|(?P<chunk>[^\s()"]+)')
_WORD = re.compile(r"[^\W_]+")  # letters and digits: what both databases' tokenizers take as a word
_OPERATORS = ("AND", "OR", "NOT")


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # phrase | word | open | close | AND | OR | NOT
    words: tuple[str, ...] = ()
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Terms:
    """Words in this order (one word, or a phrase); ``prefix``: the last one is a prefix."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Combined:
    operator: str  # AND | OR
    parts: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Without:
    """What ``found`` finds, less what ``excluded`` finds."""

    found: Node
    excluded: Node


Node = Terms | Combined | Without


def parse(query: str, param: str = "query") -> Node:
    """The query's expression; InvalidArgument (naming ``param``) when nothing can be searched."""
    expression = _Parser(_tokens(query), query, param).any_of(0)
    if expression is None:
        raise InvalidArgument(param, query, "no words to search for")
    return expression


def fts_query(query: str, param: str = "query") -> str:
    """The FTS5 MATCH expression for ``query`` (SQLite)."""
    return _fts(parse(query, param))


def tsquery(query: str, param: str = "query") -> str:
    """The ``to_tsquery`` text for ``query`` (PostgreSQL): each word a quoted lexeme, which the text search
    configuration then folds and stems as it does the indexed text."""
    return _tsquery(parse(query, param))


def _fts(node: Node) -> str:
    if isinstance(node, Terms):
        return '"' + " ".join(node.words) + '"' + (" *" if node.prefix else "")
    if isinstance(node, Without):
        return f"({_fts(node.found)} NOT {_fts(node.excluded)})"
    return "(" + f" {node.operator} ".join(_fts(p) for p in node.parts) + ")"


def _tsquery(node: Node) -> str:
    if isinstance(node, Terms):
        lexemes = [f"'{w}'" for w in node.words]
        lexemes[-1] += ":*" if node.prefix else ""
        return "(" + " <-> ".join(lexemes) + ")"
    if isinstance(node, Without):
        return f"({_tsquery(node.found)} & !{_tsquery(node.excluded)})"
    return "(" + (" & " if node.operator == "AND" else " | ").join(_tsquery(p) for p in node.parts) + ")"


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

    def peek(self, depth: int) -> _Token | None:
        """The next token; a ')' without its '(' (at the top) is skipped."""
        while self.position < len(self.tokens):
            token = self.tokens[self.position]
            if not (token.kind == "close" and depth == 0):
                return token
            self.position += 1
        return None

    def any_of(self, depth: int) -> Node | None:
        parts = []
        while (token := self.peek(depth)) is not None and token.kind != "close":
            if token.kind == "OR":  # a dangling OR
                self.position += 1
                continue
            part = self.all_of(depth)
            if part is not None:
                parts.append(part)
        return _join(parts, "OR")

    def all_of(self, depth: int) -> Node | None:
        wanted, unwanted = [], []
        while (token := self.peek(depth)) is not None and token.kind not in ("OR", "close"):
            negated = False
            while token is not None and token.kind in ("NOT", "AND"):
                negated ^= token.kind == "NOT"
                self.position += 1
                token = self.peek(depth)
            if token is None or token.kind in ("OR", "close"):
                break
            part = self.primary(depth)
            if part is not None:
                (unwanted if negated else wanted).append(part)
        if unwanted and not wanted:
            raise InvalidArgument(self.param, self.query, "NOT (or -) excludes words from what the other words find;"
                                                          " give at least one word to find, e.g. sanctions NOT oil")
        found = _join(wanted, "AND")
        if found is None:
            return None
        excluded = _join(unwanted, "OR")
        return Without(found, excluded) if excluded is not None else found

    def primary(self, depth: int) -> Node | None:
        token = self.tokens[self.position]
        self.position += 1
        if token.kind != "open":
            return Terms(token.words, token.prefix)
        if depth >= MAX_DEPTH:
            raise InvalidArgument(self.param, self.query, f"parentheses nested deeper than {MAX_DEPTH} levels")
        inner = self.any_of(depth + 1)
        if (closing := self.peek(depth + 1)) is not None and closing.kind == "close":
            self.position += 1
        return inner


def _join(parts: list[Node], operator: str) -> Node | None:
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Combined(operator, tuple(parts))
