"""A full pass: forget every story and assign all stored articles again in publication order."""

from __future__ import annotations

from dataclasses import dataclass

from newsline.stories.assign import StoryConfig, analyse_stories, assign
from newsline.store.base import Store

BATCH = 500


@dataclass(slots=True)
class RebuildReport:
    articles: int  # articles assigned by this pass
    stories: int  # stories they joined or opened


def rebuild(store: Store, config: StoryConfig = StoryConfig(), *, missing_only: bool = False) -> RebuildReport:
    """Reassign every stored article (publication order, undated last), then recompute provenance once per story.

    ``missing_only`` keeps existing stories and assigns only articles in none (e.g. after an interrupted ingest).
    """
    if not missing_only:
        store.reset_stories()
    assigned, touched = 0, set()
    while ids := store.unassigned_article_ids(BATCH):
        result = assign(store, store.get_articles(ids), config, analyse=False)
        touched.update(a.story_id for a in result)
        assigned += len(result)
    analyse_stories(store, touched, config)
    return RebuildReport(assigned, len(touched))
