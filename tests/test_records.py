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


def _built_both_ways(cls: type, *args: object, **kwargs: object) -> tuple[object, object]:
    """``cls`` built by ``record``'s fast ``__init__`` and by the dataclass's own."""
    fast = cls(*args, **kwargs)
    slow = object.__new__(cls)
    cls._dataclass_init(slow, *args, **kwargs)
    return fast, slow


def test_record_init_builds_what_the_dataclass_init_builds() -> None:
    import dataclasses

    from eventwire.records import record

    @record
    class Sample:
        name: str
        count: int = 3
        tags: tuple[str, ...] = dataclasses.field(default_factory=tuple)
        seen: list[int] = dataclasses.field(default_factory=list, init=False)
        note: str = dataclasses.field(default="", kw_only=True)

        def __post_init__(self) -> None:
            if self.count < 0:
                raise ValueError("negative")

    for args, kwargs in [(("a",), {}), (("a", 5), {}), (("a", 5, ("x",)), {"note": "n"}),
                         ((), {"name": "b", "tags": ("y",)})]:
        fast, slow = _built_both_ways(Sample, *args, **kwargs)
        assert fast == slow and fast.seen == [] and fast.seen is not Sample("z").seen
    with pytest.raises(ValueError, match="negative"):
        Sample("a", -1)
    with pytest.raises(TypeError):
        Sample("a", 5, (), "positional note")  # keyword-only stays keyword-only
    with pytest.raises(TypeError):
        Sample()
    with pytest.raises(dataclasses.FrozenInstanceError):
        Sample("a").count = 4  # type: ignore[misc]


def test_pipeline_records_are_built_the_same_by_both_inits() -> None:
    span = Span(3, 9, "title")
    cases = [(Span, (3, 9, "title")), (Size, (2, None, 5)),
             (Actor, ("a1", "police", "Kenyan police", "KEN", ("COP",))),
             (Event, ("e1", "ASSAULT", "shelled")), (Quote, ("q1", "We will stay", "she")),
             (StageTime, ("places", 0.01))]
    for cls, args in cases:
        fast, slow = _built_both_ways(cls, *args)
        assert fast == slow, cls.__name__
    assert _built_both_ways(Event, "e2", "COERCE", "held", spans=(span,))[0].size == Size()
    with pytest.raises(ValueError, match="bad span"):
        Span(5, 2)
