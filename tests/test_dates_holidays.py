"""Islamic holidays (Umm al-Qura calendar, through ``hijridate``) and the Chinese lunar new year
(a shipped table). Every sentence here is ours, written in the style of wire copy; the expected
dates are the published Umm al-Qura and Chinese calendar dates (Eid al-Fitr 2023 on 21 April,
Ramadan 2024 from 11 March, Eid al-Adha 2024 on 16 June, Chinese New Year 2024 on 10 February
and 2025 on 29 January)."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.dates.holidays import Holiday, hijri_dates, hijri_month, lunar_new_year
from eventwire.dates.lexicon import lexicon
from test_dates import d, mentions, one

AFTER_EID_2024 = date(2024, 4, 25)  # a Thursday, two weeks after Eid al-Fitr 2024
MAY_2024 = date(2024, 5, 1)
FEB_2024 = date(2024, 2, 15)


@pytest.mark.parametrize(("sentence", "published", "phrase", "value"), [
    # past tense: the latest one up to publication
    ("Gunmen attacked worshippers on Eid al-Fitr, police said.", AFTER_EID_2024, "Eid al-Fitr",
     "2024-04-10"),
    ("Crowds defied the curfew on Eid al-Fitr.", date(2023, 5, 1), "Eid al-Fitr", "2023-04-21"),
    ("Airstrikes hit the camp at the start of Ramadan.", AFTER_EID_2024, "the start of Ramadan",
     "2024-03-11"),
    ("Protesters gathered on the eve of Eid al-Fitr.", AFTER_EID_2024,
     "the eve of Eid al-Fitr", "2024-04-09"),
    ("Militants struck a mosque on Laylat al-Qadr.", AFTER_EID_2024, "Laylat al-Qadr",
     "2024-04-06"),
    ("Clashes erupted on Ashura, witnesses said.", AFTER_EID_2024, "Ashura", "2023-07-28"),
    ("Fireworks were set off on Lunar New Year.", FEB_2024, "Lunar New Year", "2024-02-10"),
    ("Shops shut on Chinese New Year's Eve.", date(2025, 2, 3), "Chinese New Year's Eve",
     "2025-01-28"),
    # future tense: the next one
    ("Talks will resume after Eid al-Adha.", MAY_2024, "Eid al-Adha", "2024-06-16"),
    ("The ceasefire is expected to hold until Chinese New Year.", date(2024, 12, 1),
     "Chinese New Year", "2025-01-29"),
    ("A prisoner swap will take place on the Islamic New Year.", MAY_2024,
     "the Islamic New Year", "2024-07-07"),
    ("Rallies will be held on the Prophet's birthday.", MAY_2024, "the Prophet's birthday",
     "2024-09-15"),
    # a year given: that year's, without a publication date
    ("The bombing took place on Eid al-Fitr 2023.", None, "Eid al-Fitr 2023", "2023-04-21"),
    ("Markets reopened after Lunar New Year 2025.", None, "Lunar New Year 2025", "2025-01-29"),
    ("Fighting resumed after the Tet holiday.", FEB_2024, "the Tet holiday", "2024-02-10"),
])
def test_holidays_resolve_by_tense(sentence: str, published: date | None, phrase: str,
                                   value: str) -> None:
    m = one(sentence, published)
    assert (m.text, m.value, m.end, m.precision) == (phrase, d(value), None, "day")


@pytest.mark.parametrize("spelling", [
    "Eid al-Adha", "Eid al Adha", "Eid-al-Adha", "Eid ul-Adha", "Id al-Adha", "Eid el-Adha",
    "Eid al-Kabir", "Eid el-Kebir", "Bakrid", "EID AL-ADHA",
])
def test_spellings_of_eid_al_adha(spelling: str) -> None:
    m = one(f"Livestock prices soared before {spelling}, traders said.", date(2024, 7, 1))
    assert (m.text, m.value) == (spelling, date(2024, 6, 16))


@pytest.mark.parametrize("spelling", ["Eid ul-Fitr", "Id al-Fitr", "Eid-ul-Fitr",
                                      "Eid el-Fitr"])
def test_spellings_of_eid_al_fitr(spelling: str) -> None:
    assert one(f"Roads were closed on {spelling}.", date(2023, 5, 1)).value == date(2023, 4, 21)


def test_ashura_spellings_agree() -> None:
    dates = {one(f"Processions were banned on {name}.", AFTER_EID_2024).value
             for name in ("Ashura", "Ashoura", "Ashurah")}
    assert dates == {date(2023, 7, 28)}


@pytest.mark.parametrize("sentence", [
    "Egypt's army crossed the canal in the Ramadan War.",  # a war's name, not a date
    "The army crossed the canal on Ramadan War anniversaries.",  # "war" after it: a name
    "Families travelled home for Eid.",  # bare Eid: al-Fitr or al-Adha? not read
    "Police arrested Eid Mohammed at a checkpoint.",  # a man's name
    "The Tet Offensive shook Washington.",
    "Shops closed on Tet.",  # a bare "Tet" is not read (too short to anchor a scan)
    "Applications for TET 2024 opened on schedule.",  # an Indian teachers' exam
    "Crowds gathered on Eid al-Fitr 1920.",  # before the Umm al-Qura table (1924-2077)
])
def test_not_holiday_dates(sentence: str) -> None:
    assert mentions(sentence, AFTER_EID_2024) == ()


def test_outside_the_tables_there_is_no_date() -> None:
    assert mentions("Clashes broke out on Eid al-Adha.", date(2090, 6, 1)) == ()
    assert mentions("Fireworks were set off on Chinese New Year.", date(1850, 3, 1)) == ()
    assert hijri_dates(1924, 10, 1) == []  # 1 Shawwal 1342 lies before the table
    assert hijri_dates(2078, 10, 1) == []
    assert lunar_new_year(1900) is None and lunar_new_year(2100) is None
    assert Holiday("hijri", (10, 1)).on(2090) is None


def test_holidays_need_the_publication_date() -> None:
    m = one("Gunmen attacked worshippers on Eid al-Fitr.", None)
    assert (m.value, m.precision, m.relative) == (None, "unknown", True)


def test_ramadan_is_a_month_long_period() -> None:
    """"during Ramadan" names the whole month: a period with month precision, never its first
    day alone (which would date every event of the month to 1 Ramadan)."""
    during = mentions("Markets were shelled during Ramadan.", AFTER_EID_2024)
    assert [(m.text, m.value, m.end, m.precision) for m in during] == [
        ("Ramadan", date(2024, 3, 11), date(2024, 4, 9), "month")]
    coming = one("Fighting will pause for Ramadan.", date(2025, 1, 10))
    assert (coming.value, coming.end) == (date(2025, 3, 1), date(2025, 3, 29))
    dated = one("The siege began in Ramadan 2023.", None)
    assert (dated.text, dated.value, dated.end) == ("Ramadan 2023", date(2023, 3, 23),
                                                    date(2023, 4, 20))
    ramadan = lexicon().holidays["ramadan"]
    assert ramadan.on(2024) is None
    assert ramadan.periods(2024) == [(date(2024, 3, 11), date(2024, 4, 9))]
    assert hijri_month(2023, 9) == [(date(2023, 3, 23), date(2023, 4, 20))]


def test_umm_al_qura_dates() -> None:
    holidays = lexicon().holidays
    assert holidays["eid al-fitr"].on(2023) == date(2023, 4, 21)
    assert holidays["eid al-fitr"].on(2025) == date(2025, 3, 30)
    assert holidays["eid al-adha"].on(2023) == date(2023, 6, 28)
    assert holidays["eid al-adha"].on(2024) == date(2024, 6, 16)
    assert holidays["the day of arafat"].on(2024) == date(2024, 6, 15)
    assert holidays["the start of ramadan"].on(2024) == date(2024, 3, 11)
    assert holidays["ashura"].on(2024) == date(2024, 7, 16)
    assert holidays["mawlid"].on(2024) == date(2024, 9, 15)


def test_a_hijri_day_can_fall_twice_in_a_year() -> None:
    eid = lexicon().holidays["eid al-fitr"]
    assert hijri_dates(2000, 10, 1) == [date(2000, 1, 8), date(2000, 12, 27)]
    assert eid.periods(2000) == [(date(2000, 1, 8),) * 2, (date(2000, 12, 27),) * 2]
    assert eid.on(2000) == date(2000, 1, 8)  # ``on`` gives the first


def test_an_eve_may_cross_new_year() -> None:
    """1 Shawwal fell on 8 January and 27 December 2000 and 16 December 2001: a day six days
    after it falls in January 2000, and in January and December 2001."""
    assert Holiday("hijri", (10, 1, -6)).on(2000) == date(2000, 1, 2)
    assert Holiday("hijri", (10, 1, 6)).periods(2001) == [(date(2001, 1, 2),) * 2,
                                                         (date(2001, 12, 22),) * 2]


def test_lunar_new_year_table() -> None:
    assert [lunar_new_year(y) for y in (2020, 2023, 2024, 2025, 2026)] == [
        date(2020, 1, 25), date(2023, 1, 22), date(2024, 2, 10), date(2025, 1, 29),
        date(2026, 2, 17)]
    days = [lunar_new_year(y) for y in range(1901, 2100)]
    assert all(d is not None and date(d.year, 1, 21) <= d <= date(d.year, 2, 20) for d in days)


def test_other_holidays_keep_their_rules() -> None:
    assert lexicon().holidays["christmas"].periods(2024) == [(date(2024, 12, 25),) * 2]
    assert Holiday("fixed", (12, 25)).periods(1200) == []
