"""The timex rule families on sentences the team wrote (invented outlets and people)."""

from __future__ import annotations

import pytest

from newsline.analysis.timex import tag_timexes
from newsline.model import Timex

MONDAY = "2023-02-13"  # a Monday


def tag(analyzer, text: str, published: str | None = MONDAY) -> list[Timex]:
    return tag_timexes(analyzer.nlp(text), published)


def find(analyzer, text: str, phrase: str, published: str | None = MONDAY) -> Timex:
    timexes = tag(analyzer, text, published)
    found = [t for t in timexes if t.span.text == phrase]
    assert found, f"{phrase!r} not tagged in {text!r}; got {[t.span.text for t in timexes]}"
    return found[0]


@pytest.mark.parametrize(("text", "phrase", "type_", "value", "granularity"), [
    ("The ceasefire in Valdoria began on March 4, 2021.", "March 4, 2021", "DATE", "2021-03-04", "day"),
    ("Kestrel Mining reopened the pit on 4 March 2021.", "4 March 2021", "DATE", "2021-03-04", "day"),
    ("Talks in Orvane resumed in January 2022.", "January 2022", "DATE", "2022-01", "month"),
    ("The Brightwater plant opened in 1998.", "1998", "DATE", "1998", "year"),
    ("Prices at Tollmark soared in the 1990s.", "the 1990s", "DATE", "199X", "decade"),
    ("The Lantern Gazette was founded in the 19th century.", "the 19th century", "DATE", "18", "century"),
    ("Harbor Freight Union reported losses in the first quarter of 2022.", "the first quarter of 2022", "DATE", "2022-Q1", "quarter"),
    ("Kestrel Brewing expects lower earnings for the last half of 2022.", "the last half of 2022", "DATE", "2022-H2", "half"),
    ("The drought lasted through the summer of 2022.", "the summer of 2022", "DATE", "2022-SU", "season"),
    ("The filing is dated 2023-02-10.", "2023-02-10", "DATE", "2023-02-10", "day"),
    ("The minister left at 8:30 a.m. on the day.", "8:30 a.m.", "TIME", "2023-02-13T08:30", "time"),
    ("The talks were held in the year two thousand.", "the year two thousand", "DATE", "2000", "year"),
    ("The flood came in January nineteen ninety-seven.", "January nineteen ninety-seven", "DATE", "1997-01", "month"),
    ("Ferries stopped in the week of March 6, 2000.", "the week of March 6, 2000", "DATE", "2000-W10", "week"),
    ("The notice expires 5 p.m. EST Nov. 9, 2022.", "5 p.m. EST Nov. 9, 2022", "TIME", "2022-11-09T17:00", "time"),
])
def test_absolute_expressions(analyzer, text, phrase, type_, value, granularity):
    t = find(analyzer, text, phrase)
    assert (t.type, t.value, t.granularity, t.resolved) == (type_, value, granularity, True)


@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("Mayor Ilse Varro resigned yesterday.", "yesterday", "2023-02-12"),
    ("The council votes today.", "today", "2023-02-13"),
    ("The court will rule tomorrow.", "tomorrow", "2023-02-14"),
    ("Rivers rose two days ago.", "two days ago", "2023-02-11"),
    ("Sales fell last year.", "last year", "2022"),
    ("The board meets next month.", "next month", "2023-03"),
    ("Strikes spread this week.", "this week", "2023-W07"),
    ("The envoy arrived last week.", "last week", "2023-W06"),
    ("Exports grew this year.", "this year", "2023"),
    ("The firm is now profitable.", "now", "PRESENT_REF"),
    ("Prices have recently eased.", "recently", "PAST_REF"),
    ("Nobody knows what the future holds.", "the future", "FUTURE_REF"),
])
def test_deictic_expressions_resolve_against_publication_date(analyzer, text, phrase, value):
    t = find(analyzer, text, phrase)
    assert t.value == value and t.resolved
    assert t.anchor == "dct"


