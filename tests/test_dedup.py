"""Cross-article deduplication on events we write by hand (wire-style reports of made-up events)."""

from __future__ import annotations

import random
from datetime import date

import pytest

from eventwire.dedup import SourcedEvent, cluster_rows, dedup, distance_km, sourced_events
from eventwire.errors import OptionError
from eventwire.records import Actor, Article, Coding, Event, Meta, Place, Size

DAY = date(2024, 3, 11)


def place(name: str, lat: float, lon: float, *, admin1: str | None = "KN",
          country: str = "NGA", geonameid: int | None = None) -> Place:
    return Place(id="P1", text=name, name=name, geonameid=geonameid, lat=lat, lon=lon,
                 admin1_code=admin1, country=country)


KANO = place("Kano", 12.0000, 8.5167, geonameid=2335204)
KANO_SUBURB = place("Kano suburb", 12.0500, 8.5500, geonameid=9000001)  # ~7 km away
FAR_IN_STATE = place("Far town", 12.9000, 8.5167, geonameid=9000002)  # ~100 km, same state
FAR_OTHER_STATE = place("Other town", 12.9000, 8.5167, admin1="KD", geonameid=9000003)
STATE = Place(id="P1", text="Kano State", name="Kano", geonameid=2335196, feature_code="ADM1",
              lat=11.75, lon=8.25, admin1_code="KN", country="NGA")  # only the province

REBELS = Actor(id="A1", text="gunmen", name="Armed group", kind="group", country="NGA",
               sector="REB")
VILLAGERS = Actor(id="A2", text="villagers", name="villagers", kind="group", country="NGA",
                  sector="CVL")
POLICE = Actor(id="A3", text="police", name="Nigeria Police", kind="organisation",
               country="NGA", sector="COP")


def attack(ident: str = "E1", *, on: date | None = DAY, at: Place | None = KANO,
           kind: str = "ASSAULT", actors: tuple[Actor, ...] = (REBELS,),
           recipients: tuple[Actor, ...] = (VILLAGERS,), dead: int | None = None,
           confidence: float = 0.5, **flags: object) -> Event:
    return Event(id=ident, event=kind, trigger="killed", actors=actors, recipients=recipients,
                 place=at, date=on, date_precision="day" if on else "unknown",
                 size=Size(dead=dead), confidence=confidence,
                 sentence="Gunmen killed villagers.", **flags)


def by_articles(clusters) -> list[tuple[str, ...]]:
    return sorted(c.article_ids for c in clusters)


def test_three_reports_of_one_attack_become_one_cluster_with_every_source():
    reports = [
        ("wire-a", attack(on=DAY, at=KANO, dead=5, confidence=0.6)),
        ("wire-b", attack(on=DAY, at=KANO_SUBURB, dead=7, confidence=0.9)),
        ("wire-c", attack(on=date(2024, 3, 12), at=KANO, dead=None, confidence=0.7)),
    ]
    (cluster,) = dedup(reports)
    assert cluster.article_ids == ("wire-a", "wire-b", "wire-c")
    assert cluster.sources == (("wire-a", "E1"), ("wire-b", "E1"), ("wire-c", "E1"))
    assert cluster.event == "ASSAULT"
    assert cluster.date == DAY  # two of three say the 11th
    assert (cluster.date_first, cluster.date_last) == (DAY, date(2024, 3, 12))
    assert cluster.place == KANO  # two of three say Kano itself
    assert cluster.size.dead == 7  # the max rule
    assert cluster.confidence == 0.9
    # the representative agrees on place and date, and is the most confident of those
    assert cluster.representative.article_id == "wire-a"
    assert cluster.actors == (REBELS,) and cluster.recipients == (VILLAGERS,)


def test_size_rules_min_and_median():
    reports = [(f"w{i}", attack(dead=n)) for i, n in enumerate((3, 10, 4, None))]
    assert dedup(reports, size_rule="min")[0].size.dead == 3
    assert dedup(reports, size_rule="median")[0].size.dead == 4
    assert dedup(reports, size_rule="max")[0].size.dead == 10
    assert dedup(reports)[0].size.injured is None


