"""The places stage, third part: addresses the model misreads (place chains it takes for a
person or an organisation, or for one name), the lexicon's spellings, and the shortcuts that
keep the stage cheap without changing what it says.

Every sentence here is ours, written in wire style. The index is the real, full one (see
``tests/test_places.py``).
"""

from __future__ import annotations

import dataclasses

import pytest

from eventwire import actors, nlp, places
from eventwire.places import Gazetteer
from eventwire.places._extract import _address_actor, _after_in, _split_dashed
from eventwire.places._index import LOOSE, Candidate, _level
from eventwire.places._locate import _Mentions
from eventwire.places._resolve import WEIGHTS, _compute_prior, _near, _prior, distance_km
from eventwire.records import Actor, Article, Found, Place, Span
from test_places import _resolve_all


def _coded(text: str) -> dict[str, Place]:
    """The places of a text after the actors stage, as the pipeline runs them."""
    doc = nlp.parse(text)
    article = Article(id="t", text=text)
    found = Found(actors=actors.extract(doc, article, Found()))
    return {p.text: p for p in places.extract(doc, article, found)}


# --------------------------------------------------------------------------------------------
# addresses read as actors or as one name


@pytest.mark.parametrize(("name", "address"), [
    ("Cuernavaca, Morelos", True),  # town, state
    ("Matiacoali, Gourma", True),  # an unknown village, then its province
    ("Berlin - Pankow", True),  # city - district, the container first
    ("Baramulla city", True),  # a place and the kind of place it is
    ("Baramulla Police", False),  # an organisation's word
    ("Smith, Jones", False),  # no known container
    ("Barrow Street Partners", False),  # not a chain
])
def test_address_actors(gazetteer: Gazetteer, name: str, address: bool) -> None:
    text = f"Officials said {name} had called the meeting."
    start = text.index(name)
    assert _address_actor(text, start, start + len(name), gazetteer) is address


def test_a_place_chain_read_as_an_organisation_stays_places() -> None:
    found = _coded("On Monday, in Cuernavaca, Morelos, mothers of missing people marched to "
                   "the state congress.")
    assert found["Cuernavaca"].country == "MEX"
    assert found["Morelos"].feature_code == "ADM1"


def test_a_town_and_its_province_read_as_people(gazetteer: Gazetteer) -> None:
    found = _coded("Russian forces shelled Rubizhne, Luhansk. No casualties were reported.")
    assert found["Rubizhne"].country == "UKR"
    assert found["Rubizhne"].admin1 == found["Luhansk"].name


def test_a_person_and_a_state_stay_a_person() -> None:
    # the state is a place; the man is not a place in it
    assert "John Smith" not in _coded("Police questioned John Smith, Texas.")


def test_a_comma_chain_taken_for_one_name_is_split(gazetteer: Gazetteer) -> None:
    text = "Teachers marched in Zacatecas, Zacatecas on Monday."
    start = text.index("Zacatecas")
    spans = _split_dashed({(start, start + len("Zacatecas, Zacatecas")): None}, text, gazetteer)
    assert [text[s:e] for s, e in spans] == ["Zacatecas", "Zacatecas"]
    known = text.index("Teachers")  # a known whole, or an unknown part, stays whole
    assert list(_split_dashed({(known, known + 8): None}, text, gazetteer)) == [(known,
                                                                                 known + 8)]


def test_a_landmark_in_a_city_is_the_city(gazetteer: Gazetteer) -> None:
    text = "Activists rallied in front of the City Hall in Malmo on Friday."
    start = text.index("City Hall")
    end = text.index(" on Friday")
    assert text[slice(*_after_in(text, start, end, gazetteer))] == "Malmo"


def test_a_division_does_not_fit_a_country_it_only_borders(gazetteer: Gazetteer) -> None:
    text = "Soldiers razed a field in Beit Safafa town (Al Quds, West Bank) on Sunday."
    chosen = _resolve_all(gazetteer, text, ["Al Quds", "West Bank"])
    # Israel's Jerusalem district is a namesake here: unknown, and the West Bank places it
    assert chosen["Al Quds"] is None or chosen["Al Quds"].cc == "PS"
    assert chosen["West Bank"] is not None and chosen["West Bank"].cc == "PS"


def test_the_outskirts_of_a_town_read_as_a_person() -> None:
    found = _coded("In the outskirts of Heroica Puebla de Zaragoza, Puebla, women protested "
                   "outside the prison.")
    assert {p.country for p in found.values() if p.geonameid} == {"MEX"}


def test_a_division_named_with_its_kind_is_chained() -> None:
    found = _coded("Gunmen clashed with vigilantes in Kwanan Dutse, Mariga LGA (Niger) on Monday.")
    assert found["Niger"].country == "NGA"  # the state, as Mariga lies in it


def test_unknown_names_in_a_bracketed_address_still_chain(gazetteer: Gazetteer) -> None:
    text = "Parents protested near Ngara (Starehe, Nairobi county) on Monday."
    chosen = _resolve_all(gazetteer, text, ["Ngara", "Nairobi county"])
    # Ngara is only known in Tanzania: a namesake, not the place in Nairobi
    assert chosen["Ngara"] is None or chosen["Ngara"].cc == "KE"
    assert chosen["Nairobi county"] is not None and chosen["Nairobi county"].cc == "KE"


# --------------------------------------------------------------------------------------------
# the lexicon


