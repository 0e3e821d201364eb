"""The dates stage: finding time phrases, resolving them against the publication date, and
picking an event's date. Every sentence here is ours, written in the style of wire copy."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from eventwire import dates, nlp
from eventwire.records import Article, DateMention, Found, Span

WED = date(2022, 3, 9)  # a Wednesday
NEW_YEAR = date(2023, 1, 3)  # a Tuesday, days after the turn of the year


def mentions(text: str, published: date | None, title: str | None = None
             ) -> tuple[DateMention, ...]:
    article = Article(id="t", text=text, published=published, title=title)
    return dates.extract(nlp.parse(text), article, Found())


def one(text: str, published: date | None) -> DateMention:
    found = mentions(text, published)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


def d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


# --------------------------------------------------------------------------------------------
# each phrase kind, resolved against a Wednesday publication date

@pytest.mark.parametrize(("sentence", "phrase", "value", "end", "precision", "relative"), [
    ("On 23 February 2022, gunmen ambushed a convoy.", "23 February 2022", "2022-02-23", None,
     "day", False),
    ("Gunmen ambushed a convoy on Feb. 23, police said.", "Feb. 23", "2022-02-23", None, "day",
     True),
    ("The ministry dated the order 2022-02-23.", "2022-02-23", "2022-02-23", None, "day", False),
    ("The decree took effect on 23/02/2022.", "23/02/2022", "2022-02-23", None, "day", False),
    ("The strike began on Monday, March 7, union leaders said.", "Monday, March 7",
     "2022-03-07", None, "day", True),
    ("Between 9 and 11 February, militiamen raided three villages.", "9 and 11 February",
     "2022-02-09", "2022-02-11", "day", True),
    ("Yesterday, police arrested 12 protesters.", "Yesterday", "2022-03-08", None, "day", True),
    ("This morning the minister resigned.", "This morning", "2022-03-09", None, "day", True),
    ("Overnight, rockets struck the port.", "Overnight", "2022-03-08", "2022-03-09", "day",
     True),
    ("Last week, rebels seized the town.", "Last week", "2022-02-28", "2022-03-06", "week",
     True),
    ("Two weeks ago, the army pulled back.", "Two weeks ago", "2022-02-21", "2022-02-27",
     "week", True),
    ("A fortnight ago, the army pulled back.", "A fortnight ago", "2022-02-21", "2022-02-27",
     "week", True),
    ("Fighters were detained several days ago.", "several days ago", "2022-03-02",
     "2022-03-07", "week", True),
    ("A few days ago the convoy turned back.", "A few days ago", "2022-03-02", "2022-03-07",
     "week", True),
    ("Earlier this month, troops arrived in the north.", "Earlier this month", "2022-03-01",
     "2022-03-09", "month", True),
    ("Last year the movement split in two.", "Last year", "2021-01-01", "2021-12-31", "year",
     True),
    ("The insurgency began in 2014.", "2014", "2014-01-01", "2014-12-31", "year", False),
    ("At the weekend, thousands marched on parliament.", "the weekend", "2022-03-05",
     "2022-03-06", "week", True),
    ("Clashes have intensified in recent days.", "recent days", "2022-03-02", "2022-03-09",
     "week", True),
    ("The siege began in mid-March 2021.", "mid-March 2021", "2021-03-01", "2021-03-31",
     "month", False),
    ("The rebels attacked the base on the 3rd.", "the 3rd", "2022-03-03", None, "day", True),
    ("The envoy left 1 month and 21 days ago.", "1 month and 21 days ago", "2022-01-19", None,
     "day", True),
])
def test_phrase_kinds(sentence: str, phrase: str, value: str, end: str | None, precision: str,
                      relative: bool) -> None:
    m = one(sentence, WED)
    assert (m.text, m.value, m.end, m.precision, m.relative) == (
        phrase, d(value), d(end), precision, relative)
    assert sentence[m.spans[0].start:m.spans[0].end] == phrase


# --------------------------------------------------------------------------------------------
# tense decides which Tuesday, which April

def test_weekday_past_tense_is_the_latest_before_publication() -> None:
    assert one("Troops shelled the town on Tuesday.", WED).value == date(2022, 3, 8)


def test_weekday_future_tense_is_the_next_one() -> None:
    assert one("Talks will resume on Tuesday.", WED).value == date(2022, 3, 15)


def test_weekday_due_to_is_future() -> None:
    assert one("Negotiators are due to meet on Friday.", WED).value == date(2022, 3, 11)


def test_weekday_in_an_unmarked_clause_is_the_nearest() -> None:
    assert one("The trial begins on Friday.", WED).value == date(2022, 3, 11)
    assert one("The trial begins on Sunday.", WED).value == date(2022, 3, 6)


def test_weekday_of_publication_day_is_that_day_in_past_tense() -> None:
    assert one("The rebels withdrew on Wednesday.", WED).value == WED


def test_weekday_with_week() -> None:
    assert one("The talks will resume on Tuesday next week.", WED).value == date(2022, 3, 15)


def test_in_three_weeks_is_a_date_only_in_a_future_clause() -> None:
    m = one("Elections will be held in three weeks.", WED)
    assert (m.text, m.value, m.end, m.precision) == ("in three weeks", date(2022, 3, 28),
                                                     date(2022, 4, 3), "week")
    assert mentions("Gunmen killed 50 people in ten days.", WED) == ()


def test_month_after_publication_in_past_tense_is_last_year() -> None:
    m = one("The protests peaked in April.", WED)
    assert (m.value, m.end, m.precision) == (date(2021, 4, 1), date(2021, 4, 30), "month")


def test_month_in_future_tense_is_this_year() -> None:
    assert one("Elections will be held in April.", WED).value == date(2022, 4, 1)


def test_month_of_publication_in_past_tense_is_this_month() -> None:
    assert one("The protests began in March.", WED).value == date(2022, 3, 1)


def test_day_month_in_an_unmarked_clause_is_the_nearest_reading() -> None:
    m = one("The 19 March elections are the first in a decade.", date(2022, 3, 15))
    assert m.value == date(2022, 3, 19)


def test_upper_case_wire_copy_keeps_its_dates() -> None:
    text = "GUNMEN KILLED FIVE PEASANTS LAST NIGHT AND BURNED A BUS ON 29 MARCH."
    found = mentions(text, date(1989, 3, 30))
    assert [(m.text, m.value) for m in found] == [("LAST NIGHT", date(1989, 3, 29)),
                                                 ("29 MARCH", date(1989, 3, 29))]


# --------------------------------------------------------------------------------------------
# year rollover around January

def test_december_day_read_in_january_is_last_year() -> None:
    assert one("Protesters clashed with police on Dec. 30.", NEW_YEAR).value == date(2022, 12, 30)


def test_january_day_ahead_in_future_tense_is_this_year() -> None:
    assert one("The vote will be held on Jan. 10.", NEW_YEAR).value == date(2023, 1, 10)


def test_last_month_and_last_week_cross_the_year() -> None:
    month = one("Last month, the army retook the airport.", NEW_YEAR)
    week = one("Last week, gunmen kidnapped two engineers.", NEW_YEAR)
    assert (month.value, month.end) == (date(2022, 12, 1), date(2022, 12, 31))
    assert (week.value, week.end) == (date(2022, 12, 26), date(2023, 1, 1))


def test_friday_read_on_a_january_tuesday_is_in_december() -> None:
    assert one("The ceasefire collapsed on Friday.", NEW_YEAR).value == date(2022, 12, 30)


def test_in_december_past_tense_read_in_january() -> None:
    assert one("The offensive started in December.", NEW_YEAR).value == date(2022, 12, 1)


# --------------------------------------------------------------------------------------------
# missing or odd publication dates

@pytest.mark.parametrize("sentence", [
    "Yesterday, police arrested 12 protesters.",
    "Troops shelled the town on Tuesday.",
    "Fighters were detained several days ago.",
    "Gunmen ambushed a convoy on Feb. 23, police said.",
    "The protests peaked in April.",
])
def test_relative_phrase_without_publication_date_is_unknown_not_today(sentence: str) -> None:
    m = one(sentence, None)
    assert (m.value, m.end, m.precision, m.relative) == (None, None, "unknown", True)


def test_explicit_date_needs_no_publication_date() -> None:
    m = one("On 23 February 2022, gunmen ambushed a convoy.", None)
    assert (m.value, m.precision, m.relative) == (date(2022, 2, 23), "day", False)


def test_publication_date_far_from_the_story_still_resolves_consistently() -> None:
    m = one("Yesterday, police arrested 12 protesters.", date(1999, 12, 31))
    assert m.value == date(1999, 12, 30)


@pytest.mark.parametrize("published", [date.min, date.max])
def test_publication_date_at_the_calendar_edge_is_unusable_not_a_crash(published: date) -> None:
    text = ("Yesterday, police arrested 12 protesters on Tuesday in March, several days ago. "
            "A decade ago, the town was quiet.")
    found = mentions(text, published)
    assert len(found) == 5
    assert all(m.value is None and m.precision == "unknown" for m in found)


def test_day_month_ambiguity_takes_the_reading_nearer_publication() -> None:
    assert one("The order is dated 02/03/2022.", date(2022, 2, 5)).value == date(2022, 2, 3)
    assert one("The order is dated 02/03/2022.", date(2022, 3, 5)).value == date(2022, 3, 2)


def test_day_month_ambiguity_without_publication_is_day_first() -> None:
    assert one("The order is dated 02/03/2022.", None).value == date(2022, 3, 2)


def test_only_one_reading_exists() -> None:
    assert one("The order is dated 02/23/2022.", None).value == date(2022, 2, 23)


def test_impossible_date_is_dropped() -> None:
    assert mentions("The order is dated 31 February 2022.", WED) == ()


# --------------------------------------------------------------------------------------------
# what is not an event date

@pytest.mark.parametrize("sentence", [
    "A 25-year-old man was shot dead.",
    "The suspect, aged 25, was arrested.",
    "He fought with the militia for three years.",
    "The blast happened at 3 p.m.",
    "Officials may resign over the scandal.",
    "Thousands marked Bloody Sunday in Derry.",
    "The minister told the Sunday Times he would stay.",
    "Some 2014 people voted in the ballot.",
    "The 23rd Brigade moved north.",
    "Students rallied in May 18 Square.",
    "Leaders of the March 14 Alliance met the envoy.",
    "Around 2000 people joined the march.",
])
def test_not_a_date(sentence: str) -> None:
    assert mentions(sentence, WED) == ()


def test_lower_case_month_is_read_unless_it_is_also_a_verb() -> None:
    assert one("The offensive began in september.", WED).value == date(2021, 9, 1)
    assert mentions("Protesters may march to the palace.", WED) == ()


def test_time_of_day_after_a_date_belongs_to_that_date() -> None:
    m = one("On 5 May 2022, overnight, militants attacked a base.", WED)
    assert (m.text, m.value) == ("5 May 2022", date(2022, 5, 5))


def test_overnight_alone_is_the_night_before_publication() -> None:
    m = one("Militants attacked a base overnight.", WED)
    assert (m.value, m.end) == (date(2022, 3, 8), WED)


def test_dateparser_reads_the_long_tail_and_stays_relative() -> None:
    m = one("A decade ago, the town was quiet.", WED)
    assert (m.text, m.value, m.precision, m.relative) == ("A decade ago", date(2012, 1, 1),
                                                          "year", True)
    assert one("A decade ago, the town was quiet.", None).value is None


def test_ids_and_order_are_stable() -> None:
    text = "On Tuesday, troops shelled the town. Yesterday, rebels fired back."
    found = mentions(text, WED)
    assert [(m.id, m.text) for m in found] == [("D1", "Tuesday"), ("D2", "Yesterday")]
    assert found == mentions(text, WED)


# --------------------------------------------------------------------------------------------
# when: the date of an event

def event_date(text: str, trigger: str, published: date | None = WED,
               occurrence: int = 0) -> DateMention | None:
    article = Article(id="t", text=text, published=published)
    doc = nlp.parse(text)
    found = Found(dates=dates.extract(doc, article, Found()))
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(trigger, start + 1)
    sentence = next(s for s in doc.sents if s.start_char <= start < s.end_char)
    return dates.when(sentence, start, found, article)


def test_when_prefers_the_date_of_the_event_over_the_report_date() -> None:
    text = "Police said on Monday that gunmen killed five villagers on Saturday."
    assert event_date(text, "killed").text == "Saturday"
    assert event_date(text, "said").text == "Monday"


def test_when_uses_the_report_date_when_the_event_has_none() -> None:
    text = "Police said on Monday that gunmen had killed five villagers."
    assert event_date(text, "killed").text == "Monday"


def test_when_shares_the_date_across_coordinated_verbs() -> None:
    text = "On 5 March, gunmen stormed the village and killed ten people."
    assert event_date(text, "killed").value == date(2022, 3, 5)


def test_when_keeps_a_relative_clause_date_with_its_own_verb() -> None:
    text = "The attack, which took place on Sunday, was claimed by Islamic State on Monday."
    assert event_date(text, "attack").text == "Sunday"
    assert event_date(text, "claimed").text == "Monday"


def test_when_separates_main_and_subordinate_clause_dates() -> None:
    text = "Troops withdrew from the town last week after rebels seized it in March."
    assert event_date(text, "withdrew").text == "last week"
    assert event_date(text, "seized").text == "March"


def test_when_ignores_dates_that_bound_a_stretch_of_time() -> None:
    assert event_date("Fighting has raged in the province since 2011.", "Fighting") is None
    text = "The rebels, who have held the town since 2014, attacked a convoy on Tuesday."
    assert event_date(text, "attacked").text == "Tuesday"


def test_when_falls_back_to_an_earlier_date_in_the_paragraph() -> None:
    text = "On Sunday, rebels attacked an army base. They also burned several houses."
    assert event_date(text, "burned").text == "Sunday"


def test_when_prefers_the_date_outside_brackets() -> None:
    text = "On 7 June 2022 (between 3 and 10 June), two men were killed in the town."
    assert event_date(text, "killed").value == date(2022, 6, 7)


def test_when_does_not_cross_paragraphs() -> None:
    text = "On Sunday, rebels attacked an army base.\n\nThey also burned several houses."
    assert event_date(text, "burned") is None


def test_when_without_any_date_is_none_not_the_publication_date() -> None:
    assert event_date("Rebels attacked an army base.", "attacked") is None


def test_when_keeps_an_unresolved_date_rather_than_guessing() -> None:
    m = event_date("Troops shelled the town on Tuesday.", "shelled", published=None)
    assert m is not None and m.text == "Tuesday" and m.value is None


def test_when_ignores_title_spans() -> None:
    article = Article(id="t", text="Rebels attacked a base.", title="Attack on Tuesday",
                      published=WED)
    doc = nlp.parse(article.text)
    title_date = DateMention(id="D1", text="Tuesday", value=date(2022, 3, 8), precision="day",
                             spans=(Span(10, 17, "title"),))
    sentence = next(iter(doc.sents))
    assert dates.when(sentence, 7, Found(dates=(title_date,)), article) is None


# --------------------------------------------------------------------------------------------
# invariants over many publication dates (leap days, year ends, the calendar's far ends)

PAST_SENTENCES = (
    "Yesterday, troops shelled the town.", "Troops shelled the town on Tuesday.",
    "Last week, rebels seized the town.", "Two weeks ago, the army pulled back.",
    "Fighters were detained several days ago.", "Earlier this month, troops arrived.",
    "Last year the movement split.", "The protests peaked in April.",
    "Protesters clashed with police on Feb. 29.", "At the weekend, thousands marched.",
    "Overnight, rockets struck the port.", "A year ago, the ceasefire collapsed.",
    "The rebels attacked the base on the 31st.", "Clashes have intensified in recent weeks.",
)
_PARSED: dict[str, Doc] = {}


def _parsed(sentence: str) -> Doc:
    if sentence not in _PARSED:
        _PARSED[sentence] = nlp.parse(sentence)
    return _PARSED[sentence]


@settings(max_examples=150, deadline=None)
@given(published=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
       sentence=st.sampled_from(PAST_SENTENCES))
def test_past_reports_resolve_on_or_before_publication(published: date, sentence: str) -> None:
    article = Article(id="t", text=sentence, published=published)
    found = dates.extract(_parsed(sentence), article, Found())
    assert found, sentence
    for m in found:
        assert m.value is not None and m.relative
        assert m.end is None or m.value < m.end
        assert m.value <= published, (sentence, published, m)
        assert m.precision in ("day", "week", "month", "year")


FUTURE_SENTENCES = (
    "Talks will resume on Tuesday.", "Elections will be held in April.",
    "The vote will be held on Jan. 10.", "The court will rule in three weeks.",
    "Talks will resume next week.", "The envoy is due to arrive tomorrow.",
)


@settings(max_examples=100, deadline=None)
@given(published=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
       sentence=st.sampled_from(FUTURE_SENTENCES))
def test_future_plans_resolve_on_or_after_publication(published: date, sentence: str) -> None:
    article = Article(id="t", text=sentence, published=published)
    found = dates.extract(_parsed(sentence), article, Found())
    assert found, sentence
    for m in found:
        assert m.value is not None and (m.end or m.value) >= published, (sentence, published, m)
