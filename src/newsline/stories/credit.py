"""Who credits whom inside a story, and what a reuse claim becomes once credits are known.

Credits are read from each article's text with the current origins table (``find_credits``), so extending the
table needs a ``stories rebuild``, not a new analysis. A credit names an outlet of the corpus when the origins
table lists the outlet's domain under the credited name, or when the name is the outlet's domain name written as
words ("the Harbour Gazette" for harbourgazette.example.com, or its last word, "the Gazette", or with a media word
after it, "UrduPoint News" for urdupoint.com).

The decision for a later article B whose closest earlier source A it reuses (copy, rewrite or related):

1. B credits A's outlet, or an outlet further up A's chain (the original A copied): a copy/rewrite of A,
   credited.
2. B and A credit the same outside origin: B is A's ``sibling`` (both took that origin's text), credited.
3. B credits an outside origin for its whole text (byline, dateline, source line): a ``sibling``, credited.
4. A credits an outside origin for its whole text and B names none: a ``sibling`` of that origin, uncredited.
5. Otherwise a copy/rewrite of A, uncredited. A ``related`` pair makes no claim: credit is not asked of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsline.analysis.credits import find_credits
from newsline.analysis.credits.forms import MEDIA_WORDS
from newsline.analysis.zones import find_zones
from newsline.model import Article, Credit, Entity, Span
from newsline.folding import fold_chars
from newsline.origins import Origins, name_key
from newsline.stories.relations import Alignment, Relation

TRANSLATIONS = ("translation", "translated rewrite")  # the relations of an article to a source in another language

_COMMON_LABELS = frozenset({"www", "example", "english", "com", "net", "org", "co", "news"})
# Hand-set (no tuning recorded); the credit figures of `newsline bench news` (realnews dev) measure it.
_MIN_SUFFIX = 5  # "the Gazette" names harbourgazette.example.com: a name key this long may be the stem's tail


@dataclass(slots=True)
class Claim:
    """What a later article is to its closest earlier source, with the evidence for it."""

    label: str  # 'copy' | 'rewrite' | 'sibling' | 'related' | 'independent'
    credited: bool | None  # None when there is nothing to credit (related, independent)
    origin: str | None  # where the text came from: an origins-table id, or the credited name (sibling)
    credit: Credit | None  # the credit in the later article that makes it credited
    source_credit: Credit | None  # the source's credit of the shared outside origin (a sibling's evidence)
    confidence: float


class StoryCredits:
    """The credits of a story's articles (photo credits left out: they credit a picture, not the text)."""

    def __init__(self, articles: Iterable[Article], origins: Origins) -> None:
        self.origins = origins
        self.of: dict[str, list[Credit]] = {}
        self.photos: dict[str, list[Span]] = {}
        for article in articles:
            zones = article.zones or find_zones(article.text)  # stored before zones existed: find them now
            found = find_credits(article.text, article.quotes, zones, origins)
            self.of[article.id] = [c for c in found if c.where != "photo"]
            self.photos[article.id] = [c.span for c in found if c.where == "photo"]

    # -- naming outlets ------------------------------------------------------------------------------------------

    def names(self, credit: Credit, outlet: str | None) -> bool:
        """Whether ``credit`` names ``outlet``."""
        if not outlet:
            return False
        origin = self.origins.by_outlet(outlet)
        if origin is not None and (credit.origin == origin.id or self.origins.by_name(credit.name) is origin):
            return True
        key = name_key(credit.name)
        if not key:
            return False
        if key == name_key(outlet):
            return True
        return any(stem == key or (len(key) >= _MIN_SUFFIX and stem.endswith(key))
                   or (len(stem) >= _MIN_SUFFIX and key.startswith(stem) and key[len(stem):] in MEDIA_WORDS)
                   for stem in _stems(outlet))

    def names_outlet(self, article: Article, outlet: str | None) -> bool:
        """Whether ``article`` credits ``outlet`` (another outlet than its own) anywhere."""
        return bool(outlet) and outlet != article.outlet and any(self.names(c, outlet) for c in self.of[article.id])

    def credit_for(self, later: Article, source: Article, alignments: list[Alignment] | None = None) -> Credit | None:
        """The credit ``later`` gives ``source``'s outlet, if any.

        A credit of the whole text counts wherever it is. A claim or quote credited to the outlet counts in the
        article's own words (outside the sentences it reuses from ``source``), or when the article names the
        outlet more often than ``source`` does itself, so a copied "..., told RIA Novosti" is not a credit. Failing
        a credit form, naming the outlet (its domain, or its name as words) in its own words counts too.
        """
        if not source.outlet or source.outlet == later.outlet:
            return None
        reused = [(a.start, a.end) for a in alignments or ()]
        mine = [c for c in self.of[later.id] if self.names(c, source.outlet)]
        theirs = sum(self.names(c, source.outlet) for c in self.of[source.id])
        for credit in mine:
            if credit.scope == "text" or not _inside(credit.span, reused) or len(mine) > theirs:
                return credit
        return _mention(later, source, reused, [(p.start, p.end) for p in self.photos[later.id]], self.origins)

    def is_outlet(self, article: Article, entity: Entity) -> bool:
        """Whether an entity of ``article`` is an outlet it credits, or an origin of the table ("according to
        the Gazette" makes the Gazette a quote's source in the analysis, not its speaker)."""
        key = name_key(entity.name)
        return (self.origins.by_name(entity.name) is not None
                or any(name_key(c.name) == key for c in self.of.get(article.id, ())))

    # -- the claim -----------------------------------------------------------------------------------------------

    def claim(self, later: Article, source: Article, relation: Relation, chain: list[Article]) -> Claim:
        """The relation of ``later`` to ``source`` with credits taken into account (the module's rules 1-5).

        ``chain`` lists the articles ``source`` itself took its text from, nearest first.
        """
        if relation.label == "independent":
            return Claim("independent", None, None, None, None, relation.confidence)
        if relation.label == "related":
            return Claim("related", None, None, None, None, relation.confidence)
        reused = [(a.start, a.end) for a in relation.alignments]
        origin = self._origin_of(source, chain)
        for upstream in (source, *chain):
            credit = self.credit_for(later, upstream, relation.alignments if upstream is source else None)
            if credit is not None:
                return Claim(relation.label, True, origin, credit, None, relation.confidence)
        carried = self._carried(later, source, relation)
        if carried is not None:
            mine, theirs = carried
            return Claim(relation.label, True, _origin_key(theirs), mine, theirs, relation.confidence)
        outside = [c for c in self.of[later.id] if not self.names(c, later.outlet) and not self.names(c, source.outlet)
                   and c.scope != "quote" and (c.scope == "text" or not _inside(c.span, reused))]
        theirs = [c for c in self.of[source.id] if c.scope != "quote" and not self.names(c, source.outlet)
                  and not self.names(c, later.outlet)]
        for mine in outside:
            shared = next((c for c in theirs if _same_origin(mine, c)), None)
            if shared is not None:
                return Claim("sibling", True, _origin_key(mine), mine, shared, relation.confidence)
        for mine in outside:
            if mine.scope == "text":
                return Claim("sibling", True, _origin_key(mine), mine, None, relation.confidence)
        for theirs_credit in theirs:
            if theirs_credit.scope == "text":
                return Claim("sibling", False, _origin_key(theirs_credit), None, theirs_credit, relation.confidence)
        return Claim(relation.label, False, origin, None, None, relation.confidence)

    def _carried(self, later: Article, source: Article, relation: Relation) -> tuple[Credit, Credit] | None:
        """``(later's credit, source's credit)`` when ``later`` translates ``source`` with the credit line of the
        origin ``source`` took its text from: a credit of ``later`` in a sentence aligned with the sentence where
        ``source`` credits an outlet other than the two articles' own. The name is not compared, since translation
        may change it: "сообщают «Известия»" becomes "report “News”"."""
        if relation.label not in TRANSLATIONS:
            return None
        theirs = [c for c in self.of[source.id]
                  if not self.names(c, source.outlet) and not self.names(c, later.outlet)]
        for pair in relation.alignments:
            upstream = next((c for c in theirs if pair.source_start <= c.span.start < pair.source_end), None)
            mine = next((c for c in self.of[later.id] if pair.start <= c.span.start < pair.end
                         and not self.names(c, later.outlet)), None)
            if upstream is not None and mine is not None:
                return mine, upstream
        return None

    def _origin_of(self, source: Article, chain: list[Article]) -> str | None:
        """Where the text of ``source`` came from: its own outlet when that is in the origins table, else the
        outside origin its whole text credits, else the same for the articles it took its text from."""
        for article in (source, *chain):
            known = self.origins.by_outlet(article.outlet)
            if known is not None:
                return known.id
            credit = next((c for c in self.of[article.id] if c.scope == "text"
                           and not self.names(c, article.outlet)), None)
            if credit is not None:
                return _origin_key(credit)
        return None


