"""Scorers behind ``newsline bench ...``: each reads a benchmark's gold data and prints the official figures."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

CORRECT = "correct"  # the outcome of a right judgement; every other outcome names a kind of miss


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """How many characters two ``(start, end)`` spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


@dataclass(slots=True)
class Tally:
    """Judgements counted by outcome: :data:`CORRECT` or the kind of miss."""

    outcomes: Counter[str] = field(default_factory=Counter)

    def add(self, outcome: str) -> None:
        self.outcomes[outcome] += 1

    @property
    def total(self) -> int:
        return sum(self.outcomes.values())

    @property
    def correct(self) -> int:
        return self.outcomes[CORRECT]

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0
