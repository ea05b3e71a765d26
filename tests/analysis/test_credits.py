"""Credits (the analysis stage) and the origins table: each form of credit, photo credits, names that are not
credits, and a user's own origins file. Invented outlets, people and places."""

from __future__ import annotations

import pytest

from newsline.analysis.credits import find_credits
from newsline.errors import InvalidArgument
from newsline.model import Quote, Span, Zone
from newsline.origins import Origins


def credits(text, **kw):
    return [(c.name, c.where, c.scope, c.origin) for c in find_credits(text, **kw)]


@pytest.mark.parametrize(("text", "expected"), [
    ("MOSCOW, May 18 (Interfax) - The talks resumed.", ("Interfax", "dateline", "text", "interfax")),
    ("ST. PETERSBURG, June 17. /TASS/. The talks resumed.", ("TASS", "dateline", "text", "tass")),
    ("VELMORA (AP) — The port reopened.", ("AP", "dateline", "text", "ap")),
    ("BRENHOLT, Vel., Oct. 4 (UPI) — The port reopened.", ("UPI", "dateline", "text", "upi")),
    ("Port reopens\n\nBy Anadolu Agency\n\nThe port reopened.", ("Anadolu Agency", "byline", "text", "anadolu")),
    ("Port reopens\n\nReuters | Updated: 23-01-2023 22:07\n\nThe port reopened.",
     ("Reuters", "byline", "text", "reuters")),
    ("The port reopened.\n\n[Source: Tass, Moscow, 18May23]", ("Tass", "inline", "text", "tass")),
    ("The port reopened.\nThis was reported by Anadolu agency.", ("Anadolu agency", "inline", "text", "anadolu")),
    ("The port reopened.\n\nThis story was first published by the Brenholt Observer.",
     ("Brenholt Observer", "inline", "text", None)),
    ("The port reopened.\nRead the article by Ilse Varn in the Financial Review.",
     ("Financial Review", "inline", "text", "afr")),
    ("The port reopened on Monday, the Harbour Gazette reported.", ("Harbour Gazette", "inline", "claim", None)),
    ("As reported by Xinhua, the port reopened.", ("Xinhua", "inline", "claim", "xinhua")),
    ("The port reopened, according to Russia Today.", ("Russia Today", "inline", "claim", "rt")),
    ("The port reopened.\n\n(With inputs from PTI)", ("PTI", "inline", "text", "pti")),
    ("The port reopened.\n— AFP", ("AFP", "byline", "text", "afp")),
    ("The port reopened, per Reuters.", ("Reuters", "inline", "claim", "reuters")),
    ("The port reopened, wrote the Valdoria Herald.", ("Valdoria Herald", "inline", "claim", None)),
    ("The port reopened, in a report by Interfax.", ("Interfax", "inline", "claim", "interfax")),
    # clause-final, the verb first, as a translation from Russian words it
    ("The port reopened on Monday, report “Bulletin”.", ("Bulletin", "inline", "claim", None)),
    ("The port reopened, reports Russian news agency TASS.", ("TASS", "inline", "claim", "tass")),
    ("The port reopened, writes the newspaper Kommersant.", ("Kommersant", "inline", "claim", "kommersant")),
    ("The firm reports losses, writes Ilse Varn.", None),  # a person, not an outlet
    ("Порт открылся, сообщает ТАСС.", ("ТАСС", "inline", "claim", "tass")),  # Russian relay
    ("Порт открылся, сообщают «Известия».", ("Известия", "inline", "claim", "izvestia")),
    ("Порт открылся, пишет «Вельморская газета».", ("Вельморская газета", "inline", "claim", None)),
    ("Порт открыт, цитата по Интерфаксу.", ("Интерфаксу", "inline", "claim", "interfax")),  # a case form
    ("Об этом он заявил в интервью «Известиям».", ("Известиям", "inline", "quote", "izvestia")),
    ("МОСКВА, 22 сентября. /ТАСС/. Порт открылся.", ("ТАСС", "dateline", "text", "tass")),
    ("МОСКВА, 13 фев - РИА Новости. Порт открылся.", ("РИА Новости", "dateline", "text", "ria-novosti")),
    ("Порт открылся, сообщил Лебедев.", None),  # a person relays nothing
    ("Officials in Velmora also spoke to ТАСС reporters.", None),
])
def test_each_form_of_credit(text, expected):
    found = credits(text)
    assert (expected in found) if expected else not found, found


