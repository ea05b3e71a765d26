"""Laundering benchmark: derived versions of real articles, labelled copy / rewrite / independent / sibling and
credited.

Reads PolNeAR dev articles (../shared/bench/polnear/dev/text) at run time (leaving out the few that credit a wire
for their whole text: AP and UPI items republished by a site are wire siblings, not originals) and derives,
programmatically, for each:
a verbatim copy with new boilerplate, a sentence-reordered copy, a partial copy with added sentences (gold: copy,
since what it reuses is verbatim), a synonym-and-clause paraphrase and a translation-like rewording (gold:
rewrite), each with and without a credit line naming the source outlet; and an independent article on the same
topic (the most similar PolNeAR train article; gold: independent, or a separate story). Prints precision, recall
and F1 of each label and of `uncredited`, for the pair classifier alone and end to end (ingest order, assignment,
story analysis in a scratch store).

Wire siblings and photo credits: each dev article also plays a wire item (AP, Reuters, TASS, ... : an origin
outside the corpus) that two outlets republish, the earlier one as a copy, the later one as a copy or a
paraphrase, with the wire credited by both, by the earlier only, by the later only, or by neither (in a dateline,
a byline, an agency line or a source line). Gold: the later article is the earlier one's `sibling` (both took the
wire's text), credited when it credits the wire; when neither names the wire nothing in either text tells a
sibling from a copy, so the gold is `copy`, uncredited. Photo credits ("© REUTERS", "Photo: AFP", "REUTERS/Jane
Doe" under a picture) credit the picture, not the text: a copy whose only credit is a photo credit of the
source's outlet, and siblings whose only credit of the wire is a photo credit, are uncredited. Prints F1 of
sibling vs copy and of credited vs uncredited, pair classifier and end to end.

Run: PYTHONPATH=src python benchmarks/laundering.py [--polnear DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsline.analysis.credits import find_credits
from newsline.analysis.pipeline import new_article
from newsline.analysis.zones import find_zones
from newsline.bench import f1
from newsline.model import Article
from newsline.origins import default_origins
from newsline.publication import publication_day
from newsline.stories.assign import StoryConfig, assign
from newsline.stories.credit import StoryCredits
from newsline.stories.profile import cosine, features, weigh
from newsline.stories.query import story
from newsline.stories.relations import relate
from newsline.stories.text import sentence_spans
from newsline.store.sqlite import SQLiteStore

POLNEAR = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "polnear"
OUTLETS = {"breitbart": ("breitbart.com", "Breitbart"), "huff-post": ("huffpost.com", "HuffPost"),
           "nyt": ("nytimes.com", "The New York Times"), "politico": ("politico.com", "Politico"),
           "usa-today": ("usatoday.com", "USA Today"), "wash-post": ("washingtonpost.com", "The Washington Post"),
           "west-journal": ("westernjournal.com", "Western Journal")}
CREDIT_LINES = ("This story was first published by {}.", "Source: {}", "({} reported the story first.)",
                "Originally reported by {}.")
BOILERPLATE = ("Harbour Ledger | Breaking news around the clock", "Subscribe to the Harbour Ledger newsletter for "
               "the day's top stories. Comments are moderated. All rights reserved.")
SYNONYMS = dict(pair.replace("_", " ").split(":") for pair in (
    "said:stated says:states told:informed announced:declared government:administration important:significant "
    "big:large people:individuals help:assist show:demonstrate shows:demonstrates use:employ buy:purchase "
    "start:begin started:began quickly:rapidly also:additionally however:nevertheless because:since "
    "about:regarding many:numerous new:fresh support:backing criticized:slammed campaign:bid voters:electorate "
    "candidate:contender country:nation president:leader asked:questioned think:believe thinks:believes "
    "wanted:sought want:seek get:obtain got:obtained make:create made:created plan:proposal plans:proposals "
    "attack:assault attacks:assaults called:labelled call:label week:week-long month:four-week leading:top "
    "win:secure won:secured lost:failed says:claims claimed:asserted meeting:gathering officials:authorities "
    "official:representative reporters:journalists report:account reports:accounts news:coverage "
    "decision:ruling political:partisan election:vote elections:votes economy:economics "
    "problem:issue problems:issues money:funds million:million-strong percent:per_cent before:prior_to "
    "after:following during:throughout against:opposed_to between:among major:key really:truly "
    "very:highly recent:latest recently:lately speech:address speak:talk spoke:talked").split())
WIRES = ("Associated Press", "Reuters", "AFP", "TASS", "Xinhua", "Anadolu Agency", "Interfax", "RIA Novosti")
WIRE_CREDITS = (  # (where, template): how an outlet credits the wire it republishes
    ("dateline", "WASHINGTON ({}) — {}"), ("byline", "By {}\n\n{}"), ("agency line", "{}\n\n{}"),
    ("source line", "{1}\n\n[Source: {0}]"), ("source line", "{1}\n\nThis was reported by {0}."),
)
PHOTO_CREDITS = ("© {upper}", "Photo: {name}", "{upper}/Jane Doe", "(Photo by Jane Doe/{upper})")
CAPTION = "Pickets gathered outside the gates on the first morning of the dispute. {}"
TRANSLATION = ((r"\bthe\b ", ""), (r"\bThe\b ", ""), (r"\ba\b ", "one "), (r"\bdid not\b", "not did"),
               (r"\bdoes not\b", "not does"), (r"\bis\b", "is being"), (r"\bwill\b", "is going to"),
               (r"\bwould\b", "was going to"), (r"\bthat\b", "which"))


@dataclass(slots=True)
class Case:
    source: Article
    derived: Article
    kind: str
    gold: str  # copy | rewrite | independent
    credited: bool


def sentences(article: Article) -> list[str]:
    return [article.text[a:b] for a, b in sentence_spans(article)]


def synonyms(sentence: str, rng: random.Random, rate: float) -> str:
    def swap(match: re.Match[str]) -> str:
        word = match.group()
        new = SYNONYMS.get(word.lower())
        if new is None or rng.random() > rate:
            return word
        return new.capitalize() if word[0].isupper() else new
    return re.sub(r"[A-Za-z]+", swap, sentence)


def clause_swap(sentence: str) -> str:
    said = re.match(r"^(.{20,}), (\w+(?: \w+){0,3}) (?:said|says|added)\.$", sentence)
    if said:
        return f"According to {said.group(2)}, {said.group(1)[0].lower()}{said.group(1)[1:]}."
    head, sep, tail = sentence.rstrip(".").partition(", ")
    if sep and len(head.split()) >= 4 and len(tail.split()) >= 4:
        return f"{tail[0].upper()}{tail[1:]}, {head[0].lower()}{head[1:]}."
    return sentence


def paraphrased(sentence: str, rng: random.Random) -> str:
    """Synonyms and a clause swap; a sentence neither touches gets the function-word rewording instead."""
    out = clause_swap(synonyms(sentence, rng, 0.6))
    return out if out != sentence else translated(sentence, rng)


def translated(sentence: str, rng: random.Random) -> str:
    out = synonyms(sentence, rng, 0.8)
    for pattern, replacement in TRANSLATION:
        if rng.random() < 0.7:
            out = re.sub(pattern, replacement, out)
    possessive = re.search(r"\b([A-Z]\w+)['’]s (\w+)", out)
    if possessive:
        out = out.replace(possessive.group(), f"{possessive.group(2)} of {possessive.group(1)}", 1)
    return out[:1].upper() + out[1:]


def derive(source: Article, filler: list[str], rng: random.Random) -> list[tuple[str, str, str]]:
    """``(kind, gold, text)`` variants of ``source``, before any credit line."""
    parts = sentences(source)
    reordered = parts[:1] + rng.sample(parts[1:], len(parts) - 1)
    keep = parts[: max(2, round(len(parts) * 0.6))]
    added = rng.sample(filler, min(3, len(filler)))
    return [
        ("copy + boilerplate", "copy", "\n\n".join([BOILERPLATE[0], *parts, BOILERPLATE[1]])),
        ("reordered", "copy", "\n\n".join(reordered)),
        ("partial + added", "copy", "\n\n".join(keep[:2] + added[:1] + keep[2:] + added[1:])),
        ("paraphrase", "rewrite", "\n\n".join(paraphrased(p, rng) for p in parts)),
        ("translation-like", "rewrite", "\n\n".join(translated(p, rng) for p in parts)),
    ]


def outlet_of(path: Path) -> tuple[str, str]:
    return OUTLETS.get(path.name.split("_")[0], (path.name.split("_")[0] + ".example", path.name.split("_")[0]))


def load(root: Path, split: str) -> list[Article]:
    files = sorted((root / split / "text").glob("*.txt"))
    if not files:
        raise SystemExit(f"no PolNeAR texts under {root / split / 'text'}: give --polnear DIR")
    return [new_article(f.read_text(encoding="utf-8").strip(), url=f"https://{outlet_of(f)[0]}/{f.stem}",
                        outlet=outlet_of(f)[0], published=f"{f.name.split('_')[1]}T09:00:00+00:00") for f in files]


def nearest(article: Article, pool: list[Article], profiles: dict[str, dict[str, float]], used: set[str]) -> Article:
    """The most similar article of another outlet not used yet (two sources must not share one independent)."""
    best = max((p for p in pool if p.outlet != article.outlet and p.id not in used),
               key=lambda p: cosine(profiles[article.id], profiles[p.id]))
    used.add(best.id)
    return best


def credits_own_text(article: Article) -> bool:
    """Whether the article credits an outside source for its whole text (a wire item a site republished, such as
    an AP dateline at the top): such a text is a sibling of that wire, not an original to derive variants from."""
    return any(c.scope == "text" for c in find_credits(article.text, zones=find_zones(article.text)))


def originals(root: Path, limit: int | None) -> list[Article]:
    """The first ``limit`` PolNeAR dev articles, without those that credit a wire for their whole text."""
    return [a for a in load(root, "dev")[:limit] if not credits_own_text(a)]


def cases(root: Path, limit: int | None, seed: int) -> list[Case]:
    rng = random.Random(seed)
    sources, pool = originals(root, limit), load(root, "train")
    everything = sources + pool
    df = Counter(k for a in everything for k in set(features(a).vocabulary()))
    profiles = {a.id: weigh(features(a), len(everything), df).terms for a in everything}
    names = {outlet: name for outlet, name in OUTLETS.values()}
    used: set[str] = set()
    out = []
    for number, source in enumerate(sources):
        filler = [s for other in rng.sample(pool, 3) for s in sentences(other) if len(s.split()) > 8]
        for kind, gold, text in derive(source, filler, rng):
            for credited in (False, True):
                body = text + ("\n\n" + rng.choice(CREDIT_LINES).format(names[source.outlet]) if credited else "")
                derived = new_article(body, url=f"https://harbour-ledger.example/{number}/{kind}/{credited}",
                                      outlet="harbour-ledger.example",
                                      published=source.published.replace("T09:", "T15:"))
                out.append(Case(source, derived, kind, gold, credited))
        other = nearest(source, pool, profiles, used)
        independent = new_article(other.text, url=f"https://harbour-ledger.example/{number}/independent",
                                  outlet="harbour-ledger.example", published=source.published.replace("T09:", "T15:"))
        out.append(Case(source, independent, "independent (nearest train article)", "independent", False))
    return out


def end_to_end(all_cases: list[Case]) -> list[tuple[str, bool | None]]:
    """Label and credit as stored for each case: one scratch store per variant kind and credit flag.

    A derived article that lands outside its source's story is labelled ``separate``.
    """
    groups: dict[tuple[str, bool], list[int]] = {}
    for i, case in enumerate(all_cases):
        groups.setdefault((case.kind, case.credited), []).append(i)
    return _stored(all_cases, groups.values())


def _stored(all_cases: list[Case], groups: Iterable[list[int]]) -> list[tuple[str, bool | None]]:
    """Assign each group of cases (sources and derived articles together) in a scratch store; read the derived
    articles' relation and credit back."""
    predicted: dict[int, tuple[str, bool | None]] = {}
    for indices in groups:
        with tempfile.TemporaryDirectory() as scratch, SQLiteStore(Path(scratch) / "l.db") as store:
            batch = [all_cases[i].source for i in indices] + [all_cases[i].derived for i in indices]
            store.add_articles([(a, "bench") for a in batch])
            assign(store, batch, StoryConfig())
            for i in indices:
                case = all_cases[i]
                view = story(store, case.derived.id)
                mine = next(a for a in view.articles if a.id == case.derived.id)
                same = view.id == store.find_story(case.source.id) and mine.relation != "first"
                predicted[i] = (mine.relation if same else "separate", mine.credited)
    return [predicted[i] for i in sorted(predicted)]


