"""Who did it, to whom, and how many: argument and size rules of the events stage.

Sentences we wrote in the style of wire copy. Each test parses its own text and builds the
``Found`` records by hand where a named actor matters, so the rules are tested without the other
extractors. The rules are listed in docs/events.md ("Actors and recipients", "Size").
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from eventwire import nlp
from eventwire.events import extract, primary
from eventwire.events.arguments import roles
from eventwire.events.size import carry, counts
from eventwire.records import Actor, Article, Event, Found, Span


def code(text: str, actors: tuple[Actor, ...] = ()) -> tuple[Event, ...]:
    """All events of ``text``, with ``actors`` as the actors stage's output."""
    return extract(nlp.parse(text), Article(id="t", text=text), Found(actors=actors))


def main(text: str, actors: tuple[Actor, ...] = ()) -> Event:
    """The main event of a one-sentence text."""
    doc = nlp.parse(text)
    event = primary(extract(doc, Article(id="t", text=text), Found(actors=actors)), doc)
    assert event is not None, f"no event in {text!r}"
    return event


def carried(text: str) -> tuple[Event, ...]:
    """The events of ``text`` after casualties are carried across sentences."""
    doc = nlp.parse(text)
    return carry(extract(doc, Article(id="t", text=text), Found()), doc)


def by_trigger(events: tuple[Event, ...], trigger: str) -> Event:
    found = [e for e in events if e.trigger == trigger]
    assert found, f"no event triggered by {trigger!r} in {events}"
    return found[0]


def actor(text: str, words: str, ident: str, country: str | None = None,
          sector: str | None = None) -> Actor:
    """An actor of the actors stage whose mention is ``words`` in ``text``."""
    start = text.index(words)
    return Actor(id=ident, text=words, name=words, country=country, sector=sector,
                 spans=(Span(start, start + len(words)),))


def texts(actors: tuple[Actor, ...]) -> list[str]:
    return [a.text for a in actors]


# --------------------------------------------------------------------------------------------
# passives


def test_participle_modifying_a_noun_is_passive() -> None:
    events = code("The two aid workers kidnapped by the militia last week were freed on Sunday.")
    kidnap = by_trigger(events, "kidnapped")
    assert texts(kidnap.actors) == ["militia"]
    assert texts(kidnap.recipients) == ["two aid workers"]


def test_participle_without_agent_names_the_victim_not_the_actor() -> None:
    event = by_trigger(code("Relatives buried the journalist murdered in the capital."),
                       "murdered")
    assert event.actors == ()
    assert texts(event.recipients) == ["journalist"]


def test_passive_raising_verb_passes_its_subject_down() -> None:
    event = by_trigger(code("Two farmers were reported to have been beaten by soldiers."),
                       "beaten")
    assert texts(event.actors) == ["soldiers"]
    assert texts(event.recipients) == ["Two farmers"]


def test_conjoined_passives_share_the_by_agent() -> None:
    events = code("The reporter was abducted and tortured by the rebels.")
    for trigger in ("abducted", "tortured"):
        event = by_trigger(events, trigger)
        assert texts(event.actors) == ["rebels"], trigger
        assert texts(event.recipients) == ["reporter"], trigger


def test_infinitive_under_a_passive_takes_its_subject() -> None:
    event = by_trigger(code("The fighters were ordered to attack the town."), "attack")
    assert texts(event.actors) == ["fighters"]
    assert texts(event.recipients) == ["town"]


# --------------------------------------------------------------------------------------------
# control, possessives and nominal triggers


def test_gerund_after_accused_of_is_done_by_the_object() -> None:
    event = by_trigger(code("The prosecutor accused the soldiers of killing the students."),
                       "killing")
    assert texts(event.actors) == ["soldiers"]
    assert texts(event.recipients) == ["students"]


def test_gerund_after_arrested_for_is_done_by_the_arrested() -> None:
    event = by_trigger(code("Police arrested three men for attacking a bus."), "attacking")
    assert texts(event.actors) == ["three men"]


def test_possessive_of_an_act_done_to_someone_is_the_victim() -> None:
    event = by_trigger(code("Police confirmed the activist's arrest on Monday."), "arrest")
    assert texts(event.recipients) == ["activist"]
    assert "activist" not in texts(event.actors)