def test_a_name_in_its_own_script_is_the_same_origin():
    assert credits("The port reopened, according to РИА Новости.") == [
        ("РИА Новости", "inline", "claim", "ria-novosti")]


def test_told_an_outlet_credits_it_as_the_origin_of_that_quote():
    text = '"We will reopen on Monday," Mayor Ilse Varn told RIA Novosti.'
    quote = Quote("q1", "direct", Span.of(text, 1, 30), None, Span.of(text, 33, 47), Span.of(text, 48, 52))
    [credit] = find_credits(text, [quote])
    assert (credit.name, credit.origin, credit.where, credit.scope, credit.quote) == (
        "RIA Novosti", "ria-novosti", "inline", "quote", "q1")
    assert credit.cue is not None and credit.cue.text == "told"


@pytest.mark.parametrize("caption", [
    "Dockers at the gate. © REUTERS", "Dockers at the gate. REUTERS/Toby Vane", "Dockers at the gate. Ilse Varn/AP",
    "Dockers at the gate. Photo: AFP", "Dockers at the gate. (Photo by Ilse Varn/AFP via Getty Images)",
])
def test_a_photo_credit_is_not_a_text_credit(caption):
    found = find_credits(f"The port reopened.\n\n{caption}\n\nMore soon.")
    assert found and all(c.where == "photo" and c.scope == "photo" for c in found)


def test_a_caption_zone_makes_any_credit_in_it_a_photo_credit():
    text = "Dockers at the gate, via PA\n\nThe port reopened."
    zoned = [Zone(0, 27, "caption")]
    assert credits(text, zones=zoned)[0][:2] == ("PA", "photo")
    assert credits(text)[0][:2] == ("PA", "inline")


@pytest.mark.parametrize("text", [
    "The port reopened, according to Ilse Varn.",  # a person: attribution, not a credit
    "The port reopened, Ilse Varn told reporters.",
    "Spending per head, 2024.\n\nSource: NATO.",  # a chart's data source
    "A Reuters/Ipsos poll found support for the strike.",
])
def test_names_that_are_not_credits(text):
    assert credits(text) == []


def test_users_extend_and_override_the_origins_table(tmp_path, monkeypatch):
    extra = tmp_path / "mine.toml"
    extra.write_text('[[origin]]\nid = "velmora-wire"\nname = "Velmora Wire"\nkind = "agency"\nstate = true\n'
                     'names = ["Velmora Wire", "VW"]\ndomains = ["velmorawire.example"]\n\n'
                     '[[origin]]\nid = "tass"\nname = "TASS"\nkind = "agency"\nnames = ["TASS"]\n', encoding="utf-8")
    table = Origins.load([extra], environment=False)
    assert table.by_name("the Velmora Wire").id == "velmora-wire" and table.by_name("VW").state
    assert table.by_outlet("news.velmorawire.example").id == "velmora-wire"
    assert table.get("tass").domains == () and table.by_name("ТАСС") is None  # replaced by the user's entry
    assert table.by_name("Reuters").id == "reuters"  # the rest of the shipped table stays
    assert [c.origin for c in find_credits("HARBOURTON (VW) - Ships sailed.", origins=table)] == ["velmora-wire"]
    monkeypatch.setenv("NEWSLINE_ORIGINS", str(extra))
    assert Origins.load().by_name("Velmora Wire") is not None
    assert Origins.load(environment=False).by_name("Velmora Wire") is None


@pytest.mark.parametrize(("content", "problem"), [
    ("[[origin]\nid = 1", "is not TOML"),
    ('[[origin]]\nid = "x"\nname = "X"\nkind = "blog"\nnames = ["X"]\n', "kind must be one of"),
    ('[[origin]]\nid = "x"\nname = "X"\nkind = "wire"\n', "needs id, name, kind and names"),
])
def test_a_bad_origins_file_names_the_file_and_the_problem(tmp_path, content, problem):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidArgument, match=problem) as caught:
        Origins.load([path], environment=False)
    assert caught.value.param == "origins" and str(path) in str(caught.value)
    with pytest.raises(InvalidArgument, match="cannot be read"):
        Origins.load([tmp_path / "missing.toml"], environment=False)
