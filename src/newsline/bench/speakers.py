"""``newsline bench speakers``: is the resolved speaker of a quote the person or organisation the source means?

The gold is newsline's own annotation layer over PolNeAR (``benchmarks/data/polnear-dev-speakers.tsv``): for
each gold attribution's Source span (its first fragment's offsets), the fullest name of its referent as the
article gives it, several names separated by ``|``, or empty when the source names no identifiable referent.

Two figures:

- **given the gold source**: for each gold source with a named referent, the predicted quote whose source
  overlaps it; correct when that quote's speaker entity names the referent. Gold sources no predicted source
  overlaps are counted apart ("not found").
- **end to end**: each predicted quote whose content overlaps a gold attribution's content is judged against
  that attribution (the one it overlaps most): correct when its speaker names the referent, or is None when
  the gold referent is empty.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import newsline
from newsline.analysis import default_analyzer
from newsline.analysis.entities.names import name_parts, same_given_name, same_surname
from newsline.bench import CORRECT, Tally, overlap
from newsline.bench.polnear import GoldArticle, GoldAttribution, read_polnear
from newsline.errors import InputFileError
from newsline.identity import new_article
from newsline.model import DOCUMENT, UNNAMED, Article, Entity, Quote

if TYPE_CHECKING:
    from newsline.analysis.pipeline import Analyzer

GOLD_FILE = "polnear-dev-speakers.tsv"
_COLUMNS = ("article", "source_start", "source_end", "speaker")

# outcomes of one judgement
WRONG, UNRESOLVED, NOT_FOUND, SPURIOUS = "wrong", "unresolved", "not found", "spurious"


@dataclass(frozen=True, slots=True)
class GoldSpeaker:
    """One gold source and its referent's names (empty: no identifiable referent)."""

    article: str
    start: int
    end: int
    names: tuple[str, ...]


def default_gold_path() -> Path:
    """The speaker gold shipped in the repository's ``benchmarks/data`` (found from a source checkout)."""
    path = Path(newsline.__file__).resolve().parents[2] / "benchmarks" / "data" / GOLD_FILE
    if not path.is_file():
        raise InputFileError(
            f"{path} not found: the speaker gold lives in the repository's benchmarks/data/; run from a clone "
            "of newsline or pass --gold PATH")
    return path


def read_speaker_gold(path: Path | str) -> list[GoldSpeaker]:
    """The rows of a speaker gold TSV: ``#`` comment lines, then the header ``article source_start source_end
    speaker`` (tab-separated) and one row per gold source."""
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"{path}: no such speaker gold file")
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader, None)
    if header is None or tuple(header) != _COLUMNS:
        raise InputFileError(f"{path}: expected the header {' '.join(_COLUMNS)!r} (tab-separated),"
                             f" found {header!r}")
    rows = []
    for number, row in enumerate(reader, 2):
        try:
            article, start, end, speaker = row
            rows.append(GoldSpeaker(article, int(start), int(end), tuple(n for n in speaker.split("|") if n.strip())))
        except ValueError:
            raise InputFileError(f"{path}: data row {number - 1}: expected 4 tab-separated fields "
                                 f"(article, integer start, integer end, speaker), found {row!r}") from None
    return rows


def _name_words(text: str) -> list[str]:
    return [w for w in name_parts(text.lstrip("@")) if w != "the"]


def names_referent(entity: Entity, referent: str) -> bool:
    """Whether ``entity`` names ``referent``: the same full name after folding, the same surname and given
    name, or the same surname where either side is a single word. The entity's forms are its name and its
    name/short_name mentions, its bare surnames only when it has no fuller name ("Clinton" said of Hillary
    Clinton does not name Bill Clinton)."""
    target = _name_words(referent)
    if not target:
        return False
    forms = [w for w in (_name_words(f) for f in [entity.name] + [
        m.text for m in entity.mentions if m.kind in ("name", "short_name")]) if w]
    if any(len(words) > 1 for words in forms):
        forms = [words for words in forms if len(words) > 1]
    for words in forms:
        if words == target:
            return True
        if same_surname(words[-1], target[-1]) and (
                len(words) == 1 or len(target) == 1 or same_given_name(words[0], target[0])):
            return True
    return False


@dataclass(slots=True)
class SpeakerError:
    figure: str  # "given source" or "end to end"
    article: str
    kind: str  # wrong | unresolved | not found | spurious
    source: str  # the gold source as written
    expected: str  # the gold referent ("" when none)
    got: str  # the resolved entity's name ("" when None)
    context: str


@dataclass(slots=True)
class SpeakerScores:
    articles: int
    given_source: Tally = field(default_factory=Tally)  # gold sources with a named referent
    end_to_end: Tally = field(default_factory=Tally)  # predicted quotes overlapping a gold content
    errors: list[SpeakerError] = field(default_factory=list)

    @property
    def given_source_found(self) -> float:
        """Accuracy over the gold sources some predicted source overlaps."""
        found = self.given_source.total - self.given_source.outcomes[NOT_FOUND]
        return self.given_source.correct / found if found else 0.0


