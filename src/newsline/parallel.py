"""Batches of work in order with a bounded number in flight, and the default number of workers. Free of the NLP
stack: the analysis (``analysis.pipeline``), the shards and the Dask engine share it."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

T = TypeVar("T")


def in_order(submit: Callable[[T], Any], batches: Iterable[T], in_flight: int) -> Iterator[Any]:
    """The results of ``submit(batch)`` (a future: ``result()``, ``cancel()``) for each batch, in input order,
    with at most ``in_flight`` batches submitted and not yet returned; the rest are cancelled if the caller stops."""
    pending: deque[Any] = deque()
    try:
        for batch in batches:
            pending.append(submit(batch))
            if len(pending) >= in_flight:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def default_workers() -> int:
    """All the cores this process may run on (the default number of analysis workers)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
