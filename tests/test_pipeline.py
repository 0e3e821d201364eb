"""The pipeline runs every stage in order and names a stage that breaks its contract."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

import eventwire
from eventwire import pipeline
from eventwire.errors import PipelineError
from eventwire.records import Article, Coding

WIRE = ("Security forces detained two journalists in the capital on Friday, their newspaper "
        "said. The arrests drew criticism from press freedom groups.")


def test_code_returns_a_coding_with_the_text_and_meta() -> None:
    coding = eventwire.code(WIRE, title="Journalists held", published=date(2023, 3, 4))
    assert isinstance(coding, Coding)
    assert coding.article.title == "Journalists held"
    assert coding.article.published == date(2023, 3, 4)
    assert "detained two journalists" in coding.article.text
    assert coding.meta.version == eventwire.__version__
    assert coding.meta.timings == ()  # only when asked, so output stays byte-stable


def test_every_span_points_at_its_text() -> None:
    coding = eventwire.code(WIRE, published=date(2023, 3, 4))
    text = coding.article.text
    for record in (*coding.actors, *coding.places, *coding.dates, *coding.figures,
                   *coding.quotes, *coding.events):
        for span in record.spans:
            assert 0 <= span.start < span.end <= len(text)
        if hasattr(record, "text") and record.spans and not hasattr(record, "speaker"):
            first = record.spans[0]
            assert text[first.start:first.end] == record.text


def test_stages_run_in_the_declared_order_and_see_earlier_results() -> None:
    names = [s.name for s in pipeline.STAGES]
    assert names == ["actors", "places", "dates", "figures", "quotes", "events"]
    for position, stage in enumerate(pipeline.STAGES):
        assert set(stage.requires) <= set(names[:position])


def test_timings_are_recorded_when_asked() -> None:
    article = Article(id="t1", text=WIRE)
    coding = next(eventwire.code_many([article], timings=True))
    assert [t.stage for t in coding.meta.timings] == [s.name for s in pipeline.STAGES]


def test_code_many_keeps_order_across_batches() -> None:
    articles = [Article(id=f"a{i}", text=f"Article number {i}. " + WIRE) for i in range(7)]
    ids = [c.article.id for c in eventwire.code_many(articles, batch_size=3)]
    assert ids == [a.id for a in articles]


def test_a_stage_returning_the_wrong_thing_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = dataclasses.replace(pipeline.STAGES[2], func=lambda doc, article, found: None)
    monkeypatch.setattr(pipeline, "STAGES", (*pipeline.STAGES[:2], broken,
                                             *pipeline.STAGES[3:]))
    with pytest.raises(PipelineError, match="stage 'dates' returned NoneType"):
        eventwire.code(WIRE)


def test_same_input_same_output() -> None:
    from eventwire.records import to_json

    first = to_json(eventwire.code(WIRE, published=date(2023, 3, 4)))
    assert to_json(eventwire.code(WIRE, published=date(2023, 3, 4))) == first


def test_code_many_in_worker_processes_gives_the_same_codings_in_order() -> None:
    from eventwire.records import to_json

    articles = [Article(id=f"p{i}", text=f"Report {i}. " + WIRE) for i in range(5)]
    here = [to_json(c) for c in eventwire.code_many(articles, batch_size=2)]
    pooled = [to_json(c) for c in eventwire.code_many(articles, batch_size=2, n_process=2)]
    assert pooled == here


def test_cached_sentences_and_text_equal_spacys() -> None:
    from eventwire import nlp

    doc = nlp.parse("Gunmen attacked a bus near Kano. Nine people died.\n\nPolice said so.")
    assert [s.text for s in nlp.sentences(doc)] == [s.text for s in doc.sents]
    assert all(nlp.sentence_of(t) == t.sent for t in doc)
    assert nlp.text_of(doc) == doc.text
    assert doc.to_bytes()  # what is cached in user_data stays serialisable with the doc


@pytest.fixture
def gc_settings():
    """Put the garbage collector back as it was after a test that tunes it."""
    import gc

    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_warm_up_codes_every_stage_then_freezes_what_is_loaded(gc_settings) -> None:
    import gc

    coding = next(pipeline.code_many([pipeline.WARM_UP]))
    # the warm-up article reaches every stage, so none loads its data in the middle of a run
    assert all(getattr(coding, stage.name) for stage in pipeline.STAGES)
    gc.unfreeze()
    pipeline.warm_up()
    assert gc.get_freeze_count() > 100_000  # the model and lexicons, out of the scans
    assert gc.get_threshold()[0] >= pipeline.YOUNG_THRESHOLD
