"""Article text as HTML: sentences by voice, quotes in their speaker's colour, timexes, entity mentions.

Annotation spans come from the data and may overlap or nest arbitrarily (a quote crossing a sentence
boundary, a timex inside a quote, a speaker mention that is also an entity mention). ``layer_spans`` turns
them into properly nested HTML by closing and re-opening tags where spans cross; every piece of text is
escaped, and every attribute value goes through ``Markup.format`` (which escapes it).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from newsline.model import Article, Quote
from newsline.timeline.words import anchor_in_words, date_in_words

GOLDEN_ANGLE = 137.50776405003785  # degrees: each new hue falls in the widest gap the earlier ones left
LINE_STYLES = ("solid", "dashed", "dotted")  # the quote's underline: a second cue beside the hue

# Nesting order when spans share both ends: outer first.
_SENTENCE, _QUOTE, _SOURCE, _CUE, _MENTION, _TIMEX = range(6)


@dataclass(slots=True)
class Layer:
    """One span to render: ``open`` and ``close`` tags, and markup placed after its last piece."""

    start: int
    end: int
    order: int
    open: Markup
    close: Markup
    after: Markup = field(default_factory=Markup)


def layer_spans(text: str, layers: Iterable[Layer]) -> Markup:
    """``text`` escaped, with every layer's tags around its span, properly nested even where spans overlap.

    Spans that are empty, reversed or outside the text are dropped (the data is untrusted). Where a span ends
    inside another that started after it, the inner one is closed and re-opened around the boundary, so one
    annotation may render as several adjacent elements with identical tags.
    """
    valid = [s for s in layers if 0 <= s.start < s.end <= len(text)]
    starts: dict[int, list[Layer]] = {}
    for span in valid:
        starts.setdefault(span.start, []).append(span)
    bounds = sorted({0, len(text)} | {s.start for s in valid} | {s.end for s in valid})
    out: list[str] = []
    stack: list[Layer] = []
    for i, pos in enumerate(bounds):
        ending = [k for k, s in enumerate(stack) if s.end == pos]
        reopen: list[Layer] = []
        if ending:
            while len(stack) > ending[0]:
                span = stack.pop()
                out.append(span.close)
                if span.end == pos:
                    out.append(span.after)
                else:
                    reopen.append(span)
        opening = reopen + starts.get(pos, [])
        opening.sort(key=lambda s: (-s.end, s.order, s.start))
        for span in opening:
            out.append(span.open)
            stack.append(span)
        if i + 1 < len(bounds):
            out.append(escape(text[pos : bounds[i + 1]]))
    return Markup("").join(out)


@dataclass(slots=True)
class Speaker:
    key: str
    name: str
    colour: str  # a CSS class
    entity: str | None
    quotes: int = 0


@dataclass(slots=True)
class RenderedArticle:
    body: Markup
    speakers: list[Speaker]
    quote_speakers: dict[str, Speaker]  # quote id -> speaker


def speakers_of(article: Article) -> dict[str, Speaker]:
    """Each quote's speaker, with one colour per distinct speaker in order of first appearance."""
    names = {e.id: e.name for e in article.entities}
    by_key: dict[str, Speaker] = {}
    result: dict[str, Speaker] = {}
    for quote in sorted(article.quotes, key=lambda q: q.content.start):
        key, name = _speaker_key(quote, names)
        speaker = by_key.get(key)
        if speaker is None:
            colour = "spk-unknown" if key == "?" else f"spk-{sum(k != '?' for k in by_key)}"
            speaker = by_key[key] = Speaker(key, name, colour, quote.speaker if quote.speaker in names else None)
        speaker.quotes += 1
        result[quote.id] = speaker
    return result


def _speaker_key(quote: Quote, names: dict[str, str]) -> tuple[str, str]:
    if quote.speaker and quote.speaker in names:
        return quote.speaker, names[quote.speaker]
    if quote.source is not None:
        return "source:" + quote.source.text.casefold(), quote.source.text
    return "?", "unknown speaker"


