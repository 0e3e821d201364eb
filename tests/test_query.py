"""Queries and aggregates over a store holding two hand-built wire stories, on both backends."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from conftest import make_coding
from eventwire.errors import OptionError
from eventwire.export import event_rows
from eventwire.query import Count, DyadCount, Filters, country_code, counts, events
from eventwire.records import Coding
from eventwire.store import Store, open_store


def _later_story() -> Coding:
    """The same story reported in April: E1 dated 21 April, the rest by publication (20 April)."""
    coding = make_coding("wire-002", published=date(2026, 4, 20))
    first = dataclasses.replace(coding.events[0], date=date(2026, 4, 21))
    return dataclasses.replace(coding, events=(first, *coding.events[1:]))


@pytest.fixture
def store(db_url: str) -> Store:
    with open_store(db_url) as opened:
        opened.write_results([make_coding("wire-001"), _later_story()])
        yield opened


def _ids(rows) -> list[str]:
    return [r.id for r in rows]


def test_events_leave_out_negated_and_hypothetical_by_default(store: Store) -> None:
    assert _ids(events(store)) == ["wire-001-E1", "wire-001-E2", "wire-002-E2", "wire-002-E1"]
    flagged = events(store, Filters(all_flags=True))
    assert len(flagged) == 8
    assert {r.id for r in flagged if r.negated or r.hypothetical} == {
        "wire-001-E3", "wire-001-E4", "wire-002-E3", "wire-002-E4"}


def test_stored_rows_equal_the_rows_of_the_codings(store: Store) -> None:
    expected = event_rows(make_coding("wire-001")) + event_rows(_later_story())
    assert sorted(events(store, Filters(all_flags=True)), key=lambda r: r.id) == sorted(
        expected, key=lambda r: r.id)


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(type="assault"), ["wire-001-E1", "wire-002-E1"]),
    (Filters(country="TUR"), ["wire-001-E2", "wire-002-E2"]),
    (Filters(country="syria", type="ACCUSE"), ["wire-001-E2", "wire-002-E2"]),
    (Filters(sector="MIL"), ["wire-001-E1", "wire-002-E1"]),
    (Filters(sector="GOV"), ["wire-001-E2", "wire-002-E2"]),
    (Filters(since=date(2026, 4, 1)), ["wire-002-E2", "wire-002-E1"]),
    (Filters(until=date(2026, 3, 31)), ["wire-001-E1", "wire-001-E2"]),
    (Filters(since=date(2026, 4, 21), until=date(2026, 4, 21)), ["wire-002-E1"]),
    (Filters(place_country="SYR"), ["wire-001-E1", "wire-002-E1"]),
    (Filters(text="CONDEMNED"), ["wire-001-E2", "wire-002-E2"]),
    (Filters(text="idlib"), ["wire-001-E1", "wire-002-E1"]),
    (Filters(text="100%_"), []),
    (Filters(country="TUR", all_flags=True),
     ["wire-001-E2", "wire-001-E3", "wire-001-E4", "wire-002-E2", "wire-002-E3",
      "wire-002-E4"]),
])
def test_event_filters(store: Store, filters: Filters, expected: list[str]) -> None:
    assert sorted(_ids(events(store, filters))) == sorted(expected)


def test_limit_keeps_date_order(store: Store) -> None:
    assert _ids(events(store, limit=1)) == ["wire-001-E1"]


def test_counts_by_dyad(store: Store) -> None:
    assert counts(store, "dyad") == [
        DyadCount("SYR", "MIL", "SYR", "REB", 2),
        DyadCount("TUR", "GOV", "SYR", "MIL", 2),
    ]
    flagged = counts(store, "dyad", Filters(all_flags=True))
    # the negated and the hypothetical events have no recipient; the compound counts by member
    assert DyadCount("TUR", "GOV", None, None, 4) in flagged
    assert DyadCount("SYR", "MIL", None, None, 2) in flagged


def test_counts_by_country_type_week_month(store: Store) -> None:
    assert counts(store, "country") == [Count("SYR", 4), Count("TUR", 2)]
    assert counts(store, "type") == [Count("ACCUSE", 2), Count("ASSAULT", 2)]
    assert counts(store, "week") == [Count("2026-W10", 2), Count("2026-W17", 2)]
    assert counts(store, "month", Filters(type="ASSAULT")) == [Count("2026-03", 1),
                                                              Count("2026-04", 1)]


def test_undated_events_count_as_unknown(db_url: str) -> None:
    coding = make_coding("undated", published=None)
    with open_store(db_url) as store:
        store.write(coding)
        assert counts(store, "month") == [Count("2026-03", 1), Count(None, 1)]
        assert _ids(events(store, Filters(since=date(2000, 1, 1)))) == ["undated-E1"]


def test_bad_query_values_are_option_errors(store: Store) -> None:
    with pytest.raises(OptionError) as caught:
        counts(store, "year")
    assert caught.value.code == "E201"
    with pytest.raises(OptionError) as caught:
        events(store, Filters(country="Atlantis"))
    assert caught.value.code == "E205"


def test_country_codes() -> None:
    assert country_code("syr") == "SYR"
    assert country_code("Syria") == "SYR"
    assert country_code("United Kingdom") == "GBR"
    assert country_code("UNO") == "UNO"
    assert country_code("turkey") == "TUR"
    assert country_code("Ivory Coast") == "CIV"