def test_possessive_with_an_of_phrase_is_the_doer() -> None:
    event = by_trigger(code("Rights groups condemned the army's arrest of the students."),
                       "arrest")
    assert texts(event.actors) == ["army"]
    assert texts(event.recipients) == ["students"]


def test_event_noun_as_subject_lends_its_own_actor() -> None:
    doc = nlp.parse("Israeli air strikes killed eight militants.")
    strikes, killed = doc[2], doc[3]
    actors, recipients = roles(killed, "ASSAULT", frozenset({strikes.i}))
    assert [t.text for t in actors] == ["Israeli"]
    assert [t.text for t in recipients] == ["militants"]


def test_possessive_pronoun_on_the_object_is_the_subject() -> None:
    text = "Russia resumed its bombardment of the city."
    russia = actor(text, "Russia", "A1", "RUS", None)
    event = main(text, (russia,))
    assert [a.id for a in event.actors] == ["A1"]


def test_weapons_are_never_actors() -> None:
    event = main("A grenade wounded three soldiers.")
    assert event.actors == ()
    assert texts(event.recipients) == ["three soldiers"]


def test_a_weapon_lends_its_owner() -> None:
    event = main("Two protesters were killed by police bullets.")
    assert texts(event.actors) == ["police"]
    assert event.size.dead == 2


def test_conjoined_actor_kept_when_an_event_noun_lends_none() -> None:
    event = by_trigger(code("Rioting and subsequent police firing in the old city left two "
                            "dead."), "firing")
    assert texts(event.actors) == ["subsequent police"]


def test_partitive_is_followed_to_its_noun() -> None:
    event = main("A group of armed men attacked the convoy.")
    assert texts(event.actors) == ["armed men"]


def test_up_to_a_number_is_the_object() -> None:
    event = main("Rebels kidnapped up to 16 foreign engineers.")
    assert texts(event.recipients) == ["16 foreign engineers"]


def test_preposition_after_an_object_that_is_part_of_the_trigger() -> None:
    event = main("The government suspended all aid to the rebels.")
    assert event.event == "SANCTION"
    assert texts(event.recipients) == ["rebels"]


@pytest.mark.parametrize(("text", "recipient"), [
    ("The United States is providing aerial photographs and other military intelligence to "
     "Macedonia.", "Macedonia"),
    ("Britain mobilized army reservists for a possible war against Iraq.", "Iraq"),
])
def test_moved_goods_or_troops_go_to_the_recipient(text: str, recipient: str) -> None:
    assert texts(main(text).recipients) == [recipient]


def test_one_let_or_made_to_act_is_the_recipient() -> None:
    event = main("The court allowed the opposition leader to hold a rally.")
    assert event.event == "CONCEDE"
    assert texts(event.recipients) == ["opposition leader"]


def test_doer_of_an_intended_act_holds_the_bid() -> None:
    event = main("Gunmen made a bid to kill the judge on Monday.")
    assert texts(event.actors) == ["Gunmen"]
    assert event.size.dead is None  # a bid to kill is no death


def test_first_to_act_is_the_noun_itself() -> None:
    event = main("Canada was the first country to recognize the new government.")
    assert texts(event.actors) == ["first country"]


def test_weapon_after_with_is_not_the_target() -> None:
    assert main("Gunmen opened fire with rifles.").recipients == ()


def test_a_protest_is_aimed_at_whoever_did_what_it_protests() -> None:
    text = ("Exiled activists began a hunger strike in protest at the Chinese government's "
            "refusal to free the poet.")
    government = actor(text, "the Chinese government", "A1", "CHN", "GOV")
    event = main(text, (government,))
    assert event.event == "PROTEST"
    assert [a.id for a in event.recipients] == ["A1"]


@pytest.mark.parametrize(("text", "recipient"), [
    ("Troops opened fire on the protesters.", "protesters"),
    ("Rebels launched an attack against the convoy.", "convoy"),
])
def test_prepositional_objects_by_their_preposition(text: str, recipient: str) -> None:
    assert texts(main(text).recipients) == [recipient]


# --------------------------------------------------------------------------------------------
# size