def pair_claim(derived: Article, source: Article) -> tuple[str, bool | None]:
    """The pair classifier: the relation of ``derived`` to ``source`` with credits taken into account."""
    claim = StoryCredits([derived, source], default_origins()).claim(derived, source, relate(derived, source), [])
    return claim.label, claim.credited


def wire_cases(root: Path, limit: int | None, seed: int) -> list[Case]:
    """Wire siblings and photo credits (module docstring): ``source`` is the earlier outlet's article,
    ``derived`` the later one's; the wire itself is not in the corpus."""
    rng = random.Random(seed)
    out = []
    for number, wire in enumerate(originals(root, limit)):
        name = WIRES[number % len(WIRES)]
        body = "\n\n".join(sentences(wire))
        day = publication_day(wire.published)

        # these helpers are only called in this iteration (B023: the loop variables are the current ones)
        def outlet(slug: str, text: str, hour: int) -> Article:
            domain = f"{slug}.example"
            return new_article(text, url=f"https://{domain}/{number}", outlet=domain,  # noqa: B023
                               published=f"{day}T{hour:02d}:00:00+00:00")  # noqa: B023

        def credited(text: str) -> str:
            _, template = rng.choice(WIRE_CREDITS)
            return template.format(name, text)  # noqa: B023

        def photo(text: str, who: str) -> str:
            line = CAPTION.format(rng.choice(PHOTO_CREDITS).format(upper=who.upper(), name=who))
            first, _, rest = text.partition("\n\n")
            return f"{first}\n\n{line}\n\n{rest}"

        later_text = {"copy": f"{BOILERPLATE[0]}\n\n{body}",
                      "paraphrase": "\n\n".join(paraphrased(p, rng) for p in sentences(wire))}
        for later_kind, text in later_text.items():
            for a_credits, b_credits in ((True, True), (True, False), (False, True), (False, False)):
                a = outlet("morning-courier", credited(body) if a_credits else body, 9)
                b = outlet("evening-digest", credited(text) if b_credits else text, 15)
                gold = "sibling" if a_credits or b_credits else "copy"
                label = {(True, True): "both credit", (True, False): "earlier credits",
                         (False, True): "later credits", (False, False): "neither credits"}[a_credits, b_credits]
                out.append(Case(a, b, f"wire, later {later_kind}: {label}", gold, b_credits))
        original = outlet("harbour-ledger", body, 9)
        out.append(Case(original, outlet("evening-digest", photo(body, "Harbour Ledger"), 15),
                        "copy, photo credit of the source", "copy", False))
        a = outlet("morning-courier", credited(body), 9)
        out.append(Case(a, outlet("evening-digest", photo(later_text["paraphrase"], name), 15),
                        "wire, later paraphrase: earlier credits, later photo credit only", "sibling", False))
        out.append(Case(outlet("morning-courier", photo(body, name), 9),
                        outlet("evening-digest", photo(later_text["copy"], name), 15),
                        "wire, photo credits only", "copy", False))
    return out


