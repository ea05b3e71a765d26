"""Hand-built articles for the web tests: annotated (quotes, timexes, entities, voices, events), hostile, plain,
and a run of articles about invented officials for the entity and timeline pages.

Invented outlets and people. Offsets are computed from the text, so the annotations stay right if it changes.
"""

from __future__ import annotations


from newsline.indexing import index
from newsline.identity import article_id
from stories_corpus import strike_story

from newsline.model import Article, Entity, Event, EventDate, Mention, Predicate, Quote, Sentence, Span, Timex
from newsline.store import open_store
from newsline.stories import assign

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
                                               Mention(chair.start, chair.end, chair.text, "role")],
               ["union chair"]),
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
    published = EventDate("2024-03-06", "day", None, "publication")
    events = [
        Event("v1", None, Predicate("strike", "will strike"), "PROTEST", EventDate("2024-03-11", "day", None, "timex",
                                                                                  "t1"), sentence_of(t, "Harbour")),
        Event("v2", "e1", Predicate("say", "said"), "STATEMENT", published, sentence_of(t, "“We have"),
              quote="q2"),
        Event("v3", "e1", Predicate("say", ""), "STATEMENT", published, sentence_of(t, "“Talks"), quote="q3"),
        Event("v4", "e2", Predicate("promise", "promised new talks"), "AGREE", published,
              sentence_of(t, "Transport"), quote="q4"),
    ]
    url = "https://harbour-gazette.example/2024/03/strike"
    return Article(article_id(t, url), t, url, "harbour-gazette.example", "2024-03-06",
                   "Port Velden dockers to strike on Monday", "en", sentences=sentences, entities=entities,
                   timexes=timexes, quotes=quotes, events=events)


