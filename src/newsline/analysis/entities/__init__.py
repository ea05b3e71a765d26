"""Entities within one article: mentions (names, short names, roles, pronouns) grouped into referents.

``find_entities`` (``coref.py``) works on spaCy's parse and is imported on first use, so that the name rules in
``names.py`` (used by the benchmarks and the registry) do not load spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsline.lazy import lazy_names

if TYPE_CHECKING:
    from newsline.analysis.entities.coref import find_entities

__all__ = ["find_entities"]
__getattr__ = lazy_names(__name__, {"find_entities": "newsline.analysis.entities.coref"})
