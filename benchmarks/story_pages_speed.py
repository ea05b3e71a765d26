"""Story pages on one big story: article page (with its story panel), story page, compare view, story JSON.

Builds a story of N near-copies of one report (N outlets, times spread over days) in a temporary database,
then times each request through FastAPI's TestClient (median of --repeat). The cost of these pages grows with
the size of the story (``stories.query.story`` reads every member), not with the size of the store.

    PYTHONPATH=src python benchmarks/story_pages_speed.py --articles 1000
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fastapi.testclient import TestClient  # noqa: E402
from stories_corpus import STRIKE, article  # noqa: E402

from newsline.indexing import index
from newsline.store import SQLiteStore  # noqa: E402
from newsline.stories import analyse_stories, assign  # noqa: E402
from newsline.web import create_app  # noqa: E402

TARGET_MS = 200.0  # the article-page target (median)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    n = args.articles
    articles = [article(f"Update {i}: {STRIKE}\n\nReported by desk {i}.", f"outlet{i}.example",
                        f"2025-03-{4 + i // 100:02d}T{(i // 4) % 24:02d}:{i % 60:02d}:00+00:00", f"s{i}")
                for i in range(n)]
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "story.db"
        started = time.perf_counter()
        with SQLiteStore(db) as store:
            store.add_articles([(a, "benchmark") for a in articles])
            index(store, stories=None)  # the registry and events (newsline.indexing)
            assign(store, articles, analyse=False)
            story_ids = {m.story_id for m in store.story_members(article_ids=[a.id for a in articles])}
            analyse_stories(store, story_ids)
        print(f"built a story of {n:,} articles ({len(story_ids)} story) in {time.perf_counter() - started:.1f} s")
        client = TestClient(create_app(db))
        story, middle = articles[0].id, articles[n // 2].id
        for name, path in (("article page (story panel)", f"/articles/{middle}"),
                           ("story page", f"/stories/{story}"),
                           ("story JSON", f"/api/stories/{story}"),
                           ("compare page", f"/stories/{story}/compare/{middle}")):
            times = []
            for _ in range(args.repeat):
                tick = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - tick) * 1000)
                assert response.status_code == 200, (path, response.status_code)
            median = statistics.median(times)
            ratio = (f" (ratio to the {TARGET_MS:.0f} ms article target: {median / TARGET_MS:.2f})"
                     if "article" in name else "")
            print(f"{name:28} median {median:7.1f} ms  max {max(times):7.1f} ms{ratio}")


if __name__ == "__main__":
    main()