def test_weekday_follows_the_tense_of_its_verb(analyzer):
    wednesday = "2023-02-15"
    said = find(analyzer, "On Monday she said the port of Calbrin would stay shut.", "Monday", wednesday)
    assert said.value == "2023-02-13"
    will = find(analyzer, "The unions will meet on Monday in Calbrin.", "Monday", wednesday)
    assert will.value == "2023-02-20"
    assert find(analyzer, "Officials met last Friday.", "last Friday").value == "2023-02-10"
    # "next Friday" is the first Friday after publication (some writers mean the one after that)
    assert find(analyzer, "Officials meet next Friday.", "next Friday").value == "2023-02-17"
    # "this coming" / "this past" say which one, whatever the verb
    assert find(analyzer, "Velmora Day is this coming Sunday.", "this coming Sunday", wednesday).value == "2023-02-19"
    assert find(analyzer, "The strike is over since this past Saturday.", "this past Saturday", wednesday).value \
        == "2023-02-11"


def test_one_day_after_a_modal_is_the_future(analyzer):
    t = find(analyzer, "Analysts say Velmoran will one day be the region's main language.", "one day")
    assert (t.type, t.value) == ("DATE", "FUTURE_REF")
    assert find(analyzer, "The strike lasted one day.", "one day").value == "P1D"


def test_a_stretch_through_a_month_that_goes_on_ends_ahead(analyzer):
    october = "2023-10-30"
    assert find(analyzer, "Pellam Bank has extended its loans through January.", "January", october).value == "2024-01"
    assert find(analyzer, "Pellam Bank had bought shares through September.", "September", october).value == "2023-09"


def test_yearless_dates_take_the_nearest_year_consistent_with_tense(analyzer):
    assert find(analyzer, "The vote took place on December 12.", "December 12").value == "2022-12-12"
    assert find(analyzer, "The summit will open on March 3.", "March 3").value == "2023-03-03"
    assert find(analyzer, "Turnout fell in October.", "October").value == "2022-10"
    assert find(analyzer, "Harvests peaked in August.", "August", "2023-10-02").value == "2023-08"


def test_anaphoric_expressions_resolve_against_the_narrative(analyzer):
    text = ("On March 3, 2021, the mayor of Drennick resigned. The day before, she had met the council. "
            "A week later, her deputy took office. The same day, the budget passed. "
            "That month, three more officials left.")
    timexes = tag(analyzer, text)
    by_text = {t.span.text: t for t in timexes}
    anchor = by_text["March 3, 2021"].id
    assert (by_text["The day before"].value, by_text["The day before"].anchor) == ("2021-03-02", anchor)
    assert by_text["A week later"].value == "2021-03-10"
    assert by_text["A week later"].anchor == anchor
    assert by_text["The same day"].value == "2021-03-03"
    assert (by_text["That month"].value, by_text["That month"].granularity) == ("2021-03", "month")
    previous = find(analyzer, "Talks ended on June 9, 2020. The previous day, envoys had quarrelled.", "The previous day")
    assert previous.value == "2020-06-08"


def test_the_year_alone_is_the_current_year(analyzer):
    t = find(analyzer, "Brannock Foods expects higher sales for the year.", "the year")
    assert (t.type, t.value) == ("DATE", "2023")


def test_anaphor_without_antecedent_says_it_used_the_publication_date(analyzer):
    t = find(analyzer, "The day before, the ferry operator Solmar cancelled sailings.", "The day before")
    assert (t.value, t.anchor) == ("2023-02-12", "dct")


