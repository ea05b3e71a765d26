"""The analysis on a Dask distributed cluster (``newsline analyze --engine dask --address HOST:PORT|local``).

The same task as on one machine (:func:`newsline.ingest.shards.analyse_shard`) runs on each worker with the
worker's own analyzer: a worker plugin loads the model once per worker process, when the worker joins. The
workers need newsline installed (``pip install 'newsline[cluster]'``) and read nothing from disk: the records
travel to them and the compressed shards travel back to the machine that runs ``analyze``, which writes them.
``local`` starts a cluster of worker processes on this machine for the run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin, get_worker

from newsline.analysis.pipeline import MAX_ANALYSED_CHARS, Analyzer
from newsline.analysis.stages import checked_stages
from newsline.parallel import default_workers, in_order
from newsline.errors import InvalidArgument
from newsline.ingest.shards import Engine
from newsline.origins import Origins

PLUGIN = "newsline-analyzer"
LOCAL = "local"


class AnalyzerPlugin(WorkerPlugin):
    """Loads one analyzer per worker process, when the worker starts (or joins a running cluster)."""

    name = PLUGIN

    def __init__(self, max_chars: int, origins: Origins | None = None, stages: frozenset[str] | None = None) -> None:
        self.max_chars = max_chars
        self.origins = origins
        self.stages = stages
        self.analyzer: Analyzer | None = None

    def setup(self, worker: Any) -> None:
        self.analyzer = Analyzer(origins=self.origins, max_chars=self.max_chars, stages=self.stages)

    def teardown(self, worker: Any) -> None:
        self.analyzer = None


def run_on_worker(task: Callable[[Analyzer, Any], Any], batch: Any) -> Any:
    """``task`` with the analyzer the plugin loaded in this worker."""
    plugin = get_worker().plugins[PLUGIN]
    return task(plugin.analyzer, batch)


@contextmanager
def dask_engine(address: str, *, workers: int | None = None, max_chars: int = MAX_ANALYSED_CHARS,
                origins: Origins | None = None, stages: str | Iterable[str] | None = None) -> Iterator[Engine]:
    """An engine running tasks on the Dask cluster at ``address`` (``HOST:PORT`` of its scheduler), or on a local
    cluster of ``workers`` processes (default: all cores) for ``local``. Each worker resolves credits against
    ``origins`` (sent to it; default: the worker's shipped table plus its ``NEWSLINE_ORIGINS``) and runs ``stages``
    (default all). Results come in input order, with at
    most two tasks per worker in flight."""
    chosen = checked_stages(stages)  # a wrong name is told here, not by each worker
    cluster = None
    try:
        if address == LOCAL:
            cluster = LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1,
                                               processes=True, dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
        else:
            client = Client(address, timeout=10)
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise InvalidArgument("address", address, f"no Dask scheduler answers there ({exc}); start one with"
                              " `dask scheduler` and workers with `dask worker HOST:PORT`, or use 'local'") from None
    try:
        client.register_plugin(AnalyzerPlugin(max_chars, origins, chosen))

        def engine(task: Callable[[Analyzer, Any], Any], batches: Iterable[Any]) -> Iterator[Any]:
            return in_order(lambda batch: client.submit(run_on_worker, task, batch, pure=False), batches,
                            2 * max(1, len(client.nthreads())))

        yield engine
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
