"""The article data model and its JSON contract (``newsline.article/1``).

Every surface of newsline (CLI, Python API, store, web API, benchmarks) speaks this one model.
Offsets are Python string indices into ``Article.text``; every span is ``{"start", "end", "text"}``.
The contract is documented in ``docs/schema.md`` and ``docs/article.schema.json``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

import msgspec

SCHEMA = "newsline.article/1"

Voice = Literal["outlet", "attributed"]
MentionKind = Literal["name", "short_name", "pronoun", "role"]
QuoteKind = Literal["direct", "indirect", "mixed"]
DateSource = Literal["timex", "narrative", "dateline", "publication"]
# Whether an event took place: reported as done, announced or scheduled, called off, or only supposed (if, may).
EventStatus = Literal["occurred", "planned", "cancelled", "hypothetical"]
EVENT_STATUSES: tuple[str, ...] = ("occurred", "planned", "cancelled", "hypothetical")
CreditPlace = Literal["byline", "dateline", "inline", "photo"]
CreditScope = Literal["text", "claim", "quote", "photo"]
# Parts of an article's text that are not its body; docs/zones.md says what each one is.
ZoneKind = Literal["headline", "byline", "dateline", "caption", "related"]
# Event categories: PLOVER 0.5's, plus STATEMENT for an attribution with no more specific category.
PLOVER_CATEGORIES = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "DEMAND", "DISAPPROVE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "COERCE", "MOBILIZE", "ASSAULT", "FIGHT", "INVESTIGATE",
)
STATEMENT = "STATEMENT"
OTHER = "OTHER"  # a dated action by a named actor that no PLOVER category covers ("completed the takeover")
EVENT_CATEGORIES = (*PLOVER_CATEGORIES, STATEMENT, OTHER)
# Entity types: the spaCy labels of names the analysis keeps (the corpus registry's types) and GROUP (entities
# acting together, "A and B"; analysis/entities/groups.py), plus a source the text describes without naming ("a
# senior defence official", "people familiar with the talks"; its name is that description) and a document that
# speaks with no issuer given ("the communique issued after the talks"): those two are descriptions, local to
# their article.
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "GROUP")
UNNAMED = "UNNAMED"
DOCUMENT = "DOCUMENT"
GROUP = "GROUP"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span ``text[start:end]``."""
        return cls(start, end, text[start:end])

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        return cls(d["start"], d["end"], d["text"])


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` narrowed to leave out white space at both ends of ``text[start:end]``."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass(frozen=True, slots=True)
class Zone:
    """``text[start:end]`` is a headline, byline, dateline, caption or related-links zone (end exclusive).
    Text no zone covers is body. Found by ``newsline.analysis.zones.find_zones``."""

    start: int
    end: int
    kind: ZoneKind

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Zone:
        return cls(d["start"], d["end"], d["kind"])


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    voice: Voice | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Sentence:
        return cls(d["start"], d["end"], d.get("voice"))


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    kind: MentionKind

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Mention:
        return cls(d["start"], d["end"], d["text"], d["kind"])


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)  # a GROUP's member entity ids ("A and B" acting together)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(
            d["id"], d["name"], d["type"],
            [Mention.from_dict(m) for m in d.get("mentions", [])], list(d.get("roles", [])),
            list(d.get("members", [])),
        )


@dataclass(slots=True)
class Timex:
    """A TIMEX3 expression; ``value`` follows TimeML conventions (``2023-02-10``, ``P1D``, ``PAST_REF``)."""

    id: str
    span: Span
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str | None
    mod: str | None = None
    granularity: str | None = None
    anchor: str | None = None  # "dct", another timex id, or None
    resolved: bool = True
    reason: str | None = None  # why, when not resolved
    tz: str | None = None  # the time zone a clock time is stated in ("GMT", "EST", "Khartoum"); None = the article's

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Timex:
        return cls(
            d["id"], Span.from_dict(d["span"]), d["type"], d.get("value"), d.get("mod"),
            d.get("granularity"), d.get("anchor"), d.get("resolved", True), d.get("reason"), d.get("tz"),
        )


@dataclass(slots=True)
class Quote:
    """An attribution: who (``source``/``speaker``) said (``cue``) what (``content``)."""

    id: str
    kind: QuoteKind
    content: Span
    speaker: str | None = None  # entity id, None when unresolved
    source: Span | None = None
    cue: Span | None = None
    confidence: float = 1.0

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        return cls(
            d["id"], d["kind"], Span.from_dict(d["content"]), d.get("speaker"),
            _span_or_none(d.get("source")), _span_or_none(d.get("cue")), d.get("confidence", 1.0),
        )


@dataclass(slots=True)
class Predicate:
    lemma: str
    text: str


@dataclass(slots=True)
class EventDate:
    value: str | None
    granularity: str | None
    mod: str | None
    source: DateSource
    timex: str | None = None
    tz: str | None = None  # the stated time zone of a clock time (the timex's ``tz``)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EventDate:
        return cls(d.get("value"), d.get("granularity"), d.get("mod"), d["source"], d.get("timex"), d.get("tz"))


@dataclass(slots=True)
class Event:
    id: str
    actor: str | None
    predicate: Predicate
    category: str
    date: EventDate
    evidence: Span
    target: str | None = None
    quote: str | None = None
    negated: bool = False
    hypothetical: bool = False
    confidence: float = 1.0
    status: EventStatus = "occurred"

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        return cls(
            d["id"], d.get("actor"), Predicate(**d["predicate"]), d["category"],
            EventDate.from_dict(d["date"]), Span.from_dict(d["evidence"]), d.get("target"),
            d.get("quote"), d.get("negated", False), d.get("hypothetical", False),
            d.get("confidence", 1.0), d.get("status", "occurred"),
        )


@dataclass(slots=True)
class Credit:
    """A source the text credits: "(AP)" in a dateline, "By Reuters", "..., TASS reported", "told RIA Novosti",
    "[Source: Tass]", or a photo credit ("© REUTERS"), which credits the picture, not the text."""

    name: str  # as written, without a leading "the"
    origin: str | None  # the origins table's id ("tass"), None when the name is not in the table
    span: Span  # the name
    where: CreditPlace
    scope: CreditScope  # what it credits: the whole text (byline, dateline, a source line), a claim, a quote, a photo
    cue: Span | None = None  # the words that make it a credit ("reported", "according to", "Source:"), if any
    quote: str | None = None  # the quote whose words the credited outlet was told ("... told RIA Novosti")

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Credit:
        return cls(d["name"], d.get("origin"), Span.from_dict(d["span"]), d["where"], d["scope"],
                   _span_or_none(d.get("cue")), d.get("quote"))


@dataclass(slots=True)
class AnalysisInfo:
    """How the annotations were produced, or why they were not."""

    status: Literal["ok", "skipped"]
    reason: str | None = None
    model: str | None = None
    analysed_chars: int | None = None  # annotations cover text[:analysed_chars] of a long text; None = all of it
    stages: list[str] | None = None  # the stages that ran (newsline.analysis.stages), in order; None = all of them


@dataclass(slots=True)
class Article:
    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, as given by the input; None = unknown
    title: str | None = None
    language: str | None = None
    fetched: str | None = None  # when a crawler fetched it (WARC-Date), never used as publication date
    analysis: AnalysisInfo | None = None
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    zones: list[Zone] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract form: ``{"schema": "newsline.article/1", ...}``."""
        return {"schema": SCHEMA, **msgspec.to_builtins(self)}

    def to_json(self, leave_out: tuple[str, ...] = ()) -> str:
        """``to_dict()`` as compact JSON (non-ASCII kept), without the fields in ``leave_out``; encoded by msgspec
        straight from the dataclasses, seven times faster than the json module (benchmarks/scale.py: the shards of
        ``newsline analyze`` and the store's annotations column)."""
        fields = {"schema": SCHEMA, **{name: getattr(self, name) for name in ARTICLE_FIELD_NAMES}}
        for name in leave_out:
            del fields[name]
        return _ENCODER.encode(fields).decode()

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        if d.get("schema", SCHEMA) != SCHEMA:
            raise ValueError(f"unsupported article schema {d.get('schema')!r}; expected {SCHEMA!r}")
        info = d.get("analysis")
        return cls(
            id=d["id"], text=d["text"], url=d.get("url"), outlet=d.get("outlet"),
            published=d.get("published"), title=d.get("title"), language=d.get("language"),
            fetched=d.get("fetched"),
            analysis=AnalysisInfo(**info) if info else None,
            **{name: [kind.from_dict(item) for item in d.get(name, [])] for name, kind in ANNOTATIONS.items()},
        )


# The Article's annotation lists, in field order, each with the type of its items: what the analysis stages fill.
ANNOTATIONS: dict[str, Any] = {"sentences": Sentence, "entities": Entity, "timexes": Timex, "quotes": Quote,
                               "events": Event, "credits": Credit, "zones": Zone}


ARTICLE_FIELD_NAMES = tuple(f.name for f in dataclasses.fields(Article))  # in the contract's order
_ENCODER = msgspec.json.Encoder()


def _span_or_none(d: dict[str, Any] | None) -> Span | None:
    return Span.from_dict(d) if d else None
