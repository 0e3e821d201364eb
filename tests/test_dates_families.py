"""The dates stage's newer phrase families: ordinal words, "the week of", the Nth week of a month,
holidays, year-less numeric dates, ranges and rolling windows. Every sentence here is ours,
written in the style of wire copy."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.dates.holidays import Holiday, easter, orthodox_easter
from eventwire.dates.lexicon import lexicon
from eventwire.records import DateMention
from test_dates import WED, d, mentions, one


def reading(m: DateMention) -> tuple[str, date | None, date | None, str]:
    return m.text, m.value, m.end, m.precision


@pytest.mark.parametrize(("sentence", "phrase", "value", "end", "precision"), [
    # ordinal words
    ("Rebels stormed the town on the third of March.", "the third of March", "2022-03-03",
     None, "day"),
    ("Rebels stormed the town on March third.", "March third", "2022-03-03", None, "day"),
    ("Voting ended on the twenty-first of February.", "the twenty-first of February",
     "2022-02-21", None, "day"),
    ("Voting ended on February twenty first, 2021.", "February twenty first, 2021",
     "2021-02-21", None, "day"),
    ("Crowds gathered on the Fourth of July, 2020.", "the Fourth of July, 2020", "2020-07-04",
     None, "day"),
    # the week of / the Nth week of
    ("Talks were held in the week of 14 February.", "the week of 14 February", "2022-02-14",
     "2022-02-20", "week"),
    ("Talks are set for the week of May 12, 2023.", "the week of May 12, 2023", "2023-05-08",
     "2023-05-14", "week"),
    ("Troops arrived in the first week of March.", "the first week of March", "2022-02-28",
     "2022-03-06", "week"),
    ("Fighting eased in the last week of December.", "the last week of December",
     "2021-12-27", "2022-01-02", "week"),
    ("A vote is due in the second week of 2023.", "the second week of 2023", "2023-01-09",
     "2023-01-15", "week"),
    # holidays
    ("Shops were looted on Christmas Day.", "Christmas Day", "2021-12-25", None, "day"),
    ("Fireworks were banned on New Year's Eve.", "New Year's Eve", "2021-12-31", None, "day"),
    ("Fireworks were banned on New Year’s Eve.", "New Year’s Eve", "2021-12-31", None, "day"),
    ("Gunmen attacked a church on Good Friday.", "Good Friday", "2021-04-02", None, "day"),
    ("Pilgrims will gather on Easter Sunday.", "Easter Sunday", "2022-04-17", None, "day"),
    ("The church was bombed on Easter Sunday 2019.", "Easter Sunday 2019", "2019-04-21",
     None, "day"),
    ("Police dispersed crowds last Christmas.", "last Christmas", "2021-12-25", None, "day"),
    ("Services were held on Orthodox Easter.", "Orthodox Easter", "2021-05-02", None, "day"),
    # year-less numeric dates
    ("The clashes broke out on 4/22, officials said.", "4/22", "2021-04-22", None, "day"),
    ("The clashes broke out on 22/4, officials said.", "22/4", "2021-04-22", None, "day"),
    ("The summit opened on Friday 4/3, officials said.", "Friday 4/3", "2022-03-04", None,
     "day"),
    # ranges
    ("Protests continued from Monday to Wednesday.", "Monday to Wednesday", "2022-03-07",
     "2022-03-09", "day"),
    ("Fighting raged between March and May.", "March and May", "2021-03-01", "2021-05-31",
     "month"),
    ("Fighting raged from November to February 2021.", "November to February 2021",
     "2020-11-01", "2021-02-28", "month"),
    ("The group was active from 2015 to 2018.", "2015 to 2018", "2015-01-01", "2018-12-31",
     "year"),
    ("The truce held from 28 February to 3 March.", "28 February to 3 March", "2022-02-28",
     "2022-03-03", "day"),
    # rolling windows
    ("Dozens were killed in the past two weeks.", "the past two weeks", "2022-02-23",
     "2022-03-09", "month"),
    ("Talks will continue over the next three days.", "the next three days", "2022-03-10",
     "2022-03-12", "week"),
    ("Nine people died in the last 24 hours.", "the last 24 hours", "2022-03-08", "2022-03-09",
     "day"),
])
def test_families(sentence: str, phrase: str, value: str, end: str | None,
                  precision: str) -> None:
    m = one(sentence, WED)
    assert reading(m) == (phrase, d(value), d(end), precision)
    assert sentence[m.spans[0].start:m.spans[0].end] == phrase


@pytest.mark.parametrize(("sentence", "phrase", "value", "end", "precision"), [
    ("The offensive began in early March.", "early March", "2022-03-01", "2022-03-31",
     "month"),
    ("The offensive stalled in late March 2021.", "late March 2021", "2021-03-01",
     "2021-03-31", "month"),
    ("The mayor resigned last weekend.", "last weekend", "2022-03-05", "2022-03-06", "week"),
    ("Gunmen struck on the night of 3-4 March.", "3-4 March", "2022-03-03", "2022-03-04",
     "day"),
    ("Police raided the camp earlier this month.", "earlier this month", "2022-03-01",
     "2022-03-09", "month"),
    ("Shells fell on the city overnight.", "overnight", "2022-03-08", "2022-03-09", "day"),
    ("The minister resigned this morning.", "this morning", "2022-03-09", None, "day"),
])
def test_phrases_that_keep_their_reading(sentence: str, phrase: str, value: str,
                                         end: str | None, precision: str) -> None:
    assert reading(one(sentence, WED)) == (phrase, d(value), d(end), precision)


@pytest.mark.parametrize("sentence", [
    "A third of March's rain fell in a single day.",  # a fraction, not the third of March
    "They may second the motion.",  # "may" the verb
    "Tourists flocked to Easter Island.",
    "Christmas shopping slumped.",  # no preposition: not a date
    "The Good Friday Agreement ended the conflict.",
    "The hospital runs 24/7 with three surgeons.",  # no preposition: not a date
    "The commission has met since 9/11.",  # a name, not 11 September of this year
    "Between 1900 and 2000 troops were deployed.",  # counts, not years
    "In the last three days of the campaign, both sides held rallies.",  # not counted from now
])
def test_not_dates(sentence: str) -> None:
    assert mentions(sentence, WED) == ()


def test_ambiguous_numeric_date_without_year_is_unknown() -> None:
    m = one("The clashes broke out on 4/5, officials said.", WED)
    assert (m.text, m.value, m.precision) == ("4/5", None, "unknown")


def test_article_shows_the_day_month_order() -> None:
    found = mentions("The decree of 23/02/2021 was repealed on 4/5.", WED)
    assert [(m.text, m.value) for m in found] == [("23/02/2021", date(2021, 2, 23)),
                                                   ("4/5", date(2021, 5, 4))]
    found = mentions("The decree of 02/23/2021 was repealed on 4/5.", WED)
    assert found[1].value == date(2021, 4, 5)


def test_article_order_settles_a_full_numeric_date() -> None:
    found = mentions("Filed on 12/25/2021, the suit was heard on 03/02/2022.", WED)
    assert [m.value for m in found] == [date(2021, 12, 25), date(2022, 3, 2)]


def test_holiday_in_future_tense_is_the_next_one() -> None:
    assert one("Talks will resume after Christmas.", WED).value == date(2022, 12, 25)


def test_range_in_future_tense_starts_after_publication() -> None:
    m = one("Officials will vote from Monday to Wednesday.", WED)
    assert (m.value, m.end) == (date(2022, 3, 14), date(2022, 3, 16))


def test_range_wrapping_the_week_ends_after_it_starts() -> None:
    m = one("The strike lasted from Friday to Monday.", WED)
    assert (m.value, m.end) == (date(2022, 3, 4), date(2022, 3, 7))


def test_new_families_need_the_publication_date() -> None:
    for sentence in ("Shops were looted on Christmas Day.", "The clashes began on 4/22.",
                     "Protests continued from Monday to Wednesday.",
                     "Dozens were killed in the past two weeks.",
                     "Troops arrived in the first week of March."):
        m = one(sentence, None)
        assert (m.value, m.precision, m.relative) == (None, "unknown", True), sentence


def test_holidays_and_weeks_with_their_year_need_no_publication_date() -> None:
    assert one("The church was bombed on Easter Sunday 2019.", None).value == date(2019, 4, 21)
    assert one("Talks were held in the week of 14 February 2022.", None).value == \
        date(2022, 2, 14)


def test_computus_matches_known_easters() -> None:
    assert [easter(y) for y in (2019, 2024, 2038)] == [date(2019, 4, 21), date(2024, 3, 31),
                                                       date(2038, 4, 25)]
    assert [orthodox_easter(y) for y in (2021, 2023, 2024)] == [
        date(2021, 5, 2), date(2023, 4, 16), date(2024, 5, 5)]


def test_holiday_rules() -> None:
    holidays = lexicon().holidays
    assert holidays["thanksgiving"].on(2023) == date(2023, 11, 23)
    assert holidays["good friday"].on(2024) == date(2024, 3, 29)
    assert Holiday("nth_weekday", (5, 0, -1)).on(2024) == date(2024, 5, 27)
    assert Holiday("fixed", (12, 25)).on(1200) is None


def test_title_dates_are_found_with_a_title_span() -> None:
    title = "Rebels Seize Border Town on Tuesday"
    found = mentions("Rebels seized the town, officials said.", WED, title=title)
    assert len(found) == 1
    m = found[0]
    assert (m.text, m.value, m.spans[0].field) == ("Tuesday", date(2022, 3, 8), "title")
    assert title[m.spans[0].start:m.spans[0].end] == "Tuesday"


# --------------------------------------------------------------------------------------------
# week numbers, weeks from a day, days of a relative month, ordinal and cardinal words, far
# periods and calendar holidays (published on Wednesday 9 March 2022)

@pytest.mark.parametrize(("sentence", "phrase", "value", "end", "precision"), [
    # ISO week numbers: the nearest such week unmarked, backwards in the past tense
    ("Vaccinations peaked in week 9, the ministry said.", "week 9", "2022-02-28",
     "2022-03-06", "week"),
    ("Deliveries resume in week 12.", "week 12", "2022-03-21", "2022-03-27", "week"),
    ("Deliveries stalled in week 12, the ministry said.", "week 12", "2021-03-22",
     "2021-03-28", "week"),
    ("The census ran until week 52 of 2020.", "week 52 of 2020", "2020-12-21", "2020-12-27",
     "week"),
    ("Strikes spread in week 1, 2021.", "week 1, 2021", "2021-01-04", "2021-01-10", "week"),
    # the week starting a day: seven days from it
    ("Talks resume in the week beginning 14 March.", "the week beginning 14 March",
     "2022-03-14", "2022-03-20", "week"),
    ("Observers will arrive the week starting on March 16.",
     "the week starting on March 16", "2022-03-16", "2022-03-22", "week"),
    ("The vote is set for the week commencing 4 April 2022.",
     "the week commencing 4 April 2022", "2022-04-04", "2022-04-10", "week"),
    # a day of this, next or last month
    ("The new cabinet will be sworn in on the 20th of next month.", "the 20th of next month",
     "2022-04-20", None, "day"),
    ("Talks collapsed on the 3rd of this month.", "the 3rd of this month", "2022-03-03",
     None, "day"),
    ("Ballots were counted on the twenty-first of last month.",
     "the twenty-first of last month", "2022-02-21", None, "day"),
    # ordinal words without "the", and "day of"
    ("Voting ended twenty second of February.", "twenty second of February", "2022-02-22",
     None, "day"),
    ("Rebels stormed the town on second of March.", "second of March", "2022-03-02", None,
     "day"),
    ("The siege ended on the twenty third day of February.",
     "the twenty third day of February", "2022-02-23", None, "day"),
    ("The siege ended on the 23rd day of February.", "the 23rd day of February", "2022-02-23",
     None, "day"),
    # cardinal words after a month, at the end of a clause or with a year
    ("The strike was called for February twenty-two.", "February twenty-two", "2022-02-22",
     None, "day"),
    ("Voting ended on February twenty one, 2021.", "February twenty one, 2021", "2021-02-21",
     None, "day"),
    # a period two steps away
    ("Talks will resume the week after next.", "the week after next", "2022-03-21",
     "2022-03-27", "week"),
    ("Turnout fell in the year before last.", "the year before last", "2020-01-01",
     "2020-12-31", "year"),
    ("Marches are planned for the weekend after next.", "the weekend after next",
     "2022-03-19", "2022-03-20", "week"),
    ("Rallies were held in the month before last.", "the month before last", "2022-01-01",
     "2022-01-31", "month"),
    # holidays: Hebrew-calendar rules, Black Friday, May Day
    ("Rockets were fired on Yom Kippur.", "Yom Kippur", "2021-09-16", None, "day"),
    ("Talks will resume after Passover.", "Passover", "2022-04-16", None, "day"),
    ("The bridge was shelled on Rosh Hashanah 2020.", "Rosh Hashanah 2020", "2020-09-19",
     None, "day"),
    ("Candles were lit on the first night of Hanukkah 2021.", "Hanukkah 2021", "2021-11-29",
     None, "day"),
    ("Crowds gathered on Purim last year.", "Purim", "2021-02-26", None, "day"),
    ("Shoppers queued on Black Friday.", "Black Friday", "2021-11-26", None, "day"),
    ("Unions marched on May Day.", "May Day", "2021-05-01", None, "day"),
    ("Unions marched on International Workers’ Day.", "International Workers’ Day",
     "2021-05-01", None, "day"),
])
def test_newer_families(sentence: str, phrase: str, value: str, end: str | None,
                        precision: str) -> None:
    found = [m for m in mentions(sentence, WED) if m.text == phrase]
    assert len(found) == 1, [m.text for m in mentions(sentence, WED)]
    assert reading(found[0]) == (phrase, d(value), d(end), precision)
    assert sentence[found[0].spans[0].start:found[0].spans[0].end] == phrase


@pytest.mark.parametrize(("sentence", "phrase"), [
    ("Morale sank in week 3 of the siege.", None),  # counted from another event
    ("In March twenty-one soldiers were killed.", "March"),  # a count after the month
    ("Rain fell on a third of March days.", None),  # a fraction
    ("Veterans of the Yom Kippur War gathered in Haifa.", None),  # a name
    ("In week 60, nothing happened.", None),  # no such week
])
def test_newer_families_refuse(sentence: str, phrase: str | None) -> None:
    assert [m.text for m in mentions(sentence, WED)] == ([phrase] if phrase else [])


def test_hebrew_calendar_matches_known_dates() -> None:
    from eventwire.dates.holidays import hanukkah, passover, rosh_hashanah

    assert [rosh_hashanah(y) for y in (2019, 2023, 2024)] == [
        date(2019, 9, 30), date(2023, 9, 16), date(2024, 10, 3)]
    assert [passover(y) for y in (2019, 2021, 2024)] == [
        date(2019, 4, 20), date(2021, 3, 28), date(2024, 4, 23)]
    assert [hanukkah(y) for y in (2019, 2021, 2024)] == [
        date(2019, 12, 23), date(2021, 11, 29), date(2024, 12, 26)]
