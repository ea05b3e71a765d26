"""Names a package exports from modules that load the NLP stack, imported on first use (PEP 562).

Reading a store (``newsline serve``, ``stats``, the query functions) must not pay for importing spaCy and its
model; a package lists such names here instead of importing them at the top.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_names(package: str, names: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package`` that imports each name of ``names`` from its module on use."""

    def __getattr__(name: str) -> Any:
        if name not in names:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(names[name]), name)

    return __getattr__
