"""The figures stage: one test per pattern, on sentences we wrote in wire style."""

from __future__ import annotations

import pytest

from eventwire import nlp
from eventwire.figures import extract
from eventwire.figures._lexicon import lexicon
from eventwire.figures._numbers import read_number
from eventwire.records import Actor, Article, Figure, Found, Span


def figures_of(text: str, actors: tuple[Actor, ...] = ()) -> tuple[Figure, ...]:
    doc = nlp.load()(text)
    return extract(doc, Article(id="t", text=text), Found(actors=actors))


def only(text: str) -> Figure:
    found = figures_of(text)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


# ---------------------------------------------------------------------------------------------
# reading numbers from tokens (no parser needed)


@pytest.mark.parametrize(("words", "value", "end"), [
    ("five", 5, 1),
    ("twenty - one", 21, 3),
    ("one hundred and six", 106, 4),
    ("a dozen", 12, 2),
    ("3,000", 3000, 1),
    ("1.2 million", 1_200_000, 2),
    ("10k", 10_000, 1),
    ("two and a half million", 2_500_000, 5),
    ("two hundred and two thousand", 202_000, 5),
    ("half a dozen", 6, 3),
    ("five and a quarter million", 5_250_000, 5),
])
def test_read_number_counts(words: str, value: float, end: int) -> None:
    reading = read_number(words.split(), 0, lexicon())
    assert reading is not None
    assert (reading.value, reading.end) == (value, end)


@pytest.mark.parametrize(("words", "value"), [
    ("two - thirds", 2 / 3), ("a third", 1 / 3), ("3/4", 0.75), ("half", 0.5),
    ("three quarters", 0.75),
])
def test_read_number_fractions(words: str, value: float) -> None:
    reading = read_number(words.split(), 0, lexicon())
    assert reading is not None and reading.fraction
    assert reading.value == pytest.approx(value)


def test_read_number_skips_extra_whitespace_tokens() -> None:
    reading = read_number(["three", "hundred", "  ", "and", "thirty", "one"], 0, lexicon())
    assert reading is not None and (reading.value, reading.end) == (331, 6)


def test_read_number_stops_at_separate_numbers() -> None:
    reading = read_number(["$", "1.2", "million", "and", "3,000", "troops"], 1, lexicon())
    assert reading is not None and (reading.value, reading.end) == (1_200_000, 3)


def test_read_number_refuses_words_that_are_not_numbers() -> None:
    assert read_number(["a", "soldier"], 0, lexicon()) is None
    assert read_number(["second"], 0, lexicon()) is None


# ---------------------------------------------------------------------------------------------
# counts, units, predicates


def test_numeral_with_qualifier_unit_and_predicate() -> None:
    f = only("More than 300 villagers have fled across the border into Kenya.")
    assert (f.value, f.qualifier, f.unit, f.kind) == (300, "more than", "villagers", "count")
    assert f.predicate == "have fled across the border into Kenya"
    assert f.text == "More than 300 villagers"


def test_number_words_and_passive_predicate() -> None:
    f = only("Twenty-one soldiers were wounded in the ambush.")
    assert (f.value, f.unit, f.predicate) == (21, "soldiers", "were wounded in the ambush")


def test_object_figure_takes_the_verb() -> None:
    f = only("Police arrested 14 protesters outside the parliament.")
    assert (f.value, f.unit, f.predicate) == (14, "protesters", "arrested")


def test_participle_is_part_of_the_unit() -> None:
    f = only("The ministry put the toll at 37 people killed.")
    assert f.unit == "people killed"


@pytest.mark.parametrize(("text", "qualifier"), [
    ("About 200 families returned to the village.", "about"),
    ("Around 200 families returned to the village.", "about"),
    ("At least 200 families returned to the village.", "at least"),
    ("Up to 200 families returned to the village.", "up to"),
    ("Nearly 200 families returned to the village.", "less than"),
    ("No more than 200 families returned to the village.", "at most"),
    ("Fewer than 200 families returned to the village.", "less than"),
    ("An estimated 200 families returned to the village.", "about"),
    ("200 or more families returned to the village.", "at least"),
])
def test_qualifiers(text: str, qualifier: str) -> None:
    f = only(text)
    assert (f.value, f.qualifier, f.unit) == (200, qualifier, "families")


