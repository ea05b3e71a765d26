"""Resolve an article's entities to corpus entities.

- Manual corrections first: a merged or split alias goes where the correction says.
- Persons: the same surname (or a close spelling with its skeleton: ``plausible``) and compatible given names (Alexander / Aleksandar Vučić, A. Vucic); a
  different given name is a different person (Andrej Vučić stays apart).
- Surname-only persons ("Vučić" when the article never gives the full name): the only known person with that
  surname, or, when several share it, the one who co-occurs most with the article's other entities; when the
  context cannot decide, a separate surname-only entity (never a guess).
- Everything else: the same folded name, or a close spelling of it with the same transliteration skeleton.
- Unnamed sources and documents are not registered: they are descriptions, local to their article.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from newsline.model import DOCUMENT, UNNAMED, Article, Entity
from newsline.publication import publication_day
from newsline.registry.names import PERSON_TYPES, NameKey, given_compatible, name_key, name_words, plausible


DESCRIBED = frozenset({UNNAMED, DOCUMENT})  # entity types that are descriptions, not names


@dataclass(slots=True)
class Candidate:
    id: int
    key: str
    name: str
    type: str
    given: str | None


class RegistryView(Protocol):
    """What resolution needs from the store (SQL stays in the store)."""

    def correction(self, alias_keys: Iterable[str]) -> tuple[str, str] | None:
        """``(kind, entity_key)`` of the newest correction naming one of these aliases."""
        ...

    def entity_by_key(self, key: str) -> Candidate | None: ...

    def persons_by_surname(self, surname: str) -> list[Candidate]: ...

    def entities_by_alias(self, key: str, skeleton: str) -> list[tuple[Candidate, str]]:
        """Entities with an alias of this key or skeleton, each with the key of the alias that matched."""
        ...

    def cooccurrence(self, candidates: list[int], with_entities: list[int]) -> dict[int, int]:
        """For each candidate, in how many stored articles it appears with any of ``with_entities``."""
        ...

    def create_entity(self, key: str, name: str, type_: str, surname: str | None, given: str | None) -> int: ...

    def add_aliases(self, entity_id: int, aliases: Iterable[str]) -> None: ...

    def add_roles(self, entity_id: int, roles: Iterable[str], date: str | None, article_id: str) -> None: ...


def resolve_article(article: Article, view: RegistryView) -> dict[str, int]:
    """``{local entity id: corpus entity id}`` for every named entity of the article, registering new ones.

    An unnamed source or a document ("senior defence official", "internal memo") is a description, not a name:
    it stays in its article and is no corpus entity (two articles' "senior official" are not one person)."""
    resolved: dict[str, int] = {}
    published = publication_day(article.published)
    day = published.isoformat() if published else None
    described = {e.id for e in article.entities if e.type in DESCRIBED}
    # a group with a described member ("Velmora and a senior official") is local to its article too
    named = [e for e in article.entities if e.type not in DESCRIBED and described.isdisjoint(e.members)]
    # Two passes: entities that need no context first, then surname-only persons whom several people could be.
    deferred = [e for e in sorted(named, key=_order) if not _resolve(e, view, resolved, day, article.id)]
    for entity in deferred:
        _resolve(entity, view, resolved, day, article.id, context=list(resolved.values()))
    return resolved


def _resolve(entity: Entity, view: RegistryView, resolved: dict[str, int], day: str | None, article_id: str,
             context: list[int] | None = None) -> bool:
    """Resolve one entity into ``resolved``; False when it needs the article's context (second pass)."""
    names = _names(entity)
    correction = view.correction(name_words(n) for n in names)
    key = name_key(entity.name, entity.type)
    if correction is not None:
        found = view.entity_by_key(correction[1])
        corpus_id = found.id if found else _create(view, entity, key, correction[1])
    else:
        matched = _match(entity, key, view, context)
        if matched == _NEEDS_CONTEXT:
            return False
        corpus_id = matched or _create(view, entity, key)
    view.add_aliases(corpus_id, names)
    view.add_roles(corpus_id, entity.roles, day, article_id)
    resolved[entity.id] = corpus_id
    return True


_NEEDS_CONTEXT = -1


def _match(entity: Entity, key: NameKey, view: RegistryView, context: list[int] | None) -> int | None:
    """The matching corpus entity, None for a new one, or ``_NEEDS_CONTEXT`` when ``context`` is None and
    several persons share the surname."""
    if entity.type in PERSON_TYPES and key.surname:
        surname = key.folded.split()[-1]
        candidates = [c for c in view.persons_by_surname(key.surname)
                      if plausible(surname, name_key(c.name, c.type).folded.split()[-1])]
        if key.given:
            return next((c.id for c in candidates if c.given and given_compatible(key.given, (c.given,))), None)
        full = [c for c in candidates if c.given]
        if len(full) == 1:
            return full[0].id
        if len(full) > 1 and context is None:
            return _NEEDS_CONTEXT
        if len(full) > 1 and context:
            counts = view.cooccurrence([c.id for c in full], context)
            best = sorted(counts.items(), key=lambda item: -item[1])
            if best and best[0][1] > 0 and (len(best) == 1 or best[0][1] > best[1][1]):
                return best[0][0]
        surname_only = view.entity_by_key(_surname_key(key))
        return surname_only.id if surname_only else None
    found = [c for c, alias in view.entities_by_alias(key.folded, key.full_skeleton) if plausible(key.folded, alias)]
    same_kind = [c for c in found if (c.type in PERSON_TYPES) == (entity.type in PERSON_TYPES)]
    return same_kind[0].id if same_kind else None


def _create(view: RegistryView, entity: Entity, key: NameKey, forced_key: str | None = None) -> int:
    """A new corpus entity, or the one already registered under the same key and type (same letters, same kind:
    the same entity, even where name matching found no candidate)."""
    if forced_key is None:
        forced_key = _surname_key(key) if entity.type in PERSON_TYPES and key.surname and not key.given \
            else key.folded or name_words(entity.name)
        existing = view.entity_by_key(forced_key)
        if existing is not None and existing.type != entity.type:  # the same letters as another kind of entity
            forced_key = f"{forced_key}#{entity.type.lower()}"
            existing = view.entity_by_key(forced_key)
        if existing is not None:
            return existing.id
    given = key.given[0] if key.given else None
    return view.create_entity(forced_key, entity.name, entity.type, key.surname, given)


def _surname_key(key: NameKey) -> str:
    return f"surname:{key.folded}"


def _names(entity: Entity) -> list[str]:
    names = [entity.name, *(m.text for m in entity.mentions if m.kind in ("name", "short_name"))]
    return list(dict.fromkeys(n for n in names if name_words(n)))


def _order(entity: Entity) -> tuple[int, int]:
    """Full names first, so that surname-only mentions find their context already resolved."""
    words = len(name_words(entity.name).split())
    return (0 if words > 1 or entity.type not in PERSON_TYPES else 1, -words)
