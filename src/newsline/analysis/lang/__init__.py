"""Language packs: the analysis of a language other than English lives in a sibling folder here (``ru/``), chosen
by the article's detected language. A pack has ``MODEL`` (the name recorded in ``analysis.model``) and
``annotate(article, end, origins, stages)``, which fills the Article contract from the article's first ``end``
characters by the pack's stages, registered under the English stage names (``newsline.analysis.stages``).

English is the spaCy pipeline of :mod:`newsline.analysis.pipeline`.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

PACKS = {"ru": "newsline.analysis.lang.ru"}


def pack_for(language: str | None) -> ModuleType | None:
    """The language pack for an ISO 639-1 code, imported on first use; None when there is none."""
    name = PACKS.get(language or "")
    return import_module(name) if name else None
