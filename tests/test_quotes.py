"""The quotes stage: one test per pattern, on paragraphs we wrote in wire style."""

from __future__ import annotations

from eventwire import nlp
from eventwire.quotes import extract
from eventwire.quotes._marks import find_segments
from eventwire.records import Actor, Article, Found, Quote, Span


def quotes_of(text: str, actors: tuple[Actor, ...] = ()) -> tuple[Quote, ...]:
    doc = nlp.load()(text)
    return extract(doc, Article(id="t", text=text), Found(actors=actors))


def only(text: str, actors: tuple[Actor, ...] = ()) -> Quote:
    found = quotes_of(text, actors)
    assert len(found) == 1, [(q.kind, q.text) for q in found]
    return found[0]


def actor(text: str, name: str, *mentions: str, affiliation: str | None = None) -> Actor:
    spans = []
    for mention in mentions:
        start = text.index(mention)
        spans.append(Span(start, start + len(mention)))
    return Actor(id="A1", text=mentions[0], name=name, kind="person", affiliation=affiliation,
                 spans=tuple(spans))


# ---------------------------------------------------------------------------------------------
# quotation marks


def test_segments_straight_curly_nested_and_continued() -> None:
    text = ('He said "we will go, \'now\' or never," and left.\n\n'
            "“The first paragraph of it.\n\n“The second one,” she said.")
    pieces = [text[s.start:s.end] for s in find_segments(text)]
    assert pieces == ["we will go, 'now' or never,", "The first paragraph of it.",
                      "The second one,"]
    assert find_segments(text)[2].continues == 1


# ---------------------------------------------------------------------------------------------
# direct quotations


def test_quote_before_the_speaker_with_affiliation() -> None:
    q = only('"We have run out of insulin and antibiotics," said Sara Haddad, of the charity '
             "Medical Aid Network.")
    assert (q.kind, q.verb, q.speaker_text) == ("direct", "said", "Sara Haddad")
    assert q.text == "We have run out of insulin and antibiotics"
    assert q.affiliation == "Medical Aid Network"


def test_quote_after_the_speaker() -> None:
    q = only('The provincial governor told reporters: "Nobody will be allowed into the zone '
             'until the mines are cleared."')
    assert (q.kind, q.verb, q.speaker_text) == ("direct", "told", "The provincial governor")
    assert q.text.startswith("Nobody will be allowed")


def test_quote_split_by_its_attribution_is_one_quote() -> None:
    text = '"We will hold the bridge," the commander said, "whatever it costs us."'
    q = only(text)
    assert q.text == "We will hold the bridge, whatever it costs us."
    assert len(q.spans) == 2 and q.speaker_text == "the commander"
    assert [text[s.start:s.end] for s in q.spans] == ["We will hold the bridge,",
                                                      "whatever it costs us."]


def test_unnamed_sources() -> None:
    q = only('"Several senior commanders died in the raid," security sources said.')
    assert (q.speaker_text, q.speaker, q.kind) == ("security sources", None, "direct")


def test_curly_marks() -> None:
    q = only("“The ceasefire is holding in most districts,” the envoy said on Monday.")
    assert q.text == "The ceasefire is holding in most districts"
    assert q.speaker_text == "the envoy"


def test_nested_quotes_stay_inside() -> None:
    q = only("\"They shouted 'leave now or die' and we ran for the hills,\" one resident said.")
    assert "'leave now or die'" in q.text and q.speaker_text == "one resident"


def test_british_single_marks() -> None:
    q = only("‘We were given no warning at all,’ the farmer said.")
    assert q.text == "We were given no warning at all" and q.speaker_text == "the farmer"


def test_quote_over_several_paragraphs_keeps_one_speaker() -> None:
    text = ("“The road north has been cut for a week and food is running out.\n\n"
            "“If the convoys do not arrive soon, people will start leaving,” the mayor said.")
    q = only(text)
    assert len(q.spans) == 2 and q.speaker_text == "the mayor"
    assert q.text.endswith("people will start leaving")


def test_unattributed_paragraph_continues_the_previous_speaker() -> None:
    text = ('"We expect more arrivals tonight," said Ana Ruiz, of the Red Cross.\n\n'
            '"The camp was built for 2,000 people and already holds twice that."')
    first, second = quotes_of(text)
    assert first.affiliation == second.affiliation == "Red Cross"
    assert second.speaker_text == "Ana Ruiz" and second.verb is None
    assert second.speaker_spans == first.speaker_spans  # named where she was last named
    assert second.speaker_spans[0].end < second.spans[0].start


def test_scare_quotes_and_titles_are_not_quotes() -> None:
    assert quotes_of('Fighters seized the so-called "green zone" on Friday.') == ()
    assert quotes_of('The report, titled "Silent Roads Of The North", was published in May.') \
        == ()


# ---------------------------------------------------------------------------------------------
# indirect and mixed


def test_indirect_with_that() -> None:
    q = only("The interior minister insisted that the curfew would stay in place until "
             "further notice.")
    assert (q.kind, q.verb, q.speaker_text) == ("indirect", "insisted", "The interior minister")
    assert q.text == "the curfew would stay in place until further notice"