def test_different_type_or_dyad_is_a_different_event():
    reports = [
        ("a", attack()),
        ("b", attack(kind="PROTEST")),
        ("c", attack(recipients=(POLICE,))),
        ("d", attack(actors=(POLICE,))),
        ("e", attack(actors=())),  # "villagers were killed": no actor is not the rebels
    ]
    assert by_articles(dedup(reports)) == [("a",), ("b",), ("c",), ("d",), ("e",)]


def test_dyad_is_a_set_of_country_sector_pairs():
    second_rebel = Actor(id="A9", text="militants", name="militants", kind="group",
                         country="NGA", sector="REB")
    reports = [("a", attack(actors=(REBELS,))), ("b", attack(actors=(second_rebel, REBELS)))]
    assert by_articles(dedup(reports)) == [("a", "b")]


def test_place_distance_and_admin1():
    far_same_state = [("a", attack(at=KANO)), ("b", attack(at=FAR_IN_STATE))]
    assert distance_km(KANO, FAR_IN_STATE) == pytest.approx(100, abs=1)
    # two precise towns 100 km apart are two places, province or not
    assert by_articles(dedup(far_same_state)) == [("a",), ("b",)]
    assert by_articles(dedup(far_same_state, km=120)) == [("a", "b")]
    # "in Kano State": a report that knows only the province matches any town in it
    reports = [("a", attack(at=KANO)), ("b", attack(at=FAR_IN_STATE)), ("c", attack(at=STATE))]
    assert by_articles(dedup(reports)) == [("a", "c"), ("b",)]  # complete link: a-b differ
    (town_and_state,) = dedup(reports[1:])
    assert town_and_state.article_ids == ("b", "c")
    assert town_and_state.place == FAR_IN_STATE  # one each: the town is the more precise
    assert by_articles(dedup(reports[1:], admin1=False)) == [("b",), ("c",)]
    other_state = [("a", attack(at=STATE)), ("b", attack(at=FAR_OTHER_STATE))]
    assert by_articles(dedup(other_state)) == [("a",), ("b",)]
    unplotted = Place(id="P1", text="Kano State", admin1_code="KN", country="NGA")
    assert by_articles(dedup([("a", attack(at=FAR_IN_STATE)), ("b", attack(at=unplotted))])) == [
        ("a", "b")]


def test_places_without_admin1_merge_on_distance_only():
    west = place("West", 10.0, 10.0, admin1=None)
    near = place("Near", 10.0, 10.3, admin1=None)  # ~33 km
    far = place("Far", 10.0, 11.0, admin1=None)  # ~110 km
    reports = [("a", attack(at=west)), ("b", attack(at=near)), ("c", attack(at=far))]
    assert by_articles(dedup(reports)) == [("a", "b"), ("c",)]


def test_date_window_is_configurable():
    reports = [("a", attack(on=DAY)), ("b", attack(on=date(2024, 3, 14)))]
    assert by_articles(dedup(reports)) == [("a",), ("b",)]
    assert by_articles(dedup(reports, window_days=3)) == [("a", "b")]
    assert by_articles(dedup(reports, window_days=0)) == [("a",), ("b",)]


def test_complete_link_does_not_chain():
    # each is within two days of the next, but the first and last are four days apart
    reports = [("a", attack(on=DAY)), ("b", attack(on=date(2024, 3, 13))),
               ("c", attack(on=date(2024, 3, 15)))]
    assert by_articles(dedup(reports)) == [("a", "b"), ("c",)]
    # each is within 50 km of the next, the ends are ~80 km apart (no admin1 given)
    line = [place(f"P{i}", 10.0, 10.0 + 0.36 * i, admin1=None) for i in range(3)]
    reports = [(f"p{i}", attack(at=p)) for i, p in enumerate(line)]
    assert by_articles(dedup(reports)) == [("p0", "p1"), ("p2",)]


def test_unmergeable_events_stay_on_their_own():
    coarse = Event(id="E1", event="ASSAULT", trigger="killed", actors=(REBELS,),
                   recipients=(VILLAGERS,), place=KANO, date=date(2024, 3, 1),
                   date_precision="month")
    unplaced = place("somewhere", 0.0, 0.0, admin1=None)
    unplaced = Place(id="P1", text=unplaced.text)  # named but not geocoded
    reports = [
        ("base", attack()),
        ("neg", attack(negated=True)),
        ("hyp", attack(hypothetical=True)),
        ("fut", attack(future=True)),
        ("noplace", attack(at=None)),
        ("ungeocoded", attack(at=unplaced)),
        ("month", coarse),
        ("undated", attack(on=None)),  # no publication date to fall back on either
    ]
    clusters = dedup(reports)
    assert len(clusters) == len(reports)
    month = next(c for c in clusters if c.article_ids == ("month",))
    assert month.date == date(2024, 3, 1)  # a lone event keeps its coarse date


