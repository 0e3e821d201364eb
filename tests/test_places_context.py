"""The places stage, second part: the article as context (votes of the other names, county
seats), chains that must fit, names the model cuts or pads, and event location when the parse
or the gazetteer lets us down.

Every sentence here is ours, written in wire style. The index is the real, full one (see
``tests/test_places.py``).
"""

from __future__ import annotations

import pytest

from eventwire import nlp, places
from eventwire.places import Gazetteer
from eventwire.places._index import LOOSE
from eventwire.places._locate import _role_by_words
from eventwire.records import Article, Found, Place
from test_places import _locate, _resolve_all


def _extract(text: str) -> dict[str, Place]:
    found = places.extract(nlp.parse(text), Article(id="t", text=text), Found())
    return {p.text: p for p in found}


# --------------------------------------------------------------------------------------------
# the other names' votes


def test_small_names_agree_on_their_state(gazetteer: Gazetteer) -> None:
    text = ("Sheriffs in Wayne, Holmes, Knox and Ashland counties asked drivers to stay home "
            "on Tuesday.")
    names = ["Wayne", "Holmes", "Knox", "Ashland"]
    found = _resolve_all(gazetteer, text, names)
    assert {(c.cc, c.a1) for c in found.values() if c is not None} == {("US", "OH")}
    # each name alone follows its biggest namesake: the votes are what brings them together
    alone = _resolve_all(gazetteer, text, names, support=0.0)
    assert {(c.cc, c.a1) for c in alone.values() if c is not None} != {("US", "OH")}


def test_a_town_in_a_county_the_article_names(gazetteer: Gazetteer) -> None:
    text = "Marshall police arrested two men on Friday, the Harrison County sheriff said."
    found = _resolve_all(gazetteer, text, ["Marshall", "Harrison County"])
    assert (found["Marshall"].cc, found["Marshall"].a1) == ("US", "TX")
    assert found["Harrison County"].a1 == "TX"
    alone = _resolve_all(gazetteer, text, ["Marshall", "Harrison County"], county_seat=0.0)
    assert alone["Harrison County"].a1 != "TX"


def test_a_name_does_not_vote_for_itself(gazetteer: Gazetteer) -> None:
    text = "Flights from Mexico City to Europe resumed, the government of Mexico said."
    found = _resolve_all(gazetteer, text, ["Mexico City", "Europe", "Mexico"])
    assert found["Mexico"].fcode == "PCLI"
    assert found["Mexico City"].fcode == "PPLC"


def test_votes_do_not_make_a_state_a_village(gazetteer: Gazetteer) -> None:
    text = ("Drought hit Ohio, Oregon, Nevada, Virginia and Missouri hardest, the report "
            "said.")
    found = _resolve_all(gazetteer, text, ["Ohio", "Oregon", "Nevada", "Virginia", "Missouri"])
    assert all(c is not None and c.fcode == "ADM1" for c in found.values())


# --------------------------------------------------------------------------------------------
# chains that must fit


def test_in_support_of_is_no_chain(gazetteer: Gazetteer) -> None:
    text = "Activists rallied in Valletta in support of Ukraine on Sunday."
    found = _resolve_all(gazetteer, text, ["Valletta", "Ukraine"])
    assert found["Valletta"] is not None and found["Valletta"].cc == "MT"


def test_town_before_a_town_container_abroad_is_a_namesake(gazetteer: Gazetteer) -> None:
    text = "Gunmen attacked Springfield town in Hasakeh countryside on Monday."
    found = _resolve_all(gazetteer, text, ["Springfield", "Hasakeh"])
    assert found["Springfield"] is None
    assert found["Hasakeh"].cc == "SY"


def test_division_before_a_country_it_is_not_in(gazetteer: Gazetteer) -> None:
    text = "A bomb exploded in a market in Nangarhar (Pakistan), police said."
    found = _resolve_all(gazetteer, text, ["Nangarhar", "Pakistan"])
    assert found["Nangarhar"] is None
    assert found["Pakistan"].fcode == "PCLI"


def test_town_comma_container_is_a_chain(gazetteer: Gazetteer) -> None:
    # Ankara's Yenimahalle is not in Istanbul: the Istanbul one is not in the gazetteer
    text = "Doctors protested in Yenimahalle town, Istanbul on Monday."
    found = _resolve_all(gazetteer, text, ["Yenimahalle", "Istanbul"])
    assert found["Yenimahalle"] is None
    assert (found["Istanbul"].cc, found["Istanbul"].a1) == ("TR", "34")


def test_district_of_a_province_it_is_not_in(gazetteer: Gazetteer) -> None:
    text = "Gunmen killed a farmer in Kent district of Punjab on Monday."
    found = _resolve_all(gazetteer, text, ["Kent", "Punjab"])
    assert found["Kent"] is None
    assert found["Punjab"] is not None and found["Punjab"].fcode == "ADM1"


def test_a_namesake_close_by_shares_the_verdict(gazetteer: Gazetteer) -> None:
    text = "Troops razed a shed in Nangarhar - Qwazibeki (Nangarhar, Pakistan) on Monday."
    mentions = [("Nangarhar", 23, 32), ("Qwazibeki", 35, 44), ("Nangarhar", 46, 55),
                ("Pakistan", 57, 65)]
    assert [text[s:e] for _n, s, e in mentions] == [n for n, _s, _e in mentions]
    first, _village, second, country = places.resolve(gazetteer, mentions, text)
    assert first is None and second is None and country is not None


