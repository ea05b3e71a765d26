"""The registry's Python API (the CLI's ``entities``, ``entity``, ``merge``, ``split`` and ``reindex``)."""

from __future__ import annotations

from newsline import arguments, indexing
from newsline.errors import InvalidArgument, NotFound
from newsline.model import ENTITY_TYPES
from newsline.store.base import CorpusEntity, EntityDetail, Store
from newsline.timeline.query import UnknownEntity, resolve_entity


def entities(store: Store, *, type_: str | None = None, search: str | None = None, limit: int = 50,
             offset: int = 0) -> list[CorpusEntity]:
    """Corpus entities, most active first; ``search`` matches any alias, ignoring case and diacritics."""
    arguments.page(limit, offset)
    if type_ and type_.upper() not in ENTITY_TYPES:
        raise InvalidArgument("type", type_, f"is not an entity type; use one of {', '.join(ENTITY_TYPES)}")
    return store.list_entities(type_, search, limit, offset)


def entity(store: Store, name_or_id: str) -> EntityDetail:
    """One entity: aliases, roles over time, quote and event counts, outlets that quote it."""
    found = resolve_entity(store, name_or_id)
    detail = store.entity_detail(found.id)
    if detail is None:
        raise UnknownEntity(f"no entity with id {found.id}")
    return detail


def article_entities(store: Store, article_id: str) -> list[tuple[str, CorpusEntity]]:
    """The corpus entity each of an article's own entities (e1, e2, ...) resolved to; ``article_id`` may be a
    unique prefix."""
    found = store.article_entities(article_id)
    if found:
        return found
    # a prefix, an article without entities, or no such article
    stored = store.get_article(arguments.id_prefix("article_id", article_id, "article"))
    if stored is None:
        raise NotFound(f"no article with id {article_id!r}; `newsline articles` lists the ids")
    return store.article_entities(stored.article.id)


def merge(store: Store, keep: str, other: str) -> CorpusEntity:
    """Merge ``other`` into ``keep`` (names or ids); the correction persists and survives re-analysis."""
    kept, merged = resolve_entity(store, keep), resolve_entity(store, other)
    if kept.id == merged.id:
        raise InvalidArgument("other", other, f"is the entity to keep ({kept.id} {kept.name}); name another one")
    store.merge_entities(kept.id, merged.id)
    return resolve_entity(store, str(kept.id))


def split(store: Store, name_or_id: str, alias: str) -> CorpusEntity:
    """Give the mentions written as ``alias`` their own entity; the correction persists."""
    new_id = store.split_entity(resolve_entity(store, name_or_id).id, alias)
    return resolve_entity(store, str(new_id))


def reindex(store: Store) -> int:
    """Rebuild events and the registry from the stored articles, replaying every correction."""
    return indexing.reindex(store)
