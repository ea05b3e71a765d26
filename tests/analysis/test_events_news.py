"""Events as real news reports them (issue 13), end to end on text the team wrote: institutions, groups and
coordinated subjects as actors, planned, cancelled and hypothetical events with their own dates, dates that
belong to a noun phrase, times of day, and one event per statement."""

from __future__ import annotations

from newsline.analysis.entities.groups import GROUP
from newsline.analysis.pipeline import new_article
from newsline.model import Article, Event

FRIDAY = "2024-03-08"


def analysed(analyzer, text: str, published: str | None = FRIDAY) -> Article:
    return analyzer.analyze(new_article(text, published=published))


def actor_name(article: Article, event: Event) -> str | None:
    names = {e.id: e.name for e in article.entities}
    return names.get(event.actor or "")


def only(article: Article, lemma: str) -> Event:
    found = [e for e in article.events if e.predicate.lemma == lemma]
    assert len(found) == 1, [(e.predicate.lemma, e.category, e.date.value) for e in article.events]
    return found[0]


def test_coordinated_subjects_act_as_a_group(analyzer):
    article = analysed(analyzer, "Velmora and Ostravia agreed on Tuesday to reopen their border crossings.")
    [group] = [e for e in article.entities if e.type == GROUP]
    names = {e.id: e.name for e in article.entities}
    assert group.name == "Velmora and Ostravia" and [names[m] for m in group.members] == ["Velmora", "Ostravia"]
    assert [m.text for m in group.mentions] == ["Velmora and Ostravia"]
    agreed = only(article, "agree")
    assert (agreed.actor, agreed.category, agreed.date.value, agreed.status) == (group.id, "AGREE", "2024-03-05",
                                                                                  "occurred")


def test_the_parties_of_an_event_noun_and_the_noun_taken_up_again(analyzer):
    article = analysed(analyzer, "A truce between Velmora and the Ostravian Liberation Front will begin on Saturday "
                                 "morning, mediators said. The truce will hold for four days.")
    began = only(article, "begin")
    assert actor_name(article, began) == "Velmora and Ostravian Liberation Front"
    assert (began.date.value, began.date.granularity, began.status) == ("2024-03-09TMO", "time", "planned")


def test_an_institution_acts_and_an_agent_behind_a_participle_acts(analyzer):
    ministry = analysed(analyzer, "The Velmoran Interior Ministry announced on Monday that the curfew would end.")
    announced = only(ministry, "announce")
    assert (actor_name(ministry, announced), announced.date.value) == ("Velmoran Interior Ministry", "2024-03-04")
    members = analysed(analyzer, "Last spring, the Tarnow Group's members agreed to cut output.")
    assert actor_name(members, only(members, "agree")) == "Tarnow Group"
    brokered = analysed(analyzer, "The corridor deal brokered by Velmora and Ostravia was signed in July 2022.")
    signed = only(brokered, "sign")
    assert (actor_name(brokered, signed), signed.date.value) == ("Velmora and Ostravia", "2022-07")


def test_planned_events_have_their_own_dates(analyzer):
    article = analysed(analyzer, "The Velmoran central bank will raise rates again in June, its governor Lina "
                                 "Ostrova said on Wednesday. Finance Minister Ivo Brenholt plans to brief lawmakers "
                                 "on Monday.")
    raised = only(article, "raise")
    assert (raised.date.value, raised.date.source, raised.status) == ("2024-06", "timex", "planned")
    said = only(article, "say")
    assert (said.date.value, said.status) == ("2024-03-06", "occurred")
    brief = only(article, "plan")
    assert (actor_name(article, brief), brief.date.value, brief.status) == ("Ivo Brenholt", "2024-03-11", "planned")
    hungary = analysed(analyzer, "Ostravia announced plans to ratify the treaty in April.")
    assert only(hungary, "announce").date.value == "2024-04"  # the plan's date, not the announcement's day


def test_a_planned_event_does_not_date_the_statements_after_it(analyzer):
    article = analysed(analyzer, "A truce will begin at 7am on Saturday, Velmoran mediators said.\n\n"
                                 "Brenholt welcomed the truce.")
    welcomed = only(article, "welcome")
    assert welcomed.date.source == "publication" and welcomed.date.value == FRIDAY


def test_hypothetical_and_cancelled(analyzer):
    article = analysed(analyzer, "Velmora may impose sanctions on Ostravia next week. Velmora also cancelled talks "
                                 "with Ostravia planned for Monday.")
    sanctions = next(e for e in article.events if e.category in ("SANCTION", "THREATEN"))
    assert sanctions.status == "hypothetical" and sanctions.hypothetical
    talks = only(article, "talk")  # the talks that will not take place, on their own day
    assert (actor_name(article, talks), talks.category, talks.date.value, talks.status) == (
        "Velmora", "CONSULT", "2024-03-11", "cancelled")
    assert only(article, "cancel").status == "occurred"  # the cancelling took place


def test_a_date_inside_a_noun_phrase_does_not_date_the_clause(analyzer):
    article = analysed(analyzer, "The rate rise, which the Velmoran central bank announced on Thursday, was the "
                                 "highest since 2022. Protests in Tarnow on Saturday have raised tensions, Brenholt "
                                 "said.")
    assert all(e.date.value != "2022" for e in article.events)
    raised = [e for e in article.events if e.predicate.lemma == "raise"]
    assert all(e.date.value != "2024-03-02" for e in raised)  # Saturday is the protests' day, not the raising's


def test_coordinated_dates_are_one_event_each(analyzer):
    article = analysed(analyzer, "In May and March, the Velmoran central bank raised its rate by a quarter point, "
                                 "in February and June by half a point.", "2023-08-03")
    raises = [e for e in article.events if e.predicate.lemma == "raise"]
    assert sorted(e.date.value for e in raises) == ["2023-02", "2023-03", "2023-05", "2023-06"]
    assert len({e.id for e in raises}) == 4


def test_time_of_day_and_zone_reach_the_event(analyzer):
    article = analysed(analyzer, "Ostravian forces withdrew from Tarnow at 0915 GMT on Thursday.")
    withdrew = only(article, "withdraw")
    assert (withdrew.date.value, withdrew.date.granularity, withdrew.date.tz) == ("2024-03-07T09:15", "time", "GMT")


def test_two_quotes_sharing_a_cue_are_one_statement(analyzer):
    article = analysed(analyzer, '"We tried," Lina Ostrova said on Monday, "and we will try again."')
    assert len(article.quotes) == 2
    statements = [e for e in article.events if e.category == "STATEMENT"]
    assert len(statements) == 1 and statements[0].date.value == "2024-03-04"


def test_a_wire_items_statements_are_reported_on_its_datelines_day(analyzer):
    article = analysed(analyzer, "TARNOW, June 17 (Velmora Wire) - The corridor has no future, Brenholt said in an "
                                 "interview.", "2024-06-18")
    said = only(article, "say")
    assert (said.date.value, said.date.source) == ("2024-06-17", "dateline")
