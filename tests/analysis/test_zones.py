"""Document zones: each rule on invented page text, the precision guards, the contract, and (when ../shared is
present) the real development sets: no gold quote or event is hidden in a caption, byline or related zone."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from conftest import shared_path

import newsline
from newsline.analysis.zones import Zone, find_zones, zone_kind
from newsline.model import Article
from newsline.store import SQLiteStore

HIDING = ("caption", "byline", "related")  # zones whose text the later stages do not treat as narrative


def zoned(text: str) -> list[tuple[str, str]]:
    """``(kind, zone text)`` for every zone of ``text``."""
    return [(z.kind, text[z.start:z.end]) for z in find_zones(text)]


def page(*lines: str) -> str:
    return "\n\n".join(lines)


BODY = "The harbour authority of Port Velmar said on Tuesday that the eastern docks would close for repairs."
QUOTE = "\u201cWe cannot keep the cranes running,\u201d harbour master Lina Ostrova told reporters."


# --- headlines ---------------------------------------------------------------------------------------------

def test_headlines_before_the_body_and_their_repeats():
    headline = "Port Velmar to close eastern docks for repairs - Ostrova"
    deck = "The harbour master says the work will take three weeks"
    text = page(headline, deck, BODY, QUOTE, headline)
    assert zoned(text) == [("headline", headline), ("headline", deck), ("headline", headline)]


def test_short_question_and_colon_headlines():
    text = page("Will the Velmar docks reopen by March?", "Ostrova on the repairs, in brief:", BODY)
    assert [k for k, _ in zoned(text)] == ["headline", "headline"]


def test_a_sentence_or_a_list_item_ends_the_head():
    text = page(BODY, "Docks closed for repairs", QUOTE)  # a headline-like line after the body is body
    assert zoned(text) == []
    text = page("\u2022 Docks close for three weeks", "Cargo goes to the western terminal")
    assert zoned(text) == []


def test_text_without_a_body_paragraph_has_no_headlines():
    text = "Ostrova says the docks will close for repairs\nOstrova says the docks will close for repairs"
    assert zoned(text) == []


# --- bylines -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Velmora Wire | Updated: 23-01-2023 22:07 IST | Created: 23-01-2023 22:07 IST",
    "18 May 2023 12:30",
    "12:33 GMT 03.08.2023",
    "Time 9:02 am, October 28, 2022",
    "Last modified: 24 July, 2022, 09:39 am",
    "HARBOUR GAZETTE \u2013 THURSDAY, 15 SEPTEMBER 2022, 02:58",
    "February 22, 2023, 10:29 am \u2013 Velmora Daily \u2013 News",
    "21 июня 2023, 12:40",
    "17 ИЮЛ, 11:56 Обновлено 12:10",
    "By Jane Doe and Ivo Brenholt",
    "by Velmora Agency",
    "Reuters",
    "(@velmorawire)",
    "https://velmora-news.example.com/2024/03/05/docks",
    "(Reporting by Ivo Brenholt; Editing by Mara Velt)",
])
def test_byline_lines(line):
    assert zoned(page("Docks to close", line, BODY)) == [("headline", "Docks to close"), ("byline", line)]


def test_author_list_only_before_the_body():
    authors = "Jane Doe, Ivo Brenholt and Mara Velt"
    assert zoned(page("Docks to close", authors, BODY))[1] == ("byline", authors)
    assert zoned(page(BODY, authors)) == []


# --- captions ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Cranes stand idle at the eastern docks of Port Velmar, March 4, 2024. REUTERS/Ivo Brenholt",
    "Lina Ostrova speaks to reporters at the quay. \u00a9 Velmora Wire",
    "\u00a9 Velmora Wire",
    "Harbour workers leave the eastern docks. AP",
    "Lina Ostrova on Twitter, via PA",
    "The eastern docks seen from the water. (Getty Images)",
    "The closed quay, in a picture released on Monday. (Port Velmar Harbour Office)",
    "Photo: Port Velmar harbour authority",
    "Image caption, Lina Ostrova at the quay",
    "Фото: Velmora Wire / Ivo Brenholt",
])
def test_caption_lines(line):
    assert ("caption", line) in zoned(page("Docks to close", line, BODY, QUOTE))


def test_a_caption_shown_twice_once_without_its_credit():
    caption = "Lina Ostrova speaks to reporters at the quay."
    assert zoned(page(BODY, caption, f"{caption}  \u00a9 Velmora Wire")) == [
        ("caption", caption), ("caption", f"{caption}  \u00a9 Velmora Wire")]


# --- datelines ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("dateline", [
    "TARNOW. May 18 (Interfax) - ",
    "ST. VELMAR, June 17. /TASS/. ",
    "TARNOW (Velmora News / Sputnik - 03rd August, 2023) ",
    "WASHINGTON (AP) \u2014 ",
    "BRENHOLT, Ruritania, September 25. ",
    "NEW TARNOW, N.Y., Sept. 26 (UPI) \u2014 ",
    "Velmora, March 3 -- ",
    "(Velmora Wire) - ",
    "(MENAFN- Velmora News Agency) TARNOW, Ruritania, September 25. ",
    "ТАРНОВ, 13 фев - РИА Новости. ",
    "Тарнов. 5 июля. INTERFAX.RU - ",
])
def test_datelines_cover_only_the_prefix(dateline):
    text = page("Docks to close", dateline + BODY)
    assert zoned(text) == [("headline", "Docks to close"), ("dateline", dateline)]


@pytest.mark.parametrize("dateline", [
    "WASHINGTON \u2014 ", "Brenholt, Ruritania - ", "Velmar/Tarnow | ", "Velmora Times - ",
])
def test_loose_datelines_only_open_the_article(dateline):
    assert zoned(page("Docks to close", dateline + BODY)) == [("headline", "Docks to close"), ("dateline", dateline)]
    later = page(BODY, QUOTE, "Cargo goes west.", dateline + BODY)
    assert zoned(later) == []


def test_dateline_lines_before_the_body_and_wire_source_lines_after_it():
    assert zoned(page("Docks to close", "TARNOW", BODY)) == [("headline", "Docks to close"), ("dateline", "TARNOW")]
    source = "[Source: Velmora Wire, Tarnow, 18May23]"
    assert zoned(page(BODY, QUOTE, source)) == [("dateline", source)]


# --- related links and boilerplate -------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Read more: Port Velmar reopens its western terminal",
    "Western terminal to take the cargo \u2013 Ostrova READ MORE: Western terminal to take the cargo",
    "Related: Harbour strike ends",
    "This is a developing story. More to come\u2026",
    "DETAILS TO FOLLOW",
    "Advertisement",
    "For all the latest headlines, follow our Velmora News channel online.",
    "(This story has not been edited by Harbour Gazette staff and is auto-generated from a syndicated feed.)",
    "\u00a9 2024 Harbour Gazette. All rights reserved.",
    "Читайте также: доки закрыты",
])
def test_related_lines(line):
    assert zoned(page(BODY, QUOTE, line)) == [("related", line)]


# --- precision: body text that must stay body --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    page(BODY, "The repairs begin on 18 May 2023 at 08:00."),  # a sentence with a date and a time
    page(BODY, "This story was updated on Tuesday at 10:13 p.m."),
    page(BODY, "Ostrova praised the prot\u00c3\u00a9g\u00c3\u00a9s of the old harbour master."),  # mis-decoded é
    page("Docks to close", "On Friday, Ostrova \u2014 the harbour master \u2014 said the work was late."),
    page("Docks to close", "NATO \u2014 which uses the port \u2014 was not consulted, Ostrova said."),
    page(BODY, QUOTE, "Cargo goes west.", "QUESTIONABLE CLAIMS \u2014 Ostrova said the cranes were unsafe."),
    page("Docks to close", "By the end of March, cargo will go to the western terminal."),
    page(BODY, "\u201cWe will reopen,\u201d Ostrova said. (Velmora Wire)"),
    page(BODY, "Ostrova announced the closure via Twitter."),
    page(BODY, "Cargo will be sent west, according to a Velmora Wire/Tarnow Institute poll."),
    page(BODY, "\u201cThere is more to come,\u201d Ostrova said of the repairs."),
])
def test_body_text_is_not_zoned(text):
    assert [kind for kind, _ in zoned(text) if kind != "headline"] == []


# --- the contract ------------------------------------------------------------------------------------------

def test_zones_are_sorted_disjoint_and_zone_kind_bisects():
    text = page("Docks to close", "By Jane Doe", "TARNOW (AP) \u2014 " + BODY, "Harbour workers leave. AP", QUOTE,
                "Read more: Harbour strike ends")
    zones = find_zones(text)
    assert [z.kind for z in zones] == ["headline", "byline", "dateline", "caption", "related"]
    assert all(a.end <= b.start for a, b in zip(zones, zones[1:]))
    dateline = zones[2]
    assert zone_kind(zones, 0) == "headline"
    assert zone_kind(zones, zones[0].end) == "body"  # end is exclusive
    assert zone_kind(zones, dateline.start) == "dateline"
    assert zone_kind(zones, dateline.end) == "body"
    assert zone_kind(zones, text.index("cranes")) == "body"
    assert zone_kind(zones, len(text) - 1) == "related"
    assert zone_kind([], 5) == "body"
    with pytest.raises(AttributeError):
        dateline.kind = "body"  # frozen


def test_article_carries_zones_through_json_and_the_store(tmp_path):
    text = page("Docks to close - Ostrova", "TARNOW, March 4 (Velmora Wire) - " + BODY, QUOTE)
    article = newsline.analyze(text, published="2024-03-04")
    assert [(z.kind, text[z.start:z.end]) for z in article.zones] == [
        ("headline", "Docks to close - Ostrova"), ("dateline", "TARNOW, March 4 (Velmora Wire) - ")]
    data = json.loads(json.dumps(article.to_dict()))
    assert data["zones"][0] == {"start": 0, "end": 24, "kind": "headline"}
    assert Article.from_dict(data) == article
    assert Article.from_dict({k: v for k, v in data.items() if k != "zones"}).zones == []  # stored before zones
    with SQLiteStore(tmp_path / "z.db") as store:
        store.add_articles([(article, "test")])
        assert store.get_articles([article.id])[0].zones == article.zones
        assert store.get_article(article.id).article.zones == article.zones


# --- the development sets ----------------------------------------------------------------------------------

def _hidden(zones: list[Zone], start: int, end: int) -> list[str]:
    return [z.kind for z in zones if z.kind in HIDING and z.start < end and start < z.end]


@pytest.mark.data
def test_realnews_and_crosslingual_keep_every_gold_quote_and_event_visible():
    counts: dict[str, Counter] = {}
    for corpus in ("realnews", "crosslingual"):
        counts[corpus] = Counter()
        for path in sorted(shared_path("bench", corpus, "articles").glob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            zones = find_zones(gold["text"])
            counts[corpus].update(z.kind for z in zones)
            for quote in gold["quotes"]:
                assert not _hidden(zones, quote["start"], quote["start"] + len(quote["content"])), (gold["id"], quote)
            for event in gold.get("events", []):
                hidden = _hidden(zones, event["start"], event["start"] + len(event["evidence"]))
                # A photo caption may state a dated event of its own ("X walks ... July 14, 2022"): the gold counts
                # it, and a caption zone only stops it from anchoring the narrative. Bylines and links never do.
                assert not hidden or (hidden == ["caption"] and re.search(r"\b(?:19|20)\d\d\b", event["evidence"])), (
                    gold["id"], event)
    print({corpus: dict(c) for corpus, c in counts.items()})
    # Found on the development sets when the rules were written (floors, so that a change that loses them fails).
    assert counts["realnews"]["headline"] >= 25 and counts["realnews"]["byline"] >= 15
    assert counts["realnews"]["dateline"] >= 11 and counts["realnews"]["caption"] >= 7
    assert counts["crosslingual"]["headline"] >= 30 and counts["crosslingual"]["byline"] >= 10
    assert counts["crosslingual"]["dateline"] >= 8


@pytest.mark.data
def test_polnear_attributions_are_never_in_caption_byline_or_related_zones():
    from newsline.bench.polnear import read_polnear

    datelines = 0
    for split in ("train", "dev"):
        for article in read_polnear(shared_path("bench", "polnear", split)):
            zones = find_zones(article.text)
            datelines += sum(z.kind == "dateline" for z in zones)
            for role in ("source", "cue", "content"):
                for start, end in article.spans(role):
                    assert not _hidden(zones, start, end), (article.name, role, article.text[start:end])
    assert datelines >= 134  # found on PolNeAR train + dev when the rules were written
