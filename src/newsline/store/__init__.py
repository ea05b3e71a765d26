"""Storage backends behind one narrow interface (``Store``); SQLite is the default."""

from newsline.store.base import (ArticleFilter, ArticleSummary, CorpusEntity, EntityDetail, EntityRole, EventFilter,
                                 EventReport, SearchHit, Stats, Store, StoredArticle)
from newsline.store.sqlite import AmbiguousId, SQLiteStore

__all__ = ["AmbiguousId", "ArticleFilter", "ArticleSummary", "CorpusEntity", "EntityDetail", "EntityRole",
           "EventFilter", "EventReport", "SQLiteStore", "SearchHit", "Stats", "Store", "StoredArticle"]
