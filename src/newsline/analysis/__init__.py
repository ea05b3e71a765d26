"""Analysis: spaCy parsing plus pure extraction stages, registered in ``newsline.analysis.stages``.

The public names live in ``newsline.analysis.pipeline`` and are imported on first use, so that a module needing
only a light part of this package (zones, name parts) does not load spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from newsline.lazy import lazy_names

if TYPE_CHECKING:
    from newsline.analysis.pipeline import Analyzer, annotate, load_model, new_article
    from newsline.origins import Origins

__all__ = ["Analyzer", "annotate", "load_model", "new_article"]
__getattr__ = lazy_names(__name__, {name: "newsline.analysis.pipeline" for name in __all__})


def default_analyzer(analyzer: Analyzer | None = None, *, origins: Origins | None = None,
                     stages: str | Iterable[str] | None = None) -> Analyzer:
    """``analyzer``, else a new ``Analyzer`` (resolving credits against ``origins``, default the shipped table;
    running ``stages``, default all): spaCy is imported and the model loaded only then."""
    if analyzer is not None:
        return analyzer
    from newsline.analysis.pipeline import Analyzer

    return Analyzer(origins=origins, stages=stages)
