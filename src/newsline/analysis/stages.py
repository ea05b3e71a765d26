"""Analysis stages as registered components: each stage declares what it needs; the order is derived from that.

A :class:`Stage` is a pure function of a :class:`Context` (the parse, the analysed text, the publication date, the
origins table and the values the stages before it provided) that returns one value, named after the stage. A
language's :class:`Stages` plans which stages run (all, or those asked for plus what they need) in an order where
every stage comes after its needs, runs them, and fills the Article once at the end. docs/stages.md says how to
write one.

English registers its stages in :data:`ENGLISH` below; a language pack (``newsline.analysis.lang``) registers its own
under the same names (a subset of English's).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from spacy.tokens import Doc

from newsline.analysis.credits import find_credits
from newsline.analysis.entities import find_entities
from newsline.analysis.entities.acronyms import link_acronyms
from newsline.analysis.entities.groups import find_groups
from newsline.analysis.events import extract_events
from newsline.analysis.quotations import find_quoted
from newsline.analysis.quotes import find_quotes, sentence_voices
from newsline.analysis.timex import tag_timexes
from newsline.analysis.zones import find_zones
from newsline.errors import InvalidArgument
from newsline.model import Article, Credit, Entity, Event, Quote, Sentence, Timex, Voice
from newsline.origins import Origins

P = TypeVar("P")  # what a language's parse is: a spaCy Doc for English, the Russian pack's Parsed


@dataclass(slots=True)
class Context(Generic[P]):
    """What a stage reads: the parse of the analysed text, that text, the article's publication date, the origins
    table, and (``context["zones"]``) the value of each stage that ran before it."""

    parse: P
    text: str
    published: str | None
    origins: Origins
    provided: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.provided[name]


@dataclass(frozen=True, slots=True)
class Stage(Generic[P]):
    """A stage named ``name`` (what ``--stages`` names): ``run(context)`` returns its value, which ``fill`` puts into
    the Article (default: the Article field of the stage's name). ``needs`` names the stages whose values it reads."""

    name: str
    run: Callable[[Context[P]], Any]
    needs: tuple[str, ...] = ()
    fill: Callable[[Article, Any], None] | None = None

    def fill_in(self, article: Article, value: Any) -> None:
        if self.fill is not None:
            self.fill(article, value)
        else:
            setattr(article, self.name, value)


class Stages(Generic[P]):
    """One language's stages, by name, in the order they were registered (the tie-break of the planned order)."""

    def __init__(self, language: str, stages: Iterable[Stage[P]] = ()) -> None:
        self.language = language
        self._stages: dict[str, Stage[P]] = {}
        for stage in stages:
            self.add(stage)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._stages)

    def add(self, stage: Stage[P]) -> Stage[P]:
        if stage.name in self._stages:
            raise ValueError(f"stage {stage.name!r} is registered twice for {self.language!r}")
        self._stages[stage.name] = stage
        return stage

    def stage(self, name: str, *, needs: tuple[str, ...] = (),
              fill: Callable[[Article, Any], None] | None = None) -> Callable[[Callable[[Context[P]], Any]],
                                                                             Callable[[Context[P]], Any]]:
        """Register the decorated function as the stage ``name`` (see :class:`Stage`)."""

        def register(run: Callable[[Context[P]], Any]) -> Callable[[Context[P]], Any]:
            self.add(Stage(name, run, needs, fill))
            return run

        return register

    def plan(self, wanted: Collection[str] | None = None) -> tuple[Stage[P], ...]:
        """The stages to run, in order: all of them (``wanted`` None), or those of ``wanted`` this language has plus
        every stage they need. Each stage comes after its needs; among stages ready at once, the one registered
        first runs first."""
        chosen = set(self._stages) if wanted is None else self._with_needs(n for n in wanted if n in self._stages)
        order: list[Stage[P]] = []
        done: set[str] = set()
        while len(order) < len(chosen):
            ready = next((s for n, s in self._stages.items()
                          if n in chosen and n not in done and done.issuperset(s.needs)), None)
            if ready is None:
                raise RuntimeError(f"the {self.language!r} stages {sorted(chosen - done)} need each other in a cycle")
            order.append(ready)
            done.add(ready.name)
        return tuple(order)

    def _with_needs(self, names: Iterable[str]) -> set[str]:
        chosen: set[str] = set()
        pending = list(names)
        while pending:
            name = pending.pop()
            if name in chosen:
                continue
            if name not in self._stages:
                raise RuntimeError(f"a {self.language!r} stage needs {name!r}, which is not registered")
            chosen.add(name)
            pending.extend(self._stages[name].needs)
        return chosen

    def run(self, article: Article, context: Context[P], plan: Sequence[Stage[P]]) -> Article:
        """Run ``plan`` (from :meth:`plan`) on ``context`` and fill ``article`` with the values; when not every stage
        of the language ran, ``article.analysis.stages`` names those that did."""
        for stage in plan:
            context.provided[stage.name] = stage.run(context)
        for stage in plan:
            stage.fill_in(article, context.provided[stage.name])
        if article.analysis is not None and len(plan) < len(self._stages):
            article.analysis.stages = [stage.name for stage in plan]
        return article