def _origin_key(credit: Credit) -> str:
    return credit.origin or credit.name


def _same_origin(a: Credit, b: Credit) -> bool:
    if a.origin or b.origin:
        return a.origin == b.origin
    return name_key(a.name) == name_key(b.name)


def _inside(span: Span, reused: list[tuple[int, int]]) -> bool:
    return any(start <= span.start and span.end <= end for start, end in reused)


def _stems(outlet: str) -> list[str]:
    """The outlet's domain labels that can be its name: ``harbourgazette.example.com`` -> ``harbourgazette``."""
    return [name_key(label) for label in outlet.split(".") if len(label) >= 4 and label not in _COMMON_LABELS]


def _mention(later: Article, source: Article, reused: list[tuple[int, int]], photos: list[tuple[int, int]],
             origins: Origins) -> Credit | None:
    """A mention of ``source``'s outlet by domain or name in ``later``'s own words (outside the ``reused``
    sentences), or more often than ``source`` mentions it: a credit line in a form the credits stage does not
    know. A photo credit is no mention."""
    names = _outlet_names(source.outlet or "", origins)
    everywhere = [m for m in _mentions(later.text, names) if not _inside(Span(m[0], m[1], ""), photos)]
    found = [m for m in everywhere if not _inside(Span(m[0], m[1], ""), reused)]
    if not found and len(everywhere) > len(_mentions(source.text, names)):
        found = everywhere
    if not found:
        return None
    start, end = found[0]
    text = later.text[start:end]
    known = origins.by_outlet(source.outlet)
    return Credit(text, known.id if known else None, Span(start, end, text), "inline", "claim")


def _outlet_names(outlet: str, origins: Origins) -> tuple[str, ...]:
    """How a text may name the outlet: its origins-table names, its domain, and its domain's name part."""
    known = origins.by_outlet(outlet)
    stem = outlet.split(".")[0]
    return (*(known.names if known else ()), outlet, stem.replace("-", " ").replace("_", " "))


def _mentions(text: str, names: tuple[str, ...]) -> list[tuple[int, int]]:
    """Offsets of whole-word occurrences of any of ``names`` (case-insensitive; spaces optional inside a name,
    and between the letters of a domain stem of six or more, which runs the words of the outlet's name
    together: "harbourgazette" is "Harbour Gazette")."""
    folded = fold_chars(text)  # one character per character: the offsets are the text's
    found = []
    for name in names:
        parts = fold_chars(name).split()
        if len(parts) == 1 and len(parts[0]) >= 6:
            parts = list(parts[0])
        if parts:
            pattern = r"\b" + r"[\s-]?".join(map(re.escape, parts)) + r"\b"
            found += [(m.start(), m.end()) for m in re.finditer(pattern, folded)]
    return sorted(set(found))
