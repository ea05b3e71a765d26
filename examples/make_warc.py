"""Build examples/warc/newsline-examples_2025.warc.gz: a small crawl of invented news pages.

Run from the repository root: ``python examples/make_warc.py`` (needs warcio, a newsline dependency). The output is
committed; rerunning the script reproduces it byte for byte (fixed record ids and dates, gzip without timestamps).

Every page is wrapped in site boilerplate (navigation, related links, footer, cookie banner) so that the HTML reader
has to find the main text. One page, on localnewsnow.example.net, is an uncredited verbatim copy of the Brenholt
Observer article in examples/html/: its <article> element is lifted from that file, as scrapers do, so the copy stays
exact.
"""

from __future__ import annotations

import html
import re
import uuid
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

EXAMPLES = Path(__file__).resolve().parent
OUTPUT = EXAMPLES / "warc" / "newsline-examples_2025.warc.gz"
COPIED_ORIGINAL = EXAMPLES / "html" / "brenholt-observer_2025-04-22_boil-water-notice.html"


@dataclass(frozen=True)
class Page:
    url: str
    fetched: str  # WARC-Date: when the crawler fetched the page (UTC)
    published: str  # article:published_time in the page's markup
    site: str
    nav: tuple[str, ...]
    headline: str
    article_html: str  # the <article> element


def article(headline: str, byline: str, *paragraphs: str) -> str:
    e = html.escape
    body = "\n".join(f"        <p>{e(p, quote=False)}</p>" for p in paragraphs)
    return f"""<article>
      <h1>{e(headline)}</h1>
      <div class="byline">{e(byline)}</div>
      <div class="article-body">
{body}
      </div>
    </article>"""


MERIDIAN_NAV = ("World", "Business", "Markets", "Energy", "Shipping", "Video")
VALLEY_NAV = ("News", "Towns", "Farming", "Sport", "Obituaries", "Jobs")
LOCALNEWS_NAV = ("Top stories", "Near you", "Trending", "Deals")

MERIDIAN_STRIKE = Page(
    url="https://www.meridianwire.example.com/world/2025/03/11/velmora-port-strike-day-two",
    fetched="2025-03-11T10:12:44Z",
    published="2025-03-11T07:55:00Z",
    site="Meridian Wire",
    nav=MERIDIAN_NAV,
    headline="Velmora port strike enters second day with no talks scheduled",
    article_html=article(
        "Velmora port strike enters second day with no talks scheduled",
        "Reporting by Sami Okoro; editing by Lena Brandt",
        "VELMORA, March 11 (Meridian Wire) - A strike by dockworkers at the Port of Velmora entered its second day "
        "on Tuesday, with no new talks scheduled and a growing queue of ships off the coast.",
        "Union leader Yovan Petrovic told Meridian Wire by telephone that the walkout, which began at dawn on "
        "Monday, had \"the full support of the quay\". «Nobody is going back until we see a real number,» he said.",
        "The Velmora Port Authority said in a statement on Monday evening that 43 vessels were waiting at anchor. "
        "Its spokeswoman, Ilona Marsh, said the authority had written to the union the day before the strike, "
        "offering to extend the existing contract while talks continued. She said the union had not replied.",
        "Shipping agents said the stoppage was already hurting exporters. Agneta Brill, who runs a freight "
        "forwarding firm in the city's free zone, said that two of her clients had missed sailing dates for "
        "refrigerated fruit. \"If this lasts a week, some of them will not survive the season,\" she said.",
        "Earlier, on March 3, negotiations between the union and the port authority ended without agreement after "
        "eleven hours. Last week the union published figures claiming that real wages at the port had fallen by a "
        "fifth since the last pay deal.",
        "Transport Minister Teodor Vask has said he will not intervene for now. According to an official at the "
        "ministry, who asked not to be named because he was not authorised to speak to the press, Vask's office has "
        "nonetheless asked both sides to meet \"before the weekend\".",
        "The port handled about 1.9 million containers last year, making it the busiest on this stretch of the "
        "coast.",
    ),
)

