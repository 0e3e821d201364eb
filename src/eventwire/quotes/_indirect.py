"""Indirect quotations: a speech verb's complement clause, and "according to X, ...".

"Officials said (that) the convoy was attacked" and "The convoy was attacked, officials said"
give the clause as the quote; a clause holding scare-quoted words is "mixed". Verbs already used
by a direct quotation, negated verbs and verbs without a subject give nothing.
"""

from __future__ import annotations

from spacy.parts_of_speech import IDS
from spacy.tokens import Token

from eventwire.nlp import lowered_string, sentence_of, word_columns
from eventwire.quotes._draft import MARKS, Draft, Text, overlaps
from eventwire.quotes._lexicon import Cues
from eventwire.quotes._marks import Segment
from eventwire.quotes._speaker import (
    Cue,
    according_cue,
    according_to,
    cue_text,
    cue_verb,
    subject_of,
)

__all__ = ["according", "indirect"]

_VERB_POS = frozenset({IDS["VERB"], IDS["AUX"]})  # the parts of speech ``cue_verb`` accepts


def indirect(text: Text, cues: Cues, used: set[int], quoted: list[tuple[int, int]],
             loose: list[Segment]) -> list[Draft]:
    """ "X said (that) <clause>" / "<clause>, officials said": the verb's complement clause."""
    drafts: list[Draft] = []
    doc = text.doc
    for i in _verb_candidates(text, cues):
        token = doc[i]
        if i in used or not cue_verb(token, cues) or not cues.reports(token.lemma_.lower()):
            continue
        if any(c.dep_ == "neg" for c in token.children):
            continue
        clause = _complement(token)
        subject = subject_of(token)
        if clause is None or subject is None:
            continue
        start, end = clause
        if overlaps(start, end, quoted):
            continue
        if any(d.pieces == [(start, end)] for d in drafts):
            continue  # two speech verbs sharing one clause ("told ... and told")
        kind = "mixed" if overlaps(start, end, [(s.start, s.end) for s in loose]) else "indirect"
        cue = Cue(token, subject, cue_text(token))
        drafts.append(Draft(kind, [(start, end)], text.paragraph(start), cue))
    return drafts


def _verb_candidates(text: Text, cues: Cues) -> list[int]:
    """Indices of the verbs whose lemma is a speech verb, read from integer codes: a necessary
    condition of ``cue_verb``, so only these few words become ``Token`` objects (walking the
    whole document made one per word)."""
    doc = text.doc
    if not len(doc):
        return []
    columns = word_columns(doc)  # the document's word table, shared with other stages
    pos, lemmas = columns.pos, columns.lemma
    return [i for i, (tag, lemma) in enumerate(zip(pos, lemmas, strict=True))
            if tag in _VERB_POS and lowered_string(lemma, doc) in cues.verbs]


def _complement(verb: Token) -> tuple[int, int] | None:
    """Character span of the verb's complement clause without "that" and edge punctuation."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if not clauses:
        return None
    tokens = _trim(_same_paragraph(list(clauses[0].subtree), verb))
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in tokens)
    if len(tokens) < 3 or not has_verb:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _same_paragraph(tokens: list[Token], verb: Token) -> list[Token]:
    """The part of a clause in the verb's paragraph (a headline run into the first sentence
    must not become part of the quote)."""
    breaks = [k for k, t in enumerate(tokens) if "\n" in t.text]
    if not breaks:
        return tokens
    if tokens[0].i > verb.i:
        return tokens[:breaks[0]]
    if tokens[-1].i < verb.i:
        return tokens[breaks[-1] + 1:]
    return []


def _trim(tokens: list[Token]) -> list[Token]:
    """Without a leading "that" or punctuation and trailing punctuation (closing marks stay)."""
    start, end = 0, len(tokens)
    while start < end and (tokens[start].dep_ == "mark" or tokens[start].is_punct
                           or tokens[start].is_space):
        start += 1
    while end > start and (tokens[end - 1].is_space or (
            tokens[end - 1].is_punct and tokens[end - 1].text not in MARKS)):
        end -= 1
    return tokens[start:end]


def _anonymous_document(speaker: Token | None, cues: Cues) -> bool:
    """ "reports", "figures", "official data": a document nobody is named as the author of (but
    "a United Nations report" or "the ministry's figures" has one, and is a source)."""
    if speaker is None or speaker.pos_ != "NOUN" \
            or speaker.lemma_.lower() not in cues.according_documents:
        return False
    return not any(t.pos_ == "PROPN" or t.dep_ == "poss" or t.ent_type_ in ("ORG", "GPE", "NORP")
                   for t in speaker.subtree if t.i != speaker.i)


def according(text: Text, cues: Cues, used: set[int], quoted: list[tuple[int, int]],
               loose: list[Segment]) -> list[Draft]:
    """ "According to X, <clause>" / "<clause>, according to X": the rest of the sentence."""
    drafts: list[Draft] = []
    doc = text.doc
    first = cues.according_first
    for i in [i for i, word in enumerate(text.words) if word in first]:  # a phrase's first word
        size = according_to(text.words, i, cues)
        if not size or i in used:
            continue
        token = doc[i]
        cue = according_cue(doc, token, size)
        if _anonymous_document(cue.speaker, cues):
            continue  # "according to reports": hearsay (events flag it reported), nobody speaks
        phrase = list(token.subtree) if token.subtree else [token]
        sentence = sentence_of(token)
        last = max(phrase[-1].i, cue.speaker.i if cue.speaker else 0)
        here = text.paragraph(token.idx)
        rest = [t for t in sentence if not phrase[0].i <= t.i <= last
                and text.paragraph(t.idx) == here and "\n" not in t.text]
        rest = _trim(rest)
        if len(rest) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in rest):
            continue
        start, end = rest[0].idx, rest[-1].idx + len(rest[-1])
        if overlaps(start, end, quoted):
            continue
        kind = "mixed" if overlaps(start, end, [(s.start, s.end) for s in loose]) else "indirect"
        drafts.append(Draft(kind, [(start, end)], text.paragraph(start), cue))
    return drafts