def render_article(article: Article, entity_href: Callable[[str], str | None] | None = None) -> RenderedArticle:
    """The article body as HTML. ``entity_href(entity_id)`` gives an entity page's URL, or None for no link."""
    quote_speakers = speakers_of(article)
    layers: list[Layer] = []
    for s in article.sentences:
        voice = s.voice or "unknown"
        layers.append(Layer(s.start, s.end, _SENTENCE,
                            Markup('<span class="sent voice-{}">').format(voice), Markup("</span>")))
    for q in article.quotes:
        speaker = quote_speakers[q.id]
        layers.append(Layer(
            q.content.start, q.content.end, _QUOTE,
            Markup('<span class="quote {}" tabindex="0" data-quote="{}" data-speaker="{}" data-cue="{}"'
                   ' data-kind="{}" data-confidence="{:.2f}">').format(
                speaker.colour, q.id, speaker.name, q.cue.text if q.cue else "", q.kind, q.confidence),
            Markup("</span>"),
        ))
        if q.source is not None:
            layers.append(Layer(q.source.start, q.source.end, _SOURCE,
                                Markup('<span class="source {}" data-quote="{}">').format(speaker.colour, q.id),
                                Markup("</span>")))
        if q.cue is not None:
            layers.append(Layer(q.cue.start, q.cue.end, _CUE,
                                Markup('<span class="cue" data-quote="{}">').format(q.id), Markup("</span>")))
    for entity in article.entities:
        href = entity_href(entity.id) if entity_href else None
        for m in entity.mentions:
            title = f"{entity.name} ({entity.type}, {m.kind})"
            if href:
                tag = Markup('<a class="ent ent-{}" href="{}" title="{}">').format(entity.type, href, title)
                layers.append(Layer(m.start, m.end, _MENTION, tag, Markup("</a>")))
            else:
                tag = Markup('<span class="ent ent-{}" title="{}">').format(entity.type, title)
                layers.append(Layer(m.start, m.end, _MENTION, tag, Markup("</span>")))
    for t in article.timexes:
        value = t.value if t.resolved and t.value else "unresolved"
        anchor = anchor_in_words(t.anchor, article.timexes)
        words = date_in_words(t.value, t.mod, t.tz) if t.resolved and t.value else "unresolved"
        detail = f"{words} ({t.type} {value}); resolved against {anchor}" + (f"; {t.reason}" if t.reason else "")
        layers.append(Layer(
            t.span.start, t.span.end, _TIMEX,
            Markup('<span class="timex{}" tabindex="0" data-timex="{}" data-value="{}" data-anchor="{}"'
                   ' title="{}">').format("" if t.resolved else " unresolved", t.id, value, anchor, detail),
            Markup("</span>"),
            Markup('<sup class="timex-value" aria-label="resolves to {}" title="{}">{}</sup>').format(words, value, words),
        ))
    speakers = list({s.key: s for s in quote_speakers.values()}.values())
    return RenderedArticle(layer_spans(article.text, layers), speakers, quote_speakers)


@dataclass(frozen=True, slots=True)
class SpeakerColour:
    background: str  # behind the quote's text (#rrggbb)
    line: str  # the quote's underline, the speaker's bold mention and the swatch border
    line_style: str


def speaker_colour(n: int) -> SpeakerColour:
    """The ``n``-th speaker's colours: golden-angle hues (every speaker its own hue, however many), the same
    perceived lightness for every hue (OKLCH), so text on the background and the line on white keep their
    contrast, and an underline style that changes with each speaker, so neighbouring hues still differ."""
    hue = math.radians((n * GOLDEN_ANGLE) % 360)
    light = 0.955 if n % 2 == 0 else 0.915  # alternate pale and deeper backgrounds
    return SpeakerColour(_oklch_hex(light, 0.045, hue), _oklch_hex(0.5, 0.13, hue),
                         LINE_STYLES[n % len(LINE_STYLES)])


def _oklch_hex(lightness: float, chroma: float, hue: float) -> str:
    """An OKLCH colour (hue in radians) as sRGB hex, clipped to the sRGB gamut (Björn Ottosson's OKLab)."""
    a, b = chroma * math.cos(hue), chroma * math.sin(hue)
    l_ = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3
    m_ = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3
    s_ = (lightness - 0.0894841775 * a - 1.2914855480 * b) ** 3
    linear = (4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
              -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
              -0.0041960863 * l_ - 0.7034186147 * m_ + 1.7076147010 * s_)
    srgb = [12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055 for c in (min(max(c, 0.0), 1.0)
                                                                                        for c in linear)]
    return "#" + "".join(f"{round(c * 255):02x}" for c in srgb)


def speaker_css(count: int) -> str:
    """CSS for the classes ``spk-0`` .. ``spk-{count - 1}`` (served as ``/speakers.css?n=COUNT``)."""
    rules = []
    for n in range(count):
        c = speaker_colour(n)
        rules.append(f".spk-{n} {{ --bg: {c.background}; --fg: {c.line}; --spk-line: {c.line_style}; }}")
    return "\n".join(rules) + "\n"


def safe_href(url: str | None) -> str | None:
    """``url`` when it is an http(s) URL with a host, else None: a ``javascript:`` URL never becomes a link."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


QUOTE_MARKS = "\"'\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b\u00ab\u00bb\u2039\u203a\u300c\u300d"


def unquoted(text: str) -> str:
    """Quoted words without the quotation marks (and space) around them, for a page that adds its own."""
    return text.strip().strip(QUOTE_MARKS).strip()


SNIPPET_MARKS = ("\ue000", "\ue001")  # private-use characters around matches: never confused with text


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A search snippet made with ``SNIPPET_MARKS`` as ``(text, is_match)`` pieces, marks removed."""
    parts: list[tuple[str, bool]] = []
    for i, chunk in enumerate(snippet.split(SNIPPET_MARKS[0])):
        matched, _, rest = chunk.partition(SNIPPET_MARKS[1]) if i else ("", "", chunk)
        parts += [(piece, flag) for piece, flag in ((matched, True), (rest.replace(SNIPPET_MARKS[1], ""), False))
                  if piece]
    return parts


def snippet_html(snippet: str) -> Markup:
    """A search snippet as HTML: text escaped, matches in ``<mark>``."""
    return Markup("").join(Markup("<mark>{}</mark>").format(p) if m else escape(p) for p, m in snippet_parts(snippet))


def with_latin(name: str | None) -> Markup:
    """A name as written, with its Latin-script form beside it when it is written in another script
    ("Мария Захарова <span class="latin">Mariya Zakharova</span>"), so readers who cannot read Cyrillic can follow it."""
    from newsline.transliteration import latin

    text = name or ""
    latin_text = latin(text)
    if latin_text == text:
        return Markup.escape(text)
    return Markup('{} <span class="latin" lang="en" title="in Latin letters">({})</span>').format(text, latin_text)
