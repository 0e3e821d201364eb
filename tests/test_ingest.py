"""Readers: text, HTML, JSONL, WARC, directories, globs, stdin; encodings; bad input; ids."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import eventwire.ingest as ingest
from eventwire.errors import InputError
from eventwire.ingest import article_id, from_html, from_input, from_text, read_sources
from eventwire.records import Article, Failure

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PAGE = (FIXTURES / "page.html").read_bytes()
STORY = (
    "Border Guards Detain Smugglers\n\n"
    "Border guards detained six men suspected of smuggling fuel across the river on Friday, "
    "the customs service said.\n\n"
    "The men were carrying more than 2,000 litres of diesel in plastic drums, it said.\n"
)
FRENCH_PAGE = (
    '<!DOCTYPE html><html lang="fr"><head><title>Inondations dans le delta</title></head><body>'
    "<article><h1>Inondations dans le delta</h1>"
    "<p>Des milliers de personnes ont quitté leurs maisons après la crue du fleuve, selon les "
    "autorités locales qui ont ouvert des abris dans les écoles de la région.</p>"
    "<p>Les secours ont distribué de l'eau potable et des couvertures pendant toute la nuit, "
    "tandis que la pluie continuait de tomber sur les villages du sud.</p>"
    "<p>Le gouvernement a promis une aide d'urgence aux familles sinistrées dès la semaine "
    "prochaine.</p></article></body></html>")
# A story with curly quotes, a euro sign and accented names: distinct bytes in each encoding.
ACCENTED = ("The minister’s “final offer” — rejected by the union — was worth €2m, said José "
            "Muñoz in São Paulo.\n\nTalks will resume on Monday, the union’s leaders said.")


def test_public_surface():
    assert set(ingest.__all__) >= {"from_input", "from_text", "from_html", "read_sources",
                                   "clean"}


# -- single articles ---------------------------------------------------------------------------


def test_text_article_has_title_body_and_stable_id():
    article = from_input(STORY, source="wire/story.txt")
    assert article.title == "Border Guards Detain Smugglers"
    assert article.text.startswith("Border guards detained six men")
    assert article.text.endswith("in plastic drums, it said.")
    assert article.id == from_input(STORY.encode(), source="wire/story.txt").id
    assert article.id == article_id(article.text, "wire/story.txt")
    assert len(article.id) == 16 and int(article.id, 16) >= 0
    assert from_input(STORY, source="other.txt").id != article.id


def test_id_scheme_is_fixed_across_machines():
    # sha256("src\0text")[:16]: changing the scheme breaks resuming stored corpus runs
    assert article_id("text", "src") == "0a1d2d4467869677"


def test_explicit_id_title_and_published_fallback():
    article = from_input(STORY, id="abc-1", title="Given", published=date(2020, 1, 2),
                         url="https://example.org/a")
    assert (article.id, article.title, article.published, article.url) == (
        "abc-1", "Given", date(2020, 1, 2), "https://example.org/a")
    # the given title does not match the first line, so the headline stays in the body
    assert article.text.startswith("Border Guards Detain Smugglers")


def test_own_date_wins_over_published_fallback():
    raw = ("Dam Breach Floods Valley\n\nBy Ines Moreau\n4 June 2018\n\n"
           "A dam burst after days of heavy rain, flooding farms downstream, officials said.\n")
    article = from_text(raw, published=date(2020, 1, 1))
    assert article.published == date(2018, 6, 4)
    assert article.byline == ("Ines Moreau",)


def test_html_page_text_title_byline_and_date():
    article = from_input(PAGE, source="page.html", published=date(1999, 1, 1))
    assert article.title == "Flooding Forces Thousands From Homes in River Delta"
    assert article.byline == ("Priya Natarajan",)
    assert article.published == date(2021, 8, 17)
    assert article.text.startswith("Floodwaters swept through dozens of villages")
    assert article.text.endswith("move to safety.")
    assert article.text.count("\n\n") == 3
    assert "Privacy policy" not in article.text and "Subscribe" not in article.text
    assert from_html(PAGE.decode(), source="page.html") == article


def test_title_given_explicitly_wins_over_the_page_title():
    assert from_input(PAGE, title="Delta floods").title == "Delta floods"


@pytest.mark.parametrize("cut", [120, 700, 1400, len(PAGE) - 40])
def test_truncated_html_gives_an_article_or_a_clean_error(cut: int):
    try:
        article = from_input(PAGE[:cut])
    except InputError as error:
        assert error.code in ("E108", "E110")
    else:
        assert article.text.strip()


def test_html_without_text():
    page = b"<html><head><title></title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(InputError) as caught:
        from_input(page, source="empty.html")
    assert caught.value.code == "E108"
    assert str(caught.value).startswith("E108: empty.html:")


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig", "utf-8"])
def test_encodings_are_detected(encoding: str):
    article = from_input(ACCENTED.encode(encoding))
    assert article.text == ACCENTED


def test_latin1_is_decoded():
    text = "Café owners in São Tomé said the régime tax was unfair.\n\nThey plan a strike."
    assert from_input(text.encode("latin-1")).text == text


@pytest.mark.parametrize(("data", "code"), [
    (b"", "E104"),
    (b"  \n\t\n ", "E104"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "E103"),
    (b"ab\x00\x01\x02\x03\x04\x05cd" * 50, "E103"),
    (bytes(range(128, 256)) * 4, "E105"),
    (b"Share\n\nAdvertisement\n\nBack to top\n", "E110"),
])
def test_unusable_input_raises_input_error(data: bytes, code: str):
    with pytest.raises(InputError) as caught:
        from_input(data, source="in.txt")
    assert caught.value.code == code
    assert str(caught.value).startswith(f"{code}: in.txt")


# -- many articles -----------------------------------------------------------------------------


def warc_bytes(*, gzip: bool = True) -> tuple[bytes, list[str]]:
    """A WARC with an HTML response, a text response, an image and a request record."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    ids = []
    for url, content_type, payload in (
        ("https://news.example/flood", "text/html; charset=utf-8", PAGE),
        ("https://news.example/wire.txt", "text/plain", STORY.encode()),
        ("https://news.example/photo.png", "image/png", b"\x89PNG\r\n\x1a\n0000"),
    ):
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)],
                                   protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                           http_headers=headers,
                                           warc_headers_dict={"WARC-Date":
                                                              "2022-03-04T05:06:07Z"})
        writer.write_record(record)
        ids.append(record.rec_headers.get_header("WARC-Record-ID").strip("<>"))
    request = writer.create_warc_record("https://news.example/flood", "request",
                                        payload=io.BytesIO(b"GET /flood HTTP/1.1\r\n\r\n"))
    writer.write_record(request)
    return buffer.getvalue(), ids[:2]


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_response_records_become_articles(tmp_path: Path, gzip: bool):
    data, ids = warc_bytes(gzip=gzip)
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    path.write_bytes(data)
    items = list(read_sources([str(path)]))
    assert all(isinstance(i, Article) for i in items)
    html, text = items
    assert (html.id, html.url) == (ids[0], "https://news.example/flood")
    assert html.published == date(2021, 8, 17)  # the page's own date
    assert (text.id, text.url) == (ids[1], "https://news.example/wire.txt")
    assert text.published == date(2022, 3, 4)  # WARC-Date, only as a fallback
    assert text.title == "Border Guards Detain Smugglers"