VALLEY_REWRITE = Page(
    url="https://www.valleyrecord.example.org/news/2025/04/23/brenholt-households-told-to-boil-water",
    fetched="2025-04-23T09:30:05Z",
    published="2025-04-23T06:45:00+02:00",
    site="Valley Record",
    nav=VALLEY_NAV,
    headline="Brenholt households told to boil water after E. coli found",
    article_html=article(
        "Brenholt households told to boil water after E. coli found",
        "By Valley Record staff",
        "About 14,000 homes in Brenholt, Esk and Marrow Hill must boil tap water before drinking it after E. coli "
        "bacteria were detected at the Lake Orsa treatment plant, the Brenholt Observer reported on Tuesday.",
        "Tests on samples taken on Monday showed low levels of the bacteria, councillor Hanne Lusk told the "
        "Observer. \"Low is not zero, and we are not going to take chances with people's health,\" said Lusk, who "
        "chairs the town council's utilities committee.",
        "According to the council, a faulty chlorine dosing pump, replaced on Monday night, is the most likely "
        "cause. Plant manager Oscar Fenn said every other pump at the site would be checked.",
        "The notice will remain in force until two rounds of tests in a row come back clean, which the council says "
        "will take at least three days. Bottled water is available at the Brenholt sports hall and at Esk school.",
        "Residents in Marrow Hill told the Valley Record on Wednesday that they had not received the council's text "
        "message alert. A council spokesman said the alert system had reached \u201caround nine in ten\u201d "
        "households and that leaflets would be delivered to the rest by Thursday.",
        "The Record will publish the council's answers to readers' questions about the notice in Friday's edition.",
    ),
)


def copied_page() -> Page:
    """The uncredited copy: the Brenholt Observer's <article> element, word for word, on another site."""
    original = COPIED_ORIGINAL.read_text(encoding="utf-8")
    element = re.search(r'<article class="post">.*?</article>', original, re.S)
    headline = re.search(r'<h1 class="entry-title">(.*?)</h1>', original, re.S)
    if element is None or headline is None:
        raise SystemExit(f"{COPIED_ORIGINAL}: cannot find the <article class=\"post\"> element and headline to copy")
    return Page(
        url="https://localnewsnow.example.net/brenholt/boil-water-notice-issued-for-14000-homes",
        fetched="2025-04-23T08:03:17Z",
        published="2025-04-23T07:20:00+02:00",
        site="LocalNewsNow",
        nav=LOCALNEWS_NAV,
        headline=html.unescape(headline.group(1)),
        article_html=element.group(0),
    )


def render(page: Page) -> str:
    e = html.escape
    nav = "\n".join(f'      <li><a href="/{item.lower().replace(" ", "-")}">{e(item)}</a></li>' for item in page.nav)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{e(page.headline)} - {e(page.site)}</title>
  <link rel="canonical" href="{e(page.url)}">
  <meta property="og:site_name" content="{e(page.site)}">
  <meta property="og:type" content="article">
  <meta property="og:title" content="{e(page.headline)}">
  <meta property="og:url" content="{e(page.url)}">
  <meta property="article:published_time" content="{e(page.published)}">
</head>
<body>
  <header>
    <a class="logo" href="/">{e(page.site)}</a>
    <nav><ul>
{nav}
    </ul></nav>
    <a class="newsletter" href="/newsletter">Get the morning briefing in your inbox</a>
  </header>
  <main>
    {page.article_html}
    <aside class="read-next"><h2>Read next</h2>
      <ul><li><a href="/latest">Latest headlines</a></li><li><a href="/most-read">Most read this week</a></li></ul>
    </aside>
  </main>
  <footer>
    <p>&copy; 2025 {e(page.site)}. All rights reserved. <a href="/privacy">Privacy</a> &middot; <a href="/terms">Terms</a>
    &middot; <a href="/contact">Contact</a></p>
  </footer>
  <div class="cookie-consent">This site uses cookies. <button>OK</button></div>
</body>
</html>
"""


def record_id(key: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}>"


def write_response(writer: WARCWriter, url: str, fetched: str, content_type: str, payload: bytes) -> None:
    http_headers = StatusAndHeaders(
        "200 OK", [("Content-Type", content_type), ("Content-Length", str(len(payload)))], protocol="HTTP/1.1",
    )
    record = writer.create_warc_record(
        url, "response", payload=BytesIO(payload), http_headers=http_headers,
        warc_headers_dict={"WARC-Date": fetched, "WARC-Record-ID": record_id(url)},
    )
    writer.write_record(record)


def main() -> None:
    pages = (MERIDIAN_STRIKE, copied_page(), VALLEY_REWRITE)
    with OUTPUT.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        info = writer.create_warcinfo_record(
            OUTPUT.name, {"software": "newsline examples/make_warc.py", "description": "invented example pages"},
        )
        info.rec_headers.replace_header("WARC-Date", "2025-03-11T10:12:00Z")
        info.rec_headers.replace_header("WARC-Record-ID", record_id(OUTPUT.name))
        writer.write_record(info)
        # A non-HTML response, as real crawls have: the reader skips it.
        write_response(
            writer, "https://www.meridianwire.example.com/robots.txt", "2025-03-11T10:12:40Z",
            "text/plain; charset=utf-8", b"User-agent: *\nDisallow: /admin/\n",
        )
        for page in pages:
            write_response(writer, page.url, page.fetched, "text/html; charset=utf-8", render(page).encode("utf-8"))
    print(f"wrote {OUTPUT} ({len(pages)} article pages)")


if __name__ == "__main__":
    main()
