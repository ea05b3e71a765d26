"""A full pass: forget every story and assign all stored articles again in publication order."""

from __future__ import annotations

from collections.abc import Callable

from newsline.stories.assign import StoryConfig, analyse_stories, assign
from newsline.store.base import Store

BATCH = 500


def rebuild(store: Store, config: StoryConfig = StoryConfig(), *,
            progress: Callable[[int], None] | None = None) -> int:
    """Reassign every stored article (publication order, undated last); returns how many were assigned."""
    store.reset_stories()
    assigned, touched = 0, set()
    while ids := store.unassigned_article_ids(BATCH):
        result = assign(store, store.get_articles(ids), config, analyse=False)
        touched.update(a.story_id for a in result)
        assigned += len(result)
        if progress:
            progress(assigned)
    analyse_stories(store, touched, config)
    return assigned