@pytest.mark.parametrize(("text", "phrase", "value", "mod"), [
    ("Kordel Steel cut jobs at the end of January.", "the end of January", "2023-01", "END"),
    ("The merger closed in early 2022.", "early 2022", "2022", "START"),
    ("Flooding began in mid-March 2021.", "mid-March 2021", "2021-03", "MID"),
    ("Output slowed late last year.", "late last year", "2022", "END"),
    ("Protests grew at the beginning of 2020.", "the beginning of 2020", "2020", "START"),
])
def test_part_of_period_keeps_the_period_and_sets_mod(analyzer, text, phrase, value, mod):
    t = find(analyzer, text, phrase)
    assert (t.value, t.mod) == (value, mod)


@pytest.mark.parametrize(("text", "phrase", "value", "mod"), [
    ("The blockade lasted more than three years.", "more than three years", "P3Y", "MORE_THAN"),
    ("The talks ran for nearly two weeks.", "nearly two weeks", "P2W", "LESS_THAN"),
    ("The ferry docked around 7 p.m. on the day.", "around 7 p.m.", "2023-02-13T19:00", "APPROX"),
    ("The strike lasted about two weeks.", "two weeks", "P2W", "APPROX"),
])
def test_approximations_and_bounds(analyzer, text, phrase, value, mod):
    t = find(analyzer, text, phrase)
    assert (t.value, t.mod) == (value, mod)


@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("The hearing lasted five hours.", "five hours", "PT5H"),
    ("The siege went on for a decade.", "a decade", "P10Y"),
    ("Repairs will take several months.", "several months", "PXM"),
    ("Lenders agreed a two-year freeze.", "two-year", "P2Y"),
    ("The vote took 5 1/2 hours.", "5 1/2 hours", "PT5H30M"),
    ("The launch lasted a minute and a half.", "a minute and a half", "PT1M30S"),
    ("Brannock Foods earned $4 million in the year ended Sept. 30.", "the year", "P1Y"),
    ("Engineers worked for the past three days.", "the past three days", "P3D"),
    ("The Velmora liner is two and a half years behind schedule.", "two and a half years", "P2Y6M"),
    ("Tarnow shares have fallen for the past five trading days.", "the past five trading days", "P5D"),
    ("Ruritania settled its decades-long dispute with Borduria.", "decades-long", "PXY"),
])
def test_durations(analyzer, text, phrase, value):
    t = find(analyzer, text, phrase)
    assert (t.type, t.value, t.granularity) == ("DURATION", value, "duration")


@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("The Morrow Ledger publishes daily.", "daily", "P1D"),
    ("The market opens every Monday.", "every Monday", "XXXX-WXX-1"),
    ("Inspectors visit each month.", "each month", "P1M"),
    ("The fair opens each July.", "each July", "XXXX-07"),
    ("The ferry sails twice a week.", "a week", "P1W"),
])
def test_sets(analyzer, text, phrase, value):
    t = find(analyzer, text, phrase)
    assert (t.type, t.value) == ("SET", value)


def test_without_publication_date_absolute_dates_resolve_and_deictic_ones_say_why(analyzer):
    text = "The treaty was signed on February 24, 2022, and talks began yesterday and on Monday."
    timexes = {t.span.text: t for t in tag(analyzer, text, None)}
    assert timexes["February 24, 2022"].value == "2022-02-24" and timexes["February 24, 2022"].resolved
    for phrase in ("yesterday", "Monday"):
        assert not timexes[phrase].resolved
        assert "publication date" in timexes[phrase].reason
        assert timexes[phrase].anchor is None
    assert timexes["yesterday"].value is None
    assert timexes["Monday"].value == "XXXX-WXX-1"


def test_ambiguous_words_are_not_timexes(analyzer):
    texts = [
        "Officials may decide whether Theresa May will speak.",
        "The ruling party sent 1500 observers and paid $2000 in fees.",
        "A 9-year-old girl was rescued by the Tarnwick coastguard.",
        "The second reading of the bill was delayed.",
    ]
    for text in texts:
        assert tag(analyzer, text) == [], text


