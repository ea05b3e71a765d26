"""Time expressions as real news writes them (issue 13), on text the team wrote: parts of the day, clock times in
their zone, the clause's tense, quotations, reference words, calendars, and page furniture that must not move the
narrative's date."""

from __future__ import annotations

import pytest

from newsline.analysis.pipeline import new_article
from newsline.analysis.timex import tag_timexes
from newsline.model import Article, Timex

FRIDAY = "2024-03-08"


def analysed(analyzer, text: str, published: str | None = FRIDAY) -> Article:
    return analyzer.analyze(new_article(text, published=published))


def find(timexes: list[Timex], phrase: str) -> Timex:
    found = [t for t in timexes if t.span.text == phrase]
    assert found, f"{phrase!r} not tagged; got {[t.span.text for t in timexes]}"
    return found[0]


def tagged(analyzer, text: str, phrase: str, published: str | None = FRIDAY) -> Timex:
    return find(tag_timexes(analyzer.nlp(text), published), phrase)


@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("Brenholt spoke to Mayor Ostrova on Tuesday evening.", "Tuesday evening", "2024-03-05TEV"),
    ("The convoy left early Friday morning.", "early Friday morning", "2024-03-08TMO"),
    ("Dock workers walked out on Wednesday night.", "Wednesday night", "2024-03-06TNI"),
    ("Velmora's ports will reopen on Monday afternoon.", "Monday afternoon", "2024-03-11TAF"),
])
def test_parts_of_the_day(analyzer, text, phrase, value):
    assert tagged(analyzer, text, phrase).value == value


@pytest.mark.parametrize(("text", "phrase", "value", "tz"), [
    ("The Tarnow exchange halted trading at 0915 GMT.", "0915 GMT", "2024-03-08T09:15", "GMT"),
    ("The verdict came at 8:40 p.m. ET.", "8:40 p.m. ET", "2024-03-08T20:40", "ET"),
    ("Launch is at 18:00 UTC.", "18:00 UTC", "2024-03-08T18:00Z", "UTC"),
    ("The truce takes hold at 9:45 pm Tarnow time.", "9:45 pm Tarnow time", "2024-03-08T21:45", "Tarnow"),
    ("posted at 13:15 British Summer Time 3 August 2023", "13:15 British Summer Time 3 August 2023",
     "2023-08-03T13:15", "BST"),
    ("Velmora Wire | Updated: 23-01-2023 22:07 IST", "23-01-2023 22:07 IST", "2023-01-23T22:07", "IST"),
])
def test_clock_times_keep_their_stated_zone(analyzer, text, phrase, value, tz):
    t = tagged(analyzer, text, phrase)
    assert (t.type, t.value, t.tz, t.granularity) == ("TIME", value, tz, "time")


def test_a_clock_time_takes_the_day_written_beside_it(analyzer):
    text = ("A truce between Velmora and the Ostravian Liberation Front will begin on Saturday morning. Speaking to "
            "reporters on Friday, a mediator said the truce will begin at 7am (05:00 GMT) and that prisoners will be "
            "released at 4pm. The ceasefire expired at 9:45 pm local time on March 22.")
    timexes = tag_timexes(analyzer.nlp(text), FRIDAY)
    saturday = find(timexes, "Saturday morning")
    assert saturday.value == "2024-03-09TMO"
    # a time still to come takes the day the story named ahead, not the day of the briefing
    assert [find(timexes, p).value for p in ("7am", "05:00 GMT", "4pm")] == [
        "2024-03-09T07:00", "2024-03-09T05:00", "2024-03-09T16:00"]
    assert find(timexes, "9:45 pm local time").value == "2024-03-22T21:45"  # the date after it
    stamp = tag_timexes(analyzer.nlp("17 May 2023 12:30 Ministers explain the extension."), FRIDAY)
    assert [(t.span.text, t.value) for t in stamp] == [("17 May 2023", "2023-05-17"), ("12:30", "2023-05-17T12:30")]
    assert tag_timexes(analyzer.nlp("The score was 12:30 at half time."), FRIDAY) == []  # no date beside it


