"""The places stage, third part: famous cities against their namesakes, "department" as a
country's first- or second-level division, and events told in a sentence that names no place.

Every sentence here is ours, written in wire style. The index is the real, full one (see
``tests/test_places.py``).
"""

from __future__ import annotations

import pytest

from eventwire import nlp, places
from eventwire.places import Gazetteer, _locate, _resolve
from eventwire.places._resolve import Candidate
from eventwire.records import Actor, Article, Found, Span
from test_places import _locate as _locate_at
from test_places_context import _resolve_all

# The rule switched off: no prior bonus for a famous city, full country evidence for its
# namesakes.
_NOT_FAMOUS = {"famous": 0.0, "overshadowed": 1.0}




def _where(cand: Candidate | None) -> tuple[str, str] | None:
    return (cand.cc, cand.fcode) if cand is not None else None


# --------------------------------------------------------------------------------------------
# famous cities


def test_a_capital_is_not_a_namesake_in_a_country_named_elsewhere(gazetteer: Gazetteer) -> None:
    text = ("Bombs exploded in Bogota on Friday, and officials in the United States condemned "
            "the attacks.")
    names = ["Bogota", "United States"]
    assert _where(_resolve_all(gazetteer, text, names)["Bogota"]) == ("CO", "PPLC")
    assert _where(_resolve_all(gazetteer, text, names, **_NOT_FAMOUS)["Bogota"]) == (
        "US", "PPL")


def test_a_capital_beats_a_same_name_province_abroad(gazetteer: Gazetteer) -> None:
    text = "Students marched through Santiago on Thursday to demand lower fares."
    assert _where(_resolve_all(gazetteer, text, ["Santiago"])["Santiago"]) == ("CL", "PPLC")
    assert _where(_resolve_all(gazetteer, text, ["Santiago"], **_NOT_FAMOUS)["Santiago"]) == (
        "DO", "ADM1")


def test_a_country_in_a_list_does_not_take_the_capital(gazetteer: Gazetteer) -> None:
    text = ("Speaking in San Salvador, the president asked Spain, Mexico, Venezuela and "
            "Nicaragua to mediate.")
    names = ["San Salvador", "Spain", "Mexico", "Venezuela", "Nicaragua"]
    assert _where(_resolve_all(gazetteer, text, names)["San Salvador"]) == ("SV", "PPLC")
    assert _where(_resolve_all(gazetteer, text, names, **_NOT_FAMOUS)["San Salvador"]) == (
        "MX", "ADM2")


def test_a_namesake_with_its_state_written_still_wins(gazetteer: Gazetteer) -> None:
    text = "A water main broke in Bogota, New Jersey, flooding two streets."
    found = _resolve_all(gazetteer, text, ["Bogota", "New Jersey"])
    assert (found["Bogota"].cc, found["Bogota"].a1) == ("US", "NJ")


def test_another_name_of_a_capital_is_not_famous(gazetteer: Gazetteer) -> None:
    """"Mexico" is an alternate name of Mexico City, but means the country."""
    cands = gazetteer.lookup("Mexico")
    city = next(c for c in cands if c.fcode == "PPLC")
    assert not _resolve._is_famous(city)
    text = "Flights from Mexico City to Europe resumed, the government of Mexico said."
    assert _resolve_all(gazetteer, text, ["Mexico City", "Europe", "Mexico"])[
        "Mexico"].fcode == "PCLI"


# --------------------------------------------------------------------------------------------
# departments


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Soldiers clashed with guerrillas in Bolivar department on Sunday.", "Bolivar", "CO"),
    ("Soldiers clashed with guerrillas in Sucre department on Sunday.", "Sucre", "CO"),
    ("Soldiers clashed with guerrillas in Morazan department on Sunday.", "Morazan", "SV"),
    ("Soldiers clashed with guerrillas in the Morazan Department on Sunday.",
     "Morazan Department", "SV"),
])
def test_a_department_is_first_level_where_departments_are(
        gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch, text: str, name: str,
        country: str) -> None:
    found = _resolve_all(gazetteer, text, [name])[name]
    assert (found.cc, found.fcode) == (country, "ADM1")
    monkeypatch.setattr(_resolve, "_department_level", lambda cc: 9)  # the rule switched off
    assert _where(_resolve_all(gazetteer, text, [name])[name]) != (country, "ADM1")


def test_a_french_department_is_second_level(gazetteer: Gazetteer) -> None:
    text = "Farmers blocked roads in the Gers department on Monday."
    assert _where(_resolve_all(gazetteer, text, ["Gers"])["Gers"]) == ("FR", "ADM2")
    assert _resolve._department_level("FR") == 3
    assert _resolve._department_level("CO") == 2


# --------------------------------------------------------------------------------------------
# events told after the sentence that names the place