def test_ids_follow_text_order_and_spans_match_the_text(analyzer):
    text = "Envoys met on Friday, again on Sunday and will meet next month."
    timexes = tag(analyzer, text)
    assert [t.id for t in timexes] == ["t1", "t2", "t3"]
    assert all(text[t.span.start:t.span.end] == t.span.text for t in timexes)


def test_invalid_publication_date_is_an_error(analyzer):
    with pytest.raises(ValueError, match="invalid publication date"):
        tag(analyzer, "It rained yesterday.", "13/02/2023")


# --- rule families added for generalisation (second pass) ---------------------------------------------------

@pytest.mark.parametrize(("text", "phrase", "published", "value"), [
    # a modal with a participle points ahead: "should be completed in October" (published in June)
    ("The sale of the Ostrava mill should be completed in October.", "October", "2023-06-05", "2023-10"),
    # "until Friday" names a deadline still to come, whatever the tense of the verb
    ("Harbour authorities in Pelling have kept the port closed until Friday.", "Friday", "2023-02-15", "2023-02-17"),
    # a date inside a noun phrase is not moved ahead by a present-tense verb
    ("The Corvane strike follows Tuesday's vote by the dockers.", "Tuesday", "2023-02-15", "2023-02-14"),
    # a headline infinitive announces what is to come
    ("Valdorian ports to reopen Monday", "Monday", "2023-02-15", "2023-02-20"),
    # a clock time takes the day named after it
    ("The Tarsk ceasefire took effect at midnight on Sunday.", "midnight", "2023-02-15", "2023-02-12T24:00"),
    ("Floods hit the Marl valley this past spring.", "this past spring", "2023-02-13", "2022-SP"),
    # when a change takes effect is ahead
    ("Velmora Bank created a three-member office of the chairman, effective Feb. 1.", "Feb. 1", "2023-10-26", "2024-02-01"),
    # a participle clause has its main clause's time: the March just past, not the coming one (nearer)
    ("Ostrova's shares have climbed steadily, rising to $19 in June from $12 in March.", "March", "2023-10-30", "2023-03"),
    # planned from a past moment: the nearest Saturday (published on a Sunday)
    ("A vigil planned in Tarnow for Saturday was cancelled after threats were reported.", "Saturday", "2023-02-12", "2023-02-11"),
    # "hurt" after a singular subject is a past form, whatever the tagger says
    ("Weakness in mining stocks hurt the Velmora index on Friday.", "Friday", "2023-02-13", "2023-02-10"),
    # a progressive says nothing about the time of a noun's date: the June just past
    ("Brenholt Savings said it is continuing to seek a buyer under a June agreement with its shareholders.", "June",
     "2023-10-27", "2023-06"),
])
def test_tense_choices(analyzer, text, phrase, published, value):
    t = find(analyzer, text, phrase, published)
    assert t.value == value
    assert t.anchor == ("t2" if phrase == "midnight" else "dct")  # a clock time is anchored on the day after it


def test_the_day_of_the_story(analyzer):
    text = ("On March 3, 2021, the Velgrad index ended the day 2% lower. Later in the day, brokers at "
            "Hallam & Pike sold. For the day, volume was thin.")
    timexes = tag(analyzer, text)
    days = [t for t in timexes if t.span.text.lower().endswith("the day")]
    assert [t.span.text for t in days] == ["the day", "Later in the day", "the day"]
    assert all(t.value == "2021-03-03" and t.anchor not in (None, "dct") for t in days)
    # the idiom is no date
    assert tag(analyzer, "At the end of the day, the Tarrow council must decide.") == []
    # "the month" and "the week" are the narrative's too
    month = find(analyzer, "The Orlen dam burst on 12 May 2021. By the end of the month, 40 people had died.",
                 "the end of the month")
    assert (month.value, month.mod, month.anchor) == ("2021-05", "END", "t1")