def report_wire(title: str, all_cases: list[Case], predicted: list[tuple[str, bool | None]]) -> None:
    print(f"\n{title}")
    print(f"{'label':<14}{'gold':>6}{'predicted':>11}{'precision':>11}{'recall':>8}{'F1':>7}")
    for label, ok in (("sibling", {"sibling"}), ("copy", {"copy", "rewrite"})):
        _row(label, [c.gold == label for c in all_cases], [p[0] in ok for p in predicted])
    reuse = ("copy", "rewrite", "sibling")
    _row("credited", [c.credited for c in all_cases], [p[0] in reuse and p[1] is True for p in predicted])
    _row("uncredited", [not c.credited for c in all_cases], [p[0] in reuse and p[1] is False for p in predicted])
    confusion = Counter((c.kind, f"{p[0]}{'' if p[1] is None else ', credited' if p[1] else ', uncredited'}")
                        for c, p in zip(all_cases, predicted))
    for kind in dict.fromkeys(c.kind for c in all_cases):
        gold = next(c for c in all_cases if c.kind == kind)
        got = ", ".join(f"{label} {n}" for (k, label), n in sorted(confusion.items()) if k == kind)
        print(f"  {kind} (gold {gold.gold}{', credited' if gold.credited else ', uncredited'}): {got}")


