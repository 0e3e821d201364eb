"""Cruft removal on scraped wire-style texts we wrote (tests/fixtures/ingest/*.txt)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.ingest import clean
from eventwire.ingest._cues import cue, verbless_caps

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def cuts(text: str) -> list[tuple[str, str]]:
    return [(c.reason, c.text) for c in clean(text).removed]


def test_scraped_story_with_standfirst_byline_repeated_link_credit_and_top_link():
    raw = read("repeated_related.txt")
    result = clean(raw)
    assert result.title == "Militia Fighters Defect After Pay Dispute"
    assert result.standfirst is not None and result.standfirst.startswith("Dozens of militiamen")
    assert result.byline == ("Amira Haddad",)
    assert result.text.startswith("Around 60 fighters from a pro-government militia")
    assert result.text.endswith("and that 12 of them were detained.")
    assert [(c.reason, c.text, c.line) for c in result.removed] == [
        ("byline", "Amira Haddad ,", 4),
        ("related-link", "Government troops advance on northern city", 6),
        ("duplicate", "Government troops advance on northern city", 7),
        ("credit", "EPA", 8),
        ("navigation", "top", 19),
    ]
    assert result.text.count("\n\n") == 2  # three paragraphs, joined by blank lines


def test_cut_lines_point_at_the_raw_input():
    for name in ("repeated_related.txt", "two_authors.txt", "associated_press.txt"):
        raw = read(name)
        lines = raw.split("\n")
        for piece in clean(raw).removed:
            assert piece.line is not None
            assert lines[piece.line].strip() == piece.text


def test_two_authors_agency_date_stamp_and_related_block():
    result = clean(read("two_authors.txt"))
    assert result.title == "Rebels Pull Back From Border Town After Week of Clashes"
    assert result.standfirst is not None and result.standfirst.startswith("Fighters withdrew")
    assert result.byline == ("Maria Lopez", "Daniel Okafor")
    assert str(result.published) == "2019-03-12"
    reasons = {text: reason for reason, text in cuts(read("two_authors.txt"))}
    assert reasons == {
        "Home | World | Africa": "navigation",
        "By Maria Lopez and Daniel Okafor | AFP": "byline",
        "12 March 2019 14:02 GMT": "dateline",
        "Photo: AFP/Getty Images": "credit",
        "Advertisement": "navigation",
        "Share this article": "navigation",
        "Related stories": "navigation",
        "Army says it retook two villages near the frontier": "related-link",
        "Aid agencies warn of hunger in the north": "related-link",
        "Back to top": "navigation",
    }
    assert result.text.startswith("Rebel fighters pulled out")
    assert result.text.endswith("Negotiators are due to meet again next week in the capital.")


def test_short_real_paragraphs_and_subheads_stay():
    result = clean(read("two_authors.txt"))
    assert "\n\nTalks resume\n\n" in result.text
    ap = clean(read("associated_press.txt"))
    assert "\n\nHe declined to comment.\n\n" in ap.text


def test_all_caps_byline_section_label_credit_in_body_and_tail_notices():
    result = clean(read("associated_press.txt"))
    assert result.byline == ("JOHN HARTLEY",)
    assert str(result.published) == "2019-03-14"
    assert cuts(read("associated_press.txt")) == [
        ("navigation", "World News"),
        ("byline", "By JOHN HARTLEY, Associated Press"),
        ("dateline", "Updated: March 14, 2019 09:12 GMT"),
        ("credit", "AP Photo/Hussein Malla"),
        ("credit", "© 2019 The Associated Press. All rights reserved."),
        ("navigation", "Tags: Lebanon, Beirut, protests"),
    ]
    assert result.text.startswith("BEIRUT (AP) — Hundreds of protesters")
    assert result.text.endswith("address parliament on Friday.")


def test_article_without_cruft_comes_out_untouched():
    raw = read("plain.txt")
    result = clean(raw)
    assert result.removed == ()
    assert result.title is None and result.standfirst is None and result.byline == ()
    assert result.text == "\n\n".join(p for p in raw.strip().split("\n\n"))


def test_hard_wrapped_paragraphs_are_joined_and_wire_credit_cut():
    result = clean(read("wrapped.txt"))
    paragraphs = result.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("GENEVA (Reuters) - A ceasefire between the two armies in the "
                                     "disputed valley held")
    assert "\n" not in paragraphs[0]
    assert result.byline == ("Tom Reed",)
    assert ("credit", "(Reporting by Tom Reed; Editing by Alison Grey)") in cuts(
        read("wrapped.txt"))


def test_repeated_paragraph_keeps_its_first_copy():
    result = clean(read("duplicate_paragraph.txt"))
    assert [(c.reason, c.line) for c in result.removed] == [("duplicate", 4)]
    assert result.text.startswith("Two soldiers were killed")
    assert result.text.count("Two soldiers were killed") == 1


def test_whitespace_is_normalised_conservatively():
    raw = ("Police said the   suspects fled on foot.  \r\n\r\n\r\n\r\n"
           "Officers later found the car abandoned near the river.\u00a0\r\n")
    assert clean(raw).text == ("Police said the   suspects fled on foot.\n\n"
                               "Officers later found the car abandoned near the river.")


def test_given_title_is_removed_from_the_top_and_not_guessed_otherwise():
    raw = "Storm Hits Coast\n\nThe storm made landfall on Tuesday night, officials said."
    result = clean(raw, title="Storm hits coast")
    assert result.title == "Storm hits coast"
    assert result.text == "The storm made landfall on Tuesday night, officials said."
    with_site = clean(raw, title="Storm Hits Coast | The Harbour Star")
    assert with_site.text == "The storm made landfall on Tuesday night, officials said."
    other = clean(raw, title="A different headline")
    assert other.text.startswith("Storm Hits Coast")


def test_extractor_output_keeps_first_copy_of_a_repeated_heading():
    raw = ("Crews worked through the night to restore power to the district.\n"
           "Outage map\nOutage map\n"
           "Engineers said most homes would be reconnected by the weekend.")
    kept = clean(raw, scraped=False)
    assert "Outage map" in kept.text
    assert [c.reason for c in kept.removed] == ["duplicate"]
    scraped = clean(raw)
    assert "Outage map" not in scraped.text
    assert [c.reason for c in scraped.removed] == ["related-link", "duplicate"]


def test_related_prefix_line_is_cut_inside_the_body():
    raw = ("Troops entered the town at dawn, witnesses said.\n\n"
           "READ MORE: Who are the fighters holding the hills?\n\n"
           "The army said the operation would continue for several days.")
    assert cuts(raw) == [("related-link", "READ MORE: Who are the fighters holding the hills?")]


def test_only_cruft_leaves_no_text():
    assert clean("Share\n\nAdvertisement\n\nBack to top").text == ""


@pytest.mark.parametrize("line", [
    "Reuters", "AFP/Getty Images", "Photo: John Smith/AP", "REUTERS/Ahmed Jadallah",
    "Image copyright EPA", "(Photo by Lena Park/Anadolu Agency)", "Xinhua",
])
def test_credit_lines(line: str):
    found = cue(line)
    assert found is not None and found.kind == "credit"


@pytest.mark.parametrize(("line", "names"), [
    ("By Sarah O'Neill", ("Sarah O'Neill",)),
    ("Omar al-Hassan ,", ("Omar al-Hassan",)),
    ("Lucy Fenwick and Mark Obi", ("Lucy Fenwick", "Mark Obi")),
    ("Karim Said | Reuters", ("Karim Said",)),
    ("By Ana Ruiz, Staff Writer", ("Ana Ruiz",)),
    ("By Reuters", ("Reuters",)),
    ("By Al Jazeera Staff", ("Al Jazeera",)),
    ("By Sara Haddad in Kabul", ("Sara Haddad",)),
    ("By Tom Reed and Ana Ruiz in New York | 3 May 2019", ("Tom Reed", "Ana Ruiz")),
])
def test_byline_shapes(line: str, names: tuple[str, ...]):
    found = cue(line)
    assert found is not None and found.kind == "byline"
    assert found.names == names


@pytest.mark.parametrize("line", [
    "top", "Back to top", "Share this article", "Advertisement", "Share | Tweet | Email",
    "Read more", "Print",
])
def test_navigation_lines(line: str):
    found = cue(line)
    assert found is not None and found.kind in ("navigation", "header")


@pytest.mark.parametrize("line", [
    "The talks collapsed on Friday.",
    "By the time police arrived, the crowd had gone.",
    "Middle East peace talks resume in Cairo",
    "Talks resume",
    "He declined to comment.",
])
def test_ordinary_text_is_not_cruft(line: str):
    assert cue(line) is None


def test_verbless_label_heuristic():
    assert verbless_caps("Middle East Politics")
    assert not verbless_caps("Rebels Seized Two Towns")
    assert not verbless_caps("the army said nothing")


def test_dates_below_the_story_are_not_its_date_but_a_closing_byline_counts():
    raw = ("Aid convoy reaches besieged town after weeks of talks, officials said on Sunday.\n\n"
           "The convoy carried food and medicine for about 20,000 people, the UN said.\n\n"
           "By Hana Yilmaz\n\n"
           "More stories\n"
           "Earlier convoy turned back at checkpoint\n"
           "4 February 2021\n")
    result = clean(raw)
    assert result.published is None
    assert result.byline == ("Hana Yilmaz",)
    assert result.text.endswith("the UN said.")
    assert ("related-link", "Earlier convoy turned back at checkpoint") in cuts(raw)


def test_caption_credit_relative_stamp_and_most_read_block():
    raw = read("caption_and_comments.txt")
    result = clean(raw)
    assert result.title == "Opposition Leader Freed on Bail After Three Nights in Custody"
    assert result.standfirst is not None and result.standfirst.startswith("Her supporters")
    assert result.published is None  # "5 hours ago" names no day
    assert [c.reason for c in result.removed] == [
        "navigation", "dateline", "credit", "navigation", "navigation", "navigation",
        "related-link", "related-link"]
    paragraphs = result.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Lina Osei was released on bail")
    assert paragraphs[-1].endswith("before next year's election.")


def test_lexicon_files_are_well_formed():
    folder = Path(__file__).parents[1] / "src" / "eventwire" / "data" / "ingest"
    files = sorted(folder.glob("*.json"))
    assert [f.name for f in files] == ["bylines.json", "credits.json", "navigation.json",
                                       "words.json"]
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["_about"].strip()
        for name, entries in data.items():
            if name == "_about":
                continue
            assert entries, (path.name, name)
            for entry in entries:
                assert entry == entry.strip() and entry, (path.name, name, entry)
            assert len(entries) == len(set(entries)), (path.name, name)


def test_markdown_heading_becomes_the_title():
    result = clean("# Curfew Lifted in Port City\n\nThe army lifted the curfew on Monday, a "
                   "spokesman said.\n")
    assert result.title == "Curfew Lifted in Port City"
    assert result.text == "The army lifted the curfew on Monday, a spokesman said."