def test_number_on_a_name_before_the_noun() -> None:
    """"twenty Boko Haram militants" with the number hung on the name, as the parser often
    does (a parse built by hand, so the rule is tested whatever the model)."""
    words = ["Troops", "killed", "twenty", "Boko", "Haram", "militants", "."]
    doc = Doc(nlp.load().vocab, words=words, heads=[1, 1, 4, 4, 5, 1, 1],
              deps=["nsubj", "ROOT", "nummod", "compound", "compound", "dobj", "punct"],
              pos=["NOUN", "VERB", "NUM", "PROPN", "PROPN", "NOUN", "PUNCT"],
              tags=["NNS", "VBD", "CD", "NNP", "NNP", "NNS", "."],
              lemmas=["troop", "kill", "twenty", "Boko", "Haram", "militant", "."])
    assert counts(doc[:])["dead"] == 20


@pytest.mark.parametrize(("text", "field", "value"), [
    ("Militants stormed the camp, killing 12.", "dead", 12),
    ("A car bomb exploded in the market, leaving five dead and 20 injured.", "dead", 5),
    ("A car bomb exploded in the market, leaving five dead and 20 injured.", "injured", 20),
    ("The clashes led to the death of five soldiers.", "dead", 5),
    ("Gunmen beat a shopkeeper and killed him.", "dead", 1),
    ("The death toll from the bombing rose to 30.", "dead", 30),
    ("One civilian was reported to have been tortured and killed by the militia.", "dead", 1),
])
def test_size(text: str, field: str, value: int) -> None:
    events = code(text)
    assert any(getattr(e.size, field) == value for e in events), events


@pytest.mark.parametrize("text", [
    "Students marched in the capital on Friday over the death of a classmate.",
    "Troops killed a large number of rebels.",
    "The opposition condemned the killing of two journalists last year.",
])
def test_no_death_counted(text: str) -> None:
    """A death in the background of a protest or a statement, and a crowd with no number, give
    no count to any event of the sentence."""
    assert all(e.size.dead is None for e in code(text)), code(text)


def test_a_date_before_a_killing_is_not_a_count() -> None:
    assert main("The 24 June killing of a student sparked protests.").size.dead == 1


def test_only_violence_carries_the_dead() -> None:
    events = code("The president condemned the raid in which gunmen killed three villagers.")
    assert by_trigger(events, "condemned").size.dead is None
    assert by_trigger(events, "killed").size.dead == 3


def test_a_road_toll_is_not_a_death_toll() -> None:
    events = code("Protesters blocked the highway after the road toll rose to 12 dollars.")
    assert all(e.size.dead is None for e in events)


# --------------------------------------------------------------------------------------------
# casualties told in the next sentence


def test_toll_in_the_next_sentence_goes_to_the_attack() -> None:
    text = "Gunmen attacked the village on Sunday. Twelve people were killed."
    events = carried(text)
    assert len(events) == 1
    attack = events[0]
    assert (attack.trigger, attack.size.dead) == ("attacked", 12)
    assert texts(attack.actors) == ["Gunmen"]
    assert texts(attack.recipients) == ["village", "Twelve people"]
    second = text.index("Twelve")
    assert attack.spans[-1] == Span(second, len(text))


def test_deaths_without_an_event_word_go_to_the_attack() -> None:
    events = carried("Rebels ambushed an army convoy on Friday. Ten soldiers died and four "
                     "were wounded.")
    attack = by_trigger(events, "ambushed")
    assert (attack.size.dead, attack.size.injured) == (10, 4)


def test_a_death_toll_sentence_revises_the_dead() -> None:
    events = carried("Gunmen killed five people at a market on Monday. The death toll rose to "
                     "nine on Tuesday.")
    assert by_trigger(events, "killed").size.dead == 9


def test_another_incident_keeps_its_own_toll() -> None:
    events = carried("Gunmen attacked the village on Sunday. In a separate attack, two people "
                     "were killed.")
    assert by_trigger(events, "attacked").size.dead is None
    assert by_trigger(events, "killed").size.dead == 2


def test_an_event_between_stops_the_carry() -> None:
    events = carried("Gunmen attacked a market. Police arrested two suspects. Three people "
                     "died.")
    assert by_trigger(events, "attacked").size.dead is None