def test_bad_warc_is_a_failure(tmp_path: Path):
    path = tmp_path / "broken.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort")
    (failure,) = list(read_sources([str(path)]))
    assert isinstance(failure, Failure) and failure.code == "E109"
    assert failure.reason.startswith(f"E109: {path}: not a readable WARC file")


def test_jsonl_lines_and_bad_lines(tmp_path: Path):
    lines = [
        json.dumps({"id": "a1", "text": STORY, "published": "2019-05-06", "url": "https://x/1"}),
        "{not json",
        json.dumps({"id": "a3", "title": "No body"}),
        "",
        json.dumps({"id": 4, "html": PAGE.decode(), "title": "Delta floods"}),
        json.dumps({"text": STORY, "published": "yesterday"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": STORY}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_sources([str(path)]))
    kinds = [(type(i).__name__, getattr(i, "code", None)) for i in items]
    assert kinds == [("Article", None), ("Failure", "E106"), ("Failure", "E107"),
                     ("Article", None), ("Failure", "E112"), ("Failure", "E112"),
                     ("Article", None)]
    first, bad_json, no_text, html, bad_date, not_object, last = items
    assert (first.id, first.published, first.url) == ("a1", date(2019, 5, 6), "https://x/1")
    assert bad_json.source == f"{path}:2" and bad_json.reason.startswith(f"E106: {path}:2: line 2")
    assert no_text.source == f"{path}:3"
    assert (html.id, html.title) == ("4", "Delta floods")
    assert bad_date.source == f"{path}:6" and "published" in bad_date.reason
    assert not_object.source == f"{path}:7"
    assert last.id == article_id(last.text, f"{path}:8")


def test_directory_is_read_recursively_in_sorted_order(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "one.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "a.html").write_bytes(PAGE)
    (tmp_path / "c.md").write_text(STORY.replace("six", "seven"), encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4 not read")
    (tmp_path / "z.jsonl").write_text(json.dumps({"id": "j", "text": STORY}) + "\n")
    items = list(read_sources([str(tmp_path)]))
    assert [i.source for i in items] == [str(tmp_path / "a.html"), str(tmp_path / "b" / "one.txt"),
                                        str(tmp_path / "c.md"), f"{tmp_path / 'z.jsonl'}:1"]
    assert all(isinstance(i, Article) for i in items)


def test_glob_pattern(tmp_path: Path):
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text(STORY, encoding="utf-8")
    items = list(read_sources([str(tmp_path / "x*.txt")], published=date(2001, 2, 3)))
    assert [Path(i.source).name for i in items] == ["x1.txt", "x2.txt"]
    assert all(i.published == date(2001, 2, 3) for i in items)


def test_path_problems_become_failures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    (tmp_path / "blank.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    sources = [str(tmp_path / "missing.txt"), str(empty_dir), str(tmp_path / "blank.txt"),
               str(tmp_path / "image.txt"), str(tmp_path / "nothing-*.txt")]
    items = list(read_sources(sources))
    assert [(type(i).__name__, i.code) for i in items] == [
        ("Failure", "E101"), ("Failure", "E102"), ("Failure", "E104"), ("Failure", "E103"),
        ("Failure", "E101")]
    assert items[0].reason == f"E101: {tmp_path / 'missing.txt'}: no such file or directory"

    unreadable = tmp_path / "locked.txt"
    unreadable.write_text(STORY)

    def deny(self: Path, *args: object, **kwargs: object) -> io.BufferedReader:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", deny)
    (failure,) = list(read_sources([str(unreadable)]))
    assert (failure.code, failure.reason) == (
        "E111", f"E111: {unreadable}: cannot read (Permission denied)")


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(("data", "expect"), [
    (STORY.encode("utf-16"), "Border guards detained six men"),
    (PAGE, "Floodwaters swept through"),
    ((json.dumps({"id": "s1", "text": STORY}) + "\n{bad\n").encode(), "Border guards detained"),
])
def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch, data: bytes, expect: str):
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    items = list(read_sources(["-"]))
    assert isinstance(items[0], Article) and items[0].text.startswith(expect)
    if data.startswith(b"{"):
        assert items[0].id == "s1"
        assert isinstance(items[1], Failure) and items[1].source == "<stdin>:2"


def test_stdin_warc(monkeypatch: pytest.MonkeyPatch):
    data, ids = warc_bytes()
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    assert [i.id for i in read_sources(["-"])] == ids


def _page(head: str, byline: str) -> bytes:
    paragraphs = "".join(
        f"<p>{sentence}</p>" for sentence in (
            "Lawmakers voted on Wednesday to extend the state of emergency in the northern "
            "provinces for another three months, the speaker of parliament announced.",
            "The measure passed by 212 votes to 87 after a debate that lasted most of the day, "
            "with opposition members walking out before the final count.",
            "Rights groups said the emergency powers had been used to detain hundreds of people "
            "without charge since they were first imposed last year.",
        ))
    return (f"<html><head>{head}</head><body><article>{byline}{paragraphs}</article>"
            "</body></html>").encode()


def test_site_name_is_taken_off_the_title():
    head = ("<title>Parliament Extends Emergency Rule | The Northern Courier</title>"
            "<meta property='og:site_name' content='The Northern Courier'>")
    assert from_input(_page(head, "")).title == "Parliament Extends Emergency Rule"
    site_first = ("<title>The Northern Courier | Parliament Extends Emergency Rule</title>"
                  "<meta property='og:site_name' content='The Northern Courier'>")
    assert from_input(_page(site_first, "")).title == "Parliament Extends Emergency Rule"


def test_every_marked_up_author_is_kept():
    byline = "".join(
        f"<span itemprop='author' itemscope itemtype='https://schema.org/Person'>"
        f"<span itemprop='name'>{name}</span></span> "
        for name in ("Elena Petrova", "Samuel Adeyemi"))
    head = "<title>Emergency Rule Extended</title><meta name='author' content='Elena Petrova'>"
    article = from_input(_page(head, f"<p class='byline'>By {byline}</p>"))
    assert article.byline == ("Elena Petrova", "Samuel Adeyemi")


def test_jsonl_long_lines_line_separators_and_bad_bytes(monkeypatch: pytest.MonkeyPatch):
    long_text = STORY + "\n\n" + "The customs service said the seizure was its largest. " * 300
    odd = STORY.replace("on Friday", "on Friday\u2028at dawn")
    data = (json.dumps({"id": "long", "text": long_text}, ensure_ascii=False) + "\n"
            + json.dumps({"id": "odd", "text": odd}, ensure_ascii=False) + "\n").encode()
    data += b'{"id": "latin", "text": "caf\xe9 owners protested in the square."}\n'
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    first, second, third = read_sources(["-"])
    assert (first.id, second.id) == ("long", "odd")
    assert "\u2028at dawn" in second.text
    assert (third.code, third.source) == ("E112", "<stdin>:3")


def test_empty_jsonl_file(tmp_path: Path):
    path = tmp_path / "none.jsonl"
    path.write_bytes(b"\n\n")
    assert [i.code for i in read_sources([str(path)])] == ["E104"]


def test_declared_page_language_is_kept_or_refused():
    english = PAGE.decode().replace('<html lang="en">', '<html lang="en-GB">')
    assert from_input(english).language == "en"
    assert from_input(PAGE).language == "en"
    assert from_input(STORY).language == "en"
    mislabelled = PAGE.decode().replace('<html lang="en">', '<html lang="fr-FR">')
    assert from_input(mislabelled).language == "en"  # the text is English: the label is wrong
    with pytest.raises(InputError, match=r"E113.*'fr'"):
        from_input(FRENCH_PAGE)


def test_gzipped_text_html_and_jsonl_are_read_through(tmp_path: Path):
    import gzip

    (tmp_path / "story.txt.gz").write_bytes(gzip.compress(STORY.encode()))
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE))
    lines = "".join(json.dumps({"id": f"g{i}", "text": STORY}) + "\n" for i in range(3))
    (tmp_path / "feed.jsonl.gz").write_bytes(gzip.compress(lines.encode()))
    items = list(read_sources([str(tmp_path)]))
    assert all(isinstance(i, Article) for i in items), items
    assert [i.id for i in items if i.source.startswith(str(tmp_path / "feed"))] == \
        ["g0", "g1", "g2"]
    story = next(i for i in items if i.source.endswith("story.txt.gz"))
    assert story.title == "Border Guards Detain Smugglers"
    assert any(i.source.endswith("page.html.gz") and i.text for i in items)


def test_gzip_on_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch):
    import gzip

    fake = io.TextIOWrapper(io.BytesIO(gzip.compress(STORY.encode())))
    monkeypatch.setattr(sys, "stdin", fake)
    (item,) = list(read_sources(["-"]))
    assert isinstance(item, Article) and "six men" in item.text


def test_corrupt_gzip_is_one_failure(tmp_path: Path):
    import gzip

    data = gzip.compress((STORY * 50).encode())
    (tmp_path / "cut.txt.gz").write_bytes(data[: len(data) // 2])
    (item,) = list(read_sources([str(tmp_path / "cut.txt.gz")]))
    assert isinstance(item, Failure) and item.code == "E111" and "gzip" in item.reason


def test_a_page_in_another_language_is_refused_with_a_reason(tmp_path: Path):
    (tmp_path / "fr.html").write_text(FRENCH_PAGE, encoding="utf-8")
    (item,) = list(read_sources([str(tmp_path / "fr.html")]))
    assert isinstance(item, Failure) and item.code == "E113" and "'fr'" in item.reason


SPANISH_STORY = (
    "El ejército dijo el martes que sus tropas mataron a veinte combatientes en un ataque "
    "contra una base rebelde en el norte del país, según un comunicado del portavoz militar. "
    "Los soldados también rescataron a varias mujeres y niños que habían sido secuestrados "
    "durante el asalto a la aldea la semana pasada, y detuvieron a cinco sospechosos.")
ENGLISH_HEADLINES = (
    "Gunmen kill 12 in market attack\nArmy frees 40 hostages in dawn raid\n"
    "Protesters clash with police over fuel prices\nSenate passes budget after weeks of delay\n"
    "Floods displace thousands across delta states\nFive arrested over church bombing plot\n"
    "Governor sacks cabinet amid corruption probe\nTruckers end strike after pay deal\n")


def test_plain_text_in_another_language_is_refused_and_english_lists_are_not(tmp_path: Path):
    (tmp_path / "es.txt").write_text(SPANISH_STORY, encoding="utf-8")
    (tmp_path / "headlines.txt").write_text(ENGLISH_HEADLINES, encoding="utf-8")
    items = {Path(i.source).name: i for i in read_sources([str(tmp_path)])}
    spanish = items["es.txt"]
    assert isinstance(spanish, Failure) and spanish.code == "E114"
    assert "English only" in spanish.reason
    assert isinstance(items["headlines.txt"], Article)
    with pytest.raises(InputError, match="E114"):
        from_input(SPANISH_STORY)