@pytest.mark.parametrize(("text", "phrase", "value"), [
    # published on a Friday: a flight that "was due" to leave is the day before, not next week's
    ("Ostrova was due to fly out Thursday night.", "Thursday night", "2024-03-07TNI"),
    ("Velmora's ports to reopen Monday", "Monday", "2024-03-11"),  # a headline infinitive
    ("Truce to begin early Saturday", "early Saturday", "2024-03-09"),
    ("Sources on Thursday night would not say whether the deal was signed.", "Thursday night", "2024-03-07TNI"),
    ("Sweden's bid stalled last year in February.", "last year in February", "2023-02"),
])
def test_the_clause_decides_past_or_future(analyzer, text, phrase, value):
    assert tagged(analyzer, text, phrase).value == value


def test_coordinated_months_lie_together(analyzer):
    # published on 2 May: on its own "November" is as near last year's as this year's; beside "October" (this
    # year's, nearer) it is this year's too
    text = "A referendum in October or November is likely, Velmora's ministers say."
    timexes = tag_timexes(analyzer.nlp(text), "2024-05-02")
    assert [find(timexes, m).value for m in ("October", "November")] == ["2024-10", "2024-11"]


def test_a_date_in_a_noun_phrase_does_not_take_the_verbs_tense(analyzer):
    text = "Velmora should not expect support after a protest at the weekend, Brenholt said."
    assert tagged(analyzer, text, "the weekend", "2024-03-11").value == "2024-W10-WE"  # published Monday: just past
    # the same when the parser hangs the date from the verb, past the "after ..." phrase it belongs to
    text = ("Velmora should not expect Ruritania's support for its membership after a protest near the Ruritanian"
            " embassy in Tarnow at the weekend, Brenholt said.")
    assert tagged(analyzer, text, "the weekend", "2024-03-11").value == "2024-W10-WE"
    # but a date the "after" phrase does not run up to keeps the verb's tense
    text = "After the talks Velmora will sign the treaty at the weekend, Brenholt said."
    assert tagged(analyzer, text, "the weekend", "2024-03-11").value == "2024-W11-WE"


def test_next_week_in_a_quotation_is_the_speakers_next_week(analyzer):
    text = '"We will meet the unions next week," Brenholt said on Friday.'
    timexes = tag_timexes(analyzer.nlp(text), "2024-03-11")  # published Monday, said the Friday before
    friday, week = find(timexes, "Friday"), find(timexes, "next week")
    assert (friday.value, week.value, week.anchor) == ("2024-03-08", "2024-W11", friday.id)  # not 2024-W12
    plain = tagged(analyzer, "Brenholt will meet the unions next week.", "next week", "2024-03-11")
    assert (plain.value, plain.anchor) == ("2024-W12", "dct")


def test_today_in_a_quotation_is_the_speakers_day(analyzer):
    text = '"Today we agreed to open the corridor," Foreign Minister Ivo Brenholt told reporters on Tuesday.'
    timexes = tag_timexes(analyzer.nlp(text), FRIDAY)
    tuesday, today = find(timexes, "Tuesday"), find(timexes, "Today")
    assert tuesday.value == today.value == "2024-03-05" and today.anchor == tuesday.id
    plain = tagged(analyzer, "Today the corridor opened, Brenholt said.", "Today")
    assert (plain.value, plain.anchor) == (FRIDAY, "dct")


@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("At the moment the corridor is closed.", "At the moment", "PRESENT_REF"),
    ("The envoys will meet again soon.", "soon", "FUTURE_REF"),
    ("The fund has paid out 40 million to date.", "to date", "PRESENT_REF"),
    ("Brenholt left the party a while ago.", "a while ago", "PAST_REF"),
])
def test_reference_words(analyzer, text, phrase, value):
    t = tagged(analyzer, text, phrase)
    assert (t.type, t.value, t.granularity) == ("DATE", value, "ref")


