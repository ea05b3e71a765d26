"""Scorers behind ``newsline bench ...``: each reads a benchmark's gold data and prints the official figures."""


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
