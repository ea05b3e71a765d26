"""Shared fixtures. Tests that read ../shared (benchmarks, the seed article) skip cleanly when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_abb1fc2280914c64.txt"
EXAMPLES = REPO / "examples"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available (../shared is not beside the repository)")
    return path


@pytest.fixture(scope="session")
def analyzer():
    from newsline.analyze import Analyzer

    return Analyzer()


@pytest.fixture
def store(tmp_path):
    from newsline.store import SQLiteStore

    with SQLiteStore(tmp_path / "test.db") as s:
        yield s