def _judge(quote: Quote | None, names: tuple[str, ...], entities: dict[str, Entity]) -> str:
    """The outcome for one quote. An unnamed source or an issuer-less document names no referent, as the
    gold's empty speaker does ("sources", "a Homeland Security Department official", documents)."""
    if quote is None:
        return NOT_FOUND
    entity = entities.get(quote.speaker) if quote.speaker else None
    if entity is not None and entity.type in (UNNAMED, DOCUMENT):
        entity = None
    if not names:
        return CORRECT if entity is None else SPURIOUS
    if entity is None:
        return UNRESOLVED
    return CORRECT if any(names_referent(entity, n) for n in names) else WRONG


def score_article(gold: GoldArticle, rows: list[GoldSpeaker], article: Article, scores: SpeakerScores) -> None:
    """Add one article's judgements (``rows``: its gold speakers, checked against ``gold``) to ``scores``."""
    entities = {e.id: e for e in article.entities}
    by_source = {(r.start, r.end): r for r in rows}
    sourced = [q for q in article.quotes if q.source is not None]

    def record(figure: str, tally: Tally, outcome: str, row: GoldSpeaker, quote: Quote | None) -> None:
        tally.add(outcome)
        if outcome != CORRECT:
            entity = entities.get(quote.speaker) if quote is not None and quote.speaker else None
            context = gold.text[max(0, row.start - 80) : row.end + 80].replace("\n", " ")
            scores.errors.append(SpeakerError(figure, gold.name, outcome, gold.text[row.start : row.end],
                                              "|".join(row.names), entity.name if entity else "", context))

    for row in rows:
        if not row.names:
            continue
        span = (row.start, row.end)
        quote = max(sourced, key=lambda q: overlap((q.source.start, q.source.end), span), default=None)
        if quote is not None and not overlap((quote.source.start, quote.source.end), span):
            quote = None
        record("given source", scores.given_source, _judge(quote, row.names, entities), row, quote)

    attributions = [(a, by_source[a.source[0]]) for a in gold.attributions if a.source and a.content]
    for quote in article.quotes:
        spans = {role: (s.start, s.end) for role in ("content", "cue", "source") if (s := getattr(quote, role))}

        # fit is only called below, in this iteration: spans is the current one
        def fit(pair: tuple[GoldAttribution, GoldSpeaker]) -> tuple[bool, bool, int]:
            """Nested attributions: the gold one sharing our cue, then our source, then the most content."""
            shared = {role: sum(overlap(spans[role], frag) for frag in getattr(pair[0], role)) if role in spans else 0  # noqa: B023
                      for role in ("content", "cue", "source")}
            return shared["cue"] > 0, shared["source"] > 0, shared["content"]

        best = max(attributions, key=fit, default=None)
        if best is not None and fit(best)[2]:
            record("end to end", scores.end_to_end, _judge(quote, best[1].names, entities), best[1], quote)


def _check_rows(gold: GoldArticle, rows: list[GoldSpeaker], gold_path: Path) -> None:
    sources = {a.source[0] for a in gold.attributions if a.source}
    for row in rows:
        if (row.start, row.end) not in sources:
            raise InputFileError(f"{gold_path}: {row.article} has no gold source at {row.start}-{row.end} in this "
                                 "split (is the speaker gold made for this PolNeAR directory?)")
    missing = sources - {(r.start, r.end) for r in rows}
    if missing:
        raise InputFileError(f"{gold_path}: {gold.name}: gold sources without a speaker row:"
                             f" {sorted(missing)[:5]}")


def score_speakers(
    data_dir: Path | str, gold_path: Path | str | None = None, *, analyzer: Analyzer | None = None,
) -> SpeakerScores:
    """Run the pipeline over the articles of a PolNeAR split that the speaker gold covers, and score speakers."""
    gold_path = Path(gold_path) if gold_path is not None else default_gold_path()
    rows = read_speaker_gold(gold_path)
    by_article: dict[str, list[GoldSpeaker]] = {}
    for row in rows:
        by_article.setdefault(row.article, []).append(row)
    golds = {g.name: g for g in read_polnear(data_dir)}
    unknown = sorted(set(by_article) - set(golds))
    if unknown:
        raise InputFileError(f"{gold_path}: articles not in {data_dir}: {', '.join(unknown[:5])}")
    covered = [golds[name] for name in by_article]
    for gold in covered:
        _check_rows(gold, by_article[gold.name], gold_path)
    analyzer = default_analyzer(analyzer)
    scores = SpeakerScores(articles=len(covered))
    for gold, article in zip(covered, analyzer.analyze_many(new_article(g.text) for g in covered), strict=True):
        score_article(gold, by_article[gold.name], article, scores)
    return scores


def error_sample(scores: SpeakerScores, n: int, seed: int = 0) -> list[SpeakerError]:
    """A reproducible random sample of ``n`` errors."""
    return random.Random(seed).sample(scores.errors, min(n, len(scores.errors)))
