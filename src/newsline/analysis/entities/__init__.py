"""Entities within one article: mentions (names, short names, roles, pronouns) grouped into referents."""

from newsline.analysis.entities.coref import find_entities

__all__ = ["find_entities"]
