"""Storage backends behind one narrow interface (``Store``); SQLite is the default."""

from newsline.store.base import ArticleFilter, ArticleSummary, SearchHit, Stats, Store, StoredArticle
from newsline.store.sqlite import AmbiguousId, SQLiteStore

__all__ = ["AmbiguousId", "ArticleFilter", "ArticleSummary", "SQLiteStore", "SearchHit", "Stats", "Store",
           "StoredArticle"]