def test_indirect_with_trailing_attribution() -> None:
    q = only("The convoy was attacked near the border crossing, officials said.")
    assert (q.kind, q.speaker_text, q.text) == ("indirect", "officials",
                                                 "The convoy was attacked near the border crossing")


def test_according_to() -> None:
    q = only("According to the local health office, at least nine patients were evacuated.")
    assert (q.kind, q.verb) == ("indirect", "According to")
    assert q.speaker_text == "the local health office"
    assert q.text == "at least nine patients were evacuated"


def test_mixed_quote() -> None:
    q = only('The spokesman said the rebels would face "the full force of the law" if they '
             "refused.")
    assert q.kind == "mixed" and '"the full force of the law"' in q.text


def test_reported_lead_in_before_the_marks_is_mixed() -> None:
    q = only('Aid workers warned that without fuel, "the hospital will close within days."')
    assert q.kind == "mixed" and q.text.startswith("without fuel")


def test_belief_verbs_are_not_speech() -> None:
    assert quotes_of("Analysts believe that the offensive will stall before winter.") == ()


# ---------------------------------------------------------------------------------------------
# speakers and coreference


def test_speaker_is_linked_through_coreference() -> None:
    text = ('"The talks have failed," said Omar Khalil, of the think-tank Levant Watch.\n\n'
            "Khalil has argued that sanctions should be lifted before the next round.")
    khalil = actor(text, "Omar Khalil", "Omar Khalil", "Khalil has", affiliation="Levant Watch")
    first, second = quotes_of(text, (khalil,))
    assert first.speaker == khalil and second.speaker == khalil
    assert second.kind == "indirect" and second.affiliation == "Levant Watch"
    assert second.speaker_text == "Khalil"


def test_surname_without_actors_takes_the_earlier_speaker_affiliation() -> None:
    text = ('"The talks have failed," said Omar Khalil, of the think-tank Levant Watch.\n\n'
            "Khalil has argued that sanctions should be lifted before the next round.")
    assert [q.affiliation for q in quotes_of(text)] == ["Levant Watch", "Levant Watch"]


def test_pronoun_takes_the_previous_speaker() -> None:
    text = ('"We are ready to talk," said Lina Farouk, of the Civic Forum. "But not under fire,"'
            " she added.")
    farouk = actor(text, "Lina Farouk", "Lina Farouk")
    first, second = quotes_of(text, (farouk,))
    assert first.speaker == farouk and second.speaker == farouk
    assert second.speaker_text == "she" and second.verb == "added"


def test_spans_and_speaker_spans_point_at_the_text() -> None:
    text = '"Water is the first need," the mayor said.'
    q = only(text)
    assert text[q.spans[0].start:q.spans[0].end].rstrip(",") == q.text
    assert text[q.speaker_spans[0].start:q.speaker_spans[0].end] == "the mayor"


def test_ids_and_order_are_deterministic() -> None:
    text = ('"We saw smoke," said a witness. Officials said the fire was under control.')
    first = quotes_of(text)
    assert [q.id for q in first] == ["Q1", "Q2"] and first == quotes_of(text)


def test_place_is_not_an_affiliation_but_a_body_is() -> None:
    q = only('"We have no water left," said a resident of the village.')
    assert q.affiliation is None
    q = only('"Shops are closing every week," said Samir Aziz, head of the chamber of commerce.')
    assert q.affiliation == "chamber of commerce"


def test_name_in_apposition_names_the_speaker() -> None:
    q = only('"The border stays closed," said the interior ministry\'s spokesman, Pavel Dvorak.')
    assert q.speaker_text == "Pavel Dvorak" and q.affiliation == "interior ministry"


def test_speech_verb_sharing_a_subject() -> None:
    found = quotes_of('"We found two more bodies," a police officer said, adding that the search '
                      "would go on through the night.")
    assert [q.kind for q in found] == ["direct", "indirect"]
    assert found[1].speaker_text == "a police officer"
    assert found[1].text == "the search would go on through the night"


def test_organisation_speaks_for_itself() -> None:
    q = only('"Aid cannot reach the north," the World Food Programme said in a statement.')
    assert q.speaker_text == "the World Food Programme" and q.affiliation is None


def test_inverted_attribution_with_a_common_noun() -> None:
    q = only('"Where will we sleep tonight?" asked one mother at the camp gate.')
    assert q.speaker_text == "one mother" and q.verb == "asked"


def test_in_the_words_of_is_an_attribution_not_reported_words() -> None:
    q = only('In the words of one aid worker, "the camps cannot take a single family more."')
    assert (q.kind, q.speaker_text) == ("direct", "one aid worker")
    assert q.text == "the camps cannot take a single family more."


def test_according_to_reports_is_hearsay_not_a_quote() -> None:
    import eventwire

    hearsay = eventwire.code("According to reports, the convoy was stopped at the border and "
                             "its cargo was seized.")
    assert hearsay.quotes == ()
    spoken = eventwire.code("According to the customs service, the convoy was stopped at the "
                            "border and its cargo was seized.")
    assert len(spoken.quotes) == 1 and spoken.quotes[0].kind == "indirect"
