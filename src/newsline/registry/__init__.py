"""The corpus entity registry: one entity per real-world referent across articles (names.py: matching keys;
resolve.py: resolution rules). The registry's tables and corrections live in the store (003_events.sql)."""

from newsline.registry.names import name_key, skeleton
from newsline.registry.resolve import Candidate, RegistryView, resolve_article

__all__ = ["Candidate", "RegistryView", "name_key", "resolve_article", "skeleton"]