def report(title: str, all_cases: list[Case], predicted: list[tuple[str, bool | None]]) -> None:
    print(f"\n{title}")
    print(f"{'label':<14}{'gold':>6}{'predicted':>11}{'precision':>11}{'recall':>8}{'F1':>7}")
    accept = {"copy": {"copy"}, "rewrite": {"rewrite"}, "independent": {"independent", "separate"}}
    for label, ok in accept.items():
        gold = [c.gold == label for c in all_cases]
        pred = [p[0] in ok for p in predicted]
        _row(label, gold, pred)
    gold = [c.gold != "independent" and not c.credited for c in all_cases]
    pred = [p[0] in ("copy", "rewrite") and p[1] is False for p in predicted]
    _row("uncredited", gold, pred)
    confusion = Counter((c.kind, p[0]) for c, p in zip(all_cases, predicted))
    kinds = list(dict.fromkeys(c.kind for c in all_cases))
    print("  by variant: " + "; ".join(
        f"{k}: " + ", ".join(f"{lab} {n}" for (kk, lab), n in sorted(confusion.items()) if kk == k) for k in kinds))


def _row(label: str, gold: list[bool], pred: list[bool]) -> None:
    tp = sum(g and p for g, p in zip(gold, pred))
    p = tp / sum(pred) if sum(pred) else 0.0
    r = tp / sum(gold) if sum(gold) else 0.0
    f = f1(p, r)
    print(f"{label:<14}{sum(gold):>6}{sum(pred):>11}{p:>11.3f}{r:>8.3f}{f:>7.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=POLNEAR, help="the PolNeAR folder (default %(default)s)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N dev articles")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    all_cases = cases(args.polnear, args.limit, args.seed)
    print(f"{len(all_cases)} derived or independent articles from {len({c.source.id for c in all_cases})} sources")
    report("Pair classifier (relate(derived, source) and its credits)", all_cases,
           [pair_claim(case.derived, case.source) for case in all_cases])
    report("End to end (assign + story analysis; 'separate' = not in the source's story)", all_cases,
           end_to_end(all_cases))
    wires = wire_cases(args.polnear, args.limit, args.seed)
    print(f"\n{len(wires)} wire siblings and photo credits from {len({c.source.text for c in wires})} texts")
    report_wire("Wire siblings and photo credits, pair classifier", wires,
                [pair_claim(case.derived, case.source) for case in wires])
    report_wire("Wire siblings and photo credits, end to end (one scratch store per case)", wires,
                _stored(wires, [[i] for i in range(len(wires))]))


if __name__ == "__main__":
    main()