def checked_stages(stages: str | Iterable[str] | None) -> frozenset[str] | None:
    """``stages`` (names, or one string of them separated by commas) as a set of English stage names, which every
    language's are a subset of; None stays None (every stage). Raises InvalidArgument for an empty selection or a
    name that is not a stage."""
    if stages is None:
        return None
    given = stages.split(",") if isinstance(stages, str) else list(stages)
    chosen = frozenset(name.strip() for name in given if name.strip())
    unknown = sorted(chosen - set(ENGLISH.names))
    if unknown or not chosen:
        problem = f"{', '.join(map(repr, unknown))} is not a stage" if unknown else "names no stage"
        raise InvalidArgument("stages", ",".join(given), f"{problem}: give some of {', '.join(ENGLISH.names)}"
                              " (each brings the stages it needs)")
    return chosen


def _fill_voices(article: Article, voices: list[Voice]) -> None:
    for sentence, voice in zip(article.sentences, voices, strict=True):
        sentence.voice = voice


def _context_only(article: Article, value: Any) -> None:
    """The ``fill`` of a stage whose value only later stages read: nothing goes into the Article."""


ZONES: Stage[Any] = Stage("zones", lambda c: find_zones(c.text))
# The quoted segments (``newsline.analysis.quotations``), which the entity and quote stages read.
QUOTATIONS: Stage[Any] = Stage("quotations", lambda c: find_quoted(c.text), fill=_context_only)
VOICES: Stage[Any] = Stage("voices", lambda c: sentence_voices(c.text, c["sentences"], c["quotes"]),
                           needs=("sentences", "quotes"), fill=_fill_voices)

ENGLISH: Stages[Doc] = Stages("en")


@ENGLISH.stage("sentences")
def _sentences(c: Context[Doc]) -> list[Sentence]:
    return [Sentence(s.start_char, s.end_char) for s in c.parse.sents]


ENGLISH.add(ZONES)
ENGLISH.add(QUOTATIONS)


@ENGLISH.stage("entities", needs=("zones", "quotations"))
def _entities(c: Context[Doc]) -> list[Entity]:
    """Named referents, acronyms linked to their names, then groups ("A and B") of them."""
    entities = link_acronyms(c.text, find_entities(c.parse, c["zones"], c["quotations"]))
    return entities + find_groups(c.parse, entities, c["zones"])


@ENGLISH.stage("timexes", needs=("zones",))
def _timexes(c: Context[Doc]) -> list[Timex]:
    return tag_timexes(c.parse, c.published, c["zones"])


@ENGLISH.stage("quotes", needs=("entities", "zones", "quotations"))
def _quotes(c: Context[Doc]) -> list[Quote]:
    return find_quotes(c.parse, c["entities"], c["zones"], c["quotations"])


ENGLISH.add(VOICES)


@ENGLISH.stage("events", needs=("entities", "timexes", "quotes", "zones"))
def _events(c: Context[Doc]) -> list[Event]:
    return extract_events(c.parse, c["entities"], c["timexes"], c["quotes"], c.published, c["zones"])


@ENGLISH.stage("credits", needs=("quotes", "zones"))
def _credits(c: Context[Doc]) -> list[Credit]:
    return find_credits(c.text, c["quotes"], c["zones"], c.origins)