def test_that_same_day_after_a_month_is_a_day_of_that_month(analyzer):
    text = "Dr. Ilse Marrow was attacked last October. Her name was removed from the Quell forum that same day."
    timexes = {t.span.text: t for t in tag(analyzer, text)}
    assert timexes["last October"].value == "2022-10"
    same = timexes["that same day"]
    assert (same.value, same.anchor, same.resolved) == ("2022-10-XX", timexes["last October"].id, True)


def test_the_day_without_any_date_says_why(analyzer):
    t = find(analyzer, "Shares in Brindle Oil ended the day higher.", "the day", None)
    assert (t.resolved, t.value, t.anchor) == (False, None, None)
    assert "publication date is unknown" in t.reason


@pytest.mark.parametrize(("text", "phrase", "published", "value"), [
    ("Sales at Quillon Motors rose 43% in February compared to the same period last year.",
     "the same period last year", "2023-03-03", "2022-02"),
    ("Orders fell 35% in January, compared to the same month a year ago.", "the same month a year ago", "2023-02-03", "2022-01"),
    ("Pellam Bank earned $4 million in the third quarter, against $3 million in the year-ago third quarter.",
     "the year-ago third quarter", "2023-10-20", "2022-Q3"),
    ("Rendle Foods lost money in the second quarter, as in last year's quarter.", "last year's quarter", "2023-08-01", "2022-Q2"),
    # the quarter a results story is about, past the day it ended on
    ("Kestrel Mining posted a loss for the quarter ended Sept. 30. It earned $10 million in the year-ago quarter.",
     "the year-ago quarter", "2023-11-01", "2022-Q3"),
    ("Kestrel Mining posted a loss for the quarter ended Sept. 30. The year-ago results were restated.",
     "year-ago", "2023-11-01", "2022-Q3"),
    ("Tollmark lost money in the third quarter ended Sept. 30, against a profit in the corresponding period last year.",
     "the corresponding period last year", "2023-11-01", "2022-Q3"),
    # a forecast's quarter, or one just begun, is not the period a comparison is made with
    ("Brindle Steel earned less in the third quarter. It expects losses through the third quarter of 2024. In the "
     "year-ago period, it earned $10 million.", "the year-ago period", "2023-10-26", "2022-Q3"),
    # the year to date: "the nine months" a year back is in the year before (TIMEX3 writes no nine-month period)
    ("Quillon Motors earned $5 million in the third quarter. For the nine months, it earned $12 million, up from "
     "$9 million a year earlier.", "a year earlier", "2023-10-26", "2022"),
])
def test_the_period_under_discussion_a_year_back(analyzer, text, phrase, published, value):
    t = find(analyzer, text, phrase, published)
    assert t.value == value
    assert t.anchor not in (None, "dct")  # the narrative's period, not the publication date


@pytest.mark.parametrize(("text", "value"), [
    ("Jayark had an average of 5.6 million shares in the quarter ended July 31.", "2023-Q2"),  # May to July
    ("Tollmark posted a loss for the quarter ended Sept. 30, 2022.", "2022-Q3"),
    ("Brindle Oil reported a profit for the quarter ended Dec. 31.", "2022-Q4"),  # the last one by publication
])
def test_a_quarter_known_by_its_last_day(analyzer, text, value):
    assert find(analyzer, text, "the quarter", "2023-10-30").value == value


def test_a_period_ended_on_a_yearless_day_is_over_by_publication(analyzer):
    october = "2023-10-27"
    text = "In the second quarter ended Oct. 31, Brindle Oil had a loss. Results for that quarter included a charge."
    timexes = {t.span.text: t for t in tag(analyzer, text, october)}
    assert timexes["Oct. 31"].value == "2022-10-31"  # reported on, so the one before publication
    assert timexes["the second quarter"].value == "2022-Q2"  # the fiscal quarter of that day's year
    assert timexes["that quarter"].value == "2022-Q4"  # the narrative's quarter
    ending = find(analyzer, "Pellam Bank expects a loss in the quarter ending Dec. 31.", "the quarter", october)
    assert ending.value == "2023-Q4"  # a period "ending" on a day is the current one


