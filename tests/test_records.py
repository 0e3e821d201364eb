"""The records round-trip exactly through JSON, and reject what they cannot hold."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.records import (
    Actor,
    Article,
    Coding,
    Cut,
    DateMention,
    Event,
    Figure,
    Meta,
    Place,
    Quote,
    Size,
    Span,
    StageTime,
    from_dict,
    from_json,
    to_dict,
    to_json,
)

TEXT = ("Police in Lagos arrested 14 protesters on Monday, a spokesman said. "
        "\"We acted within the law,\" said Chief Inspector Ade Bello.")


def _full_coding() -> Coding:
    police = Actor(id="A1", text="Police", name="Nigeria Police Force", kind="organisation",
                   country="NGA", sector="COP", sectors=("COP", "GOV"), spans=(Span(0, 6),))
    crowd = Actor(id="A2", text="14 protesters", name="protesters", kind="agent",
                  country="NGA", sector="CVL", count=14, count_qualifier="exact",
                  members=(Actor(id="A2.1", text="protesters", name="protesters"),),
                  spans=(Span(25, 38),))
    lagos = Place(id="P1", text="Lagos", name="Lagos", geonameid=2332459, feature_code="PPLA",
                  lat=6.45407, lon=3.39467, admin1="Lagos", admin1_code="05", country="NGA",
                  spans=(Span(10, 15),))
    monday = DateMention(id="D1", text="Monday", value=date(2024, 5, 6), precision="day",
                         relative=True, spans=(Span(42, 48),))
    figure = Figure(id="F1", text="14 protesters", value=14.0, unit="protesters", actor=crowd,
                    predicate="arrested", spans=(Span(25, 38),))
    quote = Quote(id="Q1", text="We acted within the law,", speaker=police,
                  speaker_text="Chief Inspector Ade Bello", verb="said",
                  spans=(Span(69, 93),), speaker_spans=(Span(100, 125),))
    event = Event(id="E1", event="COERCE", trigger="arrested", mode=("arrest",),
                  cameo="173", quad_code=4, actors=(police,), recipients=(crowd,), place=lagos,
                  date=monday.value, date_precision="day", date_text="Monday",
                  size=Size(arrested=14), reported=True, sentence=TEXT[:67],
                  confidence=0.82, spans=(Span(16, 24), Span(0, 67)))
    article = Article(id="abc123", text=TEXT, source="test.txt", url="https://example.org/a",
                      title="Police arrest protesters", standfirst="A crackdown in Lagos.",
                      byline=("Jane Roe", "John Doe"), published=date(2024, 5, 7),
                      removed=(Cut("Reuters", "credit", 3), Cut("Back to top", "navigation")))
    meta = Meta(version="0.1.0", model="en_core_web_sm-3.8.0",
                timings=(StageTime("actors", 0.001),))
    return Coding(article=article, meta=meta, actors=(police, crowd), places=(lagos,),
                  dates=(monday,), figures=(figure,), quotes=(quote,), events=(event,))


def test_a_full_coding_round_trips_exactly() -> None:
    coding = _full_coding()
    again = from_json(Coding, to_json(coding))
    assert again == coding
    assert to_json(again) == to_json(coding)  # byte-identical


def test_json_holds_plain_types() -> None:
    data = to_dict(_full_coding())
    assert data["article"]["published"] == "2024-05-07"
    assert data["events"][0]["actors"][0]["sectors"] == ["COP", "GOV"]
    assert isinstance(data["figures"][0]["value"], float)


def test_ints_where_floats_are_expected_are_accepted() -> None:
    data = to_dict(_full_coding())
    data["figures"][0]["value"] = 14
    assert from_dict(Coding, data).figures[0].value == 14.0


def test_unknown_fields_are_refused() -> None:
    data = to_dict(_full_coding())
    data["article"]["colour"] = "red"
    with pytest.raises(ValueError, match="colour"):
        from_dict(Coding, data)


def test_spans_point_into_the_text() -> None:
    coding = _full_coding()
    assert coding.places[0].spans[0].of(coding.article) == "Lagos"
    assert Span(0, 6, "title").of(coding.article) == "Police"
    with pytest.raises(ValueError):
        Span(5, 2)


def test_records_are_frozen() -> None:
    with pytest.raises(AttributeError):
        _full_coding().article.text = "changed"  # type: ignore[misc]
