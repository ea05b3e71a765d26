"""Read PolNeAR (political news attribution relations) brat stand-off data.

Layout: ``DIR/text/<article>.txt`` and ``DIR/attributions/<article>_<annotator>.ann``. Each article is read
with its first annotator's file (the order of ``metadata.tsv`` beside ``DIR`` when present, else the
alphabetically first annotator). ``T`` lines carry ``Source``/``Cue``/``Content`` spans (possibly in
``;``-separated fragments); ``E`` lines tie them into attributions.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from newsline.errors import InputFileError

ROLES = ("Source", "Cue", "Content")
_ANN_LINE = re.compile(r"[TEARMN#]\d*\t")


@dataclass(slots=True)
class GoldAttribution:
    """One annotated attribution: character ``(start, end)`` fragments per role."""

    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)
    content: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class GoldArticle:
    name: str
    text: str
    attributions: list[GoldAttribution]

    def spans(self, role: str) -> list[tuple[int, int]]:
        """Every fragment of ``role`` ("source", "cue" or "content") over all attributions."""
        return sorted({frag for a in self.attributions for frag in getattr(a, role)})


def _annotator_order(data_dir: Path) -> dict[str, list[str]]:
    meta = data_dir.parent / "metadata.tsv"
    if not meta.exists():
        return {}
    with meta.open(encoding="utf-8", newline="") as fh:
        return {row["filename"]: row["annotators"].split("|") for row in csv.DictReader(fh, delimiter="\t")}


def _parse_ann(path: Path, text: str) -> list[GoldAttribution]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[list[str]] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not _ANN_LINE.match(line):  # blank, or the continuation of a span text that held a newline
            continue
        parts = line.split("\t")
        try:
            if parts[0].startswith("T"):
                label, _, offsets = parts[1].partition(" ")
                frags = [tuple(int(x) for x in frag.split()) for frag in offsets.split(";")]
                spans[parts[0]] = (label, [(a, b) for a, b in frags if 0 <= a < b <= len(text)])
            elif parts[0].startswith("E"):
                events.append(parts[1].split())
        except (IndexError, ValueError) as exc:
            raise InputFileError(f"{path}:{lineno}: not a brat annotation line ({exc}): {line!r}") from None
    out = []
    for args in events:
        attribution = GoldAttribution()
        for arg in args:
            _, _, ref = arg.partition(":")
            label, frags = spans.get(ref, ("", []))
            if label in ROLES:
                getattr(attribution, label.lower()).extend(frags)
        if attribution.cue or attribution.content:
            out.append(attribution)
    return out


def read_polnear(data_dir: Path | str) -> list[GoldArticle]:
    """Every article of a PolNeAR split directory, each with its first annotator's attributions."""
    data_dir = Path(data_dir)
    text_dir, ann_dir = data_dir / "text", data_dir / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise InputFileError(f"{data_dir} is not a PolNeAR split: expected text/ and attributions/ inside it")
    order = _annotator_order(data_dir)
    articles = []
    for txt in sorted(text_dir.glob("*.txt")):
        name = txt.stem
        candidates = sorted(ann_dir.glob(f"{name}_*.ann"))
        if not candidates:
            continue
        rank = {a: i for i, a in enumerate(order.get(name, []))}
        ann = min(candidates, key=lambda p: (rank.get(p.stem.rsplit("_", 1)[1], len(rank)), p.name))
        text = txt.read_text(encoding="utf-8")
        articles.append(GoldArticle(name, text, _parse_ann(ann, text)))
    if not articles:
        raise InputFileError(f"{data_dir}: no article has both text/<name>.txt and attributions/<name>_*.ann")
    return articles
