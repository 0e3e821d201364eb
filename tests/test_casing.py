"""Case restoration for texts that arrive all in capitals or all in lower case."""

from __future__ import annotations

import pytest

from eventwire import code
from eventwire.ingest import from_text, restore_case
from eventwire.ingest.casing import caseless

TELEX = ("GUNMEN KILLED 12 VILLAGERS NEAR MAIDUGURI ON TUESDAY, NIGERIAN POLICE SAID. THE "
         "ATTACK WAS CLAIMED BY BOKO HARAM. COLONEL MUSA TANKO, A SPOKESMAN FOR THE ARMY IN "
         "BORNO STATE, SAID TROOPS HAD ARRESTED FIVE SUSPECTS.")
LOWER = ("the salvadoran army said today that fmln guerrillas attacked a power substation in "
         "san miguel on 12 march. colonel roberto zepeda told reporters in san salvador that "
         "two soldiers were wounded. i saw the smoke, a resident said.")


def test_only_caseless_text_is_touched() -> None:
    ordinary = "Police in Kano said on Monday that two men were arrested. Nothing else changes."
    assert not caseless(ordinary)
    assert restore_case(ordinary) == ordinary
    assert caseless(TELEX) and caseless(LOWER)
    assert not caseless("SHORT TEXT")  # too few letters to judge


@pytest.mark.parametrize("text", [TELEX, LOWER])
def test_restoring_changes_case_only(text: str) -> None:
    restored = restore_case(text)
    assert len(restored) == len(text)
    assert restored.lower() == text.lower()


def test_names_sentence_starts_days_and_months_get_their_capitals() -> None:
    restored = restore_case(LOWER)
    assert restored.startswith("The Salvadoran army said today that FMLN guerrillas attacked")
    assert "in San Miguel on 12 March. Colonel" in restored
    assert "in San Salvador that two soldiers" in restored
    assert "I saw the smoke" in restored
    telex = restore_case(TELEX)
    assert "near Maiduguri on Tuesday, Nigerian police said. The attack" in telex
    assert "claimed by Boko Haram." in telex
    assert "in Borno State" in telex or "in Borno state" in telex


def test_hard_wrapped_lines_are_not_sentence_starts() -> None:
    wire = ("   KANO, 4 FEB 90 (WIRE) -- POLICE IN THE NORTHERN CITY SAID THAT GUNMEN\n"
            "KILLED TWO TRADERS ON THE ROAD TO THE AIRPORT.\n\n   THE GOVERNOR\n"
            "VISITED THE SCENE.")
    restored = restore_case(wire)
    assert "Kano, 4 Feb 90" in restored
    assert "gunmen\nkilled two traders" in restored  # a wrapped line goes on the sentence
    assert "\n\n   The governor\nvisited" in restored  # a new paragraph starts one


def test_common_words_that_are_also_names_stay_lower_case() -> None:
    text = ("they told us the split in the party was nice news for the opposition, and he "
            "said the reading of the bill would march on in may, if the vote is held at all.")
    restored = restore_case(text)
    for word in (" us ", " split ", " nice ", " reading ", " march ", " may,"):
        assert word in restored


def test_unknown_words_read_as_names_and_unpronounceable_ones_as_acronyms() -> None:
    restored = restore_case("the rebels of the urng said commander xalbanoc had fled to "
                            "the hills with forty men, and the army said nothing more.")
    assert "the URNG said commander Xalbanoc had fled" in restored


def test_ingest_restores_case_and_keeps_offsets() -> None:
    article = from_text(TELEX, title="GUNMEN KILL 12 NEAR MAIDUGURI")
    assert article.text.lower() == TELEX.lower()
    assert article.title == "Gunmen kill 12 near Maiduguri"
    coding = code(TELEX, title="GUNMEN KILL 12 NEAR MAIDUGURI")
    assert coding.article.text == article.text
    assert any(p.name == "Maiduguri" for p in coding.places)
    assert any(a.name == "Boko Haram" for a in coding.actors)
    for actor in coding.actors:
        for span in actor.spans:
            assert TELEX[span.start:span.end].lower() == article.text[span.start:span.end].lower()
