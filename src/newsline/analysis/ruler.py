"""spaCy's attribute ruler (tag map and exceptions: POS, MORPH, LEMMA from TAG and word), matched on arrays.

en_core_web_sm's ``attribute_ruler`` runs spaCy's general token Matcher over every token for its 179 one- and
two-token rules: about a seventh of the parse (benchmarks/scale.py; docs/scale.md, "Per core"). Its rules only
test a token's tag, lower-cased form, dependency label and whether it is a space, with plain values, ``IN``,
``NOT_IN`` and ``REGEX``; here each rule is matched on those columns of the document at once and the attributes of
every match are written back in one ``Doc.from_array``. The result is the ruler's, token for token: matches are
applied in the ruler's order (a later rule overrides an earlier one, as spaCy sorts its matches by rule), and
:meth:`AttributeRules.compile` refuses rules using anything else, so that another model keeps spaCy's ruler.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import IDS
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs
from spacy.util import minibatch
from spacy.vocab import Vocab

RULES = "newsline_attribute_rules"
# What a rule may test: the token attributes whose value Doc.to_array gives as the Matcher reads them
_TESTED = {"TAG": "TAG", "LOWER": "LOWER", "DEP": "DEP", "IS_SPACE": "IS_SPACE", "ORTH": "ORTH", "TEXT": "ORTH",
           "NORM": "NORM"}
Test = Callable[[numpy.ndarray, StringStore], numpy.ndarray]


@dataclass(frozen=True, slots=True)
class _Rule:
    patterns: list[list[list[tuple[int, Test]]]]  # alternatives; per token, (column, test) pairs
    index: int  # the token of a match whose attributes are set (negative: from its end)
    values: list[tuple[int, int]]  # (written column, value)


class AttributeRules:
    """A pipeline component equal to an ``AttributeRuler`` with the same ``patterns`` (``AttributeRuler.patterns``)."""

    def __init__(self, vocab: Vocab, patterns: list[dict[str, Any]]) -> None:
        tested: list[int] = []
        written: list[int] = []
        normalised = [normalize_token_attrs(vocab, p["attrs"]) for p in patterns]
        for attrs in normalised:
            written += [a for a in attrs if a not in written]
        self.rules: list[_Rule] = []
        for pattern, attrs in zip(patterns, normalised, strict=True):
            alternatives = []
            for alternative in pattern["patterns"]:
                tokens = []
                for spec in alternative:
                    tests = []
                    for key, value in spec.items():
                        attr = IDS[_TESTED[key]]
                        if attr not in tested:
                            tested.append(attr)
                        tests.append((tested.index(attr), _test(value)))
                    tokens.append(tests)
                alternatives.append(tokens)
            self.rules.append(_Rule(alternatives, pattern.get("index", 0),
                                    [(written.index(a), v) for a, v in attrs.items()]))
        self.tested, self.written = tested, written

    @staticmethod
    def supports(patterns: list[dict[str, Any]]) -> bool:
        """Whether every rule of ``patterns`` tests only what this component reads, in ways it reads, and sets a
        token inside its match (else keep spaCy's ruler)."""
        try:
            return all(
                all(spec and all(key in _TESTED and _test(value) is not None for key, value in spec.items())
                    for spec in alternative) and -len(alternative) <= p.get("index", 0) < len(alternative)
                for p in patterns for alternative in p["patterns"]) and all("_" not in p["attrs"] for p in patterns)
        except (TypeError, ValueError, re.error):
            return False

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """The documents with their attributes set, matched a batch at a time (the columns of a batch joined, so
        that each rule is one array operation per batch, not per document)."""
        for batch in minibatch(docs, batch_size):
            present = [doc for doc in batch if len(doc)]
            if present:
                self._set(present)
            yield from batch

    def _set(self, docs: list[Doc]) -> None:
        columns = numpy.concatenate([doc.to_array(self.tested) for doc in docs])
        out = numpy.concatenate([doc.to_array(self.written) for doc in docs])
        ends = numpy.cumsum([len(doc) for doc in docs])
        doc_of = numpy.repeat(numpy.arange(len(docs)), [len(doc) for doc in docs])
        n, strings = len(columns), docs[0].vocab.strings
        for rule in self.rules:
            for alternative in rule.patterns:
                starts = n - len(alternative) + 1
                if starts <= 0:
                    continue
                match = numpy.ones(starts, dtype=bool)
                for offset, tests in enumerate(alternative):
                    for column, test in tests:
                        match &= test(columns[offset : offset + starts, column], strings)
                if len(alternative) > 1:  # a match within one document
                    match &= doc_of[: starts] == doc_of[len(alternative) - 1 :]
                targets = numpy.flatnonzero(match) + (rule.index % len(alternative))
                for column, value in rule.values:
                    out[targets, column] = value
        for doc, rows in zip(docs, numpy.split(out, ends[:-1]), strict=True):
            doc.from_array(self.written, rows)


def _test(value: Any) -> Test:
    """The Matcher's test of one attribute's value: equal to a string (by its id), a flag or a number; ``IN`` or
    ``NOT_IN`` a list; ``REGEX`` (searched in the attribute's string). Raises ValueError for anything else."""
    if isinstance(value, bool | int | str):
        wanted = get_string_id(value) if isinstance(value, str) else int(value)
        return lambda column, strings: column == wanted
    if isinstance(value, dict) and len(value) == 1:
        [(operator, operand)] = value.items()
        if operator in ("IN", "NOT_IN") and isinstance(operand, list) and all(isinstance(v, str) for v in operand):
            ids = numpy.array([get_string_id(v) for v in operand], dtype="uint64")
            inside = operator == "IN"
            return lambda column, strings: numpy.isin(column, ids) == inside
        if operator == "REGEX" and isinstance(operand, str):
            regex = re.compile(operand)

            def search(column: numpy.ndarray, strings: StringStore) -> numpy.ndarray:
                found = [int(h) for h in numpy.unique(column).tolist() if regex.search(strings[h])]
                return numpy.isin(column, numpy.array(found, dtype="uint64"))

            return search
    raise ValueError(f"an attribute rule test the array ruler does not read: {value!r}")


@Language.factory(RULES, default_config={"patterns": []})
def make_attribute_rules(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> AttributeRules:
    return AttributeRules(nlp.vocab, patterns)


def replace_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> None:
    """Put :class:`AttributeRules` in place of ``nlp``'s attribute ruler ``name`` when it supports its rules."""
    ruler = nlp.get_pipe(name)
    if isinstance(ruler, AttributeRuler) and AttributeRules.supports(ruler.patterns):
        nlp.replace_pipe(name, RULES, config={"patterns": ruler.patterns})