@pytest.mark.parametrize(("text", "phrase", "value", "mod"), [
    ("Hate crimes fell through the nineties.", "the nineties", "199X", None),
    ("Fashion in Velmar came back to the twenties.", "the twenties", "202X", None),  # begun by 2023
    ("Ferries have run since the post-1959 reforms.", "post-1959", "1959", "AFTER"),
    ("The envoy leaves at 4 in the morning.", "4 in the morning", "2023-02-13T04:00", None),
    ("Talks ran late; by 8 in the evening they were over.", "8 in the evening", "2023-02-13T20:00", None),
    ("By mid afternoon, Velmoran sources were saying the road was open.", "mid afternoon", "2023-02-13TAF", None),
    ("Lawyers left their third day-long meeting.", "day-long", "P1D", None),
    ("The Rilby index is at its lowest level since '82.", "'82", "1982", None),
    ("Losses will last through the first two quarters of 2024.", "the first two quarters of 2024", "2024-H1", None),
])
def test_spelled_decades_bounded_years_and_parts_of_a_day(analyzer, text, phrase, value, mod):
    t = find(analyzer, text, phrase)
    assert (t.value, t.mod) == (value, mod)


def test_some_days_after_a_date_of_the_story_is_a_duration(analyzer):
    t = find(analyzer, "Brindle Oil named a new chief on March 3. A few days later, it cut its dividend.", "A few days later")
    assert (t.type, t.value) == ("DURATION", "PXD")  # not FUTURE_REF: later than March 3, not than today
    assert find(analyzer, "Brindle Oil cut its dividend a few years ago.", "a few years ago").value == "PAST_REF"


def test_the_past_century_is_a_hundred_years(analyzer):
    t = find(analyzer, "It was one of the main events of the past century.", "the past century")
    assert (t.type, t.value) == ("DURATION", "P100Y")


def test_the_year_earlier_nine_months_is_one_duration(analyzer):
    t = find(analyzer, "Net for the year-earlier nine months included a gain.", "the year-earlier nine months")
    assert (t.type, t.value) == ("DURATION", "P9M")


def test_a_year_back_without_a_resolved_period_or_publication_date_is_unresolved(analyzer):
    t = find(analyzer, "Orders fell 35% in January, compared to the same month a year ago.", "the same month a year ago", None)
    assert not t.resolved and t.value is None and t.reason


@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("Grennock Air lost money in the first quarter of last year.", "the first quarter of last year", "2022-Q1"),
    ("Dealers whose contracts end after October of next year will be told by letter.", "October of next year", "2024-10"),
])
def test_yearless_periods_with_a_relative_year(analyzer, text, phrase, value):
    t = find(analyzer, text, phrase)
    assert (t.value, t.anchor) == (value, "dct")


@pytest.mark.parametrize(("text", "phrase", "value", "mod"), [
    ("The Sarn bridge is to reopen in mid-2024.", "mid-2024", "2024", "MID"),
    ("Varrow Telecom expects to close the deal by year-end.", "year-end", "2023", "END"),
])
def test_more_parts_of_periods(analyzer, text, phrase, value, mod):
    t = find(analyzer, text, phrase)
    assert (t.value, t.mod) == (value, mod)


@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("Lenders blamed the recent collapse of Ardent Homes.", "recent", "PAST_REF"),
    ("Fraud at Kelso Savings has grown in recent years.", "recent years", "PAST_REF"),
    ("Demand for Morven steel looks weak in the near term.", "the near term", "FUTURE_REF"),
])
def test_more_reference_expressions(analyzer, text, phrase, value):
    t = find(analyzer, text, phrase)
    assert (t.type, t.value) == ("DATE", value)