def test_large_numbers() -> None:
    found = figures_of("The agency said 1.2 million people need food aid and 3,000 troops "
                       "were deployed.")
    assert [(f.value, f.unit) for f in found] == [(1_200_000, "people"), (3000, "troops")]


def test_a_dozen_is_twelve() -> None:
    f = only("A dozen rockets struck the airport overnight.")
    assert (f.value, f.unit, f.qualifier) == (12, "rockets", "exact")


@pytest.mark.parametrize(("text", "low", "high"), [
    ("Dozens of fighters surrendered on Tuesday.", 24, 99),
    ("Hundreds of fighters surrendered on Tuesday.", 200, 999),
    ("Tens of thousands of fighters surrendered on Tuesday.", 20_000, 99_999),
    ("Between 20 and 30 fighters surrendered on Tuesday.", 20, 30),
    ("From 20 to 30 fighters surrendered on Tuesday.", 20, 30),
    ("Two or three fighters surrendered on Tuesday.", 2, 3),
    ("Two to three hundred fighters surrendered on Tuesday.", 200, 300),
])
def test_ranges_keep_both_bounds_and_the_lower_as_value(text: str, low: float,
                                                        high: float) -> None:
    f = only(text)
    assert (f.low, f.high, f.value, f.qualifier) == (low, high, low, "between")
    assert f.unit == "fighters"


# ---------------------------------------------------------------------------------------------
# parts of an earlier figure


def test_fraction_and_relative_count_of_an_earlier_figure() -> None:
    found = figures_of("Police detained 600 protesters on Friday. About a third were later "
                       "released, 15 of whom were charged.")
    assert [f.id for f in found] == ["F1", "F2", "F3"]
    _whole, part, charged = found
    assert (part.kind, part.qualifier, part.basis) == ("fraction", "about", "F1")
    assert part.derived == pytest.approx(200)
    assert part.unit == "protesters" and part.predicate == "were later released"
    assert (charged.value, charged.kind, charged.basis) == (15, "count", "F2")
    assert charged.derived is None and charged.predicate == "were charged"


def test_percentage_of_them() -> None:
    found = figures_of("Officials counted 4,000 ballots, and 25 percent of them were spoiled.")
    assert found[1].kind == "percent" and found[1].basis == "F1"
    assert found[1].derived == pytest.approx(1000)


def test_fraction_of_named_group_links_to_matching_count() -> None:
    found = figures_of("Rebels held 90 hostages and 12 trucks. Two-thirds of the hostages "
                       "were freed on Sunday.")
    part = found[-1]
    assert (part.kind, part.basis, part.unit) == ("fraction", "F1", "hostages")
    assert part.derived == pytest.approx(60)


def test_fraction_without_an_earlier_figure_has_no_basis() -> None:
    f = only("Half of the residents have left the city.")
    assert (f.kind, f.value, f.basis, f.derived, f.unit) == ("fraction", 0.5, None, None,
                                                            "residents")


def test_one_in_five() -> None:
    f = only("One in five voters backed the proposal.")
    assert f.kind == "fraction" and f.value == pytest.approx(0.2) and f.unit == "voters"


# ---------------------------------------------------------------------------------------------
# kinds kept apart, and what is not a figure


def test_money_is_not_a_count() -> None:
    found = figures_of("Donors pledged $4.5 million and 200 million euros for the camps.")
    assert [(f.kind, f.value, f.unit) for f in found] == [
        ("money", 4_500_000, "USD"), ("money", 200_000_000, "EUR")]


def test_ages() -> None:
    found = figures_of("A 24-year-old student was shot. Jane Doe, 41, said a man aged 19 was "
                       "held.")
    assert [(f.kind, f.value, f.unit) for f in found] == [
        ("age", 24, "years"), ("age", 41, "years"), ("age", 19, "years")]


def test_years_dates_and_times_are_not_figures() -> None:
    assert figures_of("In 2014, the border was closed on May 4 at 10 pm.") == ()
    assert figures_of("The clashes began three days ago.") == ()


def test_but_2000_people_is_a_count() -> None:
    f = only("Some 2000 people marched through the capital.")
    assert (f.value, f.qualifier, f.unit) == (2000, "about", "people")


