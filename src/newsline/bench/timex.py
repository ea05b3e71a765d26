"""``newsline bench timex``: TempEval-3 Task A figures for the temporal stage.

The metric is the official TempEval-3 scorer's (``evaluate_entities.py`` with the TimeML-Normalizer): a system
TIMEX3 and a gold one *match relaxed* when their extents overlap (each pairs at most once, in text order) and
*strictly* when the extents are identical; precision is over system timexes, recall over gold ones; type and value
accuracy are over relaxed matches, and their F1 is that accuracy times the relaxed F1.

Gold data: TimeML ``.tml`` folders (TempEval-3, TimeBank, AQUAINT) or MEANTIME's NAF-like ``.xml`` (whose
text-anchored TIMEX3 are scored; its ``CREATION_TIME`` timex gives the publication date; only the sentences up to
the last annotated one are scored, since MEANTIME annotates the first sentences of each article)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal


from newsline.bench import f1
from newsline.analysis.timex import tag_timexes
from newsline.errors import InputFileError
from newsline.model import Timex
from newsline.timeml import GoldTimex, read_timeml

if TYPE_CHECKING:
    from spacy.language import Language

GoldFormat = Literal["auto", "timeml", "meantime"]


@dataclass(frozen=True, slots=True)
class GoldDocument:
    name: str
    text: str
    dct: str | None
    gold: tuple[GoldTimex, ...]
    annotated_end: int | None = None  # only text before this was annotated (MEANTIME: its first sentences)


@dataclass(slots=True)
class TypeFigures:
    gold: int = 0
    system: int = 0
    relaxed: int = 0
    strict: int = 0
    value: int = 0


@dataclass(slots=True)
class TimexScores:
    """Counts over a gold folder; the figures are properties, as the TempEval-3 scorer computes them."""

    documents: int = 0
    gold: int = 0
    system: int = 0
    relaxed: int = 0
    strict: int = 0
    type_match: int = 0
    value_match: int = 0
    by_type: dict[str, TypeFigures] = field(default_factory=dict)
    value_errors: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    error_examples: dict[tuple[str, str, str], str] = field(default_factory=dict)
    missed: Counter[str] = field(default_factory=Counter)
    spurious: Counter[str] = field(default_factory=Counter)
    extent_errors: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def strict_precision(self) -> float:
        return self.strict / self.system if self.system else 0.0

    @property
    def strict_recall(self) -> float:
        return self.strict / self.gold if self.gold else 0.0

    @property
    def strict_f1(self) -> float:
        return f1(self.strict_precision, self.strict_recall)

    @property
    def relaxed_precision(self) -> float:
        return self.relaxed / self.system if self.system else 0.0

    @property
    def relaxed_recall(self) -> float:
        return self.relaxed / self.gold if self.gold else 0.0

    @property
    def relaxed_f1(self) -> float:
        return f1(self.relaxed_precision, self.relaxed_recall)

    @property
    def type_accuracy(self) -> float:
        return self.type_match / self.relaxed if self.relaxed else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.value_match / self.relaxed if self.relaxed else 0.0

    @property
    def type_f1(self) -> float:
        return self.type_accuracy * self.relaxed_f1

    @property
    def value_f1(self) -> float:
        return self.value_accuracy * self.relaxed_f1


def gold_documents(gold_dir: Path, fmt: GoldFormat = "auto") -> Iterator[GoldDocument]:
    """The gold documents under ``gold_dir`` (recursively), in name order."""
    if not gold_dir.is_dir():
        raise InputFileError(f"{gold_dir}: no such folder of gold files")
    if fmt == "auto":
        fmt = "meantime" if not any(gold_dir.rglob("*.tml")) and any(gold_dir.rglob("*.xml")) else "timeml"
    pattern = "*.tml" if fmt == "timeml" else "*.xml"
    paths = sorted(gold_dir.rglob(pattern))
    if not paths:
        raise InputFileError(f"{gold_dir}: no {pattern} gold files found")
    for path in paths:
        if fmt == "timeml":
            doc = read_timeml(path)
            yield GoldDocument(str(path.relative_to(gold_dir)), doc.text, doc.dct, doc.gold)
        else:
            yield read_meantime(path, str(path.relative_to(gold_dir)))


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?%)\]}]|'s|'re|'ve|'ll|'d|n't|')$", re.I)
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "“"}


def read_meantime(path: Path, name: str) -> GoldDocument:
    """A MEANTIME document: tokens detokenised into text (sentences on their own lines) and its text-anchored
    TIMEX3 as character spans; the ``CREATION_TIME`` timex's value is the publication date."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputFileError(f"{path}: not well-formed XML ({exc})") from None
    parts: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    sentence_end: dict[str, int] = {}
    length = 0
    prev_sentence: str | None = None
    prev_token = ""
    for tok in root.iter("token"):
        word = tok.text or ""
        sentence = tok.get("sentence")
        if prev_sentence is not None:
            sep = "\n" if sentence != prev_sentence else (
                "" if _NO_SPACE_BEFORE.match(word) or prev_token in _NO_SPACE_AFTER else " ")
            parts.append(sep)
            length += len(sep)
        spans[tok.get("t_id", "")] = (length, length + len(word))
        parts.append(word)
        length += len(word)
        sentence_end[sentence or ""] = length
        prev_sentence, prev_token = sentence, word
    text = "".join(parts)
    gold: list[GoldTimex] = []
    dct = None
    for timex in root.iter("TIMEX3"):
        anchors = [spans[a.get("t_id", "")] for a in timex.iter("token_anchor") if a.get("t_id") in spans]
        if timex.get("functionInDocument") == "CREATION_TIME" and _ISO_DATE.match(timex.get("value", "")):
            dct = timex.get("value")  # one MEANTIME file writes "03-02-2009": scored without a publication date
        if not anchors:
            continue
        start, end = min(a[0] for a in anchors), max(a[1] for a in anchors)
        gold.append(GoldTimex(start, end, text[start:end], timex.get("m_id", ""), timex.get("type", ""),
                              timex.get("value", ""), timex.get("mod") or None))
    gold.sort(key=lambda g: g.start)
    # MEANTIME annotates only the first sentences of each article: score up to the last annotated sentence.
    sentence_of = {tok.get("t_id", ""): tok.get("sentence") or "" for tok in root.iter("token")}
    anchored = [sentence_end[sentence_of[a.get("t_id", "")]] for a in root.iter("token_anchor")
                if a.get("t_id") in sentence_of]
    return GoldDocument(name, text, dct, tuple(gold), max(anchored) if anchored else 0)