_STORY = ("Gunmen attacked a bus near Kandahar on Monday. They killed four passengers and "
          "burned the vehicle.")


def test_an_event_takes_the_place_of_an_earlier_sentence_of_its_paragraph() -> None:
    place = _locate_at(_STORY, "killed")
    assert place is not None and place.name == "Kandahār"


def test_without_the_rule_the_later_sentence_has_no_place(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_locate, "_earlier_in_paragraph", lambda sentence, found: None)
    assert _locate_at(_STORY, "killed") is None


@pytest.mark.parametrize("gap", ["\n\n", "\n"])
def test_a_new_paragraph_does_not_inherit_the_place(gap: str) -> None:
    text = _STORY.replace(" They killed", gap + "They killed")
    if gap == "\n":
        text = text + "\nPolice said on Tuesday that three men were arrested."
    assert _locate_at(text, "killed") is None


def test_a_destination_of_the_earlier_sentence_is_not_inherited() -> None:
    text = ("The minister flew to Kandahar on Monday. Gunmen killed four passengers of a bus "
            "that evening.")
    assert _locate_at(text, "killed") is None


# --------------------------------------------------------------------------------------------
# a division's name written with a comma


def test_a_capital_district_written_with_a_comma_is_one_name() -> None:
    text = "Workers marched in Bogota, D.C., on Sunday to demand higher wages."
    doc = nlp.parse(text)
    found = places.extract(doc, Article(id="t", text=text), Found())
    assert [(p.text, p.country) for p in found] == [("Bogota, D.C.", "COL")]


def test_a_town_and_its_state_stay_two_names() -> None:
    text = "Workers marched in Springfield, Illinois, on Sunday to demand higher wages."
    doc = nlp.parse(text)
    found = places.extract(doc, Article(id="t", text=text), Found())
    assert [p.text for p in found] == ["Springfield", "Illinois"]


# --------------------------------------------------------------------------------------------
# common words


def test_an_unresolved_common_word_is_no_place(gazetteer: Gazetteer) -> None:
    text = "Rebels blew up the Facilities of the power company near Kandahar."
    mentions = [(name, text.index(name), text.index(name) + len(name))
                for name in ("Facilities", "Kandahar")]
    found = places.places_from_mentions(mentions, text, gazetteer)
    assert [p.text for p in found] == ["Kandahar"]


def test_an_unresolved_name_that_is_no_word_stays(gazetteer: Gazetteer) -> None:
    text = "Rebels attacked Qwazibeki near Kandahar."
    mentions = [(name, text.index(name), text.index(name) + len(name))
                for name in ("Qwazibeki", "Kandahar")]
    found = places.places_from_mentions(mentions, text, gazetteer)
    assert [(p.text, p.geonameid is None) for p in found] == [("Qwazibeki", True),
                                                               ("Kandahar", False)]


def test_a_place_that_is_also_a_word_stays(gazetteer: Gazetteer) -> None:
    text = "Floods closed roads around Reading on Monday."
    found = places.places_from_mentions(
        [("Reading", text.index("Reading"), text.index("Reading") + 7)], text, gazetteer)
    assert [(p.text, p.country) for p in found] == [("Reading", "GBR")]


# --------------------------------------------------------------------------------------------
# actors that do not hide places


def _mentions_with(text: str, *actors: tuple[str, str]) -> list[str]:
    """The place mentions found beside hand-made actors (text as written, kind)."""
    doc = nlp.parse(text)
    found = Found(actors=tuple(
        Actor(id=f"A{i}", text=written, name=written, kind=kind,  # type: ignore[arg-type]
              spans=(Span(text.index(written), text.index(written) + len(written)),))
        for i, (written, kind) in enumerate(actors, start=1)))
    return [name for name, _s, _e in places.find_mentions(doc, found, Gazetteer.default())]


def test_an_actor_cut_through_a_bracket_hides_no_place() -> None:
    text = "On Monday, in Barranquilla (Atlantico), gunmen shot a shopkeeper."
    assert "Barranquilla" in _mentions_with(text, ("Barranquilla (Atlantico", "organisation"))
    # a whole organisation's name still hides the place in it
    assert "Barranquilla" not in _mentions_with(text, ("Barranquilla (Atlantico)",
                                                       "organisation"))


def test_a_person_in_a_bracketed_address_is_a_place() -> None:
    text = "Gunmen killed two herders near Ouattagouna village (Ansongo, Gao) on Sunday."
    assert "Gao" in _mentions_with(text, ("Gao", "person"))
    assert "Ansongo" in _mentions_with(text, ("Ansongo", "person"))


def test_a_person_in_brackets_after_a_common_word_stays_a_person() -> None:
    text = "The spokesman (Gao) said on Sunday that the talks had failed."
    assert "Gao" not in _mentions_with(text, ("Gao", "person"))
