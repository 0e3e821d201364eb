"""The places stage: name folding, the real gazetteer index, ranking in context, extraction from
parsed sentences (people, organisations, demonyms and metonymy are not places) and event location.

Every sentence here is ours, written in wire style. The index is the real, full one, built into
the cache on first use (``EVENTWIRE_CACHE`` or the user's cache directory; ~20-50 s once).
"""

from __future__ import annotations

import dataclasses

import pytest
from click.testing import CliRunner

from eventwire import nlp, places
from eventwire.cli.places import commands
from eventwire.places import Gazetteer
from eventwire.places._extract import _chained
from eventwire.places._fold import fold, loose
from eventwire.places._resolve import WEIGHTS, Candidate
from eventwire.records import Actor, Article, Found, Place, Span

RAQQA, FALLUJAH, KOBANI, KYIV = 172955, 99454, 172256, 703448


def _extract(text: str, found: Found | None = None) -> tuple[Place, ...]:
    return places.extract(nlp.parse(text), Article(id="t", text=text), found or Found())


def _by_text(found: tuple[Place, ...]) -> dict[str, Place]:
    return {p.text: p for p in found}


# --------------------------------------------------------------------------------------------
# folding


@pytest.mark.parametrize(("a", "b"), [
    ("Ar-Raqqah", "ar Raqqah"),
    ("Ayn al-Arab", "‘Ayn al ‘Arab"),
    ("Kyiv", "KYIV"),
    ("São Paulo", "Sao Paulo"),
    ("N'Djamena", "NDjamena"),
    ("St. Louis", "St Louis"),
    ("Bosnia-Herzegovina", "Bosnia Herzegovina"),
])
def test_fold_meets_spellings(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_fold_keeps_different_names_apart() -> None:
    assert fold("Raqqa") != fold("Ramadi")
    assert fold("Niger") != fold("Nigeria")


@pytest.mark.parametrize(("a", "b"), [("Falluja", "Fallujah"), ("Rakka", "Raqqa"),
                                      ("Raqqah", "Raqqa")])
def test_loose_meets_transliterations(a: str, b: str) -> None:
    assert loose(fold(a)) == loose(fold(b))


# --------------------------------------------------------------------------------------------
# the real index


def test_index_is_the_full_gazetteer(gazetteer: Gazetteer) -> None:
    stats = gazetteer.stats()
    assert stats["places"] > 250_000
    assert stats["names"] > 800_000


@pytest.mark.parametrize(("name", "gid"), [
    ("Raqqa", RAQQA), ("Ar-Raqqah", RAQQA), ("Rakka", RAQQA), ("AR RAQQAH", RAQQA),
    ("Falluja", FALLUJAH), ("Fallujah", FALLUJAH), ("Al-Fallujah", FALLUJAH),
    ("Kobani", KOBANI), ("Ayn al-Arab", KOBANI), ("Kiev", KYIV), ("Kyiv", KYIV),
])
def test_spellings_resolve_to_one_place(gazetteer: Gazetteer, name: str, gid: int) -> None:
    text = f"Fighting was reported in {name} on Monday."
    start = text.index(name)
    (best,) = places.resolve(gazetteer, [(name, start, start + len(name))], text)
    assert best is not None and best.gid == gid


@pytest.mark.parametrize(("abbr", "division", "cc"), [
    ("Ky.", "Kentucky", "US"), ("Calif.", "California", "US"), ("B.C.", "British Columbia", "CA"),
    ("NSW", "New South Wales", "AU"), ("Que.", "Quebec", "CA"),
])
def test_abbreviations(gazetteer: Gazetteer, abbr: str, division: str, cc: str) -> None:
    best = places.lookup(abbr)[0]
    assert (best.fcode, best.cc) == ("ADM1", cc)
    assert fold(best.name) == fold(division)


def test_lowercase_word_is_not_an_abbreviation(gazetteer: Gazetteer) -> None:
    assert all(c.match != places.MATCH_NAMES.index("abbreviation")
               for c in gazetteer.lookup("in"))


def test_unknown_name_has_no_candidates(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Qxzvbrrtown") == []


def test_lookup_filters_by_country() -> None:
    found = places.lookup("Springfield", country="USA", limit=3)
    assert len(found) == 3 and {c.cc for c in found} == {"US"}
    assert places.lookup("Springfield", country="US", limit=3) == found


# --------------------------------------------------------------------------------------------
# ranking in context


def _resolve_all(gazetteer: Gazetteer, text: str, names: list[str],
                 **weights: float) -> dict[str, Candidate | None]:
    mentions, at = [], 0
    for name in names:
        at = text.index(name, at)
        mentions.append((name, at, at + len(name)))
        at += len(name)
    chosen = places.resolve(gazetteer, mentions, text,
                            dataclasses.replace(WEIGHTS, **weights) if weights else WEIGHTS)
    return {m[0]: c for m, c in zip(mentions, chosen, strict=True)}


def test_abbreviation_picked_by_context(gazetteer: Gazetteer) -> None:
    au = _resolve_all(gazetteer, "Firefighters battled a blaze near Perth, WA, on Sunday.",
                      ["Perth", "WA"])
    us = _resolve_all(gazetteer, "Firefighters battled a blaze near Spokane, WA, on Sunday.",
                      ["Spokane", "WA"])
    assert (au["WA"].cc, au["Perth"].cc) == ("AU", "AU")
    assert (us["WA"].cc, us["Spokane"].cc) == ("US", "US")


def test_parenthesised_admin_chain(gazetteer: Gazetteer) -> None:
    text = "Villagers beat a suspected thief to death in Minakulu sub-county (Oyam, Northern)."
    found = _resolve_all(gazetteer, text, ["Oyam", "Northern"])
    assert found["Northern"].fcode == "ADM1" and found["Northern"].cc == "UG"
    assert found["Oyam"].cc == "UG"


def test_same_name_town_follows_its_state(gazetteer: Gazetteer) -> None:
    ga = _resolve_all(gazetteer, "Deputies in Athens, Ga., arrested two men.", ["Athens", "Ga."])
    assert (ga["Athens"].cc, ga["Athens"].a1) == ("US", "GA")
    greece = _resolve_all(gazetteer, "Riot police in Athens fired tear gas.", ["Athens"])
    assert greece["Athens"].cc == "GR"


def test_countries_and_states_are_not_hamlets(gazetteer: Gazetteer) -> None:
    found = _resolve_all(gazetteer, "Officials from Syria and Jordan met in Geneva.",
                         ["Syria", "Jordan", "Geneva"])
    assert found["Syria"].fcode == "PCLI" and found["Jordan"].fcode == "PCLI"
    assert found["Geneva"].cc == "CH"
    texas = _resolve_all(gazetteer, "Floods hit Texas.", ["Texas"])
    assert texas["Texas"].fcode == "ADM1"


def test_georgia_follows_the_article(gazetteer: Gazetteer) -> None:
    us = _resolve_all(gazetteer, "Storms hit Atlanta and Savannah, and Georgia declared an "
                      "emergency.", ["Atlanta", "Savannah", "Georgia"])
    caucasus = _resolve_all(gazetteer, "Troops from Russia crossed into Georgia near "
                            "Tskhinvali.", ["Russia", "Georgia", "Tskhinvali"])
    assert us["Georgia"].fcode == "ADM1" and us["Georgia"].cc == "US"
    assert caucasus["Georgia"].fcode == "PCLI" and caucasus["Georgia"].cc == "GE"


def test_city_before_same_name_province(gazetteer: Gazetteer) -> None:
    city = _resolve_all(gazetteer, "Fighters entered Raqqa on Monday.", ["Raqqa"])
    province = _resolve_all(gazetteer, "Fighters swept across Raqqa province.", ["Raqqa"])
    assert city["Raqqa"].gid == RAQQA
    assert province["Raqqa"].fcode == "ADM1"


def test_a_list_is_not_a_chain(gazetteer: Gazetteer) -> None:
    found = _resolve_all(gazetteer, "Flu cases rose in Idaho, Maine, Montana and Ohio.",
                         ["Idaho", "Maine", "Montana", "Ohio"])
    assert all(c is not None and c.fcode == "ADM1" and c.cc == "US" for c in found.values())


def test_division_word_picks_the_division(gazetteer: Gazetteer) -> None:
    state = _resolve_all(gazetteer, "Protesters gathered across Merida state in Venezuela.",
                         ["Merida", "Venezuela"])
    assert state["Merida"].fcode == "ADM1" and state["Merida"].cc == "VE"


def test_feature_word_is_not_a_town(gazetteer: Gazetteer) -> None:
    river = _resolve_all(gazetteer, "Activists staged a protest on the Po river in Turin.",
                         ["Po", "Turin"])
    assert river["Po"] is None or river["Po"].fcode not in ("PPL", "PPLC")
    assert river["Turin"].cc == "IT"


def test_unknown_namesake_before_its_containers_is_unknown(gazetteer: Gazetteer) -> None:
    found = _resolve_all(gazetteer, "Locals protested at Winder town (Las Bela district, "
                         "Balochistan).", ["Winder", "Balochistan"])
    assert found["Winder"] is None
    assert found["Balochistan"].cc == "PK"


def test_division_word_keeps_every_division_of_the_name(gazetteer: Gazetteer) -> None:
    found = _resolve_all(gazetteer, "Farmers blocked a highway near Mansa (Mansa district, "
                         "Punjab) on Tuesday.", ["Mansa", "Mansa district", "Punjab"])
    assert {found[n].cc for n in found} == {"IN"}
    assert found["Mansa district"].fcode == "ADM2"


def test_division_without_member_places_has_its_admin1_point(gazetteer: Gazetteer) -> None:
    bara = [c for c in gazetteer.lookup("Bara") if c.cc == "NP" and c.fcode == "ADM2"]
    assert bara and bara[0].lat is not None


def test_alternate_named_town_does_not_hide_the_division(gazetteer: Gazetteer) -> None:
    found = _resolve_all(gazetteer, "Police patrolled villages in Nandi on Sunday.", ["Nandi"])
    assert found["Nandi"].cc == "KE" and found["Nandi"].fcode == "ADM1"


def test_compass_word_alone_is_not_a_division(gazetteer: Gazetteer) -> None:
    found = _resolve_all(gazetteer, "Shots were fired near Taung Lay (East) village in Sagaing "
                         "region.", ["East", "Sagaing"])
    assert found["East"] is None and found["Sagaing"].cc == "MM"


def test_hyphenated_part_of_a_division(gazetteer: Gazetteer) -> None:
    found = _resolve_all(gazetteer, "Troops shelled a village (Muse township, Muse district, "
                         "Shan-North state) at dawn.",
                         ["Muse township", "Muse district", "Shan-North state"])
    assert found["Shan-North state"].cc == "MM" and found["Shan-North state"].fcode == "ADM1"
    # an address in brackets is a chain: the only Muse we know (in the US) is not in it
    assert found["Muse township"] is None


def test_one_other_name_does_not_make_a_town_a_stray(gazetteer: Gazetteer) -> None:
    found = _resolve_all(gazetteer, "Residents of Sokuluk protested over water cuts, a week "
                         "after a rally in Chui.", ["Sokuluk", "Chui"])
    assert found["Sokuluk"] is not None and found["Sokuluk"].cc == "KG"


def test_countryside_names_the_division(gazetteer: Gazetteer) -> None:
    found = _resolve_all(gazetteer, "Shelling hit farms in Aleppo countryside.", ["Aleppo"])
    assert found["Aleppo"].fcode == "ADM1" and found["Aleppo"].cc == "SY"


# --------------------------------------------------------------------------------------------
# extraction from parsed text


def test_places_people_and_demonyms() -> None:
    text = ("Jordan Peterson spoke in Amman, Jordan, on Friday. Syrian refugees gathered "
            "outside the hall.")
    found = _by_text(_extract(text))
    assert "Amman" in found and found["Amman"].country == "JOR"
    assert "Jordan" in found and found["Jordan"].feature_code == "PCLI"
    assert not any("Peterson" in t for t in found)
    assert "Syrian" not in found


def test_person_actor_is_not_a_place() -> None:
    text = "Paris Hilton visited Lagos on Monday."
    person = Actor(id="A1", text="Paris Hilton", name="Paris Hilton", kind="person",
                   spans=(Span(0, 12),))
    found = _by_text(_extract(text, Found(actors=(person,))))
    assert "Paris" not in found and "Paris Hilton" not in found
    assert found["Lagos"].country == "NGA"


def test_organisation_named_after_a_place_is_not_a_place() -> None:
    text = "The Islamic State of Iraq and Syria claimed the bombing in Baghdad."
    group = Actor(id="A1", text="The Islamic State of Iraq and Syria",
                  name="Islamic State", kind="group", spans=(Span(0, 35),))
    found = _by_text(_extract(text, Found(actors=(group,))))
    assert set(found) == {"Baghdad"}


def test_country_as_modifier_is_not_a_place() -> None:
    found = _by_text(_extract("Commanders grew wary after recent US air strikes near Mosul."))
    assert "US" not in found and found["Mosul"].country == "IRQ"


def test_metonymy_country_as_actor_is_not_a_place() -> None:
    found = _by_text(_extract("Syria denied the report. Aid convoys reached Homs in Syria."))
    syria = found["Syria"]
    assert len(syria.spans) == 1  # only "in Syria", not the subject of "denied"
    assert found["Homs"].country == "SYR"


def test_one_place_per_resolved_place_ids_in_order() -> None:
    text = ("Shelling hit Mosul on Monday. Residents fled Mosul for Erbil, and aid groups in "
            "Mosul said water was short.")
    found = _extract(text)
    assert [p.id for p in found] == [f"P{i}" for i in range(1, len(found) + 1)]
    mosul = found[0]
    assert mosul.text == "Mosul" and len(mosul.spans) == 3 and mosul.country == "IRQ"
    assert all(text[s.start:s.end] == "Mosul" for s in mosul.spans)
    assert found[1].text == "Erbil"


def test_unresolved_place_is_kept_and_others_survive() -> None:
    text = "Gunmen attacked Qwazibeki village near Kandahar on Sunday."
    found = _by_text(_extract(text))
    assert found["Kandahar"].geonameid is not None and found["Kandahar"].country == "AFG"
    unknown = [p for p in found.values() if p.geonameid is None and p.lat is None]
    assert unknown and text[unknown[0].spans[0].start:unknown[0].spans[0].end].startswith("Qwaz")


def test_acronym_is_not_a_postal_code_unless_behind_a_place() -> None:
    party = _by_text(_extract("Cadres of the NC clashed with rivals in Pokhara on Monday."))
    assert "NC" not in party and party["Pokhara"].country == "NPL"
    postal = _by_text(_extract("Police in Raleigh, NC, arrested two men."))
    assert postal["NC"].admin1 == "North Carolina" and postal["Raleigh"].country == "USA"


def test_name_split_by_the_model_is_joined() -> None:
    found = _by_text(_extract("Dock workers marched in Port of Spain on Friday."))
    assert found["Port of Spain"].country == "TTO"


def test_curated_region_has_a_point_and_no_geonameid() -> None:
    found = _by_text(_extract("Aid workers said shelling continued in Eastern Ghouta."))
    ghouta = found["Eastern Ghouta"]
    assert ghouta.geonameid is None and ghouta.lat is not None and ghouta.country == "SYR"


def test_dateline_place() -> None:
    found = _extract("KABUL, Afghanistan (Wire) - Gunmen killed four guards at a checkpoint.")
    assert found[0].text == "KABUL" and found[0].name == "Kabul"


def test_abbreviated_state_after_city_is_found() -> None:
    found = _by_text(_extract("Police in Lexington, Ky., arrested a man on Tuesday."))
    assert found["Lexington"].admin1 == "Kentucky"
    assert found["Ky."].feature_code == "ADM1"


# --------------------------------------------------------------------------------------------
# event location


def _locate(text: str, trigger: str) -> Place | None:
    doc = nlp.parse(text)
    found = Found(places=places.extract(doc, Article(id="t", text=text), Found()))
    at = text.index(trigger)
    sentence = next(s for s in doc.sents if s.start_char <= at < s.end_char)
    return places.locate(sentence, at, found)


def test_locate_per_sentence_cache_follows_the_article() -> None:
    # locate keeps what a sentence's events share for the article being coded: another
    # places tuple for the same doc, or another doc, must not get the cached answer
    text = "Gunmen attacked a checkpoint in Kandahar and burned a truck."
    doc = nlp.parse(text)
    found = Found(places=places.extract(doc, Article(id="t", text=text), Found()))
    sentence = next(iter(doc.sents))
    first = places.locate(sentence, text.index("attacked"), found)
    assert first is not None and first.text == "Kandahar"
    assert places.locate(sentence, text.index("burned"), found) is first
    assert places.locate(sentence, text.index("attacked"), Found(places=())) is None
    other = nlp.parse(text.replace("Kandahar", "Herat"))
    other_found = Found(places=places.extract(other, Article(id="u", text=other.text), Found()))
    moved = places.locate(next(iter(other.sents)), text.index("attacked"), other_found)
    assert moved is not None and moved.text == "Herat"
    assert places.locate(sentence, text.index("attacked"), found) is first


def test_locate_prefers_the_finest_locative_place() -> None:
    place = _locate("Militants paraded the captives to a square in the rebel-held town of "
                    "Manbij, in Syria.", "paraded")
    assert place is not None and place.text == "Manbij"


def test_locate_ignores_destinations() -> None:
    assert _locate("The two men later returned to Britain.", "returned") is None


def test_locate_ignores_origin_and_keeps_the_site() -> None:
    place = _locate("Families who fled from Aleppo protested in Gaziantep on Monday.",
                    "protested")
    assert place is not None and place.text == "Gaziantep"


def test_locate_skips_the_place_of_another_event() -> None:
    place = _locate("About 40 people protested in Qwazibeki village against the war in "
                    "Ukraine.", "protested")
    assert place is not None and place.text == "Qwazibeki" and place.geonameid is None


def test_locate_close_to_is_locative() -> None:
    place = _locate("Two bodies were found close to Kandahar on Monday.", "found")
    assert place is not None and place.text == "Kandahar"


def test_locate_falls_back_to_the_dateline() -> None:
    text = "MOGADISHU, Somalia (Wire) - Gunmen opened fire on a bus. Nine people died."
    place = _locate(text, "died")
    assert place is not None and place.name == "Mogadishu"


@pytest.mark.parametrize("text, name", [
    ("Maiduguri, 4 Feb 24 (Wire) -- Gunmen opened fire on a bus. Nine people died.",
     "Maiduguri"),
    ("Mogadishu, Somalia, March 3 (Wire) — Gunmen opened fire on a bus. Nine people died.",
     "Mogadishu"),
    ("Mogadishu, Somalia (Wire) — Gunmen opened fire on a bus. Nine people died.", "Mogadishu"),
])
def test_a_dateline_in_ordinary_case_needs_a_date_or_a_source(text: str, name: str) -> None:
    place = _locate(text, "died")
    assert place is not None and place.name == name


def test_a_sentence_opening_with_a_dash_is_no_dateline() -> None:
    from eventwire.places._dateline import dateline

    assert dateline("Mogadishu residents said - and police agreed") is None
    assert dateline("The army said: nine people died") is None


def test_locate_uses_chain_head() -> None:
    place = _locate("Residents blocked a road in Monclova, Coahuila, on Friday.", "blocked")
    assert place is not None and place.text == "Monclova"


def test_locate_unknown_village_gives_way_to_its_district() -> None:
    place = _locate("Gunmen raided Qwazibeki village (Rutshuru, Nord-Kivu) on Monday.",
                    "raided")
    assert place is not None and place.text == "Rutshuru" and place.country == "COD"


def test_locate_container_stands_in_for_an_unknown_village() -> None:
    place = _locate("Troops based in Uganda fired at camps near Qwazibeki (Irumu, Ituri).",
                    "fired")
    assert place is not None and place.text == "Irumu"


def test_locate_container_behind_a_later_mention() -> None:
    place = _locate("Near Qwazibeki village, militia attacked soldiers stationed at Qwazibeki "
                    "village (Rutshuru, Nord-Kivu).", "attacked")
    assert place is not None and place.text == "Rutshuru"


def test_place_tagged_as_a_nationality_after_a_preposition() -> None:
    found = _by_text(_extract("Clashes took place in Qwazibeki village in Aleppo governorate."))
    assert "Aleppo" in found and found["Aleppo"].country == "SYR"


def test_a_numbered_label_is_not_a_place() -> None:
    found = _by_text(_extract("A man was shot near a teashop in No. 7 ward of Thaketa."))
    assert "No" not in found and "No." not in found


def test_comma_container_behind_a_village(gazetteer: Gazetteer) -> None:
    text = "Artillery shelled Qwazibeki village, Quneitra. Nobody was hurt."
    end = text.index(" village")
    assert _chained(text, end, gazetteer) == [(text.index("Quneitra"), text.index(". Nobody"))]


# --------------------------------------------------------------------------------------------
# command line


def test_cli_lookup_prints_a_ranked_table(gazetteer: Gazetteer) -> None:
    lookup = next(c for c in commands if c.name == "lookup")
    result = CliRunner().invoke(lookup, ["Falluja", "--limit", "2"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["rank", "geonameid", "name"]
    assert lines[1].split()[1] == str(FALLUJAH)


def test_cli_lookup_unknown_name(gazetteer: Gazetteer) -> None:
    lookup = next(c for c in commands if c.name == "lookup")
    result = CliRunner().invoke(lookup, ["Qxzvbrrtown"])
    assert result.exit_code == 0 and "no place called" in result.output


def test_names_the_tagger_takes_for_people_are_places_after_locative_words() -> None:
    import eventwire

    coding = eventwire.code("Troops clashed with rebels near the town of Gao in northern Mali "
                            "on Tuesday, killing seven people.")
    assert {p.name for p in coding.places} >= {"Gao", "Mali"}
    assert coding.events and coding.events[0].place is not None
    assert coding.events[0].place.name == "Gao"