def test_undated_event_falls_back_to_publication_date():
    reports = [
        SourcedEvent("a", attack(on=DAY)),
        SourcedEvent("b", attack(on=None), published=date(2024, 3, 12)),
        SourcedEvent("c", attack(on=None), published=date(2024, 3, 20)),
    ]
    assert by_articles(dedup(reports)) == [("a", "b"), ("c",)]


def test_result_does_not_depend_on_input_order():
    reports = [(f"w{i:02}", attack(on=date(2024, 3, 1 + i % 9), at=[KANO, FAR_OTHER_STATE][i % 2],
                                   dead=i))
               for i in range(30)]
    expected = [(c.id, c.sources, c.size) for c in dedup(reports)]
    for seed in range(5):
        shuffled = reports[:]
        random.Random(seed).shuffle(shuffled)
        assert [(c.id, c.sources, c.size) for c in dedup(shuffled)] == expected
    # every event is in exactly one cluster
    assert sorted(s for _, sources, _ in expected for s in sources) == sorted(
        (a, e.id) for a, e in reports)


def test_events_of_one_article_can_merge_and_ids_are_distinct():
    reports = [("a", attack("E1")), ("a", attack("E2")), ("b", attack("E1"))]
    (cluster,) = dedup(reports)
    assert cluster.article_ids == ("a", "b")
    assert cluster.sources == (("a", "E1"), ("a", "E2"), ("b", "E1"))


def test_clusters_are_sorted_by_date():
    reports = [("late", attack(on=date(2024, 5, 1))), ("none", attack(on=None)),
               ("early", attack(on=date(2024, 1, 1)))]
    assert [c.article_ids for c in dedup(reports)] == [("early",), ("late",), ("none",)]


def test_sourced_events_from_codings():
    meta = Meta(version="test", model="none")
    codings = [
        Coding(article=Article(id="x", text="Gunmen killed villagers.", published=DAY),
               meta=meta, events=(attack("E1"), attack("E2", kind="PROTEST"))),
        Coding(article=Article(id="y", text="Nothing happened."), meta=meta),
    ]
    items = list(sourced_events(codings))
    assert [(i.article_id, i.event.id, i.published) for i in items] == [
        ("x", "E1", DAY), ("x", "E2", DAY)]


@pytest.mark.parametrize("options", [{"window_days": -1}, {"window_days": 1.5}, {"km": -3},
                                     {"km": float("nan")}, {"size_rule": "mean"}])
def test_bad_options_are_option_errors(options):
    with pytest.raises(OptionError) as caught:
        dedup([("a", attack())], **options)
    assert caught.value.code == "E205"


def test_repeated_event_is_an_error():
    with pytest.raises(OptionError, match="unique"):
        dedup([("a", attack()), ("a", attack())])


def test_cluster_rows_are_flat_and_keep_every_source():
    unknown = Actor(id="A7", text="gunmen", name="gunmen", kind="group")
    reports = [("wire-a", attack(dead=5)), ("wire-b", attack(dead=7)),
               ("wire-c", attack(kind="PROTEST", actors=(unknown,), recipients=()))]
    rows, members = cluster_rows(dedup(reports))
    assaults = next(r for r in rows if r.event == "ASSAULT")
    assert (assaults.n_articles, assaults.n_events, assaults.dead) == (2, 2, 7)
    assert (assaults.actors, assaults.recipients) == ("NGA:REB", "NGA:CVL")
    assert (assaults.place, assaults.geonameid, assaults.country) == ("Kano", 2335204, "NGA")
    protest = next(r for r in rows if r.event == "PROTEST")
    assert (protest.actors, protest.recipients) == ("-:-", "")
    assert sorted((m.cluster_id == assaults.cluster_id, m.uid) for m in members) == [
        (False, "wire-c/E1"), (True, "wire-a/E1"), (True, "wire-b/E1")]
