"""What the readers of each input format yield: records to ingest, or rejections with a reason."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class RawRecord:
    """One article as read from the input, before analysis."""

    origin: str  # "file", "file:line" or "file:record N": where to look when something is wrong
    text: str
    url: str | None = None
    published: str | None = None
    title: str | None = None
    outlet: str | None = None
    fetched: str | None = None


@dataclass(slots=True)
class Rejection:
    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"
