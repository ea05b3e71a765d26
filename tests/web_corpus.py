"""Hand-built articles for the web tests: annotated (quotes, timexes, entities, voices), hostile, plain.

Invented outlets and people. Offsets are computed from the text, so the annotations stay right if it changes.
"""

from __future__ import annotations

from pathlib import Path

from newsline.identity import article_id
from newsline.model import Article, Entity, Mention, Quote, Sentence, Span, Timex
from newsline.store import SQLiteStore

HARBOUR_TEXT = (
    "Harbour workers in Port Velden will strike on Monday, the union said.\n\n"
    "\u201cWe have waited since last March for an answer,\u201d said Mira Kessel, the union\u2019s chair. "
    "\u201cTalks collapsed on Friday.\u201d\n\n"
    "Transport minister Oskar Brandt said the government would \u201cnot be held hostage\u201d and promised "
    "new talks within two weeks.\n\n"
    "The port handled 4 million containers last year."
)
HOSTILE_TITLE = '<script>alert("title")</script>'
HOSTILE_TEXT = (
    'Breaking: "><img src=x onerror=alert(1)> was posted by a reader. <script>alert(2)</script> '
    "Officials said on Tuesday that nothing happened; O'Brien said \"'; DROP TABLE articles; --\" twice."
)


def span(text: str, needle: str, after: int = 0) -> Span:
    start = text.index(needle, after)
    return Span.of(text, start, start + len(needle))


def harbour_article() -> Article:
    """An article with every annotation the article page renders, including nested and shared spans."""
    t = HARBOUR_TEXT
    paragraphs = [p for p in t.split("\n\n")]
    starts = [t.index(p) for p in paragraphs]
    second = starts[1] + paragraphs[1].index("\u201cTalks")
    sentences = [
        Sentence(starts[0], starts[0] + len(paragraphs[0]), "attributed"),
        Sentence(starts[1], second - 1, "attributed"),
        Sentence(second, starts[1] + len(paragraphs[1]), "attributed"),
        Sentence(starts[2], starts[2] + len(paragraphs[2]), "attributed"),
        Sentence(starts[3], starts[3] + len(paragraphs[3]), "outlet"),
    ]
    kessel = span(t, "Mira Kessel")
    chair = span(t, "the union\u2019s chair")
    brandt = span(t, "Oskar Brandt")
    entities = [
        Entity("e1", "Mira Kessel", "PERSON", [Mention(kessel.start, kessel.end, kessel.text, "name"),
                                               Mention(chair.start, chair.end, chair.text, "role")]),
        Entity("e2", "Oskar Brandt", "PERSON", [Mention(brandt.start, brandt.end, brandt.text, "name")],
               ["transport minister"]),
        Entity("e3", "Port Velden", "GPE", [Mention(*_se(span(t, "Port Velden")), "Port Velden", "name")]),
    ]
    quotes = [
        Quote("q1", "indirect", span(t, "Harbour workers in Port Velden will strike on Monday"), None,
              span(t, "the union"), span(t, "said"), 0.8),
        Quote("q2", "direct", span(t, "We have waited since last March for an answer,"), "e1", kessel,
              span(t, "said", t.index("\u201cWe")), 0.95),
        Quote("q3", "direct", span(t, "Talks collapsed on Friday."), "e1", None, None, 0.9),
        Quote("q4", "mixed", span(t, "the government would \u201cnot be held hostage\u201d and promised new talks"
                                     " within two weeks"), "e2",
              span(t, "Transport minister Oskar Brandt"), span(t, "said", t.index("Brandt")), 0.85),
    ]
    timexes = [
        Timex("t1", span(t, "Monday"), "DATE", "2024-03-11", granularity="day", anchor="dct"),
        Timex("t2", span(t, "last March"), "DATE", "2023-03", granularity="month", anchor="dct"),
        Timex("t3", span(t, "Friday"), "DATE", "2024-03-01", granularity="day", anchor="dct"),
        Timex("t4", span(t, "two weeks"), "DURATION", "P2W", anchor=None),
        Timex("t5", span(t, "last year"), "DATE", "2023", granularity="year", anchor="dct"),
    ]
    url = "https://harbour-gazette.example/2024/03/strike"
    return Article(article_id(t, url), t, url, "harbour-gazette.example", "2024-03-06",
                   "Port Velden dockers to strike on Monday", "en", sentences=sentences, entities=entities,
                   timexes=timexes, quotes=quotes)


def hostile_article() -> Article:
    """Markup and script in every field the pages show, and a ``javascript:`` URL."""
    t = HOSTILE_TEXT
    url = "javascript:alert(document.cookie)"
    img = span(t, '"><img src=x onerror=alert(1)>')
    return Article(
        article_id(t, url), t, url, '"><img src=x onerror=alert(3)>.example', "2024-03-07", HOSTILE_TITLE, "en",
        sentences=[Sentence(0, len(t), "attributed")],
        entities=[Entity('e"1<x>', '<b onmouseover="alert(4)">Evil</b>', "PERSON",
                         [Mention(*_se(span(t, "O'Brien")), "O'Brien", "name")])],
        timexes=[Timex("t1", span(t, "Tuesday"), "DATE", '"><script>alert(5)</script>', anchor='dct"><x')],
        quotes=[Quote("q1", "direct", img, 'e"1<x>', span(t, "a reader"), span(t, "posted"), 0.5),
                Quote("q2", "direct", span(t, "'; DROP TABLE articles; --"), 'e"1<x>', span(t, "O'Brien"),
                      span(t, "said", t.index("O'Brien")), 0.7)],
    )


PLAIN = [  # (outlet, published, title, text)
    ("northern-ledger.example", "2024-03-05", "Council approves harbour budget",
     "The Port Velden council approved the harbour budget on Tuesday after a long debate about dredging."),
    ("northern-ledger.example", "2024-03-08", "Dockers return to work",
     "Dockers in Port Velden returned to work after the strike ended early, the port authority said."),
    ("valley-courier.example", "2024-03-08", "Weather turns cold",
     "A cold front reached the valley on Friday, bringing snow to the upper villages."),
    ("valley-courier.example", None, "Undated notice", "The library opens late this week for repairs."),
]


def plain_articles() -> list[Article]:
    return [Article(article_id(text, None), text, None, outlet, published, title, "en")
            for outlet, published, title, text in PLAIN]


def build_db(path: Path) -> Path:
    """A newsline database holding every article above."""
    corpus = [harbour_article(), hostile_article(), *plain_articles()]
    with SQLiteStore(path) as store:
        store.add_articles([(a, f"tests/web_corpus.py:{i}") for i, a in enumerate(corpus)])
    return path


def _se(s: Span) -> tuple[int, int]:
    return s.start, s.end