def test_identifiers_are_not_figures() -> None:
    assert figures_of("The council passed Resolution 2254 without a vote.") == ()


def test_durations_and_ordinals_are_other_kinds() -> None:
    found = figures_of("He was jailed for 10 years after the third attack.")
    assert [(f.kind, f.value) for f in found] == [("other", 10), ("ordinal", 3)]
    assert found[0].unit == "years"


def test_pronoun_one_is_not_a_figure() -> None:
    assert figures_of("No one claimed the attack.") == ()


def test_percent_sign_and_word() -> None:
    found = figures_of("Turnout fell to 41% from 52 per cent.")
    assert [(f.kind, f.value) for f in found] == [("percent", 41), ("percent", 52)]


# ---------------------------------------------------------------------------------------------
# actors and provenance


def test_counted_noun_links_to_the_actor_and_parts_inherit_it() -> None:
    text = "At least 80 Tunisians have joined the militia. Half have since returned home."
    start = text.index("Tunisians")
    tunisians = Actor(id="A1", text="Tunisians", name="Tunisia", kind="group", country="TUN",
                      spans=(Span(start, start + len("Tunisians")),))
    whole, half = figures_of(text, (tunisians,))
    assert whole.actor == tunisians
    assert half.actor == tunisians and half.basis == "F1" and half.derived == 40


def test_spans_point_at_the_text() -> None:
    text = "Officials said roughly 70 detainees were moved."
    (f,) = figures_of(text)
    assert text[f.spans[0].start:f.spans[0].end] == f.text == "roughly 70 detainees"


def test_output_is_deterministic() -> None:
    text = "Dozens of fighters and 300 civilians fled; about half later returned."
    assert figures_of(text) == figures_of(text)


def test_number_hyphen_noun_modifier_is_not_a_count() -> None:
    f = only("A six-member team inspected the site.")
    assert (f.kind, f.value, f.unit) == ("other", 6, "member")


def test_year_before_a_noun_is_still_a_year() -> None:
    assert figures_of("The 2014 protests were crushed within a week.") == ()


def test_fraction_of_a_time_unit_is_a_duration() -> None:
    f = only("The hearing was delayed by half an hour.")
    assert f.kind == "other"


def test_ordinal_inside_a_name_is_dropped() -> None:
    assert [f.kind for f in figures_of("The 3rd Infantry Division crossed the river.")] == []


def test_predicate_stops_at_the_paragraph_end() -> None:
    (f,) = figures_of("Over 900 migrants rescued off the coast\n\nMonday was calm.")
    assert f.predicate is None or "\n" not in f.predicate


def test_half_of_a_match_is_not_a_share() -> None:
    assert figures_of("He scored early in the second half.") == ()
    assert figures_of("The match was level at half time.") == ()


def test_a_third_before_a_noun_is_an_ordinal() -> None:
    f = only("The president is seeking a third term.")
    assert (f.kind, f.value) == ("ordinal", 3)


def test_numbers_naming_the_noun_before_them_are_dropped() -> None:
    assert figures_of("Shells fell near guard posts 542 and 543.") == ()


def test_a_rate_is_not_a_part_of_an_earlier_count() -> None:
    found = figures_of("About 2 million voters were registered. Turnout was 58%.")
    assert found[1].kind == "percent" and found[1].basis is None


def test_days_of_a_month_are_not_figures() -> None:
    assert figures_of("Fighting raged over 25 and 26 February near the dam.") == ()


def test_predicate_through_an_of_phrase() -> None:
    f = only("The bodies of twelve civilians were found near the road.")
    assert (f.value, f.unit, f.predicate) == (12, "civilians", "were found near the road")


def test_minus_makes_a_number_negative() -> None:
    f = only("Temperatures fell to minus 20 degrees overnight.")
    assert (f.value, f.kind, f.unit) == (-20, "other", "degrees")


def test_a_fraction_of_those_who_underwent_something_takes_that_group_as_basis() -> None:
    figures = figures_of("Gunmen abducted more than 40 villagers and burned dozens of huts. "
                       "About a third of those abducted were women.")
    third = next(f for f in figures if f.kind == "fraction")
    villagers = next(f for f in figures if f.unit == "villagers")
    assert third.basis == villagers.id
    assert third.derived is not None and round(third.derived, 1) == round(40 / 3, 1)