@pytest.mark.parametrize(("text", "name", "country", "kind"), [
    ("Police beat a detainee in the village of Sokuluk in Chui region.", "Chui", "KGZ", "ADM1"),
    ("Clerks held a sit-in at Poonch city (J&K) on Tuesday.", "J&K", "IND", "ADM1"),
    ("Graduates demonstrated in Wassit province on Sunday.", "Wassit", "IRQ", "ADM1"),
    ("A bomb killed two men in the market of Amara city.", "Amara", "IRQ", "PPL"),
])
def test_lexicon_spellings(text: str, name: str, country: str, kind: str) -> None:
    # the model may or may not take the division word into the name
    place = next(p for p in _coded(text).values() if p.text.startswith(name))
    assert place.country == country
    assert place.feature_code == kind


def test_coded_to_places_the_event() -> None:
    text = ("Armed men looted a bus between two villages, coded to Mutarule (Ruzizi, Uvira, "
            "Sud-Kivu).")
    doc = nlp.parse(text)
    found = places.extract(doc, Article(id="t", text=text), Found())
    sentence = next(iter(doc.sents))
    place = places.locate(sentence, sentence.root.idx, Found(places=found))
    assert place is not None and place.text == "Uvira"


# --------------------------------------------------------------------------------------------
# the shortcuts say what the long way says


def test_candidate_level_is_stored(gazetteer: Gazetteer) -> None:
    for cand in gazetteer.lookup("Raqqa") + gazetteer.lookup("Syria"):
        assert cand.level == _level(cand.fcode)
    assert Candidate(1, "x", "PCLI", 0.0, 0.0, "SY", "", None, 0, 0).level == 1


def test_prior_memo_matches_the_prior(gazetteer: Gazetteer) -> None:
    cands = gazetteer.lookup("Springfield")
    assert [_prior(c, WEIGHTS) for c in cands] == [_compute_prior(c, WEIGHTS) for c in cands]
    heavier = dataclasses.replace(WEIGHTS, population=2.0)  # other weights: not memoised
    assert [_prior(c, heavier) for c in cands] == [_compute_prior(c, heavier) for c in cands]


def test_lookups_without_guesses(gazetteer: Gazetteer) -> None:
    assert any(c.match == LOOSE for c in gazetteer.candidates("Tikritt"))
    assert not any(c.match == LOOSE for c in gazetteer.candidates("Tikritt", guesses=False))
    assert gazetteer.candidates("Raqqa", guesses=False) == gazetteer.candidates("Raqqa")


@pytest.mark.parametrize(("a", "b"), [((35.0, 39.0), (36.3, 39.0)), ((35.0, 39.0), (35.5, 40.6)),
                                      ((0.0, 0.0), (1.3, 0.5)), ((60.0, 10.0), (61.4, 10.0))])
def test_near_shortcut_agrees_with_the_formula(a: tuple[float, float],
                                               b: tuple[float, float]) -> None:
    one = Candidate(1, "a", "PPL", *a, "SY", "", None, 0, 0)
    two = Candidate(2, "b", "PPL", *b, "SY", "", None, 0, 0)
    for km in (30.0, 60.0, 150.0):
        assert _near(one, two, km) is (distance_km(*a, *b) <= km)


def test_mentions_within_a_sentence() -> None:
    place = Place(id="P1", text="X", spans=(Span(10, 15), Span(40, 45), Span(80, 85)))
    other = Place(id="P2", text="Y", lat=1.0, lon=1.0, spans=(Span(20, 25),))
    arranged = _Mentions.of((place, other))
    assert [(s, e) for s, e, _p in arranged.within(10, 45)] == [(10, 15), (20, 25), (40, 45)]
    assert arranged.within(46, 79) == []
    assert arranged.resolved_starts == frozenset({20})


def test_a_container_in_a_second_bracket_is_a_place() -> None:
    found = _coded("Jets struck Hays (coded to district level) (Al Hudaydah). No casualties "
                   "were reported.")
    assert found["Hays"].country == "YEM"


def test_a_container_behind_a_division_word_is_a_place() -> None:
    found = _coded("Men attacked a journalist on a highway in Daudkandi upazila (Comilla) on "
                   "Monday.")
    assert found["Comilla"].country == "BGD"


def _with_ents(text: str, ents: list[tuple[str, str]], found: Found | None = None
               ) -> list[str]:
    """The mentions found in ``text`` with the model's entities set by hand."""
    doc = nlp.parse(text)
    spans = [doc.char_span(text.index(name), text.index(name) + len(name), label=label)
             for name, label in ents]
    doc.set_ents(spans, default="outside")
    return [name for name, _s, _e in places.find_mentions(doc, found or Found(),
                                                          Gazetteer.default())]


def test_an_unknown_village_and_its_province_read_as_people_are_places(
        gazetteer: Gazetteer) -> None:
    assert not gazetteer.candidates("Bila Hora", guesses=False)
    text = "Russian forces shelled Bila Hora, Luhansk. Casualties unknown."
    assert _with_ents(text, [("Bila Hora", "PERSON"), ("Luhansk", "PERSON")]) == [
        "Bila Hora", "Luhansk"]
    # a person and a state the model read as a place stay a person
    text = "Police questioned Bila Hora, Texas."
    assert "Bila Hora" not in _with_ents(text, [("Bila Hora", "PERSON"), ("Texas", "GPE")])


def test_an_actor_cut_through_a_town_and_its_kind_does_not_hide_the_town() -> None:
    def found(text: str, name: str) -> Found:
        start = text.index(name)
        return Found(actors=(Actor(id="A1", text=name, name=name, kind="organisation",
                                   spans=(Span(start, start + len(name)),)),))

    text = "A policeman was killed by gunmen in Speney Adda of Herat city on Monday."
    actor = found(text, "Speney Adda of Herat")
    assert "Herat" in _with_ents(text, [("Speney Adda of Herat", "ORG")], actor)
    text = "A spokesman for the Speney Adda of Herat said two guards were hurt."
    actor = found(text, "Speney Adda of Herat")
    assert "Herat" not in _with_ents(text, [("Speney Adda of Herat", "ORG")], actor)
