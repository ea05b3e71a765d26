"""A full pass: forget every story and assign all stored articles again in publication order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from newsline.stories.assign import Frequencies, assign, refine
from newsline.stories.config import StoryConfig
from newsline.stories.provenance import analyse_stories
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
    well as the last, and ends with one refinement pass (``refine``). The result does not depend on the order
    the articles were stored in. ``missing_only`` keeps existing stories and assigns only articles in none (e.g.
    after an interrupted ingest), with the stored frequencies.

    The pass is one atomic change: until it is complete, readers see the old stories, and if it fails or is
    killed, the old stories stay as they were.
    """
    with store.atomic():
        frequencies = None
        if not missing_only:
            store.reset_stories()
            frequencies = Frequencies.count(_all_unassigned(store))
        order: list[str] = []
        while ids := store.unassigned_article_ids(BATCH):
            result = assign(store, store.get_articles(ids), config, analyse=False, frequencies=frequencies)
            order.extend(a.article_id for a in result)
        if not missing_only:
            refine(store, order, config)
        touched = {m.story_id for i in range(0, len(order), BATCH)
                   for m in store.story_members(article_ids=order[i:i + BATCH])}
        analyse_stories(store, touched, config)
    return RebuildReport(len(order), len(touched))


def _all_unassigned(store: Store) -> Iterator[Article]:
    """Every article in no story (all of them, after a reset), read page by page."""
    offset = 0
    while ids := store.unassigned_article_ids(BATCH, offset):
        yield from store.get_articles(ids)
        offset += len(ids)