def test_previously_dates_a_clause_not_a_noun(analyzer):
    for text in ("Ankara has previously said Velmora must act first.", "As previously reported, the talks failed.",
                 "The talks had previously produced an agreement."):
        t = tagged(analyzer, text, "previously")
        assert (t.type, t.value) == ("DATE", "PAST_REF")
    # a participle describing a noun: the plan, not a clause, is what was done before
    for text in ("Brindle Oil cited a previously announced plan.", "Police doubled the award offered previously by the city."):
        assert not [t for t in tag_timexes(analyzer.nlp(text), FRIDAY) if t.span.text == "previously"], text


def test_as_soon_as_is_not_soon(analyzer):
    assert [t.span.text for t in tag_timexes(analyzer.nlp("Talks resume as soon as Tuesday."), FRIDAY)] == ["Tuesday"]


@pytest.mark.parametrize(("text", "phrase", "published", "value"), [
    ("Pilgrims marched on the first Sunday of Lent.", "the first Sunday of Lent", "2024-03-08", "2024-02-18"),
    ("Crowds gathered on the last Friday of Ramadan.", "the last Friday of Ramadan", "2024-04-20", "2024-04-05"),
    ("Shops close for Eid al-Fitr.", "Eid al-Fitr", "2023-04-01", "2023-04-21"),  # Umm al-Qura, a day before the
    ("Schools will shut on the eve of Passover.", "the eve of Passover", "2024-04-01", "2024-04-22"),  # arithmetical
    ("The vote falls on the second Tuesday in March 2025.", "the second Tuesday in March 2025", FRIDAY, "2025-03-11"),
    ("Turkeys sold out before Thanksgiving 2023.", "Thanksgiving 2023", FRIDAY, "2023-11-23"),  # the fourth Thursday
    ("Churches filled for Orthodox Easter 2024.", "Orthodox Easter 2024", FRIDAY, "2024-05-05"),
    ("The fast ends with Yom Kippur 2023.", "Yom Kippur 2023", FRIDAY, "2023-09-25"),
])
def test_calendar_days(analyzer, text, phrase, published, value):
    assert tagged(analyzer, text, phrase, published).value == value


def test_a_republished_wire_item_keeps_its_dateline_as_anchor(analyzer):
    text = ("Velmora extends grain corridor\n\nThe corridor has been extended for two months, Brenholt told reporters "
            "on Thursday.\n\n[Source: Velmora Wire, Tarnow, 16May24]\n\nThis document was republished on 28Jun24.")
    article = analysed(analyzer, text, "2024-06-28")
    thursday = find(article.timexes, "Thursday")
    dateline = find(article.timexes, "16May24")
    assert dateline.value == "2024-05-16" and (thursday.value, thursday.anchor) == ("2024-05-16", dateline.id)
    assert find(article.timexes, "28Jun24").value == "2024-06-28"
    wire = analysed(analyzer, "TARNOW, June 17 (Velmora Wire) - Brenholt said on Friday that the corridor stays "
                              "open.", "2024-06-18")
    assert find(wire.timexes, "Friday").value == "2024-06-14"  # the Friday before the dateline's Monday


def test_captions_bylines_and_headlines_do_not_move_the_narrative(analyzer):
    text = ("Port Velmar reopens its eastern docks\n\nBy Lina Ostrova\n\nDock workers at the eastern quay, "
            "March 2, 2024. REUTERS/Ivo Brenholt\n\nThe port authority said the docks would reopen at 8:40 p.m. ET. "
            "The day before, crews had cleared the quay.")
    article = analysed(analyzer, text, "2024-03-08")
    caption = find(article.timexes, "March 2, 2024")
    assert caption.value == "2024-03-02"  # a caption's date keeps its value ...
    assert find(article.timexes, "8:40 p.m. ET").value == "2024-03-08T20:40"  # ... but anchors nothing after it
    assert find(article.timexes, "The day before").value == "2024-03-07"
