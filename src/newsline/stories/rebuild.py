"""A full pass: forget every story and assign all stored articles again in publication order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from newsline.stories.assign import Frequencies, assign, refine
from newsline.stories.config import StoryConfig
from newsline.stories.provenance import analyse_stories
from newsline.model import Article
from newsline.parallel import batched
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
        if not missing_only:
            store.reset_stories()
        # sorted once: each call sorts every unassigned article, so a call per batch grew with the corpus
        pending = store.unassigned_article_ids()
        frequencies = None if missing_only else Frequencies.count(_articles(store, pending))
        order: list[str] = []
        for ids in batched(pending, BATCH):
            result = assign(store, store.get_articles(ids), config, analyse=False, frequencies=frequencies)
            order.extend(a.article_id for a in result)
        if not missing_only:
            refine(store, order, config)
        touched = {m.story_id for ids in batched(order, BATCH) for m in store.story_members(article_ids=ids)}
        analyse_stories(store, touched, config)
    return RebuildReport(len(order), len(touched))


def _articles(store: Store, ids: list[str]) -> Iterator[Article]:
    """The articles of ``ids``, read a batch at a time."""
    for batch in batched(ids, BATCH):
        yield from store.get_articles(batch)
