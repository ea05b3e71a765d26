"""Story clustering against ECB+ gold same-event clusters: B-cubed and pairwise precision/recall/F1."""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from newsline.bench import f1
from newsline.errors import InputFileError, InvalidArgument
from newsline.identity import new_article
from newsline.model import Article, Sentence
from newsline.stories.assign import StoryConfig
from newsline.stories.rebuild import rebuild
from newsline.store.sqlite import SQLiteStore


@dataclass(slots=True)
class Scores:
    documents: int
    gold_clusters: int
    predicted_clusters: int
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float


@dataclass(slots=True)
class GoldDocument:
    article: Article
    topic: int
    cluster: str


def read_ecbplus(path: Path, topics: set[int] | None = None) -> list[GoldDocument]:
    """ECB+ JSON lines (``doc_id, topic, cluster, sentences``) as articles with their sentence offsets."""
    docs = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            try:
                record = json.loads(line)
                topic, cluster, sentences = int(record["topic"]), str(record["cluster"]), record["sentences"]
            except (ValueError, KeyError, TypeError) as exc:
                raise InputFileError(
                    f"{path}:{number}: not an ECB+ record with topic, cluster and sentences ({exc})") from None
            if topics is not None and topic not in topics:
                continue
            text, spans = "", []
            for sentence in sentences:
                if text:
                    text += "\n"
                spans.append(Sentence(len(text), len(text) + len(sentence)))
                text += sentence
            article = new_article(text, url=f"ecbplus:{record.get('doc_id', number)}")
            article.sentences = spans
            docs.append(GoldDocument(article, topic, cluster))
    if not docs:
        raise InputFileError(f"{path}: no documents" + (f" in topics {sorted(topics)}" if topics else ""))
    return docs


@contextmanager
def scratch_store(articles: Sequence[Article], config: StoryConfig) -> Iterator[SQLiteStore]:
    """A temporary store holding ``articles`` (stored in the given order) after a full ``rebuild`` pass, as
    ``newsline stories rebuild`` does."""
    with tempfile.TemporaryDirectory() as scratch, SQLiteStore(Path(scratch) / "bench.db") as store:
        store.add_articles([(a, "bench") for a in articles])
        rebuild(store, config)
        yield store


def cluster(articles: Sequence[Article], config: StoryConfig) -> dict[str, str]:
    """Article id -> story id, from a scratch store (:func:`scratch_store`)."""
    with scratch_store(articles, config) as store:
        return {m.article_id: m.story_id for m in store.story_members(article_ids=[a.id for a in articles])}


def score(gold: Sequence[str], predicted: Sequence[str]) -> Scores:
    """B-cubed (per document, averaged) and pairwise scores of a predicted clustering against gold labels."""
    n = len(gold)
    pair_counts = Counter(zip(gold, predicted))
    gold_sizes, pred_sizes = Counter(gold), Counter(predicted)
    precision = sum(pair_counts[g, p] / pred_sizes[p] for g, p in zip(gold, predicted)) / n
    recall = sum(pair_counts[g, p] / gold_sizes[g] for g, p in zip(gold, predicted)) / n
    both = sum(c * (c - 1) / 2 for c in pair_counts.values())
    pred_pairs = sum(c * (c - 1) / 2 for c in pred_sizes.values())
    gold_pairs = sum(c * (c - 1) / 2 for c in gold_sizes.values())
    pp, pr = (both / pred_pairs if pred_pairs else 1.0), (both / gold_pairs if gold_pairs else 1.0)
    return Scores(n, len(gold_sizes), len(pred_sizes), precision, recall, f1(precision, recall), pp, pr, f1(pp, pr))


def run(path: Path, topics: set[int] | None = None, config: StoryConfig | None = None) -> Scores:
    docs = read_ecbplus(path, topics)
    stories = cluster([d.article for d in docs], config or StoryConfig(window_days=None))
    return score([d.cluster for d in docs], [stories[d.article.id] for d in docs])


def parse_topics(spec: str) -> set[int]:
    """``"1-20"``, ``"21-35"``, ``"1,4,7-9"`` -> topic numbers."""
    topics: set[int] = set()
    for part in spec.split(","):
        low, _, high = part.strip().partition("-")
        try:
            topics.update(range(int(low), int(high or low) + 1))
        except ValueError:
            raise InvalidArgument("topics", spec, "expected numbers and ranges like 1-20,25") from None
    return topics

