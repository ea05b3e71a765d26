"""Score event extraction on PLOVER gold-standard records (``PLOVER_GSR_CAMEO.json``).

Each record is one sentence coded with one PLOVER category, source actors and target actors. newsline
extracts events from the sentence; the *primary* event (highest confidence, earliest first) is its answer.

- accuracy / macro F1: the primary event's category against the gold category (no event = wrong).
- spurious events per sentence: every extracted event beyond the one that has the gold category.
- actor / target match: among sentences whose gold category was found, how often that event's actor
  (target) names one of the gold source (target) actors.

Entities come from spaCy's NER (``ner_entities``) because the benchmark has no entity annotation; the
article pipeline uses the entity stage's output instead.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsline.bench import f1
from newsline.analysis.events import PLOVER_CATEGORIES, extract_events
from newsline.errors import InputFileError
from newsline.model import Entity, Event, Mention

NER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


@dataclass(slots=True)
class GoldRecord:
    id: str
    text: str
    category: str
    sources: list[str]
    targets: list[str]


@dataclass(slots=True)
class Outcome:
    record: GoldRecord
    events: list[Event]
    entities: dict[str, Entity]

    @property
    def primary(self) -> Event | None:
        return max(self.events, key=lambda e: e.confidence, default=None)  # ties: the earliest

    @property
    def matching(self) -> Event | None:
        return next((e for e in self.events if e.category == self.record.category), None)


@dataclass(slots=True)
class EventScores:
    sentences: int
    accuracy: float
    any_match: float  # some extracted event has the gold category
    macro_f1: float
    spurious_per_sentence: float
    actor_match: float
    actor_cases: int
    target_match: float
    target_cases: int
    per_category: dict[str, tuple[float, float, float, int]] = field(default_factory=dict)  # P, R, F1, support
    confusions: list[tuple[str, str, int]] = field(default_factory=list)  # gold, predicted, count
    errors: list[dict[str, Any]] = field(default_factory=list)


def load_gold(path: str | Path) -> list[GoldRecord]:
    """The coded sentences of a PLOVER GSR file (its documentation records are skipped)."""
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"{path}: no such file (expected PLOVER_GSR_CAMEO.json)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputFileError(f"{path}: not JSON ({exc})") from None
    if not isinstance(data, list):
        raise InputFileError(f"{path}: expected a JSON list of PLOVER records")
    records = []
    for n, item in enumerate(data):
        if not isinstance(item, dict) or item.get("event") == "DOCUMENT":
            continue
        name = item.get("id", f"record {n}")
        if not item.get("text") or item.get("event") not in PLOVER_CATEGORIES:
            raise InputFileError(f"{path}: {name} needs a 'text' and an 'event' among the PLOVER categories"
                                 f" (got event {item.get('event')!r})")
        records.append(GoldRecord(name, item["text"].strip(), item["event"], _actors(item.get("source")),
                                  _actors(item.get("target"))))
    return records


def ner_entities(doc: Doc) -> list[Entity]:
    """Entities from spaCy's NER, one per distinct name: the fallback when no entity stage ran."""
    by_name: dict[str, Entity] = {}
    for ent in doc.ents:
        if ent.label_ not in NER_TYPES:
            continue
        key = ent.text.lower()
        if key not in by_name:
            by_name[key] = Entity(f"e{len(by_name) + 1}", ent.text, ent.label_)
        by_name[key].mentions.append(Mention(ent.start_char, ent.end_char, ent.text, "name"))
    return list(by_name.values())


def run(nlp: Language, records: list[GoldRecord]) -> list[Outcome]:
    outcomes = []
    for doc, record in nlp.pipe(((r.text, r) for r in records), as_tuples=True, batch_size=64):
        entities = ner_entities(doc)
        events = [e for e in extract_events(doc, entities, [], [], None) if e.category in PLOVER_CATEGORIES]
        outcomes.append(Outcome(record, events, {e.id: e for e in entities}))
    return outcomes


def score(outcomes: list[Outcome], sample_errors: int = 20) -> EventScores:
    n = len(outcomes)
    if not n:
        raise InputFileError("no coded sentences to score")
    gold = [o.record.category for o in outcomes]
    predicted = [o.primary.category if o.primary else "NONE" for o in outcomes]
    per_category = {}
    for category in sorted(set(gold)):
        tp = sum(g == p == category for g, p in zip(gold, predicted))
        fp = sum(p == category != g for g, p in zip(gold, predicted))
        fn = sum(g == category != p for g, p in zip(gold, predicted))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        per_category[category] = (precision, recall, f1(precision, recall), tp + fn)
    spurious = sum(len(o.events) - (1 if o.matching else 0) for o in outcomes)
    actor_hits = actor_cases = target_hits = target_cases = 0
    for o in outcomes:
        event = o.matching
        if event is None:
            continue
        if o.record.sources:
            actor_cases += 1
            actor_hits += _names(o, event.actor, o.record.sources)
        if o.record.targets:
            target_cases += 1
            target_hits += _names(o, event.target, o.record.targets)
    confusions = Counter((g, p) for g, p in zip(gold, predicted) if g != p)
    errors = [
        {"id": o.record.id, "gold": g, "predicted": p, "text": o.record.text,
         "events": [f"{e.category}:{e.predicate.text}" for e in o.events]}
        for o, g, p in zip(outcomes, gold, predicted) if g != p
    ][:sample_errors]
    return EventScores(
        sentences=n, accuracy=sum(g == p for g, p in zip(gold, predicted)) / n,
        any_match=sum(o.matching is not None for o in outcomes) / n,
        macro_f1=sum(f for _, _, f, _ in per_category.values()) / len(per_category),
        spurious_per_sentence=spurious / n,
        actor_match=actor_hits / actor_cases if actor_cases else 0.0, actor_cases=actor_cases,
        target_match=target_hits / target_cases if target_cases else 0.0, target_cases=target_cases,
        per_category=per_category, confusions=[(g, p, c) for (g, p), c in confusions.most_common(15)],
        errors=errors,
    )


def _actors(value: object) -> list[str]:
    if not isinstance(value, list):
        return []
    return [a["actorText"] for a in value if isinstance(a, dict) and a.get("actorText")]


def _names(outcome: Outcome, entity_id: str | None, gold_names: list[str]) -> bool:
    """The entity names one of the gold actors: one name contains the other, ignoring case."""
    entity = outcome.entities.get(entity_id) if entity_id else None
    if entity is None:
        return False
    ours = {entity.name.lower(), *(m.text.lower() for m in entity.mentions)}
    return any(a in g or g in a for a in ours for g in (name.lower() for name in gold_names))