def test_division_before_its_own_country_stays(gazetteer: Gazetteer) -> None:
    text = "A bomb exploded in a market in Nangarhar (Afghanistan), police said."
    found = _resolve_all(gazetteer, text, ["Nangarhar", "Afghanistan"])
    assert found["Nangarhar"] is not None and found["Nangarhar"].cc == "AF"


def test_a_sea_is_no_stray_town(gazetteer: Gazetteer) -> None:
    text = "Warships sailed in the Mediterranean off Latakia and Tartus, Syria, on Monday."
    found = _resolve_all(gazetteer, text, ["Mediterranean", "Latakia", "Tartus", "Syria"])
    assert found["Mediterranean"] is not None and found["Mediterranean"].fcode == "SEA"


def test_a_sea_near_a_town_is_not_a_misfit(gazetteer: Gazetteer) -> None:
    text = "The river winds to the Gulf of Mexico near Beaumont, Texas."
    found = _resolve_all(gazetteer, text, ["Gulf of Mexico", "Beaumont", "Texas"])
    assert found["Gulf of Mexico"] is not None


def test_a_countrys_city_is_the_country(gazetteer: Gazetteer) -> None:
    text = "It is one of ten U.S. city programmes to win the grant."
    found = _resolve_all(gazetteer, text, ["U.S."])
    assert found["U.S."] is not None and found["U.S."].fcode == "PCLI"


def test_a_towns_airport_is_at_the_town(gazetteer: Gazetteer) -> None:
    text = "Flights resumed at Kabul airport on Monday."
    found = _resolve_all(gazetteer, text, ["Kabul"])
    assert found["Kabul"] is not None and found["Kabul"].cc == "AF"


# --------------------------------------------------------------------------------------------
# names


def test_doubled_letter_spelling_of_a_plain_name(gazetteer: Gazetteer) -> None:
    # the index files no loose key for "Tikrit" (it equals the strict one)
    found = gazetteer.lookup("Tikritt")
    assert found and {c.cc for c in found} == {"IQ"} and found[0].match == LOOSE


def test_a_country_modifying_troops_is_no_place() -> None:
    found = _extract("Fighting broke out between the rebels and around 150 Myanmar military "
                     "troops in Qwazibeki village (Gangaw district, Magway region).")
    assert "Myanmar" not in found
    assert found["Gangaw district"].country == "MMR"


def test_a_holiday_is_no_place() -> None:
    text = "On 1 May, in Bogota, workers marched to mark International Workers' Day."
    found = _extract(text)
    assert "Day" not in found
    assert found["Bogota"].country == "COL"


def test_a_hyphenated_name_is_taken_whole() -> None:
    found = _extract("Taliban fighters attacked a checkpoint in Mazar-i-Sharif on Monday.")
    assert "Mazar-i-Sharif" in found and found["Mazar-i-Sharif"].country == "AFG"
    assert "Mazar" not in found


def test_a_direction_word_is_not_part_of_the_name() -> None:
    found = _extract("Students marched in Eastern Mosul on Monday, and police in Northern "
                     "Ireland made arrests.")
    assert found["Mosul"].country == "IRQ"
    assert "Northern Ireland" in found


def test_an_unknown_name_before_its_province_is_a_place() -> None:
    found = _extract("Shells hit houses near Qwazibeki, Luhansk, on Monday.")
    assert "Qwazibeki" in found and found["Qwazibeki"].geonameid is None
    assert found["Luhansk"].country == "UKR"


# --------------------------------------------------------------------------------------------
# event location


@pytest.mark.parametrize(("text", "name", "role"), [
    ("Workers in Tocoa held a protest on Monday.", "Tocoa", "loc"),
    ("Workers in central Tocoa held a protest on Monday.", "Tocoa", "loc"),
    ("Troops shelled Tocoa on Monday.", "Tocoa", "bare"),
    ("Families who fled from Tocoa arrived on Monday.", "Tocoa", "entry"),
    ("The two men later returned to Tocoa.", "Tocoa", "dir"),
])
def test_role_read_from_the_words_before(text: str, name: str, role: str) -> None:
    # what a mention's role falls back on when the parse hangs it on the subject and loses its
    # preposition ("On Tuesday, in X, Y, drivers held ..." parsed with X under "drivers")
    doc = nlp.parse(text)
    token = next(t for t in doc if t.text == name)
    assert _role_by_words(token) == role


def test_locate_origin_when_nothing_else() -> None:
    place = _locate("Soldiers expelled 200 families from Aleppo on Friday.", "expelled")
    assert place is not None and place.text == "Aleppo"


def test_locate_origin_yields_to_the_site() -> None:
    place = _locate("Families who fled from Aleppo protested in Gaziantep on Monday.",
                    "protested")
    assert place is not None and place.text == "Gaziantep"


def test_locate_unknown_place_yields_to_a_known_one_of_the_sentence() -> None:
    place = _locate("A bomb wounded two children in the Qwazibeki area; Helmand officials "
                    "blamed the Taliban.", "wounded")
    assert place is not None and place.name == "Helmand"