@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("Rates at the Halden central bank may fall in coming months.", "coming months", "PXM"),
    ("Kelso Savings expects more losses in the weeks ahead.", "the weeks ahead", "PXW"),
    ("Funds sold junk bonds in recent weeks.", "recent weeks", "PXW"),
])
def test_some_weeks_ahead_or_past_are_durations_as_the_next_few_weeks(analyzer, text, phrase, value):
    t = find(analyzer, text, phrase)
    assert (t.type, t.value) == ("DURATION", value)


@pytest.mark.parametrize(("text", "phrase", "type_", "value"), [
    ("Glass makers in Tesk have kept their methods for two thousand years.", "two thousand years", "DURATION", "P2000Y"),
    ("Then, a week or so ago, General Oskar Brandt picked a date.", "a week or so ago", "DATE", "2023-W06"),
    ("At 0800 UTC, the Bank of Larnia cut rates.", "0800 UTC", "TIME", "2023-02-13T08:00Z"),
    ("The Velsen court will sit at midday.", "midday", "TIME", "2023-02-13T12:00"),
])
def test_more_amounts_and_times(analyzer, text, phrase, type_, value):
    t = find(analyzer, text, phrase)
    assert (t.type, t.value) == (type_, value)


def test_outlets_and_programmes_named_today_or_this_week_are_not_timexes(analyzer):
    assert [t.span.text for t in tag(analyzer, "The survey was published by USA Today on Monday.")] == ["Monday"]
    assert tag(analyzer, "Minister Ilse Varro, speaking on Velmora TV's \"This Week,\" said the request helps.") == []
    assert tag(analyzer, "She told the Harbour Gazette Today programme that she would resign.") == []
    # but a quotation or a sentence that starts with them is about the day
    assert find(analyzer, '"This week, we agreed," Brenholt said.', "This week").value == "2023-W07"
    assert find(analyzer, "Today, the Tarnow council meets.", "Today").value == "2023-02-13"


def test_fractions_and_compounds_are_not_timexes(analyzer):
    texts = [
        "Dorrit imports about three-quarters of its grain.",
        "Cobalt Motors wants to close a quarter of its dealers.",
        "The Rilby index fell to its quarter-century low.",
    ]
    for text in texts:
        assert tag(analyzer, text) == [], text


def test_rules_tried_near_their_triggers_find_what_a_whole_text_scan_finds():
    """The trigger windows are a speed-up only: every rule finds the same matches as its pattern over the whole
    text (a paragraph with an expression of most families, in mixed case)."""
    from newsline.analysis.timex.rules import RULES

    text = ("TARNOW, March 3 (Velmora Wire) - On Tuesday evening, 4/12/2022 and 2022-03-04 18:00 came up. The FISCAL "
            "1999 fiscal year, the last half of 1989, the year-ago quarter, the same period last year, year-end, "
            "this past spring, Christmas Day 2023, the first Sunday of Lent, later in the day, the day before "
            "yesterday, recently, in coming months, at the moment, the weekend, last Friday, this morning, 8:30 "
            "a.m. EST Nov. 9, 0915 GMT, noon, two days ago, the day after, 5 1/2 hours, for years, the weeks "
            "before the vote, decades-long, DAILY, every Monday, Mondays, 18May23, 03.08.2023, the 1990s, the "
            "19th century, nineteen ninety-six, midmorning yesterday, overnight, biweekly, a two-day visit.") * 2
    for rule in RULES:
        windowed = [m.span() for m in rule.finditer(text, text.lower(), {})]
        if rule.keywords and not any(k in text.lower() for k in rule.keywords):
            continue
        whole = [m.span() for m in rule.pattern.finditer(text)]
        assert windowed == whole, rule.name


def test_letters_that_lower_to_two_characters_do_not_shift_the_trigger_windows(analyzer):
    text = "İSTANBUL İZMİR İĞDIR " * 20 + "- Ferries from Velmar resumed two days ago, and the İzmir port reopened on Friday."
    assert [(t.span.text, t.value) for t in tag(analyzer, text)] == [("two days ago", "2023-02-11"), ("Friday", "2023-02-10")]