def hostile_article() -> Article:
    """Markup and script in every field the pages show, and a ``javascript:`` URL."""
    t = HOSTILE_TEXT
    url = "javascript:alert(document.cookie)"
    img = span(t, '"><img src=x onerror=alert(1)>')
    return Article(
        article_id(t, url), t, url, '"><img src=x onerror=alert(3)>.example', "2024-03-07", HOSTILE_TITLE, "en",
        sentences=[Sentence(0, len(t), "attributed")],
        entities=[Entity('e"1<x>', '<b onmouseover="alert(4)">Evil</b>', "PERSON",
                         [Mention(*_se(span(t, "O'Brien")), "O'Brien", "name"), Mention(*_se(img), img.text, "name")],
                         ["<img src=x onerror=alert(6)>"])],
        timexes=[Timex("t1", span(t, "Tuesday"), "DATE", '"><script>alert(5)</script>', anchor='dct"><x')],
        quotes=[Quote("q1", "direct", img, 'e"1<x>', span(t, "a reader"), span(t, "posted"), 0.5),
                Quote("q2", "direct", span(t, "'; DROP TABLE articles; --"), 'e"1<x>', span(t, "O'Brien"),
                      span(t, "said", t.index("O'Brien")), 0.7)],
        events=[Event("v1", 'e"1<x>', Predicate("<i>say</i>", "<script>alert(7)</script>"), "DISAPPROVE",
                      EventDate("2024-03-05", '"><b>day', '"><i>', "timex"), span(t, "Officials said"), quote="q2"),
                Event("v2", 'e"1<x>', Predicate("post", "posted"), "STATEMENT",
                      EventDate('"><script>alert(8)</script>', None, None, "publication"), img, quote="q1")],
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


def officials_articles() -> list[Article]:
    """Lena Varga (Belmark's foreign minister) and Piet Halden (Ostravia's envoy) over five weeks, in three
    outlets: one event reported twice, events dated by the text and "reported on", hypothetical, negated."""
    found = []
    for outlet, published, title, text, quoted, events in OFFICIALS:
        entities = [_entity(f"e{i + 1}", text, name, type_, roles)
                    for i, (name, type_, roles) in enumerate(OFFICIALS_ENTITIES) if name.split()[-1] in text]
        local = {e.name: e.id for e in entities}
        quotes = [Quote(f"q{i + 1}", "indirect", span(text, content), local[who], None, None, 0.9)
                  for i, (who, content) in enumerate(quoted)]
        built = []
        for i, (actor, category, lemma, sentence, value, source, target, quote, flags) in enumerate(events):
            date = EventDate(value, "day" if value and len(value) == 10 else None, None, source)
            built.append(Event(f"v{i + 1}", local[actor], Predicate(lemma, lemma), category, date,
                               sentence_of(text, sentence), local.get(target or ""), quote,
                               negated="negated" in flags, hypothetical="hypothetical" in flags))
        url = f"https://{outlet}/{published}/{title.lower().replace(' ', '-')}"
        found.append(Article(article_id(text, url), text, url, outlet, published, title, "en",
                             sentences=[Sentence(0, len(text), "attributed")], entities=entities, quotes=quotes,
                             events=built))
    return found


OFFICIALS_ENTITIES = [  # (name, type, roles stated when the surname appears)
    ("Lena Varga", "PERSON", ["foreign minister"]),
    ("Ostravia", "GPE", []),
    ("Piet Halden", "PERSON", ["envoy"]),
    ("Belmark", "GPE", []),
]
OFFICIALS = [  # (outlet, published, title, text, [(speaker, quoted text)], [(actor, category, lemma,
    #            sentence opening, date, date source, target, quote, flags)])
    ("daily-planet.example", "2024-02-05", "Varga says Ostravia talks failed",
     "On February 2, Lena Varga, Belmark's foreign minister, said the talks with Ostravia had failed. "
     "Varga accused Ostravia of bad faith.",
     [("Lena Varga", "the talks with Ostravia had failed")],
     [("Lena Varga", "STATEMENT", "say", "On February 2", "2024-02-02", "timex", None, "q1", ""),
      ("Lena Varga", "DISAPPROVE", "accuse", "Varga accused", "2024-02-02", "narrative", "Ostravia", None, "")]),
    ("morning-ledger.example", "2024-02-06", "Envoy rejects accusation",
     "Lena Varga accused Ostravia on February 2 of bad faith, the Morning Ledger learned. "
     "Piet Halden, Ostravia's envoy, rejected the accusation.",
     [("Piet Halden", "rejected the accusation")],
     [("Lena Varga", "DISAPPROVE", "accuse", "Lena Varga accused", "2024-02-02", "timex", "Ostravia", None, ""),
      ("Piet Halden", "REJECT", "reject", "Piet Halden", "2024-02-06", "publication", None, "q1", "")]),
    ("daily-planet.example", "2024-02-20", "Varga and Halden meet in Eastport",
     "Lena Varga met Piet Halden in Eastport on Monday. Varga said both sides would keep talking.",
     [("Lena Varga", "both sides would keep talking")],
     [("Lena Varga", "CONSULT", "meet", "Lena Varga met", "2024-02-19", "timex", "Piet Halden", None, ""),
      ("Lena Varga", "STATEMENT", "say", "Varga said", "2024-02-20", "publication", None, "q1", "")]),
    ("northern-ledger.example", "2024-03-04", "Belmark weighs sanctions",
     "Lena Varga said Belmark may impose sanctions on Ostravia. Piet Halden said Ostravia would not withdraw.",
     [("Lena Varga", "Belmark may impose sanctions on Ostravia"), ("Piet Halden", "Ostravia would not withdraw")],
     [("Lena Varga", "THREATEN", "impose", "Lena Varga said", "2024-03-04", "publication", "Ostravia", "q1",
       "hypothetical"),
      ("Piet Halden", "RETREAT", "withdraw", "Piet Halden said", "2024-03-04", "publication", None, "q2", "negated")]),
]


HOSTILE_OUTLET = '"><svg onload=alert(9)>.example'
HOSTILE_SPEAKERS = ('<img src=x onerror=alert(10)>', "<script>alert(11)</script> Jr")
HOSTILE_LINE = "the reservoir gates will stay closed until the inspectors finish their survey"


def hostile_story() -> list[Article]:
    """A report and an uncredited copy of it in outlets with markup in their names, titles and speakers; each
    attributes the same words to a different (hostile) speaker: a quote conflict."""
    body = ("Engineers at the Lake Orsa dam opened an inquiry on Thursday after cracks were found in the spillway "
            "wall. Inspectors from three agencies will survey the structure over the weekend.")
    found = []
    for i, (outlet, published, speaker) in enumerate((
            (HOSTILE_OUTLET, "2024-03-09T08:00:00+00:00", HOSTILE_SPEAKERS[0]),
            ("copycat.example", "2024-03-09T15:00:00+00:00", HOSTILE_SPEAKERS[1]))):
        text = f'{speaker} said "{HOSTILE_LINE}". {body}'
        at, said = text.index(speaker), text.index(HOSTILE_LINE)
        url = f"https://copycat.example/{i}" if i else "javascript:alert(12)"
        found.append(Article(
            article_id(text, url), text, url, outlet, published, f"<script>alert({13 + i})</script> Dam inquiry",
            "en", sentences=[Sentence(0, len(text), "attributed")],
            entities=[Entity("e1", speaker, "PERSON", [Mention(at, at + len(speaker), speaker, "name")])],
            quotes=[Quote("q1", "direct", Span.of(text, said, said + len(HOSTILE_LINE)), "e1",
                          Span.of(text, at, at + len(speaker)), span(text, "said"), 0.9)]))
    return found


STRIKE_TITLES = {"original": "Valdoria dockworkers walk out", "copy": "Port strike halts Valdoria",
                 "credited": "Strike at Valdoria (Valdoria Herald)", "rewrite": "Valdoria port at a standstill",
                 "independent": "Pickets at the breakwater", "other": "Island ferries stop"}


def strike_articles() -> list[Article]:
    """``stories_corpus.strike_story()`` with titles (the original, two copies, a rewrite, an independent report,
    and another port's strike that week)."""
    found = strike_story()
    for name, article in found.items():
        article.title = STRIKE_TITLES[name]
    return list(found.values())


def build_db(location: str, *, officials: bool = False, stories: bool = False) -> str:
    """A newsline store at ``location`` (a SQLite file or a PostgreSQL URL: ``conftest.new_location``) holding the
    articles above (with ``officials``, also ``officials_articles()``; with ``stories``, also the Valdoria strike
    as five outlets carried it and ``hostile_story()``, and every article assigned to a story)."""
    corpus = [harbour_article(), hostile_article(), *plain_articles(), *(officials_articles() if officials else [])]
    if stories:
        corpus += [*strike_articles(), *hostile_story()]
    with open_store(location) as store:
        store.add_articles([(a, f"tests/web_corpus.py:{i}") for i, a in enumerate(corpus)])
        index(store, stories=None)  # the registry and events (newsline.indexing)
        if stories:
            assign(store, corpus)
    return location


def sentence_of(text: str, opening: str) -> Span:
    """The sentence (or paragraph line) of ``text`` that starts with ``opening``."""
    start = text.index(opening)
    stop, line = text.find(". ", start), text.find("\n", start)
    ends = ([stop + 1] if stop != -1 else []) + ([line] if line != -1 else [])
    return Span.of(text, start, min(ends, default=len(text)))


def _entity(entity_id: str, text: str, name: str, type_: str, roles: list[str]) -> Entity:
    """An entity with a mention at every occurrence of its full name and, for a person, of the surname alone."""
    forms = [name] + ([name.split()[-1]] if type_ == "PERSON" else [])
    mentions, taken = [], set()
    for form in forms:
        at = text.find(form)
        while at != -1:
            if at not in taken:
                taken.update(range(at, at + len(form)))
                mentions.append(Mention(at, at + len(form), form, "name" if form == name else "short_name"))
            at = text.find(form, at + 1)
    mentions.sort(key=lambda m: m.start)
    return Entity(entity_id, name, type_, mentions, roles if any(m.text == name for m in mentions) else [])


def _se(s: Span) -> tuple[int, int]:
    return s.start, s.end