def align(gold: tuple[GoldTimex, ...], system: list[Timex]) -> list[tuple[GoldTimex, Timex]]:
    """One-to-one pairs of overlapping extents, in text order (the TimeML-Normalizer's alignment)."""
    pairs = []
    used: set[int] = set()
    for g in gold:
        for i, s in enumerate(system):
            if i not in used and s.span.start < g.end and g.start < s.span.end:
                pairs.append((g, s))
                used.add(i)
                break
    return pairs


def _shape(text: str) -> str:
    return re.sub(r"\d", "9", " ".join(text.lower().split()))


def score_document(doc: GoldDocument, system: list[Timex], scores: TimexScores) -> None:
    scores.documents += 1
    scores.gold += len(doc.gold)
    scores.system += len(system)
    pairs = align(doc.gold, system)
    for g in doc.gold:
        scores.by_type.setdefault(g.type, TypeFigures()).gold += 1
    for s in system:
        scores.by_type.setdefault(s.type, TypeFigures()).system += 1
    matched_gold = {id(g) for g, _ in pairs}
    matched_system = {id(s) for _, s in pairs}
    for g in doc.gold:
        if id(g) not in matched_gold:
            scores.missed[f"{_shape(g.text)} [{g.type}]"] += 1
    for s in system:
        if id(s) not in matched_system:
            scores.spurious[f"{_shape(s.span.text)} [{s.type}]"] += 1
    for g, s in pairs:
        figures = scores.by_type[g.type]
        scores.relaxed += 1
        figures.relaxed += 1
        if (g.start, g.end) == (s.span.start, s.span.end):
            scores.strict += 1
            figures.strict += 1
        else:
            scores.extent_errors[(_shape(g.text), _shape(s.span.text))] += 1
        if g.type == s.type:
            scores.type_match += 1
        if g.value == (s.value or ""):
            scores.value_match += 1
            figures.value += 1
        else:
            key = (_shape(g.text), _shape(g.value), _shape(s.value or ""))
            scores.value_errors[key] += 1
            scores.error_examples.setdefault(key, f"{doc.name}: {g.text!r} gold {g.value} ours {s.value} (DCT {doc.dct})")


def score_timex(nlp: Language, gold_dir: Path, *, fmt: GoldFormat = "auto", limit: int | None = None) -> TimexScores:
    """Tag the raw text of every gold document (with its DCT as publication date) and score it."""
    scores = TimexScores()
    docs = list(gold_documents(gold_dir, fmt))[:limit]
    for doc, gold in zip(nlp.pipe(d.text for d in docs), docs, strict=True):
        system = tag_timexes(doc, gold.dct)
        if gold.annotated_end is not None:
            system = [t for t in system if t.span.start < gold.annotated_end]
        score_document(gold, system, scores)
    return scores
