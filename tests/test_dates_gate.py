"""The scanner's shortcut: trying the grammar only where a match may begin must find exactly
what trying it everywhere finds. Every sentence here is ours, written in the style of wire copy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.dates import gate, grammar

_SENTENCES = [
    "On 23 February 2022, gunmen ambushed a convoy near the border.",
    "Talks resume next Tuesday, and again in three weeks' time, officials said.",
    "Between 9 and 11 February, militiamen raided three villages; 15 people died.",
    "The decree of 23/02/2022 took effect on 4/5, the ministry said on Mon., Feb. 28.",
    "PRESIDENT CRISTIANI SAID ON 30 DECEMBER 1989 THAT 2000 TROOPS HAD LEFT.",
    "In mid-March, and again in the first week of April 2021, the army shelled the town.",
    "Protesters gathered on Christmas Eve, on Valentine’s Day and at Easter 2019.",
    "The twenty-third of May, two days ago, the past 48 hours: 2022-02-23, 1/2/2003.",
    "Aprfirst, Marchtwenty and Sept2 are not words; ſunday and Ｍay are not ASCII.",
    "Last weekend's vote, this morning's blast and the week of 12 May were reported.",
]


def _everywhere(text: str) -> list[tuple[int, int]]:
    """The old way: the expression tried at every position of every window."""
    compiled = grammar._compiled()
    return [m.span() for start, end in grammar._windows(compiled, text)
            for m in compiled.pattern.finditer(text, start, end)]


def _gated(text: str) -> list[tuple[int, int]]:
    compiled = grammar._compiled()
    return [m.span() for start, end in grammar._windows(compiled, text)
            for m in grammar._matches(compiled, text, start, end)]


def test_gated_scan_finds_what_the_full_scan_finds() -> None:
    for sentence in _SENTENCES:
        assert _gated(sentence) == _everywhere(sentence), sentence
        assert _gated(sentence.upper()) == _everywhere(sentence.upper()), sentence


_PIECES = st.sampled_from(["on", "in", "the", "of", "May", "may", "March", "Tues.", "Sunday",
                           "last", "next", "week", "weeks", "days", "ago", "from", "now", "to",
                           "between", "and", "23", "4/5", "2019", "1999", "23rd", "twenty-third",
                           "Christmas", "Eve", "mid-", "early", "-", ",", ".", "'s", "year",
                           "people", "said", "first", "2022-02-23", "three", "Ｍay", "ſunday"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=14), st.lists(st.sampled_from([" ", "", "  "]),
                                                           min_size=14, max_size=14))
def test_gated_scan_on_made_up_phrases(pieces: list[str], gaps: list[str]) -> None:
    text = "".join(p + g for p, g in zip(pieces, gaps, strict=False))
    assert _gated(text) == _everywhere(text)


# Words that follow the lead pairs most often tried in news copy ("of the", "in the", "at the",
# "the 3"), in phrases that are dates and phrases that are not.
_THIRDS = st.sampled_from(["of", "in", "at", "the", "a", "country", "year", "years", "age",
                           "capital", "end", "start", "first", "final", "week", "weekend", "3",
                           "12", "1,000", "d", "past", "previous", "days", "month", "Eve",
                           "united", "twenty", "international", "unprecedentedly", "coming"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, _THIRDS), min_size=1, max_size=14),
       st.lists(st.sampled_from([" ", "", ", ", "-"]), min_size=14, max_size=14))
def test_gated_scan_on_three_word_leads(pieces: list[str], gaps: list[str]) -> None:
    text = "".join(p + g for p, g in zip(pieces, gaps, strict=False))
    assert _gated(text) == _everywhere(text)


def test_anchor_scans_agree() -> None:
    """The ASCII scan, the lower-cased scan and the word-by-word scan find the same anchors."""
    compiled = grammar._compiled()
    for sentence in _SENTENCES:
        words = [hit.span() for hit in grammar._WORD.finditer(sentence)
                 if hit.group()[0].isdigit() or hit.group().lower() in compiled.anchors]
        assert list(grammar._anchor_spans(compiled, sentence)) == words, sentence


def test_lead_words_of_a_small_expression() -> None:
    leads = gate.lead_words(r"(?:(?:on|in)\s+)?(?:the\s+week|\d\d?\s+days?|May)(?![\w\-/]|\.\d)",
                            re.IGNORECASE)
    days = frozenset({"day", "days"})
    assert leads["on"] == leads["in"] == {"the": frozenset({"week"}), "#1": days, "#2": days,
                                          "may": None}
    assert leads["the"] == {"week": None}
    assert leads["#1"] == leads["#2"] == {"day": None, "days": None}
    assert leads["may"] is None  # "May" may end the phrase: any word may follow
    assert "week" not in leads


def test_may_start_reads_the_third_word() -> None:
    leads = gate.lead_words(r"(?:(?:of|in)\s+)?the\s+(?:week|first)(?![\w\-/]|\.\d)",
                            re.IGNORECASE)
    words = [(0, 2, "of"), (3, 6, "the"), (7, 14, "country"), (15, 17, "in"), (18, 21, "the"),
             (22, 26, "Week")]
    assert not gate.may_start(leads, words, 0)  # "of the country"
    assert gate.may_start(leads, words, 3)  # "in the Week"
    assert gate.may_start(leads, [(0, 2, "of"), (3, 6, "the"), (7, 20, "unprecedented")], 0)


def test_may_start_wants_the_words_a_match_needs() -> None:
    """A lead word at the end of its window: the expression, which sees no further, cannot
    match there (its next word is missing)."""
    leads = {"in": {"may": None}, "may": None}
    assert not gate.may_start(leads, [(0, 2, "in")], 0)
    assert gate.may_start(leads, [(0, 3, "May")], 0)
    assert not gate.may_start({"of": {"the": frozenset({"week"})}}, [(0, 2, "of"), (3, 6, "the")],
                              0)


def test_lead_words_give_up_on_a_class_of_letters() -> None:
    assert gate.lead_words(r"[a-z]+day", 0) == {gate.ANY: None}


def test_may_start_reads_the_next_word() -> None:
    leads = {"in": {"may": None, "#4": None}, "may": None}
    words = [(0, 2, "in"), (3, 7, "2019"), (8, 10, "in"), (11, 16, "vain")]
    assert gate.may_start(leads, words, 0)
    assert not gate.may_start(leads, words, 2)
    assert not gate.may_start(leads, words, 3)  # not a lead word
    assert gate.may_start(leads, [(0, 5, "Ｍay")], 0)  # not ASCII: always tried


def test_lead_words_are_kept_in_the_cache_and_walked_anew_when_spoiled(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk is done once per grammar, not once per process; a spoiled file is walked
    again and rewritten, never trusted."""
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    compiled = grammar._compiled()
    pattern, flags = compiled.pattern.pattern, compiled.pattern.flags
    walked = gate.lead_words(pattern, flags)
    assert gate.cached_lead_words(pattern, flags) == walked
    (stored,) = tmp_path.glob("date-leads-*.json")
    assert gate.cached_lead_words(pattern, flags) == walked  # read back from the file
    stored.write_text('["not", "a", "table"]', "utf-8")
    assert gate.cached_lead_words(pattern, flags) == walked
    assert gate.cached_lead_words(pattern, flags) == walked
    assert stored.read_text("utf-8").startswith("{")
