"""The actors stage: each lexicon family and each coreference rule, on sentences we wrote."""

from __future__ import annotations

import pytest

from eventwire import nlp
from eventwire.actors import actor_for_token, compound_for, extract, lexicon
from eventwire.records import Actor, Article, Found, from_dict, to_dict
from eventwire.spans import SpanIndex


def actors_of(text: str, byline: tuple[str, ...] = ()) -> tuple[Actor, ...]:
    doc = nlp.load()(text)
    return extract(doc, Article(id="t", text=text, byline=byline), Found())


def covering(text: str, found: tuple[Actor, ...], words: str, nth: int = 0) -> Actor | None:
    """The actor SpanIndex finds for the ``nth`` occurrence of ``words``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return SpanIndex(found).covering(start, start + len(words))


def texts_of(text: str, actor: Actor) -> list[str]:
    return [text[s.start:s.end] for s in actor.spans]


# -- the lexicon itself ------------------------------------------------------------------------


def test_lexicon_is_built_once() -> None:
    assert lexicon.load() is lexicon.load()


@pytest.mark.parametrize(("noun", "plural"), [
    ("Frenchman", "Frenchmen"), ("Englishwoman", "Englishwomen"), ("German", "Germans"),
    ("Briton", "Britons"), ("Swiss", "Swiss"), ("Lebanese", "Lebanese"), ("Iraqi", "Iraqis"),
])
def test_demonym_plurals(noun: str, plural: str) -> None:
    assert lexicon._plural(noun) == plural


def test_names_match_whole_words_leftmost_longest() -> None:
    lex = lexicon.load()
    text = "Nigeria and Niger met Papua New Guinea officials."
    found = [(text[s:e], entries[0].country) for s, e, entries in lex.names(text)]
    assert found == [("Nigeria", "NGA"), ("Niger", "NER"), ("Papua New Guinea", "PNG")]


def test_agent_terms_are_looked_up_by_lemma_words() -> None:
    lex = lexicon.load()
    assert lex.agent(("riot", "police")).sectors == ("COP",)
    assert lex.agent(("secretary-general",)).role == "office"
    assert lex.agent(("fighter",)).role == "member"


# -- countries and their forms -------------------------------------------------------------


def test_country_name_as_subject_has_no_sector() -> None:
    text = "Britain expelled two diplomats on Tuesday."
    found = actors_of(text)
    britain = covering(text, found, "Britain")
    assert (britain.kind, britain.country, britain.sector) == ("country", "GBR", None)


def test_adjective_makes_a_national_agent() -> None:
    text = "The Syrian government denied the report, while Kenyan police arrested six men."
    found = actors_of(text)
    government = covering(text, found, "government")
    police = covering(text, found, "police")
    assert (government.country, government.sector) == ("SYR", "GOV")
    assert (police.country, police.sector) == ("KEN", "COP")


def test_irregular_demonyms_are_counted() -> None:
    text = "Three Frenchmen and a Dutchman were detained at the border."
    found = actors_of(text)
    frenchmen = covering(text, found, "Frenchmen")
    assert (frenchmen.country, frenchmen.count) == ("FRA", 3)
    assert covering(text, found, "Dutchman").country == "NLD"


def test_capital_as_subject_stands_for_the_government() -> None:
    text = "Kyiv rejected the ceasefire proposal, officials in Moscow said."
    found = actors_of(text)
    kyiv = covering(text, found, "Kyiv")
    assert (kyiv.country, kyiv.sector) == ("UKR", "GOV")


def test_dependency_is_coded_as_its_state() -> None:
    text = "Puerto Rico asked for federal aid after the storm."
    assert covering(text, actors_of(text), "Puerto Rico").country == "USA"


# -- organisations ----------------------------------------------------------------------------


def test_islamic_state_aliases_are_one_actor() -> None:
    text = ("ISIS seized the town on Monday. Iraqi officials said Daesh had lost 40 fighters. "
            "The Islamic State group later released a video.")
    found = actors_of(text)
    group = covering(text, found, "ISIS")
    assert (group.name, group.country, group.sector, group.kind) == (
        "Islamic State", "IMG", "REB", "group")
    assert covering(text, found, "Daesh") is group
    assert covering(text, found, "Islamic State group") is group


@pytest.mark.parametrize(("sentence", "words", "country", "sector"), [
    ("Hamas fired rockets overnight.", "Hamas", "PSE", "REB"),
    ("Hezbollah denied any role in the attack.", "Hezbollah", "LBN", "REB"),
    ("Al-Shabaab claimed the bombing in a statement.", "Al-Shabaab", "SOM", "REB"),
    ("NATO warned Moscow against escalation.", "NATO", "IGO", "MIL"),
    ("The U.N. Security Council condemned the strike.", "U.N. Security Council", "UNO", "GOV"),
    ("Amnesty International urged an inquiry.", "Amnesty International", "NGO", "SOC"),
    ("The European Union imposed new sanctions.", "European Union", "EUR", None),
    ("The PKK ended its truce with Ankara.", "PKK", "TUR", "REB"),
])
def test_organisations(sentence: str, words: str, country: str, sector: str | None) -> None:
    actor = covering(sentence, actors_of(sentence), words)
    assert actor is not None
    assert (actor.country, actor.sector) == (country, sector)


def test_member_of_a_named_group_takes_its_codes() -> None:
    text = "Hamas fighters crossed the fence before dawn."
    fighters = covering(text, actors_of(text), "fighters")
    assert (fighters.country, fighters.sector, fighters.affiliation) == ("PSE", "REB", "Hamas")


# -- agents from common nouns ------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "words", "sector"), [
    ("Protesters blocked the main road.", "Protesters", "CVL"),
    ("Students marched on the ministry.", "Students", "EDU"),
    ("Rebels shelled the airport.", "Rebels", "REB"),
    ("Soldiers opened fire on the crowd.", "Soldiers", "MIL"),
    ("Journalists were barred from the court.", "Journalists", "JRN"),
    ("Gunmen stormed the hotel.", "Gunmen", "UAF"),
])
def test_agent_nouns_get_a_sector(sentence: str, words: str, sector: str) -> None:
    assert covering(sentence, actors_of(sentence), words).sector == sector


def test_country_in_a_prepositional_phrase() -> None:
    text = "Police in Jordan detained the suspects."
    police = covering(text, actors_of(text), "Police")
    assert (police.country, police.sector) == ("JOR", "COP")


def test_community_forces_are_armed_groups_and_leaders_elites() -> None:
    text = "Kurdish forces repelled the attack. Yoruba leaders condemned the killings."
    found = actors_of(text)
    assert covering(text, found, "forces").sector == "REB"
    leaders = covering(text, found, "leaders")
    assert (leaders.country, leaders.sector) == ("NGA", "ELI")


def test_ethnic_demonym_lives_where_the_text_says() -> None:
    text = "Ethnic Serbs in Kosovo blocked the bridge for a third day."
    serbs = covering(text, actors_of(text), "Serbs")
    assert (serbs.country, serbs.sector) == ("KOS", "CVL")


def test_state_media_and_multinational_forces() -> None:
    text = "State television said a regional peacekeeping force would deploy."
    found = actors_of(text)
    assert covering(text, found, "television").sectors[:1] == ("GOV",)
    assert covering(text, found, "force").country == "IGO"


def test_bare_plural_demonym_is_the_nation_counted_one_is_people() -> None:
    text = "The Palestinians rejected the plan after soldiers detained 40 Palestinians."
    found = actors_of(text)
    nation = covering(text, found, "Palestinians")
    people = covering(text, found, "Palestinians", nth=1)
    assert (nation.country, nation.sector) == ("PSE", None)
    assert (people.country, people.sector, people.count) == ("PSE", "CVL", 40)


def test_affiliated_agent_also_mentions_the_organisation() -> None:
    text = "Red Cross officials suspended deliveries."
    found = actors_of(text)
    officials = covering(text, found, "officials")
    red_cross = covering(text, found, "Red Cross")
    assert officials.affiliation == red_cross.name == "International Committee of the Red Cross"
    assert officials is not red_cross


def test_a_country_named_elsewhere_in_the_sentence_is_not_attached() -> None:
    text = ("Their commanders grew paranoid and suspicious of possible spies after American "
            "air strikes hit the city. Russia and Iran denied any role.")
    spies = covering(text, actors_of(text), "spies")
    assert (spies.country, spies.sector) == (None, "SPY")


def test_participle_clause_places_the_agent() -> None:
    text = ("Aid will reach refugees fleeing the fighting in Liberia, a newspaper based in "
            "Beirut said.")
    found = actors_of(text)
    assert covering(text, found, "refugees").country == "LBR"
    assert covering(text, found, "newspaper").country == "LBN"


def test_unqualified_state_organs_take_the_article_main_country() -> None:
    text = ("Gunmen killed twelve villagers in Zamfara state on Sunday. The federal government "
            "said the army had been deployed. Local officials said police arrested two men.")
    found = actors_of(text)
    for words, sector in (("federal government", "GOV"), ("army", "MIL"),
                          ("Local officials", "GOV"), ("police", "COP")):
        actor = covering(text, found, words)
        assert (actor.country, actor.sector) == ("NGA", sector), words
    gunmen = covering(text, found, "Gunmen")
    assert gunmen.country is None  # not a state organ: no country from the article


def test_no_main_country_when_several_are_named_as_often() -> None:
    text = "Kenya and Uganda signed a border deal. The army withdrew from the disputed island."
    assert covering(text, actors_of(text), "army").country is None


def test_community_keeps_its_home_when_the_article_names_it() -> None:
    text = ("Burmese troops captured a Karen guerrilla camp near the Thai border, Thai police "
            "said on Monday.")
    assert covering(text, actors_of(text), "guerrilla").country == "MMR"


def test_religious_community_people_take_the_article_country() -> None:
    text = "Islamic fundamentalists marched through the capital of Algeria on Friday."
    people = covering(text, actors_of(text), "fundamentalists")
    assert (people.country, people.sector) == ("DZA", "CVL")


def test_lower_case_common_noun_is_not_a_person() -> None:
    text = "Three of the captives escaped into the bush on Sunday, local officials said."
    found = actors_of(text)
    assert covering(text, found, "bush") is None
    assert all(actor.kind != "person" for actor in found)


# -- people -------------------------------------------------------------------------------------


def test_person_with_appositive_office_and_surname() -> None:
    text = ("Bashar al-Assad, the President of Syria, met the envoy on Sunday. "
            "Assad said talks would continue.")
    found = actors_of(text)
    assad = covering(text, found, "Bashar al-Assad")
    assert (assad.kind, assad.country, assad.sector) == ("person", "SYR", "GOV")
    assert assad.office == "President of Syria"
    assert covering(text, found, "Assad", nth=1) is assad


def test_person_speaking_for_a_think_tank() -> None:
    text = ("Omar Haddad, of the think-tank Chatham House, said the plan would fail. "
            "Haddad added that talks were needed.")
    found = actors_of(text)
    haddad = covering(text, found, "Omar Haddad")
    assert haddad.affiliation == "Chatham House"
    assert (haddad.country, haddad.sector) == ("GBR", "SOC")
    assert covering(text, found, "Haddad", nth=1) is haddad


def test_title_before_a_name_gives_office_and_country() -> None:
    text = "French Foreign Minister Jean Moreau arrived in Cairo on Monday."
    moreau = covering(text, actors_of(text), "Jean Moreau")
    assert (moreau.country, moreau.sector) == ("FRA", "GOV")
    assert moreau.office == "Foreign Minister"


def test_office_over_a_province_gives_the_country() -> None:
    text = "Umar Dikko, the governor of Kebbi state, said 40 farmers were killed."
    governor = covering(text, actors_of(text), "Umar Dikko")
    assert (governor.country, governor.sector) == ("NGA", "GOV")
    assert governor.office == "governor of Kebbi state"


def test_office_in_apposition_before_the_name_is_the_same_person() -> None:
    text = ("The United Nations humanitarian coordinator in Sudan, Ahmed Kamal, condemned the "
            "attack on Tuesday.")
    found = actors_of(text)
    person = covering(text, found, "Ahmed Kamal")
    assert (person.kind, person.country, person.sector) == ("person", "UNO", "GOV")
    assert person.affiliation == "United Nations"
    assert covering(text, found, "coordinator") is person
    assert "humanitarian coordinator in Sudan" in (person.office or "")


def test_known_leader_keeps_his_coding_after_an_office_in_apposition() -> None:
    text = "Nigeria's president, Muhammadu Buhari, condemned the killings."
    found = actors_of(text)
    buhari = covering(text, found, "Muhammadu Buhari")
    assert (buhari.country, buhari.sector) == ("NGA", "GOV")
    assert covering(text, found, "president") is buhari


def test_hyphenated_title_is_one_office() -> None:
    text = "Vice-President Samuel Otieno resigned on Friday."
    otieno = covering(text, actors_of(text), "Samuel Otieno")
    assert (otieno.kind, otieno.sector, otieno.office) == ("person", "GOV", "Vice-President")


def test_former_office_holder_is_elite() -> None:
    text = "Former President Alain Dubois criticised the army."
    assert covering(text, actors_of(text), "Alain Dubois").sector == "ELI"


# -- counts and compounds ------------------------------------------------------------------------


def test_count_with_qualifier() -> None:
    text = "More than 300 Kenyans have left the camp."
    kenyans = covering(text, actors_of(text), "Kenyans")
    assert (kenyans.country, kenyans.count, kenyans.count_qualifier) == ("KEN", 300, "more than")


def test_compound_actor_with_members_merged_into_the_group() -> None:
    text = ("A group of foreign fighters was detained near the border. The group consisted of "
            "four Kenyans, two Ugandans and three Somalis.")
    found = actors_of(text)
    group = covering(text, found, "A group of foreign fighters")
    assert group.kind == "compound"
    assert group.count == 9
    assert [(m.country, m.count) for m in group.members] == [("KEN", 4), ("UGA", 2), ("SOM", 3)]
    assert covering(text, found, "The group") is group
    kenyans = covering(text, found, "Kenyans")
    assert compound_for(kenyans, found) is group


def test_repeated_list_of_the_same_countries_is_one_compound() -> None:
    text = "Iraq and Syria signed the pact. On Monday, Iraq and Syria met again."
    found = actors_of(text)
    first = covering(text, found, "Iraq and Syria")
    assert first.kind == "compound"
    assert covering(text, found, "Iraq and Syria", nth=1) is first


def test_listed_countries_make_a_compound() -> None:
    text = "Canada, the Netherlands and Norway condemned the attack."
    found = actors_of(text)
    group = covering(text, found, "Canada, the Netherlands and Norway")
    assert group.kind == "compound"
    assert [m.country for m in group.members] == ["CAN", "NLD", "NOR"]


def test_conjoined_adjectives_make_a_compound() -> None:
    text = "Senior Egyptian and Jordanian officials met in Amman."
    officials = covering(text, actors_of(text), "officials")
    assert officials.kind == "compound"
    assert [(m.country, m.sector) for m in officials.members] == [("EGY", "GOV"), ("JOR", "GOV")]


# -- coreference ----------------------------------------------------------------------------------


def test_they_and_the_group_resolve_to_the_group() -> None:
    text = ("Boko Haram attacked a school in the north. The group later released a statement. "
            "They said more attacks would follow.")
    found = actors_of(text)
    group = covering(text, found, "Boko Haram")
    assert covering(text, found, "The group") is group
    assert covering(text, found, "They") is group


def test_the_militants_resolve_to_the_last_named_militant_group() -> None:
    text = ("Al-Shabaab claimed the attack on the base. Officials said the militants had used "
            "two car bombs.")
    found = actors_of(text)
    assert covering(text, found, "the militants") is covering(text, found, "Al-Shabaab")


def test_their_commanders_take_the_group_codes() -> None:
    text = "Dozens of Taliban fighters surrendered after their commanders fled."
    found = actors_of(text)
    commanders = covering(text, found, "their commanders")
    assert (commanders.country, commanders.sector) == ("AFG", "REB")


def test_he_resolves_to_the_last_person_and_bare_surnames_join() -> None:
    text = ("Ahmed Karimi, a senior police commander, was arrested on Monday. He denied the "
            "charges. Lawyers for Karimi said the case was political.")
    found = actors_of(text)
    karimi = covering(text, found, "Ahmed Karimi")
    assert covering(text, found, "He") is karimi
    assert covering(text, found, "Karimi", nth=1) is karimi
    assert karimi.sector == "COP"


def test_repeated_agent_without_country_joins_the_national_one() -> None:
    text = ("British authorities arrested two men on Friday. A spokesman said authorities "
            "would not comment.")
    found = actors_of(text)
    first = covering(text, found, "British authorities")
    assert covering(text, found, "authorities", nth=1) is first


# -- what is not an actor --------------------------------------------------------------------------


def test_agency_cited_as_source_is_not_an_actor() -> None:
    text = "Troops entered the town on Monday, according to Reuters."
    assert all(a.name != "Reuters" for a in actors_of(text))


def test_agency_credit_line_and_reporting_agency_are_not_actors() -> None:
    text = ("Rebels seized the airport on Sunday.\nAFP\nThe army said it would respond, "
            "Reuters reported.")
    names = {a.name for a in actors_of(text)}
    assert "Agence France-Presse" not in names
    assert "Reuters" not in names


def test_agency_attacked_is_an_actor() -> None:
    text = "Gunmen attacked the offices of Reuters in the capital overnight."
    assert any(a.name == "Reuters" for a in actors_of(text))


def test_byline_name_is_not_an_actor() -> None:
    text = "Maria Keller reported that Pedro Alvarez was arrested on Monday."
    found = actors_of(text, byline=("Maria Keller",))
    assert [a.name for a in found if a.kind == "person"] == ["Pedro Alvarez"]


# -- interface for other stages -------------------------------------------------------------


def test_ids_follow_first_mention_and_spans_start_with_it() -> None:
    text = "Hamas fighters attacked Israeli soldiers. Hamas later denied it."
    found = actors_of(text)
    assert [a.id for a in found] == [f"A{n}" for n in range(1, len(found) + 1)]
    starts = [a.spans[0].start for a in found]
    assert starts == sorted(starts)


def test_actor_for_token_uses_the_noun_phrase_head() -> None:
    text = "British authorities questioned the suspects."
    doc = nlp.load()(text)
    found = extract(doc, Article(id="t", text=text), Found())
    british = doc[0]
    hit = actor_for_token(british, found)
    assert hit is not None and hit.sector == "GOV"


def test_actors_round_trip_through_json() -> None:
    text = ("A group of foreign fighters was detained. The group consisted of four Kenyans and "
            "two Ugandans.")
    for actor in actors_of(text):
        assert from_dict(Actor, to_dict(actor)) == actor


@pytest.mark.parametrize("text", [
    "", "\n\n", "Reuters", "They said so.", "1e999 Britons fled.",
    "related story the week in business  \n\n Facebook Twitter Linkedin Mail",
    "POLICE SAID THE REBELS ATTACKED THE ARMY BASE IN THE NORTH.",
])
def test_odd_inputs_give_well_formed_actors(text: str) -> None:
    found = actors_of(text)
    assert [a.id for a in found] == [f"A{n}" for n in range(1, len(found) + 1)]
    for actor in found:
        assert actor.spans
        assert all(0 <= s.start < s.end <= len(text) for s in actor.spans)


def test_extraction_is_deterministic() -> None:
    text = "ISIS fighters and Kurdish forces clashed near Kobani, the Pentagon said."
    assert actors_of(text) == actors_of(text)


def test_the_town_of_a_named_place_is_a_place_not_its_people() -> None:
    import eventwire

    named = eventwire.code("Militants attacked a market in the town of Konduga on Tuesday.")
    assert not any("town" in a.text for a in named.actors)
    standing = eventwire.code("Iraqi towns voted against the plan.")
    assert any(a.country == "IRQ" and "towns" in a.text for a in standing.actors)


@pytest.mark.parametrize(("sentence", "words"), [
    ("Police in Cuernavaca, Morelos arrested two men on Friday.", "Cuernavaca, Morelos"),
    ("Shelling hit Berlin - Pankow on Sunday.", "Berlin - Pankow"),
])
def test_an_address_the_tagger_calls_a_name_is_no_actor(sentence: str, words: str) -> None:
    """A place chain spaCy tags as a person or organisation is the places stage's, not an actor
    events could take as their agent."""
    found = actors_of(sentence)
    assert all(words not in a.text for a in found), [a.text for a in found]


def test_a_person_near_a_place_stays_a_person() -> None:
    found = actors_of("John Smith, a farmer, was shot near his home in Morelos.")
    assert [a.text for a in found if a.kind == "person"] == ["John Smith"]


def test_words_table_reads_what_tokens_say():
    """The per-document word table the finder reads gives what spaCy's tokens give."""
    from eventwire.actors.model import lemma
    from eventwire.actors.words import PROPN, Words

    doc = nlp.load()("Pro-government militias  attacked\n\nthe U.N. base; 3,000 Kurds fled.")
    words = Words(doc)
    for token in doc:
        i = token.i
        assert words.lower(i) == token.lower_
        assert words.text(i) == token.text
        assert words.lemma(i) == lemma(token)
        assert (words.pos[i] == PROPN) == (token.pos_ == "PROPN")
        assert words.head[i] == token.head.i
        assert bool(words.space[i]) == token.is_space
        assert (words.idx[i], words.length[i]) == (token.idx, len(token))
    assert Words(nlp.load()("")).pos == []
