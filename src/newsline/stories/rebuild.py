"""A full pass: forget every story and assign all stored articles again in publication order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from newsline.stories.assign import Frequencies, StoryConfig, analyse_stories, assign
from newsline.model import Article
from newsline.store.base import Store

BATCH = 500


@dataclass(slots=True)
class RebuildReport:
    articles: int  # articles assigned by this pass
    stories: int  # stories they joined or opened


def rebuild(store: Store, config: StoryConfig = StoryConfig(), *, missing_only: bool = False) -> RebuildReport:
    """Reassign every stored article (publication order, undated last), then recompute provenance once per story.

    A full pass first counts document frequencies over the whole store, so that the first articles are weighed as
    well as the last. ``missing_only`` keeps existing stories and assigns only articles in none (e.g. after an
    interrupted ingest), with the stored frequencies.

    The pass is one atomic change: until it is complete, readers see the old stories, and if it fails or is
    killed, the old stories stay as they were.
    """
    with store.atomic():
        frequencies = None
        if not missing_only:
            store.reset_stories()
            frequencies = Frequencies.count(_all_unassigned(store))
        assigned, touched = 0, set()
        while ids := store.unassigned_article_ids(BATCH):
            result = assign(store, store.get_articles(ids), config, analyse=False, frequencies=frequencies)
            touched.update(a.story_id for a in result)
            assigned += len(result)
        analyse_stories(store, touched, config)
    return RebuildReport(assigned, len(touched))


def _all_unassigned(store: Store) -> Iterator[Article]:
    """Every article in no story (all of them, after a reset), read page by page."""
    offset = 0
    while ids := store.unassigned_article_ids(BATCH, offset):
        yield from store.get_articles(ids)
        offset += len(ids)
